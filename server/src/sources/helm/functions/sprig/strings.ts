/**
 * sprig's string functions (`strings.go`, the `strings`-package entries of
 * `functions.go`, goutils and xstrings as sprig v3.3.0 uses them).
 *
 * Functions that keep or move their argument's text keep its origin: `trim*`
 * and `substr`/`trunc` cut it, `indent`/`nindent` shift it, `quote`/`squote`
 * and `cat` place it. Changed text (`upper`, `replace` that replaced
 * something, `snakecase`…) is computed at the call.
 */
import { methodCaller } from '../../template/builtins';
import { compareGoStrings, formatValue } from '../../template/fmt';
import { defineFunc, GoError, traced, type CallContext, type FuncDef, type Traced } from '../../template/funcs';
import { indentMapped, isPlace, MappedBuilder, sliceMapped, toMapped, type MappedString, type Origin } from '../../template/origin';
import { quote as goQuote } from '../../template/strconv';
import { types } from '../../template/types';
import { goInt, GoPointer, goMap, goSlice, type GoValue } from '../../template/values';
import { asValueOrigin, checkSlice, elementOrigin, GoBytes, intArg, listItems, strval, type Arg } from './convert';
import {
  fromRunes,
  isLetter,
  isLower,
  isNumber,
  isPunct,
  isSpace,
  isTitle,
  isUpper,
  lowerString,
  runes,
  toLower,
  toTitle,
  toUpper,
  upperString,
} from './unicode';

const S = types.string;
const I = types.int;
const A = types.any;
const B = types.bool;

/** The most a generated string may hold (Go would try to allocate it; a chart render would hang or run out of memory). */
export const MAX_GENERATED = 1 << 24;

function result(m: MappedString): Traced {
  return traced(m.text, m.segments);
}

/** A string function that cuts its argument: the kept part keeps its origin. */
function cut(ctx: CallContext, index: number, s: string, start: number, end: number): GoValue | Traced {
  const origin = ctx.argOrigin(index);
  if (start === 0 && end === s.length) return origin === undefined ? s : traced(s, origin);
  const text = s.slice(start, end);
  if (origin === undefined) return text;
  return result(sliceMapped(toMapped(s, origin), start, end));
}

/** Byte offsets of a Go string slice as UTF-16 offsets, or undefined when the cut falls inside a rune. */
function byteCut(ctx: CallContext, index: number, s: GoBytes, start: number, end: number): GoValue | Traced {
  const from = s.utf16Offset(start);
  const to = s.utf16Offset(end);
  if (from === undefined || to === undefined) return s.slice(start, end);
  return cut(ctx, index, s.text, from, to);
}

// goutils and xstrings, over Go's byte strings where they index bytes.

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const s = new GoBytes(str);
  const len = s.length;
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return s.slice(0, maxWidth - 3) + '...';
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return '...' + abbreviateFull(s.slice(offset), 0, maxWidth - 3);
  return '...' + s.slice(len - (maxWidth - 3));
}

function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const s = new GoBytes(str);
  const len = s.length;
  let offset = 0;
  const out: string[] = [];
  const lastSpace = (from: number, to: number): number => {
    for (let i = Math.min(to, len) - 1; i >= from; i--) if (s.byteAt(i) === 32) return i;
    return -1;
  };
  while (len - offset > wrapLength) {
    if (s.byteAt(offset) === 32) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const space = lastSpace(offset, end);
    if (space >= offset) {
      out.push(s.slice(offset, space), newLine);
      offset = space + 1;
    } else if (wrapLongWords) {
      out.push(s.slice(offset, offset + wrapLength), newLine);
      offset += wrapLength;
    } else {
      let next = -1;
      for (let i = wrapLength + offset; i < len; i++)
        if (s.byteAt(i) === 32) {
          next = i;
          break;
        }
      if (next === -1) {
        out.push(s.slice(offset));
        offset = len;
      } else {
        out.push(s.slice(offset, next), newLine);
        offset = next + 1;
      }
    }
  }
  out.push(s.slice(offset));
  return out.join('');
}

/** goutils reads a string byte by byte as runes (Latin-1), so multi-byte text comes out as mojibake, exactly so. */
function latin1(bytes: number[]): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

