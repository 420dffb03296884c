/**
 * The value conversions sprig leans on, over the engine's Go value model:
 * `spf13/cast` (v1.7.0, what Helm builds with) for `int`, `int64`,
 * `float64` and the arithmetic, sprig's `strval` for `toString` and every
 * string-taking list function, sprig's `empty`, `reflect.DeepEqual`, reflect
 * kinds, and Go strings as UTF-8 bytes (sprig slices strings by byte).
 */
import { formatValue, typeName } from '../../template/fmt';
import { methodCaller } from '../../template/builtins';
import { GoError, traced, type CallContext, type Traced } from '../../template/funcs';
import { isPlace, type Origin } from '../../template/origin';
import { parseFloat64, utf8Decode, utf8Encode } from '../../template/strconv';
import { types, type GoType, type Kind } from '../../template/types';
import { GoBox, GoFunc, GoMap, GoPointer, GoScalar, GoSlice, GoStruct, goInt, goInt64, isPlainObject, typeOf, type GoValue } from '../../template/values';

export type Arg = GoValue | undefined;

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

/** Go's `int64(f)` on amd64: truncation, and the "integer indefinite" value for NaN and out-of-range floats. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

function pointee(v: Arg): Arg {
  while (v instanceof GoPointer && v.target !== undefined) v = v.target;
  return v;
}

/** cast's `trimZeroDecimal`: "3.0" and "3.00" parse as integers, "3.5" does not. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return c - 65 + 10;
  return 99;
}

/** Go's `underscoreOK`: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** `strconv.ParseInt(s, base, 64)`; `base` 0 reads Go's prefixes and underscores. Null on any error. */
export function parseGoInt(s0: string, base = 0): bigint | null {
  if (s0.length === 0) return null;
  let s = s0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let b = base;
  let underscores = false;
  if (base === 0) {
    b = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && (s[1] === 'x' || s[1] === 'X')) {
        b = 16;
        s = s.slice(2);
      } else if (s.length >= 3 && (s[1] === 'o' || s[1] === 'O')) {
        b = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && (s[1] === 'b' || s[1] === 'B')) {
        b = 2;
        s = s.slice(2);
      } else {
        b = 8;
        s = s.slice(1);
        if (s.length === 0) return 0n;
      }
    }
    underscores = true;
  }
  if (s.length === 0) return null;
  let n = 0n;
  const bb = BigInt(b);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95 && underscores) continue;
    const d = digitValue(c);
    if (d >= b) return null;
    n = n * bb + BigInt(d);
    if (n > 1n << 64n) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  if (neg) n = -n;
  if (n > MAX_INT64 || n < MIN_INT64) return null;
  return n;
}

/** The integer of an exact Go integer type (cast switches on concrete types, so named types do not count). */
function exactInteger(v: GoScalar): bigint | undefined {
  const t = v.type;
  if (t === types.int || t === types.int8 || t === types.int16 || t === types.int32 || t === types.int64) return v.value as bigint;
  if (t === types.uint || t === types.uint8 || t === types.uint16 || t === types.uint32 || t === types.uint64) return BigInt.asIntN(64, v.value as bigint);
  // cast's toInt knows time.Weekday and time.Month.
  if ((t.name === 'time.Weekday' || t.name === 'time.Month') && typeof v.value === 'bigint') return v.value;
  return undefined;
}

/** `cast.ToInt64E`: the value, or undefined for cast's error (which sprig drops, giving 0). */
export function castInt64(v0: Arg): bigint | undefined {
  const v = pointee(v0);
  switch (typeof v) {
    case 'number':
      return floatToInt64(v);
    case 'string': {
      const n = parseGoInt(trimZeroDecimal(v), 0);
      return n === null ? undefined : n;
    }
    case 'boolean':
      return v ? 1n : 0n;
    case 'undefined':
      return 0n;
  }
  if (v === null) return 0n;
  if (v instanceof GoScalar) {
    const n = exactInteger(v);
    if (n !== undefined) return n;
    if (v.type === types.float32) return floatToInt64(v.value as number);
  }
  return undefined;
}

/** `cast.ToInt64`: errors are 0. */
export function toInt64(v: Arg): bigint {
  return castInt64(v) ?? 0n;
}

