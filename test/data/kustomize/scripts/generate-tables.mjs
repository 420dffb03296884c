#!/usr/bin/env node
// Writes server/src/sources/kustomize/tables.generated.ts from a kustomize v5.5.0 source tree:
// - the strategic-merge schema kustomize embeds (kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb,
//   an OpenAPI v2 document in gnostic's protobuf encoding), reduced to what merge2 reads: for
//   each type, the fields whose values are objects, lists or maps of objects, and each field's
//   x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key and x-kubernetes-list-map-keys;
// - the built-in field specs (api/internal/konfig/builtinpluginconsts/*.go).
//
// Usage: node generate-tables.mjs KUSTOMIZE_SOURCE_DIR OUTPUT_FILE
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

const [sourceDir, outputFile] = process.argv.slice(2);
if (!sourceDir || !outputFile) {
  console.error('usage: generate-tables.mjs KUSTOMIZE_SOURCE_DIR OUTPUT_FILE');
  process.exit(2);
}

// ---- protobuf wire format -------------------------------------------------
function readVarint(buf, pos) {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7n;
  }
  return [result, pos];
}

/** Fields of one message: Map<fieldNumber, Buffer[]> for length-delimited fields, numbers for varints. */
function fields(buf) {
  const out = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = readVarint(buf, pos);
    const number = Number(key >> 3n);
    const wire = Number(key & 7n);
    let value;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else if (wire === 2) {
      let length;
      [length, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + Number(length));
      pos += Number(length);
    } else throw new Error(`wire type ${wire}`);
    if (!out.has(number)) out.set(number, []);
    out.get(number).push(value);
  }
  return out;
}
const str = (b) => (b ? b.toString('utf8') : '');
const first = (f, n) => (f.get(n) ?? [])[0];

// gnostic openapi_v2: Document.definitions = 9; Definitions.additional_properties = 1 (NamedSchema);
// NamedSchema{name = 1, value = 2}; Schema{_ref = 1, additional_properties = 21 (AdditionalPropertiesItem
// {schema = 1}), type = 22 (TypeItem{value = 1}), items = 23 (ItemsItem{schema = 1}), properties = 25
// (Properties{additional_properties = 1: NamedSchema}), vendor_extension = 31 (NamedAny{name = 1,
// value = 2: Any{yaml = 2}})}.
function decodeSchema(buf) {
  const f = fields(buf);
  const schema = { ref: str(first(f, 1)), type: [], properties: {}, extensions: {} };
  const typeItem = first(f, 22);
  if (typeItem) schema.type = (fields(typeItem).get(1) ?? []).map(str);
  const items = first(f, 23);
  if (items) {
    const itemSchema = first(fields(items), 1);
    if (itemSchema) schema.items = decodeSchema(itemSchema);
  }
  const additional = first(f, 21);
  if (additional) {
    const inner = first(fields(additional), 1);
    if (inner) schema.additional = decodeSchema(inner);
  }
  const properties = first(f, 25);
  if (properties) {
    for (const named of fields(properties).get(1) ?? []) {
      const nf = fields(named);
      schema.properties[str(first(nf, 1))] = decodeSchema(first(nf, 2));
    }
  }
  for (const named of f.get(31) ?? []) {
    const nf = fields(named);
    const any = first(nf, 2);
    schema.extensions[str(first(nf, 1))] = any ? parseYaml(str(first(fields(any), 2))) : undefined;
  }
  return schema;
}

const pbPath = path.join(sourceDir, 'kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb');
let pb = readFileSync(pbPath);
if (pb[0] === 0x1f && pb[1] === 0x8b) pb = gunzipSync(pb);
const documentFields = fields(pb);
const definitions = {};
for (const named of fields(first(documentFields, 9)).get(1) ?? []) {
  const nf = fields(named);
  definitions[str(first(nf, 1))] = decodeSchema(first(nf, 2));
}

