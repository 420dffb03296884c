import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { stringField } from './containers';
import { closestDns1123Label, isDns1123Label } from './resource-names';
import { replaceScalar } from './edits';

export const invalidContainerName: Rule = {
  id: 'invalid-container-name',
  phase: 'api',
  severity: 'error',
  rationale: 'Container names must be DNS-1123 labels: lower case letters, digits and "-", at most 63 characters.',
  check(context) {
    const findings: Finding[] = [];
    for (const container of context.model.containers) {
      const name = stringField(container, 'name', context);
      if (!name.kv || name.value === null || name.value.length === 0) continue;
      const problems = isDns1123Label(name.value);
      if (problems.length === 0) continue;
      const suggestion = closestDns1123Label(name.value);
      const edit = suggestion ? replaceScalar(context.text, name.kv.valueSpan, suggestion) : null;
      for (const detail of problems) {
        const fixes = edit ? [{ title: `Rename to ${suggestion}`, edits: [edit], preferred: true }] : [];
        findings.push(errorFinding(this.id, name.kv.valueSpan, invalid(`${container.path}.name`, quoted(name.value), detail), fixes));
      }
    }
    return findings;
  },
};
