/**
 * go-yaml v2's scalar resolution, the one kubectl applies (through
 * sigs.k8s.io/yaml) to every scalar of a YAML document: what a plain scalar's
 * text means (null, bool, int, float, string), what an explicit tag makes of a
 * scalar, and Go's number parsing and formatting that decide the JSON the API
 * server receives. The tables of `test/engine/reading/resolve.test.ts` come
 * from kubectl's own output.
 */
import { GoYamlError } from './goyaml/scanner';
import { digitValue, mayBeGoNumber, shortDecimal } from '../go/strconv';

export const TAG_STR = 'tag:yaml.org,2002:str';
export const TAG_INT = 'tag:yaml.org,2002:int';
export const TAG_FLOAT = 'tag:yaml.org,2002:float';
export const TAG_BOOL = 'tag:yaml.org,2002:bool';
export const TAG_NULL = 'tag:yaml.org,2002:null';
export const TAG_TIMESTAMP = 'tag:yaml.org,2002:timestamp';
export const TAG_BINARY = 'tag:yaml.org,2002:binary';
export const TAG_MERGE = 'tag:yaml.org,2002:merge';
export const TAG_MAP = 'tag:yaml.org,2002:map';
export const TAG_SEQ = 'tag:yaml.org,2002:seq';

/** A scalar as go-yaml decodes it into interface{}: Go's int is int64, a larger positive integer is a uint64. */
export type GoScalar =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'uint'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const NULL: GoScalar = { kind: 'null' };
const TRUE: GoScalar = { kind: 'bool', value: true };
const FALSE: GoScalar = { kind: 'bool', value: false };

/** go-yaml's table of words: resolved from the exact text, whatever the first character. */
const words = new Map<string, [string, GoScalar]>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) words.set(w, [TAG_BOOL, TRUE]);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) words.set(w, [TAG_BOOL, FALSE]);
for (const w of ['', '~', 'null', 'Null', 'NULL']) words.set(w, [TAG_NULL, NULL]);
for (const w of ['.nan', '.NaN', '.NAN']) words.set(w, [TAG_FLOAT, { kind: 'float', value: NaN }]);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) words.set(w, [TAG_FLOAT, { kind: 'float', value: Infinity }]);
for (const w of ['-.inf', '-.Inf', '-.INF']) words.set(w, [TAG_FLOAT, { kind: 'float', value: -Infinity }]);
words.set('<<', [TAG_MERGE, { kind: 'string', value: '<<' }]);

/** Tags go-yaml resolves (checks the text against); any other tag keeps the text as a string. */
function resolvable(tag: string): boolean {
  return tag === '' || tag === TAG_STR || tag === TAG_BOOL || tag === TAG_INT || tag === TAG_FLOAT || tag === TAG_NULL || tag === TAG_TIMESTAMP;
}

export function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? '!!' + tag.slice('tag:yaml.org,2002:'.length) : tag;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * go-yaml's resolve(tag, text): the tag it settles on and the value, or a
 * decoder error ("cannot decode !!str `x` as a !!int"). A timestamp resolves
 * to its text: go-yaml keeps timestamps as strings when decoding into interface{}.
 */
export function resolveScalar(tag: string, text: string): { tag: string; value: GoScalar } {
  if (!resolvable(tag)) return { tag, value: { kind: 'string', value: text } };
  const resolved = resolveText(tag, text);
  if (tag === '' || tag === resolved.tag || tag === TAG_STR || tag === TAG_BINARY) return resolved;
  if (tag === TAG_FLOAT && resolved.tag === TAG_INT && resolved.value.kind === 'int') {
    return { tag: TAG_FLOAT, value: { kind: 'float', value: Number(resolved.value.value) } };
  }
  throw new GoYamlError('decoder', `cannot decode ${shortTag(resolved.tag)} \`${text}\` as a ${shortTag(tag)}`, null);
}

/**
 * go-yaml's resolve hint: the first byte decides what a text may be (a sign or
 * digit, a letter of one of its words, a dot); '' for a text that can only be
 * a string (most names, images and quantities).
 */
