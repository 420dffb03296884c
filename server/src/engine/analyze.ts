import { type Finding } from './findings';
import {
  type DocumentSlice,
  type FileFrame,
  frameDocuments,
  isTrustedParse,
  type ParsedDocument,
  parsedDocumentOf,
  parseSlice,
  settleSlice,
  toDocumentFinding,
  toDocumentSpan,
} from './documents';
import { itemsNode } from './reading/objects-of';
import { type SettledDocument } from './reading';
import { findWorkloadsAt, readObjectHeader, type Workload } from './workloads';
import { type PodSpecModel, readPodSpec } from './model';
import { mergeFolds } from './fold';
import { analyzePod, defaultedPod, type PodAnalysis } from './analysis';
import { type Admission, admitPod, isEmptyCluster } from './admission';
import { type Document, isPair, type Node, type YAMLMap } from 'yaml';
import { keyText, spanOf } from './yaml-nodes';
import { type Rule, type RuleContext } from './rules/rule';
import {
  type AnalyzeOptions,
  defaultNode,
  type DocumentDetail,
  type DocumentResult,
  type FileReading,
  type FileResult,
  type ObjectDetail,
  type PodTemplateSummary,
} from './results';
import { apiRules, apiVersionNotServed, customResourceApiRules, objectRules } from './rules/api';
import { adviceRules } from './rules/advice';
import { checkStrictFields } from './schema/strict-fields';
import { moveMisplacedResources } from './refactorings';

/**
 * The engine's entry point: text in, facts out. A file is read as `kubectl
 * apply -f` reads it: cut into kubectl's documents, each read on its own into
 * the objects kubectl applies (its root, or the items of a List), and each
 * workload among them analyzed. A document's result depends only on its own
 * text and the options, so a caller can keep results of documents an edit did
 * not touch (see `incremental.ts`); what spans documents (an error that stops
 * kubectl) is the file's `reading`.
 */

export * from './results';

export function analyzeText(text: string, options: AnalyzeOptions = { node: defaultNode }): FileResult {
  const frame = frameDocuments(text);
  const documents = frame.slices.map((slice) => analyzeDocument(slice, options));
  return { text, documents, reading: fileReading(frame) };
}

/** What the frame of a file says beyond its documents. */
export function fileReading(frame: FileFrame): FileReading {
  const error = frame.error && {
    code: 'yaml-syntax',
    severity: 'error' as const,
    message: frame.error.message,
    start: frame.error.start,
    end: frame.error.end,
  };
  return { syntax: frame.syntax, error, stop: frame.stop };
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
      stops: false,
      objects: [],
      parsed: null,
    };
  }
}

/** The nodes the engine analyzes as objects: kubectl's objects, or a refused root analyzed as written. */
interface Target {
  node: unknown;
  identity?: { kind: string; apiVersion: string };
  item: number | null;
  refused: boolean;
}

function targetsOf(parsed: ParsedDocument): Target[] {
  if (parsed.fatal) return [];
  if (parsed.asWritten) return [{ node: parsed.document.contents, item: null, refused: parsed.asWritten === 'refused' }];
  return parsed.objects.map((o) => ({ node: o.node, identity: { kind: o.kind, apiVersion: o.apiVersion }, item: o.item, refused: false }));
}

/**
 * The targets of a trusted parse that an earlier analysis of the same text
 * found to be workloads: the root, or items of `items`, with the identity
 * kubectl gave them (which is what `findWorkloadAt` made their kind and
 * apiVersion). Null when an item is not where the result says.
 */
function knownTargets(result: DocumentResult, document: Document.Parsed): Target[] | null {
  const items = result.objects.some((o) => o.item !== null) ? itemsNode(document) : null;
  const targets: Target[] = [];
  for (const [index, object] of result.objects.entries()) {
    // The pod templates of one custom resource are consecutive objects of one target.
    if (index > 0 && result.objects[index - 1].item === object.item) continue;
    const node = object.item === null ? document.contents : items?.[object.item];
    if (!node) return null;
    targets.push({ node, identity: { kind: object.workload.kind, apiVersion: object.workload.apiVersion ?? '' }, item: object.item, refused: false });
  }
  return targets;
}

