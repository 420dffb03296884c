/**
 * An exact model of Kubernetes' `resource.Quantity`
 * (k8s.io/apimachinery/pkg/api/resource: quantity.go, suffix.go, amount.go,
 * math.go, scale_int.go, with gopkg.in/inf.v0 for the decimal form).
 *
 * Upstream keeps a quantity in one of two representations — a scaled int64
 * (`int64Amount`) or an arbitrary precision decimal (`inf.Dec`) — and several
 * results depend on which one a value happens to be in (e.g. `Value()` of
 * `-1.1Ki` is -1125, not -1127; `Value()` of `1000E` is 0 and its `String()`
 * is "1"). Because "a wrong number is worse than none", this module mirrors
 * both representations and their int64/int32 wrap-arounds instead of
 * computing the mathematically "right" answer. Every such quirk below was
 * checked against the upstream Go code compiled and run as an oracle.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

// Exact upstream error strings: validation messages quote them verbatim.
const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ErrFormatWrong = "quantities must match the regular expression '" + SPLIT_RE_STRING + "'";
export const ErrNumeric = 'unable to parse numeric part of quantity';
export const ErrSuffix = "unable to parse quantity's suffix";

/** A parse failure; `.message` is exactly one of the three upstream error strings. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

/**
 * The YAML → JSON conversion failed before any quantity parsing happened
 * (e.g. `.inf`, which encoding/json refuses to marshal). A subclass so callers
 * handling `QuantityError` still see it, but its message is the conversion
 * error, not one of the three parse errors.
 */
export class YamlToJsonError extends QuantityError {
  constructor(message: string) {
    super(message);
    this.name = 'YamlToJsonError';
  }
}

// ---------------------------------------------------------------------------
// int64 / int32 helpers (Go semantics)

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
/** Go's int64 arithmetic wraps silently; upstream relies on that in places. */
const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);
/** Go's `Scale`/`inf.Scale` are int32 and wrap too. */
const i32 = (x: number): number => x | 0;
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const bsign = (x: bigint): -1 | 0 | 1 => (x === 0n ? 0 : x < 0n ? -1 : 1);

/**
 * Upper bound on powers of ten this module will materialise. Upstream would
 * happily try to build 10^2000000000 for `1e2000000000 + 1m` (and hang or run
 * out of memory); an editor must not, so such arithmetic throws RangeError.
 * Parsing, String(), Value() and friends never need to materialise huge
 * powers: they work on (coefficient, exponent) pairs.
 */
const MAX_POW10 = 200_000;
function pow10(n: number): bigint {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`pow10(${n})`);
  if (n > MAX_POW10) throw new RangeError('quantity arithmetic too large to compute exactly');
  return 10n ** BigInt(n);
}
/** 10^n mod 2^64: enough to know what big.Int.Int64() returns after a rescale. */
function pow10Mod64(n: number): bigint {
  return n >= 64 ? 0n : 10n ** BigInt(n);
}
function digitCount(x: bigint): number {
  return x === 0n ? 1 : abs(x).toString().length;
}

// math.go
function int64Add(a: bigint, b: bigint): [bigint, boolean] {
  const c = wrap64(a + b);
  if (a > 0n && b > 0n && c < 0n) return [0n, false];
  if (a < 0n && b < 0n) {
    if (c > 0n) return [0n, false];
    if (a === INT64_MIN && b === INT64_MIN) return [0n, false];
  }
  return [c, true];
}

function int64Multiply(a: bigint, b: bigint): [bigint, boolean] {
  if (a === 0n || b === 0n || a === 1n || b === 1n) return [a * b, true];
  if (a === INT64_MIN || b === INT64_MIN) return [0n, false];
  const c = wrap64(a * b);
  return [c, c / b === a];
}

/** int64MultiplyScale{,10,100,1000}: b > 1. On overflow upstream still hands back the wrapped product. */
function int64MultiplyScale(a: bigint, b: bigint): [bigint, boolean] {
  if (a === 0n || a === 1n) return [a * b, true];
  if (a === INT64_MIN) return [0n, false];
  const c = wrap64(a * b);
  return [c, c / b === a];
}

