/**
 * The encodings Helm's template functions use, as Go writes them:
 * `toJson` (encoding/json), `toYaml` (sigs.k8s.io/yaml: JSON first, then
 * go-yaml v2's emitter: sorted keys, block style, quoting of strings that
 * would read back as another type), and their readers.
 *
 * Output is a MappedString: every scalar printed from a values-file entry
 * maps back to where it was written.
 */
import { MappedBuilder, type MappedString, type Origin, type ValueLocations } from '../template/origin';
import { types } from '../template/types';
import { GoBox, GoFunc, GoMap, GoPointer, GoScalar, GoSlice, GoStruct, type GoValue, isPlainObject } from '../template/values';
import { type HelmValue } from './values';
import { decodeYaml, layoutG, resolvePlainScalar } from './yaml-decode';

/** A value as encoding/json sees it, each node with where it came from. */
export type JsonNode =
  | { type: 'null'; origin?: Origin }
  | { type: 'bool'; value: boolean; origin?: Origin }
  | { type: 'number'; text: string; origin?: Origin }
  | { type: 'string'; value: string; origin?: Origin }
  | { type: 'list'; items: JsonNode[]; origin?: Origin }
  | { type: 'map'; entries: [string, JsonNode][]; origin?: Origin };

/** JSON field names of Go struct types Pod Lens builds (json tags): Go field → [json name, omitempty]. */
export const jsonFieldNames = new WeakMap<object, Record<string, [string, boolean]>>();

export class JsonError extends Error {}

function goCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A float64 as encoding/json writes it (the same thresholds as JavaScript's number to string). */
export function jsonFloat(value: number): string {
  if (!Number.isFinite(value)) throw new JsonError(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`);
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function float32Json(value: number): string {
  if (!Number.isFinite(value)) throw new JsonError(`json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`);
  const target = Math.fround(value);
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(target.toPrecision(precision));
    if (Math.fround(candidate) === target) return String(candidate);
  }
  return String(target);
}

function isEmptyValue(value: GoValue | undefined): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof GoSlice) return (value.items?.length ?? 0) === 0 && value.type.kind === 'slice';
  if (value instanceof GoMap) return value.size === 0;
  if (value instanceof GoScalar) return value.value === 0n || value.value === 0 || value.value === '' || value.value === false;
  if (value instanceof GoPointer) return value.target === undefined;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

function base64(bytes: GoValue[]): string {
  const raw = Uint8Array.from(bytes.map((b) => Number(b instanceof GoScalar ? b.value : b)));
  return Buffer.from(raw).toString('base64');
}

/** json.Marshal's view of a Go value. Throws JsonError for what encoding/json refuses. */
export function toJsonNode(value: GoValue | undefined, origin: Origin | undefined, locations: ValueLocations | undefined): JsonNode {
  const child = (container: object, key: string | number, item: GoValue | undefined): JsonNode =>
    toJsonNode(item, locations?.get(container, key)?.value, locations);
  if (value === null || value === undefined) return { type: 'null', origin };
  if (typeof value === 'boolean') return { type: 'bool', value, origin };
  if (typeof value === 'string') return { type: 'string', value, origin };
  if (typeof value === 'number') return { type: 'number', text: jsonFloat(value), origin };
  if (Array.isArray(value)) return { type: 'list', items: value.map((item, i) => child(value, i, item)), origin };
  if (value instanceof GoBox) {
    if (value instanceof GoScalar) {
      const v = value.value;
      if (typeof v === 'bigint') return { type: 'number', text: v.toString(), origin };
      if (typeof v === 'number') return { type: 'number', text: value.type.kind === 'float32' ? float32Json(v) : jsonFloat(v), origin };
      if (typeof v === 'boolean') return { type: 'bool', value: v, origin };
      if (typeof v === 'string') return { type: 'string', value: v, origin };
      throw new JsonError(`json: unsupported type: ${value.type.name}`);
    }
    if (value instanceof GoSlice) {
      if (value.items === null) return { type: 'null', origin };
      if (value.type.elem?.kind === 'uint8' && value.type.kind === 'slice') return { type: 'string', value: base64(value.items), origin };
      const items = value.items;
      return { type: 'list', items: items.map((item, i) => child(items, i, item)), origin };
    }
    if (value instanceof GoMap) {
      if (value.entries === null) return { type: 'null', origin };
      const entries: [string, JsonNode][] = [];
      for (const entry of value.entries.values()) {
        const key = entry.key instanceof GoScalar ? String(entry.key.value) : String(entry.key);
        entries.push([key, toJsonNode(entry.value, undefined, locations)]);
      }
      entries.sort((a, b) => goCompare(a[0], b[0]));
      return { type: 'map', entries, origin };
    }
    if (value instanceof GoStruct) {
      const names = jsonFieldNames.get(value.type) ?? {};
      const entries: [string, JsonNode][] = [];
      for (const field of value.type.fields ?? []) {
        const [name, omitEmpty] = names[field.name] ?? [field.name, false];
        if (name === '-') continue;
        const item = value.fields[field.name];
        if (omitEmpty && isEmptyValue(item)) continue;
        entries.push([name, toJsonNode(item, undefined, locations)]);
      }
      return { type: 'map', entries, origin };
    }
    if (value instanceof GoPointer) return value.target === undefined ? { type: 'null', origin } : toJsonNode(value.target, origin, locations);
    if (value instanceof GoFunc) throw new JsonError(`json: unsupported type: ${value.type.name}`);
    throw new JsonError(`json: unsupported type: ${value.type.name}`);
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort(goCompare);
    return { type: 'map', entries: keys.map((key) => [key, child(value, key, value[key])]), origin };
  }
  return { type: 'null', origin };
}

// encoding/json

function jsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || char === '<' || char === '>' || char === '&' || code === 0x2028 || code === 0x2029)
      out += '\\u' + code.toString(16).padStart(4, '0');
    else out += char;
  }
  return out + '"';
}

function writeJson(node: JsonNode, builder: MappedBuilder): void {
  switch (node.type) {
    case 'null':
      builder.add('null', node.origin);
      return;
    case 'bool':
      builder.add(node.value ? 'true' : 'false', node.origin);
      return;
    case 'number':
      builder.add(node.text, node.origin);
      return;
    case 'string':
      builder.add(jsonString(node.value), node.origin);
      return;
    case 'list':
      builder.add('[');
      node.items.forEach((item, i) => {
        if (i > 0) builder.add(',');
        writeJson(item, builder);
      });
      builder.add(']');
      return;
    case 'map':
      builder.add('{');
      node.entries.forEach(([key, item], i) => {
        if (i > 0) builder.add(',');
        builder.add(jsonString(key) + ':');
        writeJson(item, builder);
      });
      builder.add('}');
  }
}

/** json.Marshal as a mapped string. */
export function encodeJson(node: JsonNode): MappedString {
  const builder = new MappedBuilder();
  writeJson(node, builder);
  return builder.build();
}

// go-yaml v2's emitter, for what sigs.k8s.io/yaml hands it (the JSON read back as YAML).

/** go-yaml v2's keyList.Less: letters before other runes, runs of digits compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const timestampPattern =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Would go-yaml v2 read this string back, unquoted, as something other than a string? */
function needsQuotesToStayString(text: string): boolean {
  if (text === '<<') return true;
  if (typeof resolvePlainScalar(text) !== 'string') return true;
  if (/^[0-9]/.test(text) && timestampPattern.test(text)) return true;
  return base60Float.test(text);
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankOrEnd = (c: string | undefined): boolean => c === undefined || isBlank(c) || isBreak(c);

function isPrintable(c: string): boolean {
  const code = c.codePointAt(0) as number;
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** libyaml's yaml_emitter_analyze_scalar, for the block context toYaml writes in. */
function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  const chars = [...value];
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c) || (!(c.codePointAt(0)! < 0x80) && c === '\ufeff')) specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    if (isBlank(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

function doubleQuoted(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    switch (c) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\0':
        out += '\\0';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\v':
        out += '\\v';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x1b':
        out += '\\e';
        continue;
      case '\u0085':
        out += '\\N';
        continue;
      case '\u00a0':
        out += '\\_';
        continue;
      case '\u2028':
        out += '\\L';
        continue;
      case '\u2029':
        out += '\\P';
        continue;
    }
    if (!isPrintable(c) || code === 0xfeff) {
      if (code <= 0xff) out += '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
      else if (code <= 0xffff) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
      else out += '\\U' + code.toString(16).toUpperCase().padStart(8, '0');
    } else out += c;
  }
  return out + '"';
}

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

function stringStyle(text: string, isKey: boolean): ScalarStyle {
  let style: ScalarStyle;
  if (text.includes('\n')) style = 'literal';
  else if (!needsQuotesToStayString(text)) style = 'plain';
  else style = 'double';
  const analysis = analyzeScalar(text);
  if (style === 'plain' && (!analysis.blockPlainAllowed || text.length === 0)) style = 'single';
  if (style === 'literal' && (!analysis.blockAllowed || isKey)) style = 'double';
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  return style;
}

function literalBlock(text: string, indent: number): string {
  const hint = text.startsWith(' ') || text.startsWith('\n') ? String(2) : '';
  let chomp = '';
  if (!text.endsWith('\n')) chomp = '-';
  else if (text.length === 1 || text.endsWith('\n\n')) chomp = '+';
  const pad = ' '.repeat(indent);
  let body = text;
  if (body.endsWith('\n')) body = body.slice(0, -1);
  const lines = body.split('\n').map((line) => (line.length > 0 ? pad + line : ''));
  return `|${hint}${chomp}\n${lines.join('\n')}`;
}

function formatYamlString(text: string, indent: number, isKey = false): string {
  switch (stringStyle(text, isKey)) {
    case 'plain':
      return text;
    case 'single':
      return `'${text.replace(/'/g, "''")}'`;
    case 'literal':
      return literalBlock(text, indent);
    default:
      return doubleQuoted(text);
  }
}

