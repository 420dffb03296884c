import { type Rule } from '../rule';
import { forbidden } from './field-errors';
import { errorFinding, isSet, keyed } from './helpers';
import { stringAt } from './containers';
import { asMap } from '../../yaml-nodes';

/**
 * validatePodResources (PodLevelResources, kubernetes/kubernetes#133046,
 * v1.34+): pod-level `spec.resources` is not supported for Windows pods, so
 * a pod spec with `os.name: windows` and a `resources` block is refused, at
 * `spec.resources`. It is pod spec validation, so templates are refused too.
 * [The check and its path are from the PR; the detail text could not be read
 * in a v1.34+ validation.go here: it is the one validateWindows gives every
 * other field a Windows pod may not set.]
 */
const windowsDetail = 'cannot be set for a windows pod';

export const podResourcesWindows: Rule = {
  id: 'pod-resources-windows',
  phase: 'api',
  severity: 'error',
  rationale: 'Pod-level spec.resources is not supported for Windows pods (spec.os.name: windows).',
  check(context) {
    const resources = keyed(context.model.node, 'resources', context);
    if (!resources || !isSet(resources)) return [];
    const os = asMap(keyed(context.model.node, 'os', context)?.value ?? null);
    if (stringAt(os, 'name', context).value !== 'windows') return [];
    return [errorFinding(this.id, resources.keySpan, forbidden(`${context.model.path}.resources`, windowsDetail))];
  },
};
