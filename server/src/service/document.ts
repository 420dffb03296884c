import { type AnalyzeOptions, redetailDocument, defaultNode, type DocumentDetail, type DocumentResult, type FileResult } from '../engine/analyze';
import { documentIndexAt, type DocumentSlice } from '../engine/documents';
import { LineMap } from './positions';

/**
 * One version of a file as the service sees it: the engine's compact results,
 * the map to LSP positions, and the way back to a document's syntax tree.
 */
export interface AnalyzedFile {
  uri: string;
  /** The editor's version of the text, for edits that must apply to exactly this text. */
  version: number | null;
  lines: LineMap;
  /** Every document's result; on a big file still being analyzed, reading it finishes the analysis. */
  readonly file: FileResult;
  readonly documentCount: number;
  /** Document `index` of the file, analyzed now if it was waiting; null past the last one. */
  document(index: number): DocumentResult | null;
  /** The document holding a file offset (the end of the text belongs to the last one). */
  documentAt(offset: number): DocumentResult | null;
  /** The documents that overlap `[start, end]` (inclusive at both ends), in file order. */
  documentsIn(start: number, end: number): DocumentResult[];
  /** The document with its syntax tree: re-parsed on demand, recent ones cached. */
  detail(document: DocumentResult): DocumentDetail;
}

/**
 * Recently re-parsed documents. Results keep no syntax trees (a tree per
 * document of a big file would hold hundreds of MiB), so a hover or a code
 * action parses its document again; someone hovering around one workload
 * keeps hitting the same few.
 *
 * The key is the result's `findings` array: every analysis makes a new one,
 * and a result moved by an edit elsewhere keeps it, so a key stands for one
 * analysis of one text, wherever that text now sits.
 */
export class DetailCache {
  private readonly entries = new Map<object, DocumentDetail>();

  constructor(private readonly size = 8) {}

  get(document: DocumentResult, options: AnalyzeOptions): DocumentDetail {
    const key = document.findings;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const detail = redetailDocument(document, options);
    this.entries.set(key, detail);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as object);
    return detail;
  }

  /** The detail of a result just analyzed (the same tree and numbers `get` would rebuild), kept as the most recent. */
  put(document: DocumentResult, detail: DocumentDetail): void {
    const key = document.findings;
    this.entries.delete(key);
    this.entries.set(key, detail);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as object);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** An analyzed file from a finished `FileResult` (the CLI-style, all-at-once analysis). */
export function analyzedFile(
  uri: string,
  version: number | null,
  file: FileResult,
  options: AnalyzeOptions = { node: defaultNode },
  details: DetailCache = new DetailCache(),
  lines: LineMap = new LineMap(file.text),
): AnalyzedFile {
  const documents = file.documents;
  const slices = documents.map((document) => document.slice);
  return {
    uri,
    version,
    lines,
    file,
    documentCount: documents.length,
    document: (index) => documents[index] ?? null,
    documentAt: (offset) => documents[documentIndexAt(slices, offset)] ?? null,
    documentsIn: (start, end) => documents.filter((d) => d.slice.start <= end && d.slice.end >= start),
    detail: (document) => details.get(document, options),
  };
}

const kubernetesHeader = /^apiVersion:[ \t]*\S/m;
const kindHeader = /^kind:[ \t]*\S/m;
const jsonApiVersion = /"apiVersion"\s*:/;
const jsonKind = /"kind"\s*:/;

/** Whether text that holds no document kubectl could read (a JSON stream broken at once) is still meant as Kubernetes objects. */
export function looksLikeKubernetes(text: string): boolean {
  return (kubernetesHeader.test(text) && kindHeader.test(text)) || (jsonApiVersion.test(text) && jsonKind.test(text));
}

/**
 * Whether a document gets anything from Pod Lens. Other YAML in the
 * workspace (CI files, Helm values, compose files) must stay silent; a
 * Kubernetes object whose YAML is broken still counts, by its top-level
 * `apiVersion:` and `kind:` lines, so that its syntax error is shown.
 */
export function isKubernetesDocument(document: { isKubernetesObject: boolean; slice: DocumentSlice }): boolean {
  if (document.isKubernetesObject) return true;
  return kubernetesHeader.test(document.slice.text) && kindHeader.test(document.slice.text);
}

/** From a span of a view's result to the same text in the current document, or null when that text is gone. */
export type SpanTranslation = (start: number, end: number) => { start: number; end: number } | null;

/**
 * A YAML document as the features present it. Usually the latest result at
 * its place in the file; while a half-typed line is held back, the last good
 * result of that document, whose spans `translate` moves into the current
 * text.
 */
export interface DocumentView {
  result: DocumentResult;
  /** Offset of the document in the current text. */
  base: number;
  translate: SpanTranslation;
}

const identity: SpanTranslation = (start, end) => ({ start, end });

export function currentView(result: DocumentResult): DocumentView {
  return { result, base: result.slice.start, translate: identity };
}

export function currentViews(file: FileResult): DocumentView[] {
  return file.documents.map(currentView);
}
