/**
 * The objects kubectl takes from one decoded document, and its errors: the
 * unstructured decoder (a JSON object, numbers as int64 or float64, an `items`
 * field makes it a list whose items inherit a kind), the check that `kind` is
 * set, the check that `metadata` decodes as ObjectMeta, and the flattening of
 * lists into their items (`kubectl apply -f` applies the items of a List).
 */
import { isJsonObject, JsonNumber, type JsonObject, type JsonValue, newJsonObject, PRINTED_INTEGER, unstructuredNumber } from './decode';

/** One object kubectl applies. */
export interface KubectlObject {
  /** The object as kubectl sends it: numbers are int64 or float64, as kubectl prints them. */
  value: JsonObject;
  /** Its position in the document's `items` when the document is a list; null for the document itself. */
  item: number | null;
}

/** An error as kubectl reports it: a message, or the messages of a list's items (printed together), with the items' positions. */
export type KubectlError = { message: string } | { itemMessages: string[]; items: number[] };

export interface DocumentObjects {
  objects: KubectlObject[];
  errors: KubectlError[];
}

function jsonKind(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof JsonNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

class Refusal {
  constructor(readonly message: string) {}
}

/**
 * sigs.k8s.io/json's numbers: int64 when the text is an integer that fits,
 * float64 otherwise. A value whose numbers are all written as kubectl prints
 * them is returned as it is: most documents are, and copying every map of
 * every document showed in the engine's profile.
 */
function unstructured(v: JsonValue): JsonValue {
  if (v instanceof JsonNumber) {
    if (PRINTED_INTEGER.test(v.text)) return v;
    const n = unstructuredNumber(v.text);
    if (!n) throw new Refusal(`json: cannot unmarshal number ${v.text} into Go value of type float64`);
    return n;
  }
  if (Array.isArray(v)) {
    let out: JsonValue[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const item = unstructured(v[i]);
      if (item !== v[i] && !out) out = v.slice(0, i);
      if (out) out.push(item);
    }
    return out ?? v;
  }
  if (isJsonObject(v)) {
    let out: JsonObject | null = null;
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const value = unstructured(v[keys[i]]);
      if (value !== v[keys[i]] && !out) {
        out = newJsonObject();
        for (let j = 0; j < i; j++) out[keys[j]] = v[keys[j]];
      }
      if (out) out[keys[i]] = value;
    }
    return out ?? v;
  }
  return v;
}

// ---------------------------------------------------------------- metadata as ObjectMeta

type FieldType =
  'string' | 'int64' | 'bool' | 'time' | 'raw' | 'stringMap' | 'stringList' | { struct: string; fields: Record<string, FieldType>; list?: boolean };

const ownerReference: FieldType = {
  struct: 'OwnerReference',
  list: true,
  fields: { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' },
};
const managedFields: FieldType = {
  struct: 'ManagedFieldsEntry',
  list: true,
  fields: { manager: 'string', operation: 'string', apiVersion: 'string', time: 'time', fieldsType: 'string', fieldsV1: 'raw', subresource: 'string' },
};
const objectMeta: FieldType = {
  struct: 'ObjectMeta',
  fields: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'time',
    deletionTimestamp: 'time',
    deletionGracePeriodSeconds: 'int64',
    labels: 'stringMap',
    annotations: 'stringMap',
    ownerReferences: ownerReference,
    finalizers: 'stringList',
    managedFields,
  },
};
const metadataOnlyObject: FieldType = { struct: 'metadataOnlyObject', fields: { apiVersion: 'string', kind: 'string', metadata: objectMeta } };

/** Go type names in encoding/json's messages. */
function goTypeName(type: FieldType, path: string): string {
  if (type === 'string') return path.endsWith('.uid') ? 'types.UID' : 'string';
  if (type === 'int64') return 'int64';
  if (type === 'bool') return 'bool';
  if (type === 'stringMap') return 'map[string]string';
  if (type === 'time') return 'string';
  if (typeof type === 'object') return type.list ? `[]v1.${type.struct}` : type.struct === 'ObjectMeta' ? 'v1.ObjectMeta' : type.struct;
  return 'string';
}

