import { type Finding } from '../../findings';
import { formatBytes, formatMilli } from '../../format';
import { Quantity } from '../../quantity';
import { CPU, type DecodedPod, MEMORY, podLevelRequestsSet } from '../../resources';
import { type Span } from '../../yaml-nodes';
import { type Rule, type RuleContext } from '../rule';
import { containerAnchor } from './shared';

/**
 * The scheduler places a pod only on a node whose allocatable resources
 * cover the pod's effective requests (`PodRequests`: app containers and
 * sidecars summed, the largest init step, pod-level requests if set, plus
 * overhead). Larger than the configured node, the pod stays Pending with
 * `Insufficient cpu`/`Insufficient memory` on every node of that size. When
 * nobody configured the node, the message says the node is assumed, with its
 * size and how to give the real one: the finding may only mean that the
 * default is smaller than the user's nodes.
 */
export const unschedulable: Rule = {
  id: 'unschedulable',
  phase: 'advice',
  severity: 'warning',
  rationale:
    'The pod requests more CPU or memory than the configured node has; the scheduler cannot place it on such a node and it stays Pending (FailedScheduling: Insufficient cpu/memory).',
  check(context: RuleContext): Finding[] {
    const analysis = context.analysis;
    if (!analysis) return [];
    const findings: Finding[] = [];
    const node = context.node;
    const resources: { name: string; have: bigint; assumed: boolean; amount: (q: Quantity) => bigint; format: (n: bigint) => string }[] = [
      { name: CPU, have: node.cpuMilli, assumed: !!node.assumed?.cpu, amount: (q) => q.milliValue(), format: (n) => `${formatMilli(n)} CPU` },
      { name: MEMORY, have: node.memoryBytes, assumed: !!node.assumed?.memory, amount: (q) => q.value(), format: (n) => `${formatBytes(n)} memory` },
    ];
    for (const resource of resources) {
      const total = analysis.totals.requests.get(resource.name);
      if (!total || resource.have <= 0n) continue;
      const wanted = resource.amount(total);
      if (wanted <= resource.have) continue;
      const anchor = anchorFor(context, resource.name, resource.amount);
      if (!anchor) continue;
      const parts = breakdown(analysis.pod, resource.name, resource.amount, resource.format);
      const which =
        resource.assumed && node.assumed
          ? `the assumed node (${formatMilli(node.cpuMilli)} CPU, ${formatBytes(node.memoryBytes)}; ${node.assumed.howToSet})`
          : 'the configured node';
      const message =
        `The pod requests ${resource.format(wanted)}${parts ? ` (${parts})` : ''} but ${which} has ${resource.format(resource.have)}: ` +
        `no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient ${resource.name}).`;
      findings.push({ code: this.id, severity: this.severity, message, start: anchor.start, end: anchor.end });
    }
    return findings;
  },
};

/** How the effective request is made up, when it is more than one number. */
function breakdown(pod: DecodedPod, name: string, amount: (q: Quantity) => bigint, format: (n: bigint) => string): string {
  const parts: string[] = [];
  if (podLevelRequestsSet(pod) && pod.podResources!.requests.has(name)) {
    parts.push(`pod-level requests ${format(amount(pod.podResources!.requests.get(name)!))}`);
  } else {
    let regular = 0n;
    for (const c of pod.containers) if (c.role !== 'init') regular += amount(c.requests.get(name) ?? Quantity.zero());
    let sidecars = 0n;
    let step: { size: bigint; container: string } | null = null;
    for (const c of pod.containers) {
      if (c.role === 'app') continue;
      const own = amount(c.requests.get(name) ?? Quantity.zero());
      if (c.role === 'sidecar') sidecars += own;
      const size = c.role === 'sidecar' ? sidecars : own + sidecars;
      if (!step || size > step.size) step = { size, container: c.name };
    }
    if (step && step.size > regular) parts.push(`init container ${step.container} at its step ${format(step.size)}`);
    else {
      for (const c of pod.containers) {
        const request = c.role !== 'init' ? c.requests.get(name) : undefined;
        if (request && !request.isZero()) parts.push(`${c.role === 'sidecar' ? 'sidecar' : 'container'} ${c.name} ${format(amount(request))}`);
      }
    }
  }
  const overhead = pod.overhead?.get(name);
  if (overhead && !overhead.isZero()) parts.push(`overhead ${format(amount(overhead))}`);
  return parts.length > 1 || (parts.length === 1 && parts[0].startsWith('init')) ? parts.join(' + ') : '';
}

/** The value most responsible: pod-level request, else the largest container request, else the overhead. */
function anchorFor(context: RuleContext, name: string, amount: (q: Quantity) => bigint): Span | null {
  const { model, analysis } = context;
  const podLevel = model.podResources?.requests?.byName.get(name)?.valueSpan;
  if (podLevel && analysis && podLevelRequestsSet(analysis.pod)) return podLevel;
  let best: { size: bigint; span: Span } | null = null;
  analysis?.containers.forEach((c) => {
    const request = c.resources.requests.get(name);
    if (!request) return;
    const size = amount(request);
    const span = c.spec.resources?.requests?.byName.get(name)?.valueSpan ?? c.spec.resources?.limits?.byName.get(name)?.valueSpan ?? containerAnchor(c.spec);
    if (span && (!best || size > best.size)) best = { size, span };
  });
  if (best) return (best as { span: Span }).span;
  return model.overhead?.byName.get(name)?.valueSpan ?? context.workload.kindSpan ?? null;
}
