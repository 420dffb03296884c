import { type Finding } from './findings';
import { type DocumentSlice, parseSlice, splitDocuments } from './documents';
import { findWorkload, readObjectHeader } from './workloads';
import { type PodSpecModel, readPodSpec } from './model';
import { mergeFolds } from './fold';
import { unservedVersion } from './api-versions';
import { analyzePod, defaultedPod, type PodAnalysis } from './analysis';
import { type Admission, admitPod, isEmptyCluster } from './admission';
import { type Workload } from './workloads';
import { type Document } from 'yaml';
import { type Rule, type RuleContext } from './rules/rule';
import { type AnalyzeOptions, defaultNode, type DocumentDetail, type DocumentResult, type FileResult } from './results';
import { apiRules, apiVersionNotServed, objectRules } from './rules/api';
import { adviceRules } from './rules/advice';
import { checkStrictFields } from './schema/strict-fields';
import { moveMisplacedResources } from './refactorings';

/**
 * The engine's entry point: text in, facts out. A file is analyzed one YAML
 * document at a time, and each document's result depends only on its own
 * text and the options, so a caller can keep results of documents an edit
 * did not touch (see `incremental.ts`).
 */

export * from './results';

export function analyzeText(text: string, options: AnalyzeOptions = { node: defaultNode }): FileResult {
  const documents = splitDocuments(text).map((slice) => analyzeDocument(slice, options));
  return { text, documents };
}

export function analyzeDocument(slice: DocumentSlice, options: AnalyzeOptions): DocumentResult {
  return summarizeDocument(analyzeDocumentDetail(slice, options));
}

/** The analysis of one document with its syntax tree kept: for hovers, code actions and the simulator. */
export function analyzeDocumentDetail(slice: DocumentSlice, options: AnalyzeOptions): DocumentDetail {
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
          message:
            error instanceof RangeError && /call stack/i.test(error.message)
              ? 'Pod Lens could not analyze this document: it is nested too deeply (thousands of levels); no Kubernetes object is'
              : `Pod Lens could not analyze this document: ${error instanceof Error ? error.message : String(error)}`,
          start: 0,
          end: Math.min(slice.text.length, Math.max(0, slice.text.indexOf('\n'))),
        },
      ],
      object: null,
      parsed: null,
    };
  }
}

/**
 * The detail of a document analyzed before: its tree and model again, with
 * the findings and the verdict of that analysis instead of running the
 * strict-field check and the rules a second time (about 40% of a fresh
 * analysis, and of its garbage). `result` must come from `analyzeDocument`
 * with the same options; its slice may have moved, its text is what counts.
 */
export function redetailDocument(result: DocumentResult, options: AnalyzeOptions): DocumentDetail {
  const { slice, isKubernetesObject, kind, findings } = result;
  const previous = result.object;
  try {
    const parsed = parseSlice(slice);
    if (!previous) return { slice, isKubernetesObject, kind, findings, object: null, parsed };
    const workload = findWorkload(parsed.document);
    // Only a result that was not made from this text (a caller's bug) can disagree; analyze afresh then.
    if (!workload || workload.kind !== previous.workload.kind) return analyzeDocumentDetail(slice, options);
    const served = workload.apiVersion === null || !unservedVersion(workload.kind, workload.apiVersion);
    const model = workload.podSpec && served ? readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, slice.text) : null;
    const admission = model ? admissionOf(model, workload, parsed.document, options) : null;
    const analysis = model ? podNumbers(model, options, previous.invalid, admission) : null;
    return {
      slice,
      isKubernetesObject,
      kind,
      findings,
      object: { workload, model, analysis, invalid: previous.invalid, findings: previous.findings },
      parsed,
    };
  } catch {
    return analyzeDocumentDetail(slice, options);
  }
}

/** A result that keeps nothing of the syntax tree. */
export function summarizeDocument(detail: DocumentDetail): DocumentResult {
  const { slice, isKubernetesObject, kind, findings } = detail;
  const object = detail.object;
  if (!object) return { slice, isKubernetesObject, kind, findings, object: null };
  const { workload, analysis } = object;
  return {
    slice,
    isKubernetesObject,
    kind,
    findings,
    object: {
      workload: {
        kind: workload.kind,
        apiVersion: workload.apiVersion,
        name: workload.name,
        namespace: workload.namespace,
        podSpecPath: workload.podSpecPath,
        kindSpan: workload.kindSpan,
        nameSpan: workload.nameSpan,
      },
      // A refused object's numbers are for hovers only: everything that keeps results says it is refused.
      analysis:
        analysis && !object.invalid
          ? {
              qos: analysis.qos,
              totals: analysis.totals,
              podCgroup: analysis.podCgroup,
              containers: analysis.containers.map(({ resources, cgroup }, position) => {
                const filled = analysis.admission?.filled[position];
                if (!filled || filled.size === 0) return { resources, cgroup };
                return { resources, cgroup, defaults: Object.fromEntries([...filled].map(([key, value]) => [key, value.from])) };
              }),
              eviction: analysis.eviction,
              ...(analysis.admission
                ? {
                    admission: {
                      namespace: analysis.admission.namespace,
                      overheadFrom: analysis.admission.overhead?.from ?? null,
                      quotas: analysis.admission.quotas,
                    },
                  }
                : {}),
            }
          : null,
      invalid: object.invalid,
      findings: object.findings,
    },
  };
}