function resolveHint(text: string): 'N' | 'S' | 'D' | 'M' | '.' | '' {
  if (text === '') return 'N';
  const c = text.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) return 'S';
  if (c >= 0x30 && c <= 0x39) return 'D';
  if ('yYnNtTfFoO~'.includes(text[0])) return 'M';
  return c === 0x2e ? '.' : '';
}

/**
 * Whether go-yaml surely resolves an untagged plain text to a string: by its
 * hint alone (`web`), by its hint and the word table (`name`, `type`), or, for
 * a sign or a digit first, by a character no Go number takes (`500m`, `1Gi`;
 * a timestamp resolves to its text too). False leaves it to `resolveScalar`.
 */
export function resolvesToString(text: string): boolean {
  const hint = resolveHint(text);
  if (hint === '') return true;
  if (words.has(text)) return false;
  return hint === 'M' || ((hint === 'D' || hint === 'S') && !mayBeGoNumber(text));
}

function resolveText(tag: string, text: string): { tag: string; value: GoScalar } {
  const hint = resolveHint(text);
  if (hint !== '' && tag !== TAG_STR && tag !== TAG_BINARY) {
    const word = words.get(text);
    if (word) return { tag: word[0], value: word[1] };
    if (hint === '.') {
      const f = goParseFloat(text);
      if (f !== null) return { tag: TAG_FLOAT, value: { kind: 'float', value: f } };
    } else if (hint === 'D' || hint === 'S') {
      if ((tag === '' || tag === TAG_TIMESTAMP) && isGoTimestamp(text)) return { tag: TAG_TIMESTAMP, value: { kind: 'string', value: text } };
      const plain = text.includes('_') ? text.replace(/_/g, '') : text;
      const int = goParseInt(plain);
      if (int !== null) return { tag: TAG_INT, value: { kind: 'int', value: int } };
      const uint = goParseUint(plain);
      if (uint !== null) return { tag: TAG_INT, value: { kind: 'uint', value: uint } };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = goParseFloat(plain);
        if (f !== null) return { tag: TAG_FLOAT, value: { kind: 'float', value: f } };
      }
      // go-yaml's own "0b" and "-0b" branches come after ParseInt with base 0, which already reads both.
    }
  }
  return { tag: TAG_STR, value: { kind: 'string', value: text } };
}

/** kubectl's value of an untagged plain scalar (the text after folding). */
export function resolvePlain(text: string): GoScalar {
  return resolveText('', text).value;
}

// ---------------------------------------------------------------- Go's strconv

/** strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const ch = s[i];
    if ((ch >= '0' && ch <= '9') || (hex && /[a-fA-F]/.test(ch))) {
      saw = '0';
      continue;
    }
    if (ch === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, 0, 64); null on a syntax or range error. */
export function goParseUint(s: string): bigint | null {
  if (s === '') return null;
  if (s.charCodeAt(0) !== 0x30) {
    const short = shortDecimal(s);
    if (short >= 0) return BigInt(short);
  }
  const s0 = s;
  let base = 10;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1].toLowerCase() : '';
    if (p === 'b') [base, s] = [2, s.slice(2)];
    else if (p === 'o') [base, s] = [8, s.slice(2)];
    else if (p === 'x') [base, s] = [16, s.slice(2)];
    else [base, s] = [8, s.slice(1)];
  }
  // Most texts that reach here are not numbers (a quantity such as 512Mi): refused before any arithmetic.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5f && digitValue(c) >= base) return null;
  }
  let n = 0n;
  let underscores = false;
  const bigBase = BigInt(base);
  for (const ch of s) {
    let d: number;
    if (ch === '_') {
      underscores = true;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) d = code - 0x30;
    else if (/[a-zA-Z]/.test(ch)) d = ch.toLowerCase().charCodeAt(0) - 0x61 + 10;
    else return null;
    if (d >= base) return null;
    n = n * bigBase + BigInt(d);
    if (n > UINT64_MAX) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  return n;
}

