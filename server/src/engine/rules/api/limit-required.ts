import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { required } from './field-errors';
import { errorFinding } from './helpers';
import { addLimitEdit, allOutcomes } from './request-limit';

export const limitRequired: Rule = {
  id: 'limit-required',
  phase: 'api',
  severity: 'error',
  rationale:
    'A request for a resource that cannot be overcommitted (hugepages-*, extended resources) needs a limit; the simplest correct form is the limit alone, which the request defaults to.',
  check(context) {
    const findings: Finding[] = [];
    for (const { set, outcome } of allOutcomes(context)) {
      if (outcome.kind !== 'limit-required') continue;
      const { request } = outcome;
      const anchor = request.entry?.keySpan ?? request.anchor;
      const edit = addLimitEdit(context, set, request);
      const fixes = edit ? [{ title: `Add a limit for ${request.name} equal to the request`, edits: [edit], preferred: true }] : [];
      findings.push(errorFinding(this.id, anchor, required(`${set.path}.limits`, 'Limit must be set for non overcommitable resources'), fixes));
    }
    return findings;
  },
};
