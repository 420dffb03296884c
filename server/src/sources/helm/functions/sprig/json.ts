/**
 * Go's `encoding/json` over the template value model: `json.Marshal`,
 * `MarshalIndent`, an `Encoder` without HTML escaping, and `json.Unmarshal`
 * into `interface{}` with Go's error texts.
 *
 * Exported for Helm's own `toJson`/`fromJson` too, which differ from sprig's
 * only in how they report errors.
 */
import { GoError } from '../../template/funcs';
import { formatFloat } from '../../template/strconv';
import { isFloatKind, isIntKind, isUintKind, type GoType } from '../../template/types';
import { GoFunc, GoMap, GoPointer, GoScalar, GoSlice, GoStruct, isPlainObject, typeOf, type GoObject, type GoValue } from '../../template/values';
import { compareGoStrings, formatValue } from '../../template/fmt';

export interface MarshalOptions {
  /** Escape `<`, `>` and `&` (json.Marshal does; an Encoder with SetEscapeHTML(false) does not). */
  readonly escapeHTML: boolean;
  /** MarshalIndent's indent (the prefix is always empty in sprig and Helm). */
  readonly indent?: string;
}

/** A value that marshals itself (Go's `json.Marshaler`): the JSON text it produces. */
export const jsonMarshaler = Symbol('json.Marshaler');

export interface JsonMarshalerType {
  [jsonMarshaler]?: (value: GoValue) => string;
}

const hex = '0123456789abcdef';

