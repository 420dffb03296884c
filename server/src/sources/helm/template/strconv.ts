/**
 * The parts of Go's `strconv` and `unicode/utf8` that templates and `fmt`
 * observe: float formatting (`%v` is the shortest representation, `%e`/`%f`
 * round the exact binary value half to even), quoting, and the number and
 * string literal syntax of the template parser.
 */

// UTF-8.

/** Bytes of the UTF-8 encoding (lone surrogates become U+FFFD, as Go's conversion of invalid runes does). */
export function utf8Encode(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** `len(s)` of a Go string: its UTF-8 byte length. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The number of runes (code points), as `utf8.RuneCountInString`. */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return printable.test(String.fromCodePoint(r));
}

/** `strconv.IsGraphic`: IsPrint plus the Unicode space separators (Zs). */
export function isGraphic(r: number): boolean {
  if (isPrint(r)) return true;
  return r > 0x7f && r <= 0x10ffff && /^\p{Zs}$/u.test(String.fromCodePoint(r));
}

// Quoting.

const lowerHex = '0123456789abcdef';

function hexDigits(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function appendEscapedRune(out: string[], r: number, quote: number, asciiOnly: boolean, graphicOnly: boolean): void {
  if (r === quote || r === 0x5c) {
    out.push('\\', String.fromCodePoint(r));
    return;
  }
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) {
      out.push(String.fromCodePoint(r));
      return;
    }
  } else if (isPrint(r) || (graphicOnly && isGraphic(r))) {
    out.push(String.fromCodePoint(r));
    return;
  }
  switch (r) {
    case 0x07:
      out.push('\\a');
      return;
    case 0x08:
      out.push('\\b');
      return;
    case 0x0c:
      out.push('\\f');
      return;
    case 0x0a:
      out.push('\\n');
      return;
    case 0x0d:
      out.push('\\r');
      return;
    case 0x09:
      out.push('\\t');
      return;
    case 0x0b:
      out.push('\\v');
      return;
  }
  if (r < 0x20 || r === 0x7f) {
    out.push('\\x', lowerHex[r >> 4], lowerHex[r & 15]);
    return;
  }
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  if (r < 0x10000) out.push('\\u', hexDigits(r, 4));
  else out.push('\\U', hexDigits(r, 8));
}

function quoteWith(s: string, quote: number, asciiOnly: boolean, graphicOnly: boolean): string {
  const out: string[] = [String.fromCharCode(quote)];
  for (const ch of s) appendEscapedRune(out, ch.codePointAt(0) as number, quote, asciiOnly, graphicOnly);
  out.push(String.fromCharCode(quote));
  return out.join('');
}

/** `strconv.Quote`. */
export function quote(s: string): string {
  // Fast path: nothing to escape.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return '"' + s + '"';
  return quoteWith(s, 0x22, false, false);
}

/** `strconv.QuoteToASCII`. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 0x22, true, false);
}

/** `strconv.QuoteRune` (invalid runes quote as U+FFFD). */
export function quoteRune(r: number, asciiOnly = false): string {
  if (r > 0x10ffff || r < 0 || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  const out: string[] = ["'"];
  appendEscapedRune(out, r, 0x27, asciiOnly, false);
  out.push("'");
  return out.join('');
}

/** `strconv.CanBackquote`. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    if (r >= 0x80) {
      if (r === 0xfeff || (r >= 0xd800 && r <= 0xdfff)) return false;
      continue;
    }
    if ((r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

// Unquoting (template string and character literals).

function unhex(c: string): number {
  const v = parseInt(c, 16);
  return Number.isNaN(v) ? -1 : v;
}

/**
 * `strconv.UnquoteChar` over a UTF-16 string: one escaped or literal character
 * at `at`. Returns the value, whether it is a byte (`\x`, octal) rather than a
 * rune, and the offset after it; null for a syntax error.
 */
export function unquoteChar(s: string, at: number, quoteChar: string): { value: number; byte: boolean; next: number } | null {
  const c = s[at];
  if (c === undefined) return null;
  if (c === quoteChar && (quoteChar === "'" || quoteChar === '"')) return null;
  if (c !== '\\') {
    const cp = s.codePointAt(at) as number;
    return { value: cp, byte: false, next: at + (cp > 0xffff ? 2 : 1) };
  }
  const e = s[at + 1];
  if (e === undefined) return null;
  let next = at + 2;
  switch (e) {
    case 'a':
      return { value: 7, byte: false, next };
    case 'b':
      return { value: 8, byte: false, next };
    case 'f':
      return { value: 12, byte: false, next };
    case 'n':
      return { value: 10, byte: false, next };
    case 'r':
      return { value: 13, byte: false, next };
    case 't':
      return { value: 9, byte: false, next };
    case 'v':
      return { value: 11, byte: false, next };
    case 'x':
    case 'u':
    case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      if (s.length - next < n) return null;
      let v = 0;
      for (let j = 0; j < n; j++) {
        const d = unhex(s[next + j]);
        if (d < 0) return null;
        v = v * 16 + d;
      }
      next += n;
      if (e === 'x') return { value: v, byte: true, next };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
      return { value: v, byte: false, next };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      let v = e.charCodeAt(0) - 48;
      if (s.length - next < 2) return null;
      for (let j = 0; j < 2; j++) {
        const d = s.charCodeAt(next + j) - 48;
        if (d < 0 || d > 7) return null;
        v = (v << 3) | d;
      }
      next += 2;
      if (v > 255) return null;
      return { value: v, byte: true, next };
    }
    case '\\':
      return { value: 0x5c, byte: false, next };
    case "'":
    case '"':
      if (e !== quoteChar) return null;
      return { value: e.charCodeAt(0), byte: false, next };
    default:
      return null;
  }
}

