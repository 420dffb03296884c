/**
 * The `yaml` package's parse of a document in the plain block style, made
 * without its lexer, CST parser and composer.
 *
 * Generated and rendered manifests (kubectl's output, Helm's, kustomize's,
 * most hand-written ones) are block mappings and sequences of single-line
 * plain or quoted scalars. For such a document this module builds exactly the
 * `Document` that `parseDocument(text, YAML_PARSE_OPTIONS)` builds: the same
 * node classes, ranges, values, scalar styles and formats (scalars are
 * resolved by the package's own core-schema tags), blank-line flags and
 * document markers. That parse is about four fifths of the analysis of a big
 * file, and this one takes a fraction of it.
 *
 * Anything else (comments, anchors, aliases, tags, block scalars, multi-line
 * or escaped scalars, non-empty flow collections, CRs, tabs, odd indentation,
 * anything the package would report) returns null, and the caller parses
 * with the package. The fast path may decline too often, never differ: the
 * tests compare both parses node by node on every document of the test data,
 * and the fuzz suite on random edits of them.
 */
import { Document, isScalar, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { YAML_PARSE_OPTIONS } from './careful';
import { constructingFactory, nodeFactory, type NodeFactory } from './composed-nodes';

/** Thrown (not an Error: no stack is captured) where the document leaves the subset. */
const UNSUPPORTED = { unsupported: true };
const MAX_DEPTH = 64;
const DOUBLED_QUOTES = /''/g;

const NEWLINE = 0x0a;
const SPACE = 0x20;
const DASH = 0x2d;
const COLON = 0x3a;
const HASH = 0x23;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

type ScalarTag = {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
};

let tagsOfSchema: ScalarTag[] | null = null;
/** Whether the schema's tests are the core schema's as this module knows them, so that `mayResolve` holds. */
let knownTests = false;

/** The tests of yaml 2's core schema: each takes only an empty text, a word of CORE_WORDS, or a text whose first character `mayResolve` accepts. */
const CORE_TESTS = [
  '^(?:~|[Nn]ull|NULL)?$',
  '^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$',
  '^0o[0-7]+$',
  '^[-+]?[0-9]+$',
  '^0x[0-9a-fA-F]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$',
  '^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$',
];

/** The core schema's scalar tags in the order the composer tries them (`findScalarTagByTest`). */
function scalarTags(document: Document): ScalarTag[] {
  if (!tagsOfSchema) {
    tagsOfSchema = (document.schema.tags as unknown as ScalarTag[]).filter((tag) => tag.test !== undefined);
    knownTests = tagsOfSchema.length === CORE_TESTS.length && tagsOfSchema.every((tag, i) => tag.test!.source === CORE_TESTS[i]);
  }
  return tagsOfSchema;
}

/** The only texts beginning with a letter that the core schema's tests take (as null or a boolean). */
const CORE_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** Whether a plain text can be anything but a string in the core schema: most (names, images, quantities) cannot, and skip the tests. */
function mayResolve(source: string): boolean {
  if (!knownTests || source.length === 0) return true;
  const c = source.charCodeAt(0);
  // A key or value that begins with a letter (name, namespace, template, failureThreshold) is a string unless it is one of the words.
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return CORE_WORDS.has(source);
  // ~ + - . 0-9
  return c === 0x7e || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39);
}

function onResolveError(): never {
  throw UNSUPPORTED;
}

/** Characters the subset refuses anywhere: tabs, CR, C0 and C1 controls, DEL, the line breaks and marks YAML 1.1 tools read their own way. */
function refused(c: number): boolean {
  return (
    (c < SPACE && c !== NEWLINE) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe
  );
}

/** Characters that cannot begin a plain scalar of the subset (the YAML indicators, and `-` before a blank). */
function indicatorStart(c: number): boolean {
  switch (c) {
    case 0x3f: // ?
    case COLON:
    case 0x2c: // ,
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case OPEN_BRACE:
    case CLOSE_BRACE:
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case DOUBLE_QUOTE:
    case SINGLE_QUOTE:
      return true;
    default:
      return false;
  }
}

class BlockComposer {
  private readonly length: number;
  private readonly document: Document.Parsed;
  private readonly tags: ScalarTag[];
  private readonly nodes: NodeFactory;
  /** Where the line after the last node parsed begins. */
  private cursor = 0;

  constructor(private readonly text: string) {
    this.length = text.length;
    this.document = new Document(undefined, YAML_PARSE_OPTIONS) as Document.Parsed;
    this.tags = scalarTags(this.document);
    this.nodes = nodeFactory(this.document.schema) ?? constructingFactory(this.document.schema);
  }

