import { type Quantity } from '../quantity';
import { aggregateContainerLimits, aggregateContainerRequests, type DecodedContainer, type DecodedPod, type ResourceList } from '../resources';
import { type AmountList, type LimitRangeObject, quantities } from './cluster';

/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/
 * admission.go). Its mutating half fills, per LimitRange in the namespace,
 * every container's missing limits from the Container items' `default` and
 * missing requests from their `defaultRequest` (init containers too), one
 * resource name at a time. It runs after the API server's defaulting, so a
 * limit written without a request already has its request (the limit) and
 * `defaultRequest` does not touch it. Its validating half checks `min`,
 * `max` and `maxLimitRequestRatio` of Container and Pod items and answers
 * with its own sentences.
 */

/** Where a filled value came from: `LimitRange/<name>` (the report's form). */
export interface FilledValue {
  quantity: Quantity;
  from: string;
}

/** Per container (the decoded pod's order): `limits.cpu` → the value the plugin set. */
export type FilledValues = Map<string, FilledValue>;

function defaultRequirements(limitRange: LimitRangeObject): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const item of limitRange.limits) {
    if (item.type !== 'Container') continue;
    for (const [name, quantity] of quantities(item.defaultRequest)) requests.set(name, quantity);
    for (const [name, quantity] of quantities(item.default)) limits.set(name, quantity);
  }
  return { requests, limits };
}

/** `PodMutateLimitFunc` of each LimitRange in turn: returns the pod with the defaults filled in, and what was filled. */
export function applyLimitRangeDefaults(pod: DecodedPod, limitRanges: readonly LimitRangeObject[]): { pod: DecodedPod; filled: FilledValues[] } {
  const filled: FilledValues[] = pod.containers.map(() => new Map());
  const containers = pod.containers.map((container) => ({ ...container, requests: new Map(container.requests), limits: new Map(container.limits) }));
  for (const limitRange of limitRanges) {
    const defaults = defaultRequirements(limitRange);
    const from = `LimitRange/${limitRange.name}`;
    containers.forEach((container, position) => {
      for (const [name, quantity] of defaults.limits) {
        if (container.limits.has(name)) continue;
        container.limits.set(name, quantity);
        filled[position].set(`limits.${name}`, { quantity, from });
      }
      for (const [name, quantity] of defaults.requests) {
        if (container.requests.has(name)) continue;
        container.requests.set(name, quantity);
        filled[position].set(`requests.${name}`, { quantity, from });
      }
    });
  }
  return { pod: { ...pod, containers }, filled };
}

/** Go's `resource.MaxMilliValue`: the largest value whose milli-value fits an int64. */
const MAX_MILLI_VALUE = 9223372036854775n;

/** `requestLimitEnforcedValues`: compared in milli-units where none overflows, else in units. */
function comparable(request: Quantity | undefined, limit: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  const value = (q: Quantity | undefined) => q?.value() ?? 0n;
  const milli = (q: Quantity | undefined) => q?.milliValue() ?? 0n;
  if (value(request) <= MAX_MILLI_VALUE && value(limit) <= MAX_MILLI_VALUE && enforced.value() <= MAX_MILLI_VALUE) {
    return [milli(request), milli(limit), enforced.milliValue()];
  }
  return [value(request), value(limit), enforced.value()];
}

export type LimitRangeConstraint = 'min' | 'max' | 'ratio';

