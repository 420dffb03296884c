import { type Finding } from '../../findings';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding } from './shared';
import { probedContainers } from './probes';

/** `minimumGracePeriodInSeconds`: what the kubelet still gives SIGTERM when the hook ate the grace period. */
const MINIMUM_GRACE = 2;

/**
 * preStop runs inside the termination grace period: the kubelet waits for
 * the hook at most `terminationGracePeriodSeconds`, then sends SIGTERM with
 * what is left, but never less than 2 s, then SIGKILL. A hook that sleeps
 * the whole grace period leaves the application 2 s to shut down.
 *
 * The fix raises the grace period to the hook's time plus the time the
 * application had before (the old grace period, at least 10 s): the hook was
 * added for the endpoints to drain, not to shorten the shutdown.
 */
export const preStopExceedsGrace: Rule = {
  id: 'prestop-exceeds-grace',
  phase: 'advice',
  severity: 'warning',
  rationale:
    'The preStop hook runs inside terminationGracePeriodSeconds (default 30); a hook that uses all of it leaves the application 2 s between SIGTERM and SIGKILL.',
  check(context: RuleContext): Finding[] {
    const podSpec = context.model.node;
    const grace = context.model.gracePeriodSeconds;
    const written = context.model.terminationGracePeriodSeconds.value !== undefined;
    const hooks = probedContainers(context).flatMap((container) => {
      const hook = container.preStop;
      if (!hook || hook.sleepSeconds === null || hook.sleepSeconds < grace || !hook.sleepSpan) return [];
      return [{ container, sleep: { seconds: hook.sleepSeconds, span: hook.sleepSpan } }];
    });
    if (hooks.length === 0) return [];
    // One grace period serves every container: the fix covers the longest hook.
    const longest = Math.ceil(Math.max(...hooks.map((hook) => hook.sleep.seconds)));
    const margin = Math.max(grace, 10);
    const raised = longest + margin;
    const edits = setEntries(editContext(context.document, context.text), podSpec, tree([['terminationGracePeriodSeconds', String(raised)]]));
    const graceText = `terminationGracePeriodSeconds is ${grace}${written ? '' : ' (default)'}`;
    return hooks.map(({ container, sleep }) => {
      const message =
        `${containerLabel(container)}: the preStop hook sleeps ${sleep.seconds} s but ${graceText}: ` +
        `${sleep.seconds > grace ? `the kubelet abandons the hook after ${grace} s, ` : ''}SIGTERM comes only when the grace period is used up ` +
        `and SIGKILL ${MINIMUM_GRACE} s later, so the application gets ${MINIMUM_GRACE} s to shut down.`;
      return finding(
        this,
        sleep.span,
        message,
        edits ? [{ title: `Raise terminationGracePeriodSeconds to ${raised} (preStop ${longest} s + ${margin} s to shut down)`, edits, preferred: true }] : [],
      );
    });
  },
};
