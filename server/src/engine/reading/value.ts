/**
 * kubectl's value of a document the `yaml` package has parsed: the node tree
 * go-yaml would build (aliases resolved by go-yaml's rule, the anchor defined
 * last before the alias), decoded with go-yaml's and sigs.k8s.io/yaml's rules
 * (`decode.ts`); or, for a JSON document, encoding/json's value. Errors carry
 * the offsets of the node that fails, in the parsed text.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { decodeGoNode, JsonNumber, type JsonObject, type JsonValue, MAX_NESTING, NestingError, newJsonObject, PRINTED_INTEGER, wellFormed } from './decode';
import { type GoNode } from './goyaml/parser';
import { GoYamlError, ScalarStyle } from './goyaml/scanner';
import { goJsonFloat, resolvesToString, resolveScalar, TAG_BINARY, TAG_TIMESTAMP } from './resolve';
import type { Syntax } from './stream';

export interface ValueError {
  /** The message after "error converting YAML to JSON: " (go-yaml's "yaml: …", or sigs.k8s.io/yaml's own). */
  message: string;
  /** Not kubectl's error: the reader does not follow a document this deep. */
  tooDeep?: boolean;
  /** Offsets in the parsed text. */
  start: number;
  end: number;
}

/** `numbersAsPrinted`: every number of the value is an integer written as kubectl prints it, so its unstructured decoding keeps the value as it is. */
export type ValueResult = { ok: true; value: JsonValue; numbersAsPrinted?: boolean } | { ok: false; error: ValueError };

function styleOf(s: Scalar): ScalarStyle {
  switch (s.type) {
    case 'QUOTE_DOUBLE':
      return ScalarStyle.DoubleQuoted;
    case 'QUOTE_SINGLE':
      return ScalarStyle.SingleQuoted;
    case 'BLOCK_LITERAL':
      return ScalarStyle.Literal;
    case 'BLOCK_FOLDED':
      return ScalarStyle.Folded;
    default:
      return ScalarStyle.Plain;
  }
}

class UnknownAnchor {
  constructor(
    readonly name: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** The go-yaml node tree of a `yaml` document's contents. */
export function goNodeOf(document: Document.Parsed): GoNode | null {
  const anchors = new Map<string, GoNode>();
  const empty = (at: number): GoNode => ({
    kind: 'scalar',
    start: at,
    end: at,
    line: 0,
    tag: '',
    value: '',
    implicit: true,
    style: ScalarStyle.Plain,
    children: [],
    alias: null,
  });
  // Every node is written as one literal of the same shape: spreading a shared base made this walk as slow as the parse.
  const convert = (node: unknown, at: number, depth: number): GoNode => {
    if (node === null || node === undefined) return empty(at);
    const range = (node as Node).range ?? [at, at, at];
    if (depth > MAX_NESTING) throw new NestingError(range[0], range[1]);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) throw new UnknownAnchor(node.source, range[0], range[1]);
      return {
        kind: 'alias',
        start: range[0],
        end: range[1],
        line: 0,
        tag: '',
        value: node.source,
        implicit: false,
        style: ScalarStyle.Plain,
        children: [],
        alias: target,
      };
    }
    const tag = (node as Node).tag ?? '';
    const anchor = (node as Node).anchor;
    let result: GoNode;
    if (isScalar(node)) {
      const style = styleOf(node);
      const value = typeof node.source === 'string' ? node.source : node.value === null || node.value === undefined ? '' : String(node.value);
      const implicit = (tag === '' && style === ScalarStyle.Plain) || tag === '!';
      result = { kind: 'scalar', start: range[0], end: range[1], line: 0, tag, value: wellFormed(value), implicit, style, children: [], alias: null };
      if (anchor) anchors.set(anchor, result);
      return result;
    }
    if (isMap(node) || isSeq(node) || isPair(node)) {
      const mapping = !isSeq(node);
      const kind = mapping ? 'mapping' : 'sequence';
      result = { kind, start: range[0], end: range[1], line: 0, tag, value: '', implicit: tag === '', style: ScalarStyle.Plain, children: [], alias: null };
      // go-yaml defines an anchor when its node starts: an alias inside the node refers to it.
      if (anchor) anchors.set(anchor, result);
      const pairs: unknown[] = isPair(node) ? [node] : node.items;
      for (const item of pairs) {
        if (mapping) {
          const pair = item as Pair;
          const keyAt = pair.key && (pair.key as Node).range ? (pair.key as Node).range![0] : result.start;
          result.children.push(convert(pair.key, keyAt, depth + 1));
          const valueAt = pair.value && (pair.value as Node).range ? (pair.value as Node).range![0] : ((pair.key as Node)?.range?.[1] ?? keyAt);
          result.children.push(convert(pair.value, valueAt, depth + 1));
        } else if (isPair(item)) {
          // `[a: b]`: a single-pair mapping inside a flow sequence.
          result.children.push(convert(item, (item.key as Node)?.range?.[0] ?? result.start, depth + 1));
        } else {
          result.children.push(convert(item, result.end, depth + 1));
        }
      }
      return result;
    }
    return empty(at);
  };
  return document.contents === null ? null : convert(document.contents, 0, 0);
}

