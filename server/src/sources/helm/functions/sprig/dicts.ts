/**
 * sprig's `dict.go`: dictionaries are `map[string]interface{}` (a plain
 * object, or a nil map box), changed in place by `set`, `unset` and the merges
 * as Go changes the shared map. `merge` and `mergeOverwrite` follow
 * `dario.cat/mergo` v1.0.2 on maps, quirks included. `get`, `dig` and
 * `pluck` keep the values-file origin of what they select.
 */
import { defineFunc, GoError, traced, type FuncDef } from '../../template/funcs';
import { anyMap, anySlice, isFloatKind, isIntKind, isUintKind, types, type GoType } from '../../template/types';
import {
  GoMap,
  GoPointer,
  GoScalar,
  GoSlice,
  GoStruct,
  goSlice,
  isPlainObject,
  mapKey,
  typeOf,
  withType,
  type GoMapEntry,
  type GoObject,
  type GoValue,
} from '../../template/values';
import { elementOrigin, strval, type Arg } from './convert';
import { typeName } from '../../template/fmt';

const A = types.any;
const S = types.string;
const B = types.bool;
const E = types.error;
const M = anyMap;

type Dict = GoObject | GoMap;

function isDict(v: Arg): v is Dict {
  return isPlainObject(v) || v instanceof GoMap;
}

function dictHas(d: Dict, key: string): boolean {
  if (d instanceof GoMap) return d.get(key) !== undefined;
  return Object.prototype.hasOwnProperty.call(d, key);
}

function dictGet(d: Dict, key: string): GoValue | undefined {
  if (d instanceof GoMap) return d.get(key)?.value;
  return Object.prototype.hasOwnProperty.call(d, key) ? d[key] : undefined;
}

function dictSet(d: Dict, key: string, value: GoValue): void {
  if (d instanceof GoMap) {
    if (d.entries === null) throw new GoError('assignment to entry in nil map');
    (d.entries as Map<string, GoMapEntry>).set(mapKey(key), { key, value });
    return;
  }
  d[key] = value;
}

function dictDelete(d: Dict, key: string): void {
  if (d instanceof GoMap) {
    (d.entries as Map<string, GoMapEntry> | null)?.delete(mapKey(key));
    return;
  }
  delete d[key];
}

function dictEntries(d: Dict): [string, GoValue][] {
  if (d instanceof GoMap) return d.entries ? [...d.entries.values()].map((e) => [e.key as string, e.value]) : [];
  return Object.entries(d);
}

function dictSize(d: Dict): number {
  return d instanceof GoMap ? d.size : Object.keys(d).length;
}

/** A nil map argument (`dict` of nothing is not nil; a nil `map[string]interface{}` is) becomes a fresh map where Go would make one. */
function isNilMap(d: Dict): boolean {
  return d instanceof GoMap && d.entries === null;
}

// mergo on maps.

function mergoEmpty(v: GoValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'boolean':
      return !v;
  }
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  if (v instanceof GoScalar) {
    const k = v.type.kind;
    if (isIntKind(k) || isUintKind(k)) return v.value === 0n;
    if (isFloatKind(k)) return v.value === 0;
    if (k === 'string') return v.value === '';
    if (k === 'bool') return v.value === false;
    return false;
  }
  if (v instanceof GoSlice) return (v.type.kind === 'array' ? (v.type.length ?? 0) : (v.items?.length ?? 0)) === 0;
  if (v instanceof GoMap) return v.size === 0;
  if (v instanceof GoPointer) return v.target === undefined || mergoEmpty(v.target);
  return false;
}

function dynamicKind(v: GoValue): string {
  if (isPlainObject(v) || v instanceof GoMap) return 'map';
  if (Array.isArray(v) || (v instanceof GoSlice && v.type.kind === 'slice')) return 'slice';
  if (v instanceof GoStruct) return 'struct';
  if (v instanceof GoPointer) return 'ptr';
  return 'other';
}