/** positiveScaleInt64: multiplies by 10^scale; the wrapped/zero results on overflow matter (ScaledValue ignores ok). */
function positiveScaleInt64(base: bigint, scale: number): [bigint, boolean] {
  switch (scale) {
    case 0:
      return [base, true];
    case 1:
      return int64MultiplyScale(base, 10n);
    case 2:
      return int64MultiplyScale(base, 100n);
    case 3:
      return int64MultiplyScale(base, 1000n);
    case 6:
      return int64MultiplyScale(base, 1_000_000n);
    case 9:
      return int64MultiplyScale(base, 1_000_000_000n);
    default: {
      // A zero base never overflows: upstream would spin `scale` times; the answer is 0.
      if (base === 0n) return [0n, true];
      let value = base;
      for (let i = 0; i < scale; i++) {
        const [v, ok] = int64MultiplyScale(value, 10n);
        if (!ok) return [0n, false];
        value = v;
      }
      return [value, true];
    }
  }
}

/** negativeScaleInt64: divides by 10^scale rounding away from zero. */
function negativeScaleInt64(base: bigint, scale: number): [bigint, boolean] {
  if (scale === 0) return [base, true];
  let value = base;
  let fraction = false;
  for (let i = 0; i < scale; i++) {
    if (!fraction && value % 10n !== 0n) fraction = true;
    value = value / 10n;
    if (value === 0n) {
      if (fraction) return [base > 0n ? 1n : -1n, false];
      return [0n, true];
    }
  }
  if (fraction) value = base > 0n ? value + 1n : value - 1n;
  return [value, !fraction];
}

function removeInt64Factors(value: bigint, base: bigint): [bigint, number] {
  let times = 0;
  let result = value;
  const negative = result < 0n;
  if (negative) result = wrap64(-result);
  while (result >= base && result % base === 0n) {
    times++;
    result = result / base;
  }
  if (negative) result = wrap64(-result);
  return [result, times];
}

// ---------------------------------------------------------------------------
// The two upstream representations

/** int64Amount: value · 10^scale, value an int64. */
interface IntAmount {
  readonly kind: 'int';
  readonly value: bigint;
  readonly scale: number;
}

/**
 * inf.Dec, kept symbolically: the number is coef · 10^exp, and `scale` is the
 * inf.Scale upstream's Dec would carry (its unscaled integer is
 * coef · 10^(exp + scale), exp + scale >= 0). Keeping coef/exp apart lets us
 * reproduce big.Int.Int64() of a gigantic unscaled value without building it.
 */
interface DecAmount {
  readonly kind: 'dec';
  readonly coef: bigint;
  readonly exp: number;
  readonly scale: number;
}

type Amount = IntAmount | DecAmount;

const intAmount = (value: bigint, scale: number): IntAmount => ({ kind: 'int', value, scale });
const decAmount = (coef: bigint, exp: number, scale: number): DecAmount => ({ kind: 'dec', coef, exp, scale });
const intToDec = (a: IntAmount): DecAmount => decAmount(a.value, a.scale, i32(-a.scale));

function amountSign(a: Amount): -1 | 0 | 1 {
  return bsign(a.kind === 'int' ? a.value : a.coef);
}

/** Exact comparison of c1·10^e1 and c2·10^e2. */
function cmpScaled(c1: bigint, e1: number, c2: bigint, e2: number): -1 | 0 | 1 {
  const s1 = bsign(c1);
  const s2 = bsign(c2);
  if (s1 !== s2) return s1 < s2 ? -1 : 1;
  if (s1 === 0) return 0;
  // Orders of magnitude first, so 1e2000000000 vs 1 needs no huge power.
  const m1 = digitCount(c1) + e1;
  const m2 = digitCount(c2) + e2;
  if (m1 !== m2) return (m1 > m2) === (s1 > 0) ? 1 : -1;
  const e = Math.min(e1, e2);
  const a = c1 * pow10(e1 - e);
  const b = c2 * pow10(e2 - e);
  return a === b ? 0 : a < b ? -1 : 1;
}

function cmpAmounts(x: Amount, y: Amount): -1 | 0 | 1 {
  // int64Amount.Cmp and inf.Dec.Cmp are both exact comparisons.
  const [c1, e1] = x.kind === 'int' ? [x.value, x.scale] : [x.coef, x.exp];
  const [c2, e2] = y.kind === 'int' ? [y.value, y.scale] : [y.coef, y.exp];
  return cmpScaled(c1, e1, c2, e2);
}

