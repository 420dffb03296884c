import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { jsonQuoted, notSupported } from './field-errors';
import { errorFinding } from './helpers';
import { stringField } from './containers';

/**
 * With ContainerRestartRules (beta and on by default since v1.35, KEP-5307),
 * app and init containers may set restartPolicy to Always, OnFailure or
 * Never; Always on an init container makes it a sidecar. The order of the
 * supported values in the message is recalled, not read in the v1.36 source.
 */
export const containerRestartPolicies = ['Always', 'OnFailure', 'Never'] as const;

export const containerRestartPolicy: Rule = {
  id: 'container-restart-policy',
  phase: 'api',
  severity: 'error',
  rationale: 'A container-level restartPolicy must be Always, OnFailure or Never (Always on an init container makes it a sidecar).',
  check(context) {
    const findings: Finding[] = [];
    for (const container of context.model.containers) {
      const policy = stringField(container, 'restartPolicy', context);
      if (!policy.kv || policy.value === null) continue;
      if ((containerRestartPolicies as readonly string[]).includes(policy.value)) continue;
      const message = notSupported(`${container.path}.restartPolicy`, jsonQuoted(policy.value), containerRestartPolicies);
      findings.push(errorFinding(this.id, policy.kv.valueSpan, message));
    }
    return findings;
  },
};
