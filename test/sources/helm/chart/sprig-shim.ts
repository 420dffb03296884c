/**
 * A test-only stand-in for the sprig functions the conformance charts use,
 * until the project's sprig exists. Each follows sprig v3's behaviour for
 * the arguments these charts pass; none of this is part of the product.
 */
import { createHash } from 'crypto';
import { defineFunc, type FuncDef, type FuncMap, traced } from '../../../../server/src/sources/helm/template/funcs';
import { indentMapped, type MappedString, toMapped } from '../../../../server/src/sources/helm/template/origin';
import { sprint } from '../../../../server/src/sources/helm/template/fmt';
import { sliceOf, mapOf, types } from '../../../../server/src/sources/helm/template/types';
import { goInt, goInt64, type GoObject, GoScalar, GoSlice, type GoValue, isPlainObject } from '../../../../server/src/sources/helm/template/values';
import { isCompatibleRange } from '../../../../server/src/sources/helm/chart/semver';

const any = types.any;
const str = types.string;

/** sprig's strval: fmt.Sprintf("%v"), so nil is `<nil>`. */
function strval(value: GoValue | undefined): string {
  if (typeof value === 'string') return value;
  return sprint([value ?? null]);
}

function isEmpty(value: GoValue | undefined): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof GoScalar) return value.value === 0n || value.value === 0 || value.value === '' || value.value === false;
  if (value instanceof GoSlice) return (value.items?.length ?? 0) === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

function items(value: GoValue | undefined): GoValue[] {
  if (Array.isArray(value)) return value;
  if (value instanceof GoSlice) return value.items ?? [];
  return [];
}

function toNumber(value: GoValue | undefined): number {
  if (typeof value === 'number') return value;
  if (value instanceof GoScalar) return Number(value.value);
  if (typeof value === 'string') return Number(value) || 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return 0;
}

function newObject(): GoObject {
  return Object.create(null) as GoObject;
}

function deepCopy(value: GoValue): GoValue {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isPlainObject(value)) {
    const out = newObject();
    for (const key of Object.keys(value)) out[key] = deepCopy(value[key]);
    return out;
  }
  return value;
}

/** mergo's deep merge of maps: fill empty keys, or (overwrite) take every non-empty source value. */
function mergeInto(dst: GoObject, src: GoObject, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const from = src[key];
    const to = dst[key];
    if (isPlainObject(to) && isPlainObject(from)) mergeInto(to, from, overwrite);
    else if (!(key in dst) || isEmpty(to) || (overwrite && !isEmpty(from))) dst[key] = from;
  }
}

const mapType = mapOf(str, any);
const listType = sliceOf(any);

function mapped(text: string, origin: MappedString['segments']): ReturnType<typeof traced> {
  return traced(text, origin);
}

function indentFunc(newline: boolean): FuncDef {
  return defineFunc({ params: [types.int, str], results: [str] }, ([n, s], context) => {
    const pad = ' '.repeat(Number((n as GoScalar).value));
    const origin = context.argOrigin(1);
    const source = toMapped(s as string, origin);
    const indented = indentMapped(source, pad);
    if (!newline) return mapped(indented.text, indented.segments);
    return mapped(
      '\n' + indented.text,
      indented.segments.map((seg) => ({ ...seg, outStart: seg.outStart + 1, outEnd: seg.outEnd + 1 })),
    );
  });
}