function mergeMaps(dst: Dict, src: Dict, overwrite: boolean): void {
  for (const [key, se] of dictEntries(src)) {
    const present = dictHas(dst, key);
    const de = present ? dictGet(dst, key) : undefined;
    if (se === null) {
      if (overwrite) dictSet(dst, key, se);
      continue;
    }
    const kind = dynamicKind(se);
    if (kind === 'map') {
      if (de !== undefined && isDict(de) && !isNilMap(de)) mergeMaps(de, se as Dict, overwrite);
    } else if (kind === 'slice') {
      let dstSlice: GoValue = de === undefined || de === null ? (Array.isArray(se) ? [] : new GoSlice((se as GoSlice).type, [])) : de;
      if (overwrite || dictSize(dst) === 0) dstSlice = se;
      dictSet(dst, key, dstSlice);
    }
    if (present && !mergoEmpty(de)) {
      if (kind === 'slice') continue;
      if (kind === 'map' && de !== undefined && de !== null && dynamicKind(de) === 'map') continue;
    }
    if ((overwrite && !(src instanceof GoMap && src.type.elem?.kind === 'pointer')) || !present || mergoEmpty(de)) dictSet(dst, key, se);
  }
}

function merge(dst: Dict, srcs: readonly Arg[], overwrite: boolean): Dict {
  let target = dst;
  for (const src of srcs) {
    const s = src as Dict;
    if (isNilMap(target) && !isNilMap(s)) target = {};
    mergeMaps(target, s, overwrite);
  }
  return target;
}

function isBasic(type: GoType | undefined): boolean {
  if (!type) return false;
  const kind = type.kind;
  return kind !== 'interface' && kind !== 'slice' && kind !== 'array' && kind !== 'map' && kind !== 'struct' && kind !== 'pointer';
}

/** `copystructure.Copy`: maps, slices and pointers copied deeply; scalars and struct values shared. */
export function deepCopyValue(v: GoValue): GoValue {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out: GoValue[] = new Array<GoValue>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepCopyValue(v[i]);
    const type = typeOf(v);
    return type && type !== anySlice ? withType(out, type) : out;
  }
  if (isPlainObject(v)) {
    const out: GoObject = {};
    for (const k in v) out[k] = deepCopyValue(v[k]);
    const type = typeOf(v);
    return type && type !== anyMap ? withType(out, type) : out;
  }
  // Lists are never changed in place by a template: only what maps they hold needs copying ([]byte file contents stay shared).
  if (v instanceof GoSlice) return !v.items || isBasic(v.type.elem) ? v : new GoSlice(v.type, v.items.map(deepCopyValue), v.capacity);
  if (v instanceof GoMap)
    return new GoMap(v.type, v.entries ? new Map([...v.entries].map(([k, e]) => [k, { key: e.key, value: deepCopyValue(e.value) }])) : null);
  // Struct values cannot be changed by a template (and time.Time, *semver.Version carry data beside their fields): shared.
  if (v instanceof GoStruct) return v;
  if (v instanceof GoPointer) return new GoPointer(v.type, v.target === undefined ? undefined : deepCopyValue(v.target));
  return v;
}

/** Go's failed type assertion `x.(map[string]interface{})` / `x.(string)`. */
function assertionError(v: Arg, want: string): GoError {
  const got = v === null || v === undefined ? 'nil' : typeName(v);
  return new GoError(`interface conversion: interface {} is ${got}, not ${want}`);
}

function isAnyMap(v: Arg): v is GoObject | GoMap {
  return (isPlainObject(v) || v instanceof GoMap) && typeOf(v) === anyMap;
}

