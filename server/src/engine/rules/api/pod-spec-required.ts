import { type ObjectRule } from '../rule';
import { errorFinding } from './helpers';

/**
 * Every workload needs a pod spec with containers: a half-typed one (`spec:`
 * with nothing under it yet) is what the API server refuses as a missing
 * `containers` list.
 */
export const podSpecRequired: ObjectRule = {
  id: 'required-value',
  phase: 'object',
  severity: 'error',
  rationale: 'A required field is missing; the API server refuses the object.',
  check({ workload }) {
    if (workload.podSpec) return [];
    return [errorFinding(this.id, workload.kindSpan ?? { start: 0, end: 0 }, `${workload.podSpecPath}.containers: Required value`)];
  },
};
