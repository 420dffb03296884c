import { type Finding, type TextEdit } from '../../findings';
import { milliCpuToQuota, QUOTA_PERIOD_US } from '../../cgroups';
import { Quantity } from '../../quantity';
import { CPU } from '../../resources';
import { type Rule, type RuleContext } from '../rule';
import { finding, quantities, replaceValue, sibling } from './shared';

const MIN_MILLI = 10n;

/**
 * `MilliCPUToQuota` never writes a quota below 1000 µs per 100000 µs period
 * (`MinQuotaPeriod`), so any limit under 10m is enforced as 10m: the number
 * in the spec is not what the container gets. Writing 10m says what happens.
 */
export const cpuLimitBelowMinimum: Rule = {
  id: 'cpu-limit-below-minimum',
  phase: 'value',
  severity: 'warning',
  rationale:
    'The kubelet never sets a CFS quota below 1000 µs per 100000 µs period, so a CPU limit under 10m is enforced as 10m; the spec then says less than the container gets.',
  check(context: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const located of quantities(context.model)) {
      const { entry, quantity } = located;
      if (entry.resource !== CPU || located.list !== 'limits' || quantity.sign() <= 0) continue;
      const milli = quantity.milliValue();
      if (milli >= MIN_MILLI) continue;
      const quota = milliCpuToQuota(milli);
      const source = entry.source.trim();
      const edits: TextEdit[] = [replaceValue(context.text, entry.valueSpan!, '10m')];
      // A request equal to the limit moves with it, or the fix would silently change the QoS class.
      const request = sibling(context.model, located);
      if (request?.valueSpan && request.decoded instanceof Quantity && request.decoded.cmp(quantity) === 0) {
        edits.push(replaceValue(context.text, request.valueSpan, '10m'));
      }
      const message =
        `${located.path}: cpu limit ${source} (${milli}m) is below the minimum CFS quota: the kubelet writes cpu.max "${quota} ${QUOTA_PERIOD_US}" ` +
        `(1000 µs per 100000 µs), so the container may use 10m, not ${milli}m.`;
      findings.push(
        finding(this, entry.valueSpan!, message, [
          {
            title: edits.length > 1 ? 'Set the cpu limit and request to 10m (the enforced minimum)' : 'Set the cpu limit to 10m (the enforced minimum)',
            edits,
            preferred: true,
          },
        ]),
      );
    }
    return findings;
  },
};