export const sprigShim: FuncMap = {
  default: defineFunc({ params: [any], variadic: any, results: [any] }, ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]) as GoValue),
  empty: defineFunc({ params: [any], results: [types.bool] }, ([v]) => isEmpty(v)),
  dict: defineFunc({ params: [], variadic: any, results: [mapType] }, (args) => {
    const out = newObject();
    for (let i = 0; i < args.length; i += 2) out[strval(args[i])] = i + 1 < args.length ? (args[i + 1] ?? null) : '';
    return out;
  }),
  list: defineFunc({ params: [], variadic: any, results: [listType] }, (args) => args.map((a) => a ?? null)),
  append: defineFunc({ params: [any, any], results: [listType] }, ([list, v]) => [...items(list), v ?? null]),
  first: defineFunc({ params: [any], results: [any] }, ([list]) => items(list)[0] ?? null),
  last: defineFunc({ params: [any], results: [any] }, ([list]) => items(list)[items(list).length - 1] ?? null),
  rest: defineFunc({ params: [any], results: [listType] }, ([list]) => items(list).slice(1)),
  initial: defineFunc({ params: [any], results: [listType] }, ([list]) => items(list).slice(0, -1)),
  kindIs: defineFunc({ params: [str, any], results: [types.bool] }, ([kind, v]) => {
    const actual =
      v === null || v === undefined
        ? 'invalid'
        : Array.isArray(v)
          ? 'slice'
          : isPlainObject(v)
            ? 'map'
            : typeof v === 'number'
              ? 'float64'
              : typeof v === 'boolean'
                ? 'bool'
                : typeof v === 'string'
                  ? 'string'
                  : v instanceof GoScalar
                    ? v.type.kind
                    : 'struct';
    return actual === kind;
  }),
  set: defineFunc({ params: [mapType, str, any], results: [mapType] }, ([map, key, value]) => {
    (map as GoObject)[key as string] = value ?? null;
    return map as GoValue;
  }),
  unset: defineFunc({ params: [mapType, str], results: [mapType] }, ([map, key]) => {
    delete (map as GoObject)[key as string];
    return map as GoValue;
  }),
  get: defineFunc({ params: [mapType, str], results: [any] }, ([map, key]) => (isPlainObject(map) && (key as string) in map ? map[key as string] : '')),
  concat: defineFunc({ params: [], variadic: any, results: [listType] }, (lists) => lists.flatMap((list) => items(list))),
  without: defineFunc({ params: [any], variadic: any, results: [listType] }, ([list, ...omit]) => items(list).filter((item) => !omit.includes(item))),
  regexMatch: defineFunc({ params: [str, str], results: [types.bool] }, ([re, s]) => new RegExp(re as string).test(s as string)),
  join: defineFunc({ params: [str, any], results: [str] }, ([sep, list]) =>
    items(list)
      .map(strval)
      .join(sep as string),
  ),
  pluck: defineFunc({ params: [str], variadic: mapType, results: [listType] }, ([key, ...maps]) =>
    maps.filter((m) => isPlainObject(m) && (key as string) in m).map((m) => (m as GoObject)[key as string]),
  ),
  coalesce: defineFunc({ params: [], variadic: any, results: [any] }, (args) => (args.find((a) => !isEmpty(a)) ?? null) as GoValue),
  prepend: defineFunc({ params: [any, any], results: [listType] }, ([list, v]) => [v ?? null, ...items(list)]),
  has: defineFunc({ params: [any, any], results: [types.bool] }, ([needle, haystack]) => items(haystack).some((item) => item === needle)),
  hasKey: defineFunc({ params: [mapType, str], results: [types.bool] }, ([map, key]) => isPlainObject(map) && (key as string) in map),
  keys: defineFunc({ params: [], variadic: mapType, results: [sliceOf(str)] }, (maps) => maps.flatMap((m) => (isPlainObject(m) ? Object.keys(m) : []))),
  uniq: defineFunc({ params: [any], results: [listType] }, ([list]) => {
    const out: GoValue[] = [];
    for (const item of items(list)) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(item))) out.push(item);
    return out;
  }),
  sortAlpha: defineFunc({ params: [any], results: [sliceOf(str)] }, ([list]) => items(list).map(strval).sort()),
  mustWithout: defineFunc({ params: [any], variadic: any, results: [listType, types.error] }, ([list, ...omit]) =>
    items(list).filter((item) => !omit.includes(item)),
  ),
  deepCopy: defineFunc({ params: [any], results: [any] }, ([v]) => deepCopy(v ?? null)),
  merge: defineFunc({ params: [mapType], variadic: any, results: [any] }, ([dst, ...srcs]) => {
    for (const src of srcs) if (isPlainObject(src)) mergeInto(dst as GoObject, src, false);
    return dst as GoValue;
  }),
  mustMerge: defineFunc({ params: [mapType], variadic: any, results: [any, types.error] }, ([dst, ...srcs]) => {
    for (const src of srcs) if (isPlainObject(src)) mergeInto(dst as GoObject, src, false);
    return dst as GoValue;
  }),
  mustMergeOverwrite: defineFunc({ params: [mapType], variadic: any, results: [any, types.error] }, ([dst, ...srcs]) => {
    for (const src of srcs) if (isPlainObject(src)) mergeInto(dst as GoObject, src, true);
    return dst as GoValue;
  }),
  quote: defineFunc({ params: [], variadic: any, results: [str] }, (args) =>
    args
      .filter((a) => a !== null && a !== undefined)
      .map((a) => JSON.stringify(strval(a)))
      .join(' '),
  ),
  squote: defineFunc({ params: [], variadic: any, results: [str] }, (args) =>
    args
      .filter((a) => a !== null && a !== undefined)
      .map((a) => `'${strval(a)}'`)
      .join(' '),
  ),
  indent: indentFunc(false),
  nindent: indentFunc(true),
  trimSuffix: defineFunc({ params: [str, str], results: [str] }, ([suffix, s]) =>
    (s as string).endsWith(suffix as string) ? (s as string).slice(0, -(suffix as string).length || undefined) : (s as string),
  ),
  trimPrefix: defineFunc({ params: [str, str], results: [str] }, ([prefix, s]) =>
    (s as string).startsWith(prefix as string) ? (s as string).slice((prefix as string).length) : (s as string),
  ),
  trim: defineFunc({ params: [str], results: [str] }, ([s]) => (s as string).trim()),
  trunc: defineFunc({ params: [types.int, str], results: [str] }, ([n, s]) => {
    const count = Number((n as GoScalar).value);
    const text = s as string;
    if (count < 0 && text.length + count > 0) return text.slice(-count);
    if (count >= 0 && text.length > count) return text.slice(0, count);
    return text;
  }),
  lower: defineFunc({ params: [str], results: [str] }, ([s]) => (s as string).toLowerCase()),
  upper: defineFunc({ params: [str], results: [str] }, ([s]) => (s as string).toUpperCase()),
  replace: defineFunc({ params: [str, str, str], results: [str] }, ([from, to, s]) => (s as string).split(from as string).join(to as string)),
  contains: defineFunc({ params: [str, str], results: [types.bool] }, ([sub, s]) => (s as string).includes(sub as string)),
  hasPrefix: defineFunc({ params: [str, str], results: [types.bool] }, ([prefix, s]) => (s as string).startsWith(prefix as string)),
  hasSuffix: defineFunc({ params: [str, str], results: [types.bool] }, ([suffix, s]) => (s as string).endsWith(suffix as string)),
  split: defineFunc({ params: [str, str], results: [mapOf(str, str)] }, ([sep, s]) => {
    const out = newObject();
    (s as string).split(sep as string).forEach((part, i) => (out[`_${i}`] = part));
    return out;
  }),
  toString: defineFunc({ params: [any], results: [str] }, ([v]) => strval(v)),
  ternary: defineFunc({ params: [any, any, types.bool], results: [any] }, ([a, b, cond]) => ((cond ? a : b) ?? null) as GoValue),
  sha256sum: defineFunc({ params: [str], results: [str] }, ([s]) =>
    createHash('sha256')
      .update(s as string)
      .digest('hex'),
  ),
  b64enc: defineFunc({ params: [str], results: [str] }, ([s]) => Buffer.from(s as string).toString('base64')),
  semverCompare: defineFunc({ params: [str, str], results: [types.bool, types.error] }, ([constraint, version]) =>
    isCompatibleRange(constraint as string, version as string),
  ),
  int: defineFunc({ params: [any], results: [types.int] }, ([v]) => goInt(Math.trunc(toNumber(v)))),
  int64: defineFunc({ params: [any], results: [types.int64] }, ([v]) => goInt64(Math.trunc(toNumber(v)))),
  float64: defineFunc({ params: [any], results: [types.float64] }, ([v]) => toNumber(v)),
  mulf: defineFunc({ params: [any], variadic: any, results: [types.float64] }, ([a, ...rest]) =>
    rest.reduce<number>((acc, v) => acc * toNumber(v), toNumber(a)),
  ),
  divf: defineFunc({ params: [any], variadic: any, results: [types.float64] }, ([a, ...rest]) =>
    rest.reduce<number>((acc, v) => acc / toNumber(v), toNumber(a)),
  ),
  floor: defineFunc({ params: [any], results: [types.float64] }, ([v]) => Math.floor(toNumber(v))),
  randAlphaNum: defineFunc({ params: [types.int], results: [str] }, ([n]) => 'x'.repeat(Number((n as GoScalar).value))),
};