/** `strconv.Unquote` of a "…" or `…` literal; null for "invalid syntax". */
export function unquote(s: string): string | null {
  if (s.length < 2) return null;
  const q = s[0];
  if (q !== s[s.length - 1]) return null;
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) return null;
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== '"') return null;
  if (!body.includes('\\') && !body.includes('"') && !body.includes('\n')) return body;
  if (body.includes('\n')) return null;
  const bytes: number[] = [];
  for (let i = 0; i < body.length;) {
    const r = unquoteChar(body, i, '"');
    if (!r) return null;
    if (r.byte || r.value < 0x80) bytes.push(r.value);
    else for (const b of utf8Encode(String.fromCodePoint(r.value))) bytes.push(b);
    i = r.next;
  }
  return utf8Decode(Uint8Array.from(bytes));
}

// Number literals (Go syntax, base 0, underscores).

function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    const lc = c.toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** `strconv.ParseUint(s, 0, 64)`; null on any error. */
export function parseUint64(s0: string): bigint | null {
  if (s0 === '') return null;
  let s = s0;
  let base = 10n;
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && p === 'b') {
      base = 2n;
      s = s.slice(2);
    } else if (s.length >= 3 && p === 'o') {
      base = 8n;
      s = s.slice(2);
    } else if (s.length >= 3 && p === 'x') {
      base = 16n;
      s = s.slice(2);
    } else {
      base = 8n;
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  const max = (1n << 64n) - 1n;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (!/^[0-9a-zA-Z]$/.test(c)) return null;
    const d = BigInt(parseInt(c, 36));
    if (d >= base) return null;
    n = n * base + d;
    if (n > max) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  return n;
}

/** `strconv.ParseInt(s, 0, 64)`; null on any error. */
export function parseInt64(s: string): bigint | null {
  if (s === '') return null;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const u = parseUint64(s);
  if (u === null) return null;
  if (!neg && u >= 1n << 63n) return null;
  if (neg && u > 1n << 63n) return null;
  return neg ? -u : u;
}

/** `strconv.ParseFloat(s, 64)` in Go's syntax; null on a syntax or range error. */
export function parseFloat64(s0: string): number | null {
  let s = s0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const lower = s.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return neg ? -Infinity : Infinity;
  if (lower === 'nan') return NaN;
  if (s.includes('_')) {
    if (!underscoreOK(s0)) return null;
    s = s.replace(/_/g, '');
  }
  let value: number;
  if (/^0[xX]/.test(s)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
    const digits = m[1] + (m[2] ?? '');
    const mant = BigInt('0x' + (digits || '0'));
    const exp = Number(m[3]) - 4 * (m[2] ?? '').length;
    value = scaleByPowerOfTwo(mant, exp);
  } else {
    if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return null;
    value = Number(s);
  }
  if (!Number.isFinite(value)) return null;
  return neg ? -value : value;
}

/** mant × 2^exp as a double (rounded once, except for results below the normal range). */
function scaleByPowerOfTwo(mant: bigint, exp: number): number {
  let v = Number(mant);
  let e = exp;
  while (e > 0 && Number.isFinite(v)) {
    const step = Math.min(e, 1000);
    v *= 2 ** step;
    e -= step;
  }
  while (e < 0 && v !== 0) {
    const step = Math.max(e, -1000);
    v *= 2 ** step;
    e -= step;
  }
  return v;
}

// Float formatting.

const view = new DataView(new ArrayBuffer(8));

interface FloatBits {
  neg: boolean;
  /** Mantissa with the implicit bit. */
  mant: bigint;
  /** Exponent such that |v| = mant × 2^exp. */
  exp: number;
}

function floatBits(v: number, bitSize: 32 | 64): FloatBits {
  if (bitSize === 32) {
    view.setFloat32(0, v);
    const b = view.getUint32(0);
    const neg = b >>> 31 === 1;
    const e = (b >>> 23) & 0xff;
    let m = BigInt(b & 0x7fffff);
    if (e === 0) return { neg, mant: m, exp: -149 };
    m |= 1n << 23n;
    return { neg, mant: m, exp: e - 127 - 23 };
  }
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return { neg, mant: m, exp: -1074 };
  m |= 1n << 52n;
  return { neg, mant: m, exp: e - 1023 - 52 };
}

/** Decimal digits (no leading or trailing zeros) and the decimal point position: value = 0.d1d2… × 10^dp. */
interface Decimal {
  d: string;
  dp: number;
}

