/**
 * A YAML piece read by go-yaml's rules, and rewritten, where the `yaml`
 * package would refuse it or read it otherwise, into text that package reads
 * as go-yaml does. The rewrites never change a value, only spelling:
 *
 * - continuation lines of a flow collection or of a quoted or plain scalar
 *   that go-yaml accepts at any indentation are indented one column past the
 *   enclosing block (their leading white space is not part of any value);
 * - a comment right after a token gets a space before it;
 * - `\'` in a double-quoted scalar (an apostrophe to go-yaml) loses its backslash;
 * - NEL, a lone CR (and LS, PS outside quoted scalars) become the line breaks go-yaml takes them for;
 * - an alias followed by ':' gets a space before it;
 * - a plain scalar that starts with a byte order mark (text to go-yaml) is
 *   written double-quoted, its map segment pointing at the whole scalar;
 * - what follows the first document (after `...`, or after a flow collection
 *   or scalar at the root) is cut: go-yaml never reads it;
 * - a final line break is added where kubectl adds one.
 *
 * The result is checked: the `yaml` package's parse of the rewritten text must
 * decode to go-yaml's value, or the reader says it cannot follow kubectl. A
 * document nested deeper than MAX_NESTING is not handed to the `yaml` package.
 */
import { type Document, parseDocument } from 'yaml';
import { decodeGoNode, goJsonText, type JsonValue, MAX_NESTING, NestingError } from './decode';
import { composeFirstDocument, type ComposedDocument } from './goyaml/parser';
import { GoYamlError, ScalarStyle, TokenType } from './goyaml/scanner';
import { type ChunkText, type KubectlChunk, kubectlChunkText } from './stream';
import { kubectlValue } from './value';

/** The options the engine parses documents with (duplicate keys are reported with the API's wording elsewhere). */
export const YAML_PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false } as const;

/** A replacement of the file's text `[from, to)`; a scalar written anew maps to its whole origin. */
interface Edit {
  from: number;
  to: number;
  insert: string;
  scalar?: boolean;
}

/**
 * A run of the output and where it came from: copied from the file (`text`),
 * or a scalar of the file written anew (`value`). Output outside every run was inserted.
 */
export interface CopiedRun {
  outStart: number;
  outEnd: number;
  srcStart: number;
  srcEnd: number;
  origin: 'text' | 'value';
}

export interface CarefulReading {
  /** The text for the `yaml` package. */
  text: string;
  /** Runs of `text` copied from the file, in order. */
  runs: CopiedRun[];
  rewritten: boolean;
  /** go-yaml refuses the piece (or sigs.k8s.io/yaml its value): go-yaml's message and where, in the file. */
  error: { message: string; start: number; end: number } | null;
  /** Text go-yaml never reads: after the piece's first document. */
  ignored: { start: number; end: number } | null;
  /** The rewritten text's parse, when there is no error. */
  parsed: Document.Parsed | null;
  /** The reader could not make the `yaml` package read the piece as go-yaml does. */
  unfollowed: string | null;
}

/** A double-quoted YAML scalar of a value (JSON's escapes, and the byte order mark escaped). */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/\ufeff/g, '\\ufeff');
}

