import { type Severity } from '../findings';
import { apiRules, objectRules } from './api';
import { adviceRules } from './advice';

export interface RuleInfo {
  id: string;
  severity: Severity;
  rationale: string;
}

/** Findings that do not come from a Rule module, with their rationale. */
const builtIn: RuleInfo[] = [
  { id: 'yaml-syntax', severity: 'error', rationale: 'The YAML does not parse; the API server would not receive this document.' },
  { id: 'unknown-field', severity: 'error', rationale: "A field the API does not know: kubectl's strict field validation refuses the object." },
  { id: 'duplicate-field', severity: 'warning', rationale: 'A key given twice: kubectl keeps the last value and silently drops the earlier one.' },
  { id: 'invalid-type', severity: 'error', rationale: 'A value of the wrong shape: the API server cannot decode the object.' },
  { id: 'internal-error', severity: 'warning', rationale: 'Pod Lens failed on this document; please report it.' },
];

/** Every diagnostic code Pod Lens can produce, for settings, SARIF and documentation. */
export function ruleCatalog(): Map<string, RuleInfo> {
  const catalog = new Map<string, RuleInfo>();
  for (const info of builtIn) catalog.set(info.id, info);
  for (const rule of [...objectRules, ...apiRules, ...adviceRules]) catalog.set(rule.id, { id: rule.id, severity: rule.severity, rationale: rule.rationale });
  return catalog;
}
