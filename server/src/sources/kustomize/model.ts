/**
 * The YAML tree the build works on: maps, sequences and scalars, each scalar
 * remembering the file and offsets of the node that last set it. Transformers
 * edit this tree in place (after cloning what they must not share), so the
 * origin of every value in the output is whatever wrote it last.
 */
import { type Alias, type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';

export type OriginKind = 'value' | 'computed';

export interface Origin {
  file: string;
  start: number;
  end: number;
  kind: OriginKind;
  /** The scalar exactly as written at [start, end): when the output prints the same text, the map is character for character. */
  raw?: string;
}

/** Part of a scalar that came from one place (a name prefix, the base name, a hash suffix). */
export interface Piece {
  text: string;
  origin?: Origin;
}

/** YAML core tags as go-yaml resolves them; anything else is kept as written (`!!binary`, `!Ref`). */
export type ScalarTag = 'str' | 'int' | 'float' | 'bool' | 'null' | string;

export interface KScalar {
  kind: 'scalar';
  value: string;
  tag: ScalarTag;
  origin?: Origin;
  pieces?: Piece[];
}

export interface KEntry {
  key: KScalar;
  value: KNode;
}

export interface KMap {
  kind: 'map';
  entries: KEntry[];
  origin?: Origin;
}

export interface KSeq {
  kind: 'seq';
  items: KNode[];
  origin?: Origin;
}

export type KNode = KScalar | KMap | KSeq;

export function scalar(value: string, origin?: Origin, tag: ScalarTag = 'str'): KScalar {
  return { kind: 'scalar', value, tag, origin };
}

export function nullScalar(origin?: Origin): KScalar {
  return { kind: 'scalar', value: '', tag: 'null', origin };
}

export function emptyMap(origin?: Origin): KMap {
  return { kind: 'map', entries: [], origin };
}

export function emptySeq(origin?: Origin): KSeq {
  return { kind: 'seq', items: [], origin };
}

export function isNull(node: KNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.tag === 'null');
}

export function clone<T extends KNode>(node: T): T {
  switch (node.kind) {
    case 'scalar':
      return { ...node, pieces: node.pieces?.map((p) => ({ ...p })) };
    case 'map':
      return { kind: 'map', entries: node.entries.map((e) => ({ key: { ...e.key }, value: clone(e.value) })), origin: node.origin } as T;
    case 'seq':
      return { kind: 'seq', items: node.items.map(clone), origin: node.origin } as T;
  }
}

export function getField(map: KMap, key: string): KNode | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key.value === key) return map.entries[i].value;
  return undefined;
}

export function getEntry(map: KMap, key: string): KEntry | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key.value === key) return map.entries[i];
  return undefined;
}

export function setField(map: KMap, key: string | KScalar, value: KNode): void {
  const name = typeof key === 'string' ? key : key.value;
  const entry = getEntry(map, name);
  if (entry) entry.value = value;
  else map.entries.push({ key: typeof key === 'string' ? scalar(key) : key, value });
}

export function deleteField(map: KMap, key: string): void {
  map.entries = map.entries.filter((e) => e.key.value !== key);
}

export function getPath(node: KNode | undefined, path: string[]): KNode | undefined {
  let current = node;
  for (const part of path) {
    if (!current || current.kind !== 'map') return undefined;
    current = getField(current, part);
  }
  return current;
}

export function getString(node: KNode | undefined, path: string[]): string | undefined {
  const found = getPath(node, path);
  return found && found.kind === 'scalar' && found.tag !== 'null' ? found.value : undefined;
}

/** A plain JavaScript value of a tree (for hashing, comparisons, reading kustomization fields). */
export function toJS(node: KNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar':
      return scalarToJS(node);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key.value] = toJS(e.value);
      return out;
    }
    case 'seq':
      return node.items.map(toJS);
  }
}

