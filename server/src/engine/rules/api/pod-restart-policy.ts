import { isScalar } from 'yaml';
import { type Rule, type RuleContext } from '../rule';
import { type Finding, type Fix } from '../../findings';
import { jsonQuoted, notSupported } from './field-errors';
import { errorFinding, podSpecKeySpan } from './helpers';
import { insertLinesAfter, replaceScalar, columnOf, startsBlockLine } from './edits';
import { isPair } from 'yaml';

export const podRestartPolicies = ['Always', 'OnFailure', 'Never'] as const;

/** Sets the pod spec's restartPolicy: replaces the value, or adds the key as the pod spec's first line. */
export function setRestartPolicyFix(context: RuleContext, value: string, preferred: boolean): Fix | null {
  const written = context.model.restartPolicyField;
  if (written.written && isScalar(written.node) && written.valueSpan) {
    const edit = replaceScalar(context.text, written.valueSpan, value);
    return edit ? { title: `Set restartPolicy to ${value}`, edits: [edit], preferred } : null;
  }
  if (written.written) return null;
  const first = context.model.node.items.find(isPair);
  const firstKey = first?.key as { range?: [number, number, number] } | undefined;
  const at = firstKey?.range?.[0];
  if (at === undefined || !startsBlockLine(context.text, at)) return null;
  // Inserted before the first key, on its own line at the same indentation.
  const column = columnOf(context.text, at);
  const lineStart = at - column;
  const edit = insertLinesAfter(context.text, lineStart - 1, column, [`restartPolicy: ${value}`]);
  return lineStart > 0 ? { title: `Add restartPolicy: ${value}`, edits: [edit], preferred } : null;
}

export const podRestartPolicy: Rule = {
  id: 'pod-restart-policy',
  phase: 'api',
  severity: 'error',
  rationale: "A pod's restartPolicy must be Always, OnFailure or Never.",
  check(context) {
    const policy = context.model.restartPolicy;
    const written = context.model.restartPolicyField;
    if (!written.value || (podRestartPolicies as readonly string[]).includes(policy)) return [];
    const findings: Finding[] = [];
    const message = notSupported(`${context.model.path}.restartPolicy`, jsonQuoted(policy), podRestartPolicies);
    const exact = podRestartPolicies.find((p) => p.toLowerCase() === policy.toLowerCase());
    const fix = exact ? setRestartPolicyFix(context, exact, true) : null;
    findings.push(errorFinding(this.id, written.valueSpan ?? podSpecKeySpan(context), message, fix ? [fix] : []));
    return findings;
  },
};
