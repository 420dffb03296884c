/**
 * Strategic merge as kustomize does it (kyaml's merge2 walker with list
 * prepending): maps merge key by key, a list merges by its merge keys only
 * where the embedded Kubernetes schema gives it the `merge` strategy, every
 * other list is replaced; `$patch: delete|replace|merge` directives on maps and
 * lists; a null in the patch deletes. The destination is changed in place; the
 * patch's nodes are moved into it (callers pass a copy).
 */
import { getEntry, getField, isNull, type KMap, type KNode, type KScalar, type KSeq } from './model';
import { patchStrategy, type Schema, schemaElements, schemaField, schemaForKind } from './tables';

export class MergeError extends Error {}

/** The marker for "remove this field or element". */
const CLEAR = Symbol('clear');
type Result = KNode | typeof CLEAR | undefined;

/** Merges `patch` into `dest`; returns the merged node, or undefined when the patch deletes the whole object. */
export function strategicMerge(dest: KMap, patch: KMap): KNode | undefined {
  const result = walk(dest, patch, undefined);
  return result === CLEAR ? undefined : result;
}

function schemaOf(sources: Array<KNode | undefined>, schema: Schema | undefined): Schema | undefined {
  if (schema) return schema;
  for (const source of sources) {
    if (!source || source.kind !== 'map') continue;
    const apiVersion = getField(source, 'apiVersion');
    const kind = getField(source, 'kind');
    if (apiVersion?.kind !== 'scalar' || kind?.kind !== 'scalar' || !apiVersion.value || !kind.value) continue;
    const found = schemaForKind(apiVersion.value, kind.value);
    if (found) return found;
  }
  return undefined;
}

function kindOf(dest: KNode | undefined, origin: KNode | undefined): KNode['kind'] | undefined {
  for (const source of [dest, origin]) if (source && !isNull(source)) return source.kind;
  return undefined;
}

function walk(dest: KNode | undefined, origin: KNode | undefined, schemaIn: Schema | undefined): Result {
  const schema = schemaOf([dest, origin], schemaIn);
  const kind = kindOf(dest, origin);
  if (kind === undefined) {
    // A null kept in the destination survives when the patch says nothing of it (a written `null`, not an empty value).
    if (origin === undefined) return dest && dest.kind === 'scalar' && dest.value !== '' ? dest : undefined;
    return walkMap(dest, origin, schema);
  }
  for (const source of [dest, origin]) {
    if (source && !isNull(source) && source.kind !== kind) {
      throw new MergeError(`wrong node kind: expected ${nodeKindName(kind)} but got ${nodeKindName(source.kind)}: node contents:\n${describe(source)}`);
    }
  }
  if (kind === 'map') return walkMap(dest, origin, schema);
  if (kind === 'seq') {
    const { strategy } = patchStrategy(schema);
    if (schema?.field && strategy.split(',').includes('merge')) return walkAssociative(dest as KSeq | undefined, origin as KSeq | undefined, schema);
    // A list the schema does not merge is replaced by the patch's.
    return origin !== undefined ? origin : dest;
  }
  return origin !== undefined ? origin : dest;
}

function nodeKindName(kind: KNode['kind']): string {
  return kind === 'map' ? 'MappingNode' : kind === 'seq' ? 'SequenceNode' : 'ScalarNode';
}

function describe(node: KNode): string {
  if (node.kind === 'scalar') return node.value;
  return JSON.stringify(node.kind === 'map' ? Object.fromEntries(node.entries.map((e) => [e.key.value, '…'])) : '[…]');
}

type Directive = 'merge' | 'replace' | 'delete';

function mapDirective(patch: KNode | undefined): Directive {
  if (!patch || patch.kind !== 'map') return 'merge';
  const entry = getEntry(patch, '$patch');
  if (!entry || entry.value.kind !== 'scalar') return 'merge';
  const value = entry.value.value;
  if (value !== 'delete' && value !== 'replace' && value !== 'merge') throw new MergeError(`unknown patch strategy '${value}'`);
  patch.entries = patch.entries.filter((e) => e.key.value !== '$patch');
  return value;
}

function seqDirective(patch: KNode | undefined): Directive {
  if (!patch || patch.kind !== 'seq') return 'merge';
  const element = patch.items.find((item) => item.kind === 'map' && getEntry(item, '$patch'));
  if (!element || element.kind !== 'map' || element.entries.length > 1) return 'merge';
  const value = (getField(element, '$patch') as KScalar).value;
  if (value !== 'delete' && value !== 'replace' && value !== 'merge') throw new MergeError(`unknown patch strategy '${value}'`);
  patch.items = patch.items.filter(
    (item) =>
      !(
        item.kind === 'map' &&
        item.entries.length === 1 &&
        getField(item, '$patch')?.kind === 'scalar' &&
        (getField(item, '$patch') as KScalar).value === value
      ),
  );
  return value;
}

