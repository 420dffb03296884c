/**
 * Helm's values as data: the tree `helm template` computes with, where every
 * scalar remembers the text it was written as.
 *
 * Helm decodes YAML to JSON before it uses it (sigs.k8s.io/yaml), so numbers
 * from values files and `--set-json` are Go float64 (`number` here), while
 * `--set` makes int64 (`bigint` here). Maps are shared by reference exactly
 * where Helm's Go maps are, because coalescing mutates them in place.
 */

/** Where a value was written: the scalar (or the collection) text, and the key it sits under. */
export interface ValueOrigin {
  file: string;
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
}

export type GoScalar = null | boolean | string | number | bigint;

export interface HelmScalar {
  kind: 'scalar';
  value: GoScalar;
  origin?: ValueOrigin;
}

export interface HelmList {
  kind: 'list';
  items: HelmValue[];
  origin?: ValueOrigin;
}

export interface HelmMap {
  kind: 'map';
  entries: Map<string, HelmValue>;
  origin?: ValueOrigin;
}

export type HelmValue = HelmScalar | HelmList | HelmMap;

export function scalar(value: GoScalar, origin?: ValueOrigin): HelmScalar {
  return origin ? { kind: 'scalar', value, origin } : { kind: 'scalar', value };
}

export function newMap(entries?: Iterable<[string, HelmValue]>, origin?: ValueOrigin): HelmMap {
  const map: HelmMap = { kind: 'map', entries: new Map(entries ?? []) };
  if (origin) map.origin = origin;
  return map;
}

export function newList(items: HelmValue[] = [], origin?: ValueOrigin): HelmList {
  const list: HelmList = { kind: 'list', items };
  if (origin) list.origin = origin;
  return list;
}

/** Go's `v == nil` for an interface{} value. */
export function isNil(value: HelmValue | undefined): boolean {
  return value !== undefined && value.kind === 'scalar' && value.value === null;
}

export function isTable(value: HelmValue | undefined): value is HelmMap {
  return value !== undefined && value.kind === 'map';
}

/** copystructure.Copy: new maps and lists all the way down, scalars shared (they are immutable). */
export function deepCopy<T extends HelmValue>(value: T): T {
  if (value.kind === 'map') {
    const copy = newMap(undefined, value.origin);
    for (const [key, item] of value.entries) copy.entries.set(key, deepCopy(item));
    return copy as T;
  }
  if (value.kind === 'list') return newList(value.items.map(deepCopy), value.origin) as T;
  return value;
}

/** Plain JavaScript data (for JSON Schema validation and tests): int64 becomes a number. */
export function toPlain(value: HelmValue): unknown {
  if (value.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value.entries) out[key] = toPlain(item);
    return out;
  }
  if (value.kind === 'list') return value.items.map(toPlain);
  return typeof value.value === 'bigint' ? Number(value.value) : value.value;
}

/** From plain JavaScript data (JSON), numbers as float64. */
export function fromPlain(data: unknown, origin?: ValueOrigin): HelmValue {
  if (data === null || data === undefined) return scalar(null, origin);
  if (Array.isArray(data))
    return newList(
      data.map((item) => fromPlain(item, origin)),
      origin,
    );
  if (typeof data === 'object') {
    const map = newMap(undefined, origin);
    for (const [key, item] of Object.entries(data as Record<string, unknown>)) map.entries.set(key, fromPlain(item, origin));
    return map;
  }
  if (typeof data === 'string' || typeof data === 'number' || typeof data === 'boolean' || typeof data === 'bigint') return scalar(data, origin);
  return scalar(String(data), origin);
}

/** `Values.Table("a.b")`: the map at a dotted path, or undefined (Helm's ErrNoTable). */
export function table(values: HelmMap, path: string): HelmMap | undefined {
  let current: HelmMap = values;
  for (const part of path.split('.')) {
    const next = current.entries.get(part);
    if (!isTable(next)) return undefined;
    current = next;
  }
  return current;
}

/** `Values.PathValue("a.b")`: a non-table value at a dotted path, or undefined. */
export function pathValue(values: HelmMap, path: string): HelmValue | undefined {
  const parts = path.split('.');
  const key = parts.pop() as string;
  const holder = parts.length === 0 ? values : table(values, parts.join('.'));
  if (!holder) return undefined;
  const found = holder.entries.get(key);
  return found === undefined || isTable(found) ? undefined : found;
}
