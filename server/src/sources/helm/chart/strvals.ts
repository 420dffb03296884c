/**
 * `--set`, `--set-string`, `--set-json` and `--set-file` as Helm parses them
 * (pkg/strvals): dotted keys, `a[0]=` list indexes, `{a,b}` lists, `\` escapes,
 * and typed values (`true`, `null`, int64) for `--set`.
 *
 * Every value remembers where it was written: `file` is the pseudo-file that
 * names the argument (e.g. `--set[0]`), offsets are UTF-16 offsets in it.
 */
import { decodeYaml } from './yaml-decode';
import { deepCopy, fromPlain, type GoScalar, type HelmMap, type HelmValue, newList, newMap, scalar, type ValueOrigin } from './values';

export type SetMode = 'set' | 'string' | 'json' | 'file';

/** Reads a `--set-file` path: the file's text and the file name its origin should carry, or an error message. */
export type SetFileReader = (path: string) => { text: string; file: string } | { error: string };

const maxIndex = 65536;
const maxNestedNameLevel = 30;

class EndOfInput {}
const EOF = new EndOfInput();
class NotAList {}
const NOT_A_LIST = new NotAList();

type Failure = EndOfInput | NotAList | Error;

/** A Go panic turned into an error by `recover()` in the key parser. */
class GoPanic extends Error {}

interface Runes {
  runes: string;
  last: string;
  failure?: EndOfInput;
  start: number;
  end: number;
}

