import { type Rule } from '../rule';
import { isSet, keyed } from './helpers';
import { admissionRefusal } from './admission';

/**
 * The RuntimeClass admission plugin (on by default) owns `spec.overhead`: it
 * copies a RuntimeClass's `overhead.podFixed` into the Pod and, in its
 * validating phase, refuses a Pod whose overhead is set while no
 * RuntimeClass with an overhead is named (plugin/pkg/admission/runtimeclass/
 * admission.go, validateOverhead). With a `runtimeClassName` the answer
 * depends on the cluster's RuntimeClass (missing: "RuntimeClass … not
 * found"; other overhead: "doesn't match"), which Pod Lens sees only when
 * the inputs hold the class (engine `admission/`). Admission runs on Pods: a
 * template with an overhead is accepted, and the pods its controller creates
 * are refused, a warning (see `admissionRefusal`).
 */
export const runtimeClassOverhead: Rule = {
  id: 'runtimeclass-overhead',
  phase: 'api',
  severity: 'error',
  rationale:
    "spec.overhead is set by RuntimeClass admission; a Pod that sets it without a runtimeClassName, or other than its RuntimeClass's in the inputs, is refused (a template's pods, when its controller creates them: a warning).",
  check(context) {
    const overhead = keyed(context.model.node, 'overhead', context);
    if (!overhead || !isSet(overhead)) return [];
    // Any runtimeClassName (even "", refused otherwise) makes the answer the cluster's: only nil is judged here.
    if (isSet(keyed(context.model.node, 'runtimeClassName', context))) return [];
    return admissionRefusal(context, this.id, overhead.keySpan, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  },
};
