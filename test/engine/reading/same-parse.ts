/**
 * Where two parses of one text differ, for the block composer's tests and the
 * fuzz property: node classes, every own property of every node (ranges,
 * values, styles, formats, comments, blank-line flags, flow), and the
 * document's range, markers, comments and problems.
 */
import { type Document, isDocument } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');

/** What the package and the engine see of an object's class: a composed node's prototype stands in front of its class's (`composed-nodes.ts`). */
function classOf(value: object): unknown {
  return NODE_TYPE in value ? value.constructor : Object.getPrototypeOf(value);
}

function nodeType(value: object): unknown {
  return (value as Record<symbol, unknown>)[NODE_TYPE];
}

function sameValue(a: unknown, b: unknown, where: string, depth: number): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${where}: ${String(a)} ≠ ${String(b)}`;
  if (depth > 200) return `${where}: too deep to compare`;
  if (classOf(a) !== classOf(b)) return `${where}: ${a.constructor.name} ≠ ${b.constructor.name}`;
  if (nodeType(a) !== nodeType(b)) return `${where}: node type ${String(nodeType(a))} ≠ ${String(nodeType(b))}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`, depth + 1);
    if (difference) return difference;
  }
  return null;
}

/** The first difference between two parses, as a path and the two values; null when they are the same. */
export function parseDifference(ours: Document.Parsed, theirs: Document.Parsed): string | null {
  if (!isDocument(ours) || !isDocument(theirs)) return 'not a document';
  return (
    sameValue(ours.contents, theirs.contents, 'contents', 0) ??
    sameValue(ours.range, theirs.range, 'range', 0) ??
    sameValue(ours.directives.docStart, theirs.directives.docStart, 'docStart', 0) ??
    sameValue(ours.errors.length, theirs.errors.length, 'errors', 0) ??
    sameValue(ours.warnings.length, theirs.warnings.length, 'warnings', 0) ??
    sameValue(ours.comment, theirs.comment, 'comment', 0) ??
    sameValue(ours.commentBefore, theirs.commentBefore, 'commentBefore', 0)
  );
}
