import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { stringField } from './containers';
import { replaceScalar } from './edits';

/** Go's unicode.IsSpace, which strings.TrimSpace trims by (not JavaScript's trim: no U+FEFF, but U+0085). */
function isGoSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start])) start++;
  while (end > start && isGoSpace(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/**
 * validateContainerOnlyForPod: a Pod's container image must not start or
 * end with whitespace. Pod templates are exempt (kept for backward
 * compatibility: " " is a placeholder some tools fill in later), so a
 * Deployment with such an image is accepted and only its Pods are refused.
 */
export const containerImageWhitespace: Rule = {
  id: 'container-image-whitespace',
  phase: 'api',
  severity: 'error',
  rationale: "A Pod's container image must not have leading or trailing whitespace (workload templates are exempt; their Pods are not).",
  check(context) {
    if (context.workload.kind !== 'Pod') return [];
    const findings: Finding[] = [];
    for (const container of context.model.containers) {
      const image = stringField(container, 'image', context);
      if (image.value === null || !image.kv) continue;
      const trimmed = goTrimSpace(image.value);
      if (trimmed === image.value) continue;
      const edit = trimmed.length > 0 ? replaceScalar(context.text, image.kv.valueSpan, trimmed) : null;
      const fixes = edit ? [{ title: `Change to ${trimmed}`, edits: [edit], preferred: true }] : [];
      const message = invalid(`${container.path}.image`, quoted(image.value), 'must not have leading or trailing whitespace');
      findings.push(errorFinding(this.id, image.kv.valueSpan, message, fixes));
    }
    return findings;
  },
};