export interface LimitRangeViolation {
  constraint: LimitRangeConstraint;
  message: string;
  /** The container whose values broke it (its position in the decoded pod); null for a Pod item. */
  container: number | null;
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | null {
  const request = requests.get(name);
  const limit = limits.get(name);
  const [observedRequest, observedLimit, enforcedValue] = comparable(request, limit, enforced);
  if (!request) return `minimum ${name} usage per ${type} is ${enforced.toString()}.  No request is specified`;
  if (observedRequest < enforcedValue) return `minimum ${name} usage per ${type} is ${enforced.toString()}, but request is ${request.toString()}`;
  if (limit && observedLimit < enforcedValue) return `minimum ${name} usage per ${type} is ${enforced.toString()}, but limit is ${limit.toString()}`;
  return null;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | null {
  const request = requests.get(name);
  const limit = limits.get(name);
  const [observedRequest, observedLimit, enforcedValue] = comparable(request, limit, enforced);
  if (!limit) return `maximum ${name} usage per ${type} is ${enforced.toString()}.  No limit is specified`;
  if (observedLimit > enforcedValue) return `maximum ${name} usage per ${type} is ${enforced.toString()}, but limit is ${limit.toString()}`;
  if (request && observedRequest > enforcedValue) return `maximum ${name} usage per ${type} is ${enforced.toString()}, but request is ${request.toString()}`;
  return null;
}

/** Go's `%f`: six decimals. */
function goFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  return value.toFixed(6);
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | null {
  const request = requests.get(name);
  const limit = limits.get(name);
  const [observedRequest, observedLimit] = comparable(request, limit, enforced);
  if (!request || observedRequest === 0n) {
    return `${name} max limit to request ratio per ${type} is ${enforced.toString()}, but no request is specified or request is 0`;
  }
  if (!limit || observedLimit === 0n) {
    return `${name} max limit to request ratio per ${type} is ${enforced.toString()}, but no limit is specified or limit is 0`;
  }
  // float64 arithmetic, as the plugin does it.
  const observedRatio = Number(observedLimit) / Number(observedRequest);
  let scaledRatio = observedRatio;
  let maxRatio = Number(enforced.value());
  if (enforced.value() <= MAX_MILLI_VALUE) {
    scaledRatio = observedRatio * 1000;
    maxRatio = Number(enforced.milliValue());
  }
  if (scaledRatio > maxRatio) {
    return `${name} max limit to request ratio per ${type} is ${enforced.toString()}, but provided ratio is ${goFloat(observedRatio)}`;
  }
  return null;
}

const checks: { constraint: LimitRangeConstraint; key: 'min' | 'max' | 'maxLimitRequestRatio'; check: typeof minConstraint }[] = [
  { constraint: 'min', key: 'min', check: minConstraint },
  { constraint: 'max', key: 'max', check: maxConstraint },
  { constraint: 'ratio', key: 'maxLimitRequestRatio', check: ratioConstraint },
];

function checkAll(
  type: string,
  item: Record<'min' | 'max' | 'maxLimitRequestRatio', AmountList>,
  requests: ResourceList,
  limits: ResourceList,
  container: number | null,
  into: LimitRangeViolation[],
): void {
  for (const { constraint, key, check } of checks) {
    for (const [name, enforced] of quantities(item[key])) {
      const message = check(type, name, enforced, requests, limits);
      if (message) into.push({ constraint, message, container });
    }
  }
}

/**
 * `PodValidateLimitFunc` for one LimitRange: Container items against every
 * container (app containers, then init containers), Pod items against the
 * pod's requests and limits summed as the plugin sums them (app containers
 * and sidecars added, each init container at its step, the larger kept).
 */
export function limitRangeViolations(pod: DecodedPod, limitRange: LimitRangeObject): LimitRangeViolation[] {
  const violations: LimitRangeViolation[] = [];
  for (const item of limitRange.limits) {
    if (item.type === 'Container') {
      const order = [...pod.containers.keys()].sort((a, b) => appFirst(pod.containers[a]) - appFirst(pod.containers[b]) || a - b);
      for (const position of order) {
        const container = pod.containers[position];
        checkAll(item.type, item, container.requests, container.limits, position, violations);
      }
    } else if (item.type === 'Pod') {
      checkAll(item.type, item, aggregateContainerRequests(pod), aggregateContainerLimits(pod), null, violations);
    }
  }
  return violations;
}

function appFirst(container: DecodedContainer): number {
  return container.role === 'app' ? 0 : 1;
}

/** `utilerrors.NewAggregate(errs).Error()`: one message as it is, several deduplicated in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
