/** Go's strconv parsers, exactly: base prefixes, underscores, range errors. */

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * The value of `s` when it is 1 to 15 decimal digits (exact as a double), else
 * -1: what a port, a count or a replica number is, read without a BigInt step
 * per digit.
 */
export function shortDecimal(s: string): number {
  if (s.length < 1 || s.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A digit's value in bases up to 36 (either case); 99 for anything else. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 10;
  return 99;
}

/**
 * Whether every character of `s` is one Go's ParseInt and ParseUint with base
 * 0 (digits, hexadecimal letters, the `0x`, `0o`, `0b` prefixes, underscores,
 * a sign) or a decimal float (a point, an exponent) can take. A text with any
 * other (`500m`, `128Mi`, `10s`) is no number, and go-yaml keeps it a string.
 */
export function mayBeGoNumber(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue; // 0-9
    const lower = c | 0x20;
    if ((lower >= 0x61 && lower <= 0x66) || lower === 0x78 || lower === 0x6f) continue; // a-f, x, o (b is a hex letter)
    if (c === 0x5f || c === 0x2b || c === 0x2d || c === 0x2e) continue; // _ + - .
    return false;
  }
  return true;
}

/** strconv.ParseUint(s, base, 64) / ParseInt: null on any error. base 0 means Go literal prefixes. */
export function goParseUint(s: string, base: number): bigint | null {
  if (s.length === 0) return null;
  if (base === 10 || (base === 0 && s.charCodeAt(0) !== 0x30)) {
    const short = shortDecimal(s);
    if (short >= 0) return BigInt(short);
  }
  let b = base;
  let digits = s;
  if (base === 0) {
    b = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
      if (p === 'b') [b, digits] = [2, s.slice(2)];
      else if (p === 'o') [b, digits] = [8, s.slice(2)];
      else if (p === 'x') [b, digits] = [16, s.slice(2)];
      else [b, digits] = [8, s.slice(1)];
    }
  }
  // Underscores are only legal with base 0 and are stripped by go-yaml before it gets here.
  // Most texts that reach here are not numbers (a quantity such as 512Mi): refused before any arithmetic.
  for (let i = 0; i < digits.length; i++) if (digitValue(digits.charCodeAt(i)) >= b) return null;
  let n = 0n;
  for (const ch of digits) {
    const lower = ch.toLowerCase();
    let d: number;
    if (lower >= '0' && lower <= '9') d = lower.charCodeAt(0) - 48;
    else if (lower >= 'a' && lower <= 'z') d = lower.charCodeAt(0) - 87;
    else return null;
    if (d >= b) return null;
    n = n * BigInt(b) + BigInt(d);
    if (n > UINT64_MAX) return null;
  }
  return n;
}

export function goParseInt(s: string, base: number): bigint | null {
  if (s.length === 0) return null;
  let neg = false;
  let rest = s;
  if (s[0] === '+') rest = s.slice(1);
  else if (s[0] === '-') [neg, rest] = [true, s.slice(1)];
  const u = goParseUint(rest, base);
  if (u === null) return null;
  if (!neg && u > INT64_MAX) return null;
  if (neg && u > -INT64_MIN) return null;
  return neg ? -u : u;
}

/** strconv's underscoreOK: underscores only between digits. */
export function goUnderscoreOK(s: string): boolean {
  let saw = '^';
  let t = s;
  if (t.length >= 1 && (t[0] === '-' || t[0] === '+')) t = t.slice(1);
  for (const ch of t) {
    if (ch >= '0' && ch <= '9') {
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

/** strconv.ParseFloat(s, 64) for decimal syntax (all go-yaml can hand it here); null on error, including overflow. */
export function goParseDecimalFloat(s: string): number | null {
  if (!/^[+-]?(?:[0-9_]*\.?[0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?$/.test(s)) return null;
  if (!/[0-9]/.test(s.replace(/[eE].*$/, ''))) return null;
  if (s.includes('_') && !goUnderscoreOK(s)) return null;
  const n = Number(s.replace(/_/g, ''));
  // Overflow is ErrRange in Go (go-yaml then keeps the scalar a string); underflow to 0 is fine.
  return Number.isFinite(n) ? n : null;
}
