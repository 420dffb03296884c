import { type Quantity, QuantityError, defaultedQuantity } from '../../quantity';
import { type ContainerSpec, type PodSpecModel, type QuantityEntry, type ResourceListSpec, type ResourcesSpec } from '../../model';
import { defaultedPod } from '../../analysis';
import { type DecodedPod } from '../../resources';
import { type Span } from '../../yaml-nodes';
import { type NameScope } from './resource-names';

/**
 * The resource requirements the API server validates, as it sees them: each
 * container's `resources`, the pod-level `spec.resources` and `spec.overhead`
 * (validated as if it were a `limits` list), after API defaulting (every
 * value rounded up to milli; a container limit without a request copied into
 * the request; pod-level requests and hugepage limits defaulted).
 *
 * The same defaulting is applied to workload templates: the API server
 * validates the Pods their controllers create that way, so an error found here
 * is one those Pods would be refused for.
 */

/** One value of a defaulted ResourceList, with the source it came from. */
export interface DefaultedValue {
  name: string;
  quantity: Quantity;
  /** The entry as written; null when defaulting produced the value. */
  entry: QuantityEntry | null;
  /** Where a finding about this value points: the value as written, or what it was defaulted from. */
  anchor: Span;
}

export interface RequirementSet {
  scope: NameScope;
  /** container, pod-level resources, or overhead. */
  kind: 'container' | 'pod' | 'overhead';
  /** e.g. `spec.containers[0].resources`, `spec.resources`, `spec.overhead`. */
  path: string;
  /** The `resources:`/`overhead:` key. */
  keySpan: Span;
  container: ContainerSpec | null;
  limitsSpec: ResourceListSpec | null;
  requestsSpec: ResourceListSpec | null;
  limits: Map<string, DefaultedValue>;
  requests: Map<string, DefaultedValue>;
  /** Names whose value as written does not decode: the API server refuses the object before validating. */
  undecodable: Set<string>;
}

export interface PodRequirements {
  sets: RequirementSet[];
  /** The defaulted pod (app containers first, then init containers, as the model). */
  pod: DecodedPod;
  /** Any quantity of the pod spec fails to decode: aggregate checks would rest on guesses. */
  anyUndecodable: boolean;
}

const cache = new WeakMap<PodSpecModel, PodRequirements>();

function fallbackSpan(...spans: (Span | null | undefined)[]): Span {
  for (const span of spans) if (span) return span;
  return { start: 0, end: 0 };
}

function listEntries(list: ResourceListSpec | null, undecodable: Set<string>): Map<string, QuantityEntry> {
  const entries = new Map<string, QuantityEntry>();
  if (!list) return entries;
  for (const [name, entry] of list.byName) {
    if (entry.decoded instanceof QuantityError) undecodable.add(name);
    else entries.set(name, entry);
  }
  return entries;
}

function writtenValues(list: ResourceListSpec | null, undecodable: Set<string>, keySpan: Span): Map<string, DefaultedValue> {
  const values = new Map<string, DefaultedValue>();
  for (const [name, entry] of listEntries(list, undecodable)) {
    values.set(name, {
      name,
      quantity: defaultedQuantity(entry.decoded as Quantity),
      entry,
      anchor: fallbackSpan(entry.valueSpan, entry.keySpan, keySpan),
    });
  }
  return values;
}

function resourcesSet(resources: ResourcesSpec, path: string, kind: 'container' | 'pod', container: ContainerSpec | null): RequirementSet {
  const undecodable = new Set<string>();
  const keySpan = fallbackSpan(resources.keySpan, resources.span);
  return {
    scope: kind === 'pod' ? 'pod' : 'container',
    kind,
    path,
    keySpan,
    container,
    limitsSpec: resources.limits,
    requestsSpec: resources.requests,
    limits: writtenValues(resources.limits, undecodable, keySpan),
    requests: writtenValues(resources.requests, undecodable, keySpan),
    undecodable,
  };
}

export function podRequirements(model: PodSpecModel): PodRequirements {
  const cached = cache.get(model);
  if (cached) return cached;
  const pod = defaultedPod(model);
  const sets: RequirementSet[] = [];
  let anyUndecodable = false;

  for (const container of model.containers) {
    if (!container.resources || container.resources.valueIsNull) continue;
    const set = resourcesSet(container.resources, `${container.path}.resources`, 'container', container);
    // SetDefaults_Pod: a limit without a request becomes the request.
    for (const [name, limit] of set.limits) {
      if (!set.requests.has(name) && !set.undecodable.has(name)) {
        set.requests.set(name, { name, quantity: limit.quantity, entry: null, anchor: limit.anchor });
      }
    }
    sets.push(set);
  }

  if (model.podResources && !model.podResources.valueIsNull) {
    const set = resourcesSet(model.podResources, `${model.path}.resources`, 'pod', null);
    // Pod-level defaulting (defaultHugePagePodLimits, defaultPodRequests) as the engine computes it.
    const defaulted = pod.podResources;
    if (defaulted && set.undecodable.size === 0) {
      for (const [name, quantity] of defaulted.limits) {
        if (!set.limits.has(name)) set.limits.set(name, { name, quantity, entry: null, anchor: set.keySpan });
      }
      for (const [name, quantity] of defaulted.requests) {
        if (set.requests.has(name)) continue;
        const limit = set.limits.get(name);
        set.requests.set(name, { name, quantity, entry: null, anchor: limit?.entry ? limit.anchor : set.keySpan });
      }
    }
    sets.push(set);
  }

  if (model.overhead) {
    const undecodable = new Set<string>();
    const keySpan = fallbackSpan(model.overhead.keySpan, model.overhead.span);
    sets.push({
      scope: 'container',
      kind: 'overhead',
      path: `${model.path}.overhead`,
      keySpan,
      container: null,
      limitsSpec: model.overhead,
      requestsSpec: null,
      limits: writtenValues(model.overhead, undecodable, keySpan),
      requests: new Map(),
      undecodable,
    });
  }

  for (const set of sets) if (set.undecodable.size > 0) anyUndecodable = true;
  const result: PodRequirements = { sets, pod, anyUndecodable };
  cache.set(model, result);
  return result;
}

/** The path of one value, as field.Path prints it: `…resources.limits[cpu]`. */
export function valuePath(set: RequirementSet, list: 'limits' | 'requests', name: string): string {
  return `${set.path}.${list}[${name}]`;
}

/** Every value of a set whose own checks (name, sign, integer, page size) the API server reports. */
export function ownValues(set: RequirementSet): { list: 'limits' | 'requests'; value: DefaultedValue }[] {
  const result: { list: 'limits' | 'requests'; value: DefaultedValue }[] = [];
  // Defaulted values repeat the problems of what they were defaulted from: those are reported once, there.
  for (const value of set.limits.values()) if (value.entry) result.push({ list: 'limits', value });
  for (const value of set.requests.values()) if (value.entry) result.push({ list: 'requests', value });
  return result;
}

/** Names whose key is written in the list, decodable or not, in document order. */
export function writtenNames(set: RequirementSet, list: 'limits' | 'requests'): QuantityEntry[] {
  const spec = list === 'limits' ? set.limitsSpec : set.requestsSpec;
  return spec ? [...spec.byName.values()] : [];
}