function isTaggedNull(node: KNode | undefined): boolean {
  return node !== undefined && node.kind === 'scalar' && node.tag === 'null';
}

function walkMap(destIn: KNode | undefined, origin: KNode | undefined, schema: Schema | undefined): Result {
  let dest: KNode | undefined;
  if (isNull(destIn)) {
    if (mapDirective(origin) === 'delete') return CLEAR;
    dest = origin;
  } else if (isTaggedNull(origin)) {
    return CLEAR;
  } else {
    const directive = mapDirective(origin);
    if (directive === 'delete') return CLEAR;
    dest = directive === 'replace' ? origin : destIn;
  }
  if (!dest || dest.kind !== 'map') return dest;
  const originMap = origin && origin.kind === 'map' ? origin : undefined;
  const names = new Set<string>();
  for (const e of dest.entries) names.add(e.key.value);
  if (originMap) for (const e of originMap.entries) names.add(e.key.value);
  for (const name of [...names].sort()) {
    const destEntry = getEntry(dest, name);
    const originEntry = originMap ? getEntry(originMap, name) : undefined;
    const value = walk(destEntry?.value, originEntry?.value, schemaField(schema, name));
    if (value === undefined || value === CLEAR || (isTaggedNull(value) && value !== destEntry?.value)) {
      dest.entries = dest.entries.filter((e) => e.key.value !== name);
    } else if (destEntry) {
      destEntry.value = value;
    } else {
      dest.entries.push({ key: originEntry ? originEntry.key : { kind: 'scalar', value: name, tag: 'str' }, value });
    }
  }
  return dest;
}

function fieldValue(element: KNode, key: string): string {
  if (element.kind !== 'map') return '';
  const field = getField(element, key);
  if (!field || isNull(field) || (field.kind === 'map' && field.entries.length === 0) || (field.kind === 'seq' && field.items.length === 0)) return '';
  return field.kind === 'scalar' ? field.value : '';
}

/** The first element whose key fields have the values (an empty value only asks that the field exist). */
function matches(element: KNode, keys: string[], values: string[]): boolean {
  if (keys.length === 0 || keys[0] === '') return element.kind === 'scalar' && element.value === values[0];
  if (element.kind !== 'map') return false;
  for (let i = 0; i < keys.length; i++) {
    const field = getField(element, keys[i]);
    if (!field || isNull(field)) return false;
    if (i < values.length && values[i] !== '' && !(field.kind === 'scalar' && field.value === values[i])) return false;
  }
  return true;
}

function findElement(list: KNode | undefined, keys: string[], values: string[]): KNode | undefined {
  if (!list || list.kind !== 'seq') return undefined;
  const probeKeys = keys.length === 0 ? [''] : keys;
  const probeValues = values.length === 0 ? [''] : values;
  return list.items.find((item) => matches(item, probeKeys, probeValues));
}

/** kyaml's ElementSetter: drops null and empty-map elements, replaces the matching one (or removes it when `element` is undefined), else appends. */
function setElement(list: KSeq, keys: string[], values: string[], element: KNode | undefined): void {
  const probeKeys = keys.length === 0 ? [''] : keys;
  const mappingSetter = probeKeys[0] !== '';
  const items: KNode[] = [];
  let found = false;
  for (const item of list.items) {
    if (isNull(item) || (item.kind === 'map' && item.entries.length === 0)) continue;
    if (mappingSetter && item.kind !== 'map') {
      items.push(item);
      continue;
    }
    if (!matchesSetter(item, probeKeys, values)) {
      items.push(item);
      continue;
    }
    found = true;
    if (element) items.push(element);
  }
  list.items = items;
  if (element && !isNull(element) && !found) list.items.push(element);
}

function matchesSetter(item: KNode, keys: string[], values: string[]): boolean {
  for (let j = 0; j < keys.length; j++) {
    if (j >= values.length) continue;
    const key = keys[j];
    const value = values[j];
    if (key === '') {
      if (item.kind !== 'scalar' || item.value !== value) return false;
      continue;
    }
    if (item.kind !== 'map') return false;
    const field = getField(item, key);
    if (!field || isNull(field)) return false;
    if (value !== '' && !(field.kind === 'scalar' && field.value === value)) return false;
  }
  return true;
}

