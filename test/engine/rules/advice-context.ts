import { analyzePod } from '../../../server/src/engine/analysis';
import { parseSlice, splitDocuments } from '../../../server/src/engine/documents';
import { type Finding, type Fix } from '../../../server/src/engine/findings';
import { readPodSpec } from '../../../server/src/engine/model';
import { applyEdits } from '../../../server/src/engine/refactorings/yaml-edits';
import { type NodeCapacity, type Rule, type RuleContext } from '../../../server/src/engine/rules/rule';
import { findWorkload } from '../../../server/src/engine/workloads';

/** A RuleContext from YAML text (its first document), for rule and refactoring tests. */

export const testNode: NodeCapacity = { cpuMilli: 4000n, memoryBytes: 16n << 30n };

export function adviceContext(text: string, node: NodeCapacity = testNode): RuleContext {
  const slices = splitDocuments(text);
  if (slices.length === 0) throw new Error('no YAML document');
  const parsed = parseSlice(slices[0]);
  if (parsed.syntaxErrors.length > 0) throw new Error(`YAML error: ${parsed.syntaxErrors[0].message}\n${text}`);
  const workload = findWorkload(parsed.document);
  if (!workload || !workload.podSpec) throw new Error('no workload with a pod spec');
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, slices[0].text);
  const analysis = analyzePod(model, node.memoryBytes);
  return { document: parsed.document, text: slices[0].text, workload, model, node, analysis };
}

export function runRule(rule: Rule, text: string, node: NodeCapacity = testNode): Finding[] {
  return rule.check(adviceContext(text, node));
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** The text a finding points at. */
export function spanText(text: string, finding: { start: number; end: number }): string {
  return text.slice(finding.start, finding.end);
}

/** Lines of YAML joined with LF; keeps test tables readable. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