/** go-yaml v2's number from JSON text: an int as written, a float as FormatFloat(f, 'g', -1, 64). */
function yamlNumber(text: string): string {
  if (/^-?[0-9]+$/.test(text)) {
    const value = BigInt(text);
    if (value >= -(1n << 63n) && value < 1n << 64n) return value.toString();
  }
  const value = Number(text);
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  return (value < 0 ? '-' : '') + layoutG(mantissa.replace('.', ''), Number(exponent), 6);
}

function writeYamlScalar(node: JsonNode, builder: MappedBuilder, indent: number): void {
  switch (node.type) {
    case 'null':
      builder.add('null', node.origin);
      return;
    case 'bool':
      builder.add(node.value ? 'true' : 'false', node.origin);
      return;
    case 'number':
      builder.add(yamlNumber(node.text), node.origin);
      return;
    case 'string':
      builder.add(formatYamlString(node.value, indent), node.origin);
  }
}

function isEmptyCollection(node: JsonNode): boolean {
  return (node.type === 'map' && node.entries.length === 0) || (node.type === 'list' && node.items.length === 0);
}

function sortedEntries(node: Extract<JsonNode, { type: 'map' }>): [string, JsonNode][] {
  return [...node.entries].sort((a, b) => (yamlKeyLess(a[0], b[0]) ? -1 : yamlKeyLess(b[0], a[0]) ? 1 : 0));
}

/** Writes a node at `indent` whose first line is already positioned (after `key: ` or `- `). */
function writeYamlNode(node: JsonNode, builder: MappedBuilder, indent: number, sequenceIndent: number): void {
  if (node.type === 'map') {
    if (node.entries.length === 0) {
      builder.add('{}', node.origin);
      return;
    }
    sortedEntries(node).forEach(([key, value], i) => {
      if (i > 0) builder.add(' '.repeat(indent));
      builder.add(formatYamlString(key, indent, true) + ':');
      writeYamlValueAfterKey(value, builder, indent, sequenceIndent);
    });
    return;
  }
  if (node.type === 'list') {
    if (node.items.length === 0) {
      builder.add('[]', node.origin);
      return;
    }
    node.items.forEach((item, i) => {
      if (i > 0) builder.add(' '.repeat(indent));
      builder.add('- ');
      if (item.type === 'map' || item.type === 'list') {
        if (isEmptyCollection(item)) {
          writeYamlNode(item, builder, indent + 2, sequenceIndent);
          builder.add('\n');
        } else writeYamlNode(item, builder, indent + 2, sequenceIndent);
      } else {
        writeYamlScalar(item, builder, indent + 2);
        builder.add('\n');
      }
    });
    return;
  }
  writeYamlScalar(node, builder, indent);
  builder.add('\n');
}