function exactDecimal(bits: FloatBits): Decimal {
  if (bits.mant === 0n) return { d: '', dp: 0 };
  let digits: string;
  let dp: number;
  if (bits.exp >= 0) {
    digits = (bits.mant << BigInt(bits.exp)).toString();
    dp = digits.length;
  } else {
    digits = (bits.mant * 5n ** BigInt(-bits.exp)).toString();
    dp = digits.length + bits.exp;
  }
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Round to `nd` digits, half to even on the exact value; trailing zeros trimmed. */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const digit = a.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (digit === 5 && nd + 1 === a.d.length) up = nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = digit >= 5;
  if (!up) return { d: a.d.slice(0, nd).replace(/0+$/, ''), dp: nd === 0 ? 0 : a.dp };
  let i = nd - 1;
  while (i >= 0 && a.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function shortestDecimal(v: number, bitSize: 32 | 64): Decimal {
  const abs = Math.abs(v);
  if (abs === 0) return { d: '', dp: 0 };
  let text: string;
  if (bitSize === 64) {
    text = abs.toExponential();
  } else {
    text = abs.toExponential(8);
    for (let p = 1; p <= 9; p++) {
      const candidate = abs.toExponential(p - 1);
      if (Math.fround(Number(candidate)) === abs) {
        text = candidate;
        break;
      }
    }
  }
  const [mantissa, exponent] = text.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { d: digits, dp: Number(exponent) + 1 };
}

function fmtE(neg: boolean, d: Decimal, prec: number, fmt: string): string {
  let out = neg ? '-' : '';
  out += d.d.length === 0 ? '0' : d.d[0];
  if (prec > 0) {
    out += '.';
    const frac = d.d.slice(1, 1 + prec);
    out += frac + '0'.repeat(prec - frac.length);
  }
  out += fmt;
  let exp = d.d.length === 0 ? 0 : d.dp - 1;
  if (exp < 0) {
    out += '-';
    exp = -exp;
  } else out += '+';
  out += exp < 10 ? '0' + exp : String(exp);
  return out;
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    const int = d.d.slice(0, d.dp);
    out += int + '0'.repeat(d.dp - int.length);
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j < 0 || j >= d.d.length ? '0' : d.d[j];
    }
  }
  return out;
}

function fmtB(bits: FloatBits, bitSize: 32 | 64): string {
  let exp = bits.exp;
  if (bits.mant === 0n) exp = bitSize === 64 ? -1074 : -149;
  return (bits.neg ? '-' : '') + bits.mant.toString() + 'p' + (exp >= 0 ? '+' : '-') + Math.abs(exp);
}

function fmtX(bits: FloatBits, prec: number, fmt: 'x' | 'X', bitSize: 32 | 64): string {
  const mantBits = bitSize === 64 ? 52 : 23;
  let mant = bits.mant;
  // Exponent of the leading bit: value = 1.xxx × 2^exp.
  let exp = mant === 0n ? 0 : bits.exp + mantBits;
  mant <<= BigInt(60 - mantBits);
  const one = 1n << 60n;
  const mask60 = (1n << 64n) - 1n;
  while (mant !== 0n && (mant & one) === 0n) {
    mant = (mant << 1n) & mask60;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (one - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : lowerHex;
  let out = (bits.neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & mask60;
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & mask60;
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & mask60;
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  out += e < 10 ? '0' + e : String(e);
  return out;
}

/** `strconv.FormatFloat(v, fmt, prec, bitSize)`. */
export function formatFloat(v: number, fmt: string, prec: number, bitSize: 32 | 64 = 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const bits = floatBits(v, bitSize);
  if (fmt === 'b') return fmtB(bits, bitSize);
  if (fmt === 'x' || fmt === 'X') return fmtX(bits, prec, fmt, bitSize);
  const neg = bits.neg;
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(v, bitSize);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(d.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(d.d.length - d.dp, 0);
        break;
      case 'g':
      case 'G':
        prec = d.d.length;
        break;
    }
  } else {
    d = exactDecimal(bits);
    switch (fmt) {
      case 'e':
      case 'E':
        d = roundDecimal(d, prec + 1);
        break;
      case 'f':
        d = roundDecimal(d, d.dp + prec);
        break;
      case 'g':
      case 'G':
        if (prec === 0) prec = 1;
        d = roundDecimal(d, prec);
        break;
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, d, prec, fmt);
    case 'f':
      return fmtF(neg, d, prec);
    case 'g':
    case 'G': {
      let eprec = prec;
      const nd = d.d.length;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (nd === 0 ? false : exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, d, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > d.dp) prec = nd;
      return fmtF(neg, d, Math.max(prec - d.dp, 0));
    }
  }
  return '%' + fmt;
}

/**
 * Whether an exception is the JavaScript engine's stack overflow (a
 * RangeError, or another error whose construction itself ran out of stack).
 * Kept to plain property reads: it runs where little stack is left.
 */
export function isStackOverflow(error: unknown): boolean {
  try {
    return (error instanceof RangeError || error instanceof SyntaxError) && error.message.includes('call stack');
  } catch {
    return true;
  }
}
