import type { CodeLens, Range } from 'vscode-languageserver-types';
import { type DocumentView, isKubernetesDocument } from './document';
import { type LineMap } from './positions';
import { objectIndexAt as engineObjectIndexAt, type PodTemplateSummary } from '../engine/results';
import { podRefusalPrefix } from '../engine/analyze';

/**
 * Two lenses above each workload (each item of a List that is one, each pod
 * template of a custom resource that holds several, above its role or group): its QoS class, eviction risk and worst
 * OOM score (clicking shows why), and one that opens the lifecycle simulation.
 * The commands are the client's: the server only names them.
 *
 * Over LSP the lenses go out unresolved (a range and a `LensData`), and the
 * title, command and arguments follow in `codeLens/resolve`: a file of
 * thousands of workloads would otherwise send megabytes of reasons nobody
 * looks at, where the editor resolves only the lenses on screen.
 */

export const showReasonsCommand = 'podLens.showReasons';
export const simulateCommand = 'podLens.simulate';

export interface ShowReasonsArguments {
  uri: string;
  document: number;
  /** The object's index in its document's List `items`; absent for a document's own object. */
  item?: number;
  /** The pod template, for an object that holds several (a RayCluster's worker group). */
  podSpecPath?: string;
  /** Its role or group: `worker group small-group`. */
  template?: string;
  kind: string;
  name: string | null;
  qosClass: string | null;
  qosReasons: string[];
  eviction: { risk: string; reasons: string[] } | null;
  /** Only for objects the API server would refuse: what it would say. */
  errors: string[];
}

export interface SimulateArguments {
  uri: string;
  document: number;
  /** The List item to simulate (`podLens/simulate`'s `item`); absent for a document's own object. */
  item?: number;
  /** The pod template to simulate (`podLens/simulate`'s `podSpecPath`), for an object that holds several. */
  podSpecPath?: string;
}

/** What an unresolved lens carries, enough to find its document and object again in `codeLens/resolve`. */
export interface LensData {
  uri: string;
  /** The version of the text the lens was computed for (null when the client gave none). */
  version: number | null;
  /** The document's index in the file. */
  document: number;
  /** The workload's index among the document's workloads (a List holds several); absent, the first. */
  object?: number;
  /** Which of the workload's lenses: 0 the reasons, 1 the simulation. */
  lens: number;
}

export function isLensData(value: unknown): value is LensData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    typeof data.uri === 'string' &&
    (data.version === null || typeof data.version === 'number') &&
    Number.isInteger(data.document) &&
    (data.object === undefined || Number.isInteger(data.object)) &&
    (data.lens === 0 || data.lens === 1)
  );
}

/** Where an object's lenses sit (its `kind` key, or where the object starts), or null for one that gets none. */
export function lensAnchor(view: DocumentView, object: number, lines: LineMap): Range | null {
  const { result } = view;
  const found = result.objects[object];
  if (!found || !isKubernetesDocument(result)) return null;
  // One of several pod templates: above its role or group, so that each template's lenses sit by it.
  const at = found.template?.anchor ?? found.workload.kindSpan;
  const span = view.translate(at?.start ?? found.span.start, at?.end ?? found.span.start);
  return span ? lines.range(view.base, span.start, span.end) : lines.range(view.base, 0, 0);
}

/** How many lenses a workload with an anchor has. */
export const lensesPerWorkload = 2;

export function codeLenses(uri: string, views: readonly DocumentView[], lines: LineMap): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const view of views) lenses.push(...documentLenses(uri, view, lines));
  return lenses;
}

/** The lenses of one document: each workload's, in order (none for a document without workloads). */
export function documentLenses(uri: string, view: DocumentView, lines: LineMap): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (let object = 0; object < view.result.objects.length; object++) lenses.push(...objectLenses(uri, view, object, lines));
  return lenses;
}

/** The two lenses of one workload of a document. */
export function objectLenses(uri: string, view: DocumentView, index: number, lines: LineMap): CodeLens[] {
  const anchor = lensAnchor(view, index, lines);
  const { result } = view;
  const object = result.objects[index];
  if (!anchor || !object) return [];
  const { analysis, workload } = object;
  const item = object.item === null ? {} : { item: object.item };
  const template = object.template ? { podSpecPath: workload.podSpecPath, template: object.template.label } : {};
  const base = { uri, document: result.slice.index, ...item, ...template, kind: workload.kind, name: workload.name };
  const label = object.template ? `${object.template.label} · ` : '';
  let title: string;
  let reasons: ShowReasonsArguments;
  if (analysis) {
    const worst = Math.max(...analysis.containers.map((c) => c.cgroup.oomScoreAdj));
    title = `${label}${analysis.qos.qosClass} · eviction risk: ${analysis.eviction.risk} · OOM score ${worst}`;
    reasons = { ...base, qosClass: analysis.qos.qosClass, qosReasons: analysis.qos.reasons, eviction: analysis.eviction, errors: [] };
  } else {
    const errors = object.findings.filter((f) => f.severity === 'error').map((f) => f.message);
    // A custom resource's template is not refused itself: the Pods made from it would be, and its warnings say why.
    const warnings = object.findings.filter((f) => f.severity === 'warning' && f.message.startsWith(podRefusalPrefix));
    if (errors.length > 0) title = `${label}Refused by the API server: ${errors.length} error${errors.length === 1 ? '' : 's'}`;
    else if (warnings.length > 0) title = `${label}Its Pods would be refused: ${warnings.length} problem${warnings.length === 1 ? '' : 's'}`;
    else title = `${label}No pod spec yet`;
    errors.push(...warnings.map((f) => f.message));
    reasons = { ...base, qosClass: null, qosReasons: [], eviction: null, errors };
  }
  const simulate: SimulateArguments = { uri, document: result.slice.index, ...item, ...(object.template ? { podSpecPath: workload.podSpecPath } : {}) };
  return [
    { range: anchor, command: { title, command: showReasonsCommand, arguments: [reasons] } },
    { range: anchor, command: { title: '▶ Simulate lifecycle', command: simulateCommand, arguments: [simulate] } },
  ];
}

/** The workload of a document whose text holds an offset relative to the document (the first one when none does); see the engine's `objectIndexAt`. */
export function objectIndexAt(
  result: { objects: readonly { span: { start: number; end: number }; template: PodTemplateSummary | null }[] },
  offset: number,
): number {
  const index = engineObjectIndexAt(result.objects, offset);
  return index === -1 ? 0 : index;
}
