import { type DocumentSlice, type ParsedDocument } from './documents';
import { type Syntax } from './reading';
import { type Finding } from './findings';
import { type Workload } from './workloads';
import { type Span } from './yaml-nodes';
import { type DecodedContainer, type QosDecision } from './resources';
import { type ContainerCgroup, type PodCgroup, type PodTotals } from './cgroups';
import { type EvictionRisk } from './eviction';
import { type PodSpecModel } from './model';
import { type PodAnalysis } from './analysis';
import { type NodeCapacity } from './rules/rule';
import { type ClusterContext, type QuotaHold } from './admission';

/**
 * What an analysis gives: per YAML document, a compact result (what the faces
 * keep for every document of a file) or a detail (the same with the syntax tree
 * and the pod model, for hovers, fixes and the simulator).
 */

export interface AnalyzeOptions {
  node: NodeCapacity;
  /**
   * The LimitRanges, ResourceQuotas, PriorityClasses and RuntimeClasses of the
   * inputs, applied to every pod as admission applies them (`admission/`).
   */
  cluster?: ClusterContext;
}

export const defaultNode: NodeCapacity = { cpuMilli: 4000n, memoryBytes: 16n * 1024n * 1024n * 1024n };

/**
 * What the faces keep of a workload: its identity and where it is written,
 * without the syntax tree (a tree per document of a big file would hold
 * hundreds of MiB; see `analyzeDocumentDetail` for the tree on demand).
 */
export interface WorkloadSummary {
  /** A built-in workload kind, or a custom resource's (then the object's `template` says which pod template). */
  kind: string;
  apiVersion: string | null;
  name: string | null;
  namespace: string | null;
  podSpecPath: string;
  kindSpan: Span | null;
  nameSpan: Span | null;
}

/** A container's numbers, without the spec it was read from. */
export interface ContainerSummary {
  resources: DecodedContainer;
  cgroup: ContainerCgroup;
  /** The requests and limits an admission plugin set: `limits.cpu` → `LimitRange/<name>`. */
  defaults?: Record<string, string>;
}

/** The numbers of a valid pod spec, without references into its syntax tree. */
export interface AnalysisSummary {
  qos: QosDecision;
  totals: PodTotals;
  podCgroup: PodCgroup;
  containers: ContainerSummary[];
  eviction: EvictionRisk;
  /** What admission did that the numbers show: the namespace, the overhead's origin, the quotas that apply. */
  admission?: AdmissionSummary;
}

export interface AdmissionSummary {
  namespace: string;
  overheadFrom: string | null;
  quotas: QuotaHold[];
}

/**
 * One pod template of a custom resource that can hold several (a RayCluster's
 * head and worker groups): an object with several is several `ObjectResult`s
 * with the same `item` and `span`, told apart by `workload.podSpecPath`.
 */
export interface PodTemplateSummary {
  /** The role or group: `RayCluster head`, `worker group small-group`, `PyTorchJob Worker`. */
  label: string;
  /** Where that role or group is written, relative to the document's start: a position there selects this template. */
  span: Span;
  /** Its first line (its key, or an item's start): where its lenses sit. */
  anchor: Span;
}

export interface ObjectResult {
  /** Its index in the document's List `items` when kubectl applies it as an item of a List; null for the document's own object. */
  item: number | null;
  /** Where the object is written (its node), relative to the document's start. */
  span: Span;
  /** Which of the object's pod templates, when it is one of several (see `objectIndexAt`); null for an object with one. */
  template: PodTemplateSummary | null;
  workload: WorkloadSummary;
  /** null when the API server would reject the object (see `invalid`) or it has no pod spec yet. */
  analysis: AnalysisSummary | null;
  invalid: boolean;
  findings: Finding[];
}

export interface DocumentResult {
  /** The slice this result was computed from: offsets in findings are relative to `slice.start`. */
  slice: DocumentSlice;
  /** A document that is a Kubernetes object (has `kind` and `apiVersion`), a List of them included. */
  isKubernetesObject: boolean;
  /** The document's own kind (`List` for a List). */
  kind: string | null;
  /**
   * Findings about the document rather than one object: kubectl's errors
   * (`yaml-syntax`, `decode-error`), text kubectl never reads (`not-applied`),
   * and Pod Lens's own failures (`internal-error`).
   */
  findings: Finding[];
  /** kubectl stops reading the file at this document (a `yaml-syntax` error): nothing after it is applied. */
  stops: boolean;
  /** The workloads kubectl applies from the document, in order: its own object, or the items of a List. */
  objects: ObjectResult[];
}

/** An object with its syntax tree and the model read from it: what hovers and refactorings work on. */
export interface ObjectDetail {
  item: number | null;
  /** Relative to the document's start, like the findings (the workload's nodes and the model are in the parsed text). */
  span: Span;
  template: PodTemplateSummary | null;
  workload: Workload;
  model: PodSpecModel | null;
  analysis: PodAnalysis | null;
  invalid: boolean;
  /** Relative to the document's start. */
  findings: Finding[];
}

export interface DocumentDetail {
  slice: DocumentSlice;
  isKubernetesObject: boolean;
  kind: string | null;
  findings: Finding[];
  stops: boolean;
  objects: ObjectDetail[];
  /** The parsed document; null only when the analysis failed internally. */
  parsed: ParsedDocument | null;
}

/** What kubectl's reading of the whole file says beyond its documents. */
export interface FileReading {
  syntax: Syntax;
  /** The error that stops kubectl between documents (a bad `---` line, broken JSON), as a `yaml-syntax` finding with file offsets. */
  error: Finding | null;
  /** Where kubectl stops reading because of that error (file offset), or null. */
  stop: number | null;
}

export interface FileResult {
  text: string;
  documents: DocumentResult[];
  reading: FileReading;
}

/**
 * The object of a document written at an offset relative to the document's
 * start, or -1: the pod template whose role or group is written there when
 * the object has several, else the object's first (its kind, its metadata).
 */
export function objectIndexAt(objects: readonly { span: Span; template: PodTemplateSummary | null }[], offset: number): number {
  let first = -1;
  for (let index = 0; index < objects.length; index++) {
    const { span, template } = objects[index];
    if (offset < span.start || offset > span.end) continue;
    if (first === -1) first = index;
    if (template && offset >= template.span.start && offset <= template.span.end) return index;
  }
  return first;
}
