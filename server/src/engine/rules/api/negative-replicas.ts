import { type Rule } from '../rule';
import { invalid } from './field-errors';
import { errorFinding, integerOf, keyed } from './helpers';
import { controllerSpec } from './workload-spec';

/** ValidateNonnegativeField on `spec.replicas` (Deployment, ReplicaSet, StatefulSet, ReplicationController). */
export const negativeReplicas: Rule = {
  id: 'negative-replicas',
  phase: 'api',
  severity: 'error',
  rationale: 'spec.replicas must be 0 or more.',
  check(context) {
    const controller = controllerSpec(context);
    if (!controller || !['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(controller.kind)) return [];
    const replicas = keyed(controller.spec, 'replicas', context);
    const value = replicas ? integerOf(replicas.value) : null;
    if (!replicas || value === null || value >= 0n) return [];
    return [errorFinding(this.id, replicas.valueSpan, invalid(`${controller.path}.replicas`, value, 'must be greater than or equal to 0'))];
  },
};