function goTypeName(value: HelmValue | undefined): string {
  if (!value) return 'nil';
  if (value.kind === 'map') return 'map[string]interface {}';
  if (value.kind === 'list') return '[]interface {}';
  const v = value.value;
  if (v === null) return 'nil';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** strvals' typedVal: booleans, null and int64 are recognised, anything else stays a string. */
export function typedValue(text: string, asString: boolean): GoScalar {
  if (asString) return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0n;
  if (text.length > 0 && text[0] !== '0' && /^[+-]?[0-9]+$/.test(text)) {
    const value = BigInt(text);
    if (value >= -(1n << 63n) && value < 1n << 63n) return value;
  }
  return text;
}

class Parser {
  private position = 0;
  private chainStart = 0;

  constructor(
    private readonly text: string,
    private readonly data: HelmMap,
    private readonly mode: SetMode,
    private readonly file: string,
    private readonly readFile?: SetFileReader,
  ) {}

  parse(): Error | undefined {
    for (;;) {
      this.chainStart = this.position;
      const failure = this.key(this.data, 0);
      if (failure === undefined) continue;
      if (failure === EOF) return undefined;
      return failure instanceof Error ? failure : new Error(String(failure));
    }
  }

  private readRune(): string | undefined {
    if (this.position >= this.text.length) return undefined;
    const code = this.text.codePointAt(this.position) as number;
    const rune = String.fromCodePoint(code);
    this.position += rune.length;
    return rune;
  }

  private unreadRune(rune: string): void {
    this.position -= rune.length;
  }

  private runesUntil(stop: string): Runes {
    let runes = '';
    const start = this.position;
    for (;;) {
      const before = this.position;
      const rune = this.readRune();
      if (rune === undefined) return { runes, last: '', failure: EOF, start, end: before };
      if (stop.includes(rune)) return { runes, last: rune, start, end: before };
      if (rune === '\\') {
        const next = this.readRune();
        if (next === undefined) return { runes, last: '', failure: EOF, start, end: this.position };
        runes += next;
      } else runes += rune;
    }
  }

  private origin(start: number, end: number, keyEnd?: number): ValueOrigin {
    const origin: ValueOrigin = { file: this.file, start, end };
    if (keyEnd !== undefined) {
      origin.keyStart = this.chainStart;
      origin.keyEnd = keyEnd;
    }
    return origin;
  }

  private key(data: HelmMap, nestedNameLevel: number): Failure | undefined {
    try {
      return this.keyUnsafe(data, nestedNameLevel);
    } catch (error) {
      if (error instanceof GoPanic) return new Error(`unable to parse key: ${error.message}`);
      throw error;
    }
  }

  private keyUnsafe(data: HelmMap, nestedNameLevel: number): Failure | undefined {
    const { runes: key, last, failure, end: keyEnd } = this.runesUntil('=[,.');
    if (failure) {
      if (key.length === 0) return failure;
      return new Error(`key ${goQuote(key)} has no value`);
    }
    switch (last) {
      case '[': {
        const index = this.keyIndex();
        if (index instanceof Error) return new Error(`error parsing index: ${index.message}`);
        if (index === EOF) return EOF;
        let list: HelmValue[] = [];
        const existing = data.entries.get(key);
        if (existing !== undefined) {
          if (existing.kind !== 'list') throw new GoPanic(`interface conversion: interface {} is ${goTypeName(existing)}, not []interface {}`);
          list = existing.items;
        }
        const result = this.listItem(list, index as number, nestedNameLevel, keyEnd);
        setKey(data, key, newList(result.list, existing?.origin ?? this.origin(this.chainStart, keyEnd)));
        return result.failure;
      }
      case '=': {
        if (this.mode === 'json') {
          const json = this.jsonValue(keyEnd);
          if (json.failure) return json.failure;
          setKey(data, key, json.value as HelmValue);
          return json.after;
        }
        const listStart = this.position;
        const values = this.valueList(keyEnd);
        if (values.failure === undefined) {
          setKey(data, key, newList(values.list, this.origin(listStart, this.position, keyEnd)));
          return undefined;
        }
        if (values.failure === EOF) {
          setKey(data, key, scalar('', this.origin(listStart, listStart, keyEnd)));
          return EOF;
        }
        if (values.failure === NOT_A_LIST) {
          const value = this.runesUntil(',');
          const read = this.read(value, keyEnd);
          if ('failure' in read) return read.failure;
          setKey(data, key, read.value);
          return undefined;
        }
        return values.failure;
      }
      case ',':
        setKey(data, key, scalar('', this.origin(keyEnd, keyEnd, keyEnd)));
        return new Error(`key ${goQuote(key)} has no value (cannot end with ,)`);
      case '.': {
        nestedNameLevel++;
        if (nestedNameLevel > maxNestedNameLevel) {
          return new Error(`value name nested level is greater than maximum supported nested level of ${maxNestedNameLevel}`);
        }
        let inner = newMap();
        const existing = data.entries.get(key);
        if (existing !== undefined) {
          if (existing.kind !== 'map') throw new GoPanic(`interface conversion: interface {} is ${goTypeName(existing)}, not map[string]interface {}`);
          inner = existing;
        }
        const failure = this.key(inner, nestedNameLevel);
        if (failure === undefined && inner.entries.size === 0) return new Error(`key map ${goQuote(key)} has no value`);
        if (inner.entries.size !== 0) {
          if (!inner.origin) inner.origin = this.origin(this.chainStart, keyEnd, keyEnd);
          setKey(data, key, inner);
        }
        return failure;
      }
    }
    return undefined;
  }

  private keyIndex(): number | Error | EndOfInput {
    const { runes, failure } = this.runesUntil(']');
    if (failure) return failure;
    if (!/^[+-]?[0-9]+$/.test(runes)) return new Error(`strconv.Atoi: parsing ${goQuote(runes)}: invalid syntax`);
    const value = Number(runes);
    if (!Number.isSafeInteger(value)) return new Error(`strconv.Atoi: parsing ${goQuote(runes)}: value out of range`);
    return value;
  }

  private listItem(list: HelmValue[], index: number, nestedNameLevel: number, keyEnd: number): { list: HelmValue[]; failure?: Failure } {
    if (index < 0) return { list, failure: new Error(`negative ${index} index not allowed`) };
    const { runes, last, failure, end } = this.runesUntil('[.=');
    if (runes.length > 0) return { list, failure: new Error(`unexpected data at end of array index: ${goQuote(runes)}`) };
    if (failure) return { list, failure };
    switch (last) {
      case '=': {
        if (this.mode === 'json') {
          const json = this.jsonValue(end);
          if (json.failure) return { list, failure: json.failure };
          const set = setIndex(list, index, json.value as HelmValue);
          if (set.failure) return set;
          return { list: set.list, failure: json.after };
        }
        const listStart = this.position;
        const values = this.valueList(end);
        if (values.failure === undefined) return setIndex(list, index, newList(values.list, this.origin(listStart, this.position, end)));
        if (values.failure === EOF) return setIndex(list, index, scalar('', this.origin(listStart, listStart, end)));
        if (values.failure === NOT_A_LIST) {
          const value = this.runesUntil(',');
          const read = this.read(value, end);
          if ('failure' in read) return { list, failure: read.failure };
          return setIndex(list, index, read.value);
        }
        return { list, failure: values.failure };
      }
      case '[': {
        const next = this.keyIndex();
        if (next instanceof Error) return { list, failure: new Error(`error parsing index: ${next.message}`) };
        if (next === EOF) return { list, failure: EOF };
        let current: HelmValue[] = [];
        const existing = list.length > index ? list[index] : undefined;
        if (existing !== undefined && !(existing.kind === 'scalar' && existing.value === null)) {
          if (existing.kind !== 'list') throw new GoPanic(`interface conversion: interface {} is ${goTypeName(existing)}, not []interface {}`);
          current = existing.items;
        }
        const inner = this.listItem(current, next as number, nestedNameLevel, keyEnd);
        if (inner.failure) return { list, failure: inner.failure };
        return setIndex(list, index, newList(inner.list, this.origin(this.chainStart, end)));
      }
      case '.': {
        let inner = newMap(undefined, this.origin(this.chainStart, end));
        if (list.length > index) {
          const existing = list[index];
          if (existing.kind === 'map') inner = existing;
          else list[index] = inner;
        }
        const failure = this.key(inner, nestedNameLevel);
        if (failure) return { list, failure };
        return setIndex(list, index, inner);
      }
    }
    return { list: [], failure: new Error(`parse error: unexpected token ${last.codePointAt(0) ?? 0}`) };
  }

  /** A `{a,b,c}` list, or NOT_A_LIST when the value does not start with `{`. */
  private valueList(keyEnd: number): { list: HelmValue[]; failure?: Failure } {
    const first = this.readRune();
    if (first === undefined) return { list: [], failure: EOF };
    if (first !== '{') {
      this.unreadRune(first);
      return { list: [], failure: NOT_A_LIST };
    }
    const list: HelmValue[] = [];
    for (;;) {
      const item = this.runesUntil(',}');
      if (item.failure) return { list, failure: new Error("list must terminate with '}'") };
      if (item.last === '}') {
        const next = this.readRune();
        if (next !== undefined && next !== ',') this.unreadRune(next);
        const read = this.read(item, keyEnd);
        if ('failure' in read) return { list, failure: read.failure };
        list.push(read.value);
        return { list };
      }
      const read = this.read(item, keyEnd);
      if ('failure' in read) return { list, failure: read.failure };
      list.push(read.value);
    }
  }

  /** The parser's reader: a typed or string scalar, or (`--set-file`) the named file's text. */
  private read(value: Runes, keyEnd: number): { value: HelmValue } | { failure: Failure } {
    if (this.mode === 'file') {
      const result = this.readFile ? this.readFile(value.runes) : { error: `open ${value.runes}: no such file or directory` };
      if ('error' in result) return { failure: new Error(result.error) };
      return { value: scalar(result.text, { file: result.file, start: 0, end: result.text.length }) };
    }
    return { value: scalar(typedValue(value.runes, this.mode === 'string'), this.origin(value.start, value.end, keyEnd)) };
  }

  /** `--set-json`: one JSON value after `=`, then an optional `,`. */
  private jsonValue(keyEnd: number): { value?: HelmValue; failure?: Failure; after?: Failure } {
    if (this.emptyValue()) return { value: scalar(null, this.origin(this.position, this.position, keyEnd)) };
    const start = this.position;
    const end = scanJsonValue(this.text, start);
    let parsed: unknown;
    try {
      if (end < 0) throw new Error('unexpected end of JSON input');
      parsed = JSON.parse(this.text.slice(start, end));
    } catch (error) {
      return { failure: new Error((error as Error).message) };
    }
    this.position = end;
    const value = jsonWithOrigins(this.text.slice(start, end), parsed, this.origin(start, end, keyEnd), start);
    this.emptyValue();
    return { value };
  }

  /** Skips spaces; true at the end of input or after a `,`. */
  private emptyValue(): boolean {
    for (;;) {
      const rune = this.readRune();
      if (rune === undefined || rune === ',') return true;
      if (!/\s/u.test(rune)) {
        this.unreadRune(rune);
        return false;
      }
    }
  }
}

function setKey(data: HelmMap, key: string, value: HelmValue): void {
  if (key.length === 0) return;
  data.entries.set(key, value);
}

function setIndex(list: HelmValue[], index: number, value: HelmValue): { list: HelmValue[]; failure?: Failure } {
  if (index < 0) return { list, failure: new Error(`negative ${index} index not allowed`) };
  if (index > maxIndex) return { list, failure: new Error(`index of ${index} is greater than maximum supported index of ${maxIndex}`) };
  while (list.length <= index) list.push(scalar(null));
  list[index] = value;
  return { list };
}

/** The end offset of the JSON value starting at `start` (after leading spaces), or -1. */
function scanJsonValue(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i])) i++;
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    } else if (depth === 0 && /[\s,]/.test(c)) return i;
  }
  return depth === 0 && !inString ? text.length : -1;
}

