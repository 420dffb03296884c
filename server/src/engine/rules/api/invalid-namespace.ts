import { type Rule } from '../rule';
import { type Finding } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { replaceScalar } from './edits';
import { objectMeta, dnsLabelName } from './object-meta';

/**
 * ValidateNamespaceName (NameIsDNSLabel) on a written, non-empty
 * `metadata.namespace`. An absent or empty namespace is filled in by kubectl
 * from its context, so only a written one is judged.
 */
export const invalidNamespace: Rule = {
  id: 'invalid-namespace',
  phase: 'api',
  severity: 'error',
  rationale: 'A namespace name must be a DNS-1123 label: lower case letters, digits and "-", at most 63 characters.',
  check(context) {
    const namespace = objectMeta(context).namespace;
    if (!namespace.value || !namespace.kv) return [];
    const findings: Finding[] = [];
    const problems = dnsLabelName.problems(namespace.value, false);
    const suggestion = problems.length > 0 ? dnsLabelName.closest(namespace.value) : null;
    const edit = suggestion ? replaceScalar(context.text, namespace.kv.valueSpan, suggestion) : null;
    const fixes = edit ? [{ title: `Change to ${suggestion}`, edits: [edit] }] : [];
    for (const detail of problems) {
      findings.push(errorFinding(this.id, namespace.kv.valueSpan, invalid('metadata.namespace', quoted(namespace.value), detail), fixes));
    }
    return findings;
  },
};
