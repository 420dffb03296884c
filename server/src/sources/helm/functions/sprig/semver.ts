/**
 * `semver` and `semverCompare` over Masterminds/semver v3 (what Helm builds
 * sprig with): versions are read leniently (`v1.2` is 1.2.0, as
 * `NewVersion` with coercion does), constraints with its operators (`=`,
 * `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`), wildcards (`x`,
 * `X`, `*`), hyphen ranges, `,`/space for "and" and `||` for "or", and its
 * prerelease rule: a prerelease version only satisfies a group of
 * constraints of which one names a prerelease.
 *
 * `semver` returns a `*semver.Version` with the library's methods (`Major`,
 * `Prerelease`, `Compare`, `IncMinor`…); it prints as its `String()`.
 */
import { defineFunc, GoError, type CallContext, type FuncDef } from '../../template/funcs';
import { quote } from '../../template/strconv';
import { pointerTo, structType, types, type GoMethod, type GoType, type Signature } from '../../template/types';
import { goInt, GoPointer, GoStruct, typedScalar, type GoValue } from '../../template/values';
import { compileGoRegexp, findAllString, findAllStringSubmatch, findStringSubmatch, matchString, type GoRegexp } from './goregexp';
import { jsonMarshaler, jsonString } from './json';

const MAX_UINT64 = (1n << 64n) - 1n;

export class Version {
  declare readonly major: bigint;
  declare readonly minor: bigint;
  declare readonly patch: bigint;
  declare readonly pre: string;
  declare readonly metadata: string;
  declare readonly original: string;

  constructor(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string, original: string) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
    this.metadata = metadata;
    this.original = original;
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.pre !== '') s += '-' + this.pre;
    if (this.metadata !== '') s += '+' + this.metadata;
    return s;
  }

  private vPrefix(): string {
    return this.original.startsWith('v') ? 'v' : '';
  }

  private with(changes: Partial<Pick<Version, 'major' | 'minor' | 'patch' | 'pre' | 'metadata'>>): Version {
    const next = new Version(
      changes.major ?? this.major,
      changes.minor ?? this.minor,
      changes.patch ?? this.patch,
      changes.pre ?? this.pre,
      changes.metadata ?? this.metadata,
      '',
    );
    return new Version(next.major, next.minor, next.patch, next.pre, next.metadata, this.vPrefix() + next.toString());
  }

  /** The version with other metadata and prerelease, its original text rebuilt (`SetMetadata`, `SetPrerelease`). */
  withParts(metadata: string, pre: string): Version {
    return this.with({ metadata, pre });
  }

  incPatch(): Version {
    if (this.pre !== '') return this.with({ pre: '', metadata: '' });
    if (this.patch === MAX_UINT64) throw new GoError('patch version increment would overflow uint64');
    return this.with({ pre: '', metadata: '', patch: this.patch + 1n });
  }

  incMinor(): Version {
    if (this.minor === MAX_UINT64) throw new GoError('minor version increment would overflow uint64');
    return this.with({ pre: '', metadata: '', patch: 0n, minor: this.minor + 1n });
  }

  incMajor(): Version {
    if (this.major === MAX_UINT64) throw new GoError('major version increment would overflow uint64');
    return this.with({ pre: '', metadata: '', patch: 0n, minor: 0n, major: this.major + 1n });
  }

  compare(o: Version): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ])
      if (a !== b) return a < b ? -1 : 1;
    if (this.pre === '' && o.pre === '') return 0;
    if (this.pre === '') return 1;
    if (o.pre === '') return -1;
    return comparePrerelease(this.pre, o.pre);
  }
}

