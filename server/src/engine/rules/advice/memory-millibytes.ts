import { type Finding } from '../../findings';
import { Quantity } from '../../quantity';
import { MEMORY } from '../../resources';
import { type Rule, type RuleContext } from '../rule';
import { finding, memoryUnitFix, milliToDecimal, quantities, written } from './shared';

/**
 * `m` is milli, not mebi: `memory: 128m` is 0.128 bytes. The API accepts it
 * (any quantity is a valid memory amount) and the kernel gets the value
 * rounded up to whole bytes — a 1-byte limit, or a request of nothing. Every
 * memory value written with `m` is a unit mistake, because no one counts
 * memory in thousandths of a byte; `Mi` is what the author meant.
 */
export const memoryMillibytes: Rule = {
  id: 'memory-millibytes',
  phase: 'value',
  severity: 'warning',
  rationale: 'A memory quantity with the suffix "m" is in thousandths of a byte (128m = 0.128 bytes); "Mi" (mebibytes) was almost certainly meant.',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const located of quantities(context.model)) {
      const { entry, quantity } = located;
      if (entry.resource !== MEMORY || quantity.sign() <= 0) continue;
      const form = written(entry.source);
      if (!form || form.suffix !== 'm') continue;
      const bytes = quantity.value();
      const intended = `${form.number}Mi`;
      const message =
        `${located.path}: ${entry.source.trim()} is ${milliToDecimal(quantity.milliValue())} bytes ("m" means milli), ` +
        `which counts as ${bytes} byte${bytes === 1n ? '' : 's'}; did you mean ${intended} (${Quantity.parse(intended).value()} bytes)?`;
      const fix = memoryUnitFix(context, located, intended);
      findings.push(finding(this, entry.valueSpan!, message, fix ? [fix] : []));
    }
    return findings;
  },
};