function initials(str: string): string {
  if (str === '') return str;
  const s = new GoBytes(str);
  const out: number[] = [];
  let lastWasGap = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s.byteAt(i);
    if (isSpace(ch)) lastWasGap = true;
    else if (lastWasGap) {
      out.push(ch);
      lastWasGap = false;
    }
  }
  return latin1(out);
}

function deleteWhiteSpace(str: string): string {
  if (str === '') return str;
  const s = new GoBytes(str);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s.byteAt(i);
    if (!isSpace(ch)) out.push(ch);
  }
  if (out.length === s.length) return str;
  return latin1(out);
}

function uncapitalize(str: string): string {
  if (str === '') return str;
  const rs = runes(str);
  let next = true;
  for (let i = 0; i < rs.length; i++) {
    if (isSpace(rs[i])) next = true;
    else if (next) {
      rs[i] = toLower(rs[i]);
      next = false;
    }
  }
  return fromRunes(rs);
}

function swapCase(str: string): string {
  if (str === '') return str;
  const rs = runes(str);
  let whitespace = true;
  for (let i = 0; i < rs.length; i++) {
    const ch = rs[i];
    if (isUpper(ch) || isTitle(ch)) {
      rs[i] = toLower(ch);
      whitespace = false;
    } else if (isLower(ch)) {
      rs[i] = whitespace ? toTitle(ch) : toUpper(ch);
      whitespace = false;
    } else whitespace = isSpace(ch);
  }
  return fromRunes(rs);
}

/** `strings.Title`: the first letter of each word in title case. */
function title(s: string): string {
  const isSeparator = (r: number): boolean => {
    if (r <= 0x7f) {
      if ((r >= 48 && r <= 57) || (r >= 97 && r <= 122) || (r >= 65 && r <= 90) || r === 95) return false;
      return true;
    }
    if (isLetter(r) || isNumber(r)) return false;
    return isSpace(r);
  };
  let prev = 32;
  let out = '';
  for (const c of s) {
    const r = c.codePointAt(0) as number;
    out += isSeparator(prev) ? String.fromCodePoint(toTitle(r)) : c;
    prev = r;
  }
  return out;
}

// xstrings v1.5.0: ToPascalCase, ToSnakeCase, ToKebabCase.

function isConnector(r: number): boolean {
  return r === 45 || r === 95 || isSpace(r);
}

const minCJK = 0x3400;

function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < minCJK) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

function toPascalCase(str: string): string {
  if (str === '') return '';
  const rs = runes(str);
  let out = '';
  let i = 0;
  let r0 = 0;
  let isFirstRuneUpper = false;
  let found = false;
  for (; i < rs.length;) {
    r0 = rs[i++];
    if (!isConnector(r0)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
      found = true;
      break;
    }
    out += String.fromCodePoint(r0);
  }
  if (i >= rs.length) {
    if (found) out += String.fromCodePoint(r0);
    return out;
  }
  for (; i < rs.length;) {
    const r1 = r0;
    r0 = rs[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += String.fromCodePoint(r1);
      continue;
    }
    if (isConnector(r1)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (isFirstRuneUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else isFirstRuneUpper = false;
      }
      out += String.fromCodePoint(r1);
    }
  }
  out += String.fromCodePoint(r0);
  return out;
}

const enum Word {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

interface NextWord {
  wt: Word;
  word: number[];
  remaining: number[];
}

function nextWord(str: number[]): NextWord {
  if (str.length === 0) return { wt: Word.Invalid, word: [], remaining: [] };
  let offset = 1;
  let r = str[0];
  let remaining = str.slice(1);
  let wt: Word;
  const take = (pred: (r: number) => boolean): void => {
    while (remaining.length > 0) {
      r = remaining[0];
      if (!pred(r)) break;
      offset++;
      remaining = remaining.slice(1);
    }
  };
  if (isConnector(r)) {
    wt = Word.Connector;
    take(isConnector);
  } else if (isPunct(r)) {
    wt = Word.Punct;
    take(isPunct);
  } else if (isUpper(r)) {
    wt = Word.Upper;
    if (remaining.length > 0) {
      r = remaining[0];
      if (isUpper(r)) {
        offset++;
        remaining = remaining.slice(1);
        take(isUpper);
        // "HTTPStatus" is "HTTP" and "Status": the last upper letter starts the next word.
        if (remaining.length > 0 && isAlphabet(r)) {
          offset--;
          remaining = str.slice(offset);
        }
      } else if (isAlphabet(r)) {
        offset++;
        remaining = remaining.slice(1);
        take((c) => isAlphabet(c) && !isUpper(c));
      }
    }
  } else if (isAlphabet(r)) {
    wt = Word.Alphabet;
    take((c) => isAlphabet(c) && !isUpper(c));
  } else if (isNumber(r)) {
    wt = Word.Number;
    take(isNumber);
  } else {
    wt = Word.Other;
    take((c) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)));
  }
  return { wt, word: str.slice(0, offset), remaining };
}

