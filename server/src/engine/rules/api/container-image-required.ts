import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { required } from './field-errors';
import { errorFinding, firstLineSpan } from './helpers';
import { stringField } from './containers';

export const containerImageRequired: Rule = {
  id: 'container-image-required',
  phase: 'api',
  severity: 'error',
  rationale: 'Every container needs an image (workload templates included).',
  check(context) {
    const findings: Finding[] = [];
    for (const container of context.model.containers) {
      const image = stringField(container, 'image', context);
      if (image.notAString || (image.value !== null && image.value.length > 0)) continue;
      const name = stringField(container, 'name', context);
      const anchor = image.kv?.keySpan ?? name.kv?.valueSpan ?? firstLineSpan(context.text, container.node) ?? { start: 0, end: 0 };
      findings.push(errorFinding(this.id, anchor, required(`${container.path}.image`)));
    }
    return findings;
  },
};