/** inf.Dec.Round(x, newScale, inf.RoundUp): away from zero, result carries exactly newScale. */
function decRound(x: DecAmount, newScale: number): [DecAmount, boolean] {
  const k = x.exp + newScale;
  if (k >= 0) return [decAmount(x.coef, x.exp, newScale), true];
  const drop = -k;
  let q: bigint;
  let exact: boolean;
  if (x.coef === 0n) {
    q = 0n;
    exact = true;
  } else if (drop > digitCount(x.coef)) {
    q = BigInt(bsign(x.coef));
    exact = false;
  } else {
    const p = pow10(drop);
    q = x.coef / p;
    const r = x.coef % p;
    exact = r === 0n;
    if (!exact) q += x.coef > 0n ? 1n : -1n;
  }
  return [decAmount(q, -newScale, newScale), exact];
}

/** big.Int.Int64() of the Dec's unscaled value (low 64 bits, sign applied). */
function decUnscaledInt64(x: DecAmount): bigint {
  return wrap64(x.coef * pow10Mod64(x.exp + x.scale));
}

/** floor(unscaled / 10^dif) as big.Int.DivMod (Euclidean) does it, truncated by Int64(); and whether a remainder was left. */
function decFloorDivInt64(x: DecAmount, dif: number): [bigint, boolean] {
  const k = x.exp + x.scale - dif;
  if (k >= 0) return [wrap64(x.coef * pow10Mod64(k)), false];
  const d = -k;
  if (x.coef === 0n) return [0n, false];
  if (d > digitCount(x.coef)) return [x.coef > 0n ? 0n : -1n, true];
  const p = pow10(d);
  let q = x.coef / p;
  const r = x.coef % p;
  if (r < 0n) q -= 1n;
  return [wrap64(q), r !== 0n];
}

function decAdd(x: DecAmount, y: DecAmount): DecAmount {
  // inf.Dec.Add: the result carries the larger scale.
  const scale = Math.max(x.scale, y.scale);
  if (y.coef === 0n) return decAmount(x.coef, x.exp, scale);
  if (x.coef === 0n) return decAmount(y.coef, y.exp, scale);
  const e = Math.min(x.exp, y.exp);
  return decAmount(x.coef * pow10(x.exp - e) + y.coef * pow10(y.exp - e), e, scale);
}

// amount.go: int64Amount methods
function intAsScaledInt64(a: IntAmount, scale: number): [bigint, boolean] {
  if (a.scale < scale) {
    const [r] = negativeScaleInt64(a.value, i32(scale - a.scale));
    return [r, true];
  }
  return positiveScaleInt64(a.value, i32(a.scale - scale));
}

function intAsScale(a: IntAmount, scale: number): [IntAmount, boolean] {
  if (a.scale >= scale) return [a, true];
  const [v, exact] = negativeScaleInt64(a.value, i32(scale - a.scale));
  return [intAmount(v, scale), exact];
}

function intAdd(a: IntAmount, b: IntAmount): IntAmount | null {
  if (b.value === 0n) return a;
  if (a.value === 0n) return b;
  if (a.scale === b.scale) {
    const [c, ok] = int64Add(a.value, b.value);
    return ok ? intAmount(c, a.scale) : null;
  }
  if (a.scale > b.scale) {
    const [s, ok1] = positiveScaleInt64(a.value, i32(a.scale - b.scale));
    if (!ok1) return null;
    const [c, ok2] = int64Add(s, b.value);
    return ok2 ? intAmount(c, b.scale) : null;
  }
  const [s, ok1] = positiveScaleInt64(b.value, i32(b.scale - a.scale));
  if (!ok1) return null;
  const [c, ok2] = int64Add(a.value, s);
  return ok2 ? intAmount(c, a.scale) : null;
}

function scaledValueOf(a: Amount, scale: number): bigint {
  if (a.kind === 'int') return intAsScaledInt64(a, scale)[0];
  // quantity.go ScaledValue → scale_int.go scaledValue(unscaled, scale, newScale)
  const newScale = i32(-scale);
  const dif = a.scale - newScale;
  if (dif === 0) return decUnscaledInt64(a);
  if (dif < 0) {
    // int64(math.Pow10(n)) for n >= 19 is out of range; amd64 (CVTTSD2SQ) yields MinInt64.
    const f = -dif <= 18 ? 10n ** BigInt(-dif) : INT64_MIN;
    return wrap64(decUnscaledInt64(a) * f);
  }
  if (cmpScaled(a.coef, a.exp + a.scale, INT64_MAX, 0) < 0 && dif < 19) {
    // Fast path: Go's truncating division plus "+1 if remainder" — so a
    // negative fraction moves towards zero by one too many (-1.5 → 0).
    const u = decUnscaledInt64(a);
    const d = 10n ** BigInt(dif);
    const r = u / d;
    return u % d !== 0n ? r + 1n : r;
  }
  const [q, rem] = decFloorDivInt64(a, dif);
  return rem ? wrap64(q + 1n) : q;
}