/** A document the one-walk decoding below does not follow: the three-step decoding gives its value, or its error. */
class NotPlain {}
const notPlain = new NotPlain();
/** Deeper than any manifest nests; deeper documents take the three-step decoding, which measures go-yaml's limits. */
const PLAIN_DEPTH = 64;

/** What go-yaml's decoder and sigs.k8s.io/yaml make of an untagged scalar (`Decoder.scalar`, then `convert`). */
function plainScalarValue(node: Scalar | null): JsonValue {
  const text =
    node === null ? '' : wellFormed(typeof node.source === 'string' ? node.source : node.value === null || node.value === undefined ? '' : String(node.value));
  if (node !== null && styleOf(node) !== ScalarStyle.Plain) return text;
  // Most plain texts are keys, names, images and quantities, which go-yaml's hint and word table already keep strings.
  if (resolvesToString(text)) return text;
  if (PRINTED_INTEGER.test(text)) return new JsonNumber(text);
  const { tag, value } = resolveScalar('', text);
  if (value.kind === 'int' || value.kind === 'uint' || value.kind === 'float') otherNumbers++;
  if (tag === TAG_BINARY) throw notPlain;
  if (tag === TAG_TIMESTAMP) return wellFormed(text);
  switch (value.kind) {
    case 'string':
      return wellFormed(value.value);
    case 'null':
      return null;
    case 'bool':
      return value.value;
    case 'int':
    case 'uint':
      return new JsonNumber(value.value.toString());
    case 'float':
      if (!Number.isFinite(value.value)) throw notPlain;
      return new JsonNumber(goJsonFloat(value.value));
  }
}

/** A mapping key of the one-walk decoding: an untagged scalar that is a string, and not a merge key. */
function plainKey(pair: Pair): string {
  const keyNode = pair.key;
  if (!isScalar(keyNode) || keyNode.tag !== undefined || keyNode.anchor !== undefined) throw notPlain;
  const key = plainScalarValue(keyNode);
  if (typeof key !== 'string' || key === '<<') throw notPlain;
  return key;
}

/**
 * kubectl's value of a document without anchors, aliases, tags, merge keys
 * or keys that are not strings (every manifest a tool writes), in one walk of
 * the `yaml` nodes instead of three (go-yaml's nodes, its decoder's values,
 * sigs.k8s.io/yaml's JSON): the same value, scalar for scalar and key for
 * key (a repeated key keeps its first place and its last value, as go-yaml's
 * map does). Throws `notPlain` at anything else.
 */
function plainValue(node: unknown, depth: number): JsonValue {
  if (depth > PLAIN_DEPTH) throw notPlain;
  if (node === null || node === undefined) return plainScalarValue(null);
  const n = node as Node;
  if (n.tag !== undefined || n.anchor !== undefined) throw notPlain;
  if (isScalar(n)) return plainScalarValue(n);
  if (isSeq(n)) {
    const items = n.items;
    const out: JsonValue[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      if (isPair(items[i])) throw notPlain;
      out[i] = plainValue(items[i], depth + 1);
    }
    return out;
  }
  if (isMap(n)) {
    const object = newJsonObject();
    for (const pair of n.items) object[plainKey(pair)] = plainValue(pair.value, depth + 1);
    return object;
  }
  throw notPlain;
}

/** Numbers of the walk in progress that did not come out as their own text (`0x1F`, `1.5`, `+3`): their unstructured decoding may change them. */
let otherNumbers = 0;

/** `plainValue`'s walk without the value: it throws, and counts numbers, exactly where `plainValue` would. */
function checkPlain(node: unknown, depth: number): void {
  if (depth > PLAIN_DEPTH) throw notPlain;
  if (node === null || node === undefined) return;
  const n = node as Node;
  if (n.tag !== undefined || n.anchor !== undefined) throw notPlain;
  if (isScalar(n)) {
    // A quoted or block scalar is a string; a plain text go-yaml surely keeps a string, or an integer as Go prints it, needs no resolver.
    if (styleOf(n) !== ScalarStyle.Plain) return;
    if (typeof n.source === 'string' && (resolvesToString(n.source) || PRINTED_INTEGER.test(n.source))) return;
    plainScalarValue(n);
    return;
  }
  if (isSeq(n)) {
    for (const item of n.items) {
      if (isPair(item)) throw notPlain;
      checkPlain(item, depth + 1);
    }
    return;
  }
  if (isMap(n)) {
    for (const pair of n.items) {
      plainKey(pair);
      checkPlain(pair.value, depth + 1);
    }
    return;
  }
  throw notPlain;
}

