import { type Document, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { type TextEdit } from '../findings';
import { keyText } from '../yaml-nodes';

/**
 * Text edits on YAML source that leave everything they do not touch
 * byte-identical: comments, key order, quoting, line endings. The `yaml`
 * library can re-serialize a document, but that rewrites the whole file in
 * its own style; a quick fix must read like the user typed it.
 */

/** The file's line break: a CRLF file must not get LF lines inserted. */
export function lineEnding(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break (or end of text) that ends the line holding `offset`; a CRLF's `\r` counts as the break. */
export function lineEndOf(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > 0 && text[end - 1] === '\r' && end - 1 >= offset) end--;
  return end;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Offset just past the line break after `offset`'s line (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf === -1 ? text.length : lf + 1;
}

function indentOfLine(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * The number of columns the file uses to nest a map in a map: the most
 * common step between a key and the keys of its block-map value. Sequences
 * are left out because `- ` items are often not indented at all.
 */
export function indentUnit(document: Document.Parsed, text: string): number {
  const counts = new Map<number, number>();
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = item.key as Node | null;
        const value = item.value as Node | null;
        if (isMap(value) && !value.flow && key?.range && value.range && value.items.length > 0) {
          const step = columnOf(text, value.range[0]) - columnOf(text, key.range[0]);
          if (step > 0) counts.set(step, (counts.get(step) ?? 0) + 1);
        }
        visit(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(document.contents);
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

/** Where a node's content ends, without the comments and line breaks the parser attaches to block collections. */
export function contentEnd(node: unknown, text: string): number | null {
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return node.range?.[1] ?? null;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      const end = isPair(item) ? pairContentEnd(item, text) : contentEnd(item, text);
      if (end !== null) return end;
    }
    return null;
  }
  const range = (node as Node | null | undefined)?.range;
  if (!range) return null;
  // Block scalars include their final line break; a plain or quoted scalar ends at its last character.
  let end = range[1];
  while (end > range[0] && /[\s]/.test(text[end - 1])) end--;
  return end;
}

export function pairContentEnd(pair: Pair, text: string): number | null {
  const valueEnd = pair.value ? contentEnd(pair.value, text) : null;
  const keyEnd = (pair.key as Node | null)?.range?.[1] ?? null;
  if (valueEnd === null) return keyEnd;
  if (keyEnd === null) return valueEnd;
  return Math.max(valueEnd, keyEnd);
}

/**
 * The offset where new lines go after a block node: the end of its last
 * content line, then past comment lines indented deeper than `column`
 * (they read as part of the block above, so new keys go after them).
 */
export function insertionPointAfter(text: string, end: number, column: number): number {
  let at = lineEndOf(text, end);
  for (;;) {
    const next = nextLineStart(text, at);
    if (next >= text.length) return at;
    const lineEnd = lineEndOf(text, next);
    const line = text.slice(next, lineEnd);
    if (line.trimStart().startsWith('#') && indentOfLine(line) > column) {
      at = lineEnd;
      continue;
    }
    return at;
  }
}

/** A map to write: keys in order, leaves are raw YAML scalar text (already quoted as wanted). */
export type EntryTree = Map<string, string | EntryTree>;

export function tree(entries: [string, string | EntryTree][]): EntryTree {
  return new Map(entries);
}

function renderBlock(entries: EntryTree, column: number, unit: number, eol: string): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(column);
  for (const [key, value] of entries) {
    if (typeof value === 'string') lines.push(`${pad}${key}: ${value}`);
    else {
      lines.push(`${pad}${key}:`);
      lines.push(...renderBlock(value, column + unit, unit, eol));
    }
  }
  return lines;
}

function renderFlow(entries: EntryTree): string {
  const parts: string[] = [];
  for (const [key, value] of entries) parts.push(`${key}: ${typeof value === 'string' ? value : renderFlow(value)}`);
  return `{${parts.join(', ')}}`;
}

export interface EditContext {
  text: string;
  document: Document.Parsed;
  eol: string;
  unit: number;
}

export function editContext(document: Document.Parsed, text: string): EditContext {
  return { text, document, eol: lineEnding(text), unit: indentUnit(document, text) };
}

function findPair(map: YAMLMap, key: string): Pair | null {
  let found: Pair | null = null;
  for (const item of map.items) if (isPair(item) && keyText(item) === key) found = item;
  return found;
}

function isNullValue(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.value === null);
}

/** The column of a block map's keys. */
function mapColumn(map: YAMLMap, text: string): number | null {
  return map.range ? columnOf(text, map.range[0]) : null;
}

