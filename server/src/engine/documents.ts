import { isAlias, parseDocument, visit, type Document } from 'yaml';
import { type Finding } from './findings';

/**
 * One YAML document of a file, as a slice of the file's text.
 *
 * Splitting is a line scan for document markers, not a parse: a `---` or
 * `...` at the start of a line ends any YAML content (the spec forbids such
 * lines inside scalars), so the scan finds the same documents as a full parse
 * at a fraction of the cost, and lets each document be parsed on its own.
 */
export interface DocumentSlice {
  /** Index of the document in the YAML stream, as `yaml.parseAllDocuments` counts them. */
  index: number;
  /** Offset of the slice's first character in the file. */
  start: number;
  /** Offset just past the slice's last character in the file. */
  end: number;
  text: string;
}

/**
 * The index of the slice holding an offset of the file (the end of the text belongs
 * to the last one), or -1: the one answer to "which document is this" for the
 * language server, the CLI and the client (which asks the server).
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

const markerPattern = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/** True when a line holds nothing but whitespace, a comment or a directive: no document content. */
function isInert(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === '' || trimmed.startsWith('#') || line.startsWith('%');
}

export function splitDocuments(text: string): DocumentSlice[] {
  // Pieces are cut before every `---` line and after every `...` line. A piece
  // with no content of its own (comments, directives) is not a document: it
  // belongs to the document that follows, as the YAML grammar attaches it.
  const pieces: { start: number; end: number; hasContent: boolean; explicitStart: boolean }[] = [];
  let pieceStart = 0;
  let hasContent = false;
  let explicitStart = false;
  let lineStart = 0;
  const length = text.length;
  while (lineStart < length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = length;
    const first = text.charCodeAt(lineStart);
    // Only lines that begin with '-' or '.' can be markers: keep the common path cheap.
    const marker = first === 45 /* - */ || first === 46 /* . */ ? markerPattern.exec(text.slice(lineStart, Math.min(lineEnd + 1, lineStart + 4))) : null;
    if (marker && marker[1] === '---') {
      if (lineStart > pieceStart) pieces.push({ start: pieceStart, end: lineStart, hasContent, explicitStart });
      pieceStart = lineStart;
      hasContent = true; // an explicit `---` always opens a document, even an empty one
      explicitStart = true;
    } else if (marker && marker[1] === '...') {
      const next = Math.min(lineEnd + 1, length);
      pieces.push({ start: pieceStart, end: next, hasContent, explicitStart });
      pieceStart = next;
      hasContent = false;
      explicitStart = false;
    } else if (!hasContent && !isInert(text.slice(lineStart, lineEnd))) {
      hasContent = true;
    }
    lineStart = lineEnd + 1;
  }
  if (pieceStart < length) pieces.push({ start: pieceStart, end: length, hasContent, explicitStart });

  const slices: DocumentSlice[] = [];
  let pendingStart: number | null = null;
  let lastWithContent = -1;
  for (let i = pieces.length - 1; i >= 0; i--) {
    if (pieces[i].hasContent) {
      lastWithContent = i;
      break;
    }
  }
  for (let at = 0; at < pieces.length; at++) {
    const piece = pieces[at];
    const start: number = pendingStart ?? piece.start;
    if (!piece.hasContent) {
      // A trailing comment after `...` or at the end of the file stays with the previous document.
      if (pendingStart === null && !piece.explicitStart && slices.length > 0 && at > lastWithContent) {
        const previous = slices[slices.length - 1];
        previous.end = piece.end;
        previous.text = text.slice(previous.start, previous.end);
        continue;
      }
      pendingStart = start;
      continue;
    }
    pendingStart = null;
    slices.push({ index: slices.length, start, end: piece.end, text: text.slice(start, piece.end) });
  }
  if (pendingStart !== null && slices.length > 0) {
    const previous = slices[slices.length - 1];
    previous.end = length;
    previous.text = text.slice(previous.start, previous.end);
  }
  return slices;
}

/** A parsed document, with its syntax problems as findings. */
export interface ParsedDocument {
  slice: DocumentSlice;
  document: Document.Parsed;
  /** YAML errors: when there are any, the content may be partial and is not analyzed. */
  syntaxErrors: Finding[];
}

export function parseSlice(slice: DocumentSlice): ParsedDocument {
  const document = parseDocument(slice.text, {
    // Duplicate keys are reported by the strict-field check with the API's wording.
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const syntaxErrors: Finding[] = document.errors.map((error) => ({
    code: 'yaml-syntax',
    severity: 'error',
    // The parser reports running out of stack as an error of its own; say what it means for the text.
    message: /maximum call stack/i.test(error.message)
      ? 'This document is nested too deeply to parse (thousands of levels of lists or maps)'
      : error.message.split('\n')[0],
    start: Math.max(0, Math.min(error.pos[0], slice.text.length)),
    end: Math.max(0, Math.min(Math.max(error.pos[1], error.pos[0]), slice.text.length)),
  }));
  if (syntaxErrors.length === 0 && slice.text.includes('*')) syntaxErrors.push(...danglingAliases(document, slice.text.length));
  return { slice, document, syntaxErrors };
}

/**
 * An alias with no anchor before it: the `yaml` package reads it as null,
 * but kubectl's go-yaml refuses the whole file ("unknown anchor referenced").
 */
function danglingAliases(document: Document.Parsed, length: number): Finding[] {
  const findings: Finding[] = [];
  const anchors = new Set<string>();
  visit(document, {
    Node(_, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source) && node.range) {
          findings.push({
            code: 'yaml-syntax',
            severity: 'error',
            message: `unknown anchor '${node.source}' referenced`,
            start: Math.min(node.range[0], length),
            end: Math.min(node.range[1], length),
          });
        }
        return;
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchors.add(anchor);
    },
  });
  return findings;
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
