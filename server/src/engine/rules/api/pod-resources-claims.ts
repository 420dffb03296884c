import { type Rule } from '../rule';
import { forbidden } from './field-errors';
import { errorFinding, isSet, keyed } from './helpers';
import { asMap } from '../../yaml-nodes';

/** validatePodResources: pod-level `spec.resources` takes no `claims`. */
export const podResourcesClaims: Rule = {
  id: 'pod-resources-claims',
  phase: 'api',
  severity: 'error',
  rationale: 'Dynamic resource claims are requested per container: pod-level spec.resources.claims is refused.',
  check(context) {
    const resources = asMap(keyed(context.model.node, 'resources', context)?.value ?? null);
    const claims = keyed(resources, 'claims', context);
    if (!claims || !isSet(claims)) return [];
    return [errorFinding(this.id, claims.keySpan, forbidden(`${context.model.path}.resources.claims`, 'claims cannot be set for Resources at pod-level'))];
  },
};
