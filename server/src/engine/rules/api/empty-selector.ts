import { type Rule } from '../rule';
import { type WorkloadKind } from '../../workloads';
import { invalid } from './field-errors';
import { errorFinding } from './helpers';
import { selectorSize } from './selectors';
import { controllerSpec } from './workload-spec';

/** The detail each controller's validation gives (ReplicaSet's says "deployment" too). */
const detailOf: Partial<Record<WorkloadKind, string>> = {
  Deployment: 'empty selector is invalid for deployment',
  ReplicaSet: 'empty selector is invalid for deployment',
  StatefulSet: 'empty selector is invalid for statefulset',
  DaemonSet: 'empty selector is invalid for daemonset',
};

/**
 * A selector with neither matchLabels nor matchExpressions selects every
 * pod in the namespace: apps/v1 controllers refuse it (ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec).
 */
export const emptySelector: Rule = {
  id: 'empty-selector',
  phase: 'api',
  severity: 'error',
  rationale: 'An empty selector would adopt every pod in the namespace: Deployments, ReplicaSets, StatefulSets and DaemonSets refuse it.',
  check(context) {
    const controller = controllerSpec(context);
    const detail = controller && detailOf[controller.kind];
    const selector = controller?.selector;
    if (!detail || !selector?.present || selector.unreadable || selectorSize(selector) > 0) return [];
    return [errorFinding(this.id, selector.kv.keySpan, invalid(selector.path, { quoted: '{}' }, detail))];
  },
};