// Canonical forms (amount.go AsCanonicalBytes / AsCanonicalBase1024Bytes)
function decCanonical(x: DecAmount): [string, number] {
  let amount = x.coef;
  let tz = 0;
  if (amount !== 0n) {
    const digits = abs(amount).toString();
    let i = digits.length;
    while (i > 1 && digits[i - 1] === '0') i--;
    tz = digits.length - i;
    if (tz > 0) amount = amount / pow10(tz);
  }
  let exponent = i32(x.exp + tz);
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent = i32(exponent - 1);
  }
  return [amount.toString(), exponent];
}

function intCanonical(a: IntAmount): [string, number] {
  const [removed, times] = removeInt64Factors(a.value, 10n);
  let amount = removed;
  let exponent = i32(a.scale + times);
  switch (exponent % 3) {
    case 1:
    case -2: {
      const [v, ok] = int64MultiplyScale(amount, 10n);
      if (!ok) return decCanonical(intToDec(a));
      amount = v;
      exponent = i32(exponent - 1);
      break;
    }
    case 2:
    case -1: {
      const [v, ok] = int64MultiplyScale(amount, 100n);
      if (!ok) return decCanonical(intToDec(a));
      amount = v;
      exponent = i32(exponent - 2);
      break;
    }
  }
  return [amount.toString(), exponent];
}

function decCanonical1024(x: DecAmount): [string, number] {
  const [r] = decRound(x, 0);
  let amount = r.coef * pow10(r.exp);
  let times = 0;
  while (amount !== 0n && amount % 1024n === 0n) {
    amount /= 1024n;
    times++;
  }
  return [amount.toString(), times];
}

function canonical1024(a: Amount): [string, number] {
  if (a.kind === 'dec') return decCanonical1024(a);
  const [v, ok] = intAsScaledInt64(a, 0);
  if (!ok) return decCanonical1024(intToDec(a));
  const [amount, times] = removeInt64Factors(v, 1024n);
  return [amount.toString(), times];
}

// suffix.go: a (base, exponent) pair missing from the tables yields no
// suffix at all — upstream then prints the bare mantissa (1000E → "1").
const DECIMAL_SUFFIXES = new Map<number, string>([
  [-9, 'n'], [-6, 'u'], [-3, 'm'], [0, ''], [3, 'k'], [6, 'M'], [9, 'G'], [12, 'T'], [15, 'P'], [18, 'E'],
]);
const BINARY_SUFFIXES = new Map<number, string>([
  [10, 'Ki'], [20, 'Mi'], [30, 'Gi'], [40, 'Ti'], [50, 'Pi'], [60, 'Ei'],
]);

interface SuffixMeaning {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): SuffixMeaning | null {
  for (const [e, suf] of DECIMAL_SUFFIXES) if (suf === s) return { base: 10, exponent: e, format: 'DecimalSI' };
  for (const [e, suf] of BINARY_SUFFIXES) if (suf === s) return { base: 2, exponent: e, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'E' || s[0] === 'e')) {
    const parsed = goParseInt(s.slice(1), 10);
    if (parsed === null) return null;
    // int32(parsed): an absurd exponent wraps rather than failing.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Parsing

interface SplitQuantity {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** parseQuantityString: a scanner, not the regex its error message quotes. */
function splitQuantity(str: string): SplitQuantity | QuantityError {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // Leading zeros; a string of only zeros (or a bare sign!) is zero.
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
    pos++;
  }
  let num: string;
  {
    let i = pos;
    while (i < end && isDigit(str[i]!)) i++;
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    num = str.slice(pos, i);
    pos = i;
  }
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let i = pos;
    while (i < end && isDigit(str[i]!)) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i; // `1.G` (empty fraction) is accepted upstream.
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos]!)) pos++;
  if (pos < end) return new QuantityError(ErrFormatWrong);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** inf.Dec.SetString on the numeric part: needs at least one digit. */
