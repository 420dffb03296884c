import { type ResourceList } from '../resources';
import { quantities, type RuntimeClassObject } from './cluster';

/**
 * RuntimeClass admission (plugin/pkg/admission/runtimeclass/admission.go):
 * a pod naming a RuntimeClass with `overhead.podFixed` gets it as
 * `spec.overhead` (so in its requests, and in its limits where it has
 * them); a pod that already sets another overhead, or sets one while its
 * class defines none, is refused.
 */

export type RuntimeClassOutcome =
  | { kind: 'overhead'; overhead: ResourceList; from: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'not-found'; className: string }
  | { kind: 'unchanged' };

/** `apiequality.Semantic.DeepEqual` of two resource lists: the same names, each quantity equal by value. */
function sameList(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [name, quantity] of a) {
    const other = b.get(name);
    if (!other || other.cmp(quantity) !== 0) return false;
  }
  return true;
}

export function admitRuntimeClass(className: string | null, overhead: ResourceList | null, classes: readonly RuntimeClassObject[]): RuntimeClassOutcome {
  if (className === null) return { kind: 'unchanged' };
  const found = classes.find((candidate) => candidate.name === className);
  if (!found) return { kind: 'not-found', className };
  if (found.podFixed) {
    const podFixed = quantities(found.podFixed);
    if (overhead && !sameList(podFixed, overhead))
      return { kind: 'refused', reason: "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead" };
    return { kind: 'overhead', overhead: podFixed, from: `RuntimeClass/${found.name}` };
  }
  if (overhead) return { kind: 'refused', reason: 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead' };
  return { kind: 'unchanged' };
}
