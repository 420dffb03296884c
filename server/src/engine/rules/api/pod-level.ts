import { aggregateContainerLimits, aggregateContainerRequests, isHugePages } from '../../resources';
import { type RuleContext } from '../rule';
import { podRequirements, type RequirementSet, type PodRequirements } from './requirements';

/**
 * validatePodResourceConsistency [the request and container-limit loops are
 * verified in a v1.33-era validation.go; skipping resources the pod level
 * does not set, and the hugepage-limit loop, are recalled from v1.34+ and
 * agree with an independent port of v1.36.2].
 */
export interface PodLevelView {
  requirements: PodRequirements;
  podSet: RequirementSet;
}

export function podLevelView(context: RuleContext): PodLevelView | null {
  const requirements = podRequirements(context.model);
  const podSet = requirements.sets.find((set) => set.kind === 'pod');
  // Aggregates over values that do not decode would be guesses; the object is refused at decoding anyway.
  if (!podSet || requirements.anyUndecodable) return null;
  return { requirements, podSet };
}

export function aggregateRequests(view: PodLevelView) {
  return aggregateContainerRequests(view.requirements.pod);
}

export function aggregateHugePageLimits(view: PodLevelView) {
  const result = aggregateContainerLimits(view.requirements.pod);
  for (const name of [...result.keys()]) if (!isHugePages(name)) result.delete(name);
  return result;
}
