import type { Hover, Position } from 'vscode-languageserver-types';
import { type DocumentDetail, type ObjectDetail, objectIndexAt } from '../../engine/analyze';
import { toDocumentSpan, toParsedOffset } from '../../engine/documents';
import { type AnalyzedFile, isKubernetesDocument } from '../document';
import { targetAt, type Target } from '../locate';
import { type ServiceSettings } from '../settings';
import { containerHover } from './container';
import { probeHover, restartPolicyHover, terminationHover } from './lifecycle';
import { quantityHover } from './quantities';
import { workloadHover } from './workload';
import { joinSections } from '../markdown';

/**
 * Hovers: what Kubernetes and the kernel make of the value under the cursor,
 * numbers first, a few lines of meaning, and the documentation page to read
 * more. Everything is computed by the engine (numbers) or the simulator
 * (times); these modules only word it, one per kind of target.
 */

export function doHover(analyzed: AnalyzedFile, position: Position, settings: ServiceSettings): Hover | null {
  const offset = analyzed.lines.offsetAt(position);
  if (offset === null) return null;
  const document = analyzed.documentAt(offset);
  if (!document || !isKubernetesDocument(document) || document.objects.length === 0) return null;
  // The tree is needed to know what the cursor is on; results keep none, so this document is parsed again (or cached).
  const detail = analyzed.detail(document);
  const local = offset - document.slice.start;
  const object = objectAt(detail, local);
  if (!object) return null;
  // The tree's offsets are those of the text kubectl decodes, which differs from the file's where the reader rewrote it.
  const read = detail.parsed?.read;
  const target = targetAt(object, read ? toParsedOffset(read, local) : local);
  if (!target) return null;
  const value = hoverMarkdown(object, target, settings);
  if (!value) return null;
  const span = read ? toDocumentSpan(read, target.span.start, target.span.end) : target.span;
  return {
    contents: { kind: 'markdown', value },
    range: analyzed.lines.range(document.slice.start, span.start, span.end),
  };
}

/** The workload of a document written where an offset of the document is (a List's item), or null. */
export function objectAt(detail: DocumentDetail, offset: number): ObjectDetail | null {
  return detail.objects[objectIndexAt(detail.objects, offset)] ?? null;
}

export function hoverMarkdown(object: ObjectDetail, target: Target, settings: ServiceSettings): string | null {
  const body = hoverBody(object, target, settings);
  if (!body) return null;
  // Without numbers the workload hover is the refusal itself, every error listed.
  if (target.kind === 'workload' && !object.analysis) return body;
  return joinSections([refusalLine(object), body]);
}

function hoverBody(object: ObjectDetail, target: Target, settings: ServiceSettings): string | null {
  switch (target.kind) {
    case 'workload':
      return workloadHover(object, settings);
    case 'container':
      return object.analysis ? containerHover(object.analysis, target.container) : null;
    case 'quantity':
      return object.analysis ? quantityHover(object, object.analysis, target.container, target.list, target.entry, settings) : null;
    case 'probe':
      return probeHover(object, target.container, target.probe);
    case 'restartPolicy':
      return restartPolicyHover(object, target.container);
    case 'termination':
      return terminationHover(object);
  }
}

/** Who stops an object with this error: kubectl for what it cannot send, the API server for the rest. */
function refuser(code: string): string {
  return code === 'api-version-not-served' || code === 'missing-api-version' ? 'kubectl' : 'the API server';
}

/**
 * One line above the numbers of an object that would be refused, with its
 * first error: the numbers are what the written values mean, but no cluster
 * will run them until the error is fixed.
 */
export function refusalLine(object: ObjectDetail): string | null {
  const errors = object.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return null;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'})` : '';
  return `⚠ **Refused by ${refuser(first.code)}**: ${first.message}${more}`;
}
