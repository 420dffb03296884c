import { type Finding, type Fix } from '../../findings';
import { formatMilli } from '../../format';
import { Quantity } from '../../quantity';
import { CPU } from '../../resources';
import { type Rule, type RuleContext } from '../rule';
import { finding, quantities, replaceValue, written } from './shared';

const BINARY = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const LARGE_DECIMAL = new Set(['k', 'M', 'G', 'T', 'P', 'E']);
/** 1000 cores: more than any single node offers today, so a CPU amount this large is a unit slip. */
const SURELY_TOO_MANY_MILLI = 1000n * 1000n;

/**
 * When it fires, and why there:
 * - any binary suffix (`Ki`…`Ei`): CPU is never counted in powers of 1024;
 *   such a value only appears when a memory value was pasted into `cpu`;
 * - any decimal suffix from `k` up: even `1k` is 1000 cores, and `M` is the
 *   classic slip for `m` (`500M` is 500 million cores);
 * - a bare number or exponent of 1000 cores or more (`cpu: 2000`), which
 *   no node can schedule and which reads as millicores written without `m`.
 * Smaller bare numbers (`cpu: 64`) may be real on large nodes; the
 * `unschedulable` rule compares them with the configured node instead.
 */
export const cpuByteUnit: Rule = {
  id: 'cpu-byte-unit',
  phase: 'value',
  severity: 'warning',
  rationale:
    'CPU is counted in cores, with "m" for millicores. A byte unit (Ki, Mi, Gi…) or a large decimal unit (k, M, G…) on cpu, or 1000 cores or more, is a unit mistake: "500M" is 500 million cores, not 500 millicores.',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const located of quantities(context.model)) {
      const { entry, quantity } = located;
      if (entry.resource !== CPU || quantity.sign() <= 0) continue;
      const form = written(entry.source);
      if (!form) continue;
      const source = entry.source.trim();
      const binary = BINARY.has(form.suffix);
      const decimal = LARGE_DECIMAL.has(form.suffix);
      const bare = form.suffix === '' || /^[eE]/.test(form.suffix);
      if (!binary && !decimal && !(bare && quantity.milliValue() >= SURELY_TOO_MANY_MILLI)) continue;

      const cores = quantity.value();
      let why: string;
      if (binary) why = `${form.suffix} is a byte unit (2^${exponentOf(form.suffix)}), so this is ${cores} cores`;
      else if (form.suffix === 'M') why = `"M" is mega, not milli, so this is ${cores} cores`;
      else if (decimal) why = `"${form.suffix}" multiplies by ${multiplierOf(form.suffix)}, so this is ${cores} cores`;
      else why = `CPU without a unit is whole cores, so this is ${cores} cores`;

      const fixes: Fix[] = [];
      const offer = (candidate: string, preferred: boolean, because: string) => {
        fixes.push({
          title: `Change ${source} to ${candidate} (${because})`,
          edits: [replaceValue(context.text, entry.valueSpan!, candidate)],
          ...(preferred ? { preferred } : {}),
        });
      };
      const fits = (candidate: string): boolean => {
        const parsed = Quantity.tryParse(candidate);
        return parsed instanceof Quantity && parsed.sign() > 0 && parsed.milliValue() <= context.node.cpuMilli;
      };
      if (form.suffix === 'M') offer(`${form.number}m`, true, 'millicores');
      else if (form.suffix === 'Mi' && fits(`${form.number}m`)) offer(`${form.number}m`, false, 'millicores');
      else if (binary && fits(form.number)) offer(form.number, false, `${form.number} ${form.number === '1' ? 'core' : 'cores'}`);
      else if (form.suffix === '' && fits(`${form.number}m`)) offer(`${form.number}m`, false, 'millicores');

      const message = `${located.path}: cpu ${source}: ${why}; the configured node has ${formatMilli(context.node.cpuMilli)} CPU.`;
      findings.push(finding(this, entry.valueSpan!, message, fixes));
    }
    return findings;
  },
};

function exponentOf(suffix: string): number {
  return { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }[suffix] ?? 0;
}

function multiplierOf(suffix: string): string {
  return { k: '1000', M: '10^6', G: '10^9', T: '10^12', P: '10^15', E: '10^18' }[suffix] ?? '?';
}
