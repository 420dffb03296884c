import { type Finding } from '../../findings';
import { Quantity } from '../../quantity';
import { MEMORY } from '../../resources';
import { type Rule, type RuleContext } from '../rule';
import { finding, memoryUnitFix, quantities, written } from './shared';

const MEBIBYTE = 1n << 20n;

/**
 * A bare number is bytes. Below 1Mi no container can run in it (runc alone
 * needs more), so `memory: 512` is a forgotten unit, not a tiny limit. At
 * 1Mi and above a bare number can be a deliberate byte count (`134217728`),
 * so the rule stays quiet there. Numbers with an exponent (`129e6`) are
 * deliberate too.
 */
export const memoryWithoutUnit: Rule = {
  id: 'memory-without-unit',
  phase: 'value',
  severity: 'warning',
  rationale: 'A memory quantity without a unit is in bytes; a value below 1Mi is far too small for any container, so a unit (usually Mi) is missing.',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const located of quantities(context.model)) {
      const { entry, quantity } = located;
      if (entry.resource !== MEMORY || quantity.sign() <= 0) continue;
      const form = written(entry.source);
      if (!form || form.suffix !== '' || quantity.value() >= MEBIBYTE) continue;
      const intended = `${form.number}Mi`;
      const bytes = quantity.value();
      const message =
        `${located.path}: ${entry.source.trim()} has no unit, so it is ${bytes} byte${bytes === 1n ? '' : 's'}; ` +
        `did you mean ${intended} (${Quantity.parse(intended).value()} bytes)?`;
      const fix = memoryUnitFix(context, located, intended);
      findings.push(finding(this, entry.valueSpan!, message, fix ? [fix] : []));
    }
    return findings;
  },
};
