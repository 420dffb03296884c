import { isScalar } from 'yaml';
import { type Rule, type RuleContext } from '../rule';
import { type Finding, type Fix } from '../../findings';
import { jsonQuoted, notSupported } from './field-errors';
import { errorFinding, keyed, type KeyedValue, podSpecKeySpan } from './helpers';
import { insertLinesAfter, replaceScalar, columnOf, startsBlockLine } from './edits';
import { isPair } from 'yaml';

export const podRestartPolicies = ['Always', 'OnFailure', 'Never'] as const;

/** The pod spec's restartPolicy after defaulting ("" and a missing key become Always), with its key. */
export function effectiveRestartPolicy(context: RuleContext): { value: string; kv: KeyedValue | null; written: boolean } {
  const kv = keyed(context.model.node, 'restartPolicy', context);
  const node = kv?.value;
  if (kv && isScalar(node) && typeof node.value === 'string' && node.value !== '') return { value: node.value, kv, written: true };
  return { value: 'Always', kv, written: false };
}

/** Sets the pod spec's restartPolicy: replaces the value, or adds the key as the pod spec's first line. */
export function setRestartPolicyFix(context: RuleContext, kv: KeyedValue | null, value: string, preferred: boolean): Fix | null {
  if (kv && isScalar(kv.value)) {
    const edit = replaceScalar(context.text, kv.valueSpan, value);
    return edit ? { title: `Set restartPolicy to ${value}`, edits: [edit], preferred } : null;
  }
  if (kv) return null;
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
    const policy = effectiveRestartPolicy(context);
    if (!policy.written || (podRestartPolicies as readonly string[]).includes(policy.value)) return [];
    const findings: Finding[] = [];
    const message = notSupported(`${context.model.path}.restartPolicy`, jsonQuoted(policy.value), podRestartPolicies);
    const exact = podRestartPolicies.find((p) => p.toLowerCase() === policy.value.toLowerCase());
    const fix = exact ? setRestartPolicyFix(context, policy.kv, exact, true) : null;
    findings.push(errorFinding(this.id, policy.kv?.valueSpan ?? podSpecKeySpan(context), message, fix ? [fix] : []));
    return findings;
  },
};
