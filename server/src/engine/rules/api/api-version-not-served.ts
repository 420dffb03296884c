import { type ObjectRule } from '../rule';
import { unservedVersion } from '../../api-versions';
import { replaceScalar } from './edits';
import { goQuote } from './field-errors';
import { errorFinding } from './helpers';

/**
 * kubectl maps the object's kind and apiVersion to an API endpoint before it
 * sends anything (cli-runtime's `resource.Mapper.infoForData`, through the
 * discovery REST mapper); a built-in kind in a group/version the v1.36 API
 * server does not serve (`api-versions.ts`) has no endpoint, and kubectl
 * stops with `meta.NoKindMatchError`. `kubectl apply -f deploy.yaml` against
 * a cluster prints it wrapped:
 *
 *   error: resource mapping not found for name: "web" namespace: "" from "deploy.yaml":
 *   no matches for kind "Deployment" in version "apps/v1beta1"
 *   ensure CRDs are installed first
 *
 * The finding says the inner error alone, which is the part about the
 * object (the wrapper names the file and, for a built-in kind, gives advice
 * that does not apply). Nothing else is judged: the object never reaches
 * the API server, so its selector, pod spec and numbers are not what a
 * cluster would check or compute (the engine stops at this finding).
 */
export const apiVersionNotServed: ObjectRule = {
  id: 'api-version-not-served',
  phase: 'object',
  severity: 'error',
  rationale:
    'A built-in kind in an apiVersion the v1.36 API server does not serve (apps/v1beta1, extensions/v1beta1, batch/v1beta1, v1 for a Deployment): kubectl finds no endpoint for it and sends nothing.',
  check({ workload, text }) {
    const { kind, apiVersion, apiVersionSpan } = workload;
    if (apiVersion === null || !apiVersionSpan) return [];
    const unserved = unservedVersion(kind, apiVersion);
    if (!unserved) return [];
    const edit = replaceScalar(text, apiVersionSpan, unserved.servedVersion);
    const why = unserved.removedSince ? ` (${apiVersion} is not served since ${unserved.removedSince})` : '';
    return [
      errorFinding(this.id, apiVersionSpan, `no matches for kind ${goQuote(kind)} in version ${goQuote(apiVersion)}`, [
        ...(edit ? [{ title: `Change apiVersion to ${unserved.servedVersion}${why}`, edits: [edit], preferred: true }] : []),
      ]),
    ];
  },
};
