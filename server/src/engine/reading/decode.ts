/**
 * The JSON kubectl makes of a YAML document: go-yaml v2 decodes the node tree
 * into interface{} (aliases, merge keys with go-yaml's precedence, the last of
 * duplicate keys), sigs.k8s.io/yaml turns map keys into strings and marshals
 * the result as JSON, and the unstructured decoder reads the JSON's numbers as
 * int64 or float64. Every failure on the way has kubectl's message.
 */
import { type GoNode } from './goyaml/parser';
import { GoYamlError } from './goyaml/scanner';
import {
  goBase64,
  goBytesToString,
  goFormatFloat32g,
  goJsonFloat,
  type GoScalar,
  INT64_MAX,
  INT64_MIN,
  resolveScalar,
  TAG_BINARY,
  TAG_MERGE,
  TAG_TIMESTAMP,
} from './resolve';

/** A JSON number, kept as its text: kubectl's numbers are int64 or float64 and must not pass through a JavaScript double. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

/** A decimal integer as Go prints it (no sign but `-`, no leading zero, no underscore), well inside int64: kubectl's JSON number for it is its text. */
export const PRINTED_INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;

export function newJsonObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

// ---------------------------------------------------------------- go-yaml's decoder

type GoValue = GoScalar | GoSequence | GoMap;
interface GoSequence {
  kind: 'seq';
  items: GoValue[];
}
interface GoMapEntry {
  key: GoScalar;
  keyNode: GoNode;
  value: GoValue;
}
interface GoMap {
  kind: 'map';
  entries: Map<string, GoMapEntry>;
}

/**
 * Deeper than this the reader does not follow a document: the `yaml` package
 * runs out of stack near 800 levels (and, near that limit, V8 can abort the
 * process compiling a regular expression), so such a document never reaches
 * it. kubectl's go-yaml goes to 10000; real manifests stay under 30.
 */
export const MAX_NESTING = 400;

/** A document nested deeper than MAX_NESTING. */
export class NestingError extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super(`nested more than ${MAX_NESTING} levels deep`);
  }
}

/** go-yaml's allowance of alias expansion (a billion laughs is refused). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400000) return 0.99;
  if (decodeCount >= 4000000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400000) / 3600000);
}

function isMerge(n: GoNode): boolean {
  return n.kind === 'scalar' && n.value === '<<' && (n.implicit || n.tag === TAG_MERGE);
}

function decoderError(problem: string, node: GoNode | null): GoYamlError {
  return new GoYamlError('decoder', problem, null, '', null, node?.start ?? null, node?.end ?? null);
}

/** A lone surrogate in the editor's text is U+FFFD in the bytes kubectl reads (its UTF-8 decoder replaces what is not UTF-8). */
const ANY_SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormed(s: string): string {
  // Module-level patterns: a pattern literal is a new RegExp object each time it is evaluated, and this runs for every scalar.
  return ANY_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\ufffd') : s;
}

/** Go map identity of a key: its dynamic type and value (NaN is never equal to itself). */
let nanKeys = 0;
function keyIdentity(key: GoScalar): string {
  switch (key.kind) {
    case 'null':
      return 'n';
    case 'bool':
      return 'b' + key.value;
    case 'int':
      return 'i' + key.value;
    case 'uint':
      return 'u' + key.value;
    case 'float':
      return Number.isNaN(key.value) ? 'NaN' + nanKeys++ : 'f' + key.value;
    case 'string':
      return 's' + key.value;
  }
}

class Decoder {
  // go-yaml counts the document node too.
  private decodeCount = 1;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly active = new Set<GoNode>();

