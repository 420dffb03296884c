/**
 * Go's `regexp` (RE2 syntax, leftmost-first matching) on JavaScript's
 * engine: a Go pattern is parsed with Go's rules and error texts, then
 * written as an equivalent JavaScript pattern (`u` mode, no flags; Go's
 * `(?i)`, `(?m)`, `(?s)`, `(?U)` are compiled into the pattern itself,
 * `.`/`\s`/`^`/`$` keep Go's meanings). Both engines prefer the leftmost
 * match and, within it, the first alternative, so matches agree; the
 * iteration of `FindAll`, `ReplaceAll` and `Split` around empty matches is
 * Go's. Compiled patterns are cached.
 */
import { GoError } from '../../template/funcs';
import { canBackquote, quote } from '../../template/strconv';
import { lowerString, upperString } from './unicode';

export class RegexpError extends GoError {}

function syntaxError(code: string, expr: string): RegexpError {
  return new RegexpError(`error parsing regexp: ${code}: \`${expr}\``);
}

const MAX_CODE_POINT = 0x10ffff;

type Range = [number, number];

interface CharClass {
  ranges: Range[];
  /** JavaScript property escapes (`p{L}`, `P{Script=Greek}`) joined into the class. */
  props: string[];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const perlClasses: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const posixClasses: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: perlClasses.w,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const generalCategories = new Set([
  'C',
  'Cc',
  'Cf',
  'Co',
  'Cs',
  'L',
  'Ll',
  'Lm',
  'Lo',
  'Lt',
  'Lu',
  'M',
  'Mc',
  'Me',
  'Mn',
  'N',
  'Nd',
  'Nl',
  'No',
  'P',
  'Pc',
  'Pd',
  'Pe',
  'Pf',
  'Pi',
  'Po',
  'Ps',
  'S',
  'Sc',
  'Sk',
  'Sm',
  'So',
  'Z',
  'Zl',
  'Zp',
  'Zs',
]);

function negate(ranges: Range[]): Range[] {
  const sorted = normalize(ranges);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Code points equal to `r` under Go's simple case folding (the common orbits; Kelvin and long s included). */
function folds(r: number): number[] {
  const c = String.fromCodePoint(r);
  const set = new Set<number>([r]);
  for (const v of [lowerString(c), upperString(c)]) {
    const cp = v.codePointAt(0) as number;
    if (v.length === (cp > 0xffff ? 2 : 1)) set.add(cp);
  }
  if (r === 0x6b || r === 0x4b) set.add(0x212a);
  if (r === 0x212a) {
    set.add(0x6b);
    set.add(0x4b);
  }
  if (r === 0x73 || r === 0x53) set.add(0x17f);
  if (r === 0x17f) {
    set.add(0x73);
    set.add(0x53);
  }
  return [...set];
}

function foldRanges(ranges: Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi - lo > 0x3000) continue;
    for (let r = lo; r <= hi; r++) for (const f of folds(r)) if (f !== r) out.push([f, f]);
  }
  return normalize(out);
}

function escapeCodePoint(r: number): string {
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\u{' + r.toString(16) + '}';
}

function classSource(cls: CharClass, negated: boolean): string {
  const body = normalize(cls.ranges)
    .map(([lo, hi]) => (lo === hi ? escapeCodePoint(lo) : escapeCodePoint(lo) + '-' + escapeCodePoint(hi)))
    .join('');
  const props = cls.props.map((p) => '\\' + p).join('');
  if (!negated && body === '' && props === '') return '[^\\u0000-\\u{10ffff}]';
  return (negated ? '[^' : '[') + body + props + ']';
}

/** A compiled Go regexp: the JavaScript pattern (global, unicode) and the capture groups' names. */
export interface GoRegexp {
  readonly expr: string;
  readonly source: string;
  readonly re: RegExp;
  /** Names of the capture groups, index 0 is the whole match ("" when unnamed). */
  readonly names: readonly string[];
}

class Parser {
  declare private readonly s: string;
  declare private i: number;
  declare private flags: Flags;
  declare readonly names: string[];
  declare private depth: number;

  constructor(s: string) {
    this.s = s;
    this.i = 0;
    this.flags = { i: false, m: false, s: false, U: false };
    this.names = [''];
    this.depth = 0;
  }

