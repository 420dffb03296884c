import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { type ObjectDetail } from '../engine/analyze';
import { type ContainerSpec, type QuantityEntry } from '../engine/model';
import { type Span, spanOf } from '../engine/yaml-nodes';

/**
 * What is under the cursor: which part of a workload (the object itself, a container, a quantity, a probe,
 * a lifecycle field) the offset falls on.
 */

interface PathStep {
  key: string | number;
  /** The span the cursor is on: the key, or the value when the cursor is on it. */
  span: Span;
  onKey: boolean;
}

function contains(span: Span | null, offset: number): span is Span {
  return span !== null && offset >= span.start && offset <= span.end;
}

/**
 * The keys and indices from the root down to the deepest pair or item that
 * contains the offset. Aliases are not followed: what they point at is written
 * elsewhere in the text.
 */
function pathAt(root: Node, offset: number): PathStep[] {
  const steps: PathStep[] = [];
  let node: unknown = root;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && contains(spanOf(item), offset)) as Pair | undefined;
      if (!pair || !isScalar(pair.key)) return steps;
      const keySpan = spanOf(pair.key as Node);
      const valueSpan = spanOf(pair.value as Node | null);
      const onKey = contains(keySpan, offset);
      const key = pair.key.value === null ? '' : String(pair.key.value);
      steps.push({ key, span: onKey || !valueSpan ? keySpan! : valueSpan, onKey });
      if (onKey) return steps;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(spanOf(item as Node), offset));
      if (index === -1) return steps;
      steps.push({ key: index, span: spanOf(node.items[index] as Node)!, onKey: false });
      node = node.items[index];
    } else {
      return steps;
    }
  }
}

export type ProbeField = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export type ResourceListKind = 'requests' | 'limits' | 'overhead';

export type Target =
  | { kind: 'workload'; span: Span }
  | { kind: 'container'; container: ContainerSpec; span: Span }
  | {
      kind: 'quantity';
      list: ResourceListKind;
      /** null for pod-level `spec.resources` and `spec.overhead`. */
      container: ContainerSpec | null;
      entry: QuantityEntry;
      span: Span;
    }
  | { kind: 'probe'; container: ContainerSpec; probe: ProbeField; span: Span }
  | { kind: 'restartPolicy'; container: ContainerSpec | null; span: Span }
  | { kind: 'termination'; container: ContainerSpec | null; span: Span };

const probeFields: readonly string[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** The target at an offset relative to the document's text, or null where there is nothing to explain. */
export function targetAt(object: ObjectDetail, offset: number): Target | null {
  const { workload, model } = object;
  const steps = pathAt(workload.root, offset);
  if (steps.length === 0) return null;
  const keys = steps.map((step) => step.key);
  const last = steps[steps.length - 1];
  if (keys.length === 1 && keys[0] === 'kind') return { kind: 'workload', span: last.span };
  if (keys.length === 2 && keys[0] === 'metadata' && keys[1] === 'name') return { kind: 'workload', span: last.span };

  const podSpecKeys = workload.podSpecKeys;
  if (!model || keys.length <= podSpecKeys.length || podSpecKeys.some((segment, i) => keys[i] !== segment)) return null;
  const rest = steps.slice(podSpecKeys.length);
  const restKeys = rest.map((step) => step.key);
  const [first, second, third, fourth, fifth] = restKeys;

  if (first === 'restartPolicy' && rest.length === 1) return { kind: 'restartPolicy', container: null, span: last.span };
  if (first === 'terminationGracePeriodSeconds' && rest.length === 1) return { kind: 'termination', container: null, span: last.span };
  if (first === 'resources' && (second === 'requests' || second === 'limits') && typeof third === 'string' && rest.length === 3) {
    const entry = model.podResources?.[second]?.entries.find((e) => e.resource === third && contains(spanOfEntry(e), offset));
    return entry ? { kind: 'quantity', list: second, container: null, entry, span: last.span } : null;
  }
  if (first === 'overhead' && typeof second === 'string' && rest.length === 2) {
    const entry = model.overhead?.entries.find((e) => e.resource === second && contains(spanOfEntry(e), offset));
    return entry ? { kind: 'quantity', list: 'overhead', container: null, entry, span: last.span } : null;
  }
  if ((first !== 'containers' && first !== 'initContainers') || typeof second !== 'number' || rest.length < 3) return null;
  const containerPath = `${workload.podSpecPath}.${first}[${second}]`;
  const container = model.containers.find((c) => c.path === containerPath);
  if (!container) return null;

  if (third === 'name' && rest.length === 3) return { kind: 'container', container, span: last.span };
  if (third === 'resources') {
    if (rest.length === 3) return rest[2].onKey ? { kind: 'container', container, span: last.span } : null;
    if ((fourth === 'requests' || fourth === 'limits') && typeof fifth === 'string' && rest.length === 5) {
      const entry = container.resources?.[fourth]?.entries.find((e) => e.resource === fifth && contains(spanOfEntry(e), offset));
      return entry ? { kind: 'quantity', list: fourth, container, entry, span: last.span } : null;
    }
    return null;
  }
  if (typeof third === 'string' && probeFields.includes(third) && (rest[2].onKey || rest.length === 4)) {
    return { kind: 'probe', container, probe: third as ProbeField, span: last.span };
  }
  if (third === 'restartPolicy' && rest.length === 3) return { kind: 'restartPolicy', container, span: last.span };
  if (third === 'lifecycle' && fourth === 'preStop' && rest[3].onKey) return { kind: 'termination', container, span: last.span };
  return null;
}

function spanOfEntry(entry: QuantityEntry): Span | null {
  const start = entry.keySpan?.start ?? entry.valueSpan?.start;
  const end = entry.valueSpan?.end ?? entry.keySpan?.end;
  return start === undefined || end === undefined ? null : { start, end };
}
