import { type Document, isMap, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import { type Quantity, type QuantityError, quantityFromYamlScalar } from './quantity';
import { asMap, deref, effectivePairs, getNode, getPair, getSeq, getString, keyText, scalarText, spanOf, type Span } from './yaml-nodes';

/**
 * The pod spec as the engine reads it: the parts that decide resources,
 * QoS, cgroups and lifecycle, each with the source span it came from, so
 * that every fact and finding can point at the exact key or value.
 */

export type ContainerRole = 'app' | 'init' | 'sidecar';

/** One `name: quantity` entry of a ResourceList (`requests`, `limits`, `overhead`). */
export interface QuantityEntry {
  resource: string;
  keySpan: Span | null;
  valueSpan: Span | null;
  /** The value as written, for messages and quick fixes. */
  source: string;
  /** What the API server decodes the value to, or why it cannot. */
  decoded: Quantity | QuantityError;
}

export interface ResourceListSpec {
  /** The span of the `requests:`/`limits:` key and its value. */
  span: Span | null;
  keySpan: Span | null;
  /** In document order; a duplicated resource appears twice, and `byName` keeps the last (as JSON decoding does). */
  entries: QuantityEntry[];
  byName: Map<string, QuantityEntry>;
}

export interface ResourcesSpec {
  keySpan: Span | null;
  span: Span | null;
  /** `resources:` with no value decodes to nil, as if the key were absent. */
  valueIsNull: boolean;
  requests: ResourceListSpec | null;
  limits: ResourceListSpec | null;
}

export interface ContainerSpec {
  role: ContainerRole;
  /** Index in `containers` or `initContainers`. */
  index: number;
  /** API path, e.g. `spec.containers[0]` (relative to the object, for messages). */
  path: string;
  name: string | null;
  nameSpan: Span | null;
  span: Span | null;
  node: YAMLMap;
  resources: ResourcesSpec | null;
  /** Container-level restartPolicy: `Always` makes an init container a sidecar; with ContainerRestartRules (beta, v1.35+) app containers may set it too. */
  restartPolicy: string | null;
}

export interface PodSpecModel {
  /** App containers first, then init containers, each in spec order (the report's order). */
  containers: ContainerSpec[];
  /** Pod-level `spec.resources`, null when absent. */
  podResources: ResourcesSpec | null;
  overhead: ResourceListSpec | null;
  priority: number | null;
  priorityClassName: string | null;
  restartPolicy: string | null;
  node: YAMLMap;
  /** API path of the pod spec, e.g. `spec.template.spec`. */
  path: string;
  /** A Pod's `status.qosClass` as written (a string), or null: absent, not a string, or not a Pod. */
  statusQosClass: WrittenString | null;
}

/** A string value with where it is written. */
export interface WrittenString {
  value: string;
  keySpan: Span | null;
  valueSpan: Span | null;
}

function yamlScalarStyle(node: Scalar): 'plain' | 'quoted' | 'null' {
  if (node.type === 'PLAIN') {
    // A plain null (`cpu:`, `cpu: ~`, `cpu: null`) is JSON null for the API server.
    return node.value === null ? 'null' : 'plain';
  }
  return 'quoted';
}

export function decodeQuantityNode(node: Node | null | undefined, document: Document.Parsed): { source: string; decoded: Quantity | QuantityError } {
  const value = deref(node, document);
  if (value === null || value === undefined) {
    return { source: '', decoded: quantityFromYamlScalar('', 'null') };
  }
  if (isScalar(value)) {
    const source = typeof value.value === 'string' ? value.value : (value.source ?? String(value.value));
    return { source, decoded: quantityFromYamlScalar(source, yamlScalarStyle(value)) };
  }
  // A map or a list where a quantity belongs: the decoder hands its JSON text to the quantity parser.
  const source = isMap(value) ? '{…}' : '[…]';
  return { source, decoded: quantityFromYamlScalar(source, 'quoted') };
}

export function readResourceList(parent: YAMLMap | null, key: string, document: Document.Parsed): ResourceListSpec | null {
  const pair = getPair(parent, key, document);
  if (!pair) return null;
  const map = asMap(deref(pair.value, document));
  const entries: QuantityEntry[] = [];
  const byName = new Map<string, QuantityEntry>();
  if (map) {
    for (const item of effectivePairs(map, document)) {
      const resource = keyText(item);
      if (resource === null) continue;
      const { source, decoded } = decodeQuantityNode(item.value as Node | null, document);
      const entry: QuantityEntry = {
        resource,
        keySpan: spanOf(item.key as Node),
        valueSpan: spanOf(deref(item.value, document)) ?? spanOf(item.key as Node),
        source,
        decoded,
      };
      entries.push(entry);
      byName.set(resource, entry);
    }
  }
  return { span: spanOf(pair), keySpan: spanOf(pair.key as Node), entries, byName };
}

export function readResources(parent: YAMLMap | null, key: string, document: Document.Parsed): ResourcesSpec | null {
  const pair = getPair(parent, key, document);
  if (!pair) return null;
  const value = deref(pair.value, document);
  const map = asMap(value);
  return {
    keySpan: spanOf(pair.key as Node),
    span: spanOf(pair),
    valueIsNull: value === null || value === undefined || (isScalar(value) && value.value === null),
    requests: readResourceList(map, 'requests', document),
    limits: readResourceList(map, 'limits', document),
  };
}

function readContainers(podSpec: YAMLMap, listKey: 'containers' | 'initContainers', podSpecPath: string, document: Document.Parsed): ContainerSpec[] {
  const seq = getSeq(podSpec, listKey, document);
  if (!seq) return [];
  const containers: ContainerSpec[] = [];
  seq.items.forEach((item, index) => {
    const node = asMap(deref(item, document));
    if (!node) return;
    const restartPolicy = getString(node, 'restartPolicy', document);
    const role: ContainerRole = listKey === 'containers' ? 'app' : restartPolicy === 'Always' ? 'sidecar' : 'init';
    const namePair = getPair(node, 'name', document);
    containers.push({
      role,
      index,
      path: `${podSpecPath}.${listKey}[${index}]`,
      name: scalarText(deref(namePair?.value, document)),
      nameSpan: spanOf(namePair?.key as Node | undefined),
      span: spanOf(node),
      node,
      resources: readResources(node, 'resources', document),
      restartPolicy,
    });
  });
  return containers;
}

/**
 * `status.qosClass` of a Pod whose `spec` is this pod spec. The API server's
 * `PrepareForCreate` resets the status but computes the new `qosClass` with
 * `GetPodQOS`, which returns a non-empty `status.qosClass` as it is: a value
 * written in the manifest survives creation (pkg/registry/core/pod/strategy.go,
 * pkg/apis/core/helper/qos/qos.go). Templates have no status.
 */
function readStatusQosClass(podSpec: YAMLMap, document: Document.Parsed): WrittenString | null {
  const root = asMap(document.contents);
  if (!root || getString(root, 'kind', document) !== 'Pod' || getNode(root, 'spec', document) !== podSpec) return null;
  const pair = getPair(asMap(getNode(root, 'status', document)), 'qosClass', document);
  const value = deref(pair?.value, document);
  if (!pair || !isScalar(value) || typeof value.value !== 'string') return null;
  return { value: value.value, keySpan: spanOf(pair.key as Node), valueSpan: spanOf(value) };
}

export function readPodSpec(podSpec: YAMLMap, podSpecPath: string, document: Document.Parsed): PodSpecModel {
  const priorityNode = getNode(podSpec, 'priority', document);
  const priority = isScalar(priorityNode) && typeof priorityNode.value === 'number' ? priorityNode.value : null;
  return {
    containers: [...readContainers(podSpec, 'containers', podSpecPath, document), ...readContainers(podSpec, 'initContainers', podSpecPath, document)],
    podResources: readResources(podSpec, 'resources', document),
    overhead: readResourceList(podSpec, 'overhead', document),
    priority,
    priorityClassName: getString(podSpec, 'priorityClassName', document),
    restartPolicy: getString(podSpec, 'restartPolicy', document),
    node: podSpec,
    path: podSpecPath,
    statusQosClass: readStatusQosClass(podSpec, document),
  };
}
