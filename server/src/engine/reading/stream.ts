/**
 * How kubectl cuts a file into documents before it decodes any (cli-runtime's
 * StreamVisitor over apimachinery's YAMLOrJSONDecoder):
 *
 * - A byte order mark at the start of the file is dropped (UTF-16 files are
 *   decoded by their mark before that; see `decodeKubectlBytes`).
 * - If the first non-space character within the first 4096 bytes is '{', the
 *   file is a stream of JSON values (`json-stream.ts`).
 * - Otherwise it is YAML, cut into documents at every line that starts with
 *   `---`; such a line with anything but spaces or a comment after the dashes
 *   stops the file ("invalid Yaml document separator"). A separator that ends
 *   nothing (the first line, or one right after another) stays in the next
 *   piece, where go-yaml reads it as a document start. `...` is not a
 *   separator: go-yaml reads the first document of each piece and ignores the
 *   rest. Each piece reaches go-yaml with CR LF turned into LF and a final
 *   line break added.
 */
import { scanJsonStream } from './json-stream';

export type Syntax = 'yaml' | 'json';

/** One of kubectl's documents: a YAML piece between separators, or one JSON value. Offsets in the file. */
export interface KubectlChunk {
  start: number;
  end: number;
  /** A JSON value's nesting depth. */
  depth?: number;
}

export interface KubectlStream {
  syntax: Syntax;
  /** Where kubectl starts reading (past a byte order mark). */
  start: number;
  chunks: KubectlChunk[];
  /** What stops kubectl reading the file before its end (the documents before it are applied). */
  error: { message: string; start: number; end: number } | null;
  /** A YAML piece kubectl had read when a bad separator stopped it, and never decodes. */
  discarded: KubectlChunk | null;
}

/** Go's unicode.IsSpace. */
export function isGoSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** bytes.TrimSpace of `text[start, end)`. */
export function trimGoSpace(text: string, start: number, end: number): string {
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** GuessJSONStream: the first non-space character in the first 4096 bytes is '{'. */
export function isJsonStream(text: string, start: number): boolean {
  let bytes = 0;
  for (let p = start; p < text.length; p++) {
    const c = text.charCodeAt(p);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    if (bytes > 4096) return false;
    if (!isGoSpace(c)) return c === 0x7b;
  }
  return false;
}

/**
 * kubectl's documents of a file's text. For YAML, a bad separator stops
 * kubectl: `rest` is where the text after that line starts (kubectl reads
 * none of it).
 */
export function frameKubectlStream(text: string, from?: number): KubectlStream & { rest: number | null } {
  const start = from ?? (text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (from === undefined && isJsonStream(text, start)) {
    const json = scanJsonStream(text, start);
    return {
      syntax: 'json',
      start,
      chunks: json.values,
      error: json.error && { message: json.error.message, start: json.error.offset, end: Math.min(text.length, json.error.offset + 1) },
      discarded: null,
      rest: null,
    };
  }
  const chunks: KubectlChunk[] = [];
  const length = text.length;
  // Separators are lines that start with "---": one indexOf over the text finds them all.
  let pieceStart = -1;
  let position = start;
  for (let at = text.indexOf('---', start); ; at = text.indexOf('---', at + 3)) {
    if (at !== -1 && at !== start && text.charCodeAt(at - 1) !== 0x0a) continue;
    const separator = at;
    if (separator === -1) break;
    if (separator > position && pieceStart < 0) pieceStart = position;
    let lineEnd = text.indexOf('\n', separator);
    const next = lineEnd === -1 ? length : lineEnd + 1;
    if (lineEnd === -1) lineEnd = length;
    const rest = trimGoSpace(text, separator + 3, lineEnd);
    if (rest.length > 0 && rest[0] !== '#') {
      return {
        syntax: 'yaml',
        start,
        chunks,
        error: { message: `invalid Yaml document separator: ${rest}`, start: separator, end: lineEnd },
        discarded: pieceStart >= 0 ? { start: pieceStart, end: separator } : null,
        rest: next,
      };
    }
    // A separator ends the piece read so far; with nothing read yet, kubectl keeps it as the next piece's first line.
    if (pieceStart >= 0) {
      chunks.push({ start: pieceStart, end: separator });
      pieceStart = -1;
    } else {
      pieceStart = separator;
    }
    position = next;
    at = next - 3;
  }
  if (pieceStart < 0 && position < length) pieceStart = position;
  if (pieceStart >= 0) chunks.push({ start: pieceStart, end: length });
  return { syntax: 'yaml', start, chunks, error: null, discarded: null, rest: null };
}

/**
 * A YAML piece as go-yaml receives it (CR LF → LF, a final line break added),
 * and the way back from its offsets to the file's. Null when it is the
 * file's text unchanged.
 */
export interface ChunkText {
  text: string;
  /** The file offset of an offset in `text`. */
  toFile(offset: number): number;
}

export function kubectlChunkText(file: string, chunk: KubectlChunk): ChunkText {
  const { start, end } = chunk;
  const raw = file.slice(start, end);
  const needsBreak = end > start && file.charCodeAt(end - 1) !== 0x0a;
  if (!raw.includes('\r\n') && !needsBreak) return { text: raw, toFile: (o) => start + o };
  // Offsets (in the piece) of the CRs kubectl's line reader drops.
  const dropped: number[] = [];
  let text = '';
  let last = 0;
  for (let i = raw.indexOf('\r\n'); i !== -1; i = raw.indexOf('\r\n', i + 2)) {
    text += raw.slice(last, i);
    dropped.push(i);
    last = i + 1;
  }
  text += raw.slice(last);
  if (needsBreak) text += '\n';
  const toFile = (o: number) => {
    let shift = 0;
    for (const d of dropped) {
      if (d - shift < o) shift++;
      else break;
    }
    return Math.min(end, start + o + shift);
  };
  return { text, toFile };
}

/**
 * A file's bytes as kubectl reads them: a UTF-16 byte order mark decides the
 * encoding, anything else is UTF-8 with invalid bytes as U+FFFD. The mark stays
 * in the text (as U+FEFF, which `frameKubectlStream` skips), so that offsets
 * agree with an editor's view of the file.
 */
export function decodeKubectlBytes(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}
