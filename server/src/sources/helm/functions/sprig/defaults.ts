/**
 * sprig's `defaults.go`: `default`, `empty`, `coalesce`, `all`, `any`,
 * `ternary`, the JSON functions, `deepCopy`, and `fail`.
 *
 * `default`, `coalesce` and `ternary` return one of their arguments: the
 * chosen argument's origin goes with it.
 */
import { defineFunc, GoError, traced, type FuncDef } from '../../template/funcs';
import { types } from '../../template/types';
import type { GoValue } from '../../template/values';
import { deepCopyValue } from './dicts';
import { empty, type Arg } from './convert';
import { marshalJson, unmarshalJson } from './json';

const A = types.any;
const S = types.string;
const B = types.bool;
const E = types.error;

function jsonOr(v: Arg, fallback: string, options: Parameters<typeof marshalJson>[1]): string {
  try {
    return marshalJson(v, options);
  } catch (error) {
    if (error instanceof GoError) return fallback;
    throw error;
  }
}

export function defaultFunctions(): Record<string, FuncDef> {
  return {
    default: defineFunc({ params: [A], variadic: A, results: [A] }, ([d, ...given], ctx) => {
      if (given.length === 0 || empty(given[0])) return traced(d as GoValue, ctx.argOrigin(0));
      return traced(given[0] as GoValue, ctx.argOrigin(1));
    }),
    empty: defineFunc({ params: [A], results: [B] }, ([v]) => empty(v)),
    coalesce: defineFunc({ params: [], variadic: A, results: [A] }, (args, ctx) => {
      for (let i = 0; i < args.length; i++) if (!empty(args[i])) return traced(args[i] as GoValue, ctx.argOrigin(i));
      return null;
    }),
    all: defineFunc({ params: [], variadic: A, results: [B] }, (args) => args.every((v) => !empty(v))),
    any: defineFunc({ params: [], variadic: A, results: [B] }, (args) => args.some((v) => !empty(v))),
    ternary: defineFunc({ params: [A, A, B], results: [A] }, ([vt, vf, v], ctx) =>
      v ? traced(vt as GoValue, ctx.argOrigin(0)) : traced(vf as GoValue, ctx.argOrigin(1)),
    ),
    fromJson: defineFunc({ params: [S], results: [A] }, ([s]) => {
      try {
        return unmarshalJson(s as string);
      } catch (error) {
        // Go checks the whole input before decoding: an invalid text leaves nil.
        if (error instanceof GoError) return null;
        throw error;
      }
    }),
    mustFromJson: defineFunc({ params: [S], results: [A, E] }, ([s]) => unmarshalJson(s as string)),
    toJson: defineFunc({ params: [A], results: [S] }, ([v]) => jsonOr(v, '', { escapeHTML: true })),
    mustToJson: defineFunc({ params: [A], results: [S, E] }, ([v]) => marshalJson(v, { escapeHTML: true })),
    toPrettyJson: defineFunc({ params: [A], results: [S] }, ([v]) => jsonOr(v, '', { escapeHTML: true, indent: '  ' })),
    mustToPrettyJson: defineFunc({ params: [A], results: [S, E] }, ([v]) => marshalJson(v, { escapeHTML: true, indent: '  ' })),
    toRawJson: defineFunc({ params: [A], results: [S] }, ([v]) => marshalJson(v, { escapeHTML: false })),
    mustToRawJson: defineFunc({ params: [A], results: [S, E] }, ([v]) => marshalJson(v, { escapeHTML: false })),
    deepCopy: defineFunc({ params: [A], results: [A] }, ([v]) => deepCopyValue(v ?? null)),
    mustDeepCopy: defineFunc({ params: [A], results: [A, E] }, ([v]) => deepCopyValue(v ?? null)),
    fail: defineFunc({ params: [S], results: [S, E] }, ([msg]) => {
      throw new GoError(msg as string);
    }),
  };
}