/** The fields kubectl reads of an object before it sends it (`objects.ts`); a document with `items` is a List, and is read whole. */
const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(['kind', 'apiVersion', 'metadata']);

/**
 * kubectl's value of a plain document (see `plainValue`) whose root is a
 * mapping without `items` and whose numbers are all printed integers, as
 * what kubectl reads of it: `envelope` holds its kind, apiVersion and
 * metadata (each as `plainValue` makes it); the rest is checked, not built,
 * and `value()` builds the whole value when asked. The analysis reads the
 * object from its nodes, so building every map of every document as kubectl's
 * JSON was garbage. Undefined for any other document: `kubectlValue` then
 * gives its value or its error.
 */
export function plainKubectlEnvelope(document: Document.Parsed): { envelope: JsonObject; value: () => JsonObject } | undefined {
  const root = document.contents;
  if (!isMap(root) || root.tag !== undefined || root.anchor !== undefined) return undefined;
  otherNumbers = 0;
  const envelope = newJsonObject();
  try {
    for (const pair of root.items) {
      const key = plainKey(pair);
      if (key === 'items') return undefined;
      if (ENVELOPE_FIELDS.has(key)) envelope[key] = plainValue(pair.value, 1);
      else checkPlain(pair.value, 1);
    }
  } catch {
    // Not plain, or a scalar go-yaml refuses: the full decoding says what kubectl makes of it.
    return undefined;
  }
  if (otherNumbers !== 0) return undefined;
  let whole: JsonObject | null = null;
  return { envelope, value: () => (whole ??= plainValue(root, 0) as JsonObject) };
}

/** kubectl's value of a YAML document in one walk, or undefined when the document is not that plain (see `plainValue`). */
export function plainKubectlValue(document: Document.Parsed): JsonValue | undefined {
  return plainKubectlValueOf(document)?.value;
}

function plainKubectlValueOf(document: Document.Parsed): { value: JsonValue; numbersAsPrinted: boolean } | undefined {
  if (document.contents === null) return undefined;
  otherNumbers = 0;
  try {
    const value = plainValue(document.contents, 0);
    return { value, numbersAsPrinted: otherNumbers === 0 };
  } catch (e) {
    if (e === notPlain) return undefined;
    throw e;
  }
}

/** encoding/json's value of a JSON document the `yaml` package has parsed (strings are double-quoted, the rest plain). */
function jsonValueOf(node: unknown, depth = 0): JsonValue {
  if (depth > MAX_NESTING) {
    const range = (node as Node).range ?? [0, 0];
    throw new NestingError(range[0], range[1]);
  }
  if (isMap(node)) {
    const object = newJsonObject();
    for (const pair of node.items) object[wellFormed(String((pair.key as Scalar).source ?? (pair.key as Scalar).value))] = jsonValueOf(pair.value, depth + 1);
    return object;
  }
  if (isSeq(node)) return node.items.map((item) => jsonValueOf(item, depth + 1));
  if (isScalar(node)) {
    if (node.type === 'QUOTE_DOUBLE') return wellFormed(String(node.source ?? node.value));
    const text = String(node.source ?? node.value);
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    return new JsonNumber(text);
  }
  return null;
}

/**
 * kubectl's value of a parsed document: for YAML, what sigs.k8s.io/yaml's
 * YAMLToJSON gives (numbers as Go prints them, before kubectl reads them as
 * int64 or float64); for JSON, the value as written.
 */
export function kubectlValue(document: Document.Parsed, syntax: Syntax): ValueResult {
  try {
    if (syntax === 'json') return { ok: true, value: document.contents === null ? null : jsonValueOf(document.contents) };
    const plain = plainKubectlValueOf(document);
    return plain ? { ok: true, value: plain.value, numbersAsPrinted: plain.numbersAsPrinted } : { ok: true, value: decodeGoNode(goNodeOf(document)) };
  } catch (e) {
    if (e instanceof NestingError)
      return { ok: false, error: { message: `Pod Lens does not follow a document ${e.message}`, start: e.start, end: e.end, tooDeep: true } };
    if (e instanceof UnknownAnchor) return { ok: false, error: { message: `yaml: unknown anchor '${e.name}' referenced`, start: e.start, end: e.end } };
    if (e instanceof GoYamlError) {
      const start = e.position;
      return { ok: false, error: { message: e.goMessage, start, end: Math.max(start, e.endPosition) } };
    }
    throw e;
  }
}