const refName = (ref) => ref.replace(/^#\/definitions\//, '');

/** A field's schema, reduced: r = referenced type, i = items, m = map values, s = strategy, k = merge keys. */
function reduce(schema) {
  const out = {};
  if (schema.ref) out.r = refName(schema.ref);
  if (schema.items) {
    const items = reduce(schema.items);
    if (Object.keys(items).length) out.i = items;
    out.a = 1;
  }
  if (schema.additional) {
    const values = reduce(schema.additional);
    if (Object.keys(values).length) out.m = values;
  }
  const strategy = schema.extensions['x-kubernetes-patch-strategy'];
  if (strategy) out.s = strategy;
  const mapKeys = schema.extensions['x-kubernetes-list-map-keys'];
  const mergeKey = schema.extensions['x-kubernetes-patch-merge-key'];
  if (strategy) {
    if (Array.isArray(mapKeys)) out.k = mapKeys;
    else if (mergeKey) out.k = [mergeKey];
  }
  return out;
}

const types = {};
const gvks = {};
for (const [name, schema] of Object.entries(definitions)) {
  const entry = {};
  for (const [prop, propSchema] of Object.entries(schema.properties)) {
    const reduced = reduce(propSchema);
    // A primitive field without a strategy walks the same with or without its schema.
    if (reduced.r || reduced.i || reduced.m || reduced.s) entry[prop] = reduced;
  }
  if (schema.additional) {
    const values = reduce(schema.additional);
    if (Object.keys(values).length) entry['*'] = values;
  }
  types[name] = entry;
  for (const gvk of schema.extensions['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    gvks[`${apiVersion}/${gvk.kind}`] = name;
  }
}
// Keep only types reachable from a kind.
const reachable = new Set();
const visit = (name) => {
  if (!name || reachable.has(name) || !types[name]) return;
  reachable.add(name);
  const walk = (s) => {
    if (s.r) visit(s.r);
    if (s.i) walk(s.i);
    if (s.m) walk(s.m);
  };
  for (const s of Object.values(types[name])) walk(s);
};
for (const name of Object.values(gvks)) visit(name);
const keptTypes = {};
for (const name of [...reachable].sort()) keptTypes[name] = types[name];

// ---- field specs ------------------------------------------------------------
const constsDir = path.join(sourceDir, 'api/internal/konfig/builtinpluginconsts');
const texts = {};
for (const file of readdirSync(constsDir)) {
  if (!file.endsWith('.go')) continue;
  const go = readFileSync(path.join(constsDir, file), 'utf8');
  for (const match of go.matchAll(/(\w+)\s*=\s*`([^`]*)`(\s*\+\s*(\w+))?/g)) {
    texts[match[1]] = { text: match[2], plus: match[4] };
  }
}
const resolveText = (name) => {
  const t = texts[name];
  if (!t) throw new Error(`missing ${name}`);
  return t.text + (t.plus ? resolveText(t.plus) : '');
};
const fieldSpecs = {};
for (const name of Object.keys(texts)) {
  if (!/FieldSpecs$/.test(name) || name === 'metadataLabelsFieldSpecs') continue;
  Object.assign(fieldSpecs, parseYaml(resolveText(name)));
}

const header = `// Generated by test/data/kustomize/scripts/generate-tables.mjs from kustomize v5.5.0
// (its embedded Kubernetes v1.21.2 OpenAPI schema and its built-in field specs). Do not edit.
/* eslint-disable */
`;
const body = `import type { SchemaField, FieldSpecConfig } from './tables';

/** Kind key "apiVersion/kind" to the OpenAPI type that describes it. */
export const KIND_TYPES: Record<string, string> = ${JSON.stringify(gvks)};

/** For each OpenAPI type, the fields that matter to a strategic merge ('*' = any key of a map type). */
export const SCHEMA_TYPES: Record<string, Record<string, SchemaField>> = ${JSON.stringify(keptTypes)};

/** kustomize's default transformer configuration (builtinpluginconsts). */
export const DEFAULT_FIELD_SPECS: FieldSpecConfig = ${JSON.stringify(fieldSpecs)};
`;
writeFileSync(outputFile, header + body);
console.log(`${Object.keys(gvks).length} kinds, ${Object.keys(keptTypes).length} types, field spec groups: ${Object.keys(fieldSpecs).join(', ')}`);