/** time.Parse(time.RFC3339, value)'s error, or null when it parses (metav1.Time reads timestamps with it). */
function rfc3339Error(value: string): string | null {
  const layout = '2006-01-02T15:04:05Z07:00';
  const quote = (s: string) => JSON.stringify(s);
  const bad = (rest: string, element: string) => `parsing time ${quote(value)} as "${layout}": cannot parse ${quote(rest)} as "${element}"`;
  const outOfRange = (what: string) => `parsing time ${quote(value)}: ${what} out of range`;
  let rest = value;
  /** Go's getnum: two digits (one is enough for the hour). */
  const number = (element: string, min: number): number | null => {
    let k = 0;
    while (k < 2 && rest.charCodeAt(k) >= 0x30 && rest.charCodeAt(k) <= 0x39) k++;
    if (k < min) return null;
    const v = Number(rest.slice(0, k));
    rest = rest.slice(k);
    return v;
  };
  if (!/^\d{4}/.test(rest)) return bad(rest, '2006');
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  const fields: [string, string, number, number, string][] = [
    ['-', '01', 2, 12, 'month'],
    ['-', '02', 2, 31, ''],
    ['T', '15', 1, 23, 'hour'],
    [':', '04', 2, 59, 'minute'],
    [':', '05', 2, 59, 'second'],
  ];
  const values: number[] = [];
  for (const [separator, element, min, max, name] of fields) {
    if (!rest.startsWith(separator)) return bad(rest, separator);
    rest = rest.slice(1);
    const v = number(element, min);
    if (v === null) return bad(rest, element);
    if (name && (v > max || (name === 'month' && v < 1))) return outOfRange(name);
    values.push(v);
  }
  rest = rest.replace(/^[.,]\d+/, '');
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else if (/^[+-]\d{2}:\d{2}/.test(rest)) rest = rest.slice(6);
  else return bad(rest, 'Z07:00');
  if (rest.length > 0) return `parsing time ${quote(value)}: extra text: ${quote(rest)}`;
  const [month, day] = values;
  const daysIn = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || day > daysIn) return outOfRange('day');
  return null;
}

/**
 * encoding/json decoding the object into metav1 TypeMeta and ObjectMeta
 * (sigs.k8s.io/json: keys match case-sensitively): the first type mismatch in
 * document order, or a timestamp time.Parse refuses.
 */
function checkMetadata(object: JsonObject): string | null {
  let first: string | null = null;
  const mismatch = (value: JsonValue, struct: string, path: string, type: string) => {
    if (first !== null) return;
    const what = value instanceof JsonNumber && type === 'int64' ? `number ${value.text}` : jsonKind(value);
    first = `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${type}`;
  };
  const visit = (value: JsonValue, type: FieldType, struct: string, path: string): void => {
    if (value === null) return;
    if (typeof type === 'object') {
      if (type.list) {
        if (!Array.isArray(value)) return mismatch(value, struct, path, `[]v1.${type.struct}`);
        for (const item of value) visitStruct(item, type, path);
        return;
      }
      visitStruct(value, type, path, struct);
      return;
    }
    switch (type) {
      case 'string':
        if (typeof value !== 'string') mismatch(value, struct, path, goTypeName(type, path));
        return;
      case 'int64':
        if (!(value instanceof JsonNumber) || !/^-?[0-9]+$/.test(value.text) || BigInt(value.text) > 2n ** 63n - 1n || BigInt(value.text) < -(2n ** 63n)) {
          mismatch(value, struct, path, 'int64');
        }
        return;
      case 'bool':
        if (typeof value !== 'boolean') mismatch(value, struct, path, 'bool');
        return;
      case 'time':
        if (typeof value !== 'string') return mismatch(value, struct, path, 'string');
        {
          const error = rfc3339Error(value);
          if (error) throw new Refusal(error);
        }
        return;
      case 'stringMap':
        if (!isJsonObject(value)) return mismatch(value, struct, path, 'map[string]string');
        for (const key of Object.keys(value)) if (value[key] !== null && typeof value[key] !== 'string') mismatch(value[key], struct, path, 'string');
        return;
      case 'stringList':
        if (!Array.isArray(value)) return mismatch(value, struct, path, '[]string');
        for (const item of value) if (item !== null && typeof item !== 'string') mismatch(item, struct, path, 'string');
        return;
      case 'raw':
        return;
    }
  };
  const visitStruct = (value: JsonValue, type: Exclude<FieldType, string>, path: string, outer?: string): void => {
    if (value === null) return;
    if (!isJsonObject(value)) return mismatch(value, outer ?? type.struct, path, type.struct === 'ObjectMeta' ? 'v1.ObjectMeta' : `v1.${type.struct}`);
    for (const key of Object.keys(value)) {
      const field = type.fields[key];
      if (field === undefined) continue;
      visit(value[key], field, type.struct, path ? `${path}.${key}` : key);
    }
  };
  visitStruct(object, metadataOnlyObject as Exclude<FieldType, string>, '');
  return first;
}

// ---------------------------------------------------------------- one document

function kindOf(o: JsonObject): string {
  return typeof o.kind === 'string' ? o.kind : '';
}

/**
 * What kubectl takes from one document's decoded value. `raw` is the
 * document's JSON text as kubectl quotes it ("Object 'Kind' is missing in
 * '…'"), `source` the file name in its messages.
 */