  compose(): Document.Parsed {
    const text = this.text;
    let p = 0;
    if (text.startsWith('---') && (this.length === 3 || text.charCodeAt(3) === NEWLINE || text.charCodeAt(3) === SPACE)) {
      p = this.skipSpaces(3);
      if (p < this.length && text.charCodeAt(p) !== NEWLINE) throw UNSUPPORTED;
      p++;
      this.document.directives.docStart = true;
    }
    const prelude = this.document.directives.docStart ? this.prelude(p) : null;
    const line = prelude ? prelude.line : this.nextContentLine(p);
    if (line < 0) throw UNSUPPORTED; // an empty document: rare, and its empty scalar has rules of its own
    if (text.charCodeAt(line) === SPACE) throw UNSUPPORTED;
    if (this.isMarker(line)) throw UNSUPPORTED;
    const contents = this.blockNode(line, 0, 0);
    // Blank lines and comments before the first node count only after a `---` (without one, the package keeps them out of the node).
    if (prelude?.spaceBefore) contents.spaceBefore = true;
    if (prelude?.comment) contents.commentBefore = prelude.comment;
    if (this.nextContentLine(this.cursor) >= 0) throw UNSUPPORTED;
    const contentEnd = contents.range![2];
    // A document ending in an empty value: the package ends the document's range before that line's break.
    if (contentEnd < this.length && text.charCodeAt(contentEnd - 1) !== NEWLINE) throw UNSUPPORTED;
    this.document.contents = contents as unknown as Document.Parsed['contents'];
    this.document.range = [this.document.directives.docStart ? 0 : line, contentEnd, this.length];
    return this.document;
  }

  /**
   * The blank and comment lines between a `---` line and the first node, and
   * what the package makes of them (`resolveProps`): a blank line before any
   * comment marks the node as preceded by space; comments become its
   * `commentBefore`, joined by their line breaks, blank lines after the first
   * one kept as empty lines.
   */
  private prelude(p: number): { line: number; comment: string; spaceBefore: boolean } {
    const text = this.text;
    let comment = '';
    let separator = '';
    let spaceBefore = false;
    while (p < this.length) {
      const q = this.skipSpaces(p);
      if (q >= this.length) return { line: -1, comment, spaceBefore };
      const c = text.charCodeAt(q);
      if (c === NEWLINE) {
        if (comment) comment += '\n';
        else spaceBefore = true;
        p = q + 1;
        continue;
      }
      if (c !== HASH) return { line: p, comment, spaceBefore };
      let end = q + 1;
      while (end < this.length && text.charCodeAt(end) !== NEWLINE) {
        if (refused(text.charCodeAt(end))) throw UNSUPPORTED;
        end++;
      }
      const body = text.slice(q + 1, end) || ' ';
      comment = comment ? comment + separator + body : body;
      separator = '\n';
      p = end + 1;
    }
    return { line: -1, comment, spaceBefore };
  }

  private isMarker(line: number): boolean {
    const text = this.text;
    if (!text.startsWith('---', line) && !text.startsWith('...', line)) return false;
    const after = line + 3 < this.length ? text.charCodeAt(line + 3) : NEWLINE;
    return after === NEWLINE || after === SPACE;
  }

