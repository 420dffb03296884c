import { isMap, isScalar, parseDocument } from 'yaml';
import { type TextEdit } from '../../findings';
import { type Span } from '../../yaml-nodes';

/** Text edits that keep the author's formatting: quoting style, indentation and comments. */

/**
 * Replaces a scalar's value, keeping its quotes: inside `"…"`/`'…'` only the
 * inner text changes. Block scalars are left alone (null), and so is a plain
 * scalar whose new text would not read back as one plain scalar (`-`, `a: b`,
 * `x #y`): the caller may try another text.
 */
export function replaceScalar(text: string, span: Span, newValue: string): TextEdit | null {
  const written = text.slice(span.start, span.end);
  const first = written[0];
  if (first === '|' || first === '>') return null;
  if ((first === '"' || first === "'") && written.length >= 2 && written[written.length - 1] === first) {
    const inner = first === "'" ? newValue.replace(/'/g, "''") : newValue.replace(/["\\]/g, (c) => '\\' + c);
    return { start: span.start + 1, end: span.end - 1, newText: inner };
  }
  if (!isPlainScalarText(newValue)) return null;
  return { start: span.start, end: span.end, newText: newValue };
}

/**
 * Whether `value`, written unquoted as a map value, reads back as one plain
 * scalar of exactly that text, in block (`k: v`) and in flow (`{k: v}`)
 * context. The parser decides, not a list of indicator characters.
 */
export function isPlainScalarText(value: string): boolean {
  if (value === '' || /[\r\n]/.test(value)) return false;
  for (const [prefix, suffix] of [
    ['k: ', '\n'],
    ['{k: ', '}\n'],
  ]) {
    const document = parseDocument(prefix + value + suffix, { uniqueKeys: false });
    if (document.errors.length > 0 || !isMap(document.contents) || document.contents.items.length !== 1) return false;
    const node = document.contents.items[0].value;
    if (!isScalar(node) || node.type !== 'PLAIN' || !node.range) return false;
    if (node.range[0] !== prefix.length || node.range[1] !== prefix.length + value.length) return false;
  }
  return true;
}

/** Whether the scalar at the span is quoted, so a fix's text is read as a string. */
export function isQuoted(text: string, span: Span): boolean {
  const first = text[span.start];
  return first === '"' || first === "'";
}

/** The column of an offset (characters since the start of its line). */
export function columnOf(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart;
}

/** The offset of the end of the line holding `offset` (before its newline). */
export function lineEnd(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at === -1 ? text.length : at;
}

/** True when the key at `offset` starts a block-style line (only indentation, or `- `, before it). */
export function startsBlockLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*(- +)*$/.test(text.slice(lineStart, offset));
}

/** The line ending the text uses, so inserted lines match it. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Inserts `lines` (already relative to `column`) as new lines after the line
 * holding `afterOffset`, each indented to `column`. Inserting after the line's
 * end keeps any trailing comment on that line where it was.
 */
export function insertLinesAfter(text: string, afterOffset: number, column: number, lines: string[]): TextEdit {
  const nl = newlineOf(text);
  let at = lineEnd(text, afterOffset);
  if (nl === '\r\n' && text[at - 1] === '\r') at -= 1;
  const indent = ' '.repeat(column);
  return { start: at, end: at, newText: lines.map((line) => nl + indent + line).join('') };
}
