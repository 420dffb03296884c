import { type Rule } from '../rule';
import { type Finding, type Fix } from '../../findings';
import { invalid, quoted } from './field-errors';
import { errorFinding } from './helpers';
import { replaceScalar } from './edits';
import { nameRuleOf, objectMeta } from './object-meta';
import { type RuleContext } from '../rule';
import { integerOf, keyed } from './helpers';
import { stringAt } from './containers';
import { isDns1123Label } from './resource-names';
import { asMap } from '../../yaml-nodes';
import { isWorkloadKind } from '../../workloads';

/** CronJob names leave room for the 11 characters of the Jobs' suffix: DNS1035LabelMaxLength - 11. */
const CRONJOB_NAME_MAX = 52;

/**
 * The kind's name function (ValidatePodName and friends: DNS-1123 subdomains,
 * StatefulSets DNS-1123 labels), on `metadata.name` and, with a trailing '-' allowed,
 * on `metadata.generateName`; CronJob names are also capped at 52 characters
 * (ValidateCronJobCreate), and an Indexed Job's last pod hostname must be
 * a DNS-1123 label (ValidateJob). The finding is on the value.
 */
/**
 * ValidateJob: an Indexed Job's pods are named `<name>-<index>` and that is
 * their hostname, so the last one must be a DNS-1123 label.
 */
function lastIndexedHostname(context: RuleContext, name: string): string | null {
  const spec = asMap(keyed(context.workload.root, 'spec', context)?.value ?? null);
  if (stringAt(spec, 'completionMode', context).value !== 'Indexed') return null;
  const completions = integerOf(keyed(spec, 'completions', context)?.value ?? null);
  return completions !== null && completions > 0n ? `${name}-${completions - 1n}` : null;
}

export const invalidObjectName: Rule = {
  id: 'invalid-object-name',
  phase: 'api',
  severity: 'error',
  rationale:
    'Object names must be DNS-1123 subdomains: lower case letters, digits, "-" and ".", at most 253 characters (StatefulSet: a label, no dots; CronJob: 52).',
  check(context) {
    const meta = objectMeta(context);
    const kind = context.workload.kind;
    if (!isWorkloadKind(kind)) return [];
    const nameRule = nameRuleOf[kind];
    const findings: Finding[] = [];
    const rename = (span: { start: number; end: number }, suggestion: string | null): Fix[] => {
      const edit = suggestion ? replaceScalar(context.text, span, suggestion) : null;
      return edit ? [{ title: `Rename to ${suggestion}`, edits: [edit] }] : [];
    };
    const generateName = meta.generateName;
    if (generateName.value && generateName.kv) {
      for (const detail of nameRule.problems(generateName.value, true)) {
        findings.push(errorFinding(this.id, generateName.kv.valueSpan, invalid('metadata.generateName', quoted(generateName.value), detail)));
      }
    }
    const name = meta.name;
    if (!name.value || !name.kv) return findings;
    const problems = nameRule.problems(name.value, false);
    if (context.workload.kind === 'CronJob' && Buffer.byteLength(name.value, 'utf8') > CRONJOB_NAME_MAX) {
      problems.push(`must be no more than ${CRONJOB_NAME_MAX} characters`);
    }
    const indexedHostname = context.workload.kind === 'Job' ? lastIndexedHostname(context, name.value) : null;
    if (indexedHostname && isDns1123Label(indexedHostname).length > 0) {
      problems.push(`will not able to create pod with invalid DNS label: ${indexedHostname}`);
    }
    const fixes = rename(name.kv.valueSpan, problems.length > 0 ? nameRule.closest(name.value) : null);
    for (const detail of problems) findings.push(errorFinding(this.id, name.kv.valueSpan, invalid('metadata.name', quoted(name.value), detail), fixes));
    return findings;
  },
};
