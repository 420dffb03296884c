/**
 * Go's `unicode` predicates and simple case mappings on code points.
 * JavaScript's `toUpperCase` applies full case mappings (ß → SS) and
 * context (final sigma); Go maps one rune to one rune.
 */

const upperRe = /^\p{Lu}$/u;
const lowerRe = /^\p{Ll}$/u;
const titleRe = /^\p{Lt}$/u;
const letterRe = /^\p{L}$/u;
const digitRe = /^\p{Nd}$/u;
const numberRe = /^\p{N}$/u;
const punctRe = /^\p{P}$/u;

function char(r: number): string {
  return String.fromCodePoint(r);
}

/** `unicode.IsSpace`. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return r === 0x1680 || (r >= 0x2000 && r <= 0x200a) || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}

export function isUpper(r: number): boolean {
  if (r < 0x80) return r >= 65 && r <= 90;
  return upperRe.test(char(r));
}

export function isLower(r: number): boolean {
  if (r < 0x80) return r >= 97 && r <= 122;
  return lowerRe.test(char(r));
}

export function isTitle(r: number): boolean {
  if (r < 0x80) return false;
  return titleRe.test(char(r));
}

export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 65 && r <= 90) || (r >= 97 && r <= 122);
  return letterRe.test(char(r));
}

export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 48 && r <= 57;
  return digitRe.test(char(r));
}

export function isNumber(r: number): boolean {
  if (r < 0x80) return r >= 48 && r <= 57;
  return numberRe.test(char(r));
}

export function isPunct(r: number): boolean {
  return punctRe.test(char(r));
}

// Simple mappings JavaScript does not give as one code point.
const lowerSpecial = new Map<number, number>([[0x130, 0x69]]);
const titleSpecial = new Map<number, number>([
  [0x1c4, 0x1c5],
  [0x1c5, 0x1c5],
  [0x1c6, 0x1c5],
  [0x1c7, 0x1c8],
  [0x1c8, 0x1c8],
  [0x1c9, 0x1c8],
  [0x1ca, 0x1cb],
  [0x1cb, 0x1cb],
  [0x1cc, 0x1cb],
  [0x1f1, 0x1f2],
  [0x1f2, 0x1f2],
  [0x1f3, 0x1f2],
]);

function single(mapped: string, r: number): number {
  const c = mapped.codePointAt(0) as number;
  return mapped.length === (c > 0xffff ? 2 : 1) ? c : r;
}

/** `unicode.ToUpper`. */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 97 && r <= 122 ? r - 32 : r;
  return single(char(r).toUpperCase(), r);
}

/** `unicode.ToLower`. */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 65 && r <= 90 ? r + 32 : r;
  const special = lowerSpecial.get(r);
  if (special !== undefined) return special;
  return single(char(r).toLowerCase(), r);
}

/** `unicode.ToTitle`. */
export function toTitle(r: number): number {
  return titleSpecial.get(r) ?? toUpper(r);
}

function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (const c of s) out += String.fromCodePoint(f(c.codePointAt(0) as number));
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `strings.ToUpper`. */
export function upperString(s: string): string {
  return isAscii(s) ? s.toUpperCase() : mapRunes(s, toUpper);
}

/** `strings.ToLower`. */
export function lowerString(s: string): string {
  return isAscii(s) ? s.toLowerCase() : mapRunes(s, toLower);
}

/** The runes (code points) of a string; lone surrogates stand for invalid bytes. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const c of s) out.push(c.codePointAt(0) as number);
  return out;
}

export function fromRunes(rs: readonly number[]): string {
  let out = '';
  for (const r of rs) out += String.fromCodePoint(r);
  return out;
}
