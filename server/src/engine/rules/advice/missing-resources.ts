import { type Finding, type Fix } from '../../findings';
import { type ContainerAnalysis, type PodAnalysis } from '../../analysis';
import { CPU, MEMORY } from '../../resources';
import { Quantity } from '../../quantity';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { type Rule, type RuleContext } from '../rule';
import { containerAnchor, containerLabel, rawText } from './shared';
import { partFinding } from '../../fold';

/**
 * "Missing" means after API defaulting and pod-level resources: a limit
 * alone also sets the request, and a pod-level value covers every container,
 * so neither counts as missing. An explicit `0` request is a deliberate
 * choice and counts as set; a `0` limit means no limit and counts as missing.
 *
 * A container without resources lacks all four at once, and most install
 * bundles set none: the four notes about one container are folded into one
 * finding (`fold.ts`) that names what is missing and what follows, with the
 * container's own numbers, none of which depends on the node's size (the
 * node may be an assumed one). Each part keeps its code, so the severity setting
 * of one (`missing-cpu-limit: off`) acts on that part alone. The rules run
 * memory first, requests before limits: a container with none of them gets
 * `missing-memory-request` as the folded finding's code.
 */

function hasPodLevel(analysis: PodAnalysis, list: 'requests' | 'limits', resource: string): boolean {
  const quantity = analysis.pod.podResources?.[list].get(resource);
  return !!quantity && !quantity.isZero();
}

function lacksRequest(analysis: PodAnalysis, container: ContainerAnalysis, resource: string): boolean {
  return !container.resources.requests.has(resource) && !hasPodLevel(analysis, 'requests', resource);
}

/** The codes folded together, in the order the rules run. */
const missingResourceCodes = ['missing-memory-request', 'missing-memory-limit', 'missing-cpu-request', 'missing-cpu-limit'];

/** How a missing value is folded with the others about the same container (see `fold.ts`). */
function perContainer(
  rule: Rule,
  context: RuleContext,
  what: string,
  missing: (analysis: PodAnalysis, container: ContainerAnalysis) => boolean,
  effect: (container: ContainerAnalysis) => string,
  fixes: (container: ContainerAnalysis) => Fix[] = () => [],
): Finding[] {
  const analysis = context.analysis;
  if (!analysis) return [];
  // The pod is BestEffort because no container has any of the four (a written status.qosClass aside).
  const bestEffort = analysis.qos.qosClass === 'BestEffort' && (analysis.qos.computed ?? analysis.qos).qosClass === 'BestEffort';
  const conclusion = bestEffort ? { text: 'so the pod is BestEffort', needs: missingResourceCodes } : null;
  const findings: Finding[] = [];
  for (const container of analysis.containers) {
    if (!missing(analysis, container)) continue;
    const anchor = containerAnchor(container.spec);
    if (!anchor) continue;
    const containerFixes = fixes(container);
    findings.push(
      partFinding(
        anchor,
        { key: `missing-resources ${container.spec.path}`, about: containerLabel(container.spec), conclusion },
        { code: rule.id, severity: rule.severity, what, effect: effect(container), ...(containerFixes.length > 0 ? { fixes: containerFixes } : {}) },
      ),
    );
  }
  return findings;
}

export const missingMemoryLimit: Rule = {
  id: 'missing-memory-limit',
  phase: 'advice',
  severity: 'information',
  rationale:
    "Without a memory limit a container can use the node's memory up to the kernel's OOM killer; a leak then hurts every pod on the node instead of restarting only this container.",
  check(context) {
    return perContainer(
      this,
      context,
      'memory limit',
      (_, container) => container.cgroup.memoryLimitBytes === null,
      () => `memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out`,
      (container) => {
        const request = container.spec.resources?.requests?.byName.get(MEMORY);
        // A null or zero request copied as the limit would still be no limit (`memory: ~`, `memory: 0`).
        if (!request?.valueSpan || !(request.decoded instanceof Quantity) || request.decoded.isZero()) return [];
        const value = rawText(context.text, request.valueSpan);
        const edits = setEntries(
          editContext(context.document, context.text),
          container.spec.node,
          tree([['resources', tree([['limits', tree([['memory', value]])]])]]),
        );
        return edits ? [{ title: `Set the memory limit to the request (${request.source.trim()})`, edits }] : [];
      },
    );
  },
};

export const missingMemoryRequest: Rule = {
  id: 'missing-memory-request',
  phase: 'advice',
  severity: 'information',
  rationale:
    'Without a memory request the scheduler reserves no memory for the container; under memory pressure its usage is all above its request, so its pod is among the first the kubelet evicts.',
  check(context) {
    return perContainer(
      this,
      context,
      'memory request',
      (analysis, container) => lacksRequest(analysis, container, MEMORY),
      (container) => `no memory reserved, so its pod is among the first evicted under memory pressure (oom_score_adj ${container.cgroup.oomScoreAdj})`,
    );
  },
};

export const missingCpuRequest: Rule = {
  id: 'missing-cpu-request',
  phase: 'advice',
  severity: 'information',
  rationale:
    'Without a CPU request the scheduler reserves no CPU for the container and it gets the smallest CPU weight, so it starves whenever the node is busy.',
  check(context) {
    return perContainer(
      this,
      context,
      'cpu request',
      (analysis, container) => lacksRequest(analysis, container, CPU),
      (container) =>
        `no CPU reserved and cpu.weight ${container.cgroup.cpuWeight} (${container.cgroup.cpuShares} shares; 1 CPU requested would be 100), ` +
        `so it starves when the node is busy`,
    );
  },
};

/**
 * A hint, not a warning: CPU is compressible, so a container without a CPU
 * limit cannot hurt others beyond its weight (its request), while a limit
 * throttles it by CFS quota even when the node has idle CPU — the latency
 * spikes that led many (kube-score users, Kubernetes maintainers' talks) to
 * recommend no CPU limits at all. A CPU limit matters only for Guaranteed
 * QoS (and the static CPU manager) or to cap a noisy neighbour; users who
 * skip it on purpose found a louder severity a nuisance.
 */
export const missingCpuLimit: Rule = {
  id: 'missing-cpu-limit',
  phase: 'advice',
  severity: 'hint',
  rationale:
    'Without a CPU limit a container may use idle CPU beyond its request. This is often intended (a limit throttles even an idle node); a limit is needed only for Guaranteed QoS or to cap a noisy neighbour.',
  check(context) {
    return perContainer(
      this,
      context,
      'cpu limit',
      (_, container) => container.cgroup.cpuQuotaUs === null,
      () => `cpu.max max, so it may use any CPU the node leaves idle`,
    );
  },
};
