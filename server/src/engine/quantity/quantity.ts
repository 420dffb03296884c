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

import { INT64_MAX, INT64_MIN, wrap64, i32, abs, bsign, int64Multiply } from './int64';
import {
  type DecAmount,
  type Amount,
  intAmount,
  decAmount,
  intToDec,
  amountSign,
  cmpScaled,
  cmpAmounts,
  decRound,
  decAdd,
  intAsScale,
  intAdd,
  scaledValueOf,
  decCanonical,
  intCanonical,
  canonical1024,
  DECIMAL_SUFFIXES,
  BINARY_SUFFIXES,
  interpretSuffix,
} from './amount';
import { JsonConversionError, jsonTokenFor, resolvePlainYamlScalar, type YamlValue } from '../yaml/kubectl-json';

import { type QuantityFormat } from './amount';
export type { QuantityFormat };

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
  let precision: number;
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

/** Quantity.UnmarshalJSON on a raw JSON token. */
export function quantityFromJsonToken(token: string): Quantity | QuantityError {
  if (token === 'null') return Quantity.zero();
  let v = token;
  if (v.length >= 2 && v[0] === '"' && v[v.length - 1] === '"') v = v.slice(1, -1);
  return Quantity.tryParse(goTrimSpace(v));
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
  if (token instanceof JsonConversionError) return new YamlToJsonError(token.message);
  return quantityFromJsonToken(token);
}
