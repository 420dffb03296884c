import { type Document, type YAMLMap } from 'yaml';
import { getString } from './yaml-nodes';

/**
 * Custom resources that carry ordinary pod specs, and where. The pod spec
 * inside is judged like a built-in workload's (numbers, hovers, lenses, the
 * simulation, unit slips, strict fields); nothing else of the resource is,
 * without its schema. `docs/sources.md` has the same table for users.
 */

export interface TemplateLabelInput {
  kind: string;
  /** The keys and indexes that reached the template's site (`['spec', 'workerGroupSpecs', 1, 'template']`). */
  keys: readonly (string | number)[];
  /** The node of the role or group the label names (a worker group's item, a replica spec). */
  group: YAMLMap | null;
  document: Document.Parsed;
}

export interface TemplateSite {
  /** From the object's root to the pod template (`PodTemplateSpec`, or the object itself): `*` any key, `[]` any item. */
  path: readonly string[];
  /** From the pod template to the pod spec. */
  podSpec: readonly string[];
  /** How many keys of the reached path lead to the node the label names (where lenses sit, and what a position selects). */
  anchorDepth: number;
  /** Names the template among several of the object; absent for a kind that holds one. */
  label?: (input: TemplateLabelInput) => string;
  /** Fields the resource allows beside the pod spec's own. */
  extraFields?: readonly string[];
}

interface CustomKinds {
  group: string;
  kinds: readonly string[];
  sites: readonly TemplateSite[];
}

const single = (path: readonly string[]): TemplateSite[] => [{ path, podSpec: ['spec'], anchorDepth: path.length }];

/** The keys of a name field in a group's node, or its index when it has none. */
const named = (noun: string, field: string) => (input: TemplateLabelInput) => {
  const name = getString(input.group, field, input.document);
  const index = [...input.keys].reverse().find((key) => typeof key === 'number');
  return `${noun} ${name ?? `[${index ?? 0}]`}`;
};

const lastKey = (input: TemplateLabelInput) => `${input.kind} ${String(input.keys[input.keys.length - 2])}`;

/** A RayCluster spec at `prefix`: the head group and each worker group. */
const rayCluster = (prefix: readonly string[]): TemplateSite[] => [
  { path: [...prefix, 'headGroupSpec', 'template'], podSpec: ['spec'], anchorDepth: prefix.length + 1, label: (input) => `${input.kind} head` },
  {
    path: [...prefix, 'workerGroupSpecs', '[]', 'template'],
    podSpec: ['spec'],
    anchorDepth: prefix.length + 2,
    label: named('worker group', 'groupName'),
  },
];

const kubeflowReplicas = (field: string): TemplateSite[] => [{ path: ['spec', field, '*', 'template'], podSpec: ['spec'], anchorDepth: 3, label: lastKey }];

/** Knative's RevisionSpec is a PodSpec with these fields inline (knative.dev/serving/pkg/apis/serving/v1). */
const knativeRevisionFields = ['containerConcurrency', 'timeoutSeconds', 'responseStartTimeoutSeconds', 'idleTimeoutSeconds'];

const table: readonly CustomKinds[] = [
  { group: 'argoproj.io', kinds: ['Rollout'], sites: single(['spec', 'template']) },
  {
    group: 'serving.knative.dev',
    kinds: ['Service', 'Configuration'],
    sites: [{ path: ['spec', 'template'], podSpec: ['spec'], anchorDepth: 2, extraFields: knativeRevisionFields }],
  },
  { group: 'serving.knative.dev', kinds: ['Revision'], sites: [{ path: [], podSpec: ['spec'], anchorDepth: 0, extraFields: knativeRevisionFields }] },
  { group: 'keda.sh', kinds: ['ScaledJob'], sites: single(['spec', 'jobTargetRef', 'template']) },
  { group: 'kubeflow.org', kinds: ['PyTorchJob'], sites: kubeflowReplicas('pytorchReplicaSpecs') },
  { group: 'kubeflow.org', kinds: ['TFJob'], sites: kubeflowReplicas('tfReplicaSpecs') },
  { group: 'kubeflow.org', kinds: ['XGBoostJob'], sites: kubeflowReplicas('xgbReplicaSpecs') },
  { group: 'kubeflow.org', kinds: ['PaddleJob'], sites: kubeflowReplicas('paddleReplicaSpecs') },
  { group: 'kubeflow.org', kinds: ['MPIJob'], sites: kubeflowReplicas('mpiReplicaSpecs') },
  { group: 'kubeflow.org', kinds: ['Notebook'], sites: single(['spec', 'template']) },
  { group: 'ray.io', kinds: ['RayCluster'], sites: rayCluster(['spec']) },
  { group: 'ray.io', kinds: ['RayJob'], sites: rayCluster(['spec', 'rayClusterSpec']) },
  { group: 'ray.io', kinds: ['RayService'], sites: rayCluster(['spec', 'rayClusterConfig']) },
  { group: 'apps.kruise.io', kinds: ['CloneSet', 'StatefulSet', 'DaemonSet'], sites: single(['spec', 'template']) },
  {
    group: 'batch.volcano.sh',
    kinds: ['Job'],
    sites: [{ path: ['spec', 'tasks', '[]', 'template'], podSpec: ['spec'], anchorDepth: 3, label: named('task', 'name') }],
  },
  {
    group: 'jobset.x-k8s.io',
    kinds: ['JobSet'],
    sites: [
      { path: ['spec', 'replicatedJobs', '[]', 'template', 'spec', 'template'], podSpec: ['spec'], anchorDepth: 3, label: named('replicated job', 'name') },
    ],
  },
  {
    group: 'leaderworkerset.x-k8s.io',
    kinds: ['LeaderWorkerSet'],
    sites: [
      { path: ['spec', 'leaderWorkerTemplate', 'leaderTemplate'], podSpec: ['spec'], anchorDepth: 3, label: (input) => `${input.kind} leader` },
      { path: ['spec', 'leaderWorkerTemplate', 'workerTemplate'], podSpec: ['spec'], anchorDepth: 3, label: (input) => `${input.kind} worker` },
    ],
  },
  { group: 'apps.openshift.io', kinds: ['DeploymentConfig'], sites: single(['spec', 'template']) },
];

/** Where a custom resource of this group and kind keeps its pod templates; none for one not in the table. */
export function customTemplateSites(group: string, kind: string): readonly TemplateSite[] {
  return table.find((entry) => entry.group === group && entry.kinds.includes(kind))?.sites ?? [];
}

/** The table as data: group, kind, and each pod spec path with `*` and `[]` (for docs and tests). */
export function customResourceTable(): { group: string; kind: string; podSpecPaths: string[] }[] {
  return table.flatMap((entry) =>
    entry.kinds.map((kind) => ({
      group: entry.group,
      kind,
      podSpecPaths: entry.sites.map((site) => [...site.path, ...site.podSpec].join('.').replace(/\.\[\]/g, '[]')),
    })),
  );
}
