import { type Document, type Node, type YAMLMap } from 'yaml';
import { groupOf, isCustomGroup } from './api-versions';
import { asMap, getMap, getPair, getString, spanOf, type Span } from './yaml-nodes';
import { type JobSpecModel, readJobSpec } from './model/job';

export const workloadKinds = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'] as const;

export type WorkloadKind = (typeof workloadKinds)[number];

/** Where each kind keeps its pod spec (`kubectl explain` paths). */
export const podSpecPathOf: Record<WorkloadKind, readonly string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Where the kinds a Job controller owns keep the Job spec. */
const jobSpecPathOf: Partial<Record<WorkloadKind, readonly string[]>> = {
  Job: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec'],
};

/** The Job spec the Job controller acts on; null for kinds no Job controller runs. */
export function jobSpecOf(workload: Workload, document: Document.Parsed): JobSpecModel | null {
  const path = jobSpecPathOf[workload.kind];
  if (!path) return null;
  let node: YAMLMap | null = workload.root;
  for (const segment of path) node = getMap(node, segment, document);
  return readJobSpec(node, document);
}

export function isWorkloadKind(kind: string | null): kind is WorkloadKind {
  return kind !== null && (workloadKinds as readonly string[]).includes(kind);
}

/** What identifies a Kubernetes object in a YAML document. */
export interface ObjectHeader {
  root: YAMLMap;
  apiVersion: string | null;
  kind: string | null;
  name: string | null;
  namespace: string | null;
  /** The `kind:` pair, where CodeLens and workload hovers anchor. */
  kindSpan: Span | null;
  /** The value of `apiVersion:`. */
  apiVersionSpan: Span | null;
  nameSpan: Span | null;
}

export interface Workload extends ObjectHeader {
  kind: WorkloadKind;
  podSpecPath: string;
  /** null when the object has no pod spec yet (half-typed) or it is not a mapping. */
  podSpec: YAMLMap | null;
}

export function readObjectHeader(document: Document.Parsed): ObjectHeader | null {
  return readObjectHeaderAt(document.contents, document);
}

/** The header of the object written at `node` (a document's root, or an item of a List). */
export function readObjectHeaderAt(node: unknown, document: Document.Parsed): ObjectHeader | null {
  const root = asMap(node as Node | null);
  if (!root) return null;
  const metadata = getMap(root, 'metadata', document);
  return {
    root,
    apiVersion: getString(root, 'apiVersion', document),
    kind: getString(root, 'kind', document),
    name: getString(metadata, 'name', document),
    namespace: getString(metadata, 'namespace', document),
    kindSpan: spanOf(getPair(root, 'kind')),
    apiVersionSpan: spanOf(getPair(root, 'apiVersion')?.value as Node | null | undefined),
    nameSpan: spanOf(getPair(metadata, 'name')),
  };
}

/** The workload a document's root holds, or null when it is not a Kubernetes object that carries a pod spec. */
export function findWorkload(document: Document.Parsed): Workload | null {
  return workloadOf(readObjectHeader(document), document);
}

/**
 * The workload of an object kubectl applies, or null when it carries no pod
 * spec. Its kind and apiVersion are kubectl's (an item of a typed List such
 * as PodList takes them from the list); the rest is read from its node.
 */
export function findWorkloadAt(node: unknown, document: Document.Parsed, identity?: { kind: string; apiVersion: string }): Workload | null {
  const header = readObjectHeaderAt(node, document);
  if (header && identity) {
    header.kind = identity.kind;
    header.apiVersion = identity.apiVersion === '' ? null : identity.apiVersion;
  }
  return workloadOf(header, document);
}

function workloadOf(header: ObjectHeader | null, document: Document.Parsed): Workload | null {
  if (!header || !isWorkloadKind(header.kind)) return null;
  // A custom resource may reuse a built-in kind (Volcano's batch.volcano.sh Job, OpenKruise's
  // apps.kruise.io StatefulSet): only its CRD schema applies to it. A built-in kind in a built-in
  // group that does not serve it is still read, for `api-version-not-served` to refuse.
  if (header.apiVersion !== null && isCustomGroup(groupOf(header.apiVersion))) return null;
  const path = podSpecPathOf[header.kind];
  let node: YAMLMap | null = header.root;
  for (const segment of path) node = getMap(node, segment, document);
  return { ...header, kind: header.kind, podSpecPath: path.join('.'), podSpec: node };
}
