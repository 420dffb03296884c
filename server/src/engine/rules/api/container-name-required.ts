import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { required } from './field-errors';
import { errorFinding, firstLineSpan } from './helpers';
import { stringField } from './containers';

export const containerNameRequired: Rule = {
  id: 'container-name-required',
  phase: 'api',
  severity: 'error',
  rationale: 'Every container needs a name.',
  check(context) {
    const findings: Finding[] = [];
    for (const container of context.model.containers) {
      const name = stringField(container, 'name', context);
      if (name.notAString || (name.value !== null && name.value.length > 0)) continue;
      const anchor = name.kv?.keySpan ?? firstLineSpan(context.text, container.node) ?? { start: 0, end: 0 };
      findings.push(errorFinding(this.id, anchor, required(`${container.path}.name`)));
    }
    return findings;
  },
};
