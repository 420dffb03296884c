import { type Finding, type Fix } from '../../findings';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding } from './shared';
import { probedContainers } from './probes';
import { detectionSeconds, type Probe } from '../../model';

/**
 * A failing container should leave the Service before it is restarted:
 * readiness takes it out of the endpoints and gives it a chance to recover;
 * liveness is the last resort. The kubelet decides each after
 * `failureThreshold` consecutive failures, one per `periodSeconds`, so the
 * worst-case reaction time of each is `periodSeconds × failureThreshold`.
 * `initialDelaySeconds` does not enter: it only delays the first probes after
 * a start, when the container is not Ready anyway (readiness starts at
 * Failure), so it changes nothing for a container that fails while serving.
 * Equal times are left alone: they race, and identical probes are a common,
 * deliberate choice.
 *
 * The warning is for probes that check the same thing (the same handler,
 * path and port: `ProbeHandler.identity`). Probes of different endpoints are
 * often different on purpose (linkerd's proxy: `/ready` for traffic,
 * `/live` for the process), and the readiness endpoint may fail alone; then
 * the order matters only when both fail, which is said as information, with
 * no fix.
 */
export const readinessSlowerThanLiveness: Rule = {
  id: 'readiness-slower-than-liveness',
  phase: 'advice',
  severity: 'warning',
  rationale:
    'When the readiness probe needs longer to fail (periodSeconds × failureThreshold) than the liveness probe, a failing container is restarted while it is still Ready and receiving traffic; readiness should react first. Information only where the two probes check different things (handler, path or port).',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const container of probedContainers(context)) {
      const readiness = container.probes.readiness;
      const liveness = container.probes.liveness;
      if (!readiness || !liveness || !readiness.field.keySpan) continue;
      const ready = detectionSeconds(readiness);
      const live = detectionSeconds(liveness);
      if (ready <= live) continue;
      if (readiness.handler && liveness.handler && readiness.handler.identity !== liveness.handler.identity) {
        const message =
          `${containerLabel(container)}: the readiness probe (${readiness.handler.label}) marks the container unready after up to ${ready} s ` +
          `(periodSeconds ${readiness.periodSeconds} × failureThreshold ${readiness.failureThreshold}) and the liveness probe (${liveness.handler.label}) ` +
          `restarts it after ${live} s (${liveness.periodSeconds} × ${liveness.failureThreshold}); they check different things, so this matters only when both fail: ` +
          `then the container is restarted after ${live} s while it is still Ready.`;
        findings.push(finding({ id: this.id, severity: 'information' }, readiness.field.keySpan, message));
        continue;
      }
      const message =
        `${containerLabel(container)}: the readiness probe takes up to ${ready} s to mark the container unready ` +
        `(periodSeconds ${readiness.periodSeconds} × failureThreshold ${readiness.failureThreshold}) but the liveness probe restarts it after ${live} s ` +
        `(${liveness.periodSeconds} × ${liveness.failureThreshold}): a failing container is killed while it still receives traffic.`;
      findings.push(finding(this, readiness.field.keySpan, message, tightenReadiness(context, readiness, live)));
    }
    return findings;
  },
};

/**
 * The smallest change that makes readiness react first: keep its
 * failureThreshold and shorten its period if that is enough, else lower the
 * threshold too. The period stays at or above the timeout, or a hanging
 * endpoint would be probed less often than written (see
 * `probe-timeout-exceeds-period`).
 */
function tightenReadiness(context: RuleContext, readiness: Probe, live: number): Fix[] {
  for (let threshold = readiness.failureThreshold; threshold >= 1; threshold--) {
    const period = Math.min(readiness.periodSeconds, Math.floor((live - 1) / threshold));
    if (period < 1 || period < readiness.timeoutSeconds) continue;
    const entries = tree([]);
    if (period !== readiness.periodSeconds) entries.set('periodSeconds', String(period));
    if (threshold !== readiness.failureThreshold) entries.set('failureThreshold', String(threshold));
    const edits = readiness.field.value ? setEntries(editContext(context.document, context.text), readiness.field.value, entries) : null;
    if (!edits || edits.length === 0) return [];
    const what = [...entries].map(([key, value]) => `${key} ${value}`).join(', ');
    return [
      { title: `Tighten the readiness probe (${what}: reacts within ${period * threshold} s, before the liveness probe's ${live} s)`, edits, preferred: true },
    ];
  }
  return [];
}
