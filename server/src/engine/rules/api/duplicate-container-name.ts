import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { duplicate, quoted } from './field-errors';
import { errorFinding, firstLineSpan } from './helpers';
import { stringField } from './containers';

export const duplicateContainerName: Rule = {
  id: 'duplicate-container-name',
  phase: 'api',
  severity: 'error',
  rationale: 'Container names must be unique across containers and initContainers.',
  check(context) {
    const findings: Finding[] = [];
    // validateContainers records every name (even ""); validateInitContainers only non-empty ones.
    const seen = new Set<string>();
    for (const container of context.model.containers) {
      const name = stringField(container, 'name', context);
      if (name.notAString) continue;
      const value = name.value ?? '';
      if (seen.has(value)) {
        const anchor = name.kv?.valueSpan ?? firstLineSpan(context.text, container.node) ?? { start: 0, end: 0 };
        findings.push(errorFinding(this.id, anchor, duplicate(`${container.path}.name`, quoted(value))));
      } else if (container.role === 'app' || value.length > 0) {
        seen.add(value);
      }
    }
    return findings;
  },
};