function parseUint(s: string): bigint | null {
  if (!/^[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n > MAX_UINT64 ? null : n;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return s !== '' ? 1 : -1;
  const oi = parseUint(o);
  const si = parseUint(s);
  if (oi === null && si === null) return s > o ? 1 : -1;
  if (oi === null) return -1;
  if (si === null) return 1;
  return si > oi ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

const num = '0123456789';
const allowed = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-' + num;
const containsOnly = (s: string, set: string) => [...s].every((c) => set.includes(c));

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new GoError('invalid prerelease string');
    if (containsOnly(part, num)) {
      if (part.length > 1 && part[0] === '0') throw new GoError('version segment starts with 0');
    } else if (!containsOnly(part, allowed)) throw new GoError('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) if (part === '' || !containsOnly(part, allowed)) throw new GoError('invalid metadata string');
}

let looseVersion: GoRegexp | undefined;

function segment(text: string): bigint {
  const n = parseUint(text);
  if (n === null) throw new GoError(`error parsing version segment: strconv.ParseUint: parsing ${quote(text)}: value out of range`);
  return n;
}

/** `semver.NewVersion` (with coercion, the library's default). */
export function newVersion(v: string): Version {
  looseVersion ??= compileGoRegexp(
    '^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$',
  );
  const m = findStringSubmatch(looseVersion, v);
  if (!m) throw new GoError('invalid semantic version');
  const major = segment(m[1] as string);
  const minor = m[2] ? segment(m[2].slice(1)) : 0n;
  const patch = m[3] ? segment(m[3].slice(1)) : 0n;
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (pre !== '') validatePrerelease(pre);
  if (metadata !== '') validateMetadata(metadata);
  return new Version(major, minor, patch, pre, metadata, v);
}

// Constraints.

interface Constraint {
  con: Version;
  orig: string;
  origfunc: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

const cvRegex =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' + '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' + '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const ops = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';

interface ConstraintRegexps {
  constraint: GoRegexp;
  range: GoRegexp;
  find: GoRegexp;
  valid: GoRegexp;
}

let regexps: ConstraintRegexps | undefined;

function constraintRegexps(): ConstraintRegexps {
  regexps ??= {
    constraint: compileGoRegexp(`^\\s*(${ops})\\s*(${cvRegex})\\s*$`),
    range: compileGoRegexp(`\\s*(${cvRegex})\\s+-\\s+(${cvRegex})\\s*`),
    find: compileGoRegexp(`(${ops})\\s*(${cvRegex})`),
    valid: compileGoRegexp(`^(\\s*(${ops})\\s*(${cvRegex})\\s*)((?:\\s+|,\\s*)(${ops})\\s*(${cvRegex})\\s*)*$`),
  };
  return regexps;
}

const isX = (x: string | undefined) => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0) return { con: new Version(0n, 0n, 0n, '', '', '0.0.0'), orig: c, origfunc: '', minorDirty: false, patchDirty: false, dirty: true };
  const m = findStringSubmatch(constraintRegexps().constraint, c);
  if (!m) throw new GoError(`improper constraint: ${quote(c)}`);
  const [, origfunc, orig, m3 = '', m4 = '', m5 = '', m6 = ''] = m.map((x) => x ?? '');
  let ver = orig;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(m3) || m3 === '') {
    ver = `0.0.0${m6}`;
    dirty = true;
  } else if (isX(m4.replace(/^\./, '')) || m4 === '') {
    minorDirty = true;
    dirty = true;
    ver = `${m3}.0.0${m6}`;
  } else if (isX(m5.replace(/^\./, '')) || m5 === '') {
    dirty = true;
    patchDirty = true;
    ver = `${m3}${m4}.0${m6}`;
  }
  let con: Version;
  try {
    con = newVersion(ver);
  } catch {
    throw new GoError('constraint parser error');
  }
  return { con, orig, origfunc, minorDirty, patchDirty, dirty };
}

export function rewriteRange(i: string): string {
  const r = constraintRegexps().range;
  const matches = findAllStringSubmatch(r, i);
  let o = i;
  for (const v of matches) o = o.replace(v[0] as string, `>= ${v[1]}, <= ${v[11]} `);
  return o;
}

export interface Constraints {
  groups: Constraint[][];
  containsPre: boolean[];
}

/** `semver.NewConstraint`. */
export function newConstraint(c0: string): Constraints {
  const c = rewriteRange(c0);
  const groups: Constraint[][] = [];
  const containsPre: boolean[] = [];
  const { valid, find } = constraintRegexps();
  for (const v of c.split('||')) {
    if (!matchString(valid, v)) throw new GoError(`improper constraint: ${quote(v)}`);
    const cs = findAllString(find, v, -1) ?? [v];
    const group = cs.map(parseConstraint);
    containsPre.push(group.some((pc) => pc.con.pre !== ''));
    groups.push(group);
  }
  return { groups, containsPre };
}

function check(v: Version, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const con = c.con;
  switch (c.origfunc) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : v.compare(con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || con.pre !== '') return comparePrerelease(v.pre, con.pre) !== 0;
          return false;
        }
      }
      return v.compare(con) !== 0;
    case '>':
      if (!c.dirty) return v.compare(con) === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return v.compare(con) === 1;
    case '<':
      return v.compare(con) < 0;
    case '>=':
    case '=>':
      return v.compare(con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return v.compare(con) <= 0;
      if (v.major > con.major) return false;
      if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
  return false;
}