  private take(): number {
    const r = this.s.codePointAt(this.i) as number;
    this.i += r > 0xffff ? 2 : 1;
    return r;
  }

  private more(): boolean {
    return this.i < this.s.length;
  }

  parse(): string {
    const out = this.alternation();
    if (this.more()) {
      // Only an unmatched ')' stops the top level.
      throw syntaxError('unexpected )', this.s);
    }
    return out;
  }

  private alternation(): string {
    const branches = [this.concatenation()];
    while (this.more() && this.s[this.i] === '|') {
      this.i++;
      branches.push(this.concatenation());
    }
    return branches.join('|');
  }

  private concatenation(): string {
    const parts: string[] = [];
    // Where the previous repetition operator started, while the last part is a repetition.
    let repeatStart = -1;
    while (this.more()) {
      const c = this.s[this.i];
      if (c === '|' || c === ')') break;
      const braces = c === '{' ? this.repeatAhead() : undefined;
      if (c === '*' || c === '+' || c === '?' || braces) {
        const opStart = this.i;
        let min: number;
        let max: number;
        if (braces) {
          min = braces.min;
          max = braces.max;
          this.i = braces.end;
        } else {
          this.i++;
          min = c === '+' ? 1 : 0;
          max = c === '?' ? 1 : -1;
        }
        const opEnd = this.i;
        let lazy = false;
        if (this.s[this.i] === '?') {
          lazy = true;
          this.i++;
        }
        if (parts.length === 0) throw syntaxError('missing argument to repetition operator', this.s.slice(opStart, opEnd));
        if (repeatStart >= 0) throw syntaxError('invalid nested repetition operator', this.s.slice(repeatStart, this.i));
        if (braces && (min > 1000 || max > 1000 || (max >= 0 && min > max))) throw syntaxError('invalid repeat count', this.s.slice(opStart, opEnd));
        if (this.flags.U) lazy = !lazy;
        const quant = braces ? (max === -1 ? `{${min},}` : min === max ? `{${min}}` : `{${min},${max}}`) : c;
        parts[parts.length - 1] = '(?:' + parts[parts.length - 1] + ')' + quant + (lazy ? '?' : '');
        repeatStart = opStart;
        continue;
      }
      if (this.s.startsWith('\\Q', this.i)) {
        // Each quoted character is its own atom: a repetition after \E applies to the last one.
        const end = this.s.indexOf('\\E', this.i + 2);
        const quoted = end < 0 ? this.s.slice(this.i + 2) : this.s.slice(this.i + 2, end);
        this.i = end < 0 ? this.s.length : end + 2;
        for (const ch of quoted) parts.push(this.literal(ch.codePointAt(0) as number));
        repeatStart = -1;
        continue;
      }
      const atom = this.atom();
      if (atom === null) continue;
      parts.push(atom);
      repeatStart = -1;
    }
    return parts.join('');
  }

