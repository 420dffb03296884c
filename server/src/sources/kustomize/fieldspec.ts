/**
 * Field specs: the paths (`spec/template/metadata/labels`, `spec/containers[]/image`)
 * at which a transformer acts on objects of some group/version/kind, walked as
 * kustomize's fieldspec filter walks them (lists are entered element by element,
 * missing maps are created only when the spec says `create`).
 */
import { emptyMap, getEntry, isNull, type KMap, type KNode, type KScalar, nullScalar, scalar } from './model';
import { type Gvk } from './resource';
import type { FieldSpec } from './tables';

export class FieldSpecError extends Error {}

/** `a/b\/c/d` → ['a', 'b/c', 'd']. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (ch === '/') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function specMatches(spec: FieldSpec, gvk: Gvk): boolean {
  if (spec.kind && spec.kind !== gvk.kind) return false;
  if (spec.group && spec.group !== gvk.group) return false;
  if (spec.version && spec.version !== gvk.version) return false;
  return true;
}

/**
 * Calls `visit` with each node at the spec's path in `object` (the parent map and key are given so a
 * scalar can be replaced). `createKind` is what a missing last field is created as, when the spec says create.
 */
export function walkFieldSpec(
  object: KMap,
  spec: FieldSpec,
  gvk: Gvk,
  createKind: 'map' | 'scalar' | undefined,
  visit: (node: KNode, parent: KMap, key: string) => void,
): void {
  if (!specMatches(spec, gvk)) return;
  walk(object, splitPath(spec.path), spec.create === true, createKind, visit, undefined, '');
}

function walk(
  node: KNode,
  path: string[],
  create: boolean,
  createKind: 'map' | 'scalar' | undefined,
  visit: (node: KNode, parent: KMap, key: string) => void,
  parent: KMap | undefined,
  key: string,
): void {
  if (path.length === 0) {
    if (parent) visit(node, parent, key);
    return;
  }
  if (isNull(node)) return;
  if (node.kind === 'seq') {
    for (const item of node.items) walk(item, path, create, createKind, visit, parent, key);
    return;
  }
  if (node.kind !== 'map') throw new FieldSpecError('expected sequence or mapping node');
  const raw = path[0];
  const isSeq = raw.endsWith('[]');
  const name = isSeq ? raw.slice(0, -2) : raw;
  if (name === '') throw new FieldSpecError('cannot set or create an empty field name');
  let entry = getEntry(node, name);
  const last = path.length === 1;
  if (!entry) {
    if (!create || createKind === undefined || isSeq) return;
    const value: KNode = last ? (createKind === 'map' ? emptyMap() : nullScalar()) : emptyMap();
    entry = { key: scalar(name), value };
    node.entries.push(entry);
  } else if (isNull(entry.value) && create && createKind !== undefined && !isSeq) {
    if (last ? createKind === 'map' : true) entry.value = emptyMap(entry.value.origin);
  }
  walk(entry.value, path.slice(1), create, createKind, visit, node, name);
}

/** Sets `key: value` in a map found at a field spec (labels, annotations, selectors). */
export function setMapEntry(target: KNode, parent: KMap, fieldKey: string, key: KScalar, value: KScalar): void {
  let map = target;
  if (map.kind !== 'map') {
    if (!isNull(map)) throw new FieldSpecError(`wrong node kind: expected MappingNode but got ${map.kind === 'seq' ? 'SequenceNode' : 'ScalarNode'}`);
    map = emptyMap();
    const entry = getEntry(parent, fieldKey);
    if (entry) entry.value = map;
  }
  const existing = getEntry(map, key.value);
  if (existing) existing.value = value;
  else map.entries.push({ key: { ...key }, value });
}
