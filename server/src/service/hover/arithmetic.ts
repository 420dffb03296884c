import { type Quantity } from '../../engine/quantity';
import { CPU, type DecodedContainer, type DecodedPod, MEMORY, type ResourceList } from '../../engine/resources';
import { cpu, memory } from '../markdown';

/**
 * The sum behind a pod's effective requests or limits (`PodRequests`,
 * `PodLimits`), written out term by term: app containers and sidecars add
 * up, each regular init container counts at its step (its own value plus the
 * sidecars started before it), the larger wins, pod-level resources replace
 * the result and overhead is added. The engine computes the number; this only
 * says how it came about.
 */

export type Side = 'requests' | 'limits';

function amount(resource: string, quantity: Quantity): bigint {
  return resource === CPU ? quantity.milliValue() : quantity.value();
}

function show(resource: string, value: bigint): string {
  return resource === CPU ? cpu(value) : memory(value);
}

function label(container: DecodedContainer): string {
  return container.role === 'app' ? container.name : container.role === 'sidecar' ? `sidecar ${container.name}` : `init ${container.name}`;
}

/** Whether the plain sum of the app containers would not tell the whole story. */
export function arithmeticMatters(pod: DecodedPod): boolean {
  return pod.containers.some((c) => c.role !== 'app') || pod.overhead !== null || pod.podResources !== null;
}

/** One line per resource, e.g. `app 500m + sidecar log 100m = 600m; init migrate 250m + 100m = 350m → 600m`. */
export function explainTotal(pod: DecodedPod, side: Side, resource: string): string | null {
  const list = (c: DecodedContainer): ResourceList => c[side];
  const value = (c: DecodedContainer): bigint | null => {
    const quantity = list(c).get(resource);
    return quantity ? amount(resource, quantity) : null;
  };
  const parts: string[] = [];
  const running = pod.containers.filter((c) => c.role === 'app' || c.role === 'sidecar');
  const terms = running.filter((c) => value(c) !== null);
  let sum = 0n;
  for (const c of terms) sum += value(c)!;
  if (terms.length > 0) {
    const written = terms.map((c) => `${label(c)} ${show(resource, value(c)!)}`).join(' + ');
    parts.push(terms.length > 1 ? `${written} = ${show(resource, sum)}` : written);
  }
  let sidecarsSoFar = 0n;
  let initMax = 0n;
  let initMaxLabel: string | null = null;
  for (const c of pod.containers) {
    if (c.role === 'sidecar') sidecarsSoFar += value(c) ?? 0n;
    if (c.role !== 'init') continue;
    const own = value(c);
    if (own === null && sidecarsSoFar === 0n) continue;
    const step = (own ?? 0n) + sidecarsSoFar;
    parts.push(
      sidecarsSoFar > 0n
        ? `${label(c)} ${show(resource, own ?? 0n)} + sidecars before it ${show(resource, sidecarsSoFar)} = ${show(resource, step)}`
        : `${label(c)} ${show(resource, step)}`,
    );
    if (step > initMax) {
      initMax = step;
      initMaxLabel = label(c);
    }
  }
  let result = sum > initMax ? sum : initMax;
  if (initMaxLabel !== null && parts.length > 1) {
    parts.push(initMax > sum ? `the larger is ${initMaxLabel}'s step: ${show(resource, result)}` : `the larger is the running sum: ${show(resource, result)}`);
  }
  const podLevel = pod.podResources?.[side].get(resource);
  if (podLevel && !podLevel.isZero() && (resource === CPU || resource === MEMORY || resource.startsWith('hugepages-'))) {
    result = amount(resource, podLevel);
    parts.push(`pod-level spec.resources.${side} replaces it: ${show(resource, result)}`);
  }
  const overhead = pod.overhead?.get(resource);
  if (overhead && (side === 'requests' || result > 0n)) {
    result += amount(resource, overhead);
    parts.push(`+ overhead ${show(resource, amount(resource, overhead))} = ${show(resource, result)}`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}
