import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { notFound, quoted, required } from './field-errors';
import { errorFinding, firstLineSpan } from './helpers';
import { claimName, containerClaims, podClaimNames } from './resource-claims';

/**
 * validateResourceClaimNames: every `resources.claims[].name` of a container
 * or init container must be one of `spec.resourceClaims[].name`, and must be
 * set. NotFound takes no detail, so validation adds it by hand: the names it
 * could have been, sorted.
 */
export const resourceClaimNotFound: Rule = {
  id: 'resource-claim-not-found',
  phase: 'api',
  severity: 'error',
  rationale: "A container's resources.claims must name one of the pod's spec.resourceClaims.",
  check(context) {
    const findings: Finding[] = [];
    const names = podClaimNames(context);
    const known = [...names].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    const detail = 'must be one of the names in pod.spec.resourceClaims' + (known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`);
    for (const claims of containerClaims(context)) {
      for (const claim of claims) {
        const name = claimName(claim);
        if (name === null) continue;
        const anchor = claim.name.kv?.valueSpan ?? firstLineSpan(context.text, claim.node) ?? claim.span;
        if (name === '') findings.push(errorFinding(this.id, anchor, required(claim.path)));
        else if (!names.has(name)) findings.push(errorFinding(this.id, anchor, notFound(claim.path, quoted(name), detail)));
      }
    }
    return findings;
  },
};
