/**
 * Which YAML documents the `yaml` package may read differently from go-yaml
 * without saying so. Everything else it reads the same way, or refuses (and a
 * refusal sends the document to go-yaml's rules anyway). The test runs before
 * the document's parse and costs a few percent of it; it may say yes too often
 * (the careful path is exact, only slower), never too rarely.
 */
import { MAX_NESTING } from './decode';

/**
 * Characters and spellings go-yaml treats its own way:
 * - tabs, line breaks YAML 1.2 no longer has (NEL, LS, PS, a lone CR), byte
 *   order marks, characters go-yaml's reader refuses, lone surrogates;
 * - `%` directives, `...` document ends, block scalar indentation indicators;
 * - escapes go-yaml refuses (`\/`, surrogate and out-of-range `\u`, `\U`);
 * - an empty implicit key (`: value`), which go-yaml refuses;
 * - anchors, aliases and tags (candidates: see `tokenStart`).
 */
const SUSPECT =
  /[\t\u0085\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\r(?!\n)|^%|^\.\.\.(?=[ \t\r\n]|$)|\\[/uU]|[|>][+-]?[1-9]|^[ \t]*(?:[-?][ \t]+)*:(?=[ \t\r\n]|$)|[&*!]/gm;

/**
 * Characters that cannot begin a plain scalar, or that begin one only when
 * followed by a non-blank (`-`, `?`, `:`), which is not worth telling apart.
 */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/**
 * Whether `text[at]` begins a token: after indentation, a blank, or a flow
 * indicator, and outside a quoted scalar of its line. In block context, a
 * character after a blank inside a plain scalar (a CronJob's schedule,
 * `0 *\/6 * * *`) begins none: the scalar goes on to the end of the line, a
 * `: ` or a ` #`, for the `yaml` package and go-yaml alike; and where the line
 * goes on with a quoted or block scalar of earlier lines, it is text as well.
 */
function tokenStart(text: string, lineStart: number, at: number): boolean {
  let p = lineStart;
  let previous = 0x20;
  // A plain scalar began on this line and has not ended; a flow collection opened on it (then no plain scalar is trusted).
  let plain = false;
  let flow = false;
  while (p < at) {
    const c = text.charCodeAt(p);
    const atToken = previous === 0x20 || previous === 0x09 || previous === 0x5b || previous === 0x7b || previous === 0x2c;
    if (plain) {
      if (c === 0x3a) {
        const next = p + 1 < text.length ? text.charCodeAt(p + 1) : 0x0a;
        if (next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d) plain = false;
      }
    } else if (atToken && !flow) {
      if (c === 0x5b || c === 0x7b) flow = true;
      else if (c !== 0x20 && c !== 0x09 && !NOT_PLAIN_START.has(c)) plain = true;
    }
    if (atToken && (c === 0x22 || c === 0x27)) {
      // A quoted scalar: skip to its end on this line; one that runs past `at` holds it.
      let q = p + 1;
      for (;;) {
        q = text.indexOf(c === 0x22 ? '"' : "'", q);
        if (q === -1 || q > at) return false;
        const lineBreak = text.indexOf('\n', p);
        if (lineBreak !== -1 && lineBreak < q) return true; // runs over the line: be careful
        if (c === 0x22 && text.charCodeAt(q - 1) === 0x5c) {
          let backslashes = 0;
          for (let b = q - 1; text.charCodeAt(b) === 0x5c; b--) backslashes++;
          if (backslashes % 2 === 1) {
            q++;
            continue;
          }
        }
        if (c === 0x27 && text.charCodeAt(q + 1) === 0x27) {
          q += 2;
          continue;
        }
        break;
      }
      p = q + 1;
      previous = c;
      continue;
    }
    if (c === 0x23 && (previous === 0x20 || previous === 0x09)) return false; // in a comment
    previous = c;
    p++;
  }
  if (plain) return false;
  return previous === 0x20 || previous === 0x09 || previous === 0x5b || previous === 0x7b || previous === 0x2c || p === lineStart;
}

/**
 * A document that may nest deeper than the reader follows (MAX_NESTING): many
 * brackets, deep indentation, long runs of "- " or "? ". go-yaml then measures
 * the depth before the `yaml` package ever sees the text.
 */
function mayNestDeeply(slice: string): boolean {
  let brackets = 0;
  for (const bracket of ['[', '{']) {
    for (let at = slice.indexOf(bracket); at !== -1; at = slice.indexOf(bracket, at + 1)) if (++brackets > MAX_NESTING) return true;
  }
  return slice.includes(DEEP_INDENT) || slice.includes(DEEP_ENTRIES) || slice.includes(DEEP_KEYS);
}

const DEEP_INDENT = '\n' + ' '.repeat(MAX_NESTING);
const DEEP_ENTRIES = '- '.repeat(MAX_NESTING / 2);
const DEEP_KEYS = '? '.repeat(MAX_NESTING / 2);

/**
 * A flow collection that goes on past its line. Inside one the `yaml` package
 * takes a key that runs over lines (`{a\nb: 1}`), which go-yaml refuses; and
 * its indentation rules differ.
 */
function opensMultilineFlow(slice: string): boolean {
  const seen = new Set<number>();
  for (const bracket of ['[', '{']) {
    for (let at = slice.indexOf(bracket); at !== -1; at = slice.indexOf(bracket, at + 1)) {
      const lineStart = slice.lastIndexOf('\n', at) + 1;
      if (seen.has(lineStart) || !tokenStart(slice, lineStart, at)) continue;
      seen.add(lineStart);
      if (flowContinues(slice, at)) return true;
    }
  }
  return false;
}

/** Whether the flow collection opening at `at` is still open at the end of its line. */
function flowContinues(slice: string, at: number): boolean {
  let depth = 0;
  let previous = 0x20;
  for (let p = at; p < slice.length; p++) {
    const c = slice.charCodeAt(p);
    if (c === 0x0a || c === 0x0d) break;
    if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      if (--depth === 0) return false;
    } else if (
      (c === 0x22 || c === 0x27) &&
      (previous === 0x20 || previous === 0x09 || previous === 0x5b || previous === 0x7b || previous === 0x2c || previous === 0x3a)
    ) {
      // A quoted scalar inside the flow: it must close on this line.
      let q = p + 1;
      for (;;) {
        const close = slice.indexOf(c === 0x22 ? '"' : "'", q);
        const lineEnd = slice.indexOf('\n', p);
        if (close === -1 || (lineEnd !== -1 && close > lineEnd)) return true;
        if (c === 0x22 && backslashes(slice, close) % 2 === 1) {
          q = close + 1;
          continue;
        }
        if (c === 0x27 && slice.charCodeAt(close + 1) === 0x27) {
          q = close + 2;
          continue;
        }
        p = close;
        break;
      }
    } else if (c === 0x23 && (previous === 0x20 || previous === 0x09)) {
      break;
    }
    previous = c;
  }
  return depth > 0;
}