function parseDecimal(value: string): { unscaled: bigint; scale: number } | null {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m) return null;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  if (intPart.length + frac.length === 0) return null;
  const u = BigInt(intPart + frac);
  return { unscaled: m[1] === '-' ? -u : u, scale: frac.length };
}

interface Parsed {
  amount: Amount;
  format: QuantityFormat;
  cached?: string;
}

function parseQuantity(str: string): Parsed | QuantityError {
  if (str.length === 0) return new QuantityError(ErrFormatWrong);
  if (str === '0') return { amount: intAmount(0n, 0), format: 'DecimalSI', cached: '0' };

  const split = splitQuantity(str);
  if (split instanceof QuantityError) return split;
  const { positive, value, num, denom } = split;

  const meaning = interpretSuffix(split.suffix);
  if (!meaning) return new QuantityError(ErrSuffix);
  const { base, exponent } = meaning;
  let format = meaning.format;

  // Fast path into an int64Amount when the digits surely fit.
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      // int32(float32(exponent)*3/10): exact for the table's 10..60.
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale = i32(scale - denom.length);
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      if (v > INT64_MAX) return new QuantityError(ErrNumeric);
      const [product, ok] = int64Multiply(v, mantissa);
      if (ok) {
        const result = positive ? product : wrap64(-product);
        const amount = intAmount(result, scale);
        // Upstream keeps the input text as the String() when it judges it
        // canonical — a heuristic that also keeps "+1", "01", "1.500", "1E3".
        let canonicalInput: boolean;
        if (format === 'BinarySI') canonicalInput = exponent % 10 === 0 && (v & 7n) !== 0n;
        else canonicalInput = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return canonicalInput ? { amount, format, cached: str } : { amount, format };
      }
    }
  }

  // Slow path: inf.Dec.
  const dec = parseDecimal(value);
  if (!dec) return new QuantityError(ErrNumeric);
  let coef = dec.unscaled;
  let decScale = dec.scale;
  if (base === 10) decScale = i32(decScale + i32(-exponent));
  else coef = coef << BigInt(exponent);

  const sign = bsign(coef);
  let amount = decAmount(abs(coef), -decScale, decScale);
  // Any non-zero value is rounded up to a whole nano ("if you want some
  // resources, you should get some").
  if (amount.coef !== 0n) amount = decRound(amount, 9)[0];
  // Only BinarySI is capped at 2^63-1; decimal formats keep huge values.
  if (format === 'BinarySI' && cmpScaled(amount.coef, amount.exp, INT64_MAX, 0) > 0) {
    amount = decAmount(INT64_MAX, 0, 0);
  }
  if (format === 'BinarySI' && amount.coef !== 0n && cmpScaled(amount.coef, amount.exp, 1n, 0) < 0) {
    format = 'DecimalSI';
  }
  if (sign === -1) amount = decAmount(-amount.coef, amount.exp, amount.scale);
  return { amount, format };
}

// ---------------------------------------------------------------------------

/** An immutable resource.Quantity. */
export class Quantity {
  private readonly amount: Amount;
  private readonly fmt: QuantityFormat;
  /** Upstream's cached `s`: String() returns it verbatim when set. */
  private readonly cached: string | undefined;

  private constructor(amount: Amount, format: QuantityFormat, cached?: string) {
    this.amount = amount;
    this.fmt = format;
    this.cached = cached;
  }

  /** ParseQuantity: no trimming. Throws QuantityError. */
  static parse(text: string): Quantity {
    const q = Quantity.tryParse(text);
    if (q instanceof QuantityError) throw q;
    return q;
  }

  static tryParse(text: string): Quantity | QuantityError {
    const p = parseQuantity(text);
    if (p instanceof QuantityError) return p;
    return new Quantity(p.amount, p.format, p.cached);
  }

  /** NewQuantity(v, format). */
  static fromValue(v: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    checkInt64(v);
    return new Quantity(intAmount(v, 0), format);
  }

  /** NewMilliQuantity(milli, format). */
  static fromMilli(milli: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    checkInt64(milli);
    return new Quantity(intAmount(milli, -3), format);
  }

  /** NewScaledQuantity(v, scale) (upstream always uses DecimalSI): v · 10^scale. */
  static fromScaled(v: bigint, scale: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    checkInt64(v);
    return new Quantity(intAmount(v, i32(scale)), format);
  }

