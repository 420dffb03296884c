import { type Rule } from '../rule';
import { errorFinding, isSet, keyed } from './helpers';
import { podForbidden } from './admission';

/**
 * The RuntimeClass admission plugin (on by default) owns `spec.overhead`: it
 * copies a RuntimeClass's `overhead.podFixed` into the Pod and, in its
 * validating phase, refuses a Pod whose overhead is set while no
 * RuntimeClass with an overhead is named (plugin/pkg/admission/runtimeclass/
 * admission.go, validateOverhead). With a `runtimeClassName` the answer
 * depends on the cluster's RuntimeClass (missing: "RuntimeClass … not
 * found"; other overhead: "doesn't match"), which Pod Lens cannot see. Admission runs on Pods only: a template with an
 * overhead is accepted, and only the Pods made from it are refused.
 */
export const runtimeClassOverhead: Rule = {
  id: 'runtimeclass-overhead',
  phase: 'api',
  severity: 'error',
  rationale: 'spec.overhead is set by RuntimeClass admission; a Pod that sets it without a runtimeClassName is refused.',
  check(context) {
    if (context.workload.kind !== 'Pod') return [];
    const overhead = keyed(context.model.node, 'overhead', context);
    if (!overhead || !isSet(overhead)) return [];
    // Any runtimeClassName (even "", refused otherwise) makes the answer the cluster's: only nil is judged here.
    if (isSet(keyed(context.model.node, 'runtimeClassName', context))) return [];
    const message = podForbidden(context, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    return [errorFinding(this.id, overhead.keySpan, message)];
  },
};