/** A trusted parse as a ParsedDocument whose objects are not decoded (`redetailDocument` takes them from the result). */
function trustedParsedDocument(slice: DocumentSlice, settled: SettledDocument & { parsed: Document.Parsed }): ParsedDocument {
  return { slice, document: settled.parsed, read: settled.document, objects: [], syntaxErrors: [], notes: [], fatal: false, asWritten: null };
}

function objectSpan(parsed: ParsedDocument, workload: Workload) {
  const range = workload.root.range;
  return range ? toDocumentSpan(parsed.read, range[0], range[1]) : { start: 0, end: parsed.slice.text.length };
}

/** Which of several pod templates of a custom resource, with spans relative to the document's start. */
function templateOf(parsed: ParsedDocument, workload: Workload): PodTemplateSummary | null {
  const custom = workload.custom;
  if (!custom || custom.label === null || !custom.span || !custom.anchor) return null;
  return {
    label: custom.label,
    span: toDocumentSpan(parsed.read, custom.span.start, custom.span.end),
    anchor: toDocumentSpan(parsed.read, custom.anchor.start, custom.anchor.end),
  };
}

/**
 * The detail of a document analyzed before: its tree and model again, with
 * the findings and the verdict of that analysis instead of running the
 * strict-field check and the rules a second time (about 40% of a fresh
 * analysis, and of its garbage). `result` must come from `analyzeDocument`
 * with the same options; its slice may have moved, its text is what counts.
 */
export function redetailDocument(result: DocumentResult, options: AnalyzeOptions): DocumentDetail {
  const { slice, isKubernetesObject, kind, findings, stops } = result;
  try {
    const settled = settleSlice(slice);
    // The common case: the analysis already said which nodes are its objects, so kubectl's decoding of the document is not done again.
    const trusted = result.objects.length > 0 && isTrustedParse(settled) ? settled : null;
    const known = trusted && knownTargets(result, trusted.parsed);
    const parsed = trusted && known ? trustedParsedDocument(slice, trusted) : parsedDocumentOf(slice, settled);
    if (result.objects.length === 0) return { slice, isKubernetesObject, kind, findings, stops, objects: [], parsed };
    const objects: ObjectDetail[] = [];
    for (const target of known ?? targetsOf(parsed)) {
      for (const workload of findWorkloadsAt(target.node, parsed.document, target.identity)) {
        const previous = result.objects[objects.length];
        // Only a result that was not made from this text (a caller's bug) can disagree; analyze afresh then.
        if (!previous || previous.workload.kind !== workload.kind || previous.workload.podSpecPath !== workload.podSpecPath || previous.item !== target.item)
          return analyzeDocumentDetail(slice, options);
        const unserved = previous.findings.some((f) => f.code === apiVersionNotServed.id);
        const model = workload.podSpec && !unserved ? readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, parsed.read.text, workload) : null;
        const admission = model ? admissionOf(model, workload, parsed.document, options) : null;
        const analysis = model ? podNumbers(model, options, previous.invalid, admission) : null;
        const { span, template, invalid, findings } = previous;
        objects.push({ item: target.item, span, template, workload, model, analysis, invalid, findings });
      }
    }
    if (objects.length !== result.objects.length) return analyzeDocumentDetail(slice, options);
    return { slice, isKubernetesObject, kind, findings, stops, objects, parsed };
  } catch {
    return analyzeDocumentDetail(slice, options);
  }
}