export function scalarToJS(node: KScalar): unknown {
  switch (node.tag) {
    case 'null':
      return null;
    case 'bool':
      return /^(true|True|TRUE)$/.test(node.value);
    case 'int': {
      const text = node.value.replace(/_/g, '');
      if (/^[-+]?0x/i.test(text)) return parseInt(text.replace(/^([-+]?)0x/i, '$10x'), 16);
      if (/^[-+]?0o/i.test(text)) return parseInt(text.replace(/^([-+]?)0o/i, '$1'), 8);
      // go-yaml reads a leading zero as octal, as YAML 1.1 did.
      if (/^[-+]?0[0-7]+$/.test(text)) return parseInt(text, 8);
      return Number(text);
    }
    case 'float': {
      const text = node.value.toLowerCase();
      if (/^[-+]?\.inf$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
      if (text === '.nan') return NaN;
      return Number(node.value);
    }
    default:
      return node.value;
  }
}

/** Scalars as they come back from kustomize's JSON round trip (a JSON patch): numbers in decimal, bools and nulls spelled canonically. */
export function normalizeAsJson(node: KNode): void {
  if (node.kind === 'map') {
    for (const e of node.entries) {
      if (e.value.kind === 'scalar') e.value = jsonScalar(e.value);
      else normalizeAsJson(e.value);
    }
  } else if (node.kind === 'seq') {
    node.items = node.items.map((item) => {
      if (item.kind === 'scalar') return jsonScalar(item);
      normalizeAsJson(item);
      return item;
    });
  }
}

function jsonScalar(node: KScalar): KScalar {
  if (node.tag === 'int' || node.tag === 'float') {
    const n = scalarToJS(node) as number;
    if (!Number.isFinite(n)) return node;
    const text = String(n);
    return text === node.value
      ? node
      : { ...node, value: text, tag: Number.isInteger(n) ? 'int' : 'float', origin: node.origin ? { ...node.origin, raw: undefined } : undefined };
  }
  if (node.tag === 'bool') {
    const text = String(scalarToJS(node));
    return text === node.value ? node : { ...node, value: text };
  }
  if (node.tag === 'null') return node.value === 'null' ? node : { ...node, value: 'null' };
  return node;
}

/** A tree from a plain JavaScript value; every scalar gets `origin`. */
export function fromJS(value: unknown, origin?: Origin): KNode {
  if (value === null || value === undefined) return nullScalar(origin);
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => fromJS(v, origin)), origin };
  if (typeof value === 'object') {
    return {
      kind: 'map',
      entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: scalar(k, origin), value: fromJS(v, origin) })),
      origin,
    };
  }
  if (typeof value === 'boolean') return scalar(String(value), origin, 'bool');
  if (typeof value === 'number') return scalar(String(value), origin, Number.isInteger(value) ? 'int' : 'float');
  return scalar(String(value), origin);
}

// ---- parsing ---------------------------------------------------------------

export interface ParsedDocument {
  node: KNode | undefined;
  /** Offsets of the document's content in the file. */
  start: number;
  end: number;
}

export interface ParseFailure {
  message: string;
  start: number;
  end: number;
}

const INT_RE = /^[-+]?(0|[1-9][0-9_]*)$|^0o[0-7_]+$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0[0-7_]+$/;
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;

/** go-yaml v3's resolution of a plain scalar. */
export function resolvePlain(text: string): ScalarTag {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return 'null';
  if (/^(true|True|TRUE|false|False|FALSE)$/.test(text)) return 'bool';
  if (INT_RE.test(text)) return 'int';
  if (FLOAT_RE.test(text)) return 'float';
  return 'str';
}

/** Parses a multi-document YAML stream into trees whose scalars point into `file`. */
export function parseStream(text: string, file: string, uniqueKeys = true): { documents: ParsedDocument[]; error?: ParseFailure } {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys, strict: false, lineCounter: new LineCounter() });
  const list = Array.isArray(docs) ? docs : [docs];
  const documents: ParsedDocument[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      let message = error.message.split('\n')[0];
      if (error.code === 'DUPLICATE_KEY') {
        const key =
          /^\s*("[^"]*"|'[^']*'|[^:\n]*)/
            .exec(text.slice(error.pos[0]))?.[1]
            ?.trim()
            .replace(/^["']|["']$/g, '') ?? '';
        const line = text.slice(0, error.pos[0]).split('\n').length;
        message = `yaml: unmarshal errors:\n  line ${line}: mapping key "${key}" already defined`;
      }
      return { documents, error: { message, start: error.pos[0], end: error.pos[1] } };
    }
    const range = doc.range ?? [0, 0, 0];
    const node = doc.contents ? convert(doc.contents as YamlNode, doc, file, text, 0) : undefined;
    documents.push({ node, start: range[0], end: range[1] });
  }
  return { documents };
}

