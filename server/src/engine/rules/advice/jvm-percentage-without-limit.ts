import { type Finding, type Fix } from '../../findings';
import { approximateBytes, formatBytes } from '../../format';
import { MEMORY } from '../../resources';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding, rawText } from './shared';
import { jvmFlags } from './jvm';

/**
 * `-XX:MaxRAMPercentage` and friends are a share of the memory the JVM sees:
 * the cgroup's `memory.max` when there is one, else the whole node. Without
 * a memory limit a 75% heap on a 64 GiB node is 48 GiB, far beyond what the
 * scheduler reserved (the request), so the JVM will not collect before the
 * node is under memory pressure and the pod is evicted or OOM-killed.
 * The fix sets the limit to the request, the amount the author sized the
 * container for.
 */
export const jvmPercentageWithoutLimit: Rule = {
  id: 'jvm-percentage-without-limit',
  phase: 'advice',
  severity: 'warning',
  rationale:
    "-XX:MaxRAMPercentage / InitialRAMPercentage are percentages of the container's memory limit; without a limit they are percentages of the node's memory, and the heap can grow far beyond the memory request.",
  check(context: RuleContext): Finding[] {
    const analysis = context.analysis;
    if (!analysis) return [];
    const findings: Finding[] = [];
    for (const container of analysis.containers) {
      if (container.cgroup.memoryLimitBytes !== null) continue;
      const flags = jvmFlags(container.spec, context).filter((flag) => flag.kind === 'ram-percentage');
      if (flags.length === 0) continue;
      const flag = flags.find((f) => f.text.startsWith('-XX:MaxRAMPercentage')) ?? flags[0];
      const percent = Number(flag.text.split('=')[1]);
      const node = context.node.memoryBytes;
      const share = Number.isFinite(percent) ? approximateBytes((node * BigInt(Math.round(percent * 100))) / 10000n) : null;
      const message =
        `${containerLabel(container.spec)}: ${flag.text} (from ${flag.source.label}) with no memory limit: the percentage is of the node's memory` +
        `${share ? `, ${share} of the configured ${formatBytes(node)} node,` : ''} not of the container's.`;
      const fixes: Fix[] = [];
      const request = container.spec.resources?.requests?.byName.get(MEMORY);
      if (request?.valueSpan) {
        const value = rawText(context.text, request.valueSpan);
        const edits = setEntries(
          editContext(context.document, context.text),
          container.spec.node,
          tree([['resources', tree([['limits', tree([['memory', value]])]])]]),
        );
        if (edits) fixes.push({ title: `Set the memory limit to the request (${request.source.trim()})`, edits, preferred: true });
      }
      const anchor = flag.span ?? { start: flag.source.node.range![0], end: flag.source.node.range![1] };
      findings.push(finding(this, anchor, message, fixes));
    }
    return findings;
  },
};
