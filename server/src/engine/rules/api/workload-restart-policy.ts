import { type Rule } from '../rule';
import { type Fix } from '../../findings';
import { jsonQuoted, notSupported, invalid } from './field-errors';
import { errorFinding, podSpecKeySpan } from './helpers';
import { setRestartPolicyFix } from './pod-restart-policy';
import { jobSpecOf } from '../../workloads';

/**
 * What each controller accepts in its pod template (after restartPolicy is
 * defaulted to Always): Job and CronJob OnFailure or Never (Never only, with
 * a podFailurePolicy); Deployment, ReplicaSet, StatefulSet, DaemonSet and
 * ReplicationController Always only. Pods and PodTemplates accept all three.
 */
export const workloadRestartPolicy: Rule = {
  id: 'workload-restart-policy',
  phase: 'api',
  severity: 'error',
  rationale:
    'Jobs run to completion (restartPolicy OnFailure or Never); Deployments, ReplicaSets, StatefulSets, DaemonSets and ReplicationControllers keep pods running (Always only).',
  check(context) {
    const { kind } = context.workload;
    const policy = { value: context.model.restartPolicy };
    const written = context.model.restartPolicyField;
    const path = `${context.model.path}.restartPolicy`;
    const anchor = written.value && written.valueSpan ? written.valueSpan : podSpecKeySpan(context);
    const fixes = (values: string[]): Fix[] => values.map((value, index) => setRestartPolicyFix(context, value, index === 0)).filter((f): f is Fix => !!f);

    if (kind === 'Job' || kind === 'CronJob') {
      if (policy.value !== 'OnFailure' && policy.value !== 'Never') {
        return [errorFinding(this.id, anchor, notSupported(path, jsonQuoted(policy.value), ['OnFailure', 'Never']), fixes(['Never', 'OnFailure']))];
      }
      const podFailurePolicy = jobSpecOf(context.workload, context.document)?.podFailurePolicy.value;
      if (policy.value !== 'Never' && podFailurePolicy) {
        return [
          errorFinding(
            this.id,
            anchor,
            invalid(path, jsonQuoted(policy.value), 'only "Never" is supported when podFailurePolicy is specified'),
            fixes(['Never']),
          ),
        ];
      }
      return [];
    }
    if (kind === 'Pod' || kind === 'PodTemplate') return [];
    if (policy.value === 'Always') return [];
    return [errorFinding(this.id, anchor, notSupported(path, jsonQuoted(policy.value), ['Always']), fixes(['Always']))];
  },
};
