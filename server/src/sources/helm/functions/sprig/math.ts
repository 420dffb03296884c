/**
 * sprig's arithmetic (`numeric.go` and the inline entries of `functions.go`):
 * integer functions go through `cast.ToInt64` and return int64 (wrapping as
 * Go does), the `*f` functions through shopspring/decimal and return float64,
 * conversions keep their argument's origin when the printed value is
 * unchanged (`int` of a values-file 512 still maps to the values file).
 */
import { defineFunc, GoError, traced, type CallContext, type FuncDef, type Traced } from '../../template/funcs';
import { sliceOf, types } from '../../template/types';
import { goInt, goInt64, goSlice, type GoValue } from '../../template/values';
import { Decimal } from './decimal';
import { intArg, keepIfUnchanged, parseGoInt, printed, toFloat64, toInt64, type Arg } from './convert';
import { formatValue } from '../../template/fmt';
import { MAX_GENERATED } from './strings';

const A = types.any;
const I = types.int;
const I64 = types.int64;
const F = types.float64;
const S = types.string;

const wrap = (n: bigint): GoValue => goInt64(BigInt.asIntN(64, n));

function divide(a: bigint, b: bigint, op: 'div' | 'mod'): bigint {
  if (b === 0n) throw new GoError('runtime error: integer divide by zero');
  return op === 'div' ? a / b : a % b;
}

function decimalOp(first: Arg, rest: readonly Arg[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = Decimal.fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, Decimal.fromFloat(toFloat64(x)));
  return acc.toFloat64();
}

/** `untilStep` of numeric.go. */
function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) {
      out.push(i);
      if (out.length > MAX_GENERATED) throw new GoError(`untilStep: more than ${MAX_GENERATED} elements`);
    }
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) {
    out.push(i);
    if (out.length > MAX_GENERATED) throw new GoError(`untilStep: more than ${MAX_GENERATED} elements`);
  }
  return out;
}

const intSlice = (ns: number[]): GoValue =>
  goSlice(
    I,
    ns.map((n) => goInt(n)),
  );

function seq(params: number[]): string {
  switch (params.length) {
    case 1: {
      const end = params[0];
      const increment = end < 1 ? -1 : 1;
      return untilStep(1, end + increment, increment).join(' ');
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1 : 1;
      return untilStep(start, end + step, step).join(' ');
    }
    case 3: {
      const [start, step, end] = params;
      let increment = 1;
      if (end < start) {
        increment = -1;
        if (step > 0) return '';
      }
      return untilStep(start, end + increment, step).join(' ');
    }
    default:
      return '';
  }
}

