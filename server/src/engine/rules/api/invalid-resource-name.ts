import { type Rule } from '../rule';
import { type Finding, type Fix } from '../../findings';
import { invalid, jsonQuoted, notSupported } from './field-errors';
import { errorFinding } from './helpers';
import { podRequirements, type RequirementSet, writtenNames } from './requirements';
import { resourceNameProblems, supportedPodLevelResources } from './resource-names';
import { replaceScalar } from './edits';
import { type QuantityEntry } from '../../model';
import { type RuleContext } from '../rule';

/** Names people write for the standard ones. */
const likelyNames = new Map<string, string>([
  ['cpus', 'cpu'],
  ['cores', 'cpu'],
  ['core', 'cpu'],
  ['vcpu', 'cpu'],
  ['vcpus', 'cpu'],
  ['processor', 'cpu'],
  ['mem', 'memory'],
  ['ram', 'memory'],
  ['memorys', 'memory'],
  ['memories', 'memory'],
  ['storage', 'ephemeral-storage'],
  ['ephemeral_storage', 'ephemeral-storage'],
  ['ephemeralstorage', 'ephemeral-storage'],
  ['disk', 'ephemeral-storage'],
]);

function suggestName(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower === 'cpu' || lower === 'memory' || lower === 'ephemeral-storage') return lower === name ? null : lower;
  const known = likelyNames.get(lower.replace(/\s+/g, ''));
  if (known) return known;
  const huge = /^huge[-_]?pages?[-_]?([0-9]+[kmgKMG]i?)$/i.exec(name);
  if (huge) {
    const size = huge[1].replace(/^([0-9]+)([kmg])i?$/i, (_, n: string, u: string) => `${n}${u.toUpperCase() === 'K' ? 'K' : u.toUpperCase()}i`);
    const candidate = `hugepages-${size}`;
    return candidate === name ? null : candidate;
  }
  return null;
}

function renameFix(context: RuleContext, entry: QuantityEntry, set: RequirementSet): Fix[] {
  const suggestion = suggestName(entry.resource);
  if (!suggestion || !entry.keySpan) return [];
  if (set.scope === 'pod' && !(supportedPodLevelResources as readonly string[]).some((s) => suggestion === s || (s.endsWith('-') && suggestion.startsWith(s))))
    return [];
  const edit = replaceScalar(context.text, entry.keySpan, suggestion);
  return edit ? [{ title: `Rename to ${suggestion}`, edits: [edit], preferred: true }] : [];
}

/** The name findings of one scope: `invalid` problems here, `unsupported` ones in pod-resources-unsupported. */
export function nameFindings(context: RuleContext, code: string, kind: 'invalid' | 'unsupported'): Finding[] {
  const findings: Finding[] = [];
  for (const set of podRequirements(context.model).sets) {
    for (const list of ['limits', 'requests'] as const) {
      for (const entry of writtenNames(set, list)) {
        const anchor = entry.keySpan ?? set.keySpan;
        for (const problem of resourceNameProblems(entry.resource, set.scope)) {
          if (problem.kind !== kind) continue;
          const path = `${set.path}.${list}[${entry.resource}]`;
          const message =
            problem.kind === 'unsupported'
              ? notSupported(path, jsonQuoted(entry.resource), supportedPodLevelResources)
              : invalid(path, jsonQuoted(entry.resource), problem.detail);
          findings.push(errorFinding(code, anchor, message, renameFix(context, entry, set)));
        }
      }
    }
  }
  return findings;
}

export const invalidResourceName: Rule = {
  id: 'invalid-resource-name',
  phase: 'api',
  severity: 'error',
  rationale:
    'Resource names must be standard (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified extended resources such as example.com/device.',
  check(context) {
    return nameFindings(context, this.id, 'invalid');
  },
};
