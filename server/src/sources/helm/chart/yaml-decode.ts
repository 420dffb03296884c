/**
 * YAML as Helm reads it: sigs.k8s.io/yaml, which decodes with go-yaml v2
 * (YAML 1.1 scalars: `yes`/`on` are booleans, `0x1F` and `017` are integers,
 * timestamps stay strings), then goes through JSON (every number becomes a
 * float64, map keys become strings). Only the first document counts.
 */
import { type Alias, type Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, type Scalar } from 'yaml';
import { deepCopy, type GoScalar, type HelmMap, type HelmValue, newList, newMap, scalar, type ValueOrigin } from './values';

export interface DecodeError {
  message: string;
  start: number;
  end: number;
}

export interface Decoded {
  /** undefined for an empty document (Go's nil). */
  value: HelmValue | undefined;
  error?: DecodeError;
}

const nullWords = new Set(['', '~', 'null', 'Null', 'NULL']);
const trueWords = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const falseWords = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const goIntLiteral = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const maxUint64 = (1n << 64n) - 1n;

/** go-yaml v2's resolve() for a plain scalar, as the JSON step then sees it (ints become floats). */
export function resolvePlainScalar(text: string): GoScalar {
  if (nullWords.has(text)) return null;
  if (trueWords.has(text)) return true;
  if (falseWords.has(text)) return false;
  switch (text) {
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Infinity;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return -Infinity;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN;
  }
  const first = text[0];
  if (!/[-+.0-9]/.test(first)) return text;
  const plain = text.replace(/_/g, '');
  const integer = parseGoInteger(plain);
  if (integer !== undefined) return Number(integer);
  if (yamlStyleFloat.test(plain)) return Number(plain);
  return text;
}

/** strconv.ParseInt(s, 0, 64), falling back to ParseUint: undefined when neither accepts it. */
function parseGoInteger(text: string): bigint | undefined {
  if (!goIntLiteral.test(text)) return undefined;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[-+]/, '');
  let value: bigint;
  if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (/^0[bB]/.test(digits)) value = BigInt(digits);
  else if (/^0[oO]/.test(digits)) value = BigInt('0o' + digits.slice(2));
  else if (digits.length > 1 && digits.startsWith('0')) value = BigInt('0o' + digits.slice(1));
  else value = BigInt(digits);
  if (negative) value = -value;
  if (value < -(1n << 63n) || value > maxUint64 || (negative && value > 0n)) return undefined;
  return value;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

class ConversionError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const decodeCache = new Map<string, Decoded>();
const decodeCacheSize = 512;

/**
 * Decodes the first YAML document into Helm values, each scalar with its
 * origin in `file`. Results are remembered by text (a chart is rendered on
 * every keystroke and most of its files did not change); callers get their
 * own copy, since coalescing mutates maps.
 */
export function decodeYaml(text: string, file: string): Decoded {
  const decoded = decodeYamlShared(text, file);
  return decoded.value === undefined ? decoded : { ...decoded, value: deepCopy(decoded.value) };
}

/** `decodeYaml` without the copy, for callers that only read the value (never change it: it is the remembered one). */
export function decodeYamlShared(text: string, file: string): Decoded {
  const key = `${file}\0${text}`;
  let decoded = decodeCache.get(key);
  if (decoded) {
    decodeCache.delete(key);
  } else {
    decoded = decodeYamlUncached(text, file);
    if (decodeCache.size >= decodeCacheSize) decodeCache.delete(decodeCache.keys().next().value as string);
  }
  decodeCache.set(key, decoded);
  return decoded;
}