const laterObjectRules = objectRules.filter((rule) => rule !== apiVersionNotServed);
const valueRules = adviceRules.filter((rule) => rule.phase === 'value');
const analysisRules = adviceRules.filter((rule) => rule.phase === 'advice');

function runRules(rules: readonly Rule[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) findings.push(...rule.check(context));
  return findings;
}

function analyzeDocumentUnsafe(slice: DocumentSlice, options: AnalyzeOptions): DocumentDetail {
  const parsed = parseSlice(slice);
  const header = readObjectHeader(parsed.document);
  const isKubernetesObject = !!header && header.kind !== null && header.apiVersion !== null;
  const base = { slice, isKubernetesObject, kind: header?.kind ?? null, parsed };
  if (parsed.syntaxErrors.length > 0) {
    return { ...base, findings: parsed.syntaxErrors, object: null };
  }
  const workload = findWorkload(parsed.document);
  if (!workload) return { ...base, findings: [], object: null };

  const objectContext = { document: parsed.document, text: slice.text, workload };
  // kubectl finds no endpoint for the object and sends nothing: there is nothing else to judge, and no numbers.
  const unserved = apiVersionNotServed.check(objectContext);
  if (unserved.length > 0) return { ...base, findings: [], object: { workload, model: null, analysis: null, invalid: true, findings: unserved } };

  const findings: Finding[] = [];
  for (const rule of laterObjectRules) findings.push(...rule.check(objectContext));
  for (const finding of checkStrictFields(workload.root, workload.kind)) {
    if (finding.code === 'unknown-field' && finding.field === 'resources') {
      // The classic mistake: a container's `resources:` indented into an env item or a port.
      const fix = moveMisplacedResources(parsed.document, slice.text, { start: finding.start, end: finding.end });
      if (fix) finding.fixes = [...(finding.fixes ?? []), { ...fix, preferred: true }];
    }
    findings.push(finding);
  }
  if (!workload.podSpec) {
    return { ...base, findings: [], object: { workload, model: null, analysis: null, invalid: true, findings } };
  }
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, slice.text);
  const context: RuleContext = { document: parsed.document, text: slice.text, workload, model, node: options.node };
  findings.push(...runRules(apiRules, context));
  findings.push(...runRules(valueRules, context));
  const admission = admissionOf(model, workload, parsed.document, options);
  if (admission) findings.push(...admission.findings);
  // Unknown fields are refused by kubectl's strict validation, but the numbers of the rest are still what
  // the author needs to see; every other error means the API server would not accept the object.
  const invalid = findings.some((f) => f.severity === 'error' && f.code !== 'unknown-field' && f.code !== 'duplicate-field');
  const analysis = podNumbers(model, options, invalid, admission);
  // Advice is about what a cluster would do with an object it accepts.
  if (!invalid && analysis) findings.push(...mergeFolds(runRules(analysisRules, { ...context, analysis })));
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...base, findings: [], object: { workload, model, analysis, invalid, findings } };
}

/**
 * The numbers of a pod spec. A refused object gets them too, from the values
 * that decode (a request typed above its limit, a Deployment still without a
 * selector): they are what those values mean, and hovers show them under the
 * refusal. Its report entry and lenses keep saying only that it is refused
 * (`summarizeDocument`). A refused spec may be odd in ways an accepted one
 * cannot be (no containers at all), so a failure there means no numbers, not
 * an internal error.
 */
function podNumbers(model: PodSpecModel, options: AnalyzeOptions, invalid: boolean, admission: Admission | null): PodAnalysis | null {
  if (!invalid) return analyzePod(model, options.node.memoryBytes, admission);
  try {
    return analyzePod(model, options.node.memoryBytes, admission);
  } catch {
    return null;
  }
}

/**
 * The admission plugins' work on the pod, when the inputs hold objects they
 * read. A spec too broken to decode is not admitted: its other findings say why.
 */
function admissionOf(model: PodSpecModel, workload: Workload, document: Document.Parsed, options: AnalyzeOptions): Admission | null {
  const cluster = options.cluster;
  if (!cluster) return null;
  try {
    const hasNames = !!model.priorityClassName.value || !!model.runtimeClassName.value;
    if (isEmptyCluster(cluster.objects) && !hasNames) return null;
    return admitPod({ model, workload, document, pod: defaultedPod(model), cluster });
  } catch {
    return null;
  }
}
