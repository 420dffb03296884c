import { type Scalar } from 'yaml';
import { type Finding } from '../../findings';
import { type ContainerSpec } from '../../podspec';
import { editContext, setEntries, tree } from '../../refactorings/yaml-edits';
import { getInteger, type Span, spanOf } from '../../yaml-nodes';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding, mapAt, scalarAt, seqScalars, stringValue } from './shared';
import { probedContainers } from './probes';

const DEFAULT_GRACE = 30;
/** `minimumGracePeriodInSeconds`: what the kubelet still gives SIGTERM when the hook ate the grace period. */
const MINIMUM_GRACE = 2;

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const unitSeconds: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export interface PreStopSleep {
  seconds: number;
  span: Span;
}

/**
 * How long a preStop hook is known to take: the `sleep` action, an exec of
 * `sleep N`, or a shell script's `sleep` commands (summed: they run one after
 * the other). HTTP hooks and other commands take an unknown time: null.
 */
export function preStopSleep(container: ContainerSpec, context: RuleContext): PreStopSleep | null {
  const preStop = mapAt(mapAt(container.node, 'lifecycle', context), 'preStop', context);
  if (!preStop) return null;
  const sleepAction = mapAt(preStop, 'sleep', context);
  if (sleepAction) {
    const seconds = getInteger(sleepAction, 'seconds', context.document);
    const span = spanOf(scalarAt(sleepAction, 'seconds', context));
    return seconds !== null && seconds > 0 && span ? { seconds, span } : null;
  }
  let command = seqScalars(mapAt(preStop, 'exec', context), 'command', context);
  const word = (node: Scalar | undefined) => (node ? (stringValue(node) ?? String(node.value ?? '')) : '');
  const base = (node: Scalar | undefined) => word(node).split('/').pop() ?? '';
  if (base(command[0]) === 'busybox') command = command.slice(1);
  if (base(command[0]) === 'sleep' && command.length >= 2) {
    let seconds = 0;
    for (const argument of command.slice(1)) {
      const parsed = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(word(argument).trim());
      if (!parsed) return null;
      seconds += Number(parsed[1]) * unitSeconds[parsed[2]];
    }
    const first = spanOf(command[1]);
    const last = spanOf(command[command.length - 1]);
    return seconds > 0 && first && last ? { seconds, span: { start: first.start, end: last.end } } : null;
  }
  if (shells.has(base(command[0]))) {
    const flag = command.findIndex((node, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word(node)));
    const script = flag > 0 ? command[flag + 1] : undefined;
    if (!script) return null;
    return scriptSleep(word(script), script, context.text);
  }
  return null;
}

function scriptSleep(script: string, node: Scalar, text: string): PreStopSleep | null {
  const pattern = /(?:^|[\s;&|(])(sleep\s+(\d+(?:\.\d+)?)([smhd]?))(?=$|[\s;&|)])/g;
  let seconds = 0;
  let first: string | null = null;
  for (const match of script.matchAll(pattern)) {
    seconds += Number(match[2]) * unitSeconds[match[3]];
    first ??= match[1];
  }
  const span = spanOf(node);
  if (seconds <= 0 || !span || first === null) return null;
  // Point at the `sleep` itself when the source shows it verbatim (it does unless escapes were used).
  const at = text.slice(span.start, span.end).indexOf(first);
  return { seconds, span: at >= 0 ? { start: span.start + at, end: span.start + at + first.length } : span };
}

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
    const written = getInteger(podSpec, 'terminationGracePeriodSeconds', context.document);
    const grace = written ?? DEFAULT_GRACE;
    const hooks = probedContainers(context)
      .map((container) => ({ container, sleep: preStopSleep(container, context) }))
      .filter((hook): hook is { container: ContainerSpec; sleep: PreStopSleep } => hook.sleep !== null && hook.sleep.seconds >= grace);
    if (hooks.length === 0) return [];
    // One grace period serves every container: the fix covers the longest hook.
    const longest = Math.ceil(Math.max(...hooks.map((hook) => hook.sleep.seconds)));
    const margin = Math.max(grace, 10);
    const raised = longest + margin;
    const edits = setEntries(editContext(context.document, context.text), podSpec, tree([['terminationGracePeriodSeconds', String(raised)]]));
    const graceText = `terminationGracePeriodSeconds is ${grace}${written === null ? ' (default)' : ''}`;
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
