import { systemPriorityClasses } from '../rules/api/priority-mismatch';
import { type PriorityClassObject } from './cluster';

/**
 * Priority admission (plugin/pkg/admission/priority/admission.go): a pod's
 * `priorityClassName` becomes `spec.priority`, from the built-in system
 * classes or a PriorityClass; a pod without a name gets the `globalDefault`
 * class (the lowest value if several claim it), else priority 0.
 */

export type PriorityResolution =
  { kind: 'resolved'; value: number; from: string; className: string | null } | { kind: 'not-found'; className: string } | { kind: 'none' };

export function resolvePriority(className: string | null, classes: readonly PriorityClassObject[]): PriorityResolution {
  if (className) {
    const system = systemPriorityClasses.get(className);
    if (system !== undefined) return { kind: 'resolved', value: Number(system), from: `PriorityClass/${className} (built in)`, className };
    const found = classes.find((candidate) => candidate.name === className);
    return found ? { kind: 'resolved', value: found.value, from: `PriorityClass/${found.name}`, className } : { kind: 'not-found', className };
  }
  let globalDefault: PriorityClassObject | null = null;
  for (const candidate of classes) {
    if (candidate.globalDefault && (globalDefault === null || candidate.value < globalDefault.value)) globalDefault = candidate;
  }
  return globalDefault
    ? { kind: 'resolved', value: globalDefault.value, from: `PriorityClass/${globalDefault.name} (globalDefault)`, className: globalDefault.name }
    : { kind: 'none' };
}
