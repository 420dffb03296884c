import { Rule } from '../rule';
import { Finding } from '../../findings';
import { isHugePages } from '../../resources';
import { forbidden } from './field-errors';
import { errorFinding } from './helpers';
import { podRequirements } from './requirements';

export const hugepagesRequireCpuOrMemory: Rule = {
  id: 'hugepages-require-cpu-or-memory',
  phase: 'api',
  severity: 'error',
  rationale: 'Hugepages are accounted against the memory cgroup: a resources block with hugepages must also request or limit cpu or memory.',
  check(context) {
    const findings: Finding[] = [];
    for (const set of podRequirements(context.model).sets) {
      // Written names count, decodable or not: the check is on the keys of the lists.
      const names = [...(set.limitsSpec?.byName.keys() ?? []), ...(set.requestsSpec?.byName.keys() ?? [])];
      if (!names.some(isHugePages)) continue;
      if (names.some((name) => name === 'cpu' || name === 'memory')) continue;
      findings.push(errorFinding(this.id, set.keySpan, forbidden(set.path, 'HugePages require cpu or memory')));
    }
    return findings;
  },
};
