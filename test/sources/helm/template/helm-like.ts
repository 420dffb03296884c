/**
 * Test support written against the engine's public interface, the way the
 * chart pipeline and the sprig/Helm functions will use it: a values file
 * decoded as Helm decodes it (numbers are float64) with each entry's location
 * recorded in a ValueLocations table, and a few functions that declare how
 * their result maps to their arguments.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Segment } from '../../../../server/src/sources/source-map';
import {
  defineFunc,
  GoError,
  indentMapped,
  isPlace,
  MappedBuilder,
  removeNoValue,
  sliceMapped,
  toMapped,
  traced,
  trimMapped,
  types,
  type ValueLocations,
  type FuncMap,
  type GoObject,
  type GoScalar,
  type GoValue,
  type MappedString,
  type Origin,
} from '../../../../server/src/sources/helm/template/index';
import { formatValue } from '../../../../server/src/sources/helm/template/fmt';

/** A values file decoded as Helm does (YAML → JSON: numbers are float64), with every entry's location. */
export function valuesFromYaml(text: string, file: string, locations: ValueLocations): GoObject {
  const doc = parseDocument(text);
  const place = (node: YamlNode | null | undefined): Origin | undefined =>
    node?.range ? { file, start: node.range[0], end: node.range[1], origin: isScalar(node) ? 'value' : 'computed' } : undefined;
  const convert = (node: YamlNode | null | undefined): GoValue => {
    if (!node) return null;
    if (isMap(node)) {
      const out: GoObject = {};
      for (const pair of node.items) {
        const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
        out[key] = convert(pair.value as YamlNode);
        const value = place(pair.value as YamlNode);
        if (value) locations.set(out, key, { value, key: place(pair.key as YamlNode) });
      }
      return out;
    }
    if (isSeq(node)) {
      const out: GoValue[] = [];
      node.items.forEach((item, i) => {
        out.push(convert(item as YamlNode));
        const value = place(item as YamlNode);
        if (value) locations.set(out, i, { value });
      });
      return out;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
      return null;
    }
    return null;
  };
  // An empty values file is an empty map.
  return (convert(doc.contents as YamlNode) ?? {}) as GoObject;
}

function stringOf(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : formatValue(v);
}

const any = types.any;
const str = types.string;

/** A few functions written as the sprig/Helm helper will write them, declaring their origins. */
export function helmLikeFuncs(): FuncMap {
  return {
    // The result is one of the arguments: its origin goes with it.
    default: defineFunc(
      { params: [any], variadic: any, results: [any] },
      ([d, ...given]) => {
        const v = given[0];
        const empty = v === null || v === undefined || v === '' || v === false || v === 0;
        return empty ? d : v;
      },
      'passthrough',
    ),
    // A reformatting of one value: the whole result maps where the value came from.
    quote: defineFunc({ params: [], variadic: any, results: [str] }, (args, ctx) => {
      const builder = new MappedBuilder();
      args.forEach((arg, i) => {
        if (arg === null || arg === undefined) return;
        if (builder.size > 0) builder.add(' ');
        const text = stringOf(arg);
        const origin = ctx.argOrigin(i);
        if (origin && !isPlace(origin)) builder.add('"').addMapped(toMapped(text, origin)).add('"');
        else builder.add(JSON.stringify(text), origin && isPlace(origin) ? { ...origin, origin: 'value' } : undefined);
      });
      const out = builder.build();
      return traced(out.text, out.segments);
    }),
    // Strings through indent keep their pieces.
    nindent: defineFunc({ params: [types.int, str], results: [str] }, ([n, s], ctx) => {
      const mapped = indentMapped(toMapped(s as string, ctx.argOrigin(1)), ' '.repeat(Number((n as GoScalar).value)));
      const out = new MappedBuilder().add('\n').addMapped(mapped).build();
      return traced(out.text, out.segments);
    }),
    trim: defineFunc({ params: [str], results: [str] }, ([s], ctx) => {
      const out = trimMapped(toMapped(s as string, ctx.argOrigin(0)), (c) => /\s/.test(c));
      return traced(out.text, out.segments);
    }),
    upper: defineFunc({ params: [str], results: [str] }, ([s]) => (s as string).toUpperCase()),
    include: defineFunc({ params: [str, any], results: [str, types.error] }, ([name, data], ctx) => {
      const out = ctx.renderer.executeTemplate(name as string, data as GoValue, ctx.argOrigin(1));
      return traced(out.text, out.segments);
    }),
    tpl: defineFunc({ params: [str, any], results: [str, types.error] }, ([text, data], ctx) => {
      let out: MappedString;
      try {
        out = ctx.renderer.parseAndExecute('gotpl', text as string, ctx.argOrigin(0), data as GoValue, ctx.argOrigin(1));
      } catch (error) {
        if (error instanceof GoError)
          throw new GoError(`error during tpl function execution for ${JSON.stringify(text)}: ${error.message}`, error.templateError);
        throw error;
      }
      out = removeNoValue(out);
      return traced(out.text, out.segments);
    }),
  };
}

/** The piece of a mapped string's segments covering `[start, end)`, for assertions. */
export function segmentsIn(mapped: MappedString, start: number, end: number): readonly Segment[] {
  return sliceMapped(mapped, start, end).segments;
}