function tilde(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (v.compare(con) < 0) return false;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (v.compare(con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (con.major === 0n && v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (con.minor === 0n && v.minor > 0n) return false;
  return con.patch === v.patch;
}

/** `Constraints.Check`. */
export function checkConstraints(cs: Constraints, v: Version): boolean {
  return cs.groups.some((group, i) => group.every((c) => check(v, c, cs.containsPre[i])));
}

// The Go value of a *semver.Version.

const u64 = types.uint64;
const S = types.string;
const I = types.int;
const B = types.bool;

const versionData = new WeakMap<GoStruct, Version>();

function versionOf(receiver: GoValue): Version {
  const s = receiver instanceof GoPointer ? receiver.target : receiver;
  const v = s instanceof GoStruct ? versionData.get(s) : undefined;
  if (!v) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  return v;
}

const method = (signature: Signature, call: (v: Version, args: (GoValue | undefined)[], ctx: CallContext) => GoValue, pointerReceiver = false): GoMethod => ({
  signature,
  pointerReceiver,
  call: (receiver, args, ctx) => call(versionOf(receiver), args, ctx),
});

let versionTypes: { value: GoType; pointer: GoType } | undefined;

function versionGoTypes(): { value: GoType; pointer: GoType } {
  if (versionTypes) return versionTypes;
  const value = structType(
    'semver.Version',
    [
      { name: 'major', type: u64 },
      { name: 'minor', type: u64 },
      { name: 'patch', type: u64 },
      { name: 'pre', type: S },
      { name: 'metadata', type: S },
      { name: 'original', type: S },
    ],
    {},
  );
  const pointer = pointerTo(value);
  versionTypes = { value, pointer };
  const other = (v: GoValue | undefined) => versionOf(v as GoValue);
  const compare = (result: GoType): Signature => ({ params: [pointer], results: [result] });
  const methods: Record<string, GoMethod> = {
    String: method({ params: [], results: [S] }, (v) => v.toString()),
    Original: method({ params: [], results: [S] }, (v) => v.original, true),
    Major: method({ params: [], results: [u64] }, (v) => typedScalar(u64, v.major)),
    Minor: method({ params: [], results: [u64] }, (v) => typedScalar(u64, v.minor)),
    Patch: method({ params: [], results: [u64] }, (v) => typedScalar(u64, v.patch)),
    Prerelease: method({ params: [], results: [S] }, (v) => v.pre),
    Metadata: method({ params: [], results: [S] }, (v) => v.metadata),
    IncPatch: method({ params: [], results: [value] }, (v) => versionValue(v.incPatch())),
    IncMinor: method({ params: [], results: [value] }, (v) => versionValue(v.incMinor())),
    IncMajor: method({ params: [], results: [value] }, (v) => versionValue(v.incMajor())),
    SetPrerelease: method({ params: [S], results: [value, types.error] }, (v, [p]) => {
      if ((p as string).length > 0) validatePrerelease(p as string);
      return versionValue(v.withParts(v.metadata, p as string));
    }),
    SetMetadata: method({ params: [S], results: [value, types.error] }, (v, [m]) => {
      if ((m as string).length > 0) validateMetadata(m as string);
      return versionValue(v.withParts(m as string, v.pre));
    }),
    Compare: method(compare(I), (v, [o]) => goInt(v.compare(other(o))), true),
    LessThan: method(compare(B), (v, [o]) => v.compare(other(o)) < 0, true),
    LessThanEqual: method(compare(B), (v, [o]) => v.compare(other(o)) <= 0, true),
    GreaterThan: method(compare(B), (v, [o]) => v.compare(other(o)) > 0, true),
    GreaterThanEqual: method(compare(B), (v, [o]) => v.compare(other(o)) >= 0, true),
    Equal: method(compare(B), (v, [o]) => v.compare(other(o)) === 0, true),
  };
  const table = value.methods as Map<string, GoMethod>;
  for (const [name, m] of Object.entries(methods)) table.set(name, m);
  const marshal = (v: GoValue) => jsonString(versionOf(v).toString(), true);
  Object.defineProperty(value, jsonMarshaler, { value: marshal });
  Object.defineProperty(pointer, jsonMarshaler, { value: marshal });
  return versionTypes;
}

/** A `semver.Version` value. */
export function versionValue(v: Version): GoStruct {
  const { value } = versionGoTypes();
  const s = new GoStruct(value, {
    major: typedScalar(u64, v.major),
    minor: typedScalar(u64, v.minor),
    patch: typedScalar(u64, v.patch),
    pre: v.pre,
    metadata: v.metadata,
    original: v.original,
  });
  versionData.set(s, v);
  return s;
}

/** Parsed constraints and versions by text (charts compare the same few strings on every render); errors are cached too. */
function cached<T>(parse: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T | GoError>();
  return (text) => {
    let hit = cache.get(text);
    if (hit === undefined) {
      try {
        hit = parse(text);
      } catch (error) {
        if (!(error instanceof GoError)) throw error;
        hit = error;
      }
      if (cache.size >= 512) cache.delete(cache.keys().next().value as string);
      cache.set(text, hit);
    }
    if (hit instanceof GoError) throw new GoError(hit.message);
    return hit;
  };
}

export function semverFunctions(): Record<string, FuncDef> {
  const constraint = cached(newConstraint);
  const version = cached(newVersion);
  return {
    semverCompare: defineFunc({ params: [S, S], results: [B, types.error] }, ([c, v]) => checkConstraints(constraint(c as string), version(v as string))),
    semver: defineFunc({ params: [S], results: [types.any, types.error] }, ([v]) => {
      const { pointer } = versionGoTypes();
      return new GoPointer(pointer, versionValue(version(v as string)));
    }),
  };
}

/** One constraint checked alone (the library's `constraint.check`), prereleases allowed when it names one. */
export function checkOne(constraint: string, version: string): boolean {
  const c = parseConstraint(constraint);
  return check(newVersion(version), c, c.con.pre !== '');
}
