/**
 * JSON 6902 patches as kustomize applies them (evanphx/json-patch v4 on the
 * object's JSON form): add, remove, replace, move, copy, test, with JSON
 * pointers. Applied to the tree in place so the values a patch writes keep
 * their place in the patch file.
 */
import { clone, getEntry, isNull, type KMap, type KNode, scalar, scalarToJS, toJS } from './model';

export interface JsonOperation {
  op: string;
  path?: string;
  from?: string;
  value?: KNode;
  /** Whether the operation had a `value` key at all. */
  hasValue: boolean;
}

export class JsonPatchError extends Error {}

/** Reads a decoded patch document (a sequence of operation maps). */
export function readOperations(doc: KNode | undefined): JsonOperation[] {
  if (!doc || doc.kind !== 'seq') throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return doc.items.map((item) => {
    if (item.kind !== 'map') throw new JsonPatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const text = (key: string): string | undefined => {
      const v = getEntry(item, key)?.value;
      return v && v.kind === 'scalar' && !isNull(v) ? v.value : undefined;
    };
    const valueEntry = getEntry(item, 'value');
    return { op: text('op') ?? '', path: text('path'), from: text('from'), value: valueEntry?.value, hasValue: valueEntry !== undefined };
  });
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Container {
  parent: KNode;
  key: string;
}

/** The container of the pointer's last token (evanphx's findObject). */
function findContainer(doc: KNode, pointer: string): Container | undefined {
  const parts = splitPointer(pointer);
  if (parts.length === 0) return undefined;
  const key = parts[parts.length - 1];
  let current: KNode | undefined = doc;
  for (const part of parts.slice(0, -1)) {
    if (!current) return undefined;
    if (current.kind === 'map') current = getEntry(current, part)?.value;
    else if (current.kind === 'seq') {
      const index = parseIndex(part);
      if (index === undefined || index < 0 || index >= current.items.length) return undefined;
      current = current.items[index];
    } else return undefined;
  }
  if (!current || (current.kind !== 'map' && current.kind !== 'seq')) return undefined;
  return { parent: current, key };
}

function parseIndex(part: string): number | undefined {
  if (!/^-?[0-9]+$/.test(part)) return undefined;
  return Number(part);
}

function getAt(container: Container): KNode | undefined {
  const { parent, key } = container;
  if (parent.kind === 'map') return getEntry(parent, key)?.value;
  if (parent.kind === 'seq') {
    const index = parseIndex(key);
    if (index === undefined || index < 0 || index >= parent.items.length) return undefined;
    return parent.items[index];
  }
  return undefined;
}

function addAt(container: Container, value: KNode, path: string): void {
  const { parent, key } = container;
  if (parent.kind === 'map') {
    const entry = getEntry(parent, key);
    if (entry) entry.value = value;
    else parent.entries.push({ key: scalar(key, value.origin ? { ...value.origin, kind: 'value', raw: undefined } : undefined), value });
    return;
  }
  if (parent.kind === 'seq') {
    if (key === '-') {
      parent.items.push(value);
      return;
    }
    const index = parseIndex(key);
    if (index === undefined) throw new JsonPatchError(`Unable to access invalid index: ${key}: invalid index referenced`);
    if (index > parent.items.length || index < -parent.items.length)
      throw new JsonPatchError(`Unable to access invalid index: ${index}: invalid index referenced`);
    const at = index < 0 ? parent.items.length + index : index;
    parent.items.splice(at, 0, value);
    return;
  }
  throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
}

function removeAt(container: Container, path: string): KNode {
  const { parent, key } = container;
  if (parent.kind === 'map') {
    const entry = getEntry(parent, key);
    if (!entry) throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    parent.entries = parent.entries.filter((e) => e !== entry);
    return entry.value;
  }
  if (parent.kind === 'seq') {
    const index = parseIndex(key);
    if (index === undefined || index >= parent.items.length || index < -parent.items.length) {
      throw new JsonPatchError(`Unable to access invalid index: ${key}: invalid index referenced`);
    }
    const at = index < 0 ? parent.items.length + index : index;
    return parent.items.splice(at, 1)[0];
  }
  throw new JsonPatchError(`error in remove for path: '${path}': missing value`);
}

function replaceAt(container: Container, value: KNode, path: string): void {
  const { parent, key } = container;
  if (parent.kind === 'map') {
    const entry = getEntry(parent, key);
    if (!entry) throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    entry.value = value;
    return;
  }
  if (parent.kind === 'seq') {
    const index = parseIndex(key);
    if (index === undefined || index < 0 || index >= parent.items.length)
      throw new JsonPatchError(`Unable to access invalid index: ${key}: invalid index referenced`);
    parent.items[index] = value;
    return;
  }
  throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path}: missing value`);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** YAML-form patches are read as YAML 1.1 (sigs.k8s.io/yaml): yes/no/on/off are booleans there. */
export function yaml11Value(node: KNode): KNode {
  if (node.kind === 'scalar') {
    if (node.tag === 'str' && node.origin?.raw === node.value) {
      if (/^(y|Y|yes|Yes|YES|on|On|ON)$/.test(node.value)) return { ...node, value: 'true', tag: 'bool' };
      if (/^(n|N|no|No|NO|off|Off|OFF)$/.test(node.value)) return { ...node, value: 'false', tag: 'bool' };
    }
    return node;
  }
  if (node.kind === 'map') return { ...node, entries: node.entries.map((e) => ({ key: e.key, value: yaml11Value(e.value) })) };
  return { ...node, items: node.items.map(yaml11Value) };
}

/** Applies the operations to `doc` (a whole object) in place; returns the new root. */
export function applyJsonPatch(doc: KMap, operations: JsonOperation[]): KNode {
  let root: KNode = doc;
  for (const operation of operations) {
    const path = operation.path ?? '';
    switch (operation.op) {
      case 'add': {
        if (!operation.hasValue) throw new JsonPatchError('add operation missing value');
        const value = clone(operation.value ?? scalar('', undefined, 'null'));
        if (path === '') {
          root = value;
          break;
        }
        const container = findContainer(root, path);
        if (!container) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
        addAt(container, value, path);
        break;
      }
      case 'remove': {
        const container = findContainer(root, path);
        if (!container) throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
        removeAt(container, path);
        break;
      }
      case 'replace': {
        if (!operation.hasValue) throw new JsonPatchError('replace operation missing value');
        const value = clone(operation.value ?? scalar('', undefined, 'null'));
        if (path === '') {
          root = value;
          break;
        }
        const container = findContainer(root, path);
        if (!container) throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path}: missing value`);
        replaceAt(container, value, path);
        break;
      }
      case 'move': {
        const from = operation.from ?? '';
        const source = findContainer(root, from);
        if (!source) throw new JsonPatchError(`move operation does not apply: doc is missing from path: ${from}: missing value`);
        const value = removeAt(source, from);
        const target = findContainer(root, path);
        if (!target) throw new JsonPatchError(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
        addAt(target, value, path);
        break;
      }
      case 'copy': {
        const from = operation.from ?? '';
        const source = findContainer(root, from);
        const value = source ? getAt(source) : undefined;
        if (!source || !value) throw new JsonPatchError(`copy operation does not apply: doc is missing from path: ${from}: missing value`);
        const target = findContainer(root, path);
        if (!target) throw new JsonPatchError(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
        addAt(target, clone(value), path);
        break;
      }
      case 'test': {
        const container = path === '' ? undefined : findContainer(root, path);
        const actual = path === '' ? root : container ? getAt(container) : undefined;
        const expected = operation.value ? toJS(operation.value) : null;
        const actualJS = actual ? (actual.kind === 'scalar' ? scalarToJS(actual) : toJS(actual)) : null;
        if (!jsonEqual(actualJS, expected)) throw new JsonPatchError(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${operation.op}`);
    }
  }
  return root;
}