  /** The zero Quantity{}; upstream's Format is "" there, which only matters once non-zero (never, as Add adopts y's format). */
  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(intAmount(0n, 0), format);
  }

  get format(): QuantityFormat {
    return this.fmt;
  }

  /** Whether upstream holds this value as inf.Dec (as opposed to int64Amount); results of Value() etc. depend on it. */
  get isDecimalRepresentation(): boolean {
    return this.amount.kind === 'dec';
  }

  /** Value(): rounded up away from zero — except for the upstream quirks documented at the top. */
  value(): bigint {
    return scaledValueOf(this.amount, 0);
  }

  /** MilliValue(): ceil(q·1000); may wrap around for huge values, as upstream. */
  milliValue(): bigint {
    return scaledValueOf(this.amount, -3);
  }

  /** ScaledValue(scale): ceil(q / 10^scale), upstream overflow behaviour included. */
  scaledValue(scale: number): bigint {
    return scaledValueOf(this.amount, i32(scale));
  }

  /** RoundUp(scale) as a new Quantity (format kept). */
  roundUp(scale: number): Quantity {
    return this.roundUpExact(scale).quantity;
  }

  /** RoundUp(scale) with its return value: false when precision was lost. */
  roundUpExact(scale: number): { quantity: Quantity; exact: boolean } {
    const s = i32(scale);
    const a = this.amount;
    if (a.kind === 'dec') {
      const [r, exact] = decRound(a, i32(-s));
      return { quantity: new Quantity(r, this.fmt), exact };
    }
    // An int64Amount already at that scale keeps its cached string.
    if (a.scale >= s) return { quantity: this, exact: true };
    const [r, exact] = intAsScale(a, s);
    return { quantity: new Quantity(r, this.fmt), exact };
  }

  /** String(): the cached input text if upstream kept it, else the canonical form. */
  toString(): string {
    return this.cached ?? this.canonicalString();
  }

  /** CanonicalizeBytes, ignoring any cached input text. */
  canonicalString(): string {
    if (this.isZero()) return '0';
    let format = this.fmt;
    let rounded: Amount = this.amount;
    if (format === 'BinarySI') {
      if (this.cmpInt(-1024n) > 0 && this.cmpInt(1024n) < 0) {
        format = 'DecimalSI';
      } else {
        const a = this.amount;
        const [r, exact] = a.kind === 'int' ? intAsScale(a, 0) : decRound(a, 0);
        rounded = r;
        if (!exact) format = 'DecimalSI';
      }
    }
    if (format === 'BinarySI') {
      const [number, exponent] = canonical1024(rounded);
      return number + (BINARY_SUFFIXES.get(i32(exponent * 10)) ?? '');
    }
    const [number, exponent] = this.amount.kind === 'int' ? intCanonical(this.amount) : decCanonical(this.amount);
    if (format === 'DecimalSI') return number + (DECIMAL_SUFFIXES.get(exponent) ?? '');
    return exponent === 0 ? number : `${number}e${exponent}`;
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return cmpAmounts(this.amount, other.amount);
  }

  private cmpInt(v: bigint): -1 | 0 | 1 {
    return cmpAmounts(this.amount, intAmount(v, 0));
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  isZero(): boolean {
    return amountSign(this.amount) === 0;
  }

  sign(): -1 | 0 | 1 {
    return amountSign(this.amount);
  }

  /** Add: keeps the receiver's format unless the receiver is zero, then takes other's. */
  add(other: Quantity): Quantity {
    const x = this.amount;
    const y = other.amount;
    let format = this.fmt;
    if (x.kind === 'int' && y.kind === 'int') {
      if (x.value === 0n) format = other.fmt;
      const sum = intAdd(x, y);
      if (sum) return new Quantity(sum, format);
    } else if (this.isZero()) {
      format = other.fmt;
    }
    return new Quantity(decAdd(asDec(x), asDec(y)), format);
  }

  /** Sub: like add, including upstream's wrapping negation of MinInt64. */
  sub(other: Quantity): Quantity {
    const x = this.amount;
    const y = other.amount;
    const format = this.isZero() ? other.fmt : this.fmt;
    if (x.kind === 'int' && y.kind === 'int') {
      const diff = intAdd(x, intAmount(wrap64(-y.value), y.scale));
      if (diff) return new Quantity(diff, format);
    }
    const yd = asDec(y);
    return new Quantity(decAdd(asDec(x), decAmount(-yd.coef, yd.exp, yd.scale)), format);
  }

  /** Neg(). */
  neg(): Quantity {
    const a = this.amount;
    if (a.kind === 'int') return new Quantity(intAmount(wrap64(-a.value), a.scale), this.fmt);
    return new Quantity(decAmount(-a.coef, a.exp, a.scale), this.fmt);
  }
}

