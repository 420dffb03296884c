import type { Range } from 'vscode-languageserver-types';
import { type ClusterContext } from '../engine/admission';
import { type AnalyzeOptions, type DocumentResult, type FileResult } from '../engine/analyze';
import { changedRegion, IncrementalDocuments, type TextChange } from '../engine/incremental';
import { type AnalyzedFile, currentView, DetailCache, type DocumentView, isKubernetesDocument, type SpanTranslation } from '../service/document';
import { LineMap } from '../service/positions';
import type { DocumentSlice } from '../engine/documents';
import { type ServiceSettings } from '../service/settings';

/**
 * The analysis of every open file, kept up to date incrementally: an edit
 * re-splits only the YAML documents around its range, shifts the others, and
 * only the documents whose text changed wait to be analyzed again. Waiting
 * documents are analyzed a few at a time (`analyzeSome`), so that the server
 * can answer requests between batches, or one by one on demand when a request
 * needs a particular document now.
 *
 * It also decides what the editor is shown while someone types. A line being
 * typed is often not YAML yet (`resour`, `cpu: "5`); flagging it at every
 * keystroke is noise. A YAML syntax error near the line just edited is held
 * back for `holdMilliseconds`, and that document shows its last good analysis
 * meanwhile; when no further edit comes, the error is shown.
 */

export interface EditedLines {
  first: number;
  last: number;
  at: number;
}

/** One change of `textDocument/didChange`: a range of the text before it, or the whole new text. */
export interface ContentChange {
  range?: Range;
  text: string;
}

interface FileState {
  uri: string;
  version: number;
  text: string;
  lines: LineMap;
  documents: IncrementalDocuments;
  /** The finished analysis of `version`, once every document is analyzed. */
  analyzed: AnalyzedFile | null;
  edited: EditedLines | null;
  /** Per document index: the last result without a YAML syntax error. */
  lastGood: Map<number, DocumentResult>;
}

/** Waiting documents handed to worker threads; `generation` tells which edit their indices belong to. */
export interface AnalysisBatch {
  documents: IncrementalDocuments;
  generation: number;
  text: string;
  slices: DocumentSlice[];
  options: AnalyzeOptions;
}

export interface Clock {
  now(): number;
}

const hasSyntaxError = (document: DocumentResult) => document.findings.some((f) => f.code === 'yaml-syntax');

/** Lines of `after` that differ from `before`: the span between their common prefix and common suffix. */
export function changedLines(before: string, after: string): { first: number; last: number } | null {
  if (before === after) return null;
  const region = changedRegion(before, after);
  const lineOf = (offset: number) => {
    let line = 0;
    for (let i = after.indexOf('\n'); i !== -1 && i < offset; i = after.indexOf('\n', i + 1)) line++;
    return line;
  };
  return { first: lineOf(region.start), last: lineOf(Math.max(region.start, region.newEnd)) };
}

/**
 * Maps spans of an older text of a document into its current text, around the
 * one region that changed: a span wholly before it stays, one wholly after it
 * moves by the change's length, and one that touches it is gone (null): the
 * text it spoke of is not there any more. So is a span that would start or end
 * between the `\r` and `\n` of a line break, which no editor position can name
 * (an older text with `\n` where the current one has `\r\n`).
 */
export function spanTranslator(before: string, after: string): SpanTranslation {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const changedEnd = before.length - suffix;
  const delta = after.length - before.length;
  const splitsLineBreak = (offset: number) => offset > 0 && after.charCodeAt(offset - 1) === 13 && after.charCodeAt(offset) === 10;
  return (start, end) => {
    let span: { start: number; end: number };
    if (end <= prefix) span = { start, end };
    else if (start >= changedEnd) span = { start: start + delta, end: end + delta };
    else return null;
    return splitsLineBreak(span.start) || splitsLineBreak(span.end) ? null : span;
  };
}

export class FileAnalyses {
  private readonly files = new Map<string, FileState>();
  private readonly details = new DetailCache();

