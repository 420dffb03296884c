import { type Rule } from '../rule';
import { type Fix } from '../../findings';
import { jsonQuoted, notSupported, invalid } from './field-errors';
import { errorFinding, podSpecKeySpan, keyed } from './helpers';
import { effectiveRestartPolicy, setRestartPolicyFix } from './pod-restart-policy';
import { asMap, deref, getMap } from '../../yaml-nodes';

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
    const policy = effectiveRestartPolicy(context);
    const path = `${context.model.path}.restartPolicy`;
    const anchor = policy.written && policy.kv ? policy.kv.valueSpan : podSpecKeySpan(context);
    const fixes = (values: string[]): Fix[] =>
      values.map((value, index) => setRestartPolicyFix(context, policy.kv, value, index === 0)).filter((f): f is Fix => !!f);

    if (kind === 'Job' || kind === 'CronJob') {
      if (policy.value !== 'OnFailure' && policy.value !== 'Never') {
        return [errorFinding(this.id, anchor, notSupported(path, jsonQuoted(policy.value), ['OnFailure', 'Never']), fixes(['Never', 'OnFailure']))];
      }
      const jobSpec = kind === 'Job' ? getMap(context.workload.root, 'spec', context.document) : jobTemplateSpec(context);
      const podFailurePolicy = keyed(jobSpec, 'podFailurePolicy', context);
      if (policy.value !== 'Never' && podFailurePolicy && asMap(podFailurePolicy.value)) {
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

function jobTemplateSpec(context: Parameters<Rule['check']>[0]) {
  const spec = getMap(context.workload.root, 'spec', context.document);
  const jobTemplate = getMap(spec, 'jobTemplate', context.document);
  return asMap(deref(getMap(jobTemplate, 'spec', context.document), context.document));
}
