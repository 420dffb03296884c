import { type ObjectRule } from '../rule';
import { errorFinding } from './helpers';

/** kubectl needs the group and version to find the API endpoint; without them nothing is sent. */
export const missingApiVersion: ObjectRule = {
  id: 'missing-api-version',
  phase: 'object',
  severity: 'error',
  rationale: 'Without apiVersion kubectl cannot send the object.',
  check({ workload }) {
    // An empty apiVersion decodes as none (`schema.ParseGroupVersion("")`).
    if (workload.apiVersion !== null && workload.apiVersion !== '') return [];
    return [errorFinding(this.id, workload.kindSpan ?? { start: 0, end: 0 }, 'apiVersion not set')];
  },
};
