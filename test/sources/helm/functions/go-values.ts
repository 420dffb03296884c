/**
 * Go values as the test-data converters write them (see
 * test/data/helm/functions/convert-sprig-tests.mjs), decoded into the
 * engine's value model.
 */
import {
  goMap,
  goPointer,
  GoSlice,
  mapOf,
  sliceOf,
  typedScalar,
  types,
  arrayOf,
  type GoType,
  type GoValue,
  type GoObject,
} from '../../../../server/src/sources/helm/template/index';

export type Encoded = null | boolean | string | { $: string; v?: unknown; items?: Encoded[]; entries?: [Encoded, Encoded][] };

const basic: Record<string, GoType> = {
  int: types.int,
  int8: types.int8,
  int16: types.int16,
  int32: types.int32,
  int64: types.int64,
  uint: types.uint,
  uint8: types.uint8,
  byte: types.uint8,
  uint16: types.uint16,
  uint32: types.uint32,
  uint64: types.uint64,
  float32: types.float32,
  float64: types.float64,
  string: types.string,
  bool: types.bool,
  'interface {}': types.any,
  rune: types.int32,
};

/** A Go type written as Go source (`[]string`, `map[string]interface {}`, `[3]int`). */
export function parseType(text: string): GoType {
  if (basic[text]) return basic[text];
  if (text.startsWith('[]')) return sliceOf(parseType(text.slice(2)));
  const array = /^\[(\d+)\](.*)$/.exec(text);
  if (array) return arrayOf(Number(array[1]), parseType(array[2]));
  if (text.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < text.length; i++) {
      if (text[i] === '[') depth++;
      if (text[i] === ']' && --depth === 0) return mapOf(parseType(text.slice(4, i)), parseType(text.slice(i + 1)));
    }
  }
  throw new Error(`unknown Go type ${text}`);
}

function scalar(type: GoType, literal: string): GoValue {
  if (type === types.float64) return Number(literal);
  if (type === types.float32) return typedScalar(type, Number(literal));
  if (type === types.string) return literal;
  if (type === types.any) return /[.eE]/.test(literal) ? Number(literal) : typedScalar(types.int, BigInt(literal));
  return typedScalar(type, BigInt(literal));
}

export function decode(e: Encoded): GoValue {
  if (e === null || typeof e !== 'object') return e;
  if (e.$ === '&') return goPointer(decode(e.v as Encoded));
  if (e.$ === '?') throw new Error('unresolved value');
  const type = parseType(e.$);
  if (e.items) {
    const items = e.items.map(decode);
    if (type === sliceOf(types.any)) return items;
    return new GoSlice(
      type,
      items.map((item) => convertTo(item, type.elem as GoType)),
    );
  }
  if (e.entries) {
    if (type === mapOf(types.string, types.any)) {
      const out: GoObject = {};
      for (const [k, v] of e.entries) out[decode(k) as string] = decode(v);
      return out;
    }
    return goMap(
      type.key as GoType,
      type.elem as GoType,
      e.entries.map(([k, v]) => [convertTo(decode(k), type.key as GoType), convertTo(decode(v), type.elem as GoType)] as const),
      type,
    );
  }
  return scalar(type, String(e.v));
}

function convertTo(v: GoValue, type: GoType): GoValue {
  if (type === types.any) return v;
  return v;
}
