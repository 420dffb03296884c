import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { aggregateRequests, podLevelView } from './pod-level';
import { replaceScalar, isQuoted } from './edits';
import { quantityFromYamlScalar, Quantity } from '../../quantity';

export const podRequestBelowContainerRequests: Rule = {
  id: 'pod-request-below-container-requests',
  phase: 'api',
  severity: 'error',
  rationale: 'A pod-level request must cover what its containers request together (app containers and sidecars, or the largest init step).',
  check(context) {
    const view = podLevelView(context);
    if (!view) return [];
    const { podSet } = view;
    const findings: Finding[] = [];
    for (const [name, aggregate] of aggregateRequests(view)) {
      const request = podSet.requests.get(name);
      if (!request || aggregate.cmp(request.quantity) <= 0) continue;
      const message = invalid(
        `${podSet.path}.requests[${name}]`,
        quoted(request.quantity.toString()),
        `must be greater than or equal to aggregate container requests of ${aggregate.toString()}`,
      );
      const fixes = [];
      const span = request.entry?.valueSpan;
      if (span) {
        const text = aggregate.toString();
        const decoded = quantityFromYamlScalar(text, isQuoted(context.text, span) ? 'quoted' : 'plain');
        const edit = decoded instanceof Quantity ? replaceScalar(context.text, span, text) : null;
        if (edit) fixes.push({ title: `Raise the pod-level ${name} request to ${text}`, edits: [edit] });
      }
      findings.push(errorFinding(this.id, request.anchor, message, fixes));
    }
    return findings;
  },
};