/** The JSON value with an origin for every scalar where the YAML reading agrees with JSON's. */
function jsonWithOrigins(json: string, parsed: unknown, whole: ValueOrigin, offset: number): HelmValue {
  const decoded = decodeYaml(json, whole.file);
  if (!decoded.error && decoded.value && JSON.stringify(plainOf(decoded.value)) === JSON.stringify(parsed)) {
    const shifted = shift(decoded.value, offset);
    shifted.origin = whole;
    return shifted;
  }
  return fromPlain(parsed, whole);
}

function plainOf(value: HelmValue): unknown {
  if (value.kind === 'map') return Object.fromEntries([...value.entries].map(([k, v]) => [k, plainOf(v)]));
  if (value.kind === 'list') return value.items.map(plainOf);
  return value.value;
}

function shift(value: HelmValue, offset: number): HelmValue {
  const copy = deepCopy(value);
  const visit = (node: HelmValue): void => {
    if (node.origin) {
      const origin = { ...node.origin, start: node.origin.start + offset, end: node.origin.end + offset };
      if (origin.keyStart !== undefined) origin.keyStart += offset;
      if (origin.keyEnd !== undefined) origin.keyEnd += offset;
      node.origin = origin;
    }
    if (node.kind === 'map') node.entries.forEach(visit);
    else if (node.kind === 'list') node.items.forEach(visit);
  };
  visit(copy);
  return copy;
}

/**
 * Parses one `--set`-style argument into `dest` (strvals.ParseInto and its
 * siblings). Returns strvals' error, unwrapped, or undefined.
 */
export function parseSetInto(text: string, dest: HelmMap, mode: SetMode, file: string, readFile?: SetFileReader): Error | undefined {
  return new Parser(text, dest, mode, file, readFile).parse();
}

/** strvals.Parse for a whole argument: a fresh map. */
export function parseSet(text: string, mode: SetMode = 'set', file = '--set'): { values: HelmMap; error?: Error } {
  const values = newMap();
  const error = parseSetInto(text, values, mode, file);
  return error ? { values, error } : { values };
}
