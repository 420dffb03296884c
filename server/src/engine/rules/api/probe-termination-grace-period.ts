import { Rule } from '../rule';
import { Finding, TextEdit } from '../../findings';
import { invalid } from './field-errors';
import { errorFinding, integerOf, keyed } from './helpers';
import { validatedProbes } from './probes';
import { lineEnd } from './edits';

export const probeTerminationGracePeriod: Rule = {
  id: 'probe-termination-grace-period',
  phase: 'api',
  severity: 'error',
  rationale:
    "A probe's terminationGracePeriodSeconds must be positive, and readiness probes may not set it (a failed readiness probe never kills the container).",
  check(context) {
    const findings: Finding[] = [];
    for (const probe of validatedProbes(context)) {
      if (!probe.map) continue;
      const field = keyed(probe.map, 'terminationGracePeriodSeconds', context);
      if (!field) continue;
      const value = integerOf(field.value);
      if (value === null) continue;
      const path = `${probe.path}.terminationGracePeriodSeconds`;
      if (value <= 0n) findings.push(errorFinding(this.id, field.valueSpan, invalid(path, value, 'must be greater than 0')));
      if (probe.kind === 'readinessProbe') {
        findings.push(errorFinding(this.id, field.keySpan, invalid(path, value, 'must not be set for readinessProbes'), [
          { title: 'Remove terminationGracePeriodSeconds', edits: [removeLine(context.text, field.keySpan.start, field.valueSpan.end)], preferred: true },
        ]));
      }
    }
    return findings;
  },
};

/** Removes the whole line of a one-line `key: value` pair, comments on it included. */
function removeLine(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const stop = lineEnd(text, end);
  return { start: lineStart, end: stop < text.length ? stop + 1 : stop, newText: '' };
}
