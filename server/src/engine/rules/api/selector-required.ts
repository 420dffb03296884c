import { type Rule } from '../rule';
import { required } from './field-errors';
import { errorFinding } from './helpers';
import { controllerSpec, manualSelector } from './workload-spec';

/**
 * apps/v1 Deployment, ReplicaSet and StatefulSet need `spec.selector`
 * (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec);
 * apps/v1 never defaults it from the template. A Job needs one only with
 * `manualSelector: true` (otherwise the API server generates it), and a
 * ReplicationController's is defaulted from its template's labels, so it is
 * missing only when those are empty too (ValidateNonEmptySelector).
 * DaemonSets have no such check: their missing selector matches no labels.
 */
export const selectorRequired: Rule = {
  id: 'selector-required',
  phase: 'api',
  severity: 'error',
  rationale: 'Deployments, ReplicaSets and StatefulSets (and Jobs with manualSelector) must say which pods they own: spec.selector is required.',
  check(context) {
    const controller = controllerSpec(context);
    if (!controller) return [];
    const { kind } = controller;
    let missing = false;
    if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet') missing = !controller.selector?.present && !controller.selector?.unreadable;
    else if (kind === 'Job') missing = manualSelector(controller.spec, context) && !controller.selector?.present && !controller.selector?.unreadable;
    else if (kind === 'ReplicationController') {
      const selector = controller.rcSelector!;
      const labels = controller.labels;
      missing = !selector.unreadable && !labels.unreadable && (selector.labels?.size ?? 0) === 0 && (labels.labels?.size ?? 0) === 0;
    }
    if (!missing) return [];
    const selectorKey = kind === 'ReplicationController' ? controller.rcSelector?.kv : controller.selector?.kv;
    const anchor = selectorKey?.keySpan ?? controller.specKey.keySpan;
    return [errorFinding(this.id, anchor, required(`${controller.path}.selector`))];
  },
};
