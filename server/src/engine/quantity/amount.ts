/**
 * The two representations `resource.Quantity` keeps a value in (amount.go, inf.Dec), their
 * arithmetic, canonical forms and suffix tables.
 */
import { goParseInt } from '../go/strconv';
import {
  INT64_MAX,
  INT64_MIN,
  wrap64,
  i32,
  abs,
  bsign,
  pow10,
  pow10Mod64,
  digitCount,
  int64Add,
  int64MultiplyScale,
  positiveScaleInt64,
  negativeScaleInt64,
  removeInt64Factors,
} from './int64';

// ---------------------------------------------------------------------------
// The two upstream representations

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** int64Amount: value · 10^scale, value an int64. */
export interface IntAmount {
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
export interface DecAmount {
  readonly kind: 'dec';
  readonly coef: bigint;
  readonly exp: number;
  readonly scale: number;
}

export type Amount = IntAmount | DecAmount;

export const intAmount = (value: bigint, scale: number): IntAmount => ({ kind: 'int', value, scale });
export const decAmount = (coef: bigint, exp: number, scale: number): DecAmount => ({ kind: 'dec', coef, exp, scale });
export const intToDec = (a: IntAmount): DecAmount => decAmount(a.value, a.scale, i32(-a.scale));

export function amountSign(a: Amount): -1 | 0 | 1 {
  return bsign(a.kind === 'int' ? a.value : a.coef);
}

/** Exact comparison of c1·10^e1 and c2·10^e2. */
export function cmpScaled(c1: bigint, e1: number, c2: bigint, e2: number): -1 | 0 | 1 {
  const s1 = bsign(c1);
  const s2 = bsign(c2);
  if (s1 !== s2) return s1 < s2 ? -1 : 1;
  if (s1 === 0) return 0;
  // Orders of magnitude first, so 1e2000000000 vs 1 needs no huge power.
  const m1 = digitCount(c1) + e1;
  const m2 = digitCount(c2) + e2;
  if (m1 !== m2) return m1 > m2 === s1 > 0 ? 1 : -1;
  const e = Math.min(e1, e2);
  const a = c1 * pow10(e1 - e);
  const b = c2 * pow10(e2 - e);
  return a === b ? 0 : a < b ? -1 : 1;
}

export function cmpAmounts(x: Amount, y: Amount): -1 | 0 | 1 {
  // int64Amount.Cmp and inf.Dec.Cmp are both exact comparisons.
  const [c1, e1] = x.kind === 'int' ? [x.value, x.scale] : [x.coef, x.exp];
  const [c2, e2] = y.kind === 'int' ? [y.value, y.scale] : [y.coef, y.exp];
  return cmpScaled(c1, e1, c2, e2);
}

/** inf.Dec.Round(x, newScale, inf.RoundUp): away from zero, result carries exactly newScale. */
export function decRound(x: DecAmount, newScale: number): [DecAmount, boolean] {
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
export function decUnscaledInt64(x: DecAmount): bigint {
  return wrap64(x.coef * pow10Mod64(x.exp + x.scale));
}

/** floor(unscaled / 10^dif) as big.Int.DivMod (Euclidean) does it, truncated by Int64(); and whether a remainder was left. */
export function decFloorDivInt64(x: DecAmount, dif: number): [bigint, boolean] {
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

export function decAdd(x: DecAmount, y: DecAmount): DecAmount {
  // inf.Dec.Add: the result carries the larger scale.
  const scale = Math.max(x.scale, y.scale);
  if (y.coef === 0n) return decAmount(x.coef, x.exp, scale);
  if (x.coef === 0n) return decAmount(y.coef, y.exp, scale);
  const e = Math.min(x.exp, y.exp);
  return decAmount(x.coef * pow10(x.exp - e) + y.coef * pow10(y.exp - e), e, scale);
}

// amount.go: int64Amount methods
export function intAsScaledInt64(a: IntAmount, scale: number): [bigint, boolean] {
  if (a.scale < scale) {
    const [r] = negativeScaleInt64(a.value, i32(scale - a.scale));
    return [r, true];
  }
  return positiveScaleInt64(a.value, i32(a.scale - scale));
}

export function intAsScale(a: IntAmount, scale: number): [IntAmount, boolean] {
  if (a.scale >= scale) return [a, true];
  const [v, exact] = negativeScaleInt64(a.value, i32(scale - a.scale));
  return [intAmount(v, scale), exact];
}

export function intAdd(a: IntAmount, b: IntAmount): IntAmount | null {
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

export function scaledValueOf(a: Amount, scale: number): bigint {
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
export function decCanonical(x: DecAmount): [string, number] {
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

export function intCanonical(a: IntAmount): [string, number] {
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

export function decCanonical1024(x: DecAmount): [string, number] {
  const [r] = decRound(x, 0);
  let amount = r.coef * pow10(r.exp);
  let times = 0;
  while (amount !== 0n && amount % 1024n === 0n) {
    amount /= 1024n;
    times++;
  }
  return [amount.toString(), times];
}

export function canonical1024(a: Amount): [string, number] {
  if (a.kind === 'dec') return decCanonical1024(a);
  const [v, ok] = intAsScaledInt64(a, 0);
  if (!ok) return decCanonical1024(intToDec(a));
  const [amount, times] = removeInt64Factors(v, 1024n);
  return [amount.toString(), times];
}

// suffix.go: a (base, exponent) pair missing from the tables yields no
// suffix at all — upstream then prints the bare mantissa (1000E → "1").
export const DECIMAL_SUFFIXES = new Map<number, string>([
  [-9, 'n'],
  [-6, 'u'],
  [-3, 'm'],
  [0, ''],
  [3, 'k'],
  [6, 'M'],
  [9, 'G'],
  [12, 'T'],
  [15, 'P'],
  [18, 'E'],
]);
export const BINARY_SUFFIXES = new Map<number, string>([
  [10, 'Ki'],
  [20, 'Mi'],
  [30, 'Gi'],
  [40, 'Ti'],
  [50, 'Pi'],
  [60, 'Ei'],
]);

export interface SuffixMeaning {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

/** The meanings of the tables' suffixes, made once: every quantity of a file asks. */
const SUFFIX_MEANINGS = new Map<string, Readonly<SuffixMeaning>>([
  ...[...DECIMAL_SUFFIXES].map(([exponent, suffix]) => [suffix, Object.freeze({ base: 10, exponent, format: 'DecimalSI' })] as const),
  ...[...BINARY_SUFFIXES].map(([exponent, suffix]) => [suffix, Object.freeze({ base: 2, exponent, format: 'BinarySI' })] as const),
]);

export function interpretSuffix(s: string): Readonly<SuffixMeaning> | null {
  const known = SUFFIX_MEANINGS.get(s);
  if (known) return known;
  if (s.length > 1 && (s[0] === 'E' || s[0] === 'e')) {
    const parsed = goParseInt(s.slice(1), 10);
    if (parsed === null) return null;
    // int32(parsed): an absurd exponent wraps rather than failing.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return null;
}