  /** `{n}`, `{n,}`, `{n,m}` at the current position (else a literal `{`). */
  private repeatAhead(): { min: number; max: number; end: number } | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    const min = Number(m[1].length > 8 ? 1e9 : m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3].length > 8 ? 1e9 : m[3]);
    return { min, max, end: this.i + m[0].length };
  }

  /** One atom as JavaScript source; null for a flags-only group `(?i)`. */
  private atom(): string | null {
    const c = this.s[this.i];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        this.i++;
        return this.flags.s ? '[\\u0000-\\u{10ffff}]' : '[^\\n]';
      case '^':
        this.i++;
        return this.flags.m ? '(?<![^\\n])' : '^';
      case '$':
        this.i++;
        return this.flags.m ? '(?![^\\n])' : '$';
      case '\\':
        return this.escape();
    }
    return this.literal(this.take());
  }

  private literal(r: number): string {
    if (this.flags.i) {
      const f = folds(r);
      if (f.length > 1) return classSource({ ranges: f.map((x) => [x, x] as Range), props: [] }, false);
    }
    return escapeCodePoint(r);
  }

  private group(): string | null {
    const start = this.i;
    this.i++;
    let capture = true;
    let name = '';
    const saved = { ...this.flags };
    if (this.s[this.i] === '?') {
      const rest = this.s.slice(this.i);
      const named = /^\?P?<([^>]*)>/.exec(rest);
      if (rest.startsWith('?P<') || rest.startsWith('?<')) {
        if (rest.startsWith('?<=') || rest.startsWith('?<!')) throw syntaxError('invalid or unsupported Perl syntax', this.s.slice(start, start + 4));
        if (!named) throw syntaxError('invalid named capture', this.s.slice(start));
        name = named[1];
        if (!/^[A-Za-z0-9_]+$/.test(name)) throw syntaxError('invalid named capture', this.s.slice(start, this.i + named[0].length));
        this.i += named[0].length;
      } else {
        // Flags: (?flags) or (?flags:re).
        let j = this.i + 1;
        let negated = false;
        let sawFlag = false;
        const flags = { ...this.flags };
        for (;;) {
          const f = this.s[j];
          if (f === undefined) throw syntaxError('missing closing )', this.s.slice(start));
          if (f === 'i' || f === 'm' || f === 's' || f === 'U') {
            flags[f] = !negated;
            sawFlag = true;
            j++;
            continue;
          }
          if (f === '-') {
            if (negated) throw syntaxError('invalid or unsupported Perl syntax', this.s.slice(start, j + 1));
            negated = true;
            sawFlag = false;
            j++;
            continue;
          }
          if (f === ':' || f === ')') {
            if (negated && !sawFlag) throw syntaxError('invalid or unsupported Perl syntax', this.s.slice(start, j + 1));
            break;
          }
          throw syntaxError('invalid or unsupported Perl syntax', this.s.slice(start, j + 1));
        }
        if (this.s[j] === ')') {
          this.flags = flags;
          this.i = j + 1;
          return null;
        }
        capture = false;
        this.flags = flags;
        this.i = j + 1;
      }
    }
    if (capture) this.names.push(name);
    if (++this.depth > 1000) throw syntaxError('expression nests too deeply', this.s);
    const inner = this.alternation();
    this.depth--;
    if (this.s[this.i] !== ')') throw syntaxError('missing closing )', this.s);
    this.i++;
    this.flags = saved;
    return (capture ? '(' : '(?:') + inner + ')';
  }

  /** An escape outside a class: a literal, a Perl or Unicode class, or an assertion. */
  private escape(): string {
    const start = this.i;
    this.i++;
    if (!this.more()) throw syntaxError('trailing backslash at end of expression', '');
    const c = this.s[this.i];
    switch (c) {
      case 'A':
        this.i++;
        return '^';
      case 'z':
        this.i++;
        return '$';
      case 'b':
        this.i++;
        return '\\b';
      case 'B':
        this.i++;
        return '\\B';
    }
    this.i = start;
    const cls = this.classEscape();
    if (cls) return classSource(cls.cls, cls.negated);
    return this.literal(this.escapedLiteral());
  }

  /** `\d`, `\pL`, `\P{Greek}`… at the current backslash, or undefined. */
  private classEscape(): { cls: CharClass; negated: boolean } | undefined {
    const c = this.s[this.i + 1];
    if (c !== undefined && 'dswDSW'.includes(c)) {
      this.i += 2;
      const ranges = perlClasses[c.toLowerCase()];
      const folded = this.flags.i ? foldRanges(ranges) : ranges;
      return { cls: { ranges: folded, props: [] }, negated: c !== c.toLowerCase() };
    }
    if (c === 'p' || c === 'P') {
      const start = this.i;
      this.i += 2;
      let name: string;
      if (this.s[this.i] === '{') {
        const end = this.s.indexOf('}', this.i);
        if (end < 0) throw syntaxError('invalid character class range', this.s.slice(start));
        name = this.s.slice(this.i + 1, end);
        this.i = end + 1;
      } else {
        if (!this.more()) throw syntaxError('invalid character class range', this.s.slice(start));
        name = String.fromCodePoint(this.take());
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      const text = this.s.slice(start, this.i);
      if (name === 'Any') return { cls: { ranges: [[0, MAX_CODE_POINT]], props: [] }, negated };
      const prop = generalCategories.has(name) ? `p{${name}}` : `p{Script=${name}}`;
      try {
        new RegExp('\\' + prop, 'u');
      } catch {
        throw syntaxError('invalid character class range', text);
      }
      return { cls: { ranges: [], props: [prop] }, negated };
    }
    return undefined;
  }

  /** The code point of an escape that stands for one character (`\n`, `\x{263a}`, `\.`, `\012`). */
  private escapedLiteral(): number {
    const start = this.i;
    this.i++;
    const c = this.take();
    const ch = String.fromCodePoint(c);
    const bad = (): never => {
      throw syntaxError('invalid escape sequence', this.s.slice(start, this.i));
    };
    if (ch >= '1' && ch <= '7') {
      const nextCh = this.s[this.i];
      if (nextCh === undefined || nextCh < '0' || nextCh > '7') bad();
    }
    if (ch >= '0' && ch <= '7') {
      let v = c - 48;
      for (let k = 1; k < 3 && this.s[this.i] >= '0' && this.s[this.i] <= '7'; k++) v = v * 8 + (this.take() - 48);
      return v;
    }
    switch (ch) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'x': {
        if (this.s[this.i] === '{') {
          const end = this.s.indexOf('}', this.i);
          const hex = end < 0 ? '' : this.s.slice(this.i + 1, end);
          if (end < 0 || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > MAX_CODE_POINT) {
            this.i = end < 0 ? this.s.length : end + 1;
            bad();
          }
          this.i = end + 1;
          return parseInt(hex, 16);
        }
        const hex = this.s.slice(this.i, this.i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
          this.i = Math.min(this.i + 2, this.s.length);
          bad();
        }
        this.i += 2;
        return parseInt(hex, 16);
      }
    }
    if (c < 0x80 && !/[A-Za-z0-9]/.test(ch)) return c;
    return bad();
  }

  private charClass(): string {
    const start = this.i;
    this.i++;
    let negated = false;
    if (this.s[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const cls: CharClass = { ranges: [], props: [] };
    let first = true;
    while (this.more() && (this.s[this.i] !== ']' || first)) {
      // A leading ']' or '-' is literal.
      if (this.s[this.i] === '-' && !first && this.s[this.i + 1] !== ']') {
        const rest = this.s.slice(this.i);
        throw syntaxError('invalid character class range', rest.slice(0, 2));
      }
      first = false;
      if (this.s.startsWith('[:', this.i)) {
        const end = this.s.indexOf(':]', this.i + 2);
        if (end >= 0) {
          let name = this.s.slice(this.i + 2, end);
          let neg = false;
          if (name.startsWith('^')) {
            neg = true;
            name = name.slice(1);
          }
          const ranges = posixClasses[name];
          if (!ranges) throw syntaxError('invalid character class range', this.s.slice(this.i, end + 2));
          this.i = end + 2;
          const r = this.flags.i ? foldRanges(ranges) : ranges;
          cls.ranges.push(...(neg ? negate(r) : r));
          continue;
        }
      }
      if (this.s[this.i] === '\\') {
        const ce = this.classEscape();
        if (ce) {
          if (ce.cls.props.length > 0) cls.props.push(ce.negated ? ce.cls.props[0].replace(/^p/, 'P') : ce.cls.props[0]);
          else cls.ranges.push(...(ce.negated ? negate(ce.cls.ranges) : ce.cls.ranges));
          continue;
        }
      }
      const rangeStart = this.i;
      const lo = this.classChar();
      let hi = lo;
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== undefined && this.s[this.i + 1] !== ']') {
        this.i++;
        hi = this.classChar();
        if (hi < lo) throw syntaxError('invalid character class range', this.s.slice(rangeStart, this.i));
      }
      cls.ranges.push([lo, hi]);
    }
    if (!this.more()) throw syntaxError('missing closing ]', this.s.slice(start));
    this.i++;
    if (this.flags.i) cls.ranges = foldRanges(cls.ranges);
    return classSource(cls, negated);
  }

  private classChar(): number {
    if (this.s[this.i] === '\\') {
      if (this.i + 1 >= this.s.length) throw syntaxError('trailing backslash at end of expression', '');
      return this.escapedLiteral();
    }
    return this.take();
  }
}

