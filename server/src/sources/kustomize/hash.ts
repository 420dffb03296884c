/**
 * kustomize's name-suffix hash of a generated ConfigMap or Secret (api/hasher):
 * the first ten hex digits of the SHA-256 of a JSON encoding of the object's
 * kind, name and data, with some digits swapped for letters.
 */
import { createHash } from 'node:crypto';
import { getField, type KMap, type KNode, toJS } from './model';

/**
 * kustomize looks the name up with the single path element "metadata/name", which never matches:
 * every generated object is hashed with an empty name.
 */
const NAME_AS_HASHED = '';

/** Go's encoding/json: sorted keys, HTML-safe escapes. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[' + value.map(goJson).join(',') + ']';
  const record = value as Record<string, unknown>;
  return (
    '{' +
    Object.keys(record)
      .sort()
      .map((k) => goString(k) + ':' + goJson(record[k]))
      .join(',') +
    '}'
  );
}

function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function encodeHex(hex: string): string {
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

function nodeValue(node: KNode | undefined): unknown {
  if (!node) return '';
  if (node.kind === 'scalar') return node.value;
  return toJS(node);
}

export function hashOf(object: KMap): string {
  const kind = getField(object, 'kind');
  const kindName = kind && kind.kind === 'scalar' ? kind.value : '';
  let encoded: string;
  if (kindName === 'ConfigMap') {
    const m: Record<string, unknown> = { kind: 'ConfigMap', name: NAME_AS_HASHED, data: nodeValue(getField(object, 'data')) };
    const binary = getField(object, 'binaryData');
    if (binary && binary.kind === 'map') m.binaryData = toJS(binary);
    encoded = goJson(m);
  } else if (kindName === 'Secret') {
    const m: Record<string, unknown> = {
      kind: 'Secret',
      type: nodeValue(getField(object, 'type')),
      name: NAME_AS_HASHED,
      data: nodeValue(getField(object, 'data')),
    };
    const stringData = getField(object, 'stringData');
    if (stringData && stringData.kind === 'map') m.stringData = toJS(stringData);
    encoded = goJson(m);
  } else {
    encoded = goJson(toJS(object));
  }
  return encodeHex(createHash('sha256').update(encoded, 'utf8').digest('hex'));
}
