/**
 * sprig's `list.go`: lists are any slice or array (reflection), results are
 * `[]interface{}`. `first`, `last` and the elements `without`/`uniq` keep
 * carry the values-file origin of the element they select.
 */
import { defineFunc, GoError, traced, type CallContext, type FuncDef } from '../../template/funcs';
import { anySlice, sliceOf, types } from '../../template/types';
import { GoSlice, type GoValue } from '../../template/values';
import { deepEqual, elementOrigin, empty, floatToInt64, intArg, listItems, listKind, toInt, type Arg } from './convert';

const A = types.any;
const I = types.int;
const B = types.bool;
const E = types.error;

/** The items of a list argument, or sprig's error for any other type (`Cannot <what> on type map`). */
function itemsOf(list: Arg, message: (kind: string) => string): readonly GoValue[] {
  const kind = listKind(list);
  const items = listItems(list);
  if (!items) throw new GoError(message(kind));
  return items;
}

function selected(ctx: CallContext, list: Arg, index: number, value: GoValue): GoValue | ReturnType<typeof traced> {
  const origin = elementOrigin(ctx, list as GoValue, index);
  return origin === undefined ? value : traced(value, origin);
}

const nilList = (): GoSlice => new GoSlice(anySlice, null);

function chunk(size: number, items: readonly GoValue[]): GoValue {
  const l = items.length;
  const cs = Number(floatToInt64(Math.floor((l - 1) / size) + 1));
  if (cs < 0 || !Number.isFinite(cs)) throw new GoError('runtime error: makeslice: len out of range');
  const out: GoValue[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      clen = Math.floor(l % size);
      if (clen === 0) clen = size;
    }
    if (clen < 0) throw new GoError('runtime error: makeslice: len out of range');
    const part: GoValue[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * size + j;
      if (ix >= l) throw new GoError(`reflect: slice index out of range`);
      part.push(items[ix]);
    }
    out.push(part);
  }
  return new GoSlice(sliceOf(anySlice), out);
}

function sliceList(list: Arg, indices: readonly Arg[]): GoValue {
  const items = listItems(list) as readonly GoValue[];
  const l = items.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? Number(toInt(indices[0])) : 0;
  const end = indices.length < 2 ? l : Number(toInt(indices[1]));
  if (list instanceof GoSlice && list.type.kind === 'array') throw new GoError('reflect.Value.Slice: slice of unaddressable array');
  const cap = list instanceof GoSlice ? list.capacity : l;
  if (start < 0 || end < start || end > cap) throw new GoError('reflect.Value.Slice: slice index out of bounds');
  const part = items.slice(start, end);
  if (list instanceof GoSlice) return new GoSlice(list.type, part);
  return part;
}

export function listFunctions(): Record<string, FuncDef> {
  const pair = (
    name: string,
    run: (args: Arg[], ctx: CallContext) => GoValue | ReturnType<typeof traced>,
    params: FuncDef['params'],
    variadic?: FuncDef['variadic'],
  ) => {
    const out: Record<string, FuncDef> = {};
    out[name] = defineFunc({ params, variadic, results: [A] }, run);
    out['must' + name[0].toUpperCase() + name.slice(1)] = defineFunc({ params, variadic, results: [A, E] }, run);
    return out;
  };
  const list = defineFunc({ params: [], variadic: A, results: [anySlice] }, (args) => args.map((a) => (a === undefined ? null : a)));
  const push = pair('push', ([l, v]) => [...itemsOf(l, (k) => `Cannot push on type ${k}`), v ?? null], [A, A]);
  return {
    list,
    tuple: list,
    ...push,
    append: push.push,
    mustAppend: push.mustPush,
    ...pair('prepend', ([l, v]) => [v ?? null, ...itemsOf(l, (k) => `Cannot prepend on type ${k}`)], [A, A]),
    ...pair(
      'chunk',
      ([size, l]) =>
        chunk(
          intArg(size),
          itemsOf(l, (k) => `Cannot chunk type ${k}`),
        ),
      [I, A],
    ),
    ...pair(
      'last',
      ([l], ctx) => {
        const items = itemsOf(l, (k) => `Cannot find last on type ${k}`);
        return items.length === 0 ? null : selected(ctx, l, items.length - 1, items[items.length - 1]);
      },
      [A],
    ),
    ...pair(
      'first',
      ([l], ctx) => {
        const items = itemsOf(l, (k) => `Cannot find first on type ${k}`);
        return items.length === 0 ? null : selected(ctx, l, 0, items[0]);
      },
      [A],
    ),
    ...pair(
      'rest',
      ([l]) => {
        const items = itemsOf(l, (k) => `Cannot find rest on type ${k}`);
        return items.length === 0 ? nilList() : items.slice(1);
      },
      [A],
    ),
    ...pair(
      'initial',
      ([l]) => {
        const items = itemsOf(l, (k) => `Cannot find initial on type ${k}`);
        return items.length === 0 ? nilList() : items.slice(0, -1);
      },
      [A],
    ),
    ...pair('reverse', ([l]) => [...itemsOf(l, (k) => `Cannot find reverse on type ${k}`)].reverse(), [A]),
    ...pair('compact', ([l]) => itemsOf(l, (k) => `Cannot compact on type ${k}`).filter((v) => !empty(v)), [A]),
    ...pair(
      'uniq',
      ([l]) => {
        const out: GoValue[] = [];
        for (const item of itemsOf(l, (k) => `Cannot find uniq on type ${k}`)) if (!out.some((o) => deepEqual(item, o))) out.push(item);
        return out;
      },
      [A],
    ),
    ...pair('without', ([l, ...omit]) => itemsOf(l, (k) => `Cannot find without on type ${k}`).filter((item) => !omit.some((o) => deepEqual(item, o))), [A], A),
    has: defineFunc({ params: [A, A], results: [B] }, ([needle, haystack]) => has(needle, haystack)),
    mustHas: defineFunc({ params: [A, A], results: [B, E] }, ([needle, haystack]) => has(needle, haystack)),
    ...pair(
      'slice',
      ([l, ...indices]) => {
        const kind = listKind(l);
        if (!listItems(l)) throw new GoError(`list should be type of slice or array but ${kind}`);
        return sliceList(l, indices);
      },
      [A],
      A,
    ),
    concat: defineFunc({ params: [], variadic: A, results: [A] }, (lists) => {
      const out: GoValue[] = [];
      for (const l of lists) {
        const kind = listKind(l);
        const items = listItems(l);
        if (!items) throw new GoError(`Cannot concat type ${kind} as list`);
        out.push(...items);
      }
      return out.length === 0 ? nilList() : out;
    }),
  };
}

function has(needle: Arg, haystack: Arg): boolean {
  if (haystack === null || haystack === undefined) return false;
  const items = itemsOf(haystack, (k) => `Cannot find has on type ${k}`);
  return items.some((item) => deepEqual(needle, item));
}
