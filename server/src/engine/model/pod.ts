import { type Document, isScalar, type Node, type YAMLMap } from 'yaml';
import { asMap, deref, getNode, getPair, spanOf, type Span } from '../yaml-nodes';
import { type Doc, type Field, integerField, listField, mapField, mapItems, stringField, stringListField, type WrittenString, jsonValueOf } from './field';
import type { ContainerRole, ExitCodeRestartRule } from '../../protocol/simulation';
import { type PreStopHook, readPreStop } from './lifecycle-hooks';
import { type Probe, type ProbeKind, readProbe } from './probes';
import { readResourceList, readResources, type ResourceListSpec, type ResourcesSpec } from './resources';

/**
 * The pod spec as the API server decodes and defaults it, read once from the
 * syntax tree: rules, the analysis, the hovers and the simulator all read
 * this model, never the YAML. Every value keeps the span it was written at
 * (offsets in the analyzed document's text; see ARCHITECTURE.md, "Sources",
 * for how they reach the file the user edits).
 */

export type { ContainerRole };

/** `SetDefaults_PodSpec`: a pod spec with no grace period gets 30 s. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

export type { ExitCodeRestartRule };

/** One `env` entry with a literal value (entries from `valueFrom` have no value here). */
export interface EnvVar {
  name: string;
  value: Field<string>;
}

export interface ContainerSpec {
  role: ContainerRole;
  /** Index in `containers` or `initContainers`. */
  index: number;
  /** API path, e.g. `spec.containers[0]` (relative to the object, for messages). */
  path: string;
  name: string | null;
  nameSpan: Span | null;
  nameField: Field<string>;
  span: Span | null;
  node: YAMLMap;
  image: Field<string>;
  resources: ResourcesSpec | null;
  /**
   * The container-level `restartPolicy` as written (a string), or null: `Always`
   * makes an init container a sidecar; with ContainerRestartRules (beta, v1.35+)
   * app containers may set it too.
   */
  restartPolicy: string | null;
  restartPolicyField: Field<string>;
  restartPolicyRules: ExitCodeRestartRule[];
  probes: Record<ProbeKind, Probe | null>;
  preStop: PreStopHook | null;
  env: EnvVar[];
  command: Field<WrittenString[]>;
  args: Field<WrittenString[]>;
}

export interface PodSpecModel {
  /** App containers first, then init containers, each in spec order (the report's order). */
  containers: ContainerSpec[];
  /** Pod-level `spec.resources`, null when absent. */
  podResources: ResourcesSpec | null;
  overhead: ResourceListSpec | null;
  priority: Field<number>;
  priorityClassName: Field<string>;
  preemptionPolicy: Field<string>;
  runtimeClassName: Field<string>;
  /** `restartPolicy` as written. */
  restartPolicyField: Field<string>;
  /** After `SetDefaults_PodSpec`: `Always` when absent or empty; any other written string as it is. */
  restartPolicy: string;
  terminationGracePeriodSeconds: Field<number>;
  /** After `SetDefaults_PodSpec` (30 when unset). */
  gracePeriodSeconds: number;
  activeDeadlineSeconds: Field<number>;
  readinessGateCount: number;
  /** `spec.os.name`, or null. */
  osName: string | null;
  node: YAMLMap;
  /** API path of the pod spec, e.g. `spec.template.spec`. */
  path: string;
  /** A Pod's `status.qosClass` as written (a string), or null: absent, not a string, or not a Pod. */
  statusQosClass: WrittenString | null;
}

function readRestartRules(container: YAMLMap, document: Doc): ExitCodeRestartRule[] {
  const rules: ExitCodeRestartRule[] = [];
  for (const { map } of mapItems(listField(container, 'restartPolicyRules', document), document)) {
    const exitCodes = mapField(map, 'exitCodes', document).value ?? null;
    const operator = stringField(exitCodes, 'operator', document).value;
    if (operator !== 'In' && operator !== 'NotIn') continue;
    const values: number[] = [];
    const list = listField(exitCodes, 'values', document).value;
    for (const item of list?.items ?? []) {
      const value = deref(item, document);
      if (!isScalar(value)) continue;
      const json = jsonValueOf(value);
      if (json.kind === 'int') values.push(Number(json.value));
    }
    rules.push({ restart: stringField(map, 'action', document).value === 'Restart', operator, values });
  }
  return rules;
}

function readEnv(container: YAMLMap, document: Doc): EnvVar[] {
  const env: EnvVar[] = [];
  for (const { map } of mapItems(listField(container, 'env', document), document)) {
    const name = stringField(map, 'name', document).value;
    if (name !== undefined) env.push({ name, value: stringField(map, 'value', document) });
  }
  return env;
}

