import { type Finding } from './findings';
import { documentIndexAt, type DocumentSlice, type ParsedDocument, parseSlice, splitDocuments } from './documents';
import { findWorkload, readObjectHeader, type Workload, type WorkloadKind } from './workloads';
import { type Span } from './yaml-nodes';
import { type DecodedContainer, type QosDecision } from './resources';
import { type ContainerCgroup, type PodCgroup, type PodTotals } from './cgroups';
import { type EvictionRisk } from './eviction';
import { type PodSpecModel, readPodSpec } from './model';
import { analyzePod, type PodAnalysis } from './analysis';
import { type NodeCapacity, type Rule, type RuleContext } from './rules/rule';
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
}

export const defaultNode: NodeCapacity = { cpuMilli: 4000n, memoryBytes: 16n * 1024n * 1024n * 1024n };

/**
 * What the faces keep of a workload: its identity and where it is written,
 * without the syntax tree (a tree per document of a big file would hold
 * hundreds of MiB; see `analyzeDocumentDetail` for the tree on demand).
 */
export interface WorkloadSummary {
  kind: WorkloadKind;
  apiVersion: string | null;
  name: string | null;
  namespace: string | null;
  podSpecPath: string;
  kindSpan: Span | null;
  nameSpan: Span | null;
}

/** A container's numbers, without the spec it was read from. */
export interface ContainerSummary {
  resources: DecodedContainer;
  cgroup: ContainerCgroup;
}

/** The numbers of a valid pod spec, without references into its syntax tree. */
export interface AnalysisSummary {
  qos: QosDecision;
  totals: PodTotals;
  podCgroup: PodCgroup;
  containers: ContainerSummary[];
  eviction: EvictionRisk;
}

export interface ObjectResult {
  workload: WorkloadSummary;
  /** null when the API server would reject the object (see `invalid`) or it has no pod spec yet. */
  analysis: AnalysisSummary | null;
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

/** An object with its syntax tree and the model read from it: what hovers and refactorings work on. */
export interface ObjectDetail {
  workload: Workload;
  model: PodSpecModel | null;
  analysis: PodAnalysis | null;
  invalid: boolean;
  findings: Finding[];
}

export interface DocumentDetail {
  slice: DocumentSlice;
  isKubernetesObject: boolean;
  kind: string | null;
  findings: Finding[];
  object: ObjectDetail | null;
  /** The parsed document; null only when the analysis failed internally. */
  parsed: ParsedDocument | null;
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
 * Re-analyzes a new version of a text, reusing the results of the documents
 * outside the one region where the two texts differ.
 */
export function reanalyze(previous: FileResult | null, text: string, options: AnalyzeOptions): FileResult {
  if (!previous) return analyzeText(text, options);
  const documents = new IncrementalDocuments(previous.text, previous.documents);
  documents.applyChange(text, changedRegion(previous.text, text));
  return documents.fileResult(options);
}

/**
 * `[start, end)` of an older text became `[start, newEnd)` of the newer one;
 * everything before `start` and after `end` is unchanged.
 */
export interface TextChange {
  start: number;
  end: number;
  newEnd: number;
}

/** The one region where two versions of a text differ, from their common prefix and suffix. */
export function changedRegion(before: string, after: string): TextChange {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newEnd: after.length - suffix };
}

/**
 * The documents of one text, each with its result or null while it waits to
 * be analyzed. An edit re-splits only a window around the changed region and
 * shifts the documents after it; the results of documents outside the window,
 * and of window documents whose text did not change, are kept.
 *
 * Why the window is exact: slices tile the text and a boundary between two
 * slices is the end of a piece (cut before a `---` line or after a `...`
 * line) that has content and is followed by another piece with content. The
 * window starts at the start of the document before the first touched one
 * and ends at the end of the document after the last touched one (unless
 * that is the last document): both stay boundaries, because the pieces on
 * either side of them lie wholly in unchanged text, so splitting the window
 * alone gives the same slices as splitting the whole new text.
 */
export class IncrementalDocuments {
  private slicesList: DocumentSlice[];
  private results: (DocumentResult | null)[];
  private pendingCount: number;
  /** No document before this index waits to be analyzed. */
  private scanFrom = 0;
  /**
   * The windows of the last edits, oldest first, so that a result computed
   * elsewhere for an older generation (a worker thread) can still find its
   * document: see `mapIndex`.
   */
  private changeLog: { first: number; last: number; shift: number }[] = [];
  private droppedChanges = 0;

