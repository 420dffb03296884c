import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { isHugePages } from '../../resources';
import { forbidden } from './field-errors';
import { errorFinding } from './helpers';
import { podRequirements, type RequirementSet } from './requirements';

/**
 * The names validateResourceRequirements sees in one set. A Pod is validated
 * after `SetDefaults_Pod`, whose `defaultPodRequests` (PodLevelResources)
 * fills the missing pod-level cpu/memory requests from the containers'
 * aggregate requests whenever pod-level limits are set: a pod-level
 * `limits: {hugepages-2Mi: …}` beside containers that request cpu is then
 * judged with cpu. Workload templates are validated as written
 * (`SetDefaults_Pod` is for Pods only), so there the written keys decide.
 * For containers the two agree: defaulting copies limits into requests,
 * which adds no name.
 */
function namesSeen(set: RequirementSet, defaulted: boolean): string[] {
  // Written names count, decodable or not: the check is on the keys of the lists.
  const names = [...(set.limitsSpec?.byName.keys() ?? []), ...(set.requestsSpec?.byName.keys() ?? [])];
  if (defaulted) names.push(...set.limits.keys(), ...set.requests.keys());
  return names;
}

export const hugepagesRequireCpuOrMemory: Rule = {
  id: 'hugepages-require-cpu-or-memory',
  phase: 'api',
  severity: 'error',
  rationale: 'Hugepages are accounted against the memory cgroup: a resources block with hugepages must also request or limit cpu or memory.',
  check(context) {
    const findings: Finding[] = [];
    const isPod = context.workload.kind === 'Pod';
    for (const set of podRequirements(context.model).sets) {
      const names = namesSeen(set, isPod && set.kind === 'pod');
      if (!names.some(isHugePages)) continue;
      if (names.some((name) => name === 'cpu' || name === 'memory')) continue;
      findings.push(errorFinding(this.id, set.keySpan, forbidden(set.path, 'HugePages require cpu or memory')));
    }
    return findings;
  },
};
