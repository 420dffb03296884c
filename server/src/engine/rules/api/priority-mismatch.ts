import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { errorFinding, integerOf, keyed } from './helpers';
import { stringAt } from './containers';
import { podForbidden } from './admission';
import { replaceScalar } from './edits';

/**
 * The values of the built-in PriorityClasses (pkg/apis/scheduling
 * SystemPriorityClasses): the only ones that are the same in every cluster.
 */
export const systemPriorityClasses: ReadonlyMap<string, bigint> = new Map([
  ['system-node-critical', 2000001000n],
  ['system-cluster-critical', 2000000000n],
]);

const SYSTEM_PREEMPTION_POLICY = 'PreemptLowerPriority';

/**
 * Priority admission (on by default) resolves `priorityClassName` to its
 * value and preemption policy and refuses a Pod whose written
 * `spec.priority`, else `spec.preemptionPolicy`, differs from them
 * (plugin/pkg/admission/priority/admission.go, admitPod). Only the system
 * classes have a value known here; other classes (and the default class) are
 * the cluster's. Admission runs on Pods only, not on templates.
 */
export const priorityMismatch: Rule = {
  id: 'priority-mismatch',
  phase: 'api',
  severity: 'error',
  rationale: 'Priority admission computes spec.priority and spec.preemptionPolicy from priorityClassName; a Pod that writes other values is refused.',
  check(context) {
    if (context.workload.kind !== 'Pod') return [];
    const className = stringAt(context.model.node, 'priorityClassName', context).value;
    const computed = className === null ? undefined : systemPriorityClasses.get(className);
    if (computed === undefined) return [];
    const findings: Finding[] = [];
    const priority = keyed(context.model.node, 'priority', context);
    const written = priority ? integerOf(priority.value) : null;
    if (priority && written !== null && written !== computed) {
      const reason =
        `the integer value of priority (${written}) must not be provided in pod spec; ` +
        `priority admission controller computed ${computed} from the given PriorityClass name`;
      const edit = replaceScalar(context.text, priority.valueSpan, computed.toString());
      findings.push(
        errorFinding(
          this.id,
          priority.valueSpan,
          podForbidden(context, reason),
          edit ? [{ title: `Change to ${computed}`, edits: [edit], preferred: true }] : [],
        ),
      );
      // The plugin stops at the first disagreement.
      return findings;
    }
    // The system classes are created with the default preemptionPolicy, PreemptLowerPriority.
    const policy = stringAt(context.model.node, 'preemptionPolicy', context);
    if (policy.kv && policy.value !== null && policy.value !== SYSTEM_PREEMPTION_POLICY) {
      const reason =
        `the string value of PreemptionPolicy (${policy.value}) must not be provided in pod spec; ` +
        `priority admission controller computed ${SYSTEM_PREEMPTION_POLICY} from the given PriorityClass name`;
      const edit = replaceScalar(context.text, policy.kv.valueSpan, SYSTEM_PREEMPTION_POLICY);
      findings.push(
        errorFinding(
          this.id,
          policy.kv.valueSpan,
          podForbidden(context, reason),
          edit ? [{ title: `Change to ${SYSTEM_PREEMPTION_POLICY}`, edits: [edit], preferred: true }] : [],
        ),
      );
    }
    return findings;
  },
};
