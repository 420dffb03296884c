import { type Rule, type RuleContext } from '../rule';
import { type Finding, type Fix } from '../../findings';
import { type QuantityEntry, type ResourceListSpec } from '../../model';
import { QuantityError } from '../../quantity';
import { errorFinding } from './helpers';
import { isQuoted, replaceScalar } from './edits';
import { suggestQuantities } from './quantity-fixes';

/** Every resource list of the pod spec, as written. */
function resourceLists(context: RuleContext): ResourceListSpec[] {
  const { model } = context;
  const lists: (ResourceListSpec | null | undefined)[] = [];
  for (const container of model.containers) lists.push(container.resources?.requests, container.resources?.limits);
  lists.push(model.podResources?.requests, model.podResources?.limits, model.overhead);
  return lists.filter((list): list is ResourceListSpec => !!list);
}

function fixesFor(context: RuleContext, entry: QuantityEntry): Fix[] {
  const span = entry.valueSpan;
  if (!span || span === entry.keySpan) return [];
  const quoted = isQuoted(context.text, span);
  const fixes: Fix[] = [];
  suggestQuantities(entry.source, entry.resource, quoted).forEach((suggestion, index) => {
    const edit = replaceScalar(context.text, span, suggestion.value);
    if (edit) fixes.push({ title: suggestion.title, edits: [edit], preferred: index === 0 });
  });
  return fixes;
}

export const invalidQuantity: Rule = {
  id: 'invalid-quantity',
  phase: 'api',
  severity: 'error',
  rationale: 'A quantity resource.Quantity cannot parse: the API server cannot decode the object and refuses it (400 Bad Request) before any validation.',
  check(context) {
    const { kind, apiVersion } = context.workload;
    const version = (apiVersion ?? '').split('/').pop() ?? '';
    const findings: Finding[] = [];
    for (const list of resourceLists(context)) {
      for (const entry of list.entries) {
        if (!(entry.decoded instanceof QuantityError)) continue;
        const anchor = entry.valueSpan ?? entry.keySpan;
        if (!anchor) continue;
        const message = `${kind} in version "${version}" cannot be handled as a ${kind}: ${entry.decoded.message}`;
        findings.push(errorFinding(this.id, anchor, message, fixesFor(context, entry)));
      }
    }
    return findings;
  },
};