  constructor(
    private currentText: string,
    previous?: readonly DocumentResult[],
  ) {
    if (previous) {
      this.slicesList = previous.map((result) => result.slice);
      this.results = [...previous];
      this.pendingCount = 0;
    } else {
      this.slicesList = splitDocuments(currentText);
      this.results = new Array<DocumentResult | null>(this.slicesList.length).fill(null);
      this.pendingCount = this.slicesList.length;
    }
  }

  get text(): string {
    return this.currentText;
  }

  get slices(): readonly DocumentSlice[] {
    return this.slicesList;
  }

  get pending(): number {
    return this.pendingCount;
  }

  /** How many changes were applied: the generation a document index belongs to. */
  get generation(): number {
    return this.droppedChanges + this.changeLog.length;
  }

  /**
   * Where document `index` of generation `generation` is now, or -1 when an
   * edit since then re-split it (its text may have changed). A document
   * outside every window since then has the same text, so a result computed
   * for it then is still its result.
   */
  mapIndex(index: number, generation: number): number {
    if (generation < this.droppedChanges) return -1;
    for (let g = generation - this.droppedChanges; g < this.changeLog.length; g++) {
      const { first, last, shift } = this.changeLog[g];
      if (index < first) continue;
      if (index <= last) return -1;
      index += shift;
    }
    return index;
  }

  /**
   * Takes a result computed for document `index` of generation `generation`
   * (by `analyzeDocument` on that document's text) if the document still
   * waits; returns whether it did.
   */
  adopt(index: number, generation: number, result: DocumentResult): boolean {
    const at = this.mapIndex(index, generation);
    if (at < 0 || at >= this.results.length || this.results[at]) return false;
    const slice = this.slicesList[at];
    // The result's slice may be cut from an older version of the text: point it at the current one.
    this.results[at] = result.slice === slice ? result : { ...result, slice };
    this.pendingCount--;
    return true;
  }

  private logChange(first: number, last: number, shift: number): void {
    this.changeLog.push({ first, last, shift });
    if (this.changeLog.length > 256) {
      this.changeLog.shift();
      this.droppedChanges++;
    }
  }

  /** The result of document `index` if it is analyzed, else null. */
  peek(index: number): DocumentResult | null {
    return this.results[index] ?? null;
  }

  /** Whether the result at `index` was computed for the current text (not waiting). */
  isAnalyzed(index: number): boolean {
    return this.results[index] !== null && this.results[index] !== undefined;
  }

  /** The index of the document holding a file offset (the end of the text belongs to the last one), or -1. */
  indexAt(offset: number): number {
    return offset > this.currentText.length ? -1 : documentIndexAt(this.slicesList, offset);
  }

  applyChange(text: string, change: TextChange): void {
    const old = this.slicesList;
    const oldResults = this.results;
    const delta = change.newEnd - change.end;
    if (old.length === 0) {
      this.logChange(0, Infinity, 0);
      this.slicesList = splitDocuments(text);
      this.results = new Array<DocumentResult | null>(this.slicesList.length).fill(null);
      this.pendingCount = this.slicesList.length;
      this.scanFrom = 0;
      this.currentText = text;
      return;
    }
    const n = old.length;
    // First document touched: the first whose end reaches the change (an insertion at a boundary touches both sides).
    let k: number;
    {
      let low = 0;
      let high = n - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (old[mid].end >= change.start) high = mid;
        else low = mid + 1;
      }
      k = low;
    }
    // Last document touched: the last that starts at or before the change's end.
    let m: number;
    {
      let low = 0;
      let high = n - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (old[mid].start <= change.end) low = mid;
        else high = mid - 1;
      }
      m = low;
    }
    const first = Math.max(0, k - 1);
    const last = m + 2 < n ? m + 1 : n - 1;
    const windowStart = first === 0 ? 0 : old[first].start;
    const windowEnd = last === n - 1 ? text.length : old[last].end + delta;
    const fresh = splitDocuments(text.slice(windowStart, windowEnd));

    // Documents of the window whose text is unchanged keep their results.
    const reusable = new Map<string, DocumentResult[]>();
    for (let i = first; i <= last; i++) {
      const result = oldResults[i];
      if (!result) continue;
      const list = reusable.get(result.slice.text);
      if (list) list.push(result);
      else reusable.set(result.slice.text, [result]);
    }