/** strconv.ParseInt(s, 0, 64); null on a syntax or range error. */
export function goParseInt(s: string): bigint | null {
  if (s === '') return null;
  let negative = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') [negative, s] = [true, s.slice(1)];
  const u = goParseUint(s);
  if (u === null) return null;
  if (!negative && u > INT64_MAX) return null;
  if (negative && u > -INT64_MIN) return null;
  return negative ? -u : u;
}

/**
 * strconv.ParseFloat(s, 64) for the decimal syntax go-yaml hands it (a sign,
 * digits with '_' between them, one '.', an exponent); null on a syntax error
 * or on overflow (ErrRange, which go-yaml treats as "not a float").
 */
export function goParseFloat(s: string): number | null {
  let i = 0;
  if (s[i] === '+' || s[i] === '-') i++;
  let digits = false;
  let dot = false;
  let underscores = false;
  for (; i < s.length; i++) {
    const ch = s[i];
    if (ch === '_') underscores = true;
    else if (ch === '.') {
      if (dot) break;
      dot = true;
    } else if (ch >= '0' && ch <= '9') digits = true;
    else break;
  }
  if (!digits) return null;
  if (i < s.length && (s[i] === 'e' || s[i] === 'E')) {
    i++;
    if (i >= s.length) return null;
    if (s[i] === '+' || s[i] === '-') i++;
    if (i >= s.length || s[i] < '0' || s[i] > '9') return null;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) if (s[i] === '_') underscores = true;
  }
  if (i !== s.length) return null;
  if (underscores && !underscoreOK(s)) return null;
  const n = Number(s.replace(/_/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** encoding/json's text of a float64 (JavaScript's shortest form has the same digits and the same exponent thresholds). */
export function goJsonFloat(f: number): string {
  return Object.is(f, -0) ? '-0' : String(f);
}

/** strconv.FormatFloat(f, 'g', -1, 32): how sigs.k8s.io/yaml writes a float map key. */
export function goFormatFloat32g(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const v = Math.fround(f);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // The shortest decimal that reads back as the same float32.
  let digits = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const text = v.toExponential(precision - 1);
    if (Math.fround(Number(text)) === v) {
      const [mantissa, exp] = text.split('e');
      digits = mantissa.replace('-', '').replace('.', '');
      exponent = Number(exp);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = v < 0 ? '-' : '';
  // %g with the shortest precision uses %e when the exponent is below -4 or at least 6.
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return sign + digits + '0'.repeat(exponent + 1 - digits.length);
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

// ---------------------------------------------------------------- timestamps

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?))?$/;

/** The four layouts go-yaml tries with time.Parse (only an explicit !!timestamp tag depends on the answer). */
function isGoTimestamp(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return false;
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysIn = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > daysIn) return false;
  const hour = m[4] ?? m[9];
  if (hour !== undefined) {
    const minute = m[5] ?? m[10];
    const second = m[6] ?? m[11];
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return false;
  }
  return true;
}

// ---------------------------------------------------------------- binary

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Go's base64.StdEncoding.DecodeString (line breaks ignored, padding required) as bytes, or null. */
export function goBase64(text: string): Uint8Array | null {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !BASE64.test(s)) return null;
  return Uint8Array.from(Buffer.from(s, 'base64'));
}

/** A Go string's bytes as encoding/json writes them: each byte of an invalid UTF-8 sequence becomes U+FFFD. */
export function goBytesToString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let n = 0;
    let cp = 0;
    if (b < 0x80) [n, cp] = [1, b];
    else if (b >= 0xc2 && b <= 0xdf) [n, cp] = [2, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [n, cp] = [3, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [n, cp] = [4, b & 0x07];
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && ((n === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
    if (!ok) {
      out += '\ufffd';
      i++;
    } else {
      out += String.fromCodePoint(cp);
      i += n;
    }
  }
  return out;
}

export { INT64_MAX, INT64_MIN, UINT64_MAX };