function decodeYamlUncached(text: string, file: string): Decoded {
  const documents = parseAllDocuments(text, { schema: 'failsafe', version: '1.1', uniqueKeys: false, lineCounter: new LineCounter() });
  const list = Array.isArray(documents) ? documents : [];
  const document = list[0] as Document.Parsed | undefined;
  if (!document) return { value: undefined };
  const syntax = document.errors[0];
  if (syntax) {
    const start = syntax.pos[0];
    const [line, message] = goYamlSyntaxError(lineOf(text, start), firstLine(syntax.message));
    return { value: undefined, error: { message: `error converting YAML to JSON: yaml: line ${line}: ${message}`, start, end: syntax.pos[1] } };
  }
  try {
    const contents = document.contents as Node | null;
    if (!contents) return { value: undefined };
    const value = convert(contents, document, file, new Set(), text);
    if (value.kind === 'scalar' && value.value === null) return { value: undefined };
    return { value };
  } catch (error) {
    if (error instanceof ConversionError) return { value: undefined, error: { message: error.message, start: error.start, end: error.end } };
    throw error;
  }
}

/**
 * go-yaml's wording (and line) for the syntax errors people make most; other
 * errors keep the yaml package's words.
 */
function goYamlSyntaxError(line: number, message: string): [number, string] {
  if (message.startsWith('Implicit map keys need to be followed by map values')) return [line + 1, "could not find expected ':'"];
  if (message.startsWith('Nested mappings are not allowed in compact mappings')) return [line, 'mapping values are not allowed in this context'];
  if (message.startsWith('Tabs are not allowed as indentation')) return [line, 'found character that cannot start any token'];
  if (message.startsWith('All mapping items must start at the same column')) return [line, 'did not find expected key'];
  return [line, message];
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function rangeOf(node: Node): [number, number] {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}

function scalarValue(node: Scalar): GoScalar {
  const raw = node.value;
  const text = typeof raw === 'string' ? raw : String(raw);
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str') return text;
  if (tag === 'tag:yaml.org,2002:binary') return text.replace(/\s+/g, '');
  if (tag === 'tag:yaml.org,2002:null') return null;
  if (tag === 'tag:yaml.org,2002:bool' || tag === 'tag:yaml.org,2002:int' || tag === 'tag:yaml.org,2002:float') {
    const resolved = resolvePlainScalar(text);
    if (resolved === null || typeof resolved === 'string') {
      const [start, end] = rangeOf(node);
      throw new ConversionError(`error converting YAML to JSON: yaml: cannot decode !!${tag.split(':').pop()} \`${text}\``, start, end);
    }
    return resolved;
  }
  if (node.type === 'PLAIN') return resolvePlainScalar(text);
  return text;
}

function convert(node: Node, document: Document.Parsed, file: string, resolving: Set<Node>, source: string): HelmValue {
  if (isAlias(node)) {
    const target = (node as Alias).resolve(document);
    const [start, end] = rangeOf(node);
    if (!target) throw new ConversionError(`error converting YAML to JSON: yaml: unknown anchor '${(node as Alias).source}' referenced`, start, end);
    if (resolving.has(target)) throw new ConversionError('error converting YAML to JSON: yaml: anchor refers to itself', start, end);
    resolving.add(target);
    const value = convert(target, document, file, resolving, source);
    resolving.delete(target);
    return value;
  }
  const [start, end] = rangeOf(node);
  const origin: ValueOrigin = { file, start, end };
  if (isScalar(node)) {
    const value = scalarValue(node);
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ConversionError(`error converting YAML to JSON: json: unsupported value: ${goFloatName(value)}`, start, end);
    }
    // A quoted string written without escapes is located at its characters, so text taken from it (tpl) maps character for character.
    if (typeof value === 'string' && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && end - start === value.length + 2) {
      if (source.slice(start + 1, end - 1) === value) return scalar(value, { file, start: start + 1, end: end - 1 });
    }
    return scalar(value, origin);
  }
  if (isSeq(node)) {
    return newList(
      node.items.map((item) => convert(item as Node, document, file, resolving, source)),
      origin,
    );
  }
  if (isMap(node)) {
    const map = newMap(undefined, origin);
    const explicit = new Set<string>();
    const merges: HelmMap[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (keyNode && isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        if (valueNode) collectMerge(convert(valueNode, document, file, resolving, source), merges, valueNode);
        continue;
      }
      const key = keyString(keyNode, document, file, resolving, source);
      const keyRange = keyNode ? rangeOf(keyNode) : [start, start];
      let value: HelmValue;
      if (valueNode) value = convert(valueNode, document, file, resolving, source);
      else value = scalar(null, { file, start: keyRange[1], end: keyRange[1] });
      value.origin = { ...(value.origin ?? { file, start: keyRange[1], end: keyRange[1] }), keyStart: keyRange[0], keyEnd: keyRange[1] };
      map.entries.set(key, value);
      explicit.add(key);
    }
    for (const merged of merges) {
      for (const [key, value] of merged.entries) if (!explicit.has(key) && !map.entries.has(key)) map.entries.set(key, value);
    }
    return map;
  }
  return scalar(null, origin);
}