function writeYamlValueAfterKey(value: JsonNode, builder: MappedBuilder, indent: number, sequenceIndent: number): void {
  if ((value.type === 'map' || value.type === 'list') && !isEmptyCollection(value)) {
    const childIndent = value.type === 'list' ? indent + sequenceIndent : indent + 2;
    builder.add('\n' + ' '.repeat(childIndent));
    writeYamlNode(value, builder, childIndent, sequenceIndent);
    return;
  }
  builder.add(' ');
  if (value.type === 'map' || value.type === 'list') {
    writeYamlNode(value, builder, indent + 2, sequenceIndent);
    builder.add('\n');
    return;
  }
  writeYamlScalar(value, builder, indent + 2);
  builder.add('\n');
}

/**
 * yaml.Marshal of sigs.k8s.io/yaml (go-yaml v2 layout: sequences not indented
 * under their key), or of go-yaml v3 with indent 2 (`toYamlPretty`: sequences
 * indented). Ends with a newline, as Go's does.
 */
export function encodeYaml(node: JsonNode, pretty = false): MappedString {
  const builder = new MappedBuilder();
  const sequenceIndent = pretty ? 2 : 0;
  if (node.type === 'map' || node.type === 'list') {
    writeYamlNode(node, builder, 0, sequenceIndent);
    if (isEmptyCollection(node)) builder.add('\n');
  } else {
    writeYamlScalar(node, builder, 2);
    builder.add('\n');
  }
  return builder.build();
}

/** A decoded YAML or JSON document as template data (numbers float64), with origins in `locations` when a file is given. */
export function helmValueToGo(value: HelmValue, locations?: ValueLocations): GoValue {
  if (value.kind === 'map') {
    const out: Record<string, GoValue> = Object.create(null);
    for (const [key, child] of value.entries) {
      out[key] = helmValueToGo(child, locations);
      if (locations && child.origin) locations.set(out, key, locationOf(child));
    }
    return out;
  }
  if (value.kind === 'list') {
    const out: GoValue[] = value.items.map((child) => helmValueToGo(child, locations));
    if (locations) value.items.forEach((child, i) => child.origin && locations.set(out, i, locationOf(child)));
    return out;
  }
  const v = value.value;
  if (typeof v === 'bigint') return new GoScalar(types.int64, v);
  return v;
}

function locationOf(value: HelmValue): { value: Origin; key?: Origin } {
  const origin = value.origin!;
  const place: Origin = { file: origin.file, start: origin.start, end: origin.end, origin: 'value' };
  if (origin.keyStart !== undefined && origin.keyEnd !== undefined) {
    return { value: place, key: { file: origin.file, start: origin.keyStart, end: origin.keyEnd, origin: 'value' } };
  }
  return { value: place };
}

/** sigs.k8s.io/yaml.Unmarshal into interface{}: the first document, or an error message. */
export function parseYaml(text: string): { value: GoValue; error?: undefined } | { error: string } {
  const decoded = decodeYaml(text, '');
  if (decoded.error) return { error: decoded.error.message };
  return { value: decoded.value === undefined ? null : helmValueToGo(decoded.value) };
}

/** json.Unmarshal into interface{}, or Go's error message. */
export function parseJson(text: string): { value: GoValue; error?: undefined } | { error: string } {
  if (text.trim() === '') return { error: 'unexpected end of JSON input' };
  try {
    return { value: plainJsonToGo(JSON.parse(text)) };
  } catch (error) {
    const message = (error as Error).message;
    const token = /Unexpected token '?(.)'?/.exec(message);
    if (token) return { error: `invalid character '${token[1]}' looking for beginning of value` };
    if (/end of JSON|Unterminated/.test(message)) return { error: 'unexpected end of JSON input' };
    return { error: message };
  }
}

function plainJsonToGo(data: unknown): GoValue {
  if (data === null || typeof data === 'boolean' || typeof data === 'number' || typeof data === 'string') return data;
  if (Array.isArray(data)) return data.map(plainJsonToGo);
  const out: Record<string, GoValue> = Object.create(null);
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) out[key] = plainJsonToGo(value);
  return out;
}
