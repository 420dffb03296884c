import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { integerOf, keyed } from './helpers';
import { stringAt } from './containers';
import { admissionRefusal } from './admission';
import { replaceScalar } from './edits';
import { resolvePriority } from '../../admission/priority';

/**
 * Priority admission (on by default) resolves `priorityClassName` to its
 * value and preemption policy and refuses a Pod whose written
 * `spec.priority`, else `spec.preemptionPolicy`, differs from them
 * (plugin/pkg/admission/priority/admission.go, admitPod). The values are
 * known for the system classes and for PriorityClasses in the inputs (a pod
 * without a name gets the inputs' `globalDefault` class); other classes, and
 * the default class when the inputs hold none, are the cluster's. Admission
 * runs on Pods: a template's pods are refused when its controller creates
 * them, a warning (see `admissionRefusal`).
 */
export const priorityMismatch: Rule = {
  id: 'priority-mismatch',
  phase: 'api',
  severity: 'error',
  rationale:
    "Priority admission computes spec.priority and spec.preemptionPolicy from priorityClassName; a Pod that writes other values is refused (a template's pods, when its controller creates them: a warning).",
  check(context) {
    const className = stringAt(context.model.node, 'priorityClassName', context).value;
    const resolved = resolvePriority(className || null, context.cluster?.objects.priorityClasses ?? []);
    if (resolved.kind !== 'resolved') return [];
    const computed = BigInt(resolved.value);
    const findings: Finding[] = [];
    const priority = keyed(context.model.node, 'priority', context);
    const written = priority ? integerOf(priority.value) : null;
    if (priority && written !== null && written !== computed) {
      const reason =
        `the integer value of priority (${written}) must not be provided in pod spec; ` +
        `priority admission controller computed ${computed} from the given PriorityClass name`;
      const edit = replaceScalar(context.text, priority.valueSpan, computed.toString());
      findings.push(
        ...admissionRefusal(context, this.id, priority.valueSpan, reason, edit ? [{ title: `Change to ${computed}`, edits: [edit], preferred: true }] : []),
      );
      // The plugin stops at the first disagreement.
      return findings;
    }
    const policy = stringAt(context.model.node, 'preemptionPolicy', context);
    if (policy.kv && policy.value !== null && policy.value !== resolved.preemptionPolicy) {
      const reason =
        `the string value of PreemptionPolicy (${policy.value}) must not be provided in pod spec; ` +
        `priority admission controller computed ${resolved.preemptionPolicy} from the given PriorityClass name`;
      const edit = replaceScalar(context.text, policy.kv.valueSpan, resolved.preemptionPolicy);
      const fixes = edit ? [{ title: `Change to ${resolved.preemptionPolicy}`, edits: [edit], preferred: true }] : [];
      findings.push(...admissionRefusal(context, this.id, policy.kv.valueSpan, reason, fixes));
    }
    return findings;
  },
};