function asDec(a: Amount): DecAmount {
  return a.kind === 'dec' ? a : intToDec(a);
}

function checkInt64(v: bigint): void {
  if (v < INT64_MIN || v > INT64_MAX) throw new RangeError(`${v} is not an int64`);
}

/** API defaulting: SetDefaults_ResourceList rounds every value up to milli (RoundUp(-3)). */
export function defaultedQuantity(q: Quantity): Quantity {
  return q.roundUp(-3);
}

// ---------------------------------------------------------------------------
// YAML scalar → what the API server's Quantity.UnmarshalJSON receives.
//
// kubectl converts YAML to JSON with sigs.k8s.io/yaml (go-yaml v2 resolution,
// then encoding/json.Marshal), decodes that into unstructured objects
// (k8s.io/apimachinery/pkg/util/json: integers that fit int64 stay int64,
// every other number becomes float64) and marshals again to send it. The API
// server hands the raw JSON token to Quantity.UnmarshalJSON.

/** unicode.IsSpace, which strings.TrimSpace uses (not JS's trim set). */
function isGoSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0) return true;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/**
 * The body of encoding/json's string encoding. UnmarshalJSON strips the quotes
 * but does NOT unescape, so e.g. a tab becomes the two characters `\t`, which
 * TrimSpace keeps and the parser rejects.
 */
function goJsonStringBody(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1]!;
        i++;
      } else {
        out += '\\ufffd'; // invalid UTF-8 is replaced by encoding/json
      }
    } else out += ch;
  }
  return out;
}

/** Quantity.UnmarshalJSON on a raw JSON token. */
export function quantityFromJsonToken(token: string): Quantity | QuantityError {
  if (token === 'null') return Quantity.zero();
  let v = token;
  if (v.length >= 2 && v[0] === '"' && v[v.length - 1] === '"') v = v.slice(1, -1);
  return Quantity.tryParse(goTrimSpace(v));
}

/** strconv.ParseUint(s, base, 64) / ParseInt: null on any error. base 0 means Go literal prefixes. */
function goParseUint(s: string, base: number): bigint | null {
  if (s.length === 0) return null;
  let b = base;
  let digits = s;
  if (base === 0) {
    b = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
      if (p === 'b') [b, digits] = [2, s.slice(2)];
      else if (p === 'o') [b, digits] = [8, s.slice(2)];
      else if (p === 'x') [b, digits] = [16, s.slice(2)];
      else [b, digits] = [8, s.slice(1)];
    }
  }
  // Underscores are only legal with base 0 and are stripped by go-yaml before it gets here.
  let n = 0n;
  for (const ch of digits) {
    const lower = ch.toLowerCase();
    let d: number;
    if (lower >= '0' && lower <= '9') d = lower.charCodeAt(0) - 48;
    else if (lower >= 'a' && lower <= 'z') d = lower.charCodeAt(0) - 87;
    else return null;
    if (d >= b) return null;
    n = n * BigInt(b) + BigInt(d);
    if (n > UINT64_MAX) return null;
  }
  return n;
}

function goParseInt(s: string, base: number): bigint | null {
  if (s.length === 0) return null;
  let neg = false;
  let rest = s;
  if (s[0] === '+') rest = s.slice(1);
  else if (s[0] === '-') [neg, rest] = [true, s.slice(1)];
  const u = goParseUint(rest, base);
  if (u === null) return null;
  if (!neg && u > INT64_MAX) return null;
  if (neg && u > -INT64_MIN) return null;
  return neg ? -u : u;
}