function collectMerge(value: HelmValue, merges: HelmMap[], node: Node): void {
  if (value.kind === 'map') merges.push(value);
  else if (value.kind === 'list') {
    for (const item of value.items) {
      if (item.kind !== 'map') {
        const [start, end] = rangeOf(node);
        throw new ConversionError('error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value', start, end);
      }
      merges.push(item);
    }
  } else {
    const [start, end] = rangeOf(node);
    throw new ConversionError('error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value', start, end);
  }
}

/** sigs.k8s.io/yaml's map key conversion: strings as they are, numbers and booleans spelled out. */
function keyString(keyNode: Node | null, document: Document.Parsed, file: string, resolving: Set<Node>, source: string): string {
  if (!keyNode) throw new ConversionError('error converting YAML to JSON: unsupported map key of type: <nil>', 0, 0);
  const key = convert(keyNode, document, file, resolving, source);
  const [start, end] = rangeOf(keyNode);
  if (key.kind !== 'scalar') throw new ConversionError('error converting YAML to JSON: yaml: invalid map key', start, end);
  const value = key.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (isScalar(keyNode) && keyNode.type === 'PLAIN' && parseGoInteger(String(keyNode.value).replace(/_/g, '')) !== undefined) {
      return BigInt.asIntN(64, BigInt(parseGoInteger(String(keyNode.value).replace(/_/g, '')) as bigint)).toString();
    }
    return formatFloat32Shortest(value);
  }
  throw new ConversionError(`error converting YAML to JSON: unsupported map key of type: <nil>, key: <nil>`, start, end);
}

function goFloatName(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}

/** strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that round-trip as a float32, Go's %g layout. */
export function formatFloat32Shortest(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const target = Math.fround(value);
  if (target === 0) return Object.is(target, -0) ? '-0' : '0';
  let digits = '0';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Math.abs(target).toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === Math.abs(target)) {
      const [mantissa, exp] = candidate.split('e');
      digits = mantissa.replace('.', '');
      exponent = Number(exp);
      break;
    }
  }
  return (target < 0 ? '-' : '') + layoutG(digits, exponent, 6);
}

/** Go's %g layout of shortest digits: exponent form below 1e-4 and from 10^exponentLimit on (6 for strconv, 21 for fmt's %v). */
export function layoutG(digits: string, exponent: number, exponentLimit = 21): string {
  digits = digits.replace(/0+$/, '') || '0';
  if (exponent < -4 || exponent >= exponentLimit) {
    const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const sign = exponent < 0 ? '-' : '+';
    const abs = Math.abs(exponent);
    return `${mantissa}e${sign}${abs < 10 ? '0' + abs : abs}`;
  }
  if (exponent < 0) return '0.' + '0'.repeat(-exponent - 1) + digits;
  if (digits.length <= exponent + 1) return digits + '0'.repeat(exponent + 1 - digits.length);
  return digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1);
}