function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const list of valuesList) list.forEach((v, i) => v !== '' && valid.add(keys[i]));
  if (valid.size === 0) return [keys, values];
  return [keys.filter((k) => valid.has(k)), values.filter((v, i) => v !== '' || valid.has(keys[i]))];
}

function mergeValues(valuesList: string[][]): string[][] {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const merged = matchValues(valuesList[i], valuesList[j]);
      if (merged) {
        valuesList[i] = merged;
        valuesList[j] = merged;
      }
    }
  }
  return valuesList;
}

function matchValues(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      out.push(a[i]);
      continue;
    }
    if (a[i] !== '' && b[i] !== '') return undefined;
    out.push(a[i] !== '' ? a[i] : b[i]);
  }
  return common ? out : undefined;
}

function walkAssociative(destIn: KSeq | undefined, origin: KSeq | undefined, schema: Schema): Result {
  let dest: KNode | undefined;
  if (isNull(destIn)) dest = origin;
  else if (isTaggedNull(origin)) return CLEAR;
  else {
    const directive = seqDirective(origin);
    if (directive === 'delete') return CLEAR;
    dest = directive === 'replace' ? origin : destIn;
  }
  if (!dest || dest.kind !== 'seq') return dest;
  const sources: Array<KSeq | undefined> = [dest, origin];
  const { keys } = patchStrategy(schema);
  const elementSchema = schemaElements(schema);

  let valuesList: string[][] = [];
  let effectiveKeys = keys;
  if (keys.length > 0) {
    const seen = new Set<string>();
    // Patch elements first: kustomize merges with the list "prepend" option.
    for (const source of [sources[1], sources[0]]) {
      if (!source) continue;
      for (const item of source.items) {
        const values = keys.map((k) => fieldValue(item, k));
        const id = JSON.stringify(values);
        if (values.length === 0 || seen.has(id)) continue;
        seen.add(id);
        valuesList.push(values);
      }
    }
  } else {
    effectiveKeys = [''];
    const seen = new Set<string>();
    for (const source of [sources[1], sources[0]]) {
      if (!source) continue;
      for (const item of source.items) {
        const value = item.kind === 'scalar' ? item.value : '';
        if (seen.has(value)) continue;
        seen.add(value);
        valuesList.push([value]);
      }
    }
  }

  const toAdd: KSeq = { kind: 'seq', items: [], origin: dest.origin };
  if (effectiveKeys.length > 1) valuesList = mergeValues(valuesList);
  let validKeys: string[] = effectiveKeys;
  for (const values of valuesList) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = validateKeys(valuesList, values, effectiveKeys);
    const [elementKeys, elementValues] = validateKeys([validValues], validValues, validKeys);
    const destElement = findElement(sources[0], elementKeys, elementValues);
    const originElement = findElement(sources[1], elementKeys, elementValues);
    const merged = walk(destElement, originElement, elementSchema);
    if (merged === undefined || merged === CLEAR || isNull(merged) || (merged.kind === 'map' && merged.entries.length === 0)) {
      setElement(dest, validKeys, validValues, undefined);
      continue;
    }
    if (merged.kind === 'map') {
      validKeys.forEach((key, i) => {
        if (!getField(merged, key) && validValues[i] !== '')
          merged.entries.push({ key: { kind: 'scalar', value: key, tag: 'str' }, value: { kind: 'scalar', value: validValues[i], tag: 'str' } });
      });
    }
    setElement(toAdd, validKeys, validValues, merged);
  }
  if (valuesList.length > 0) {
    // The merged elements (in patch-first order), then each destination element put in its matching place.
    for (const element of dest.items) {
      if (validKeys[0] === '') {
        setElement(toAdd, [''], [element.kind === 'scalar' ? element.value : ''], element);
        continue;
      }
      // kyaml's appendListNode: an element lacking a key is appended as is, then matched by the keys it has.
      const values: string[] = [];
      for (const key of validKeys) {
        const field = element.kind === 'map' ? getField(element, key) : undefined;
        if (!field || isNull(field)) {
          toAdd.items.push(element);
          continue;
        }
        values.push(field.kind === 'scalar' ? field.value : '');
      }
      // With several keys kustomize removes the matches first, so the destination's element moves to the end.
      if (validKeys.length > 1) setElement(toAdd, validKeys, values, undefined);
      setElement(toAdd, validKeys, values, element);
    }
    dest = toAdd;
  }
  return dest;
}
