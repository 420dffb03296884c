import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { ownValues, podRequirements, valuePath } from './requirements';
import { replaceScalar } from './edits';

export const negativeQuantity: Rule = {
  id: 'negative-quantity',
  phase: 'api',
  severity: 'error',
  rationale: 'Resource quantities cannot be negative (ValidateNonnegativeQuantity).',
  check(context) {
    const findings: Finding[] = [];
    for (const set of podRequirements(context.model).sets) {
      for (const { list, value } of ownValues(set)) {
        if (value.quantity.sign() >= 0) continue;
        const message = invalid(valuePath(set, list, value.name), quoted(value.quantity.toString()), 'must be greater than or equal to 0');
        const written = value.entry?.source.trim() ?? '';
        const span = value.entry?.valueSpan;
        const edit = span && written.startsWith('-') ? replaceScalar(context.text, span, written.slice(1)) : null;
        const fixes = edit ? [{ title: `Remove the minus sign (${written.slice(1)})`, edits: [edit], preferred: true }] : [];
        findings.push(errorFinding(this.id, value.anchor, message, fixes));
      }
    }
    return findings;
  },
};
