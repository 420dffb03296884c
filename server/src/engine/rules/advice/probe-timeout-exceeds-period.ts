import { type Finding, type Fix } from '../../findings';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding } from './shared';
import { probedContainers } from './probes';
import { probeFieldName, probeKinds } from '../../model';

/**
 * The kubelet runs one probe at a time per worker: `doProbe` waits for the
 * probe (up to `timeoutSeconds`), and the ticker drops the ticks it missed.
 * With a timeout at or above the period, a hanging endpoint is probed every
 * `timeoutSeconds`, not every `periodSeconds`, and detection takes
 * `failureThreshold × timeoutSeconds`: the period written is not the one in
 * effect. Both fixes are offered, neither preferred: which one is right
 * depends on how slow the endpoint legitimately is.
 */
export const probeTimeoutExceedsPeriod: Rule = {
  id: 'probe-timeout-exceeds-period',
  phase: 'advice',
  severity: 'warning',
  rationale:
    'Probes of one container run one at a time: with timeoutSeconds ≥ periodSeconds a hanging endpoint is probed every timeoutSeconds, so failures are detected later than periodSeconds × failureThreshold suggests.',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const container of probedContainers(context)) {
      for (const probeKind of probeKinds) {
        const probe = container.probes[probeKind];
        if (!probe || probe.timeoutSeconds < probe.periodSeconds) continue;
        const { written } = probe;
        const timeoutSpan = written.timeoutSeconds.value !== undefined ? written.timeoutSeconds.valueSpan : null;
        const periodSpan = written.periodSeconds.value !== undefined ? written.periodSeconds.valueSpan : null;
        const anchor = timeoutSpan ?? periodSpan ?? probe.field.keySpan;
        if (!anchor || !probe.field.value) continue;
        const kind = probeFieldName[probeKind];
        const timeout = `timeoutSeconds ${probe.timeoutSeconds}${timeoutSpan ? '' : ' (default)'}`;
        const period = `periodSeconds ${probe.periodSeconds}${periodSpan ? '' : ' (default)'}`;
        const message =
          probe.timeoutSeconds > probe.periodSeconds
            ? `${containerLabel(container)}: ${kind} ${timeout} > ${period}: probes do not overlap, so a hanging endpoint is probed every ${probe.timeoutSeconds} s ` +
              `and a failure takes ${probe.failureThreshold * probe.timeoutSeconds} s to detect, not ${probe.failureThreshold * probe.periodSeconds} s.`
            : `${containerLabel(container)}: ${kind} ${timeout} = ${period}: a probe that hangs until its timeout is followed at once by the next one, ` +
              `so a struggling endpoint is probed back to back without a pause.`;
        const fixes: Fix[] = [];
        const edit = editContext(context.document, context.text);
        if (probe.periodSeconds >= 2) {
          const edits = setEntries(edit, probe.field.value, tree([['timeoutSeconds', String(probe.periodSeconds - 1)]]));
          if (edits) fixes.push({ title: `Lower timeoutSeconds to ${probe.periodSeconds - 1}`, edits });
        }
        const edits = setEntries(edit, probe.field.value, tree([['periodSeconds', String(probe.timeoutSeconds + 1)]]));
        if (edits) fixes.push({ title: `Raise periodSeconds to ${probe.timeoutSeconds + 1}`, edits });
        findings.push(finding(this, anchor, message, fixes));
      }
    }
    return findings;
  },
};
