import { type Document, isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { groupOf, isCustomGroup } from './api-versions';
import { asMap, deref, effectivePairs, getMap, getPair, getString, keyText, spanOf, type Span } from './yaml-nodes';
import { customTemplateSites } from './custom-resources';
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
  // A custom resource's Job-like spec (Volcano's, Kubeflow's) is its operator's, not the Job controller's.
  if (workload.custom || !isWorkloadKind(workload.kind)) return null;
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
  /** A built-in `WorkloadKind`, or a custom resource's kind (then `custom` says which pod template). */
  kind: string;
  /** `spec.template.spec`, `spec.workerGroupSpecs[1].template.spec`. */
  podSpecPath: string;
  /** The same path as keys and sequence indexes. */
  podSpecKeys: readonly (string | number)[];
  /** null when the object has no pod spec yet (half-typed) or it is not a mapping. */
  podSpec: YAMLMap | null;
  /** For a pod template inside a custom resource: which one; null for a built-in kind. */
  custom: CustomPodTemplate | null;
}

/** One pod template of a custom resource (`custom-resources.ts`). */
export interface CustomPodTemplate {
  group: string;
  /** The role or group it belongs to, for an object that can hold several (`RayCluster head`, `worker group small-group`); else null. */
  label: string | null;
  /** The node of that role or group (a worker group's item, a `Worker:` replica spec): hovers and the simulation pick the template written there. */
  span: Span | null;
  /** The first line of that node (its key, or an item's first line): where its lenses sit. */
  anchor: Span | null;
  /** Fields the custom resource adds beside the pod spec's own (Knative's `containerConcurrency`), which strict checks accept. */
  extraFields: readonly string[];
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

/** The workload a document's root holds (its first pod template), or null when it is not a Kubernetes object that carries a pod spec. */
export function findWorkload(document: Document.Parsed): Workload | null {
  return workloadsOf(readObjectHeader(document), document)[0] ?? null;
}

/**
 * The pod templates of an object kubectl applies, each as a workload: one for
 * a built-in kind (with its pod spec, or without while half-typed), one per
 * pod template written in a custom resource of the table in
 * `custom-resources.ts`, none for anything else. Its kind and apiVersion are
 * kubectl's (an item of a typed List such as PodList takes them from the
 * list); the rest is read from its node.
 */
export function findWorkloadsAt(node: unknown, document: Document.Parsed, identity?: { kind: string; apiVersion: string }): Workload[] {
  const header = readObjectHeaderAt(node, document);
  if (header && identity) {
    header.kind = identity.kind;
    header.apiVersion = identity.apiVersion === '' ? null : identity.apiVersion;
  }
  return workloadsOf(header, document);
}

/** The first pod template of an object (see `findWorkloadsAt`), or null. */
export function findWorkloadAt(node: unknown, document: Document.Parsed, identity?: { kind: string; apiVersion: string }): Workload | null {
  return findWorkloadsAt(node, document, identity)[0] ?? null;
}

function workloadsOf(header: ObjectHeader | null, document: Document.Parsed): Workload[] {
  if (!header || header.kind === null) return [];
  const group = header.apiVersion === null ? null : groupOf(header.apiVersion);
  // A custom resource may reuse a built-in kind (Volcano's batch.volcano.sh Job, OpenKruise's
  // apps.kruise.io StatefulSet): only its CRD schema applies to it, and its pod templates are read
  // from the custom resource table. A built-in kind in a built-in group that does not serve it is
  // still read, for `api-version-not-served` to refuse.
  if (group !== null && isCustomGroup(group)) return customWorkloads({ ...header, kind: header.kind }, group, document);
  if (!isWorkloadKind(header.kind)) return [];
  const path = podSpecPathOf[header.kind];
  let node: YAMLMap | null = header.root;
  for (const segment of path) node = getMap(node, segment, document);
  return [{ ...header, kind: header.kind, podSpecPath: path.join('.'), podSpecKeys: path, podSpec: node, custom: null }];
}

/** A path of keys and indexes as `kubectl explain` and Kubernetes' field errors write it. */
export function fieldPath(keys: readonly (string | number)[]): string {
  return keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function customWorkloads(header: ObjectHeader & { kind: string }, group: string, document: Document.Parsed): Workload[] {
  const workloads: Workload[] = [];
  for (const site of customTemplateSites(group, header.kind)) {
    for (const found of expand(header.root, site.path, [], document)) {
      const podSpec = asMap(deref(atKeys(found.node, site.podSpec, document), document));
      if (!podSpec) continue;
      const anchorKeys = found.keys.slice(0, site.anchorDepth);
      const anchorNode = nodeAtKeys(header.root, anchorKeys, document);
      const keys = [...found.keys, ...site.podSpec];
      const label = site.label?.({ kind: header.kind, keys: found.keys, group: asMap(anchorNode.node), document }) ?? null;
      workloads.push({
        ...header,
        kind: header.kind,
        podSpecPath: fieldPath(keys),
        podSpecKeys: keys,
        podSpec,
        custom: { group, label, span: spanOf(anchorNode.node), anchor: anchorNode.anchor, extraFields: site.extraFields ?? [] },
      });
    }
  }
  return workloads;
}

/** The nodes a path with wildcards (`*` any key of a mapping, `[]` any item of a sequence) reaches, in written order. */
function expand(node: unknown, path: readonly string[], keys: (string | number)[], document: Document.Parsed): { node: unknown; keys: (string | number)[] }[] {
  if (path.length === 0) return [{ node, keys }];
  const [step, ...rest] = path;
  const here = deref(node, document);
  if (step === '[]') {
    if (!isSeq(here)) return [];
    return here.items.flatMap((item, index) => expand(item, rest, [...keys, index], document));
  }
  if (!isMap(here)) return [];
  if (step === '*') {
    return effectivePairs(here, document).flatMap((pair) => {
      const key = keyText(pair);
      return key === null ? [] : expand(pair.value, rest, [...keys, key], document);
    });
  }
  const pair = getPair(here, step, document);
  return pair ? expand(pair.value, rest, [...keys, step], document) : [];
}

function atKeys(node: unknown, keys: readonly string[], document: Document.Parsed): unknown {
  let here = node;
  for (const key of keys) here = getPair(asMap(deref(here, document)), key, document)?.value ?? null;
  return here;
}

/** The node at a path of keys and indexes, and the first line where it is written (its key, or an item's first line). */
function nodeAtKeys(root: YAMLMap, keys: readonly (string | number)[], document: Document.Parsed): { node: Node | null; anchor: Span | null } {
  let node: Node | null = root;
  let anchor: Span | null = null;
  for (const key of keys) {
    const here = deref(node, document);
    if (typeof key === 'number') {
      node = isSeq(here) ? ((here.items[key] as Node | undefined) ?? null) : null;
      const span = spanOf(deref(node, document));
      anchor = span && { start: span.start, end: span.start };
    } else {
      const pair = getPair(asMap(here), key, document);
      node = (pair?.value as Node | null | undefined) ?? null;
      anchor = spanOf(pair?.key as Node | undefined);
    }
  }
  return { node: deref(node, document) ?? null, anchor };
}
