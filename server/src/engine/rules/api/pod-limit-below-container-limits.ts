import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { aggregateHugePageLimits, podLevelView } from './pod-level';

export const podLimitBelowContainerLimits: Rule = {
  id: 'pod-limit-below-container-limits',
  phase: 'api',
  severity: 'error',
  rationale: 'A pod-level hugepages limit must cover the hugepages its containers are limited to together.',
  check(context) {
    const view = podLevelView(context);
    if (!view) return [];
    const { podSet } = view;
    const findings: Finding[] = [];
    for (const [name, aggregate] of aggregateHugePageLimits(view)) {
      const limit = podSet.limits.get(name);
      if (!limit?.entry || aggregate.cmp(limit.quantity) <= 0) continue;
      const message = invalid(
        `${podSet.path}.limits[${name}]`,
        quoted(limit.quantity.toString()),
        `must be greater than or equal to aggregate container limits of ${aggregate.toString()}`,
      );
      findings.push(errorFinding(this.id, limit.anchor, message));
    }
    return findings;
  },
};
