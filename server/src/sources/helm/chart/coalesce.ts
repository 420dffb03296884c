/**
 * Helm's value coalescing (pkg/chartutil/coalesce.go): the user's values win
 * over a chart's `values.yaml`, subcharts get their section plus `global`,
 * and `null` deletes a key. The functions mutate their destination in place,
 * as Helm's do, because later steps rely on which maps are shared.
 */
import { type LoadedChart } from './chart';
import { deepCopy, type HelmMap, type HelmValue, isNil, isTable, newMap } from './values';

const globalKey = 'global';

/** chartutil.CoalesceValues: the chart's values (and its subcharts') under the given values. */
export function coalesceValues(chart: LoadedChart, values: HelmMap): HelmMap {
  return coalesce(chart, deepCopy(values), false);
}

/** chartutil.MergeValues: as coalesceValues, but `null` survives (used while deciding dependencies). */
export function mergeValues(chart: LoadedChart, values: HelmMap): HelmMap {
  return coalesce(chart, deepCopy(values), true);
}

/** Thrown for `type mismatch on NAME`, Helm's only coalescing error. */
export class CoalesceError extends Error {}

function coalesce(chart: LoadedChart, dest: HelmMap, merge: boolean): HelmMap {
  coalesceChartValues(chart, dest, merge);
  return coalesceDependencies(chart, dest, merge);
}

function coalesceDependencies(chart: LoadedChart, dest: HelmMap, merge: boolean): HelmMap {
  for (const subchart of chart.dependencies) {
    const name = subchart.metadata.name;
    const existing = dest.entries.get(name);
    if (existing === undefined) dest.entries.set(name, newMap());
    else if (!isTable(existing)) throw new CoalesceError(`type mismatch on ${name}: ${goPercentT(existing)}`);
    const section = dest.entries.get(name) as HelmMap;
    coalesceGlobals(section, dest);
    dest.entries.set(name, coalesce(subchart, section, merge));
  }
  return dest;
}

/** fmt's %t of a value: a bool prints, anything else is a bad verb. */
function goPercentT(value: HelmValue): string {
  if (value.kind === 'list') return `%!t([]interface {}=[${value.items.map((item) => (item.kind === 'scalar' ? String(item.value) : item.kind)).join(' ')}])`;
  if (value.kind === 'map') return '%!t(map[string]interface {}=map[...])';
  const v = value.value;
  if (typeof v === 'boolean') return String(v);
  if (v === null) return '%!t(<nil>)';
  if (typeof v === 'bigint') return `%!t(int64=${v})`;
  if (typeof v === 'number') return `%!t(float64=${v})`;
  return `%!t(string=${v})`;
}

/** Copies the parent's `global` into the subchart's values; the subchart's own globals win. */
function coalesceGlobals(dest: HelmMap, src: HelmMap): void {
  let destGlobals: HelmMap;
  const destGlobal = dest.entries.get(globalKey);
  if (destGlobal === undefined) destGlobals = newMap();
  else if (isTable(destGlobal)) destGlobals = destGlobal;
  else return;
  let srcGlobals: HelmMap;
  const srcGlobal = src.entries.get(globalKey);
  if (srcGlobal === undefined) srcGlobals = newMap();
  else if (isTable(srcGlobal)) srcGlobals = srcGlobal;
  else return;
  for (const [key, value] of srcGlobals.entries) {
    if (isTable(value)) {
      const copy = newMap(value.entries, value.origin);
      const destValue = destGlobals.entries.get(key);
      if (destValue === undefined) destGlobals.entries.set(key, copy);
      else if (isTable(destValue)) {
        coalesceTables(copy, destValue, true);
        destGlobals.entries.set(key, copy);
      }
    } else {
      const destValue = destGlobals.entries.get(key);
      if (destValue !== undefined && isTable(destValue)) continue;
      destGlobals.entries.set(key, value);
    }
  }
  dest.entries.set(globalKey, destGlobals);
}

function coalesceChartValues(chart: LoadedChart, values: HelmMap, merge: boolean): void {
  const chartValues = deepCopy(chart.values);
  for (const [key, value] of chartValues.entries) {
    const existing = values.entries.get(key);
    if (existing !== undefined) {
      if (isNil(existing) && !merge) values.entries.delete(key);
      else if (isTable(existing)) {
        if (isTable(value)) {
          const childMerge = chart.dependencies.some((subchart) => subchart.metadata.name === key) || merge;
          coalesceTables(existing, value, childMerge);
        }
      }
    } else values.entries.set(key, value);
  }
}

/** chartutil.CoalesceTables: `dst` wins, `src` fills in; a `null` in `dst` deletes the key unless merging. */
export function coalesceTables(dst: HelmMap, src: HelmMap, merge = false): HelmMap {
  const srcOriginalNonNil = new Set<string>();
  for (const [key, value] of src.entries) if (!isNil(value)) srcOriginalNonNil.add(key);
  for (const [key, value] of dst.entries) {
    if (isNil(value)) src.entries.set(key, value);
  }
  for (const [key, value] of src.entries) {
    const existing = dst.entries.get(key);
    if (existing !== undefined && !merge && isNil(existing) && srcOriginalNonNil.has(key)) dst.entries.delete(key);
    else if (existing === undefined) dst.entries.set(key, value);
    else if (isTable(value)) {
      if (isTable(existing)) coalesceTables(existing, value, merge);
    }
  }
  return dst;
}

/** chartutil.MergeTables. */
export function mergeTables(dst: HelmMap, src: HelmMap): HelmMap {
  return coalesceTables(dst, src, true);
}

/** cli/values mergeMaps: how `-f` files are layered (later wins, maps merge, nothing is deleted). */
export function mergeMaps(a: HelmMap, b: HelmMap): HelmMap {
  const out = newMap(a.entries, a.origin);
  for (const [key, value] of b.entries) {
    if (isTable(value)) {
      const existing = out.entries.get(key);
      if (existing !== undefined && isTable(existing)) {
        out.entries.set(key, mergeMaps(existing, value));
        continue;
      }
    }
    out.entries.set(key, value);
  }
  return out;
}