function readContainers(
  podSpec: YAMLMap,
  listKey: 'containers' | 'initContainers',
  podSpecPath: string,
  document: Document.Parsed,
  text: string,
): ContainerSpec[] {
  const containers: ContainerSpec[] = [];
  for (const { index, map: node } of mapItems(listField(podSpec, listKey, document), document)) {
    const restartPolicyField = stringField(node, 'restartPolicy', document);
    const restartPolicy = restartPolicyField.value ?? null;
    const role: ContainerRole = listKey === 'containers' ? 'app' : restartPolicy === 'Always' ? 'sidecar' : 'init';
    const nameField = stringField(node, 'name', document);
    containers.push({
      role,
      index,
      path: `${podSpecPath}.${listKey}[${index}]`,
      name: nameField.value ?? scalarName(nameField),
      nameSpan: nameField.keySpan,
      nameField,
      span: spanOf(node),
      node,
      image: stringField(node, 'image', document),
      resources: readResources(node, 'resources', document),
      restartPolicy,
      restartPolicyField,
      restartPolicyRules: role === 'app' ? readRestartRules(node, document) : [],
      probes: {
        startup: readProbe(node, 'startup', document),
        liveness: readProbe(node, 'liveness', document),
        readiness: readProbe(node, 'readiness', document),
      },
      preStop: readPreStop(node, document, text),
      env: readEnv(node, document),
      command: stringListField(node, 'command', document),
      args: stringListField(node, 'args', document),
    });
  }
  return containers;
}

/** A name written as a number (`name: 1`) is refused by the decoder, but messages still call the container by it. */
function scalarName(field: Field<string>): string | null {
  const node = field.node;
  if (!node || !isScalar(node) || node.value === null || node.value === undefined) return null;
  return typeof node.source === 'string' ? node.source : String(node.value);
}

/**
 * `status.qosClass` of a Pod whose `spec` is this pod spec. The API server's
 * `PrepareForCreate` resets the status but computes the new `qosClass` with
 * `GetPodQOS`, which returns a non-empty `status.qosClass` as it is: a value
 * written in the manifest survives creation (pkg/registry/core/pod/strategy.go,
 * pkg/apis/core/helper/qos/qos.go). Templates have no status.
 */
function readStatusQosClass(podSpec: YAMLMap, document: Document.Parsed, owner?: PodSpecOwner): WrittenString | null {
  const root = owner ? owner.root : asMap(document.contents);
  const kind = owner ? owner.kind : stringField(root, 'kind', document).value;
  if (!root || kind !== 'Pod' || getNode(root, 'spec', document) !== podSpec) return null;
  const field = stringField(asMap(getNode(root, 'status', document)), 'qosClass', document);
  if (field.value === undefined || !isScalar(field.node)) return null;
  return { value: field.value, node: field.node, span: field.valueSpan };
}

/** The object a pod spec belongs to: its node (a document's root or a List's item) and kubectl's kind for it. */
export interface PodSpecOwner {
  root: YAMLMap;
  kind: string;
}

export function readPodSpec(podSpec: YAMLMap, podSpecPath: string, document: Document.Parsed, text: string, owner?: PodSpecOwner): PodSpecModel {
  const restartPolicyField = stringField(podSpec, 'restartPolicy', document);
  const terminationGracePeriodSeconds = integerField(podSpec, 'terminationGracePeriodSeconds', document, 64);
  const os = mapField(podSpec, 'os', document).value ?? null;
  return {
    containers: [
      ...readContainers(podSpec, 'containers', podSpecPath, document, text),
      ...readContainers(podSpec, 'initContainers', podSpecPath, document, text),
    ],
    podResources: readResources(podSpec, 'resources', document),
    overhead: readResourceList(podSpec, 'overhead', document),
    priority: integerField(podSpec, 'priority', document),
    priorityClassName: stringField(podSpec, 'priorityClassName', document),
    preemptionPolicy: stringField(podSpec, 'preemptionPolicy', document),
    runtimeClassName: stringField(podSpec, 'runtimeClassName', document),
    restartPolicyField,
    restartPolicy: restartPolicyField.value || 'Always',
    terminationGracePeriodSeconds,
    gracePeriodSeconds: terminationGracePeriodSeconds.value ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
    activeDeadlineSeconds: integerField(podSpec, 'activeDeadlineSeconds', document, 64),
    readinessGateCount: listField(podSpec, 'readinessGates', document).value?.items.length ?? 0,
    osName: stringField(os, 'name', document).value ?? null,
    node: podSpec,
    path: podSpecPath,
    statusQosClass: readStatusQosClass(podSpec, document, owner),
  };
}

/** The key that holds a pod spec (`spec:` or `template:`…), for findings about the pod spec as a whole. */
export function podSpecKeySpan(root: YAMLMap, path: readonly string[], document: Doc): Span | null {
  let node: YAMLMap | null = root;
  let key: Node | null = null;
  for (const segment of path) {
    const pair = getPair(node, segment, document);
    key = (pair?.key as Node | undefined) ?? null;
    node = asMap(deref(pair?.value, document));
  }
  return spanOf(key);
}
