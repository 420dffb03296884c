import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { JsonConversionError, jsonTokenFor, resolvePlainYamlScalar, type YamlValue } from '../yaml/kubectl-json';
import { deref, getPair, spanOf, type Span } from '../yaml-nodes';

/**
 * One field of an API object, as written and as the API server decodes it.
 *
 * kubectl turns the YAML into JSON (go-yaml v2 resolution, `yaml/kubectl-json`)
 * and the API server decodes each field into its Go type. A field's `value` is
 * that decoded value; everything a check or a fix needs about the text (the
 * key and value spans, the syntax nodes) comes with it, so that readers never
 * walk the YAML themselves.
 */
export interface Field<T> {
  /** The decoded value; undefined when the key is absent, null, or of the wrong type. */
  readonly value: T | undefined;
  /** The key is in the map (whatever its value). */
  readonly written: boolean;
  /** The value is written but is not of the field's type: the decoder refuses it (strict field checks report it). */
  readonly wrongType: boolean;
  readonly keySpan: Span | null;
  /** The value's span; the key's when the value is empty. */
  readonly valueSpan: Span | null;
  readonly pair: Pair | null;
  /** The value node, aliases resolved. */
  readonly node: Node | null;
}

export type Doc = { contents: unknown } | null | undefined;

const absent: Field<never> = Object.freeze({
  value: undefined,
  written: false,
  wrongType: false,
  keySpan: null,
  valueSpan: null,
  pair: null,
  node: null,
});

export function absentField<T>(): Field<T> {
  return absent;
}

/**
 * A field whose key is in the map. Its spans are made when first read: the
 * model reads every field of every document, and most spans are never asked
 * for (they point findings and hovers).
 */
class WrittenField<T> implements Field<T> {
  readonly written = true;
  #keySpan: Span | null | undefined = undefined;
  #valueSpan: Span | null | undefined = undefined;

  constructor(
    readonly value: T | undefined,
    readonly wrongType: boolean,
    readonly pair: Pair,
    readonly node: Node | null,
  ) {}

  get keySpan(): Span | null {
    if (this.#keySpan === undefined) this.#keySpan = spanOf(this.pair.key as Node);
    return this.#keySpan;
  }

  get valueSpan(): Span | null {
    if (this.#valueSpan === undefined) this.#valueSpan = spanOf(this.node) ?? this.keySpan;
    return this.#valueSpan;
  }
}

/** A field whose decoded value comes from `decode` (undefined for null, `wrongType` for a refused value). */
function field<T>(map: YAMLMap | null, key: string, document: Doc, decode: (node: Node) => T | typeof WRONG | undefined): Field<T> {
  const pair = getPair(map, key, document);
  if (!pair) return absent;
  const node = deref(pair.value, document) ?? null;
  if (node === null || isNullScalar(node)) return new WrittenField<T>(undefined, false, pair, node);
  const decoded = decode(node);
  if (decoded === WRONG) return new WrittenField<T>(undefined, true, pair, node);
  return new WrittenField<T>(decoded, false, pair, node);
}

const WRONG = Symbol('wrong type');

function isNullScalar(node: Node): boolean {
  return isScalar(node) && jsonValueOf(node).kind === 'null';
}

/**
 * What a scalar becomes in kubectl's JSON: quoted and block scalars and `!!str` are
 * strings; a plain scalar is resolved as go-yaml v2 resolves it.
 */
export function jsonValueOf(node: Scalar): YamlValue {
  const type = node.type;
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str' || tag === 'tag:yaml.org,2002:binary') return { kind: 'string', value: String(node.value ?? '') };
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' || type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    return { kind: 'string', value: String(node.value ?? '') };
  }
  if (typeof node.source === 'string') return resolvePlainYamlScalar(node.source);
  const value = node.value;
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'bigint') return { kind: 'int', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { kind: 'int', value: BigInt(value) } : { kind: 'float', value };
  return resolvePlainYamlScalar(String(value));
}

/** A Go string field. */
export function stringField(map: YAMLMap | null, key: string, document: Doc): Field<string> {
  return field(map, key, document, (node) => {
    if (!isScalar(node)) return WRONG;
    const value = jsonValueOf(node);
    return value.kind === 'string' ? value.value : WRONG;
  });
}

/** A Go bool field. */
export function boolField(map: YAMLMap | null, key: string, document: Doc): Field<boolean> {
  return field(map, key, document, (node) => {
    if (!isScalar(node)) return WRONG;
    const value = jsonValueOf(node);
    return value.kind === 'bool' ? value.value : WRONG;
  });
}

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/**
 * A Go int32 or int64 field: the JSON token must be an integer in range (kubectl's
 * round trip turns an integral float such as `10.0` or `1e3` into one).
 */
export function integerField(map: YAMLMap | null, key: string, document: Doc, bits: 32 | 64 = 32): Field<number> {
  return field(map, key, document, bits === 32 ? decodeInt32 : decodeInt64);
}

const INTEGER_TOKEN = /^-?[0-9]+$/;

function integerDecoder(range: { min: bigint; max: bigint }): (node: Node) => number | typeof WRONG {
  return (node) => {
    if (!isScalar(node)) return WRONG;
    const token = jsonTokenFor(jsonValueOf(node));
    if (token instanceof JsonConversionError || !INTEGER_TOKEN.test(token)) return WRONG;
    const value = BigInt(token);
    return value < range.min || value > range.max ? WRONG : Number(value);
  };
}

const decodeInt32 = integerDecoder(INT32);
const decodeInt64 = integerDecoder(INT64);

/** A nested object field (a Go struct or pointer to one). */
export function mapField(map: YAMLMap | null, key: string, document: Doc): Field<YAMLMap> {
  return field(map, key, document, (node) => (isMap(node) ? node : WRONG));
}

/** A list field. */
export function listField(map: YAMLMap | null, key: string, document: Doc): Field<YAMLSeq> {
  return field(map, key, document, (node) => (isSeq(node) ? node : WRONG));
}

/** A `[]string` field: the strings in order, with the node of each (a non-string item makes the whole field wrong). */
export function stringListField(map: YAMLMap | null, key: string, document: Doc): Field<WrittenString[]> {
  return field(map, key, document, (node) => {
    if (!isSeq(node)) return WRONG;
    const items: WrittenString[] = [];
    for (const item of node.items) {
      const value = deref(item, document);
      if (!value || !isScalar(value)) return WRONG;
      const json = jsonValueOf(value);
      if (json.kind !== 'string') return WRONG;
      items.push({ value: json.value, node: value, span: spanOf(value) });
    }
    return items;
  });
}

/** A string with the scalar it was written as. */
export interface WrittenString {
  value: string;
  node: Scalar;
  span: Span | null;
}

/** The items of a list field that are maps, with their index (other items are the decoder's business). */
export function mapItems(list: Field<YAMLSeq>, document: Doc): { index: number; map: YAMLMap; span: Span | null }[] {
  const seq = list.value;
  if (!seq) return [];
  const items: { index: number; map: YAMLMap; span: Span | null }[] = [];
  seq.items.forEach((item, index) => {
    const node = deref(item, document);
    if (isMap(node)) items.push({ index, map: node, span: spanOf(node) });
  });
  return items;
}