  decode(n: GoNode, depth = 0): GoValue {
    if (depth > MAX_NESTING) throw new NestingError(n.start, n.end);
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw decoderError('document contains excessive aliasing', n);
    }
    switch (n.kind) {
      case 'alias':
        return this.alias(n, null, depth);
      case 'scalar':
        return this.scalar(n);
      case 'sequence':
        return { kind: 'seq', items: n.children.map((c) => this.decode(c, depth + 1)) };
      case 'mapping': {
        const map: GoMap = { kind: 'map', entries: new Map() };
        this.mapping(n, map, depth);
        return map;
      }
    }
  }

  /** Decodes into an existing map (a merge), or returns the value. */
  private decodeInto(n: GoNode, into: GoMap, depth: number): void {
    if (depth > MAX_NESTING) throw new NestingError(n.start, n.end);
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw decoderError('document contains excessive aliasing', n);
    }
    if (n.kind === 'alias') this.alias(n, into, depth);
    else if (n.kind === 'mapping') this.mapping(n, into, depth);
  }

  private alias(n: GoNode, into: GoMap | null, depth: number): GoValue {
    if (this.active.has(n)) throw decoderError(`anchor '${n.value}' value contains itself`, n);
    this.active.add(n);
    this.aliasDepth++;
    let value: GoValue;
    if (into) {
      this.decodeInto(n.alias!, into, depth + 1);
      value = into;
    } else {
      value = this.decode(n.alias!, depth + 1);
    }
    this.aliasDepth--;
    this.active.delete(n);
    return value;
  }

  private scalar(n: GoNode): GoScalar {
    if (n.tag === '' && !n.implicit) return { kind: 'string', value: wellFormed(n.value) };
    const { tag, value } = resolveScalar(n.tag, n.value);
    if (tag === TAG_BINARY) {
      const bytes = goBase64(value.kind === 'string' ? value.value : '');
      if (!bytes) throw decoderError('!!binary value contains invalid base64 data', n);
      return { kind: 'string', value: goBytesToString(bytes) };
    }
    // A timestamp decodes into interface{} as its text.
    if (tag === TAG_TIMESTAMP) return { kind: 'string', value: wellFormed(n.value) };
    return value.kind === 'string' ? { kind: 'string', value: wellFormed(value.value) } : value;
  }

  private mapping(n: GoNode, map: GoMap, depth: number): void {
    const children = n.children;
    for (let i = 0; i < children.length; i += 2) {
      const keyNode = children[i];
      if (isMerge(keyNode)) {
        this.merge(children[i + 1], map, depth + 1);
        continue;
      }
      const key = this.decode(keyNode, depth + 1);
      if (key.kind === 'map' || key.kind === 'seq') throw decoderError(`invalid map key: ${goSyntax(key)}`, keyNode);
      const value = this.decode(children[i + 1], depth + 1);
      const identity = keyIdentity(key);
      const existing = map.entries.get(identity);
      if (existing) existing.value = value;
      else map.entries.set(identity, { key, keyNode, value });
    }
  }

  private merge(n: GoNode, map: GoMap, depth: number): void {
    const wantMap = () => decoderError('map merge requires map or sequence of maps as the value', n);
    switch (n.kind) {
      case 'mapping':
        this.decodeInto(n, map, depth);
        return;
      case 'alias':
        if (n.alias && n.alias.kind !== 'mapping') throw wantMap();
        this.decodeInto(n, map, depth);
        return;
      case 'sequence':
        // Earlier maps take precedence: go-yaml merges them last.
        for (let i = n.children.length - 1; i >= 0; i--) {
          const item = n.children[i];
          if (item.kind === 'alias') {
            if (item.alias && item.alias.kind !== 'mapping') throw wantMap();
          } else if (item.kind !== 'mapping') {
            throw wantMap();
          }
          this.decodeInto(item, map, depth);
        }
        return;
      default:
        throw wantMap();
    }
  }
}

// ---------------------------------------------------------------- Go's %#v, for go-yaml's and sigs.k8s.io/yaml's messages

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote, as %#v writes a Go string. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