/** A result that keeps nothing of the syntax tree. */
export function summarizeDocument(detail: DocumentDetail): DocumentResult {
  const { slice, isKubernetesObject, kind, findings, stops } = detail;
  if (detail.objects.length === 0) return { slice, isKubernetesObject, kind, findings, stops, objects: [] };
  const read = detail.parsed?.read;
  const span = (s: { start: number; end: number } | null) => (s && read ? toDocumentSpan(read, s.start, s.end) : s);
  return {
    slice,
    isKubernetesObject,
    kind,
    findings,
    stops,
    objects: detail.objects.map((object) => {
      const { workload, analysis } = object;
      return {
        item: object.item,
        span: object.span,
        template: object.template,
        workload: {
          kind: workload.kind,
          apiVersion: workload.apiVersion,
          name: workload.name,
          namespace: workload.namespace,
          podSpecPath: workload.podSpecPath,
          kindSpan: span(workload.kindSpan),
          nameSpan: span(workload.nameSpan),
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
      };
    }),
  };
}

const laterObjectRules = objectRules.filter((rule) => rule !== apiVersionNotServed);
const valueRules = adviceRules.filter((rule) => rule.phase === 'value');
const analysisRules = adviceRules.filter((rule) => rule.phase === 'advice');

function runRules(rules: readonly Rule[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    // Most rules find nothing: a spread of their empty answer was a visible part of the engine's profile.
    const found = rule.check(context);
    for (let i = 0; i < found.length; i++) findings.push(found[i]);
  }
  return findings;
}

const byPosition = (a: Finding, b: Finding) => a.start - b.start || a.end - b.end;

function analyzeDocumentUnsafe(slice: DocumentSlice, options: AnalyzeOptions): DocumentDetail {
  const parsed = parseSlice(slice);
  const header = readObjectHeader(parsed.document);
  const isKubernetesObject = !!header && header.kind !== null && header.apiVersion !== null;
  const notes = parsed.notes;
  const objects: ObjectDetail[] = [];
  for (const target of targetsOf(parsed)) {
    for (const workload of findWorkloadsAt(target.node, parsed.document, target.identity)) objects.push(analyzeObject(parsed, workload, target, options));
  }
  // YAML that is not a Kubernetes object (CI files, Helm values) is not an error for having no kind.
  let errors = isKubernetesObject ? parsed.syntaxErrors : parsed.syntaxErrors.filter((f) => f.code !== 'decode-error');
  // A refused object whose strict check found the value of the wrong type kubectl's decoder stumbled on says it where it is.
  if (parsed.asWritten === 'refused' && objects.some((o) => o.findings.some((f) => f.code === 'invalid-type')))
    errors = errors.filter((f) => f.code !== 'decode-error');
  const findings = notes.length === 0 ? errors : [...errors, ...notes].sort(byPosition);
  return { slice, isKubernetesObject, kind: header?.kind ?? null, findings, stops: parsed.fatal, objects, parsed };
}

function analyzeObject(parsed: ParsedDocument, workload: Workload, target: Target, options: AnalyzeOptions): ObjectDetail {
  const { document, read } = parsed;
  // Rules read nodes of the parsed text; their findings are moved to the document's text at the end.
  const text = read.text;
  const findings: Finding[] = [];
  const span = objectSpan(parsed, workload);
  const template = templateOf(parsed, workload);
  const done = (model: ObjectDetail['model'], analysis: PodAnalysis | null, invalid: boolean): ObjectDetail => {
    const moved = read.rewritten ? findings.map((f) => toDocumentFinding(read, f)) : findings;
    return { item: target.item, span, template, workload, model, analysis, invalid, findings: moved.sort(byPosition) };
  };
  if (workload.custom && workload.podSpec) {
    const { model, analysis, invalid } = analyzeCustomTemplate(parsed, workload, workload.podSpec, options, findings);
    return done(model, analysis, invalid);
  }
  const objectContext = { document, text, workload };
  // kubectl finds no endpoint for the object and sends nothing: there is nothing else to judge, and no numbers.
  findings.push(...apiVersionNotServed.check(objectContext));
  if (findings.length > 0) return done(null, null, true);
  for (const rule of laterObjectRules) findings.push(...rule.check(objectContext));
  for (const finding of checkStrictFields(workload.root, workload.kind)) {
    if (finding.code === 'unknown-field' && finding.field === 'resources') {
      // The classic mistake: a container's `resources:` indented into an env item or a port.
      const fix = moveMisplacedResources(document, text, { start: finding.start, end: finding.end });
      if (fix) finding.fixes = [...(finding.fixes ?? []), { ...fix, preferred: true }];
    }
    findings.push(finding);
  }
  if (!workload.podSpec) return done(null, null, true);
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, document, text, workload);
  const context: RuleContext = { document, text, workload, model, node: options.node, ...(options.cluster ? { cluster: options.cluster } : {}) };
  findings.push(...runRules(apiRules, context));
  findings.push(...runRules(valueRules, context));
  const admission = admissionOf(model, workload, document, options);
  if (admission) findings.push(...admission.findings);
  // Unknown fields are refused by kubectl's strict validation, but the numbers of the rest are still what
  // the author needs to see; every other error means the API server would not accept the object.
  const invalid = target.refused || findings.some((f) => f.severity === 'error' && f.code !== 'unknown-field' && f.code !== 'duplicate-field');
  const analysis = podNumbers(model, options, invalid, admission);
  // Advice is about what a cluster would do with an object it accepts.
  if (!invalid && analysis) findings.push(...mergeFolds(runRules(analysisRules, { ...context, analysis })));
  return done(model, analysis, invalid);
}

