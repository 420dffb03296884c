import { type YAMLMap } from 'yaml';
import { type RuleContext } from '../rule';
import { asMap, asSeq, deref, type Span, spanOf } from '../../yaml-nodes';
import { keyed } from './helpers';
import { stringAt, type StringField } from './containers';

/** The pod's `spec.resourceClaims` names and each container's `resources.claims`, as validation reads them. */

export interface ClaimReference {
  /** e.g. `spec.containers[0].resources.claims[1]`. */
  path: string;
  node: YAMLMap | null;
  name: StringField;
  request: StringField;
  /** The list item: where a finding about the entry points without a name. */
  span: Span;
}

/** `gatherPodResourceClaimNames`: the non-empty names of spec.resourceClaims. */
export function podClaimNames(context: RuleContext): Set<string> {
  const names = new Set<string>();
  const list = asSeq(keyed(context.model.node, 'resourceClaims', context)?.value ?? null);
  for (const item of list?.items ?? []) {
    const name = stringAt(asMap(deref(item, context.document)), 'name', context).value;
    if (name) names.add(name);
  }
  return names;
}

/** Each container's `resources.claims` entries, app containers then init containers (validation order). */
export function containerClaims(context: RuleContext): ClaimReference[][] {
  const result: ClaimReference[][] = [];
  for (const container of context.model.containers) {
    const resources = asMap(keyed(container.node, 'resources', context)?.value ?? null);
    const claims = keyed(resources, 'claims', context);
    const list = asSeq(claims?.value ?? null);
    if (!claims || !list) continue;
    result.push(
      list.items.map((item, index) => {
        const node = asMap(deref(item, context.document));
        return {
          path: `${container.path}.resources.claims[${index}]`,
          node,
          name: stringAt(node, 'name', context),
          request: stringAt(node, 'request', context),
          span: spanOf(deref(item, context.document)) ?? claims.keySpan,
        };
      }),
    );
  }
  return result;
}

/** The name as validation reads it: "" for a missing or null name; null when it is not a string (a decode error). */
export function claimName(claim: ClaimReference): string | null {
  return claim.name.notAString || !claim.node ? null : (claim.name.value ?? '');
}