function convert(node: YamlNode | Alias, doc: Document, file: string, text: string, depth: number): KNode {
  if (depth > 200) return nullScalar();
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target ? convert(target as YamlNode, doc, file, text, depth + 1) : nullScalar();
  }
  const range = node.range ?? [0, 0, 0];
  const origin: Origin = { file, start: range[0], end: range[1], kind: 'value' };
  if (isMap(node)) {
    const map: KMap = { kind: 'map', entries: [], origin };
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      let key: KScalar;
      if (keyNode && isScalar(keyNode)) key = convertScalar(keyNode, file, text);
      else key = scalar(keyNode ? String((keyNode as { toJSON?: () => unknown }).toJSON?.() ?? '') : '');
      if (key.tag === 'null') key = { ...key, tag: 'str' };
      const value = pair.value ? convert(pair.value as YamlNode, doc, file, text, depth + 1) : nullScalar(emptyOriginAfter(keyNode, file));
      if (key.value === '<<' && (value.kind === 'map' || value.kind === 'seq')) {
        const sources = value.kind === 'map' ? [value] : value.items.filter((i): i is KMap => i.kind === 'map');
        for (const source of sources) for (const e of source.entries) if (!getEntry(map, e.key.value)) map.entries.push(e);
        continue;
      }
      map.entries.push({ key, value });
    }
    return map;
  }
  if (isSeq(node)) {
    return { kind: 'seq', items: node.items.map((item) => (item ? convert(item as YamlNode, doc, file, text, depth + 1) : nullScalar())), origin };
  }
  if (isScalar(node)) return convertScalar(node, file, text);
  return nullScalar(origin);
}

function emptyOriginAfter(keyNode: YamlNode | null, file: string): Origin | undefined {
  if (!keyNode?.range) return undefined;
  return { file, start: keyNode.range[1], end: keyNode.range[1], kind: 'value' };
}

function convertScalar(node: Scalar, file: string, text: string): KScalar {
  const range = node.range ?? [0, 0, 0];
  const raw = text.slice(range[0], range[1]);
  const origin: Origin = { file, start: range[0], end: range[1], kind: 'value', raw };
  const explicitTag = node.tag;
  const value = node.value;
  if (node.type === Scalar.PLAIN) {
    const source = typeof node.source === 'string' ? node.source : String(value ?? '');
    if (explicitTag && explicitTag !== 'tag:yaml.org,2002:str') return { kind: 'scalar', value: source, tag: shortTag(explicitTag), origin };
    if (explicitTag === 'tag:yaml.org,2002:str') return { kind: 'scalar', value: source, tag: 'str', origin };
    return { kind: 'scalar', value: source, tag: resolvePlain(source), origin };
  }
  let stringValue = typeof value === 'string' ? value : String(value ?? '');
  // A block scalar that runs to the end of a file without a final line break has none (the yaml package adds one).
  if (
    (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) &&
    range[1] >= text.length &&
    !text.endsWith('\n') &&
    stringValue.endsWith('\n')
  ) {
    stringValue = stringValue.slice(0, -1);
  }
  const tag = explicitTag && explicitTag !== 'tag:yaml.org,2002:str' ? shortTag(explicitTag) : 'str';
  return { kind: 'scalar', value: stringValue, tag, origin };
}

function shortTag(tag: string): ScalarTag {
  const match = /^tag:yaml\.org,2002:(.*)$/.exec(tag);
  if (!match) return tag;
  switch (match[1]) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
      return match[1];
    default:
      return '!!' + match[1];
  }
}
