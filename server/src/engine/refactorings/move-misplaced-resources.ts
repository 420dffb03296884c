import { type Document, isMap, isPair, isScalar, isSeq, type Node, type Pair, visit, type YAMLMap } from 'yaml';
import { type Fix, type TextEdit } from '../findings';
import { keyText, type Span } from '../yaml-nodes';
import { columnOf, indentUnit, insertionPointAfter, lineEnding, lineStartOf, pairContentEnd } from './yaml-edits';

const containerLists = new Set(['containers', 'initContainers']);
/** Keys of ResourceRequirements: when `resources:` is empty and these follow it as siblings, they were meant as its children. */
const resourceKeys = new Set(['requests', 'limits', 'claims']);

interface Located {
  pair: Pair;
  parent: YAMLMap;
  container: YAMLMap;
  /** The container's own entry (`env`, `ports`…) under which the misplaced key sits. */
  containerPair: Pair;
}

function locate(document: Document.Parsed, keySpan: Span): Located | null {
  let found: Located | null = null;
  visit(document, {
    Pair(_, pair, path) {
      const key = pair.key as Node | null;
      if (!key?.range || key.range[0] !== keySpan.start || keyText(pair) !== 'resources') return undefined;
      const parent = path[path.length - 1];
      // The nearest enclosing `containers:`/`initContainers:` list item is the container the block belongs to.
      for (let i = path.length - 2; i >= 1; i--) {
        const list = path[i];
        const listPair = path[i - 1];
        if (!isSeq(list) || !isPair(listPair) || !containerLists.has(keyText(listPair) ?? '')) continue;
        const container = path[i + 1];
        const containerPair = path[i + 2];
        if (isMap(container) && isPair(containerPair) && isMap(parent) && parent !== container) {
          found = { pair, parent, container, containerPair };
        }
        break;
      }
      return visit.BREAK;
    },
  });
  return found;
}

function onlySpacesBefore(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === '';
}

function isNullValue(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.value === null);
}

/**
 * Moves a `resources:` block that sits under the wrong parent inside a
 * container (an env item, a port…) to the container itself, re-indented to
 * the container's keys. Comments inside the block move with it. Two shapes:
 * - the block is nested under the key (`resources:` then deeper `requests:`);
 * - `resources:` is empty and `requests:`/`limits:` follow at the same
 *   indentation (the form the misindented snippet usually has): those keys
 *   become its children.
 * When the block is the last thing in the container entry it is re-indented
 * in place; otherwise it is cut and inserted after that entry. Returns null
 * when the key is not misplaced, the container already has `resources`, or
 * the block is written in a shape that cannot be cut as whole lines.
 */
export function moveMisplacedResources(document: Document.Parsed, text: string, keySpan: Span): Fix | null {
  const located = locate(document, keySpan);
  if (!located) return null;
  const { pair, parent, container, containerPair } = located;
  if (parent.flow || container.flow) return null;
  if (container.items.some((item) => isPair(item) && keyText(item) === 'resources')) return null;
  const key = pair.key as Node;
  if (!onlySpacesBefore(text, key.range![0])) return null;

  const group: Pair[] = [pair];
  if (isNullValue(pair.value)) {
    for (let i = parent.items.indexOf(pair) + 1; i < parent.items.length; i++) {
      const next = parent.items[i];
      if (!isPair(next) || !resourceKeys.has(keyText(next) ?? '')) break;
      const nextKey = next.key as Node | null;
      if (!nextKey?.range || !onlySpacesBefore(text, nextKey.range[0])) return null;
      group.push(next);
    }
  }
  const resourcesColumn = columnOf(text, key.range![0]);
  const containerColumn = columnOf(text, container.range![0]);
  const unit = indentUnit(document, text);
  const eol = lineEnding(text);

  const blockStart = lineStartOf(text, key.range![0]);
  const lastEnd = pairContentEnd(group[group.length - 1], text);
  if (lastEnd === null) return null;
  const lastLineEnd = insertionPointAfter(text, lastEnd, resourcesColumn);
  const blockEnd = text.startsWith('\r\n', lastLineEnd) ? lastLineEnd + 2 : text[lastLineEnd] === '\n' ? lastLineEnd + 1 : lastLineEnd;
  const childrenStart = group.length > 1 ? lineStartOf(text, (group[1].key as Node).range![0]) : Infinity;

  // Every line keeps its indentation relative to the block; only the block as a whole shifts.
  const lines: string[] = [];
  let offset = blockStart;
  for (const rawLine of text.slice(blockStart, lastLineEnd).split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const content = line.trimStart();
    const shift = offset >= childrenStart ? containerColumn + unit - resourcesColumn : containerColumn - resourcesColumn;
    const indent = Math.max(0, line.length - content.length + shift);
    lines.push(content === '' ? '' : ' '.repeat(indent) + content);
    offset += rawLine.length + 1;
  }
  const moved = lines.join(eol);

  const entryEnd = pairContentEnd(containerPair, text);
  if (entryEnd === null) return null;
  const title = 'Move resources to the container';
  if (entryEnd <= lastLineEnd) {
    return { title, edits: [{ start: blockStart, end: lastLineEnd, newText: moved }], preferred: true };
  }
  const at = insertionPointAfter(text, entryEnd, containerColumn);
  const edits: TextEdit[] = [
    { start: blockStart, end: blockEnd, newText: '' },
    { start: at, end: at, newText: eol + moved },
  ];
  return { title, edits, preferred: true };
}