const cache = new Map<string, GoRegexp>();
const CACHE_SIZE = 512;

/** `regexp.Compile`: the compiled pattern, or a RegexpError with Go's message. */
export function compileGoRegexp(expr: string): GoRegexp {
  const cached = cache.get(expr);
  if (cached) return cached;
  const parser = new Parser(expr);
  const source = parser.parse();
  let re: RegExp;
  try {
    re = new RegExp(source, 'gu');
  } catch (error) {
    throw new RegexpError(`error parsing regexp: ${(error as Error).message}: \`${expr}\``);
  }
  const compiled: GoRegexp = { expr, source, re, names: parser.names };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(expr, compiled);
  return compiled;
}

/** `regexp.MustCompile`'s panic text. */
export function mustCompile(expr: string): GoRegexp {
  try {
    return compileGoRegexp(expr);
  } catch (error) {
    if (error instanceof RegexpError) throw new GoError(`regexp: Compile(${canBackquote(expr) ? '`' + expr + '`' : quote(expr)}): ${error.message}`);
    throw error;
  }
}

function execAt(r: GoRegexp, s: string, pos: number): RegExpExecArray | null {
  r.re.lastIndex = pos;
  return r.re.exec(s);
}

function width(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
}

/** Go's `allMatches`: successive non-overlapping matches; an empty match right after a match is dropped. */
export function allMatches(r: GoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n < 0) n = s.length + 1;
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n && pos <= s.length) {
    const m = execAt(r, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? width(s, pos) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

export function matchString(r: GoRegexp, s: string): boolean {
  return execAt(r, s, 0) !== null;
}

export function findString(r: GoRegexp, s: string): string {
  return execAt(r, s, 0)?.[0] ?? '';
}

/** `FindAllString`: null for no match (Go's nil slice). */
export function findAllString(r: GoRegexp, s: string, n: number): string[] | null {
  if (n === 0) return null;
  const matches = allMatches(r, s, n);
  return matches.length === 0 ? null : matches.map((m) => m[0]);
}

/** `Regexp.Expand` of a `$1`/`${name}` template for one match. */
function expand(r: GoRegexp, template: string, m: RegExpExecArray): string {
  let out = '';
  let t = template;
  for (;;) {
    const at = t.indexOf('$');
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    let name: string;
    let rest: string;
    if (t.startsWith('{')) {
      const close = t.indexOf('}');
      name = close < 0 ? '' : t.slice(1, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(name)) {
        out += '$';
        continue;
      }
      rest = t.slice(close + 1);
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(t);
      if (!word) {
        out += '$';
        continue;
      }
      name = word[0];
      rest = t.slice(name.length);
    }
    t = rest;
    if (/^[0-9]+$/.test(name)) {
      const num = name.length > 8 ? -1 : Number(name);
      if (num >= 0 && num < m.length && m[num] !== undefined) out += m[num];
    } else {
      for (let index = 1; index < r.names.length; index++)
        if (r.names[index] === name && m[index] !== undefined) {
          out += m[index];
          break;
        }
    }
  }
  return out + t;
}

/** `ReplaceAllString` (`literal`: `ReplaceAllLiteralString`). */
export function replaceAllString(r: GoRegexp, src: string, repl: string, literal: boolean): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    const m = execAt(r, src, searchPos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += literal ? repl : expand(r, repl, m);
    lastMatchEnd = end;
    const w = searchPos < src.length ? width(src, searchPos) : 1;
    if (searchPos + w > end) searchPos += w;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

/** `Regexp.Split`: null for n == 0 (Go's nil slice). */
export function split(r: GoRegexp, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (r.expr.length > 0 && s.length === 0) return [''];
  const matches = allMatches(r, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** `regexp.QuoteMeta`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** `FindStringSubmatch`: the match and its groups (undefined for a group that did not take part), or null. */
export function findStringSubmatch(r: GoRegexp, s: string): (string | undefined)[] | null {
  const m = execAt(r, s, 0);
  return m ? [...m] : null;
}

/** `FindAllStringSubmatch(s, -1)`. */
export function findAllStringSubmatch(r: GoRegexp, s: string): (string | undefined)[][] {
  return allMatches(r, s, -1).map((m) => [...m]);
}