/** `round` of numeric.go: `math.Modf` of value × 10^places decides between ceil and floor. */
function round(value: number, places: number, roundOn: number): number {
  const pow = Math.pow(10, places);
  const digit = pow * value;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

/** The argument a selection (`max`, `min`) took, with its origin when the result prints as it did. */
function chosen(ctx: CallContext, args: readonly Arg[], result: GoValue, pick: (i: number) => boolean): GoValue | Traced {
  for (let i = 0; i < args.length; i++) {
    if (!pick(i)) continue;
    const origin = ctx.argOrigin(i);
    if (origin !== undefined && printed(args[i]) === printed(result)) return traced(result, origin);
    break;
  }
  return result;
}

export function mathFunctions(randomInt: (n: number) => number): Record<string, FuncDef> {
  const maxMin = (less: boolean) =>
    defineFunc({ params: [A], variadic: A, results: [I64] }, (args, ctx) => {
      const values = args.map(toInt64);
      let best = 0;
      for (let i = 1; i < values.length; i++) if (less ? values[i] < values[best] : values[i] > values[best]) best = i;
      return chosen(ctx, args, goInt64(values[best]), (i) => i === best);
    });
  const maxMinF = (less: boolean) =>
    defineFunc({ params: [A], variadic: A, results: [F] }, (args, ctx) => {
      let acc = toFloat64(args[0]);
      for (let i = 1; i < args.length; i++) acc = less ? Math.min(acc, toFloat64(args[i])) : Math.max(acc, toFloat64(args[i]));
      return chosen(ctx, args, acc, (i) => toFloat64(args[i]) === acc || Object.is(toFloat64(args[i]), acc));
    });
  const max = maxMin(false);
  return {
    int64: defineFunc({ params: [A], results: [I64] }, ([v], ctx) => keepIfUnchanged(ctx, 0, v, goInt64(toInt64(v)))),
    int: defineFunc({ params: [A], results: [I] }, ([v], ctx) => keepIfUnchanged(ctx, 0, v, goInt(toInt64(v)))),
    float64: defineFunc({ params: [A], results: [F] }, ([v], ctx) => keepIfUnchanged(ctx, 0, v, toFloat64(v))),
    toDecimal: defineFunc({ params: [A], results: [I64] }, ([v]) => {
      const text = formatValue(v === undefined ? null : v);
      const n = /^[+-]?[0-7]+$/.test(text) ? parseGoInt(text, 8) : null;
      return goInt64(n ?? 0n);
    }),
    seq: defineFunc({ params: [], variadic: I, results: [S] }, (params) => seq(params.map(intArg))),
    until: defineFunc({ params: [I], results: [sliceOf(I)] }, ([count]) => {
      const n = intArg(count);
      return intSlice(untilStep(0, n, n < 0 ? -1 : 1));
    }),
    untilStep: defineFunc({ params: [I, I, I], results: [sliceOf(I)] }, ([start, stop, step]) =>
      intSlice(untilStep(intArg(start), intArg(stop), intArg(step))),
    ),
    add1: defineFunc({ params: [A], results: [I64] }, ([v]) => wrap(toInt64(v) + 1n)),
    add: defineFunc({ params: [], variadic: A, results: [I64] }, (args) => wrap(args.reduce<bigint>((sum, v) => BigInt.asIntN(64, sum + toInt64(v)), 0n))),
    sub: defineFunc({ params: [A, A], results: [I64] }, ([a, b]) => wrap(toInt64(a) - toInt64(b))),
    div: defineFunc({ params: [A, A], results: [I64] }, ([a, b]) => wrap(divide(toInt64(a), toInt64(b), 'div'))),
    mod: defineFunc({ params: [A, A], results: [I64] }, ([a, b]) => wrap(divide(toInt64(a), toInt64(b), 'mod'))),
    mul: defineFunc({ params: [A], variadic: A, results: [I64] }, ([a, ...rest]) =>
      wrap(rest.reduce<bigint>((product, v) => BigInt.asIntN(64, product * toInt64(v)), toInt64(a))),
    ),
    randInt: defineFunc({ params: [I, I], results: [I] }, ([min, max]) => {
      const lo = intArg(min);
      const n = intArg(max) - lo;
      if (n <= 0) throw new GoError('invalid argument to Intn');
      return goInt(randomInt(n) + lo);
    }),
    add1f: defineFunc({ params: [A], results: [F] }, ([v]) => decimalOp(v, [1], (a, b) => a.add(b))),
    addf: defineFunc({ params: [], variadic: A, results: [F] }, (args) => decimalOp(0, args, (a, b) => a.add(b))),
    subf: defineFunc({ params: [A], variadic: A, results: [F] }, ([a, ...rest]) => decimalOp(a, rest, (x, y) => x.sub(y))),
    divf: defineFunc({ params: [A], variadic: A, results: [F] }, ([a, ...rest]) => decimalOp(a, rest, (x, y) => x.div(y))),
    mulf: defineFunc({ params: [A], variadic: A, results: [F] }, ([a, ...rest]) => decimalOp(a, rest, (x, y) => x.mul(y))),
    biggest: max,
    max,
    min: maxMin(true),
    maxf: maxMinF(false),
    minf: maxMinF(true),
    ceil: defineFunc({ params: [A], results: [F] }, ([v]) => Math.ceil(toFloat64(v))),
    floor: defineFunc({ params: [A], results: [F] }, ([v]) => Math.floor(toFloat64(v))),
    round: defineFunc({ params: [A, I], variadic: F, results: [F] }, ([v, places, ...opt]) =>
      round(toFloat64(v), intArg(places), opt.length > 0 ? (opt[0] as number) : 0.5),
    ),
  };
}