    const slices: DocumentSlice[] = new Array(first + fresh.length + (n - 1 - last));
    const results: (DocumentResult | null)[] = new Array(slices.length);
    let pending = 0;
    // Every slice is cut again from the new text, so that no result keeps an older version of the whole text alive.
    const place = (at: number, start: number, end: number, previous: DocumentResult | null) => {
      const slice: DocumentSlice = { index: at, start, end, text: text.slice(start, end) };
      slices[at] = slice;
      results[at] = previous ? { ...previous, slice } : null;
      if (!previous) pending++;
    };
    for (let i = 0; i < first; i++) place(i, old[i].start, old[i].end, oldResults[i]);
    for (let j = 0; j < fresh.length; j++) {
      const start = windowStart + fresh[j].start;
      const end = windowStart + fresh[j].end;
      const previous = reusable.get(fresh[j].text)?.shift() ?? null;
      place(first + j, start, end, previous);
    }
    const shiftIndex = first + fresh.length - (last + 1);
    for (let i = last + 1; i < n; i++) place(i + shiftIndex, old[i].start + delta, old[i].end + delta, oldResults[i]);
    this.logChange(first, last, shiftIndex);

    this.slicesList = slices;
    this.results = results;
    this.currentText = text;
    // Documents before the window cannot be pending unless they were already.
    let stillPending = 0;
    for (let i = 0; i < first; i++) if (!results[i]) stillPending++;
    for (let i = last + 1 + shiftIndex; i < slices.length; i++) if (!results[i]) stillPending++;
    this.pendingCount = pending;
    this.scanFrom = stillPending > 0 ? 0 : first;
  }

  /** The result of document `index`, analyzed now if it was waiting. */
  resultAt(index: number, options: AnalyzeOptions): DocumentResult {
    let result = this.results[index];
    if (!result) {
      result = analyzeDocument(this.slicesList[index], options);
      this.results[index] = result;
      this.pendingCount--;
    }
    return result;
  }

  /** Analyzes up to `limit` waiting documents, in file order; returns how many it analyzed. */
  analyzeSome(options: AnalyzeOptions, limit: number): number {
    let done = 0;
    let i = this.scanFrom;
    const results = this.results;
    while (done < limit && this.pendingCount > 0 && i < results.length) {
      if (!results[i]) {
        results[i] = analyzeDocument(this.slicesList[i], options);
        this.pendingCount--;
        done++;
      }
      i++;
    }
    this.scanFrom = this.pendingCount > 0 ? i : results.length;
    return done;
  }

  /** Every document's result, analyzing those that wait. */
  fileResult(options: AnalyzeOptions): FileResult {
    if (this.pendingCount > 0) {
      this.scanFrom = 0;
      this.analyzeSome(options, Infinity);
    }
    return { text: this.currentText, documents: this.results.slice() as DocumentResult[] };
  }
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
    const model = workload.podSpec ? readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, slice.text) : null;
    const analysis = model && previous.analysis ? analyzePod(model, options.node.memoryBytes) : null;
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
      analysis: analysis && {
        qos: analysis.qos,
        totals: analysis.totals,
        podCgroup: analysis.podCgroup,
        containers: analysis.containers.map(({ resources, cgroup }) => ({ resources, cgroup })),
        eviction: analysis.eviction,
      },
      invalid: object.invalid,
      findings: object.findings,
    },
  };
}

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
  for (const finding of checkStrictFields(workload.root, workload.kind)) {
    if (finding.code === 'unknown-field' && finding.field === 'resources') {
      // The classic mistake: a container's `resources:` indented into an env item or a port.
      const fix = moveMisplacedResources(parsed.document, slice.text, { start: finding.start, end: finding.end });
      if (fix) finding.fixes = [...(finding.fixes ?? []), { ...fix, preferred: true }];
    }
    findings.push(finding);
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
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, slice.text);
  const context: RuleContext = { document: parsed.document, text: slice.text, workload, model, node: options.node };
  findings.push(...runRules(apiRules, context));
  findings.push(...runRules(valueRules, context));
  // Unknown fields are refused by kubectl's strict validation, but the numbers of the rest are still what
  // the author needs to see; every other error means the API server would not accept the object.
  const invalid = findings.some((f) => f.severity === 'error' && f.code !== 'unknown-field' && f.code !== 'duplicate-field');
  let analysis: PodAnalysis | null = null;
  if (!invalid) {
    analysis = analyzePod(model, options.node.memoryBytes);
    findings.push(...runRules(analysisRules, { ...context, analysis }));
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...base, findings: [], object: { workload, model, analysis, invalid, findings } };
}
