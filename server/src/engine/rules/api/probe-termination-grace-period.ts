import { type Rule } from '../rule';
import { type Finding, type TextEdit } from '../../findings';
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
        const removal = probe.map.flow
          ? removeFlowPair(context.text, field.keySpan.start, field.valueSpan.end)
          : removeLine(context.text, field.keySpan.start, field.valueSpan.end);
        const fixes = removal ? [{ title: 'Remove terminationGracePeriodSeconds', edits: [removal], preferred: true }] : undefined;
        findings.push(errorFinding(this.id, field.keySpan, invalid(path, value, 'must not be set for readinessProbes'), fixes));
      }
    }
    return findings;
  },
};

/**
 * Removes the whole line of a one-line `key: value` pair, comments on it
 * included; null when something else shares the line (`- key: value` opens a
 * list item, which must stay).
 */
function removeLine(text: string, start: number, end: number): TextEdit | null {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return null;
  const stop = lineEnd(text, end);
  return { start: lineStart, end: stop < text.length ? stop + 1 : stop, newText: '' };
}

/** Removes `key: value` from a flow map with one of its separating commas, leaving the rest of the line alone. */
function removeFlowPair(text: string, start: number, end: number): TextEdit {
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  if (text[after] === ',') {
    after++;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    return { start, end: after, newText: '' };
  }
  // The last pair: take the comma before it instead.
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (text[before - 1] === ',') before--;
  return { start: before, end, newText: '' };
}
