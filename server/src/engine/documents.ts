import { type Document, isMap, isPair, isScalar, parseDocument } from 'yaml';
import { type Finding, type Fix } from './findings';
import { type SourceMap } from '../sources/source-map';
import {
  frameKubectlFile,
  kubectlDocumentObjects,
  readKubectlDocument,
  type ReadDocument,
  type ReadError,
  type ReadObject,
  type SettledDocument,
  type Syntax,
} from './reading';
import { YAML_PARSE_OPTIONS } from './reading/careful';

/**
 * One of kubectl's documents of a file, as a slice of the file's text.
 *
 * A file is cut the way `kubectl apply -f` cuts it (`reading/stream.ts`): a
 * YAML file at every line that starts with `---`, a file whose first
 * character is `{` into JSON values. That is one `indexOf` pass (or one JSON
 * scan), not a parse, and each document is then read on its own, so that its
 * result depends only on its text.
 */
export interface DocumentSlice {
  /** Index of the document among kubectl's documents of the file. */
  index: number;
  /** Offset of the slice's first character in the file. */
  start: number;
  /** Offset just past the slice's last character in the file. */
  end: number;
  text: string;
  /** How kubectl reads the file: YAML between `---` lines, or a stream of JSON values. */
  syntax: Syntax;
  /** A JSON value's nesting depth (the reader does not follow very deep ones). */
  depth?: number;
}

/** How kubectl cuts a file, and where it stops reading it. */
export interface FileFrame {
  syntax: Syntax;
  slices: DocumentSlice[];
  /** The error that stops kubectl between documents (a bad `---` line, broken JSON), in kubectl's words; file offsets. */
  error: { message: string; start: number; end: number } | null;
  /** Where kubectl stops applying because of `error`: the piece it had read before it, or the error itself. */
  stop: number | null;
}

/**
 * The index of the slice holding an offset of the file (the end of the text belongs to the last one), or -1: the one answer to "which document is this" for the
 * language server, the CLI and the client (which asks the server). A `---`
 * line that ends a document belongs to none.
 */
export function documentIndexAt(slices: readonly { start: number; end: number }[], offset: number): number {
  if (slices.length === 0 || offset < 0) return -1;
  let low = 0;
  let high = slices.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (slices[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  if (offset < slices[low].start) return -1;
  return offset < slices[low].end || (low === slices.length - 1 && offset === slices[low].end) ? low : -1;
}

/** kubectl's documents of a file and the error that stops it reading, if any. Never throws. */
export function frameDocuments(text: string): FileFrame {
  const framed = frameKubectlFile(text);
  const slices: DocumentSlice[] = new Array(framed.documents.length);
  let stop: number | null = null;
  for (let i = 0; i < framed.documents.length; i++) {
    const d = framed.documents[i];
    const slice: DocumentSlice = { index: i, start: d.start, end: d.end, text: d.text, syntax: d.syntax };
    if (d.depth !== undefined) slice.depth = d.depth;
    slices[i] = slice;
    if (d.unread && stop === null) stop = d.start;
  }
  const error = framed.error ? { message: framed.error.message, start: framed.error.start, end: framed.error.end } : null;
  if (error && framed.syntax === 'json') {
    // The broken value starts after the last good one: nothing from there on is applied.
    stop = slices.length > 0 ? slices[slices.length - 1].end : Math.min(error.start, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  } else if (error) {
    stop = stop === null ? error.start : Math.min(stop, error.start);
  }
  return { syntax: framed.syntax, slices, error, stop };
}

export function splitDocuments(text: string): DocumentSlice[] {
  return frameDocuments(text).slices;
}

/** A slice cut from another text (a window of the file, a worker's chunk): the same document moved by `shift`. */
export function movedSlice(slice: DocumentSlice, index: number, start: number, end: number, text: string): DocumentSlice {
  const moved: DocumentSlice = { index, start, end, text, syntax: slice.syntax };
  if (slice.depth !== undefined) moved.depth = slice.depth;
  return moved;
}

/**
 * One document as kubectl reads it: the `yaml` package's parse of the text
 * kubectl decodes (the slice itself, or a rewrite where go-yaml accepts what
 * the `yaml` package refuses), the objects kubectl applies from it (its root,
 * or each item of a List), and kubectl's errors as findings.
 *
 * Offsets of nodes in `document` are in the parsed text (`read.text`);
 * `toDocument` and `toParsed` move spans between it and the slice (the
 * identity unless the document was rewritten).
 */
export interface ParsedDocument {
  slice: DocumentSlice;
  /** The parse of `read.text`; when kubectl refuses the document, a parse of the slice for its header only. */
  document: Document.Parsed;
  /** How kubectl reads the document; `read.error` when it refuses it. */
  read: ReadDocument;
  /** The objects kubectl applies from the document, with their nodes in `document`. */
  objects: ReadObject[];
  /** kubectl's errors about the document: `yaml-syntax` stops kubectl; `decode-error` refuses the document or a List item. */
  syntaxErrors: Finding[];
  /** Findings about text kubectl never reads (`not-applied`). */
  notes: Finding[];
  /** kubectl refuses the document: it stops reading the file here. */
  fatal: boolean;
  /**
   * The document's root is analyzed as written, not as kubectl's objects:
   * `refused` when kubectl cannot decode it as an object (its findings then
   * point at the cause), `unfollowed` when kubectl reads it but the reader
   * cannot follow it (hundreds of levels deep: the `yaml` package's parse is
   * all there is).
   */
  asWritten: 'refused' | 'unfollowed' | null;
}

function identityMap(length: number): SourceMap {
  return { segments: [{ outStart: 0, outEnd: length, file: '', srcStart: 0, srcEnd: length, origin: 'text' }] };
}

/** The text of a slice as a document of its own for the reader: offsets in it are offsets in the slice. */
function readDocumentOf(slice: DocumentSlice): ReadDocument {
  const length = slice.text.length;
  return {
    index: 0,
    syntax: slice.syntax,
    start: 0,
    end: length,
    text: slice.text,
    map: identityMap(length),
    rewritten: false,
    settled: false,
    checked: false,
    error: null,
    ignored: null,
    unread: false,
    depth: slice.depth,
  };
}

const MAX_QUOTED_JSON = 160;

/** kubectl's message without the file name it would print ("unable to decode "FILE": …"), its quoted JSON cut short. */
function findingMessage(error: ReadError): string {
  let message = error.message.replace(/^unable to decode "[^"]*": /, '');
  message = message.replace(/in '(\{[\s\S]*\})'$/, (all, json: string) => (json.length > MAX_QUOTED_JSON ? `in '${json.slice(0, MAX_QUOTED_JSON)}…'` : all));
  return message;
}

/** A top-level key's span in the parsed text, for errors about the whole document. */
function rootKeySpan(document: Document.Parsed, key: string): { start: number; end: number } | null {
  const root = document.contents;
  if (!isMap(root)) return null;
  for (const pair of root.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range) return { start: pair.key.range[0], end: pair.key.range[1] };
  }
  return null;
}

/** The first line of a slice that holds more than a `---`, blanks or a comment: where errors about the whole document are shown. */
function firstContentLine(text: string): { start: number; end: number } {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && !/^---(\s|$)/.test(line)) return { start: at, end: at + line.length };
    at = end + 1;
  }
  return { start: 0, end: 0 };
}

