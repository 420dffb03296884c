import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid } from './field-errors';
import { errorFinding, integerOf, keyed } from './helpers';
import { validatedProbes } from './probes';
import { replaceScalar } from './edits';

export const probeSuccessThreshold: Rule = {
  id: 'probe-success-threshold',
  phase: 'api',
  severity: 'error',
  rationale: 'Liveness and startup probes act on the first success: their successThreshold must be 1 (0 is defaulted to 1).',
  check(context) {
    const findings: Finding[] = [];
    for (const probe of validatedProbes(context)) {
      if (probe.kind === 'readinessProbe' || !probe.map) continue;
      const field = keyed(probe.map, 'successThreshold', context);
      const value = field ? integerOf(field.value) : null;
      // SetDefaults_Probe turns 0 into 1.
      if (value === null || value === 0n || value === 1n) continue;
      const edit = replaceScalar(context.text, field!.valueSpan, '1');
      findings.push(
        errorFinding(
          this.id,
          field!.valueSpan,
          invalid(`${probe.path}.successThreshold`, value, 'must be 1'),
          edit ? [{ title: 'Set successThreshold to 1', edits: [edit], preferred: true }] : [],
        ),
      );
    }
    return findings;
  },
};