function goSyntax(v: GoValue, inInterface = true): string {
  switch (v.kind) {
    case 'null':
      return inInterface ? 'interface {}(nil)' : '<nil>';
    case 'bool':
      return String(v.value);
    case 'int':
      return v.value.toString();
    case 'uint':
      return '0x' + v.value.toString(16);
    case 'float':
      return Number.isNaN(v.value) ? 'NaN' : v.value === Infinity ? '+Inf' : v.value === -Infinity ? '-Inf' : goJsonFloat(v.value);
    case 'string':
      return goQuote(v.value);
    case 'seq':
      return '[]interface {}{' + v.items.map((i) => goSyntax(i)).join(', ') + '}';
    case 'map': {
      const entries = [...v.entries.values()].map((e) => [goSyntax(e.key), goSyntax(e.value)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return 'map[interface {}]interface {}{' + entries.map(([k, val]) => `${k}:${val}`).join(', ') + '}';
    }
  }
}

function goTypeName(v: GoScalar): string {
  return v.kind === 'null' ? '%!s(<nil>)' : v.kind === 'uint' ? 'uint64' : v.kind;
}

// ---------------------------------------------------------------- sigs.k8s.io/yaml: keys to strings, then JSON

/** sigs.k8s.io/yaml's string for a map key, or null for a key it refuses (null, a uint64 beyond int64). */
export function mapKeyString(key: GoScalar): string | null {
  switch (key.kind) {
    case 'string':
      return key.value;
    case 'int':
      return key.value.toString();
    case 'bool':
      return key.value ? 'true' : 'false';
    case 'float': {
      const s = goFormatFloat32g(key.value);
      return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
    }
    default:
      return null;
  }
}

/** What kubectl sends for a scalar value: JSON as the unstructured decoder reads it, or the error json.Marshal gives. */
export function kubectlScalarValue(scalar: GoScalar): { ok: true; value: JsonValue } | { ok: false; error: string } {
  const converted = convert(scalar);
  if (converted instanceof NonFinite) return { ok: false, error: `json: unsupported value: ${converted.text}` };
  if (converted instanceof JsonNumber) return { ok: true, value: unstructuredNumber(converted.text) ?? converted };
  return { ok: true, value: converted };
}

/** Set when `convert` makes a NaN or an infinity: only then does json.Marshal's check have anything to find. */
let nonFiniteMade = false;

function convert(v: GoValue): JsonValue {
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
      return v.value;
    case 'string':
      return v.value;
    case 'int':
    case 'uint':
      return new JsonNumber(v.value.toString());
    case 'float':
      if (!Number.isFinite(v.value)) {
        nonFiniteMade = true;
        return new NonFinite(v.value);
      }
      return new JsonNumber(goJsonFloat(v.value));
    case 'seq':
      return v.items.map(convert);
    case 'map': {
      const object = newJsonObject();
      for (const entry of v.entries.values()) {
        const key = entry.key;
        const name = mapKeyString(key);
        if (name === null) {
          throw new GoYamlError(
            'converter',
            `unsupported map key of type: ${goTypeName(key)}, key: ${goSyntax(key, false)}, value: ${goSyntax(entry.value, false)}`,
            null,
            '',
            null,
            entry.keyNode.start,
            entry.keyNode.end,
          );
        }
        object[name] = convert(entry.value);
      }
      return object;
    }
  }
}

/** A NaN or an infinity: JSON cannot say it, and json.Marshal refuses the document. */
class NonFinite extends JsonNumber {
  constructor(readonly value: number) {
    super(Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf');
  }
}

/** json.Marshal's check, in its order (sorted keys): the first NaN or infinity fails the document. */
function checkMarshal(v: JsonValue): void {
  if (v instanceof NonFinite) throw new GoYamlError('converter', `json: unsupported value: ${v.text}`, null);
  if (Array.isArray(v)) v.forEach(checkMarshal);
  else if (isJsonObject(v)) for (const key of sortedKeys(v)) checkMarshal(v[key]);
}

/** Go sorts map keys by their UTF-8 bytes, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareGoStrings);
}

/**
 * What kubectl decodes from a YAML node tree (the first document of one of its
 * YAML documents): the JSON value sigs.k8s.io/yaml produces, numbers as Go
 * prints them. Throws GoYamlError with go-yaml's or sigs.k8s.io/yaml's message.
 */
export function decodeGoNode(root: GoNode | null): JsonValue {
  if (!root) return null;
  nonFiniteMade = false;
  const value = convert(new Decoder().decode(root));
  if (nonFiniteMade) checkMarshal(value);
  return value;
}

// ---------------------------------------------------------------- encoding/json's text

function goJsonString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let escape: string | null = null;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      switch (c) {
        case 0x22:
          escape = '\\"';
          break;
        case 0x5c:
          escape = '\\\\';
          break;
        case 0x0a:
          escape = '\\n';
          break;
        case 0x0d:
          escape = '\\r';
          break;
        case 0x09:
          escape = '\\t';
          break;
        case 0x08:
          escape = '\\b';
          break;
        case 0x0c:
          escape = '\\f';
          break;
        default:
          escape = '\\u' + c.toString(16).padStart(4, '0');
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      escape = '\ufffd';
    }
    if (escape !== null) {
      out += s.slice(last, i) + escape;
      last = i + 1;
    }
  }
  return out + s.slice(last) + '"';
}

/** json.Marshal's compact text (keys sorted, HTML characters escaped): what kubectl quotes in "Object 'Kind' is missing in '…'". */
export function goJsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return goJsonString(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return '[' + v.map(goJsonText).join(',') + ']';
  return (
    '{' +
    sortedKeys(v)
      .map((k) => goJsonString(k) + ':' + goJsonText(v[k]))
      .join(',') +
    '}'
  );
}

/**
 * The unstructured decoder's number: an integer that fits int64 stays one, any
 * other number is a float64 (a uint64 or a long integer loses digits). Null
 * when Go's ParseFloat refuses it (a JSON 1e400).
 */
const DECIMAL_INTEGER = /^-?[0-9]+$/;

export function unstructuredNumber(text: string): JsonNumber | null {
  if (DECIMAL_INTEGER.test(text)) {
    const n = BigInt(text);
    if (n >= INT64_MIN && n <= INT64_MAX) return new JsonNumber(n.toString());
  }
  const f = Number(text);
  if (!Number.isFinite(f)) return null;
  return new JsonNumber(goJsonFloat(f));
}