export function dictFunctions(): Record<string, FuncDef> {
  const mergeFn = (overwrite: boolean, must: boolean): FuncDef =>
    defineFunc({ params: [M], variadic: M, results: must ? [A, E] : [A] }, ([dst, ...srcs]) => merge(dst as Dict, srcs, overwrite));
  return {
    dict: defineFunc({ params: [], variadic: A, results: [M] }, (args, ctx) => {
      const out: GoObject = {};
      for (let i = 0; i < args.length; i += 2) {
        const key = strval(args[i] ?? null, ctx);
        out[key] = i + 1 >= args.length ? '' : (args[i + 1] ?? null);
      }
      return out;
    }),
    get: defineFunc({ params: [M, S], results: [A] }, ([d, key], ctx) => {
      const dict = d as Dict;
      if (!dictHas(dict, key as string)) return '';
      const value = dictGet(dict, key as string) as GoValue;
      const origin = elementOrigin(ctx, dict, key as string);
      return origin === undefined ? value : traced(value, origin);
    }),
    set: defineFunc({ params: [M, S, A], results: [M] }, ([d, key, value]) => {
      dictSet(d as Dict, key as string, value ?? null);
      return d as GoValue;
    }),
    unset: defineFunc({ params: [M, S], results: [M] }, ([d, key]) => {
      dictDelete(d as Dict, key as string);
      return d as GoValue;
    }),
    hasKey: defineFunc({ params: [M, S], results: [B] }, ([d, key]) => dictHas(d as Dict, key as string)),
    pluck: defineFunc({ params: [S], variadic: M, results: [anySlice] }, ([key, ...dicts]) => {
      const out: GoValue[] = [];
      for (const d of dicts) if (dictHas(d as Dict, key as string)) out.push(dictGet(d as Dict, key as string) as GoValue);
      return out;
    }),
    keys: defineFunc({ params: [], variadic: M, results: [types.any] }, (dicts) => {
      const out: GoValue[] = [];
      for (const d of dicts) for (const [k] of dictEntries(d as Dict)) out.push(k);
      return goSlice(S, out);
    }),
    pick: defineFunc({ params: [M], variadic: S, results: [M] }, ([d, ...keys]) => {
      const out: GoObject = {};
      for (const k of keys) if (dictHas(d as Dict, k as string)) out[k as string] = dictGet(d as Dict, k as string) as GoValue;
      return out;
    }),
    omit: defineFunc({ params: [M], variadic: S, results: [M] }, ([d, ...keys]) => {
      const out: GoObject = {};
      const skip = new Set(keys as string[]);
      for (const [k, v] of dictEntries(d as Dict)) if (!skip.has(k)) out[k] = v;
      return out;
    }),
    merge: mergeFn(false, false),
    mustMerge: mergeFn(false, true),
    mergeOverwrite: mergeFn(true, false),
    mustMergeOverwrite: mergeFn(true, true),
    values: defineFunc({ params: [M], results: [anySlice] }, ([d]) => dictEntries(d as Dict).map(([, v]) => v)),
    dig: defineFunc({ params: [], variadic: A, results: [A, E] }, (ps, ctx) => {
      if (ps.length < 3) throw new GoError('dig needs at least three arguments');
      const last = ps[ps.length - 1];
      if (!isAnyMap(last)) throw assertionError(last, 'map[string]interface {}');
      let dict: Dict = last;
      const def = ps[ps.length - 2] ?? null;
      const keys = ps.slice(0, -2).map((k) => {
        if (typeof k !== 'string') throw assertionError(k, 'string');
        return k;
      });
      for (let i = 0; i < keys.length; i++) {
        if (!dictHas(dict, keys[i])) return traced(def, ctx.argOrigin(ps.length - 2));
        const step = dictGet(dict, keys[i]) as GoValue;
        if (i === keys.length - 1) {
          const origin = elementOrigin(ctx, dict, keys[i]);
          return origin === undefined ? step : traced(step, origin);
        }
        if (!isAnyMap(step)) throw assertionError(step, 'map[string]interface {}');
        dict = step;
      }
      return def;
    }),
  };
}
