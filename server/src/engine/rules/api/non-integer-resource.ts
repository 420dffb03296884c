import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, jsonQuoted } from './field-errors';
import { errorFinding } from './helpers';
import { ownValues, podRequirements, valuePath } from './requirements';
import { isIntegerResourceName } from './resource-names';
import { replaceScalar } from './edits';
import { Quantity, quantityFromYamlScalar } from '../../quantity';

export const nonIntegerResource: Rule = {
  id: 'non-integer-resource',
  phase: 'api',
  severity: 'error',
  rationale: 'Extended resources (e.g. nvidia.com/gpu) are counted in whole units: a fraction such as 500m or 0.5 is refused.',
  check(context) {
    const findings: Finding[] = [];
    for (const set of podRequirements(context.model).sets) {
      for (const { list, value } of ownValues(set)) {
        if (!isIntegerResourceName(value.name) || value.quantity.milliValue() % 1000n === 0n) continue;
        const message = invalid(valuePath(set, list, value.name), jsonQuoted(value.quantity.toString()), 'must be an integer');
        const whole = value.quantity.value();
        const span = value.entry?.valueSpan;
        // Past ~9.2e15 MilliValue wraps, so even a whole number fails upstream's check: no fix helps there.
        const rounded = quantityFromYamlScalar(whole.toString(), 'plain');
        const helps = rounded instanceof Quantity && rounded.milliValue() % 1000n === 0n;
        const edit = span && whole > 0n && helps ? replaceScalar(context.text, span, whole.toString()) : null;
        const fixes = edit ? [{ title: `Round up to ${whole}`, edits: [edit], preferred: true }] : [];
        findings.push(errorFinding(this.id, value.anchor, message, fixes));
      }
    }
    return findings;
  },
};