function backslashes(text: string, before: number): number {
  let n = 0;
  while (text.charCodeAt(before - 1 - n) === 0x5c) n++;
  return n;
}

/** A line longer than go-yaml's 1024-character limit on implicit keys. */
function hasLongLine(text: string, start: number, end: number): boolean {
  if (end - start <= 1024) return false;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    if (lineEnd - lineStart > 1024) return true;
    lineStart = lineEnd + 1;
  }
  return false;
}

/** Whether a YAML document (`text[start, end)`) must be read by go-yaml's rules rather than trusted to the `yaml` package. */
export function needsCarefulReading(text: string, start: number, end: number): boolean {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  // A piece without a final line break (the file's last): kubectl adds one, which a block scalar keeps.
  if (end > start && text.charCodeAt(end - 1) !== 0x0a && /[|>]/.test(slice)) return true;
  if (hasLongLine(text, start, end)) return true;
  if (mayNestDeeply(slice)) return true;
  if (opensMultilineFlow(slice)) return true;
  SUSPECT.lastIndex = 0;
  for (let m = SUSPECT.exec(slice); m; m = SUSPECT.exec(slice)) {
    const c = m[0];
    if (c !== '&' && c !== '*' && c !== '!') return true;
    const lineStart = slice.lastIndexOf('\n', m.index) + 1;
    if (tokenStart(slice, lineStart, m.index)) return true;
  }
  return false;
}

/**
 * Whether a document the block composer took (`block-composer.ts`) must still
 * be read by go-yaml's rules. Its subset holds nothing `needsCarefulReading`
 * looks for, except where both parsers read it alike (a `[`, `|2` or `*` inside
 * a plain scalar) and its depth is far below MAX_NESTING: no tabs or other
 * refused characters, no CR, no directives or markers, no escapes, no block
 * scalars, no empty keys, anchors, aliases or tags, no flow collection but
 * `[]` and `{}`. What remains is go-yaml's limit on the length of a line.
 */
export function composedNeedsCarefulReading(text: string, start: number, end: number): boolean {
  return hasLongLine(text, start, end);
}
