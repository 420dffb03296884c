import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, jsonQuoted } from './field-errors';
import { errorFinding } from './helpers';
import { allOutcomes, requestLimitFixes } from './request-limit';

export const requestMustEqualLimit: Rule = {
  id: 'request-must-equal-limit',
  phase: 'api',
  severity: 'error',
  rationale: 'Hugepages and extended resources (e.g. nvidia.com/gpu) cannot be overcommitted: when both are given, the request must equal the limit.',
  check(context) {
    const findings: Finding[] = [];
    for (const { set, outcome } of allOutcomes(context)) {
      if (outcome.kind !== 'must-equal') continue;
      const { request, limit } = outcome;
      const message = invalid(
        `${set.path}.requests`,
        jsonQuoted(request.quantity.toString()),
        `must be equal to ${request.name} limit of ${limit.quantity.toString()}`,
      );
      const fixes = requestLimitFixes(context, request, limit, request.name);
      if (fixes[0]) fixes[0].preferred = true;
      findings.push(errorFinding(this.id, request.anchor, message, fixes));
    }
    return findings;
  },
};