/** How a warning about a custom resource's pod template begins when a Pod made from it would be refused. */
export const podRefusalPrefix = 'a Pod made from this template would be refused: ';

/**
 * A pod template inside a custom resource. Kubernetes' own validation does not
 * run on the resource (its operator's webhook does, and may default what a Pod
 * requires, such as a container name), and the rest of the resource is not
 * judged without its schema: only the pod spec is checked, strictly (with the
 * fields the resource adds beside it), for unit slips and advice. What the
 * API server would refuse in a Pod made from the template is a warning
 * (`customResourceApiRules`), and its numbers are then for hovers only, as a
 * refused built-in workload's are.
 */
function analyzeCustomTemplate(parsed: ParsedDocument, workload: Workload, podSpec: YAMLMap, options: AnalyzeOptions, findings: Finding[]) {
  const { document, read } = parsed;
  const text = read.text;
  const extra = new Set(workload.custom?.extraFields ?? []);
  const extraKeyStarts = new Set(
    podSpec.items.flatMap((pair) => {
      const key = isPair(pair) ? keyText(pair) : null;
      const start = isPair(pair) ? spanOf(pair.key as Node | null)?.start : undefined;
      return key !== null && extra.has(key) && start !== undefined ? [start] : [];
    }),
  );
  for (const finding of checkStrictFields(podSpec, 'PodSpec', workload.podSpecKeys)) {
    if (finding.code === 'unknown-field' && extraKeyStarts.has(finding.start)) continue;
    findings.push(finding);
  }
  const model = readPodSpec(podSpec, workload.podSpecPath, document, text, workload);
  const context: RuleContext = { document, text, workload, model, node: options.node };
  const admission = admissionOf(model, workload, document, options);
  const refusals = [...runRules(customResourceApiRules, context), ...(admission?.findings ?? [])];
  for (const refusal of refusals) {
    if (refusal.severity !== 'error') findings.push(refusal);
    else findings.push({ ...refusal, severity: 'warning', message: `${podRefusalPrefix}${refusal.message}` });
  }
  findings.push(...runRules(valueRules, context));
  const invalid =
    findings.some((f) => f.severity === 'error' && f.code !== 'unknown-field' && f.code !== 'duplicate-field') || refusals.some((f) => f.severity === 'error');
  const analysis = podNumbers(model, options, invalid, admission);
  if (!invalid && analysis) findings.push(...mergeFolds(runRules(analysisRules, { ...context, analysis })));
  return { model, analysis, invalid };
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