/** Adds keys that the map does not have yet, after its last entry, in its own style (block or flow). */
function insertIntoMap(context: EditContext, map: YAMLMap, entries: EntryTree): TextEdit | null {
  const { text } = context;
  if (map.flow) {
    const close = map.range ? map.range[1] - 1 : -1;
    if (close < 0 || text[close] !== '}') return null;
    const body = renderFlow(entries).slice(1, -1);
    if (map.items.length === 0) return { start: close, end: close, newText: body };
    const last = map.items[map.items.length - 1];
    const end = isPair(last) ? pairContentEnd(last, text) : null;
    if (end === null) return null;
    return { start: end, end, newText: `, ${body}` };
  }
  const column = mapColumn(map, text);
  const end = contentEnd(map, text);
  if (column === null || end === null) return null;
  const at = insertionPointAfter(text, end, column);
  const lines = renderBlock(entries, column, context.unit, context.eol);
  return { start: at, end: at, newText: context.eol + lines.join(context.eol) };
}

/**
 * Gives a key whose value is null (`resources:`, `resources: ~`) a map value.
 * The null token goes, a comment after it stays, and the new block starts on
 * the next line, one indent step deeper than the key.
 */
function fillNullValue(context: EditContext, parent: YAMLMap, pair: Pair, entries: EntryTree): TextEdit | null {
  const { text } = context;
  const key = pair.key as Node | null;
  const colon = key?.range ? colonAfter(text, key.range[1]) : null;
  if (!key?.range || colon === null) return null;
  const value = pair.value as Node | null;
  const token = value?.range && value.range[1] > value.range[0] ? value.range : null;
  if (parent.flow) {
    const at = token ?? [colon + 1, colon + 1];
    return { start: at[0], end: at[1], newText: (token ? '' : ' ') + renderFlow(entries) };
  }
  const lineEnd = lineEndOf(text, token ? token[1] : colon + 1);
  const rest = token ? text.slice(colon + 1, token[0]) + text.slice(token[1], lineEnd) : text.slice(colon + 1, lineEnd);
  const comment = rest.trim();
  const column = columnOf(text, key.range[0]);
  const lines = renderBlock(entries, column + context.unit, context.unit, context.eol);
  return { start: colon + 1, end: lineEnd, newText: (comment ? ` ${comment}` : '') + context.eol + lines.join(context.eol) };
}

/** The offset of the `:` that ends a key (skipping spaces), or null. */
function colonAfter(text: string, keyEnd: number): number | null {
  let at = keyEnd;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return text[at] === ':' ? at : null;
}

/**
 * Edits that make `map` contain every entry of `entries`: existing scalars
 * are rewritten in place, missing keys are added (with any missing parent
 * maps) in the map's own style. Returns null when a key that must be a map
 * holds something else (a list, a scalar): that is a different problem.
 */
export function setEntries(context: EditContext, map: YAMLMap, entries: EntryTree): TextEdit[] | null {
  const edits: TextEdit[] = [];
  const missing: EntryTree = new Map();
  for (const [key, wanted] of entries) {
    const pair = findPair(map, key);
    if (!pair) {
      missing.set(key, wanted);
      continue;
    }
    const value = pair.value as Node | null;
    if (typeof wanted === 'string') {
      if (isScalar(value) && !isNullValue(value)) {
        const raw = value.range ? context.text.slice(value.range[0], value.range[1]) : null;
        if (raw === wanted) continue;
        if (!value.range) return null;
        edits.push({ start: value.range[0], end: value.range[1], newText: wanted });
      } else if (isNullValue(value)) {
        const key = pair.key as Node | null;
        const colon = key?.range ? colonAfter(context.text, key.range[1]) : null;
        if (colon === null) return null;
        const token = value?.range && value.range[1] > value.range[0] ? value.range : null;
        edits.push({ start: colon + 1, end: token ? token[1] : colon + 1, newText: ` ${wanted}` });
      } else {
        return null;
      }
      continue;
    }
    if (isMap(value)) {
      const nested = setEntries(context, value, wanted);
      if (!nested) return null;
      edits.push(...nested);
    } else if (isNullValue(value)) {
      const edit = fillNullValue(context, map, pair, wanted);
      if (!edit) return null;
      edits.push(edit);
    } else {
      return null;
    }
  }
  if (missing.size > 0) {
    const edit = insertIntoMap(context, map, missing);
    if (!edit) return null;
    edits.push(edit);
  }
  return edits;
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`overlapping edits at ${edit.start}..${edit.end}`);
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}
