import { type ObjectRule, type Rule } from '../rule';
import { missingApiVersion } from './missing-api-version';
import { apiVersionNotServed } from './api-version-not-served';
import { podSpecRequired } from './pod-spec-required';
import { invalidQuantity } from './invalid-quantity';
import { requestExceedsLimit } from './request-exceeds-limit';
import { requestMustEqualLimit } from './request-must-equal-limit';
import { limitRequired } from './limit-required';
import { negativeQuantity } from './negative-quantity';
import { nonIntegerResource } from './non-integer-resource';
import { invalidResourceName } from './invalid-resource-name';
import { hugepagesRequireCpuOrMemory } from './hugepages-require-cpu-or-memory';
import { hugepagesPageMultiple } from './hugepages-page-multiple';
import { podResourcesUnsupported } from './pod-resources-unsupported';
import { podRequestBelowContainerRequests } from './pod-request-below-container-requests';
import { podLimitBelowContainerLimits } from './pod-limit-below-container-limits';
import { containerLimitAbovePodLimit } from './container-limit-above-pod-limit';
import { probeSuccessThreshold } from './probe-success-threshold';
import { probeNegativeValue } from './probe-negative-value';
import { probeTerminationGracePeriod } from './probe-termination-grace-period';
import { probeHandler } from './probe-handler';
import { initContainerProbe } from './init-container-probe';
import { containersRequired } from './containers-required';
import { containerNameRequired } from './container-name-required';
import { invalidContainerName } from './invalid-container-name';
import { duplicateContainerName } from './duplicate-container-name';
import { containerImageRequired } from './container-image-required';
import { containerRestartPolicy } from './container-restart-policy';
import { podRestartPolicy } from './pod-restart-policy';
import { workloadRestartPolicy } from './workload-restart-policy';
import { objectNameRequired } from './object-name-required';
import { invalidObjectName } from './invalid-object-name';
import { invalidNamespace } from './invalid-namespace';
import { selectorRequired } from './selector-required';
import { emptySelector } from './empty-selector';
import { invalidLabelSelector } from './invalid-label-selector';
import { selectorMismatch } from './selector-mismatch';
import { jobSelector } from './job-selector';
import { negativeReplicas } from './negative-replicas';
import { cronJobScheduleRequired } from './cronjob-schedule-required';
import { containerImageWhitespace } from './container-image-whitespace';
import { resourceClaimNotFound } from './resource-claim-not-found';
import { duplicateResourceClaim } from './duplicate-resource-claim';
import { podResourcesClaims } from './pod-resources-claims';
import { podResourcesWindows } from './pod-resources-windows';
import { runtimeClassOverhead } from './runtimeclass-overhead';
import { priorityMismatch } from './priority-mismatch';

/**
 * Checks on the object as a whole, before its pod spec is read. `apiVersionNotServed` comes first and
 * ends the analysis when it reports: kubectl sends nothing, so nothing else is judged.
 */
export const objectRules: ObjectRule[] = [missingApiVersion, apiVersionNotServed, podSpecRequired];

export { apiVersionNotServed };

/**
 * What the API server (v1.36, default feature gates) refuses in a workload, with its own messages: the
 * object's metadata and controller fields, its pod spec, and the admission plugins that are on by default.
 */
export const apiRules: Rule[] = [
  objectNameRequired,
  invalidObjectName,
  invalidNamespace,
  selectorRequired,
  emptySelector,
  invalidLabelSelector,
  selectorMismatch,
  jobSelector,
  negativeReplicas,
  cronJobScheduleRequired,
  invalidQuantity,
  requestExceedsLimit,
  requestMustEqualLimit,
  limitRequired,
  negativeQuantity,
  nonIntegerResource,
  invalidResourceName,
  hugepagesRequireCpuOrMemory,
  hugepagesPageMultiple,
  podResourcesUnsupported,
  podRequestBelowContainerRequests,
  podLimitBelowContainerLimits,
  containerLimitAbovePodLimit,
  probeSuccessThreshold,
  probeNegativeValue,
  probeTerminationGracePeriod,
  probeHandler,
  initContainerProbe,
  containersRequired,
  containerNameRequired,
  invalidContainerName,
  duplicateContainerName,
  containerImageRequired,
  containerRestartPolicy,
  podRestartPolicy,
  workloadRestartPolicy,
  containerImageWhitespace,
  resourceClaimNotFound,
  duplicateResourceClaim,
  podResourcesClaims,
  podResourcesWindows,
  runtimeClassOverhead,
  priorityMismatch,
];

/**
 * What the API server would refuse in a Pod made from a custom resource's pod
 * template: the pod spec's own checks, without the object's (its name,
 * selectors, replicas belong to the resource's schema), without a missing
 * container name (an operator's webhook may default it, as Kubeflow's and
 * Knative's do), and without a built-in controller's restart policy.
 */
const notForCustomResources: ReadonlySet<Rule> = new Set([
  objectNameRequired,
  invalidObjectName,
  invalidNamespace,
  selectorRequired,
  emptySelector,
  invalidLabelSelector,
  selectorMismatch,
  jobSelector,
  negativeReplicas,
  cronJobScheduleRequired,
  containerNameRequired,
  workloadRestartPolicy,
]);

/** Containers without a name share the name "" until the operator names them: only names written twice count. */
const duplicateWrittenContainerName: Rule = {
  ...duplicateContainerName,
  check(context) {
    const named = context.model.containers.filter((container) => container.nameSpan !== null);
    return duplicateContainerName.check({ ...context, model: { ...context.model, containers: named } });
  },
};

export const customResourceApiRules: Rule[] = apiRules
  .filter((rule) => !notForCustomResources.has(rule))
  .map((rule) => (rule === duplicateContainerName ? duplicateWrittenContainerName : rule));
