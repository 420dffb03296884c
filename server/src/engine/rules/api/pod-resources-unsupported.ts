import { type Rule } from '../rule';
import { nameFindings } from './invalid-resource-name';

export const podResourcesUnsupported: Rule = {
  id: 'pod-resources-unsupported',
  phase: 'api',
  severity: 'error',
  rationale: 'Pod-level spec.resources (PodLevelResources) supports only cpu, memory and hugepages-<size>.',
  check(context) {
    return nameFindings(context, this.id, 'unsupported');
  },
};
