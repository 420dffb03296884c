import { type Rule } from '../rule';
import { required } from './field-errors';
import { errorFinding, keyed, podSpecKeySpan } from './helpers';

export const containersRequired: Rule = {
  id: 'containers-required',
  phase: 'api',
  severity: 'error',
  rationale: 'A pod needs at least one app container.',
  check(context) {
    if (context.model.containers.some((c) => c.role === 'app')) return [];
    const key = keyed(context.model.node, 'containers', context);
    return [errorFinding(this.id, key?.keySpan ?? podSpecKeySpan(context), required(`${context.model.path}.containers`))];
  },
};
