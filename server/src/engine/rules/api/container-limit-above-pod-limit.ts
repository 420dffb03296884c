import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { podLevelView } from './pod-level';
import { setValueEdit } from './request-limit';

export const containerLimitAbovePodLimit: Rule = {
  id: 'container-limit-above-pod-limit',
  phase: 'api',
  severity: 'error',
  rationale: 'No app container may have a limit above the pod-level limit of the same resource.',
  check(context) {
    const view = podLevelView(context);
    if (!view) return [];
    const { podSet, requirements } = view;
    const findings: Finding[] = [];
    for (const set of requirements.sets) {
      // Upstream walks spec.containers only: init containers and sidecars are not compared.
      if (set.kind !== 'container' || set.container?.role !== 'app') continue;
      for (const [name, limit] of set.limits) {
        const podLimit = podSet.limits.get(name);
        if (!podLimit || limit.quantity.cmp(podLimit.quantity) <= 0) continue;
        // field.Path: resources path, .Child("containers").Index(i).Key(name).Child("limits").
        const path = `${podSet.path}.containers[${set.container.index}][${name}].limits`;
        const message = invalid(path, quoted(limit.quantity.toString()), `must be less than or equal to pod limits of ${podLimit.quantity.toString()}`);
        const edit = setValueEdit(context, limit, podLimit);
        const fixes = edit ? [{ title: `Lower the container ${name} limit to the pod limit (${podLimit.quantity.toString()})`, edits: [edit] }] : [];
        findings.push(errorFinding(this.id, limit.anchor, message, fixes));
      }
    }
    return findings;
  },
};