function camelCaseToLowerCase(str: string, connector: number): string {
  if (str === '') return '';
  const out: number[] = [];
  const toLowerWord = (wt: Word, word: number[]): void => {
    if (wt !== Word.Upper && wt !== Word.Connector) {
      out.push(...word);
      return;
    }
    for (const r of word) out.push(isConnector(r) ? connector : isUpper(r) ? toLower(r) : r);
  };
  let { wt, word, remaining } = nextWord(runes(str));
  while (remaining.length > 0) {
    if (wt !== Word.Connector) toLowerWord(wt, word);
    const prev = wt;
    const last = word;
    ({ wt, word, remaining } = nextWord(remaining));
    switch (prev) {
      case Word.Number:
        while (wt === Word.Alphabet || wt === Word.Number) {
          toLowerWord(wt, word);
          ({ wt, word, remaining } = nextWord(remaining));
        }
        if (wt !== Word.Invalid && wt !== Word.Punct && wt !== Word.Connector) out.push(connector);
        break;
      case Word.Connector:
        toLowerWord(prev, last);
        break;
      case Word.Punct:
        break;
      default: {
        if (wt !== Word.Number) {
          if (wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
          break;
        }
        if (remaining.length === 0) break;
        const number = word;
        ({ wt, word, remaining } = nextWord(remaining));
        if (wt !== Word.Alphabet) {
          toLowerWord(Word.Number, number);
          if (wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
          break;
        }
        out.push(connector);
        toLowerWord(Word.Number, number);
        while (wt === Word.Alphabet || wt === Word.Number) {
          toLowerWord(wt, word);
          ({ wt, word, remaining } = nextWord(remaining));
        }
        if (wt !== Word.Invalid && wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
      }
    }
  }
  toLowerWord(wt, word);
  return fromRunes(out);
}

function shuffle(str: string, random: (n: number) => number): string {
  if (str === '') return str;
  const rs = runes(str);
  for (let i = rs.length - 1; i > 0; i--) {
    const j = random(i + 1);
    if (i !== j) [rs[i], rs[j]] = [rs[j], rs[i]];
  }
  return fromRunes(rs);
}

/** goutils' `CryptoRandom` for the letter/number sets sprig uses (count < 0 is goutils' error, which sprig drops: ""). */
function cryptoRandom(count: number, start: number, end: number, accept: (r: number) => boolean, random: (n: number) => number): string {
  if (count <= 0) return '';
  if (count > MAX_GENERATED) throw new GoError(`random string of ${count} characters exceeds the limit (${MAX_GENERATED})`);
  const out: string[] = [];
  while (out.length < count) {
    const ch = start + random(end - start);
    if (accept(ch)) out.push(String.fromCharCode(ch));
  }
  return out.join('');
}

/** `strings.Trim`-family on runes: the UTF-16 bounds of what stays. */
function trimBounds(s: string, isCut: (r: number) => boolean, left: boolean, right: boolean): [number, number] {
  let start = 0;
  let end = s.length;
  if (left)
    while (start < end) {
      const r = s.codePointAt(start) as number;
      if (!isCut(r)) break;
      start += r > 0xffff ? 2 : 1;
    }
  if (right)
    while (end > start) {
      let r = s.charCodeAt(end - 1);
      let width = 1;
      if (r >= 0xdc00 && r <= 0xdfff && end - 2 >= start) {
        const hi = s.charCodeAt(end - 2);
        if (hi >= 0xd800 && hi <= 0xdbff) {
          r = s.codePointAt(end - 2) as number;
          width = 2;
        }
      }
      if (!isCut(r)) break;
      end -= width;
    }
  return [start, end];
}

function cutset(set: string): (r: number) => boolean {
  if (set.length === 1) {
    const c = set.charCodeAt(0);
    return (r) => r === c;
  }
  const rs = new Set(runes(set));
  return (r) => rs.has(r);
}

/** `strings.Replace(s, old, new, -1)`: an empty `old` matches before every rune and at the end. */
function replaceAll(s: string, old: string, replacement: string): string {
  if (old !== '') return s.split(old).join(replacement);
  const rs = Array.from(s);
  return replacement + rs.map((c) => c + replacement).join('');
}

/** `strings.Split` (and `SplitN` with n): an empty separator splits into runes. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const rs = Array.from(s);
    if (n < 0 || n >= rs.length) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function splitMap(parts: string[]): GoValue {
  return goMap(
    S,
    S,
    parts.map((p, i) => ['_' + i, p] as const),
  );
}

/** sprig's `strslice` (`toStrings`, `join`, `sortAlpha`): non-nil elements through `strval`. */
export function strslice(v: Arg, ctx: CallContext): string[] {
  const items = listItems(v);
  if (items) {
    const out: string[] = [];
    for (const item of items) if (item !== null) out.push(strval(item, ctx));
    return out;
  }
  if (v === null || v === undefined) return [];
  return [strval(v, ctx)];
}

/** `quote`/`squote` of one argument, with the argument's origin placed inside the quotes where the text is copied as it is. */
function quoted(builder: MappedBuilder, text: string, open: string, body: string, origin: Origin | undefined, site: Origin): void {
  if (origin === undefined) {
    builder.add(open + body + open, site);
    return;
  }
  if (body === text && !isPlace(origin)) {
    builder.add(open).addMapped(toMapped(text, origin)).add(open);
    return;
  }
  if (isPlace(origin)) {
    builder.add(open + body + open, asValueOrigin(origin));
    return;
  }
  // A text of pieces that quoting escaped: no longer offset for offset, computed at the call.
  builder.add(open + body + open, site);
}

export function stringFunctions(random: (n: number) => number): Record<string, FuncDef> {
  const repeat = (count: number, s: string): string => {
    if (count < 0) throw new GoError('strings: negative Repeat count');
    if (s.length * count > MAX_GENERATED) throw new GoError(`strings: Repeat output of ${s.length * count} characters exceeds the limit (${MAX_GENERATED})`);
    return s.repeat(count);
  };
  const trimAll = defineFunc({ params: [S, S], results: [S] }, ([set, s], ctx) => {
    const [start, end] = trimBounds(s as string, cutset(set as string), true, true);
    return cut(ctx, 1, s as string, start, end);
  });

  return {
    abbrev: defineFunc({ params: [I, S], results: [S] }, ([width, s], ctx) => {
      const w = intArg(width);
      if (w < 4) return cut(ctx, 1, s as string, 0, (s as string).length);
      const out = abbreviateFull(s as string, 0, w);
      return out === s ? cut(ctx, 1, s, 0, s.length) : out;
    }),
    abbrevboth: defineFunc({ params: [I, I, S], results: [S] }, ([left, right, s], ctx) => {
      const l = intArg(left);
      const r = intArg(right);
      if (r < 4 || (l > 0 && r < 7)) return cut(ctx, 2, s as string, 0, (s as string).length);
      const out = abbreviateFull(s as string, l, r);
      return out === s ? cut(ctx, 2, s, 0, s.length) : out;
    }),
    trunc: defineFunc({ params: [I, S], results: [S] }, ([count, str], ctx) => {
      const c = intArg(count);
      const s = new GoBytes(str as string);
      if (c < 0 && s.length + c > 0) return byteCut(ctx, 1, s, s.length + c, s.length);
      if (c >= 0 && s.length > c) return byteCut(ctx, 1, s, 0, c);
      return cut(ctx, 1, s.text, 0, s.text.length);
    }),
    trim: defineFunc({ params: [S], results: [S] }, ([s], ctx) => {
      const [start, end] = trimBounds(s as string, isSpace, true, true);
      return cut(ctx, 0, s as string, start, end);
    }),
    upper: defineFunc({ params: [S], results: [S] }, ([s]) => upperString(s as string)),
    lower: defineFunc({ params: [S], results: [S] }, ([s]) => lowerString(s as string)),
    title: defineFunc({ params: [S], results: [S] }, ([s]) => title(s as string)),
    untitle: defineFunc({ params: [S], results: [S] }, ([s]) => uncapitalize(s as string)),
    substr: defineFunc({ params: [I, I, S], results: [S] }, ([startArg, endArg, str], ctx) => {
      const start = intArg(startArg);
      const end = intArg(endArg);
      const s = new GoBytes(str as string);
      if (start < 0) {
        checkSlice(0, end, s.length, false);
        return byteCut(ctx, 2, s, 0, end);
      }
      if (end < 0 || end > s.length) {
        checkSlice(start, s.length, s.length, true);
        return byteCut(ctx, 2, s, start, s.length);
      }
      checkSlice(start, end, s.length, true);
      return byteCut(ctx, 2, s, start, end);
    }),
    repeat: defineFunc({ params: [I, S], results: [S] }, ([count, s]) => repeat(intArg(count), s as string)),
    trimall: trimAll,
    trimAll,
    trimSuffix: defineFunc({ params: [S, S], results: [S] }, ([suffix, s], ctx) => {
      const str = s as string;
      return str.endsWith(suffix as string) ? cut(ctx, 1, str, 0, str.length - (suffix as string).length) : cut(ctx, 1, str, 0, str.length);
    }),
    trimPrefix: defineFunc({ params: [S, S], results: [S] }, ([prefix, s], ctx) => {
      const str = s as string;
      return str.startsWith(prefix as string) ? cut(ctx, 1, str, (prefix as string).length, str.length) : cut(ctx, 1, str, 0, str.length);
    }),
    nospace: defineFunc({ params: [S], results: [S] }, ([s], ctx) => {
      const out = deleteWhiteSpace(s as string);
      return out === s ? cut(ctx, 0, s, 0, s.length) : out;
    }),
    initials: defineFunc({ params: [S], results: [S] }, ([s]) => initials(s as string)),
    randAlphaNum: defineFunc({ params: [I], results: [S] }, ([n]) => cryptoRandom(intArg(n), 32, 123, (r) => isLetter(r) || (r >= 48 && r <= 57), random)),
    randAlpha: defineFunc({ params: [I], results: [S] }, ([n]) => cryptoRandom(intArg(n), 32, 123, isLetter, random)),
    randAscii: defineFunc({ params: [I], results: [S] }, ([n]) => cryptoRandom(intArg(n), 32, 127, () => true, random)),
    randNumeric: defineFunc({ params: [I], results: [S] }, ([n]) => cryptoRandom(intArg(n), 32, 123, (r) => r >= 48 && r <= 57, random)),
    swapcase: defineFunc({ params: [S], results: [S] }, ([s]) => swapCase(s as string)),
    shuffle: defineFunc({ params: [S], results: [S] }, ([s]) => shuffle(s as string, random)),
    snakecase: defineFunc({ params: [S], results: [S] }, ([s]) => camelCaseToLowerCase(s as string, 95)),
    camelcase: defineFunc({ params: [S], results: [S] }, ([s]) => toPascalCase(s as string)),
    kebabcase: defineFunc({ params: [S], results: [S] }, ([s]) => camelCaseToLowerCase(s as string, 45)),
    wrap: defineFunc({ params: [I, S], results: [S] }, ([l, s]) => wrapCustom(s as string, intArg(l), '', false)),
    wrapWith: defineFunc({ params: [I, S, S], results: [S] }, ([l, sep, s]) => wrapCustom(s as string, intArg(l), sep as string, true)),
    contains: defineFunc({ params: [S, S], results: [B] }, ([sub, s]) => (s as string).includes(sub as string)),
    hasPrefix: defineFunc({ params: [S, S], results: [B] }, ([prefix, s]) => (s as string).startsWith(prefix as string)),
    hasSuffix: defineFunc({ params: [S, S], results: [B] }, ([suffix, s]) => (s as string).endsWith(suffix as string)),
    quote: defineFunc({ params: [], variadic: A, results: [S] }, (args, ctx) => {
      const builder = new MappedBuilder();
      let first = true;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === null || arg === undefined) continue;
        if (!first) builder.add(' ');
        first = false;
        const text = strval(arg, ctx);
        const q = goQuote(text);
        quoted(builder, text, '"', q.slice(1, -1), ctx.argOrigin(i), ctx.site);
      }
      return result(builder.build());
    }),
    squote: defineFunc({ params: [], variadic: A, results: [S] }, (args, ctx) => {
      const builder = new MappedBuilder();
      let first = true;
      const caller = methodCaller(ctx);
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === null || arg === undefined) continue;
        if (!first) builder.add(' ');
        first = false;
        const text = formatValue(arg, caller);
        quoted(builder, text, "'", text, ctx.argOrigin(i), ctx.site);
      }
      return result(builder.build());
    }),
    cat: defineFunc({ params: [], variadic: A, results: [S] }, (args, ctx) => {
      const builder = new MappedBuilder();
      const caller = methodCaller(ctx);
      let first = true;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === null || arg === undefined) continue;
        if (!first) builder.add(' ');
        first = false;
        builder.add(formatValue(arg, caller), asValueOrigin(ctx.argOrigin(i)));
      }
      return result(builder.build());
    }),
    indent: defineFunc({ params: [I, S], results: [S] }, ([n, s], ctx) => {
      const pad = repeat(intArg(n), ' ');
      return result(indentMapped(toMapped(s as string, ctx.argOrigin(1)), pad));
    }),
    nindent: defineFunc({ params: [I, S], results: [S] }, ([n, s], ctx) => {
      const pad = repeat(intArg(n), ' ');
      return result(
        new MappedBuilder()
          .add('\n')
          .addMapped(indentMapped(toMapped(s as string, ctx.argOrigin(1)), pad))
          .build(),
      );
    }),
    replace: defineFunc({ params: [S, S, S], results: [S] }, ([old, replacement, src], ctx) => {
      const s = src as string;
      if (old !== '' && !s.includes(old as string)) return cut(ctx, 2, s, 0, s.length);
      return replaceAll(s, old as string, replacement as string);
    }),
    plural: defineFunc({ params: [S, S, I], results: [S] }, ([one, many, count], ctx) =>
      intArg(count) === 1 ? traced(one as string, ctx.argOrigin(0)) : traced(many as string, ctx.argOrigin(1)),
    ),
    toString: defineFunc({ params: [A], results: [S] }, ([v], ctx) => {
      const s = strval(v, ctx);
      const origin = ctx.argOrigin(0);
      return origin === undefined ? s : traced(s, typeof v === 'string' ? origin : asValueOrigin(origin));
    }),
    split: defineFunc({ params: [S, S], results: [types.any] }, ([sep, s]) => splitMap(splitN(s as string, sep as string, -1))),
    splitList: defineFunc({ params: [S, S], results: [types.any] }, ([sep, s]) => goSlice(S, splitN(s as string, sep as string, -1))),
    splitn: defineFunc({ params: [S, I, S], results: [types.any] }, ([sep, n, s]) => splitMap(splitN(s as string, sep as string, intArg(n)))),
    toStrings: defineFunc({ params: [A], results: [types.any] }, ([v], ctx) => goSlice(S, strslice(v, ctx))),
    join: defineFunc({ params: [S, A], results: [S] }, ([sep, v], ctx) => {
      const items = listItems(v);
      if (!items || !ctx.locations) return strslice(v, ctx).join(sep as string);
      // Each element's text keeps its place in the values.
      const builder = new MappedBuilder();
      let first = true;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item === null) continue;
        if (!first) builder.add(sep as string);
        first = false;
        const text = strval(item, ctx);
        builder.add(text, typeof item === 'string' ? elementOrigin(ctx, v, i) : asValueOrigin(elementOrigin(ctx, v, i)));
      }
      return result(builder.build());
    }),
    sortAlpha: defineFunc({ params: [A], results: [types.any] }, ([v], ctx) => {
      const list = v instanceof GoPointer ? v.target : v;
      if (listItems(list) === undefined) return goSlice(S, [strval(v, ctx)]);
      return goSlice(S, strslice(v, ctx).sort(compareGoStrings));
    }),
    atoi: defineFunc({ params: [S], results: [I] }, ([s]) => goInt(atoi(s as string))),
  };
}

/** `strconv.Atoi` with its result kept: syntax errors give 0, out-of-range values the clamped bound. */
function atoi(s: string): bigint {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  if (i >= s.length) return 0n;
  let n = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return 0n;
    n = n * 10n + BigInt(c - 48);
    if (n > 1n << 64n) n = 1n << 64n;
  }
  if (neg) n = -n;
  const max = (1n << 63n) - 1n;
  if (n > max) return max;
  if (n < -(1n << 63n)) return -(1n << 63n);
  return n;
}