  private skipSpaces(p: number): number {
    while (p < this.length && this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** The start of the first line at or after the line start `p` that holds more than spaces; -1 at the end of the text. */
  private nextContentLine(p: number): number {
    const text = this.text;
    while (p < this.length) {
      const q = this.skipSpaces(p);
      if (q >= this.length) return -1;
      const c = text.charCodeAt(q);
      if (c !== NEWLINE) {
        // A comment, or a document marker (the caller's split ends documents there; here it would be a key).
        if (c === HASH || (q === p && (c === DASH || c === 0x2e) && this.isMarker(p))) throw UNSUPPORTED;
        return p;
      }
      p = q + 1;
    }
    return -1;
  }

  /** Whether a line with nothing but spaces lies between the line start `from` and the content line `to`. */
  private blankBefore(from: number, to: number): boolean {
    return to > from;
  }

  private isSequenceEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = at + 1 < this.length ? this.text.charCodeAt(at + 1) : NEWLINE;
    return next === SPACE || next === NEWLINE;
  }

  /** A block mapping or sequence whose first entry starts at `at` (on the line starting at `line`), its later entries at column `indent`. */
  private blockNode(line: number, indent: number, depth: number): YAMLMap | YAMLSeq {
    if (depth > MAX_DEPTH) throw UNSUPPORTED;
    const at = line + indent;
    return this.isSequenceEntry(at) ? this.sequence(line, indent, depth) : this.mapping(line, indent, depth);
  }

  /**
   * The value of a `key:` or `- ` that ends its line at `p`: a block node on
   * the following lines, indented deeper than the collection (or, for a
   * mapping's value, a sequence at the mapping's own column), else the empty
   * value.
   */
  private valueBelow(p: number, indent: number, depth: number, sequenceAtIndent: boolean): Scalar | YAMLMap | YAMLSeq {
    const after = p >= this.length ? this.length : p + 1;
    const line = this.nextContentLine(after);
    const column = line < 0 ? -1 : this.skipSpaces(line) - line;
    if (line >= 0 && (column > indent || (sequenceAtIndent && column === indent && this.isSequenceEntry(line + column)))) {
      const node = this.blockNode(line, column, depth + 1);
      if (this.blankBefore(after, line)) node.spaceBefore = true;
      return node;
    }
    // Blank lines after an empty value are placed by rules of their own.
    if (line >= 0 && this.blankBefore(after, line)) throw UNSUPPORTED;
    this.cursor = after;
    return this.plain(p, p, p, false);
  }

  private mapping(firstLine: number, indent: number, depth: number): YAMLMap {
    const text = this.text;
    const map = this.nodes.map();
    const start = firstLine + indent;
    let keyStart = start;
    let spaceBefore = false;
    let offset: number;
    for (;;) {
      const key = this.key(keyStart);
      if (spaceBefore) key.spaceBefore = true;
      const p = this.skipSpaces(key.range![1] + 1);
      let value: Scalar | YAMLMap | YAMLSeq;
      if (p >= this.length || text.charCodeAt(p) === NEWLINE) {
        value = this.valueBelow(p, indent, depth, true);
      } else {
        value = this.inlineValue(p);
      }
      map.items.push(this.nodes.pair(key, value));
      offset = value.range![2];
      const next = this.nextContentLine(this.cursor);
      if (next < 0) break;
      const column = this.skipSpaces(next) - next;
      if (column < indent) break;
      if (column > indent || this.isSequenceEntry(next + column)) throw UNSUPPORTED;
      spaceBefore = this.blankBefore(this.cursor, next);
      keyStart = next + column;
    }
    map.range = [start, offset, offset];
    return map;
  }

  private sequence(firstLine: number, indent: number, depth: number): YAMLSeq {
    const text = this.text;
    const seq = this.nodes.seq();
    const start = firstLine + indent;
    let entry = start;
    let spaceBefore = false;
    let offset: number;
    for (;;) {
      const line = entry - indent;
      const p = this.skipSpaces(entry + 1);
      let item: Scalar | YAMLMap | YAMLSeq;
      if (p >= this.length || text.charCodeAt(p) === NEWLINE) {
        item = this.valueBelow(p, indent, depth, false);
        // `-` alone: its empty scalar sits elsewhere.
        if (p === entry + 1 && isScalar(item)) throw UNSUPPORTED;
      } else if (this.isSequenceEntry(p) || this.startsKey(p)) {
        item = this.blockNode(line, p - line, depth + 1);
      } else {
        item = this.inlineValue(p);
      }
      if (spaceBefore) item.spaceBefore = true;
      seq.items.push(item);
      offset = item.range![2];
      const next = this.nextContentLine(this.cursor);
      if (next < 0) break;
      const column = this.skipSpaces(next) - next;
      if (column < indent || (column === indent && !this.isSequenceEntry(next + column))) break;
      if (column > indent) throw UNSUPPORTED;
      spaceBefore = this.blankBefore(this.cursor, next);
      entry = next + column;
    }
    seq.range = [start, offset, offset];
    return seq;
  }

  /** Whether the line goes on from `p` with a mapping key (a `: ` or a `:` at the end of the line ends its first scalar). */
  private startsKey(p: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const close = this.quotedEnd(p);
      return close < this.length && this.text.charCodeAt(close) === COLON;
    }
    if (indicatorStart(c)) return false;
    return this.plainKeyColon(p) >= 0;
  }

  /** The `:` that ends a plain key starting at `p`, or -1 when the line ends first. */
  private plainKeyColon(p: number): number {
    const text = this.text;
    const first = text.charCodeAt(p);
    if (indicatorStart(first) || (first === DASH && this.isSequenceEntry(p))) throw UNSUPPORTED;
    for (let q = p; q < this.length; q++) {
      const c = text.charCodeAt(q);
      if (c === NEWLINE) return -1;
      if (c === COLON) {
        const next = q + 1 < this.length ? text.charCodeAt(q + 1) : NEWLINE;
        if (next === SPACE || next === NEWLINE) {
          // A space before the `:`, or a key the package finds too long (its 1024-character limit).
          if (text.charCodeAt(q - 1) === SPACE || q - p > 1000) throw UNSUPPORTED;
          return q;
        }
      } else if (c === HASH && text.charCodeAt(q - 1) === SPACE) throw UNSUPPORTED;
      else if (refused(c)) throw UNSUPPORTED;
    }
    return -1;
  }

