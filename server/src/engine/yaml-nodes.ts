import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, visit, type YAMLMap, type YAMLSeq } from 'yaml';

/** Small, total accessors over the `yaml` AST: they return null instead of throwing on odd shapes. */

export type AnyNode = Node | null | undefined;

export interface Span {
  start: number;
  end: number;
}

export function spanOf(node: AnyNode | Pair): Span | null {
  if (!node) return null;
  if (isPair(node)) {
    const key = node.key as AnyNode;
    const value = node.value as AnyNode;
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    return start === undefined || end === undefined ? null : { start, end };
  }
  const range = (node as Node).range;
  return range ? { start: range[0], end: range[1] } : null;
}

/**
 * The anchors and aliases of a document in the order `Alias.resolve` visits
 * them, built once per document: `resolve` walks the whole document for
 * every alias, which made a file of many aliases quadratic (5,000 aliases
 * took 40 s).
 */
interface AnchorIndex {
  position: Map<Node, number>;
  anchors: Map<string, { node: Node; at: number }[]>;
}

const anchorIndexes = new WeakMap<object, AnchorIndex>();

function anchorIndex(doc: { contents: unknown }): AnchorIndex {
  let index = anchorIndexes.get(doc);
  if (index) return index;
  index = { position: new Map(), anchors: new Map() };
  const built = index;
  visit(doc as Document, {
    Node(_, node) {
      const anchor = (node as { anchor?: string }).anchor;
      if (!isAlias(node) && !anchor) return;
      const at = built.position.size;
      built.position.set(node, at);
      if (anchor && !isAlias(node)) {
        const list = built.anchors.get(anchor);
        if (list) list.push({ node, at });
        else built.anchors.set(anchor, [{ node, at }]);
      }
    },
  });
  anchorIndexes.set(doc, index);
  return index;
}

/** Aliases resolve to the anchored node, so `<<: *defaults`-free aliases still read as values. */
export function deref(node: unknown, doc?: { contents: unknown } | null): AnyNode {
  if (isAlias(node)) {
    try {
      if (doc) {
        const index = anchorIndex(doc);
        const at = index.position.get(node);
        if (at !== undefined) {
          // The last anchor of that name before the alias, as `Alias.resolve` finds it.
          const candidates = index.anchors.get(node.source) ?? [];
          let low = 0;
          let high = candidates.length;
          while (low < high) {
            const mid = (low + high) >> 1;
            if (candidates[mid].at < at) low = mid + 1;
            else high = mid;
          }
          return low > 0 ? candidates[low - 1].node : null;
        }
      }
      return (node.resolve(doc as never) as AnyNode) ?? null;
    } catch {
      return null;
    }
  }
  return (node as AnyNode) ?? null;
}

export function asMap(node: unknown): YAMLMap | null {
  return isMap(node) ? node : null;
}

export function asSeq(node: unknown): YAMLSeq | null {
  return isSeq(node) ? node : null;
}

export function keyText(pair: Pair): string | null {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return null;
}

const MERGE_KEY = '<<';
/** Merges of merges are rare; the bound keeps a cycle of aliases from recursing forever. */
const MAX_MERGE_DEPTH = 8;

/**
 * The maps a `<<` merge key brings in, in order of precedence. kubectl reads
 * YAML with go-yaml v2, which applies merge keys: a map (or a list of maps,
 * earlier ones first) fills in the keys the map does not set itself.
 */
function mergeSources(map: YAMLMap, doc: { contents: unknown }): YAMLMap[] {
  const sources: YAMLMap[] = [];
  for (const item of map.items) {
    if (!isPair(item) || keyText(item) !== MERGE_KEY) continue;
    const value = deref(item.value, doc);
    if (isMap(value)) sources.push(value);
    else if (isSeq(value)) {
      for (const entry of value.items) {
        const source = asMap(deref(entry, doc));
        if (source) sources.push(source);
      }
    }
  }
  return sources;
}

/**
 * The pair for a key: the map's own (the last one when a key is duplicated,
 * as a JSON decoder keeps the last), else one brought in by a merge key
 * (which needs `doc` to resolve its aliases).
 */
export function getPair(map: YAMLMap | null, key: string, doc?: { contents: unknown } | null, depth = 0): Pair<Scalar, Node | null> | null {
  if (!map) return null;
  // From the end: the last of repeated keys wins, and most lookups find their key before the scan's end.
  const items = map.items;
  let merges = false;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!isPair(item)) continue;
    const text = keyText(item);
    if (text === key) return item as Pair<Scalar, Node | null>;
    if (text === MERGE_KEY) merges = true;
  }
  if (!merges || !doc || depth >= MAX_MERGE_DEPTH) return null;
  for (const source of mergeSources(map, doc)) {
    const merged = getPair(source, key, doc, depth + 1);
    if (merged) return merged;
  }
  return null;
}

function isOwnPair(item: unknown): boolean {
  return isPair(item) && keyText(item) !== MERGE_KEY;
}

/** Every key-value pair the map ends up with: its own, then merged ones for keys it does not set. */
export function effectivePairs(map: YAMLMap, doc?: { contents: unknown } | null, depth = 0): readonly Pair[] {
  // Most maps merge nothing: their own items are the answer, without a copy.
  if (map.items.every(isOwnPair)) return map.items as Pair[];
  const own = map.items.filter((item): item is Pair => isOwnPair(item));
  if (!doc || depth >= MAX_MERGE_DEPTH || own.length === map.items.length) return own;
  const seen = new Set(own.map(keyText));
  const pairs = [...own];
  for (const source of mergeSources(map, doc)) {
    for (const pair of effectivePairs(source, doc, depth + 1)) {
      const key = keyText(pair);
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push(pair);
    }
  }
  return pairs;
}

export function getNode(map: YAMLMap | null, key: string, doc?: { contents: unknown } | null): AnyNode {
  const pair = getPair(map, key, doc);
  return pair ? deref(pair.value, doc) : null;
}

export function getMap(map: YAMLMap | null, key: string, doc?: { contents: unknown } | null): YAMLMap | null {
  return asMap(getNode(map, key, doc));
}

export function getSeq(map: YAMLMap | null, key: string, doc?: { contents: unknown } | null): YAMLSeq | null {
  return asSeq(getNode(map, key, doc));
}

/** A scalar's value as text (null for a missing key, a null scalar, or a non-scalar). */
export function scalarText(node: AnyNode): string | null {
  if (!isScalar(node) || node.value === null || node.value === undefined) return null;
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

export function getString(map: YAMLMap | null, key: string, doc?: { contents: unknown } | null): string | null {
  return scalarText(getNode(map, key, doc));
}

/** An integer field as the API would decode it; null when absent or not an integer. */
export function getInteger(map: YAMLMap | null, key: string, doc?: { contents: unknown } | null): number | null {
  const node = getNode(map, key, doc);
  if (!isScalar(node)) return null;
  const value = node.value;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

export function isScalarNode(node: unknown): node is Scalar {
  return isScalar(node);
}