/** `cast.ToFloat64E`. */
export function castFloat64(v0: Arg): number | undefined {
  const v = pointee(v0);
  switch (typeof v) {
    case 'number':
      return v;
    case 'string': {
      const f = parseFloat64(v);
      return f === null ? undefined : f;
    }
    case 'boolean':
      return v ? 1 : 0;
    case 'undefined':
      return 0;
  }
  if (v === null) return 0;
  if (v instanceof GoScalar) {
    const t = v.type;
    if (t === types.uint || t === types.uint8 || t === types.uint16 || t === types.uint32 || t === types.uint64) return Number(v.value as bigint);
    const n = exactInteger(v);
    if (n !== undefined) return Number(n);
    if (t === types.float32) return v.value as number;
  }
  return undefined;
}

export function toFloat64(v: Arg): number {
  return castFloat64(v) ?? 0;
}

/** `cast.ToInt` (int is 64-bit). */
export function toInt(v: Arg): bigint {
  return toInt64(v);
}

/** A Go `int` argument as a JavaScript number (counts, widths, indexes). */
export function intArg(v: Arg): number {
  return Number((v as GoScalar).value as bigint);
}

export function int64(n: bigint): GoScalar {
  return goInt64(n);
}

export function int(n: bigint | number): GoScalar {
  return goInt(n);
}

/** sprig's `strval`: strings as they are, `[]byte` as text, `Error()`/`String()` methods, else `%v`. */
export function strval(v: Arg, ctx: CallContext): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoSlice && v.type.elem === types.uint8 && v.type.kind === 'slice') return utf8Decode(bytesOf(v));
  return formatValue(v === undefined ? null : v, methodCaller(ctx));
}

/** The bytes of a `[]byte`/`[N]byte`. */
export function bytesOf(v: GoSlice): Uint8Array {
  const items = v.items ?? [];
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = Number((items[i] as GoScalar).value);
  return out;
}

/** Go's `reflect.Kind.String()` of a value's dynamic type ("invalid" for nil). */
export function kindName(v: Arg): string {
  const t = typeOf(v === null ? undefined : v);
  if (!t) return 'invalid';
  return kindString(t.kind);
}

export function kindString(kind: Kind): string {
  if (kind === 'pointer') return 'ptr';
  if (kind === 'unsafepointer') return 'unsafe.Pointer';
  return kind;
}

/** `reflect.TypeOf(x).Kind()` as sprig's list functions read it: a nil argument is a nil-pointer panic in Go. */
export function listKind(v: Arg): string {
  if (v === null || v === undefined) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  return kindName(v);
}

/** The elements of a slice or array, or undefined for any other value. */
export function listItems(v: Arg): readonly GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof GoSlice) return v.items ?? [];
  return undefined;
}

/** sprig's `empty`. */
export function empty(v: Arg): boolean {
  switch (typeof v) {
    case 'undefined':
      return true;
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'boolean':
      return !v;
  }
  if (v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) {
    for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key)) return false;
    return true;
  }
  if (v instanceof GoScalar) {
    const x = v.value;
    if (typeof x === 'bigint') return x === 0n;
    if (typeof x === 'number') return x === 0;
    if (typeof x === 'string') return x.length === 0;
    if (typeof x === 'boolean') return !x;
    return x.re === 0 && x.im === 0;
  }
  if (v instanceof GoSlice) return v.type.kind === 'array' ? (v.type.length ?? 0) === 0 : (v.items?.length ?? 0) === 0;
  if (v instanceof GoMap) return v.size === 0;
  if (v instanceof GoStruct) return false;
  if (v instanceof GoPointer) return v.target === undefined;
  if (v instanceof GoFunc) return v.def === null;
  return false;
}

/** `reflect.DeepEqual` of two interface values. */
export function deepEqual(a: Arg, b: Arg): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const ta = typeOf(a) as GoType;
  const tb = typeOf(b) as GoType;
  if (ta !== tb) return false;
  return deepValueEqual(a, b);
}

function deepValueEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || a instanceof GoSlice) {
    const ai = Array.isArray(a) ? a : a.items;
    const bi = Array.isArray(b) ? b : (b as GoSlice).items;
    if (ai === null || bi === null) return ai === bi;
    if (ai.length !== bi.length) return false;
    for (let i = 0; i < ai.length; i++) if (!deepEqual(ai[i], bi[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!deepEqual(a[k], b[k])) return false;
    }
    return true;
  }
  if (a instanceof GoScalar && b instanceof GoScalar) {
    const x = a.value;
    const y = b.value;
    if (typeof x === 'object' && typeof y === 'object') return x.re === y.re && x.im === y.im;
    return x === y;
  }
  if (a instanceof GoMap && b instanceof GoMap) {
    if (a.entries === null || b.entries === null) return a.entries === b.entries;
    if (a.size !== b.size) return false;
    for (const [key, entry] of a.entries) {
      const other = b.entries.get(key);
      if (!other || !deepEqual(entry.value, other.value)) return false;
    }
    return true;
  }
  if (a instanceof GoStruct && b instanceof GoStruct) {
    for (const name of Object.keys(a.fields)) if (!deepEqual(a.fields[name], b.fields[name])) return false;
    return true;
  }
  if (a instanceof GoPointer && b instanceof GoPointer) {
    if (a.target === undefined || b.target === undefined) return a.target === b.target;
    return deepEqual(a.target, b.target);
  }
  if (a instanceof GoFunc && b instanceof GoFunc) return a.def === null && b.def === null;
  return false;
}

// Go strings are bytes.

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** A string as Go sees it: its UTF-8 length, and byte slicing mapped back to UTF-16 offsets where it falls on rune boundaries. */
export class GoBytes {
  declare readonly text: string;
  declare readonly ascii: boolean;
  declare private bytes: Uint8Array | undefined;
  constructor(text: string) {
    this.text = text;
    this.ascii = isAscii(text);
    this.bytes = undefined;
  }

  get utf8(): Uint8Array {
    if (!this.bytes) this.bytes = utf8Encode(this.text);
    return this.bytes;
  }

  get length(): number {
    return this.ascii ? this.text.length : this.utf8.length;
  }

  byteAt(i: number): number {
    return this.ascii ? this.text.charCodeAt(i) : this.utf8[i];
  }

  /** `s[start:end]` (bytes); a cut through a rune gives U+FFFD, as printing an invalid Go string does. */
  slice(start: number, end: number = this.length): string {
    if (this.ascii) return this.text.slice(start, end);
    return utf8Decode(this.utf8.subarray(start, end));
  }

  /** The UTF-16 offset of byte offset `i`, or undefined when `i` is inside a rune. */
  utf16Offset(i: number): number | undefined {
    if (this.ascii) return i;
    let bytes = 0;
    let j = 0;
    while (bytes < i && j < this.text.length) {
      const c = this.text.codePointAt(j) as number;
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      j += c > 0xffff ? 2 : 1;
    }
    return bytes === i ? j : undefined;
  }
}

/** Go's runtime panic for `s[low:high]` out of range, as text/template reports a recovered panic. */
export function sliceBoundsError(low: number | undefined, high: number, length: number): GoError {
  if (low === undefined) return new GoError(`runtime error: slice bounds out of range [:${high}] with length ${length}`);
  if (high > length) return new GoError(`runtime error: slice bounds out of range [:${high}] with length ${length}`);
  return new GoError(`runtime error: slice bounds out of range [${low}:${high}]`);
}

/** Check `s[low:high]` as Go does, throwing its panic. */
export function checkSlice(low: number, high: number, length: number, lowGiven: boolean): void {
  if (high < 0 || high > length) throw sliceBoundsError(undefined, high, length);
  if (low < 0 || low > high)
    throw new GoError(lowGiven ? `runtime error: slice bounds out of range [${low}:${high}]` : `runtime error: slice bounds out of range [:${high}]`);
}

// Origins.

/** The printed form of a value, for deciding whether a conversion left its text unchanged. */
export function printed(v: Arg): string {
  return formatValue(v === undefined ? null : v);
}

/**
 * The result keeps argument `index`'s origin when it prints as the argument
 * did (`toString` of a values string, `int` of 512), and is computed
 * otherwise.
 */
export function keepIfUnchanged(ctx: CallContext, index: number, before: Arg, after: GoValue): GoValue | Traced {
  const origin = ctx.argOrigin(index);
  if (origin === undefined) return after;
  if (before === after || printed(before) === printed(after)) return traced(after, origin);
  return after;
}

/** The origin of a whole-value place kept for a value that was reformatted (a text place of another length is a value place). */
export function asValueOrigin(origin: Origin | undefined): Origin | undefined {
  if (origin && isPlace(origin) && origin.origin === 'text') return { ...origin, origin: 'value' };
  return origin;
}

/** The origin of element `key` of a container, from the values side table. */
export function elementOrigin(ctx: CallContext, container: GoValue | undefined, key: string | number): Origin | undefined {
  if (!ctx.locations || container === null || typeof container !== 'object' || container instanceof GoBox) return undefined;
  return ctx.locations.get(container, key)?.value;
}

export { typeName };
