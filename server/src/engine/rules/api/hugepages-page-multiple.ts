import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { isHugePages } from '../../resources';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { ownValues, podRequirements, valuePath } from './requirements';
import { isHugePageValueDivisible } from './resource-names';

export const hugepagesPageMultiple: Rule = {
  id: 'hugepages-page-multiple',
  phase: 'api',
  severity: 'error',
  rationale: 'A hugepages-<size> amount must be a whole number of pages of that size, and the size must itself be a whole number of bytes.',
  check(context) {
    const findings: Finding[] = [];
    for (const set of podRequirements(context.model).sets) {
      for (const { list, value } of ownValues(set)) {
        if (!isHugePages(value.name) || isHugePageValueDivisible(value.name, value.quantity)) continue;
        const shown = value.quantity.toString();
        const message = invalid(valuePath(set, list, value.name), quoted(shown), `${shown} is not positive integer multiple of ${value.name}`);
        findings.push(errorFinding(this.id, value.anchor, message));
      }
    }
    return findings;
  },
};
