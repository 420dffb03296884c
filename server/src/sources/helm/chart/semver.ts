/**
 * The semantic versions and constraints Helm checks chart versions with
 * (Masterminds/semver v3): `Chart.yaml` `version`, dependency `version`
 * ranges, `kubeVersion`.
 */

export interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const looseVersion = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion: undefined when the text is not a version. */
export function parseVersion(text: string): SemVersion | undefined {
  const match = looseVersion.exec(text);
  if (!match) return undefined;
  const segment = (part: string | undefined): bigint => (part ? BigInt(part.replace(/^\./, '')) : 0n);
  const limit = (1n << 64n) - 1n;
  const version = {
    major: segment(match[1]),
    minor: segment(match[2]),
    patch: segment(match[3]),
    pre: match[5] ?? '',
    metadata: match[8] ?? '',
    original: text,
  };
  if (version.major > limit || version.minor > limit || version.patch > limit) return undefined;
  return version;
}

export function versionString(version: SemVersion): string {
  let text = `${version.major}.${version.minor}.${version.patch}`;
  if (version.pre) text += `-${version.pre}`;
  if (version.metadata) text += `+${version.metadata}`;
  return text;
}

function compareSegments(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNumeric = /^[0-9]+$/.test(s);
  const oNumeric = /^[0-9]+$/.test(o);
  if (!sNumeric && !oNumeric) return s > o ? 1 : -1;
  if (!oNumeric) return -1;
  if (!sNumeric) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const d = comparePrePart(left[i] ?? '', right[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

export function compareVersions(a: SemVersion, b: SemVersion): number {
  const d = compareSegments(a.major, b.major) || compareSegments(a.minor, b.minor) || compareSegments(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  operator: string;
  version: SemVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const ops = '=|!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const opsOrEmpty = `(?:${ops})?`;
const cv = '(v?([0-9|xX*]+)(\\.[0-9|xX*]+)?(\\.[0-9|xX*]+)?(-([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?(\\+([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?)';
const cvPlain = 'v?[0-9|xX*]+(?:\\.[0-9|xX*]+)?(?:\\.[0-9|xX*]+)?(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
const constraintPattern = new RegExp(`^\\s*(${ops}|)\\s*${cv}\\s*$`);
const rangePattern = new RegExp(`\\s*(${cvPlain})\\s+-\\s+(${cvPlain})\\s*`, 'g');
const findPattern = new RegExp(`(?:${ops}|)\\s*${cvPlain}`, 'g');
const validPattern = new RegExp(`^(\\s*${opsOrEmpty}\\s*${cvPlain}\\s*)((?:\\s+|,\\s*)${opsOrEmpty}\\s*${cvPlain}\\s*)*$`);

const isX = (text: string): boolean => text === 'x' || text === 'X' || text === '*';

function parseConstraint(text: string): Constraint | undefined {
  const match = constraintPattern.exec(text);
  if (!match) return undefined;
  const [, operator, , major, minorPart, patchPart, preWithDash] = match;
  const pre = preWithDash ?? '';
  const minor = (minorPart ?? '').replace(/^\./, '');
  const patch = (patchPart ?? '').replace(/^\./, '');
  let versionText: string;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major)) {
    versionText = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor) || minor === '') {
    minorDirty = true;
    dirty = true;
    versionText = `${major}.0.0${pre}`;
  } else if (isX(patch) || patch === '') {
    dirty = true;
    patchDirty = true;
    versionText = `${major}.${minor}.0${pre}`;
  } else versionText = match[2];
  const version = parseVersion(versionText);
  if (!version) return undefined;
  return { operator, version, dirty, minorDirty, patchDirty };
}

function check(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const con = c.version;
  const cmp = compareVersions(v, con);
  switch (c.operator) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : cmp === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || con.pre !== '') && comparePrerelease(v.pre, con.pre) !== 0;
      }
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return cmp === 1;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
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

function tilde(v: SemVersion, c: Constraint): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: SemVersion, c: Constraint): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (con.major === 0n && v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (con.minor === 0n && v.minor > 0n) return false;
  return con.patch === v.patch;
}

/** A parsed constraint: alternatives (`||`) of conjunctions. Undefined when the text is not a constraint. */
export function parseConstraints(text: string): { alternatives: Constraint[][]; containsPre: boolean[] } | undefined {
  const rewritten = text.replace(rangePattern, (_whole, low: string, high: string) => `>= ${low}, <= ${high} `);
  const alternatives: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const part of rewritten.split('||')) {
    if (!validPattern.test(part)) return undefined;
    const pieces = part.match(findPattern) ?? [part];
    const parsed: Constraint[] = [];
    let pre = false;
    for (const piece of pieces) {
      const constraint = parseConstraint(piece);
      if (!constraint) return undefined;
      if (constraint.version.pre !== '') pre = true;
      parsed.push(constraint);
    }
    alternatives.push(parsed);
    containsPre.push(pre);
  }
  return { alternatives, containsPre };
}

/** chartutil.IsCompatibleRange: does `version` satisfy `constraint`? False when either does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  const parsed = parseConstraints(constraint);
  if (!parsed) return false;
  return parsed.alternatives.some((conjunction, i) => conjunction.every((c) => check(v, c, parsed.containsPre[i])));
}
