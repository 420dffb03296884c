/** Go's int64/int32 arithmetic as apimachinery's math.go and scale_int.go use it: wrapping, overflow flags. */
// ---------------------------------------------------------------------------
// int64 / int32 helpers (Go semantics)

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);
export const UINT64_MAX = (1n << 64n) - 1n;
/** Go's int64 arithmetic wraps silently; upstream relies on that in places. */
export const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);
/** Go's `Scale`/`inf.Scale` are int32 and wrap too. */
export const i32 = (x: number): number => x | 0;
export const abs = (x: bigint): bigint => (x < 0n ? -x : x);
export const bsign = (x: bigint): -1 | 0 | 1 => (x === 0n ? 0 : x < 0n ? -1 : 1);

/**
 * Upper bound on powers of ten this module will materialise. Upstream would
 * happily try to build 10^2000000000 for `1e2000000000 + 1m` (and hang or run
 * out of memory); an editor must not, so such arithmetic throws RangeError.
 * Parsing, String(), Value() and friends never need to materialise huge
 * powers: they work on (coefficient, exponent) pairs.
 */
export const MAX_POW10 = 200_000;
export function pow10(n: number): bigint {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`pow10(${n})`);
  if (n > MAX_POW10) throw new RangeError('quantity arithmetic too large to compute exactly');
  return 10n ** BigInt(n);
}
/** 10^n mod 2^64: enough to know what big.Int.Int64() returns after a rescale. */
export function pow10Mod64(n: number): bigint {
  return n >= 64 ? 0n : 10n ** BigInt(n);
}
export function digitCount(x: bigint): number {
  return x === 0n ? 1 : abs(x).toString().length;
}

// math.go
export function int64Add(a: bigint, b: bigint): [bigint, boolean] {
  const c = wrap64(a + b);
  if (a > 0n && b > 0n && c < 0n) return [0n, false];
  if (a < 0n && b < 0n) {
    if (c > 0n) return [0n, false];
    if (a === INT64_MIN && b === INT64_MIN) return [0n, false];
  }
  return [c, true];
}

export function int64Multiply(a: bigint, b: bigint): [bigint, boolean] {
  if (a === 0n || b === 0n || a === 1n || b === 1n) return [a * b, true];
  if (a === INT64_MIN || b === INT64_MIN) return [0n, false];
  const c = wrap64(a * b);
  return [c, c / b === a];
}

/** int64MultiplyScale{,10,100,1000}: b > 1. On overflow upstream still hands back the wrapped product. */
export function int64MultiplyScale(a: bigint, b: bigint): [bigint, boolean] {
  if (a === 0n || a === 1n) return [a * b, true];
  if (a === INT64_MIN) return [0n, false];
  const c = wrap64(a * b);
  return [c, c / b === a];
}

/** positiveScaleInt64: multiplies by 10^scale; the wrapped/zero results on overflow matter (ScaledValue ignores ok). */
export function positiveScaleInt64(base: bigint, scale: number): [bigint, boolean] {
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
export function negativeScaleInt64(base: bigint, scale: number): [bigint, boolean] {
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

export function removeInt64Factors(value: bigint, base: bigint): [bigint, number] {
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
