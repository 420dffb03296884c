import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { forbidden } from './field-errors';
import { errorFinding, keyed, isSet } from './helpers';

const fields = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const initContainerProbe: Rule = {
  id: 'init-container-probe',
  phase: 'api',
  severity: 'error',
  rationale: 'An init container runs to completion before the app starts: probes and lifecycle hooks are allowed only on sidecars (restartPolicy: Always).',
  check(context) {
    const findings: Finding[] = [];
    for (const container of context.model.containers) {
      if (container.role !== 'init') continue;
      for (const name of fields) {
        const field = keyed(container.node, name, context);
        if (!field || !isSet(field)) continue;
        findings.push(
          errorFinding(this.id, field.keySpan, forbidden(`${container.path}.${name}`, 'may not be set for init containers without restartPolicy=Always')),
        );
      }
    }
    return findings;
  },
};
