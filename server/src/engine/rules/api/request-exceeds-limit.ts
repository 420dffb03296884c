import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, jsonQuoted } from './field-errors';
import { errorFinding } from './helpers';
import { allOutcomes, requestLimitFixes } from './request-limit';

export const requestExceedsLimit: Rule = {
  id: 'request-exceeds-limit',
  phase: 'api',
  severity: 'error',
  rationale: 'A request above the limit of the same resource: the API server refuses the pod (a container can never be granted more than its limit).',
  check(context) {
    const findings: Finding[] = [];
    for (const { set, outcome } of allOutcomes(context)) {
      if (outcome.kind !== 'exceeds') continue;
      const { request, limit } = outcome;
      const message = invalid(
        `${set.path}.requests`,
        jsonQuoted(request.quantity.toString()),
        `must be less than or equal to ${request.name} limit of ${limit.quantity.toString()}`,
      );
      findings.push(errorFinding(this.id, request.anchor, message, requestLimitFixes(context, request, limit, request.name)));
    }
    return findings;
  },
};
