import { DocumentResult, FileResult } from '../engine/analyze';
import { LineMap } from './positions';

/** One version of a file as the service sees it: the engine's results and the map to LSP positions. */
export interface AnalyzedFile {
  uri: string;
  /** The editor's version of the text, for edits that must apply to exactly this text. */
  version: number | null;
  file: FileResult;
  lines: LineMap;
}

export function analyzedFile(uri: string, version: number | null, file: FileResult): AnalyzedFile {
  return { uri, version, file, lines: new LineMap(file.text) };
}

const kubernetesHeader = /^apiVersion:[ \t]*\S/m;
const kindHeader = /^kind:[ \t]*\S/m;

/**
 * Whether a document gets anything from Pod Lens. Other YAML in the
 * workspace (CI files, Helm values, compose files) must stay silent; a
 * Kubernetes object whose YAML is broken still counts, by its top-level
 * `apiVersion:` and `kind:` lines, so that its syntax error is shown.
 */
export function isKubernetesDocument(document: DocumentResult): boolean {
  if (document.isKubernetesObject) return true;
  return kubernetesHeader.test(document.slice.text) && kindHeader.test(document.slice.text);
}

/**
 * A YAML document as the features present it. Usually the latest result at
 * its place in the file; while a half-typed line is held back, the last good
 * result of that document, whose offsets `translate` moves into the current
 * text.
 */
export interface DocumentView {
  result: DocumentResult;
  /** Offset of the document in the current text. */
  base: number;
  /** From an offset of `result` to one in the current document text. */
  translate: (offset: number) => number;
}

const identity = (offset: number) => offset;

export function currentViews(file: FileResult): DocumentView[] {
  return file.documents.map((result) => ({ result, base: result.slice.start, translate: identity }));
}
