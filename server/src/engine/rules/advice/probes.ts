import { type ContainerSpec } from '../../model';
import { type RuleContext } from '../rule';

/** Containers that run probes: app containers and sidecars (regular init containers cannot have them). */
export function probedContainers(context: RuleContext): ContainerSpec[] {
  return context.model.containers.filter((c) => c.role !== 'init');
}
