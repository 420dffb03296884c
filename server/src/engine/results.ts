import { type DocumentSlice, type ParsedDocument } from './documents';
import { type Finding } from './findings';
import { type Workload, type WorkloadKind } from './workloads';
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
  kind: WorkloadKind;
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

export interface ObjectResult {
  workload: WorkloadSummary;
  /** null when the API server would reject the object (see `invalid`) or it has no pod spec yet. */
  analysis: AnalysisSummary | null;
  invalid: boolean;
  findings: Finding[];
}

export interface DocumentResult {
  /** The slice this result was computed from: offsets in findings are relative to `slice.start`. */
  slice: DocumentSlice;
  /** A YAML document that is a Kubernetes object (has `kind` and `apiVersion`). */
  isKubernetesObject: boolean;
  kind: string | null;
  /** Findings not tied to a workload: YAML syntax errors. */
  findings: Finding[];
  object: ObjectResult | null;
}

/** An object with its syntax tree and the model read from it: what hovers and refactorings work on. */
export interface ObjectDetail {
  workload: Workload;
  model: PodSpecModel | null;
  analysis: PodAnalysis | null;
  invalid: boolean;
  findings: Finding[];
}

export interface DocumentDetail {
  slice: DocumentSlice;
  isKubernetesObject: boolean;
  kind: string | null;
  findings: Finding[];
  object: ObjectDetail | null;
  /** The parsed document; null only when the analysis failed internally. */
  parsed: ParsedDocument | null;
}

export interface FileResult {
  text: string;
  documents: DocumentResult[];
}
