import { type Document } from 'yaml';
import { type Finding, type Severity } from '../findings';
import { type PodSpecModel } from '../model';
import { type Workload } from '../workloads';
import type { PodAnalysis } from '../analysis';
import type { ClusterContext } from '../admission';

/**
 * A rule is one check in the style of kube-score: an id (the diagnostic
 * code), a one-line rationale, a default severity, and a check that returns
 * findings (with their fixes). Each rule lives in its own module with its
 * own table of test cases.
 *
 * Three phases:
 * - `api` rules say what the API server (or kubectl's strict validation)
 *   would reject; they run on the spec as written, before any numbers exist.
 * - `value` rules read one written value (a unit slip like `memory: 128m`);
 *   they need no analysis, so they run on every object, valid or not.
 * - `advice` rules say what is legal but probably not what the author meant;
 *   they run only on objects the API would accept, with the computed analysis.
 */
export interface RuleContext {
  document: Document.Parsed;
  /** The document's text; findings' offsets are relative to it. */
  text: string;
  workload: Workload;
  model: PodSpecModel;
  node: NodeCapacity;
  /** The objects of the inputs the admission plugins read (PriorityClasses…), when the host collected them. */
  cluster?: ClusterContext;
  /** Present for advice rules: the numbers Kubernetes computes for the pod. */
  analysis?: PodAnalysis;
}

/** What an `object` rule sees: the object before any pod spec is read (it may have none yet). */
export interface ObjectRuleContext {
  document: Document.Parsed;
  text: string;
  workload: Workload;
}

/** A check on the object as a whole that must pass before its pod spec means anything. */
export interface ObjectRule {
  id: string;
  phase: 'object';
  severity: Severity;
  rationale: string;
  check(context: ObjectRuleContext): Finding[];
}

export interface NodeCapacity {
  cpuMilli: bigint;
  memoryBytes: bigint;
  /**
   * Present when a number stands in for a node nobody described (the host's
   * default): which of the two, and how the user gives theirs, in the host's
   * words (an editor setting, a command-line flag). Findings that depend on
   * the node then say it is assumed.
   */
  assumed?: NodeAssumption;
}

export interface NodeAssumption {
  cpu: boolean;
  memory: boolean;
  /** E.g. "set podLens.node.cpu and podLens.node.memory". */
  howToSet: string;
}

export interface Rule {
  id: string;
  phase: 'api' | 'value' | 'advice';
  severity: Severity;
  rationale: string;
  check(context: RuleContext): Finding[];
}