/** Go's `appendString` of encoding/json. */
export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c < 0x7f && !(escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))) continue;
    if (c >= 0x7f && c !== 0x2028 && c !== 0x2029 && !(c >= 0xd800 && c <= 0xdfff)) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += s.slice(start, i);
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      default:
        if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
        else out += '\\u' + hex[(c >> 12) & 15] + hex[(c >> 8) & 15] + hex[(c >> 4) & 15] + hex[c & 15];
    }
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/** Go's float encoding: shortest digits, exponent form below 1e-6 and from 1e21, `e-07` written `e-7`. */
export function jsonFloat(f: number, bits: 32 | 64 = 64): string {
  if (!Number.isFinite(f)) throw new GoError(`json: unsupported value: ${formatFloat(f, 'g', -1, bits)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0) {
    if (bits === 64 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
    if (bits === 32 && (Math.fround(abs) < Math.fround(1e-6) || Math.fround(abs) >= Math.fround(1e21))) fmt = 'e';
  }
  let s = formatFloat(f, fmt, -1, bits);
  if (fmt === 'e') {
    const n = s.length;
    if (n >= 4 && s[n - 4] === 'e' && s[n - 3] === '-' && s[n - 2] === '0') s = s.slice(0, n - 2) + s.slice(n - 1);
  }
  return s;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const cycleDepth = 1000;

class Encoder {
  declare private readonly out: string[];
  declare private readonly escapeHTML: boolean;
  declare private readonly indent: string | undefined;
  declare private depth: number;
  declare private readonly visiting: Set<object>;

  constructor(options: MarshalOptions) {
    this.out = [];
    this.escapeHTML = options.escapeHTML;
    this.indent = options.indent;
    this.depth = 0;
    this.visiting = new Set();
  }

  text(): string {
    return this.out.join('');
  }

  private newline(level: number): void {
    if (this.indent !== undefined) this.out.push('\n' + this.indent.repeat(level));
  }

  private enter(value: object, type: GoType | undefined): void {
    this.depth++;
    if (this.depth > cycleDepth) {
      if (this.visiting.has(value)) throw new GoError(`json: unsupported value: encountered a cycle via ${type?.name ?? 'map[string]interface {}'}`);
      this.visiting.add(value);
    }
  }

  private leave(value: object): void {
    if (this.depth > cycleDepth) this.visiting.delete(value);
    this.depth--;
  }

  encode(v: GoValue | undefined, level: number): void {
    switch (typeof v) {
      case 'undefined':
        this.out.push('null');
        return;
      case 'string':
        this.out.push(jsonString(v, this.escapeHTML));
        return;
      case 'number':
        this.out.push(jsonFloat(v));
        return;
      case 'boolean':
        this.out.push(v ? 'true' : 'false');
        return;
    }
    if (v === null) {
      this.out.push('null');
      return;
    }
    const type = typeOf(v);
    const marshal = (type as JsonMarshalerType | undefined)?.[jsonMarshaler];
    if (marshal) {
      this.out.push(this.compactOrIndent(marshal(v), level));
      return;
    }
    if (Array.isArray(v)) return this.encodeList(v, v, type, level);
    if (isPlainObject(v)) return this.encodeObject(v, type, level);
    if (v instanceof GoScalar) return this.encodeScalar(v);
    if (v instanceof GoSlice) {
      if (v.items === null) {
        this.out.push('null');
        return;
      }
      if (v.type.elem?.kind === 'uint8' && v.type.kind === 'slice' && !v.type.elem.named) {
        const bytes = new Uint8Array(v.items.map((b) => Number((b as GoScalar).value)));
        this.out.push('"' + base64(bytes) + '"');
        return;
      }
      return this.encodeList(v, v.items, type, level);
    }
    if (v instanceof GoMap) return this.encodeMap(v, level);
    if (v instanceof GoStruct) return this.encodeStruct(v, level);
    if (v instanceof GoPointer) {
      if (v.target === undefined) {
        this.out.push('null');
        return;
      }
      this.enter(v, v.type);
      this.encode(v.target, level);
      this.leave(v);
      return;
    }
    if (v instanceof GoFunc) throw new GoError(`json: unsupported type: ${v.type.name}`);
    throw new GoError(`json: unsupported type: ${type?.name ?? 'unknown'}`);
  }

  private compactOrIndent(text: string, level: number): string {
    if (this.indent === undefined) return text;
    const parsed = JSON.parse(text) as unknown;
    return JSON.stringify(parsed, null, this.indent).replace(/\n/g, '\n' + this.indent.repeat(level));
  }

  private encodeScalar(v: GoScalar): void {
    const kind = v.type.kind;
    if (isIntKind(kind) || isUintKind(kind)) {
      this.out.push(String(v.value));
      return;
    }
    if (isFloatKind(kind)) {
      this.out.push(jsonFloat(v.value as number, kind === 'float32' ? 32 : 64));
      return;
    }
    if (kind === 'string') {
      this.out.push(jsonString(v.value as string, this.escapeHTML));
      return;
    }
    if (kind === 'bool') {
      this.out.push(v.value ? 'true' : 'false');
      return;
    }
    throw new GoError(`json: unsupported type: ${v.type.name}`);
  }

  private encodeList(container: object, items: readonly GoValue[], type: GoType | undefined, level: number): void {
    if (items.length === 0) {
      this.out.push('[]');
      return;
    }
    this.enter(container, type);
    this.out.push('[');
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.out.push(',');
      this.newline(level + 1);
      this.encode(items[i], level + 1);
    }
    this.newline(level);
    this.out.push(']');
    this.leave(container);
  }

  private encodeEntries(container: object, type: GoType | undefined, entries: [string, GoValue][], level: number): void {
    if (entries.length === 0) {
      this.out.push('{}');
      return;
    }
    this.enter(container, type);
    this.out.push('{');
    for (let i = 0; i < entries.length; i++) {
      if (i > 0) this.out.push(',');
      this.newline(level + 1);
      this.out.push(jsonString(entries[i][0], this.escapeHTML), this.indent !== undefined ? ': ' : ':');
      this.encode(entries[i][1], level + 1);
    }
    this.newline(level);
    this.out.push('}');
    this.leave(container);
  }

  private encodeObject(v: GoObject, type: GoType | undefined, level: number): void {
    const keys = Object.keys(v).sort(compareGoStrings);
    this.encodeEntries(
      v,
      type,
      keys.map((k) => [k, v[k]]),
      level,
    );
  }

  private encodeMap(v: GoMap, level: number): void {
    if (v.entries === null) {
      this.out.push('null');
      return;
    }
    const keyKind = v.type.key?.kind;
    if (!(keyKind === 'string' || (keyKind && (isIntKind(keyKind) || isUintKind(keyKind))))) throw new GoError(`json: unsupported type: ${v.type.name}`);
    const entries: [string, GoValue][] = [];
    for (const { key, value } of v.entries.values()) entries.push([typeof key === 'string' ? key : formatValue(key), value]);
    entries.sort((a, b) => compareGoStrings(a[0], b[0]));
    this.encodeEntries(v, v.type, entries, level);
  }

  private encodeStruct(v: GoStruct, level: number): void {
    const entries: [string, GoValue][] = [];
    for (const field of v.type.fields ?? []) {
      const first = field.name.codePointAt(0) as number;
      if (!(first >= 65 && first <= 90) && !/^\p{Lu}/u.test(field.name)) continue;
      entries.push([field.name, v.fields[field.name]]);
    }
    this.encodeEntries(v, v.type, entries, level);
  }
}

/** `json.Marshal` (escapeHTML) or an Encoder's output without the trailing newline; MarshalIndent with `indent`. Throws GoError with Go's text. */
export function marshalJson(v: GoValue | undefined, options: MarshalOptions = { escapeHTML: true }): string {
  const encoder = new Encoder(options);
  encoder.encode(v, 0);
  return encoder.text();
}

// Unmarshal into interface{}.

class JsonSyntaxError extends GoError {}

function describe(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0) as number;
  if (code < 0x20 || code === 0x7f) return `'${'\\x' + code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

class Decoder {
  declare private readonly s: string;
  declare private i: number;
  declare private depth: number;

  constructor(s: string) {
    this.s = s;
    this.i = 0;
    this.depth = 0;
  }

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
    const c = String.fromCodePoint(this.s.codePointAt(this.i) as number);
    throw new JsonSyntaxError(`invalid character ${describe(c)} ${context}`);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  document(): GoValue {
    this.ws();
    const v = this.value();
    this.ws();
    if (this.i < this.s.length) this.fail('after top-level value');
    return v;
  }

  private value(): GoValue {
    const s = this.s;
    if (this.i >= s.length) this.fail('looking for beginning of value');
    const c = s[this.i];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    this.fail('looking for beginning of value');
  }

  private literal(word: string, v: GoValue): GoValue {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.i >= this.s.length) this.fail('');
      if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    return v;
  }

  private number(): GoValue {
    const s = this.s;
    const start = this.i;
    const digit = (): boolean => this.i < s.length && s[this.i] >= '0' && s[this.i] <= '9';
    if (s[this.i] === '-') {
      this.i++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (s[this.i] === '0') this.i++;
    else while (digit()) this.i++;
    if (s[this.i] === '.') {
      this.i++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.i++;
    }
    if (s[this.i] === 'e' || s[this.i] === 'E') {
      this.i++;
      if (s[this.i] === '+' || s[this.i] === '-') this.i++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.i++;
    }
    const text = s.slice(start, this.i);
    const f = Number(text);
    if (!Number.isFinite(f)) throw new GoError(`json: cannot unmarshal number ${text} into Go value of type float64`);
    return f;
  }

  private string(): string {
    const s = this.s;
    this.i++;
    let out = '';
    let start = this.i;
    for (;;) {
      if (this.i >= s.length) this.fail('');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('in string literal');
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += s.slice(start, this.i);
      this.i++;
      if (this.i >= s.length) this.fail('');
      const e = s[this.i];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) {
        out += simple[e];
        this.i++;
      } else if (e === 'u') {
        this.i++;
        const code = this.hex4();
        if (code >= 0xd800 && code < 0xdc00) {
          if (s[this.i] === '\\' && s[this.i + 1] === 'u') {
            const save = this.i;
            this.i += 2;
            const low = this.hex4();
            if (low >= 0xdc00 && low < 0xe000) out += String.fromCharCode(code, low);
            else {
              out += '\ufffd';
              this.i = save;
            }
          } else out += '\ufffd';
        } else if (code >= 0xdc00 && code < 0xe000) out += '\ufffd';
        else out += String.fromCharCode(code);
      } else this.fail('in string escape code');
      start = this.i;
    }
    out += s.slice(start, this.i);
    this.i++;
    return out;
  }

  private hex4(): number {
    let code = 0;
    for (let k = 0; k < 4; k++) {
      if (this.i >= this.s.length) this.fail('');
      const d = parseInt(this.s[this.i], 16);
      if (Number.isNaN(d)) this.fail('in \\u hexadecimal character escape');
      code = code * 16 + d;
      this.i++;
    }
    return code;
  }

  private nest(): void {
    if (++this.depth > 10000) throw new GoError('exceeded max depth');
  }

  private object(): GoObject {
    this.nest();
    this.i++;
    const out: GoObject = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.ws();
      out[key] = this.value();
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        this.depth--;
        return out;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): GoValue[] {
    this.nest();
    this.i++;
    const out: GoValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        this.depth--;
        return out;
      }
      this.fail('after array element');
    }
  }
}

/** `json.Unmarshal(text, &v)` with `v interface{}`: maps, `[]interface{}`, float64, string, bool, nil. Throws GoError with Go's text. */
export function unmarshalJson(text: string): GoValue {
  if (text.length === 0) throw new GoError('unexpected end of JSON input');
  return new Decoder(text).document();
}