export function parseSlice(slice: DocumentSlice): ParsedDocument {
  return parsedDocumentOf(slice, settleSlice(slice));
}

/** The slice settled as kubectl reads it, and the `yaml` package's parse of that text. */
export function settleSlice(slice: DocumentSlice): SettledDocument {
  return readKubectlDocument(slice.text, readDocumentOf(slice));
}

/**
 * Whether a settled slice is the common case: YAML trusted to the `yaml`
 * package (nothing go-yaml reads otherwise, no parse error), read as written.
 * Its objects are then the root or the items of its `items`, nodes of the
 * parse that a caller who knows them from an earlier analysis can take
 * without decoding the document again (`redetailDocument`).
 */
export function isTrustedParse(settled: SettledDocument): settled is SettledDocument & { parsed: Document.Parsed } {
  const read = settled.document;
  return settled.parsed !== null && read.syntax === 'yaml' && !read.checked && !read.rewritten && read.error === null && read.ignored === null;
}

/** A ParsedDocument from a settled slice: kubectl's objects decoded from the parse, its errors as findings. */
export function parsedDocumentOf(slice: DocumentSlice, settled: SettledDocument): ParsedDocument {
  const read = settled.document;
  const syntaxErrors: Finding[] = [];
  const notes: Finding[] = [];
  let fatal = false;
  let asWritten: ParsedDocument['asWritten'] = null;
  let objects: ReadObject[] = [];
  let errors: ReadError[];
  if (settled.parsed) {
    const found = kubectlDocumentObjects(slice.text, read, settled.parsed);
    objects = found.objects;
    errors = found.errors;
  } else {
    errors = read.error ? [read.error] : [];
  }
  // The parse the engine reads nodes from; a refused document is parsed as written, for its header.
  const document = settled.parsed ?? parseDocument(slice.text, YAML_PARSE_OPTIONS);
  if (objects.length === 0 && errors.some((e) => e.origin === 'reader')) {
    // kubectl reads it, the reader cannot follow it: what the `yaml` package makes of it is all there is.
    const asParsed = settled.parsed ? read : { ...read, text: slice.text, map: identityMap(slice.text.length), rewritten: false };
    syntaxErrors.push(...yamlPackageErrors(document, slice.text.length));
    if (syntaxErrors.length === 0) asWritten = 'unfollowed';
    return { slice, document, read: asParsed, objects, syntaxErrors, notes, fatal, asWritten };
  }
  const wholeDocument = (start: number, end: number) => start === 0 && end === slice.text.length;
  for (const error of errors) {
    let span = { start: error.start, end: error.end };
    if (wholeDocument(span.start, span.end)) {
      const about = /ObjectMeta|parsing time/.test(error.message) ? 'metadata' : 'kind';
      const key = settled.parsed ? rootKeySpan(settled.parsed, about) : null;
      span = (key && toDocumentSpan(read, key.start, key.end)) ?? firstContentLine(slice.text);
    }
    if (error.fatal) fatal = true;
    syntaxErrors.push({ code: error.fatal ? 'yaml-syntax' : 'decode-error', severity: 'error', message: findingMessage(error), ...span });
  }
  if (read.ignored && /^(?![ \t]*(#|\.\.\.(\s|$)|\r?$))/m.test(slice.text.slice(read.ignored.start, read.ignored.end))) {
    notes.push({
      code: 'not-applied',
      severity: 'hint',
      message: 'kubectl never reads this: it takes only the first YAML document between two `---` lines',
      start: read.ignored.start,
      end: read.ignored.end,
    });
  }
  // A document kubectl cannot decode as an object but that is written as one: analyzed as written, so that its findings point at the cause.
  if (!fatal && objects.length === 0 && syntaxErrors.some((e) => e.code === 'decode-error') && settled.parsed) asWritten = 'refused';
  return { slice, document, read, objects, syntaxErrors, notes, fatal, asWritten };
}

/** The `yaml` package's own errors, for a document the reader cannot follow. */
function yamlPackageErrors(document: Document.Parsed, length: number): Finding[] {
  return document.errors.map((error) => ({
    code: 'yaml-syntax',
    severity: 'error',
    // The parser reports running out of stack as an error of its own; say what it means for the text.
    message: /maximum call stack/i.test(error.message)
      ? 'This document is nested too deeply to parse (thousands of levels of lists or maps)'
      : error.message.split('\n')[0],
    start: Math.max(0, Math.min(error.pos[0], length)),
    end: Math.max(0, Math.min(Math.max(error.pos[1], error.pos[0]), length)),
  }));
}

// ---------------------------------------------------------------- between the parsed text and the slice

/** A span of the parsed text in the slice: the same offsets unless the document was rewritten. */
export function toDocumentSpan(read: ReadDocument, start: number, end: number): { start: number; end: number } {
  if (!read.rewritten) return { start, end };
  const segments = read.map.segments;
  const at = (offset: number, edge: 'start' | 'end'): number => {
    // The segment holding the offset, or the nearest one before it (inserted text has no origin of its own).
    let found = segments[0];
    for (const segment of segments) {
      if (segment.outStart > offset || (edge === 'end' && segment.outStart === offset && offset > 0)) break;
      found = segment;
    }
    if (!found) return offset;
    if (offset >= found.outEnd) return found.srcEnd;
    if (found.origin !== 'text') return edge === 'start' ? found.srcStart : found.srcEnd;
    return found.srcStart + (offset - found.outStart);
  };
  const from = at(start, 'start');
  return { start: from, end: Math.max(from, end > start ? at(end, 'end') : from) };
}

/** An offset of the slice in the parsed text (where the cursor is, for hovers and refactorings). */
export function toParsedOffset(read: ReadDocument, offset: number): number {
  if (!read.rewritten) return offset;
  let best = offset;
  for (const segment of read.map.segments) {
    if (offset < segment.srcStart) break;
    best = offset < segment.srcEnd ? (segment.origin === 'text' ? segment.outStart + (offset - segment.srcStart) : segment.outStart) : segment.outEnd;
  }
  return best;
}

/**
 * A fix computed on the parsed text, as edits of the slice; null when an edit
 * touches text the reader rewrote (it would not say what the user wrote).
 */
export function toDocumentFix(read: ReadDocument, fix: Fix): Fix | null {
  if (!read.rewritten) return fix;
  const edits = [];
  for (const edit of fix.edits) {
    const span = toDocumentSpan(read, edit.start, edit.end);
    if (span.end - span.start !== edit.end - edit.start || !copiedWhole(read, edit.start, edit.end)) return null;
    edits.push({ ...edit, ...span });
  }
  return { ...fix, edits };
}

/** Whether `[start, end)` of the parsed text lies in one run copied from the slice (a point may sit at a run's end). */
function copiedWhole(read: ReadDocument, start: number, end: number): boolean {
  return read.map.segments.some((s) => s.origin === 'text' && s.outStart <= start && end <= s.outEnd);
}

/** A finding of the parsed text as a finding of the slice (fixes that touch rewritten text are dropped). */
export function toDocumentFinding(read: ReadDocument, finding: Finding): Finding {
  if (!read.rewritten) return finding;
  const moved: Finding = { ...finding, ...toDocumentSpan(read, finding.start, finding.end) };
  if (finding.fixes) {
    const fixes = finding.fixes.map((f) => toDocumentFix(read, f)).filter((f): f is Fix => f !== null);
    if (fixes.length > 0) moved.fixes = fixes;
    else delete moved.fixes;
  }
  return moved;
}

/**
 * Converts offsets of a text to zero-based line and character positions.
 * Built once per text; lookups are a binary search over line starts.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(text: string) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.lineStarts = starts;
  }

  position(offset: number): { line: number; character: number } {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
