/**
 * The functions Helm adds to sprig's (pkg/engine/funcs.go and engine.go):
 * include, tpl, required, fail, lookup, toYaml and friends. `include` and
 * `tpl` run through the template engine's renderer, with Helm's recursion
 * limit and error wrapping.
 */
import { type CallContext, defineFunc, type FuncMap, GoError, traced } from '../template/funcs';
import { isPlace, type MappedString, removeNoValue } from '../template/origin';
import { type Segment } from '../../source-map';
import { mapOf, sliceOf, types } from '../template/types';
import { type GoObject, type GoValue } from '../template/values';
import { encodeJson, encodeYaml, JsonError, parseJson, parseYaml, toJsonNode } from './go-encoding';
import { encodeToml, parseToml } from './toml';

const warnStart = 'HELM_ERR_START';
const warnEnd = 'HELM_ERR_END';
const recursionMaxNums = 1000;

/** strconv.Quote: Go's double-quoted string with Go's escapes. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    switch (char) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else if ((code >= 0x80 && code < 0xa0) || code === 0xad || code === 0xfeff || (code >= 0xd800 && code < 0xe000)) {
      out += code <= 0xffff ? '\\u' + code.toString(16).padStart(4, '0') : '\\U' + code.toString(16).padStart(8, '0');
    } else out += char;
  }
  return out + '"';
}

function mappedResult(mapped: MappedString): ReturnType<typeof traced> {
  return traced(mapped.text, mapped.segments as Segment[]);
}

function trimTrailingNewline(mapped: MappedString): MappedString {
  if (!mapped.text.endsWith('\n')) return mapped;
  const text = mapped.text.slice(0, -1);
  const segments = mapped.segments.filter((s) => s.outStart < text.length).map((s) => (s.outEnd > text.length ? { ...s, outEnd: text.length } : s));
  return { text, segments };
}

function includeCounts(context: CallContext): Map<string, number> {
  let counts = context.scratch.get(includeCounts) as Map<string, number> | undefined;
  if (!counts) {
    counts = new Map();
    context.scratch.set(includeCounts, counts);
  }
  return counts;
}

/** The functions of Helm's engine, to be laid over sprig's. `rootName` is the template set's root (Helm: `gotpl`). */
export function helmFunctions(rootName = 'gotpl'): FuncMap {
  return {
    include: defineFunc({ params: [types.string, types.any], results: [types.string, types.error] }, ([name, data], context) => {
      const counts = includeCounts(context);
      const templateName = name as string;
      const count = counts.get(templateName);
      if (count !== undefined && count > recursionMaxNums) {
        throw new GoError(`rendering template has a nested reference name: ${templateName}: unable to execute template`);
      }
      counts.set(templateName, (count ?? 0) + 1);
      try {
        return mappedResult(context.renderer.executeTemplate(templateName, data ?? null, context.argOrigin(1)));
      } catch (error) {
        // Helm stops a recursion after 1000 nested includes; the JavaScript stack may end it sooner.
        if (!(error instanceof GoError) && (count ?? 0) > 50) {
          throw new GoError(`rendering template has a nested reference name: ${templateName}: unable to execute template`);
        }
        throw error;
      } finally {
        counts.set(templateName, counts.get(templateName)! - 1);
      }
    }),
    tpl: defineFunc({ params: [types.string, types.any], results: [types.string, types.error] }, ([text, data], context) => {
      const source = text as string;
      // A string read verbatim from a values file is that file's text: its literal parts map back character for character.
      let textOrigin = context.argOrigin(0);
      if (isPlace(textOrigin) && textOrigin.origin === 'value' && textOrigin.end - textOrigin.start === source.length)
        textOrigin = { ...textOrigin, origin: 'text' };
      try {
        const output = context.renderer.parseAndExecute(rootName, source, textOrigin, data ?? null, context.argOrigin(1));
        return mappedResult(removeNoValue(output));
      } catch (error) {
        if (!(error instanceof GoError)) throw error;
        const kind = error.templateError?.kind;
        const prefix = kind === 'parse' ? `cannot parse template ${goQuote(source)}` : `error during tpl function execution for ${goQuote(source)}`;
        throw new GoError(`${prefix}: ${error.message}`, error.templateError);
      }
    }),
    required: defineFunc(
      { params: [types.string, types.any], results: [types.any, types.error] },
      ([warn, value]) => {
        if (value === null || value === undefined || value === '') throw new GoError(`${warnStart}${warn as string}${warnEnd}`);
        return value;
      },
      'passthrough',
    ),
    fail: defineFunc({ params: [types.string], results: [types.string, types.error] }, ([message]) => {
      throw new GoError(`${warnStart}${message as string}${warnEnd}`);
    }),
    lookup: defineFunc({ params: [types.string, types.string, types.string, types.string], results: [mapOf(types.string, types.any), types.error] }, () => {
      const empty: GoObject = Object.create(null);
      return empty;
    }),
    getHostByName: defineFunc({ params: [types.string], results: [types.string] }, () => ''),
    toYaml: defineFunc({ params: [types.any], results: [types.string] }, ([value], context) => {
      try {
        return mappedResult(trimTrailingNewline(encodeYaml(toJsonNode(value, context.argOrigin(0), context.locations))));
      } catch (error) {
        if (error instanceof JsonError) return '';
        throw error;
      }
    }),
    toYamlPretty: defineFunc({ params: [types.any], results: [types.string] }, ([value], context) => {
      try {
        return mappedResult(trimTrailingNewline(encodeYaml(toJsonNode(value, context.argOrigin(0), context.locations), true)));
      } catch (error) {
        if (error instanceof JsonError) return '';
        throw error;
      }
    }),
    toJson: defineFunc({ params: [types.any], results: [types.string] }, ([value], context) => {
      try {
        return mappedResult(encodeJson(toJsonNode(value, context.argOrigin(0), context.locations)));
      } catch (error) {
        if (error instanceof JsonError) return '';
        throw error;
      }
    }),
    fromYaml: defineFunc({ params: [types.string], results: [mapOf(types.string, types.any)] }, ([text]) => {
      const parsed = parseYaml(text as string);
      return asMap(parsed, 'map[string]interface {}');
    }),
    fromYamlArray: defineFunc({ params: [types.string], results: [sliceOf(types.any)] }, ([text]) => {
      const parsed = parseYaml(text as string);
      return asArray(parsed);
    }),
    fromJson: defineFunc({ params: [types.string], results: [mapOf(types.string, types.any)] }, ([text]) => {
      const parsed = parseJson(text as string);
      return asMap(parsed, 'map[string]interface {}', true);
    }),
    fromJsonArray: defineFunc({ params: [types.string], results: [sliceOf(types.any)] }, ([text]) => {
      const parsed = parseJson(text as string);
      return asArray(parsed, true);
    }),
    toToml: defineFunc({ params: [types.any], results: [types.string] }, ([value]) => encodeToml(value ?? null)),
    fromToml: defineFunc({ params: [types.string], results: [mapOf(types.string, types.any)] }, ([text]) => {
      const parsed = parseToml(text as string);
      if ('error' in parsed) {
        const map: GoObject = Object.create(null);
        map.Error = parsed.error;
        return map;
      }
      return parsed.value;
    }),
  };
}

function jsonKindOf(value: GoValue): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'object';
}

function asMap(parsed: { value: GoValue; error?: undefined } | { error: string }, type: string, json = false): GoObject {
  const map: GoObject = Object.create(null);
  if ('error' in parsed && parsed.error !== undefined) {
    map.Error = parsed.error;
    return map;
  }
  const value = (parsed as { value: GoValue }).value;
  if (value === null) return map;
  if (typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === null) return value as GoObject;
  const prefix = json ? '' : 'error unmarshaling JSON: while decoding JSON: ';
  map.Error = `${prefix}json: cannot unmarshal ${jsonKindOf(value)} into Go value of type ${type}`;
  return map;
}

function asArray(parsed: { value: GoValue; error?: undefined } | { error: string }, json = false): GoValue[] {
  if ('error' in parsed && parsed.error !== undefined) return [parsed.error];
  const value = (parsed as { value: GoValue }).value;
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const prefix = json ? '' : 'error unmarshaling JSON: while decoding JSON: ';
  return [`${prefix}json: cannot unmarshal ${jsonKindOf(value)} into Go value of type []interface {}`];
}