  private key(p: number): Scalar {
    const c = this.text.charCodeAt(p);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const end = this.quotedEnd(p);
      if (end >= this.length || this.text.charCodeAt(end) !== COLON || end - p > 1000) throw UNSUPPORTED;
      const next = end + 1 < this.length ? this.text.charCodeAt(end + 1) : NEWLINE;
      if (next !== SPACE && next !== NEWLINE) throw UNSUPPORTED;
      return this.quoted(p, end, end);
    }
    const colon = this.plainKeyColon(p);
    if (colon < 0) throw UNSUPPORTED;
    return this.plain(p, colon, colon, true);
  }

  /** The offset just past the closing quote of a quoted scalar at `p` that closes on its line; escapes are left to the package. */
  private quotedEnd(p: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    for (let q = p + 1; q < this.length; q++) {
      const c = text.charCodeAt(q);
      if (c === quote) {
        if (quote === SINGLE_QUOTE && q + 1 < this.length && text.charCodeAt(q + 1) === SINGLE_QUOTE) {
          q++;
          continue;
        }
        return q + 1;
      }
      if (c === NEWLINE || c === BACKSLASH || refused(c)) throw UNSUPPORTED;
    }
    throw UNSUPPORTED;
  }

  /** A value on the line of its key or `- `: a quoted or plain scalar, `[]` or `{}`, ending the line. */
  private inlineValue(p: number): Scalar | YAMLMap | YAMLSeq {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const end = this.quotedEnd(p);
      return this.quoted(p, end, this.lineEnd(end));
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (text.charCodeAt(p + 1) !== (c === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_BRACE)) throw UNSUPPORTED;
      const node = c === OPEN_BRACKET ? this.nodes.seq() : this.nodes.map();
      node.flow = true;
      node.range = [p, p + 2, this.lineEnd(p + 2)];
      return node;
    }
    if (indicatorStart(c) || this.isSequenceEntry(p)) throw UNSUPPORTED;
    let end = p;
    let q = p;
    for (; q < this.length; q++) {
      const d = text.charCodeAt(q);
      if (d === NEWLINE) break;
      if (d === SPACE) continue;
      if (d === COLON) {
        const next = q + 1 < this.length ? text.charCodeAt(q + 1) : NEWLINE;
        if (next === SPACE || next === NEWLINE) throw UNSUPPORTED;
      } else if (d === HASH && text.charCodeAt(q - 1) === SPACE) throw UNSUPPORTED;
      else if (refused(d)) throw UNSUPPORTED;
      end = q + 1;
    }
    return this.plain(p, end, this.lineEnd(end), false);
  }

  /** Past the spaces and the line break after a value, which must end its line; sets the cursor to the next line. */
  private lineEnd(p: number): number {
    const q = this.skipSpaces(p);
    if (q >= this.length) {
      this.cursor = this.length;
      return q;
    }
    if (this.text.charCodeAt(q) !== NEWLINE) throw UNSUPPORTED;
    this.cursor = q + 1;
    return q + 1;
  }

  private plain(start: number, end: number, nodeEnd: number, atKey: boolean): Scalar {
    const source = this.text.slice(start, end);
    let scalar: Scalar | null = null;
    if (mayResolve(source))
      for (const tag of this.tags) {
        if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test!.test(source)) {
          const resolved = tag.resolve(source, onResolveError, this.document.options);
          scalar = resolved instanceof Scalar ? resolved : this.nodes.scalar(resolved);
          if (tag.format) scalar.format = tag.format;
          break;
        }
      }
    scalar ??= this.nodes.scalar(source);
    scalar.range = [start, end, nodeEnd];
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  private quoted(start: number, end: number, nodeEnd: number): Scalar {
    const double = this.text.charCodeAt(start) === DOUBLE_QUOTE;
    const inner = this.text.slice(start + 1, end - 1);
    const value = double || !inner.includes("''") ? inner : inner.replace(DOUBLED_QUOTES, "'");
    const scalar = this.nodes.scalar(value);
    scalar.range = [start, end, nodeEnd];
    scalar.source = value;
    scalar.type = double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return scalar;
  }
}

/**
 * The `yaml` package's parse of `text` with `YAML_PARSE_OPTIONS`, when the
 * text is a document of the plain block subset; null otherwise.
 */
export function composeBlockDocument(text: string): Document.Parsed | null {
  try {
    return new BlockComposer(text).compose();
  } catch {
    // Outside the subset (or an input this module did not foresee): the package's parse decides.
    return null;
  }
}

/** Whether the `yaml` package's core schema is the one this module knows (its plain texts that stay strings are told apart without running the tests). */
export function knowsCoreSchema(): boolean {
  scalarTags(new Document());
  return knownTests;
}
