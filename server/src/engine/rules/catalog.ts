import { type Severity } from '../findings';
import { type ObjectRule, type Rule } from './rule';
import { apiRules, objectRules } from './api';
import { adviceRules } from './advice';
import { admissionCodes } from '../admission';

/**
 * When a code is found: a rule's phase (`object`, `api`, `value`, `advice`: see
 * Rule), `schema` for what is found while reading the document against the
 * API's types before any rule runs, `engine` for Pod Lens's own failures,
 * `source` for what Helm or kustomize say while rendering a chart or building
 * an overlay (the engine never sees those).
 */
export type RulePhase = Rule['phase'] | ObjectRule['phase'] | 'schema' | 'engine' | 'source' | 'admission';

export interface RuleInfo {
  id: string;
  severity: Severity;
  phase: RulePhase;
  rationale: string;
}

/** Findings that do not come from a Rule module, with their rationale. */
const builtIn: RuleInfo[] = [
  {
    id: 'yaml-syntax',
    severity: 'error',
    phase: 'schema',
    rationale: 'kubectl cannot read the YAML (or the JSON) here, in its own words: it applies nothing from this document on.',
  },
  {
    id: 'decode-error',
    severity: 'error',
    phase: 'schema',
    rationale:
      'kubectl reads the text but cannot decode it as an object (no kind, metadata of the wrong type, a List item without kind or apiVersion), in its own words: it skips the object and goes on.',
  },
  {
    id: 'not-applied',
    severity: 'hint',
    phase: 'schema',
    rationale: 'Text kubectl never applies: after an error that stops it reading the file, or after the first YAML document between two `---` lines.',
  },
  {
    id: 'unknown-field',
    severity: 'error',
    phase: 'schema',
    rationale: "A field the API does not know: kubectl's strict field validation refuses the object.",
  },
  {
    id: 'duplicate-field',
    severity: 'warning',
    phase: 'schema',
    rationale: 'A key given twice: kubectl keeps the last value and silently drops the earlier one.',
  },
  { id: 'invalid-type', severity: 'error', phase: 'schema', rationale: 'A value of the wrong shape: the API server cannot decode the object.' },
  { id: 'internal-error', severity: 'warning', phase: 'engine', rationale: 'Pod Lens failed on this document; please report it.' },
  {
    id: 'helm-error',
    severity: 'error',
    phase: 'source',
    rationale: 'Helm cannot render the chart (a template, values or dependency error): helm template fails, in its own words.',
  },
  {
    id: 'kustomize-error',
    severity: 'error',
    phase: 'source',
    rationale: 'kustomize cannot build the overlay (a missing file, a patch that matches nothing): kubectl apply -k fails, in its own words.',
  },
  {
    id: 'kustomize-remote-resource',
    severity: 'warning',
    phase: 'source',
    rationale: 'A remote resource or component is not fetched: what it would add or patch is missing from the built objects.',
  },
  {
    id: 'kustomize-deprecated',
    severity: 'information',
    phase: 'source',
    rationale: "A field kustomize deprecates, with kustomize's own advice; the build is the same.",
  },
];

/** Every diagnostic code Pod Lens can produce, for settings, SARIF and documentation. */
export function ruleCatalog(): Map<string, RuleInfo> {
  const catalog = new Map<string, RuleInfo>();
  for (const info of builtIn) catalog.set(info.id, info);
  for (const rule of [...objectRules, ...apiRules, ...adviceRules]) {
    catalog.set(rule.id, { id: rule.id, severity: rule.severity, phase: rule.phase, rationale: rule.rationale });
  }
  for (const code of admissionCodes) catalog.set(code.id, { ...code, phase: 'admission' });
  return catalog;
}