/** Where go-yaml's lines start: after LF, CR LF, a lone CR, NEL, LS or PS. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x0d && text.charCodeAt(at + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) starts.push(at + 1);
  }
  return starts;
}

/** The edits that make the `yaml` package read the piece as go-yaml read it (offsets in the file). */
function editsFor(
  file: string,
  chunk: KubectlChunk,
  ct: ChunkText,
  composed: ComposedDocument,
): { edits: Edit[]; ignored: { start: number; end: number } | null } {
  const edits: Edit[] = [];
  const text = ct.text;
  const docEnd = composed.end;
  const tokens = composed.tokens.filter((t) => t.start.offset < docEnd || t.type === TokenType.FlowSequenceEnd || t.type === TokenType.FlowMappingEnd);
  const lineStarts = lineStartsOf(text);

  // Continuation lines indented one column past the enclosing block.
  const reindented = new Set<number>();
  const quotedSpans: [number, number][] = [];
  const inQuoted = (o: number) => quotedSpans.some(([s, e]) => o > s && o < e);
  const reindent = (firstLine: number, lastLine: number, required: number) => {
    for (let line = firstLine; line <= lastLine && line < lineStarts.length; line++) {
      if (reindented.has(line)) continue;
      reindented.add(line);
      const ls = lineStarts[line];
      // After an LS or PS inside a quoted scalar the `yaml` package sees no new line: the text there is the value.
      const breakChar = text.charCodeAt(ls - 1);
      if ((breakChar === 0x2028 || breakChar === 0x2029) && inQuoted(ls - 1)) continue;
      let le = ls;
      while (text.charCodeAt(le) === 0x20 || text.charCodeAt(le) === 0x09) le++;
      const c = text.charCodeAt(le);
      if (le >= text.length || c === 0x0a || c === 0x0d) continue;
      const spacesOnly = !text.slice(ls, le).includes('\t');
      if (spacesOnly && le - ls >= required) continue;
      edits.push({ from: ct.toFile(ls), to: ct.toFile(le), insert: ' '.repeat(Math.max(required, le - ls)) });
    }
  };
  for (const t of tokens) {
    if (t.type === TokenType.Scalar && (t.style === ScalarStyle.SingleQuoted || t.style === ScalarStyle.DoubleQuoted))
      quotedSpans.push([t.start.offset, t.end.offset]);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const required = (t.indent ?? -1) + 1;
    if ((t.type === TokenType.FlowSequenceStart || t.type === TokenType.FlowMappingStart) && t.flowLevel === 1) {
      let j = i + 1;
      while (j < tokens.length && !((tokens[j].type === TokenType.FlowSequenceEnd || tokens[j].type === TokenType.FlowMappingEnd) && tokens[j].flowLevel === 0))
        j++;
      const endLine = j < tokens.length ? tokens[j].start.line : tokens[tokens.length - 1].end.line;
      if (endLine > t.start.line) reindent(t.start.line + 1, endLine, required);
    } else if (t.type === TokenType.Scalar && t.style === ScalarStyle.Plain && t.value?.charCodeAt(0) === 0xfeff) {
      // A byte order mark starting a plain scalar is text to go-yaml (at a line's start too); the `yaml` package skips it.
      edits.push({ from: ct.toFile(t.start.offset), to: ct.toFile(t.end.offset), insert: doubleQuoted(t.value), scalar: true });
    } else if (t.type === TokenType.Scalar && (t.style === ScalarStyle.SingleQuoted || t.style === ScalarStyle.DoubleQuoted || t.style === ScalarStyle.Plain)) {
      if (t.flowLevel === 0 && t.end.line > t.start.line) reindent(t.start.line + 1, t.end.line, required);
    } else if (t.type === TokenType.Alias && text.charCodeAt(t.end.offset) === 0x3a) {
      edits.push({ from: ct.toFile(t.end.offset), to: ct.toFile(t.end.offset), insert: ' ' });
    }
  }
  for (const at of composed.notes.adjacentComments) if (at < docEnd) edits.push({ from: ct.toFile(at), to: ct.toFile(at), insert: ' ' });
  for (const at of composed.notes.apostropheEscapes) if (at < docEnd) edits.push({ from: ct.toFile(at), to: ct.toFile(at) + 1, insert: '' });

  // Line breaks the YAML 1.2 spec dropped: go-yaml breaks lines at them.
  for (let o = 0; o < docEnd; o++) {
    const c = text.charCodeAt(o);
    if (c === 0x0d) {
      const at = ct.toFile(o);
      if (file.charCodeAt(at + 1) === 0x0a) continue;
      // A CR the file has before another CR: kubectl's line reader made it a CR LF (the `yaml` package needs it gone), or a lone CR.
      edits.push({ from: at, to: at + 1, insert: text.charCodeAt(o + 1) === 0x0a ? '' : '\n' });
    } else if (c === 0x85 || ((c === 0x2028 || c === 0x2029) && !inQuoted(o))) {
      edits.push({ from: ct.toFile(o), to: ct.toFile(o) + 1, insert: '\n' });
    }
  }

  // What follows the first document is never read (from the next line when only a comment ends the document's line).
  let ignored: { start: number; end: number } | null = null;
  let cut = docEnd;
  const lineEnd = text.indexOf('\n', cut);
  if (lineEnd !== -1 && /^[ \t]*(#.*)?$/.test(text.slice(cut, lineEnd))) cut = lineEnd + 1;
  if (/[^ \t\r\n]/.test(text.slice(cut))) {
    const from = ct.toFile(cut);
    ignored = { start: from, end: chunk.end };
    edits.push({ from, to: chunk.end, insert: from > chunk.start && file.charCodeAt(from - 1) !== 0x0a ? '\n' : '' });
  } else if (chunk.end > chunk.start && file.charCodeAt(chunk.end - 1) !== 0x0a) {
    edits.push({ from: chunk.end, to: chunk.end, insert: '\n' });
  }
  return { edits, ignored };
}

/** Applies edits (sorted, not overlapping) to the piece: the new text and its copied runs. */
function applyEdits(file: string, chunk: KubectlChunk, edits: Edit[]): { text: string; runs: CopiedRun[] } {
  edits.sort((a, b) => a.from - b.from || a.to - b.to);
  let text = '';
  const runs: CopiedRun[] = [];
  let at = chunk.start;
  for (const edit of edits) {
    if (edit.from < at) continue; // inside a region an earlier edit replaced
    if (edit.from > at) {
      runs.push({ outStart: text.length, outEnd: text.length + (edit.from - at), srcStart: at, srcEnd: edit.from, origin: 'text' });
      text += file.slice(at, edit.from);
    }
    if (edit.scalar) runs.push({ outStart: text.length, outEnd: text.length + edit.insert.length, srcStart: edit.from, srcEnd: edit.to, origin: 'value' });
    text += edit.insert;
    at = edit.to;
  }
  if (at < chunk.end) {
    runs.push({ outStart: text.length, outEnd: text.length + (chunk.end - at), srcStart: at, srcEnd: chunk.end, origin: 'text' });
    text += file.slice(at, chunk.end);
  }
  return { text, runs };
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  return goJsonText(a) === goJsonText(b);
}

/** Reads one YAML piece of a file by go-yaml's rules. Never throws. */
export function readYamlCarefully(file: string, chunk: KubectlChunk): CarefulReading {
  const identity = (): CopiedRun[] => [{ outStart: 0, outEnd: chunk.end - chunk.start, srcStart: chunk.start, srcEnd: chunk.end, origin: 'text' }];
  const ct = kubectlChunkText(file, chunk);
  let composed: ComposedDocument;
  let goValue: JsonValue;
  try {
    composed = composeFirstDocument(ct.text);
    if (composed.depth > MAX_NESTING) throw new NestingError(chunk.start, chunk.end);
    goValue = decodeGoNode(composed.root);
  } catch (e) {
    if (e instanceof NestingError) {
      return {
        text: file.slice(chunk.start, chunk.end),
        runs: identity(),
        rewritten: false,
        error: null,
        ignored: null,
        parsed: null,
        unfollowed: `Pod Lens does not follow a document ${e.message}`,
      };
    }
    if (!(e instanceof GoYamlError)) throw e;
    const start = ct.toFile(e.position);
    const end = Math.max(start, ct.toFile(e.endPosition));
    return {
      text: file.slice(chunk.start, chunk.end),
      runs: identity(),
      rewritten: false,
      error: { message: e.goMessage, start, end },
      ignored: null,
      parsed: null,
      unfollowed: null,
    };
  }
  const { edits, ignored } = editsFor(file, chunk, ct, composed);
  const { text, runs } = edits.length === 0 ? { text: file.slice(chunk.start, chunk.end), runs: identity() } : applyEdits(file, chunk, edits);
  const parsed = parseDocument(text, YAML_PARSE_OPTIONS);
  let unfollowed: string | null = null;
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0].message.split('\n')[0];
    unfollowed = /maximum call stack/i.test(first)
      ? 'kubectl reads this document, but it is nested too deeply for Pod Lens to follow'
      : `kubectl reads this document, but Pod Lens cannot: ${first}`;
  } else {
    const ours = kubectlValue(parsed, 'yaml');
    if (!ours.ok || !sameValue(ours.value, goValue)) unfollowed = 'Pod Lens reads this document differently from kubectl';
  }
  return { text, runs, rewritten: edits.length > 0, error: null, ignored, parsed: unfollowed ? null : parsed, unfollowed };
}