export function kubectlObjects(value: JsonValue, raw: () => string, source: string, numbersAsPrinted = false): DocumentObjects {
  // Its numbers are all as kubectl prints them (see `ValueResult`): the unstructured decoding would return the value itself.
  const decodeNumbers = numbersAsPrinted ? (v: JsonValue) => v : unstructured;
  const decodeError = (message: string): DocumentObjects => ({ objects: [], errors: [{ message: `unable to decode ${JSON.stringify(source)}: ${message}` }] });
  // A document that is empty or null is skipped.
  if (value === null) return { objects: [], errors: [] };
  if (!isJsonObject(value)) return decodeError(`json: cannot unmarshal ${jsonKind(value)} into Go value of type unstructured.detector`);
  let object: JsonObject;
  try {
    if ('items' in value) {
      const items = value.items;
      if (items !== null && !Array.isArray(items)) {
        return decodeError(`json: cannot unmarshal ${jsonKind(items)} into Go struct field decodeList.items of type []json.RawMessage`);
      }
      object = decodeNumbers(value) as JsonObject;
      for (const item of (object.items as JsonValue[] | null) ?? []) {
        if (!isJsonObject(item)) return decodeError(`json: cannot unmarshal ${jsonKind(item)} into Go value of type map[string]interface {}`);
      }
    } else {
      object = decodeNumbers(value) as JsonObject;
    }
    if (kindOf(object) === '') return decodeError(`Object 'Kind' is missing in '${raw()}'`);
    // On the JSON as decoded (its numbers' own text), as kubectl decodes the raw document a second time.
    const metadataError = checkMetadata(value);
    if (metadataError) return decodeError(metadataError);
  } catch (e) {
    if (e instanceof Refusal) return decodeError(e.message);
    throw e;
  }
  if (!('items' in object)) return { objects: [{ value: object, item: null }], errors: [] };
  return flattenList(object);
}

/** FlattenListVisitor: the items of a list, each with a kind and an apiVersion, the list's kind without "List" for items that have neither. */
function flattenList(list: JsonObject): DocumentObjects {
  const items = (list.items as JsonObject[] | null) ?? [];
  const listKind = kindOf(list);
  const listVersion = typeof list.apiVersion === 'string' ? list.apiVersion : '';
  const objects: KubectlObject[] = [];
  const itemMessages: string[] = [];
  const failed: number[] = [];
  for (const item of items) {
    // An item that is itself a list cannot be flattened: kubectl refuses the whole list.
    if (Array.isArray(item.items)) return { objects: [], errors: [{ message: '*unstructured.Unstructured is not a list: no Items field in this object' }] };
  }
  items.forEach((original, index) => {
    let item = original;
    // Typed lists (PodList) leave their items' kind and apiVersion out; kubectl puts them back.
    if (kindOf(item) === '' && (typeof item.apiVersion === 'string' ? item.apiVersion : '') === '') {
      item = Object.assign(newJsonObject(), item);
      item.kind = listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind;
      item.apiVersion = listVersion;
    }
    const typeInfo = 'unable to get type info from the object "*unstructured.Unstructured": ';
    if (kindOf(item) === '') {
      itemMessages.push(typeInfo + "Object 'Kind' is missing in 'object has no kind field '");
      failed.push(index);
      return;
    }
    if (groupVersionOf(item).version === '') {
      itemMessages.push(typeInfo + "Object 'apiVersion' is missing in 'object has no apiVersion field'");
      failed.push(index);
      return;
    }
    objects.push({ value: item, item: index });
  });
  return { objects, errors: itemMessages.length > 0 ? [{ itemMessages, items: failed }] : [] };
}

/** schema.ParseGroupVersion as GroupVersionKind reads apiVersion ("v1", "apps/v1"; anything unparsable has no version). */
function groupVersionOf(o: JsonObject): { group: string; version: string } {
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

/**
 * kubectl's error output for a file: one error alone is "error: …"; several
 * (or a list's item errors, which kubectl aggregates) are one per line.
 */
export function kubectlStderr(errors: KubectlError[]): string {
  if (errors.length === 0) return '';
  const aggregate = (messages: string[]) => {
    const unique = [...new Set(messages)];
    return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  };
  if (errors.length === 1) {
    const only = errors[0];
    if ('message' in only) return only.message.startsWith('error: ') ? only.message + '\n' : `error: ${only.message}\n`;
    // A list's errors stay an aggregate: one line each, without "error: ".
    return only.itemMessages.map((m) => m + '\n').join('');
  }
  return errors.map((e) => ('message' in e ? e.message : aggregate(e.itemMessages)) + '\n').join('');
}