/** strconv's underscoreOK: underscores only between digits. */
function goUnderscoreOK(s: string): boolean {
  let saw = '^';
  let t = s;
  if (t.length >= 1 && (t[0] === '-' || t[0] === '+')) t = t.slice(1);
  for (const ch of t) {
    if (ch >= '0' && ch <= '9') {
      saw = '0';
      continue;
    }
    if (ch === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseFloat(s, 64) for decimal syntax (all go-yaml can hand it here); null on error, including overflow. */
function goParseDecimalFloat(s: string): number | null {
  if (!/^[+-]?(?:[0-9_]*\.?[0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?$/.test(s)) return null;
  if (!/[0-9]/.test(s.replace(/[eE].*$/, ''))) return null;
  if (s.includes('_') && !goUnderscoreOK(s)) return null;
  const n = Number(s.replace(/_/g, ''));
  // Overflow is ErrRange in Go (go-yaml then keeps the scalar a string); underflow to 0 is fine.
  return Number.isFinite(n) ? n : null;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

type YamlValue =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

const YAML_MAP = new Map<string, YamlValue>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) YAML_MAP.set(s, { kind: 'bool', value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) YAML_MAP.set(s, { kind: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) YAML_MAP.set(s, { kind: 'null' });
for (const s of ['.nan', '.NaN', '.NAN']) YAML_MAP.set(s, { kind: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) YAML_MAP.set(s, { kind: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) YAML_MAP.set(s, { kind: 'float', value: -Infinity });

/** go-yaml v2 resolve() for an untagged plain scalar, as decoded into interface{}. */
export function resolvePlainYamlScalar(plainText: string): YamlValue {
  const first = plainText[0];
  let hint: string;
  if (first === undefined) hint = 'N';
  else if (first === '+' || first === '-') hint = 'S';
  else if (first >= '0' && first <= '9') hint = 'D';
  else if ('yYnNtTfFoO~'.includes(first)) hint = 'M';
  else if (first === '.') hint = '.';
  else return { kind: 'string', value: plainText };

  const mapped = YAML_MAP.get(plainText);
  if (mapped) return mapped;
  if (hint === '.') {
    // Straight to ParseFloat, underscores and all (".5_0" is 0.5).
    const f = goParseDecimalFloat(plainText);
    return f === null ? { kind: 'string', value: plainText } : { kind: 'float', value: f };
  }
  if (hint === 'D' || hint === 'S') {
    // Timestamps ("2001-12-14") are resolved first but decode into
    // interface{} as their original string, so they need no case here.
    const plain = plainText.replace(/_/g, '');
    const i = goParseInt(plain, 0);
    if (i !== null) return { kind: 'int', value: i };
    const u = goParseUint(plain, 0);
    if (u !== null) return { kind: 'int', value: u };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = goParseDecimalFloat(plain);
      if (f !== null) return { kind: 'float', value: f };
    }
    // go-yaml's extra 0b/-0b branches are already covered by ParseInt base 0.
  }
  return { kind: 'string', value: plainText };
}

/** encoding/json's float64 text: ES6 number formatting, e-09 cleaned to e-9 — i.e. JS's String(). */
function goJsonFloat(f: number): string {
  return Object.is(f, -0) ? '-0' : String(f);
}

/** The JSON token the API server receives for a resolved YAML value. */
function jsonTokenFor(v: YamlValue): string | YamlToJsonError {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'string':
      return '"' + goJsonStringBody(v.value) + '"';
    case 'int':
      // A uint64 beyond int64 becomes float64 in kubectl's unstructured round trip.
      return v.value > INT64_MAX ? goJsonFloat(Number(v.value)) : v.value.toString();
    case 'float': {
      if (!Number.isFinite(v.value)) {
        const shown = Number.isNaN(v.value) ? 'NaN' : v.value > 0 ? '+Inf' : '-Inf';
        return new YamlToJsonError(`json: unsupported value: ${shown}`);
      }
      const text = goJsonFloat(v.value);
      // The unstructured round trip turns an integral token that fits int64 ("-0", "1") into an int64.
      if (!text.includes('.')) {
        const i = goParseInt(text, 10);
        if (i !== null) return i.toString();
      }
      return text;
    }
  }
}

/**
 * What the API server gets for a YAML scalar in a resource list.
 * `source` is the scalar's value: the plain text for `plain`, the decoded
 * string for `quoted` (single, double or block scalars), ignored for `null`.
 */
export function quantityFromYamlScalar(source: string, style: 'plain' | 'quoted' | 'null'): Quantity | QuantityError {
  let value: YamlValue;
  if (style === 'null') value = { kind: 'null' };
  else if (style === 'quoted') value = { kind: 'string', value: source };
  else value = resolvePlainYamlScalar(source);
  const token = jsonTokenFor(value);
  if (token instanceof YamlToJsonError) return token;
  return quantityFromJsonToken(token);
}
