/**
 * The part of shopspring/decimal (v1.4.0) that sprig's `addf`…`divf` use:
 * exact decimals from a float64's shortest digits, exact sums and products,
 * division to 16 decimal places rounded half away from zero, and the nearest
 * float64 of the result.
 */
import { GoError } from '../../template/funcs';
import { formatFloat } from '../../template/strconv';

const DIVISION_PRECISION = 16;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export class Decimal {
  declare readonly value: bigint;
  declare readonly exp: number;

  constructor(value: bigint, exp: number) {
    this.value = value;
    this.exp = exp;
  }

  /** `decimal.NewFromFloat`: the shortest decimal that reads back as the float. */
  static fromFloat(f: number): Decimal {
    if (Number.isNaN(f) || !Number.isFinite(f)) throw new GoError(`Cannot create a Decimal from ${formatFloat(f, 'g', -1, 64)}`);
    if (f === 0) return new Decimal(0n, 0);
    const text = formatFloat(f, 'e', -1, 64);
    const [mantissa, exponent] = text.split('e');
    const digits = mantissa.replace('.', '');
    const fraction = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    return new Decimal(BigInt(digits), Number(exponent) - fraction);
  }

  private rescale(exp: number): bigint {
    return exp >= this.exp ? this.value / pow10(exp - this.exp) : this.value * pow10(this.exp - exp);
  }

  add(d: Decimal): Decimal {
    const exp = Math.min(this.exp, d.exp);
    return new Decimal(this.rescale(exp) + d.rescale(exp), exp);
  }

  sub(d: Decimal): Decimal {
    const exp = Math.min(this.exp, d.exp);
    return new Decimal(this.rescale(exp) - d.rescale(exp), exp);
  }

  mul(d: Decimal): Decimal {
    return new Decimal(this.value * d.value, this.exp + d.exp);
  }

  /** `Div`: `DivRound(d, 16)`. */
  div(d: Decimal): Decimal {
    if (d.value === 0n) throw new GoError('decimal division by 0');
    const precision = DIVISION_PRECISION;
    // Quotient q with exponent -precision: this = d * q + r.
    const e = this.exp - d.exp + precision;
    let a = this.value;
    let b = d.value;
    if (e < 0) b *= pow10(-e);
    else a *= pow10(e);
    const q = a / b;
    const r = a % b;
    const abs = (x: bigint) => (x < 0n ? -x : x);
    // Half away from zero: compare 2|r| with |b|.
    if (2n * abs(r) < abs(b)) return new Decimal(q, -precision);
    const negative = this.value < 0n !== d.value < 0n;
    return new Decimal(negative ? q - 1n : q + 1n, -precision);
  }

  toString(): string {
    if (this.exp >= 0) return (this.value * pow10(this.exp)).toString();
    const neg = this.value < 0n;
    const digits = (neg ? -this.value : this.value).toString().padStart(-this.exp + 1, '0');
    const point = digits.length + this.exp;
    return (neg ? '-' : '') + digits.slice(0, point) + '.' + digits.slice(point);
  }

  /** The nearest float64 (`Rat().Float64()`). */
  toFloat64(): number {
    return Number(this.toString());
  }
}