  constructor(
    private settings: ServiceSettings,
    readonly holdMilliseconds = 500,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  get uris(): string[] {
    return [...this.files.keys()];
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  private cluster: ClusterContext | undefined = undefined;

  private get options(): AnalyzeOptions {
    return this.cluster ? { node: this.settings.node, cluster: this.cluster } : { node: this.settings.node };
  }

  /** The workspace's LimitRanges, quotas and classes, as every analysis applies them. */
  get clusterContext(): ClusterContext | undefined {
    return this.cluster;
  }

  /** New objects around the pods change every number: nothing computed before can be reused. */
  updateCluster(cluster: ClusterContext | undefined): void {
    this.cluster = cluster;
    this.details.clear();
    for (const state of this.files.values()) {
      state.documents = this.documentsOf(state.text);
      state.analyzed = null;
      state.lastGood.clear();
    }
  }

  /** A text's documents; those analyzed in this thread (an edit's, a hover's) leave their detail in the cache for the next hover. */
  private documentsOf(text: string): IncrementalDocuments {
    const documents = new IncrementalDocuments(text);
    documents.keepDetail = (detail, result) => this.details.put(result, detail);
    return documents;
  }

  open(uri: string, version: number, text: string): void {
    this.files.set(uri, {
      uri,
      version,
      text,
      lines: new LineMap(text),
      documents: this.documentsOf(text),
      analyzed: null,
      edited: null,
      lastGood: new Map(),
    });
  }

  /** A new version of an open file as a whole text; the analysis waits until someone asks for it. */
  change(uri: string, version: number, text: string): void {
    const state = this.files.get(uri);
    if (!state) return this.open(uri, version, text);
    if (text === state.text) {
      state.version = version;
      state.analyzed = null;
      return;
    }
    const region = changedRegion(state.text, text);
    state.lines = state.lines.edited(text, region.start, region.end, region.newEnd);
    this.commit(state, version, text, region);
  }

  /**
   * A new version as LSP content changes, each on the text the previous one
   * left. Only the region they cover is looked at again: the unchanged prefix
   * and suffix of the text are tracked through the changes, and the documents
   * are re-split once around what lies between.
   */
  applyChanges(uri: string, version: number, changes: readonly ContentChange[]): void {
    const state = this.files.get(uri);
    if (!state) return;
    const originalLength = state.text.length;
    let text = state.text;
    let lines = state.lines;
    let prefix = Infinity;
    let suffix = Infinity;
    for (const change of changes) {
      if (!change.range) {
        const region = changedRegion(text, change.text);
        prefix = Math.min(prefix, region.start);
        suffix = Math.min(suffix, text.length - region.end);
        lines = new LineMap(change.text);
        text = change.text;
        continue;
      }
      const start = lines.clampedOffsetAt(change.range.start);
      const end = Math.max(start, lines.clampedOffsetAt(change.range.end));
      prefix = Math.min(prefix, start);
      suffix = Math.min(suffix, text.length - end);
      text = text.slice(0, start) + change.text + text.slice(end);
      lines = lines.edited(text, start, end, start + change.text.length);
    }
    prefix = Math.min(prefix, originalLength, text.length);
    suffix = Math.min(suffix, originalLength - prefix, text.length - prefix);
    // Characters an edit rewrote with themselves (a paste over the same text) are not a change.
    const before = state.text;
    let start = prefix;
    let end = originalLength - suffix;
    let newEnd = text.length - suffix;
    while (start < end && start < newEnd && before.charCodeAt(start) === text.charCodeAt(start)) start++;
    while (end > start && newEnd > start && before.charCodeAt(end - 1) === text.charCodeAt(newEnd - 1)) {
      end--;
      newEnd--;
    }
    state.lines = lines;
    if (start === end && start === newEnd) {
      state.version = version;
      state.text = text;
      state.analyzed = null;
      return;
    }
    this.commit(state, version, text, { start, end, newEnd });
  }

  private commit(state: FileState, version: number, text: string, region: TextChange): void {
    state.documents.applyChange(text, region);
    const first = state.lines.positionAt(region.start).line;
    const last = state.lines.positionAt(Math.max(region.start, region.newEnd)).line;
    state.edited = { first, last, at: this.clock.now() };
    state.version = version;
    state.text = text;
    state.analyzed = null;
  }

  close(uri: string): void {
    this.files.delete(uri);
  }

  /** New settings change every number: nothing computed before can be reused. */
  updateSettings(settings: ServiceSettings): void {
    const [next, previous] = [settings.node, this.settings.node];
    const nodeChanged =
      next.cpuMilli !== previous.cpuMilli ||
      next.memoryBytes !== previous.memoryBytes ||
      // A node configured at the default size is no longer "assumed": the findings' wording changes.
      !!next.assumed?.cpu !== !!previous.assumed?.cpu ||
      !!next.assumed?.memory !== !!previous.assumed?.memory;
    this.settings = settings;
    if (!nodeChanged) return;
    this.details.clear();
    for (const state of this.files.values()) {
      state.documents = this.documentsOf(state.text);
      state.analyzed = null;
      state.lastGood.clear();
    }
  }

  /** How many documents of a file wait to be analyzed (0 for a file not open). */
  pending(uri: string): number {
    return this.files.get(uri)?.documents.pending ?? 0;
  }

  /** Analyzes up to `limit` waiting documents of a file; returns how many still wait. */
  analyzeSome(uri: string, limit: number): number {
    const state = this.files.get(uri);
    if (!state) return 0;
    state.documents.analyzeSome(this.options, limit);
    return state.documents.pending;
  }

  /**
   * The waiting documents of a file as one batch for worker threads, when
   * they are at least `minimumLength` characters (an open, new settings);
   * null when there are fewer (an edit waits for one document).
   */
  batch(uri: string, minimumLength: number): AnalysisBatch | null {
    const state = this.files.get(uri);
    if (!state || state.documents.pending === 0 || state.text.length < minimumLength) return null;
    const documents = state.documents;
    const slices: DocumentSlice[] = [];
    let length = 0;
    for (let i = 0; i < documents.slices.length; i++) {
      if (documents.isAnalyzed(i)) continue;
      slices.push(documents.slices[i]);
      length += documents.slices[i].text.length;
    }
    if (length < minimumLength) return null;
    return { documents, generation: documents.generation, text: state.text, slices, options: this.options };
  }

  /** Results of a batch's documents, computed elsewhere: taken for the documents that still wait. */
  adopt(uri: string, batch: AnalysisBatch, results: readonly DocumentResult[]): void {
    const state = this.files.get(uri);
    // New settings replaced the documents: these results were computed with the old ones.
    if (!state || state.documents !== batch.documents) return;
    for (const result of results) state.documents.adopt(result.slice.index, batch.generation, result);
  }

  /** Whether a batch is still for the file's current documents (not closed, no new settings). */
  isCurrent(uri: string, batch: AnalysisBatch): boolean {
    return this.files.get(uri)?.documents === batch.documents;
  }

  /** The version of the text currently held for a file. */
  version(uri: string): number | null {
    return this.files.get(uri)?.version ?? null;
  }

  /** The analysis of the file's current text, finished now if documents wait; null for a file not open. */
  get(uri: string): AnalyzedFile | null {
    const state = this.files.get(uri);
    if (!state) return null;
    if (state.analyzed && state.analyzed.version === state.version) return state.analyzed;
    const file = state.documents.fileResult(this.options);
    state.analyzed = this.snapshotOf(state, file);
    for (const document of file.documents) {
      if (!hasSyntaxError(document)) state.lastGood.set(document.slice.index, document);
    }
    for (const index of state.lastGood.keys()) if (index >= file.documents.length) state.lastGood.delete(index);
    return state.analyzed;
  }

  /**
   * The file's current text for requests that need only some documents (a
   * hover, a code action): those are analyzed on demand, the rest may still
   * wait. Never takes longer than the documents asked for.
   */
  snapshot(uri: string): AnalyzedFile | null {
    const state = this.files.get(uri);
    if (!state) return null;
    if (state.documents.pending === 0) return this.get(uri);
    return this.snapshotOf(state, null);
  }

  private snapshotOf(state: FileState, finished: FileResult | null): AnalyzedFile {
    const documents = state.documents;
    const options = this.options;
    const details = this.details;
    const resultAt = (index: number) => (index >= 0 && index < documents.slices.length ? documents.resultAt(index, options) : null);
    return {
      uri: state.uri,
      version: state.version,
      lines: state.lines,
      get file() {
        return finished ?? documents.fileResult(options);
      },
      documentCount: documents.slices.length,
      document: resultAt,
      documentAt: (offset) => resultAt(documents.indexAt(offset)),
      documentsIn: (start, end) => {
        const out: DocumentResult[] = [];
        const at = documents.indexAt(Math.max(0, Math.min(start, state.text.length)));
        // The document ending exactly where the range starts overlaps it too.
        for (let i = Math.max(0, at - 1); i < documents.slices.length && documents.slices[i].start <= end; i++) {
          if (documents.slices[i].end >= start) out.push(documents.resultAt(i, options));
        }
        return out;
      },
      detail: (document) => details.get(document, options),
    };
  }

  /** The results analyzed so far, in file order, for lenses while a big file is still being analyzed. */
  analyzedSoFar(uri: string): { lines: LineMap; views: DocumentView[] } | null {
    const state = this.files.get(uri);
    if (!state) return null;
    const views: DocumentView[] = [];
    for (let i = 0; i < state.documents.slices.length; i++) {
      const result = state.documents.peek(i);
      if (result) views.push(currentView(result));
    }
    return { lines: state.lines, views };
  }

  /**
   * What the editor should show for a file now, and when to look again
   * (the moment a held-back syntax error is due), or null when nothing is held.
   * `held` tells which views are not the current result (so not cacheable).
   */
  views(uri: string): { analyzed: AnalyzedFile; views: DocumentView[]; held: boolean[]; recheckAt: number | null } | null {
    const analyzed = this.get(uri);
    const state = this.files.get(uri);
    if (!analyzed || !state) return null;
    const edited = this.heldEdit(state);
    let anyHeld = false;
    const documents = analyzed.file.documents;
    const views: DocumentView[] = new Array(documents.length);
    const held: boolean[] = new Array(documents.length).fill(false);
    for (let i = 0; i < documents.length; i++) {
      const shown = this.viewOf(state, documents[i], edited);
      views[i] = shown.view;
      if (shown.held) anyHeld = held[i] = true;
    }
    return { analyzed, views, held, recheckAt: anyHeld && edited ? edited.at + this.holdMilliseconds : null };
  }

  /**
   * What the editor is shown for one document now (as `views` would show it),
   * without looking at the others: `codeLens/resolve` asks for one lens at a
   * time, thousands of times on a big file. A document still waiting is
   * analyzed now.
   */
  viewAt(uri: string, index: number): { view: DocumentView; held: boolean; lines: LineMap } | null {
    const state = this.files.get(uri);
    if (!state || !Number.isInteger(index) || index < 0 || index >= state.documents.slices.length) return null;
    // A finished file goes through `get`, which also records the last good results that a held view shows.
    const result = state.documents.pending === 0 ? this.get(uri)!.file.documents[index] : state.documents.resultAt(index, this.options);
    return { ...this.viewOf(state, result, this.heldEdit(state)), lines: state.lines };
  }

  /** The line map of the file's current text. */
  lines(uri: string): LineMap | null {
    return this.files.get(uri)?.lines ?? null;
  }

  /** The index of the document holding a file offset, or -1. */
  indexAt(uri: string, offset: number): number {
    return this.files.get(uri)?.documents.indexAt(offset) ?? -1;
  }

  private heldEdit(state: FileState): EditedLines | null {
    return state.edited && this.clock.now() - state.edited.at < this.holdMilliseconds ? state.edited : null;
  }

  private viewOf(state: FileState, result: DocumentResult, edited: EditedLines | null): { view: DocumentView; held: boolean } {
    const current = currentView(result);
    if (!edited || !hasSyntaxError(result) || !isKubernetesDocument(result)) return { view: current, held: false };
    const nearEdit = result.findings.some((f) => {
      if (f.code !== 'yaml-syntax') return false;
      const line = state.lines.positionAt(result.slice.start + f.start).line;
      return line >= edited.first - 1 && line <= edited.last + 1;
    });
    if (!nearEdit) return { view: current, held: false };
    const good = state.lastGood.get(result.slice.index);
    const view = good
      ? { result: good, base: result.slice.start, translate: spanTranslator(good.slice.text, result.slice.text) }
      : { ...current, result: { ...result, findings: result.findings.filter((f) => f.code !== 'yaml-syntax'), stops: false } };
    return { view, held: true };
  }
}
