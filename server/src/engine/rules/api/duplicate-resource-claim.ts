import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { duplicate, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { claimName, containerClaims } from './resource-claims';

/**
 * validateResourceClaimNames: within one container's `resources.claims`, a
 * claim (or a claim's request, `name/request`) may be listed once.
 */
export const duplicateResourceClaim: Rule = {
  id: 'duplicate-resource-claim',
  phase: 'api',
  severity: 'error',
  rationale: "A container's resources.claims may list each claim (or claim request) once.",
  check(context) {
    const findings: Finding[] = [];
    for (const claims of containerClaims(context)) {
      const seen = new Set<string>();
      for (const claim of claims) {
        const name = claimName(claim);
        if (!name || claim.request.notAString) continue;
        const key = claim.request.value ? `${name}/${claim.request.value}` : name;
        if (seen.has(key)) findings.push(errorFinding(this.id, claim.name.kv?.valueSpan ?? claim.span, duplicate(claim.path, quoted(key))));
        else seen.add(key);
      }
    }
    return findings;
  },
};
