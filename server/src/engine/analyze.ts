import { Finding } from './findings';
import { DocumentSlice, parseSlice, splitDocuments } from './documents';
import { findWorkload, readObjectHeader, Workload } from './workloads';
import { PodSpecModel, readPodSpec } from './podspec';
import { analyzePod, PodAnalysis } from './analysis';
import { NodeCapacity, Rule, RuleContext } from './rules/rule';
import { apiRules } from './rules/api';
import { adviceRules } from './rules/advice';
import { checkStrictFields } from './schema/strict-fields';
import { moveMisplacedResources } from './refactorings';

/**
 * The engine's entry point: text in, facts out. A file is analyzed one YAML
 * document at a time, and each document's result depends only on its own
 * text and the options, so a caller can keep results of documents an edit
 * did not touch (see `reanalyze`).
 */

export interface AnalyzeOptions {
  node: NodeCapacity;
  /** Rule ids to skip (settings that turn a rule off). */
  disabledRules?: ReadonlySet<string>;
}

export const defaultNode: NodeCapacity = { cpuMilli: 4000n, memoryBytes: 16n * 1024n * 1024n * 1024n };

export interface ObjectResult {
  workload: Workload;
  model: PodSpecModel | null;
  /** null when the API server would reject the object (see `invalid`) or it has no pod spec yet. */
  analysis: PodAnalysis | null;
  invalid: boolean;
  findings: Finding[];
}

export interface DocumentResult {
  /** The slice this result was computed from: offsets in findings are relative to `slice.start`. */
  slice: DocumentSlice;
  /** A YAML document that is a Kubernetes object (has `kind` and `apiVersion`). */
  isKubernetesObject: boolean;
  kind: string | null;
  /** Findings not tied to a workload: YAML syntax errors. */
  findings: Finding[];
  object: ObjectResult | null;
}

export interface FileResult {
  text: string;
  documents: DocumentResult[];
}

export function analyzeText(text: string, options: AnalyzeOptions = { node: defaultNode }): FileResult {
  const documents = splitDocuments(text).map((slice) => analyzeDocument(slice, options));
  return { text, documents };
}

/**
 * Re-analyzes a new version of a text, reusing the result of every document
 * whose text is unchanged (only its position is updated).
 */
export function reanalyze(previous: FileResult | null, text: string, options: AnalyzeOptions): FileResult {
  if (!previous) return analyzeText(text, options);
  const byText = new Map<string, DocumentResult[]>();
  for (const result of previous.documents) {
    const list = byText.get(result.slice.text);
    if (list) list.push(result);
    else byText.set(result.slice.text, [result]);
  }
  const documents = splitDocuments(text).map((slice) => {
    const reusable = byText.get(slice.text)?.shift();
    return reusable ? { ...reusable, slice } : analyzeDocument(slice, options);
  });
  return { text, documents };
}

export function analyzeDocument(slice: DocumentSlice, options: AnalyzeOptions): DocumentResult {
  try {
    return analyzeDocumentUnsafe(slice, options);
  } catch (error) {
    // The engine must never take the editor down with it: an unexpected failure is a finding.
    return {
      slice,
      isKubernetesObject: false,
      kind: null,
      findings: [
        {
          code: 'internal-error',
          severity: 'warning',
          message: `Pod Lens could not analyze this document: ${error instanceof Error ? error.message : String(error)}`,
          start: 0,
          end: Math.min(slice.text.length, Math.max(0, slice.text.indexOf('\n'))),
        },
      ],
      object: null,
    };
  }
}

const valueRules = adviceRules.filter((rule) => rule.phase === 'value');
const analysisRules = adviceRules.filter((rule) => rule.phase === 'advice');

function runRules(rules: readonly Rule[], context: RuleContext, disabled: ReadonlySet<string> | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (disabled?.has(rule.id)) continue;
    findings.push(...rule.check(context));
  }
  return findings;
}

function analyzeDocumentUnsafe(slice: DocumentSlice, options: AnalyzeOptions): DocumentResult {
  const parsed = parseSlice(slice);
  const header = readObjectHeader(parsed.document);
  const isKubernetesObject = !!header && header.kind !== null && header.apiVersion !== null;
  const base = { slice, isKubernetesObject, kind: header?.kind ?? null };
  if (parsed.syntaxErrors.length > 0) {
    return { ...base, findings: parsed.syntaxErrors, object: null };
  }
  const workload = findWorkload(parsed.document);
  if (!workload) return { ...base, findings: [], object: null };

  const findings: Finding[] = [];
  if (workload.apiVersion === null) {
    findings.push({
      code: 'missing-api-version',
      severity: 'error',
      message: 'apiVersion not set',
      start: workload.kindSpan?.start ?? 0,
      end: workload.kindSpan?.end ?? 0,
    });
  }
  if (!options.disabledRules?.has('unknown-field')) {
    for (const finding of checkStrictFields(workload.root, workload.kind)) {
      if (finding.code === 'unknown-field' && finding.message.endsWith('.resources"')) {
        // The classic mistake: a container's `resources:` indented into an env item or a port.
        const fix = moveMisplacedResources(parsed.document, slice.text, { start: finding.start, end: finding.end });
        if (fix) finding.fixes = [...(finding.fixes ?? []), { ...fix, preferred: true }];
      }
      findings.push(finding);
    }
  }
  if (!workload.podSpec) {
    // Every workload needs a pod spec with containers; a half-typed one is what the API server refuses.
    findings.push({
      code: 'required-value',
      severity: 'error',
      message: `${workload.podSpecPath}.containers: Required value`,
      start: workload.kindSpan?.start ?? 0,
      end: workload.kindSpan?.end ?? 0,
    });
    return { ...base, findings: [], object: { workload, model: null, analysis: null, invalid: true, findings } };
  }
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document);
  const context: RuleContext = { document: parsed.document, text: slice.text, workload, model, node: options.node };
  findings.push(...runRules(apiRules, context, options.disabledRules));
  findings.push(...runRules(valueRules, context, options.disabledRules));
  // Unknown fields are refused by kubectl's strict validation, but the numbers of the rest are still what
  // the author needs to see; every other error means the API server would not accept the object.
  const invalid = findings.some((f) => f.severity === 'error' && f.code !== 'unknown-field' && f.code !== 'duplicate-field');
  let analysis: PodAnalysis | null = null;
  if (!invalid) {
    analysis = analyzePod(model, options.node.memoryBytes);
    findings.push(...runRules(analysisRules, { ...context, analysis }, options.disabledRules));
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...base, findings: [], object: { workload, model, analysis, invalid, findings } };
}
