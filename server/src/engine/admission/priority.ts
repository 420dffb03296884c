import { type PriorityClassObject } from './cluster';

/**
 * Priority admission (plugin/pkg/admission/priority/admission.go): a pod's
 * `priorityClassName` becomes `spec.priority` and `spec.preemptionPolicy`,
 * from the built-in system classes or a PriorityClass; a pod without a name
 * gets the `globalDefault` class (the lowest value if several claim it),
 * else priority 0.
 */

/**
 * The values of the built-in PriorityClasses (pkg/apis/scheduling
 * SystemPriorityClasses): the only ones that are the same in every cluster.
 */
export const systemPriorityClasses: ReadonlyMap<string, bigint> = new Map([
  ['system-node-critical', 2000001000n],
  ['system-cluster-critical', 2000000000n],
]);

/** A stored PriorityClass's policy when it writes none (`SetDefaults_PriorityClass`); the system classes have it too. */
export const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority';

export type PriorityResolution =
  | { kind: 'resolved'; value: number; preemptionPolicy: string; from: string; className: string | null }
  | { kind: 'not-found'; className: string }
  | { kind: 'none' };

export function resolvePriority(className: string | null, classes: readonly PriorityClassObject[]): PriorityResolution {
  if (className) {
    const system = systemPriorityClasses.get(className);
    if (system !== undefined)
      return { kind: 'resolved', value: Number(system), preemptionPolicy: DEFAULT_PREEMPTION_POLICY, from: `PriorityClass/${className} (built in)`, className };
    const found = classes.find((candidate) => candidate.name === className);
    return found
      ? { kind: 'resolved', value: found.value, preemptionPolicy: found.preemptionPolicy, from: `PriorityClass/${found.name}`, className }
      : { kind: 'not-found', className };
  }
  let globalDefault: PriorityClassObject | null = null;
  for (const candidate of classes) {
    if (candidate.globalDefault && (globalDefault === null || candidate.value < globalDefault.value)) globalDefault = candidate;
  }
  return globalDefault
    ? {
        kind: 'resolved',
        value: globalDefault.value,
        preemptionPolicy: globalDefault.preemptionPolicy,
        from: `PriorityClass/${globalDefault.name} (globalDefault)`,
        className: globalDefault.name,
      }
    : { kind: 'none' };
}
