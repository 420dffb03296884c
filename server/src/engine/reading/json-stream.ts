/**
 * A stream of JSON values as kubectl reads it (encoding/json's Decoder, which
 * YAMLOrJSONDecoder uses when a file's first non-space character is '{'):
 * values one after another, separated by JSON whitespace or by nothing, and
 * the first syntax error stops the stream with Go's message and byte offset.
 */
import { JsonNumber, type JsonObject, type JsonValue, newJsonObject, wellFormed } from './decode';

export interface JsonSpan {
  /** Offsets of the value's text in the file. */
  start: number;
  end: number;
  /** How deep its arrays and objects nest. */
  depth?: number;
}

export interface JsonStreamError {
  /** kubectl's text after "error parsing FILE: ": "json: offset 63: invalid character ',' looking for beginning of value", "unexpected EOF". */
  message: string;
  /** Where the stream fails, in the file. */
  offset: number;
}

export interface JsonStream {
  values: JsonSpan[];
  error: JsonStreamError | null;
}

const MAX_DEPTH = 10000;

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** encoding/json's quoteChar of the offending byte (a non-ASCII character shows as its first UTF-8 byte, read as Latin-1). */
function quoteByte(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return "'\"'";
  const named: Record<number, string> = { 0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x5c: '\\\\' };
  if (named[b]) return `'${named[b]}'`;
  if (b < 0x20 || b === 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  if ((b >= 0x80 && b <= 0xa0) || b === 0xad) return `'\\u${b.toString(16).padStart(4, '0')}'`;
  return `'${String.fromCharCode(b)}'`;
}

/** The first UTF-8 byte of the character at `text[p]` (a lone surrogate is U+FFFD to kubectl). */
function firstUtf8Byte(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c < 0x80) return c;
  if (c < 0x800) return 0xc0 | (c >> 6);
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(p + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 0xf0 | ((((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000) >> 18);
  }
  if (c >= 0xd800 && c <= 0xdfff) return 0xef;
  return 0xe0 | (c >> 12);
}

function utf8Bytes(text: string, p: number): number {
  const c = text.charCodeAt(p);
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
}

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/**
 * Splits a JSON stream the way encoding/json's Decoder reads it: each value's
 * span, and the error that stops it. `start` skips a byte order mark (kubectl's
 * reader removes one at the start of the file).
 */
export function scanJsonStream(text: string, start = 0, end = text.length): JsonStream {
  const values: JsonSpan[] = [];
  let p = start;
  // Go's offsets are bytes since the start of the stream.
  let bytes = 0;
  const advance = () => {
    bytes += utf8Bytes(text, p);
    p++;
  };
  const fail = (context: string): never => {
    const bad = firstUtf8Byte(text, p);
    throw new SyntaxFailure(`json: offset ${bytes + 1}: invalid character ${quoteByte(bad)} ${context}`, p);
  };
  const eof = (): never => {
    throw new SyntaxFailure('unexpected EOF', end);
  };

  const skipSpace = () => {
    while (p < end && isJsonSpace(text.charCodeAt(p))) advance();
  };

  // One value, with encoding/json's states, iteratively (values nest 10000 deep); returns when its last byte is consumed.
  let depth = 0;
  const value = (): void => {
    // Each open container, and whether the next thing in it is a key (objects) or a value.
    const open: number[] = [];
    let context = 'looking for beginning of value';
    for (;;) {
      // A value.
      skipSpace();
      if (p >= end) eof();
      const c = text.charCodeAt(p);
      if (c === 0x7b || c === 0x5b) {
        if (open.length + 1 > MAX_DEPTH) fail('exceeded max depth');
        advance();
        skipSpace();
        if (p >= end) eof();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (text.charCodeAt(p) === close) {
          advance();
        } else {
          open.push(c);
          if (open.length > depth) depth = open.length;
          if (c === 0x7b) key();
          context = 'looking for beginning of value';
          continue;
        }
      } else if (c === 0x22) {
        string();
      } else if (c === 0x74) {
        literal('true');
      } else if (c === 0x66) {
        literal('false');
      } else if (c === 0x6e) {
        literal('null');
      } else if (c === 0x2d || isDigit(c)) {
        number();
      } else {
        fail(context);
      }
      // After a value: a separator, or the end of containers.
      for (;;) {
        if (open.length === 0) return;
        skipSpace();
        if (p >= end) eof();
        const d = text.charCodeAt(p);
        const inObject = open[open.length - 1] === 0x7b;
        if (d === 0x2c) {
          advance();
          if (inObject) key();
          break;
        }
        if (d === (inObject ? 0x7d : 0x5d)) {
          advance();
          open.pop();
          continue;
        }
        fail(inObject ? 'after object key:value pair' : 'after array element');
      }
    }
  };

  /** An object's key and its colon. */
  const key = (): void => {
    skipSpace();
    if (p >= end) eof();
    if (text.charCodeAt(p) !== 0x22) fail('looking for beginning of object key string');
    string();
    skipSpace();
    if (p >= end) eof();
    if (text.charCodeAt(p) !== 0x3a) fail('after object key');
    advance();
  };

  const string = () => {
    advance();
    for (;;) {
      if (p >= end) eof();
      const c = text.charCodeAt(p);
      if (c === 0x22) {
        advance();
        return;
      }
      if (c === 0x5c) {
        advance();
        if (p >= end) eof();
        const e = text.charCodeAt(p);
        if (e === 0x75 /* u */) {
          advance();
          for (let k = 0; k < 4; k++) {
            if (p >= end) eof();
            if (!isHex(text.charCodeAt(p))) fail('in \\u hexadecimal character escape');
            advance();
          }
          continue;
        }
        if (!'bfnrt\\/"'.includes(String.fromCharCode(e))) fail('in string escape code');
        advance();
        continue;
      }
      if (c < 0x20) fail('in string literal');
      advance();
    }
  };

  const literal = (word: string) => {
    advance();
    for (let k = 1; k < word.length; k++) {
      if (p >= end) eof();
      if (text[p] !== word[k]) fail(`in literal ${word} (expecting '${word[k]}')`);
      advance();
    }
  };

  const number = () => {
    if (text.charCodeAt(p) === 0x2d) {
      advance();
      if (p >= end) eof();
      if (!isDigit(text.charCodeAt(p))) fail('in numeric literal');
    }
    if (text.charCodeAt(p) === 0x30) advance();
    else while (p < end && isDigit(text.charCodeAt(p))) advance();
    if (p < end && text.charCodeAt(p) === 0x2e) {
      advance();
      if (p >= end) eof();
      if (!isDigit(text.charCodeAt(p))) fail('after decimal point in numeric literal');
      while (p < end && isDigit(text.charCodeAt(p))) advance();
    }
    if (p < end && (text.charCodeAt(p) === 0x65 || text.charCodeAt(p) === 0x45)) {
      advance();
      if (p < end && (text.charCodeAt(p) === 0x2b || text.charCodeAt(p) === 0x2d)) advance();
      if (p >= end) eof();
      if (!isDigit(text.charCodeAt(p))) fail('in exponent of numeric literal');
      while (p < end && isDigit(text.charCodeAt(p))) advance();
    }
    // A number ends at the next byte; a top-level number followed by anything is complete (the next Decode complains).
  };

  try {
    for (;;) {
      skipSpace();
      if (p >= end) break;
      const valueStart = p;
      depth = 0;
      value();
      values.push({ start: valueStart, end: p, depth });
    }
    return { values, error: null };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { values, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

/**
 * A JSON value (already checked by `scanJsonStream`) as encoding/json decodes
 * it: the last of duplicate keys wins, escapes are decoded (a lone surrogate is
 * U+FFFD), numbers keep their text.
 */
export function parseJsonValue(text: string, start: number, end: number): JsonValue {
  let p = start;
  const space = () => {
    while (p < end && isJsonSpace(text.charCodeAt(p))) p++;
  };
  const str = (): string => {
    p++;
    let out = '';
    let run = p;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 0x22) {
        out += text.slice(run, p);
        p++;
        return out;
      }
      if (c !== 0x5c) {
        p++;
        continue;
      }
      out += text.slice(run, p);
      const e = text[p + 1];
      p += 2;
      if (e === 'u') {
        const unit = parseInt(text.slice(p, p + 4), 16);
        p += 4;
        if (unit >= 0xd800 && unit <= 0xdbff && text[p] === '\\' && text[p + 1] === 'u') {
          const low = parseInt(text.slice(p + 2, p + 6), 16);
          if (low >= 0xdc00 && low <= 0xdfff) {
            out += String.fromCharCode(unit, low);
            p += 6;
            run = p;
            continue;
          }
        }
        out += unit >= 0xd800 && unit <= 0xdfff ? '\ufffd' : String.fromCharCode(unit);
      } else {
        out += ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '\\': '\\', '/': '/', '"': '"' } as Record<string, string>)[e];
      }
      run = p;
    }
  };
  const scalar = (): JsonValue => {
    const c = text.charCodeAt(p);
    if (c === 0x22) return wellFormed(str());
    if (c === 0x74) {
      p += 4;
      return true;
    }
    if (c === 0x66) {
      p += 5;
      return false;
    }
    if (c === 0x6e) {
      p += 4;
      return null;
    }
    const numberStart = p;
    while (p < end && /[-+0-9.eE]/.test(text[p])) p++;
    return new JsonNumber(text.slice(numberStart, p));
  };
  // Iteratively, with the open containers (and an object's pending key) on a stack.
  const stack: { container: JsonValue[] | JsonObject; key: string }[] = [];
  let result: JsonValue = null;
  const put = (v: JsonValue) => {
    const top = stack[stack.length - 1];
    if (!top) result = v;
    else if (Array.isArray(top.container)) top.container.push(v);
    else top.container[top.key] = v;
  };
  const readKey = () => {
    space();
    stack[stack.length - 1].key = wellFormed(str());
    space();
    p++; // ':'
  };
  for (;;) {
    space();
    const c = text.charCodeAt(p);
    if (c === 0x7b || c === 0x5b) {
      p++;
      const container: JsonValue[] | JsonObject = c === 0x7b ? newJsonObject() : [];
      put(container);
      space();
      if (text.charCodeAt(p) === (c === 0x7b ? 0x7d : 0x5d)) {
        p++;
      } else {
        stack.push({ container, key: '' });
        if (c === 0x7b) readKey();
        continue;
      }
    } else {
      put(scalar());
    }
    for (;;) {
      if (stack.length === 0) return result;
      space();
      const d = text.charCodeAt(p++);
      if (d === 0x2c) {
        if (!Array.isArray(stack[stack.length - 1].container)) readKey();
        break;
      }
      stack.pop();
    }
  }
}
