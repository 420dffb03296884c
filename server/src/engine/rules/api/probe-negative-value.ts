import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid } from './field-errors';
import { errorFinding, integerOf, keyed } from './helpers';
import { validatedProbes } from './probes';

const fields = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export const probeNegativeValue: Rule = {
  id: 'probe-negative-value',
  phase: 'api',
  severity: 'error',
  rationale: "A probe's delays, periods and thresholds cannot be negative.",
  check(context) {
    const findings: Finding[] = [];
    for (const probe of validatedProbes(context)) {
      if (!probe.map) continue;
      for (const name of fields) {
        const field = keyed(probe.map, name, context);
        const value = field ? integerOf(field.value) : null;
        if (value === null || value >= 0n) continue;
        findings.push(errorFinding(this.id, field!.valueSpan, invalid(`${probe.path}.${name}`, value, 'must be greater than or equal to 0')));
      }
    }
    return findings;
  },
};
