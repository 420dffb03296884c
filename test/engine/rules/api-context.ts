import { parseSlice, splitDocuments } from '../../../server/src/engine/documents';
import { type Finding, type Fix } from '../../../server/src/engine/findings';
import { readPodSpec } from '../../../server/src/engine/model';
import { type NodeCapacity, type RuleContext } from '../../../server/src/engine/rules/rule';
import { apiRules } from '../../../server/src/engine/rules/api';
import { findWorkload } from '../../../server/src/engine/workloads';

/** A RuleContext for the api rules from YAML text (its first document). */

const node: NodeCapacity = { cpuMilli: 4000n, memoryBytes: 16n << 30n };

export function apiContext(text: string): RuleContext {
  const slices = splitDocuments(text);
  if (slices.length === 0) throw new Error('no YAML document');
  const parsed = parseSlice(slices[0]);
  if (parsed.syntaxErrors.length > 0) throw new Error(`YAML error: ${parsed.syntaxErrors[0].message}\n${text}`);
  const workload = findWorkload(parsed.document);
  if (!workload || !workload.podSpec) throw new Error('no workload with a pod spec');
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, slices[0].text);
  return { document: parsed.document, text: slices[0].text, workload, model, node };
}

/** Every api rule's findings for the first document, in document order. */
export function apiFindings(text: string): Finding[] {
  const context = apiContext(text);
  const findings = apiRules.flatMap((rule) => rule.check(context));
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.message.localeCompare(b.message));
}

export function applyFix(text: string, fix: Fix): string {
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}

export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
