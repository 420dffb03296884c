import { type Finding, type Fix } from '../../findings';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding } from './shared';
import { probedContainers } from './probes';
import { probeFieldName, probeKinds } from '../../model';

/**
 * The kubelet runs each probe worker as one loop (`pkg/kubelet/prober/worker.go`,
 * v1.36): `doProbe` waits for the probe, up to `timeoutSeconds`, then the loop
 * waits for the next tick of a `time.Ticker` of `periodSeconds`. A ticker
 * keeps one missed tick and drops the rest, so when a probe hangs until its
 * timeout the next one starts as soon as it ends if a tick fell meanwhile.
 *
 * - timeout ≤ period: each probe starts on its own tick; a probe that ends
 *   exactly on the next tick finds that tick waiting and the schedule is not
 *   slowed (timeout = period is fine).
 * - timeout > period: a hanging endpoint is probed every `timeoutSeconds`,
 *   and the `failureThreshold`-th failure is seen `F × T` after the first
 *   probe started instead of `(F − 1) × P + T`: `(F − 1) × (T − P)` later.
 *   With `failureThreshold: 1` nothing is later, and nothing is said.
 *
 * Both fixes are offered, neither preferred: which one is right depends on
 * how slow the endpoint legitimately is.
 */
export const probeTimeoutExceedsPeriod: Rule = {
  id: 'probe-timeout-exceeds-period',
  phase: 'advice',
  severity: 'warning',
  rationale:
    'Probes of one container run one at a time: with timeoutSeconds above periodSeconds a hanging endpoint is probed every timeoutSeconds, so a failure is detected (failureThreshold − 1) × (timeoutSeconds − periodSeconds) seconds later than the period suggests.',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const container of probedContainers(context)) {
      for (const probeKind of probeKinds) {
        const probe = container.probes[probeKind];
        if (!probe || probe.timeoutSeconds <= probe.periodSeconds || probe.failureThreshold < 2) continue;
        const { written } = probe;
        const timeoutSpan = written.timeoutSeconds.value !== undefined ? written.timeoutSeconds.valueSpan : null;
        const periodSpan = written.periodSeconds.value !== undefined ? written.periodSeconds.valueSpan : null;
        const anchor = timeoutSpan ?? periodSpan ?? probe.field.keySpan;
        if (!anchor || !probe.field.value) continue;
        const kind = probeFieldName[probeKind];
        const { timeoutSeconds: timeout, periodSeconds: period, failureThreshold: threshold } = probe;
        const timeoutText = `timeoutSeconds ${timeout}${timeoutSpan ? '' : ' (default)'}`;
        const periodText = `periodSeconds ${period}${periodSpan ? '' : ' (default)'}`;
        const scheduled = (threshold - 1) * period + timeout;
        const message =
          `${containerLabel(container)}: ${kind} ${timeoutText} > ${periodText}: probes run one at a time, so a hanging endpoint is probed every ${timeout} s, not every ${period} s, ` +
          `and failureThreshold ${threshold} is reached after ${threshold * timeout} s, ${(threshold - 1) * (timeout - period)} s later than the period gives ` +
          `(${threshold - 1} × ${period} s + ${timeout} s = ${scheduled} s).`;
        const fixes: Fix[] = [];
        const edit = editContext(context.document, context.text);
        const lower = setEntries(edit, probe.field.value, tree([['timeoutSeconds', String(period)]]));
        if (lower) fixes.push({ title: `Lower timeoutSeconds to ${period}`, edits: lower });
        const raise = setEntries(edit, probe.field.value, tree([['periodSeconds', String(timeout)]]));
        if (raise) fixes.push({ title: `Raise periodSeconds to ${timeout}`, edits: raise });
        findings.push(finding(this, anchor, message, fixes));
      }
    }
    return findings;
  },
};
