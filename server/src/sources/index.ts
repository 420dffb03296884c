import { type ReadonlyFileSystem, normalizePath } from './files';
import { type SourceMap } from './source-map';
import { type HelmOptions, renderChart } from './helm/chart';
import { sprigFunctions } from './helm/functions';
import { buildKustomization } from './kustomize/build';

/**
 * What turns a directory into the YAML stream the engine analyzes: a Helm
 * chart (`helm template`) or a kustomization (`kustomize build`). Either way
 * the result is text plus a source map into the files the user edits; the
 * engine analyzes the text as it would a plain file, and `placement.ts` moves
 * what it reports back to those files.
 */

export type SourceKind = 'chart' | 'kustomization';

/** The names kustomize looks for, in its order. */
export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Whether a directory is a kustomization or a chart (a kustomization wins: `kubectl apply -k` would use it). */
export function sourceKindOf(fs: ReadonlyFileSystem, dir: string): SourceKind | null {
  const entries = fs.list(normalizePath(dir));
  if (!entries) return null;
  const files = new Set(entries.filter((entry) => !entry.isDirectory).map((entry) => entry.name));
  if (kustomizationFileNames.some((name) => files.has(name))) return 'kustomization';
  if (files.has('Chart.yaml')) return 'chart';
  return null;
}

/** A problem of the render or build itself (a template error, a missing patch file), placed in the file to blame. */
export interface SourceProblem {
  severity: 'error' | 'warning';
  /** What a kustomize warning is about. */
  kind?: 'deprecation' | 'remote';
  message: string;
  /** Relative to the source's directory; absent when no file is to blame. */
  file?: string;
  start: number;
  end: number;
}

/** One document of the output, and the file its text came from (the template, the resource file). */
export interface OutputDocument {
  start: number;
  end: number;
  file?: string;
}

export interface RenderedSource {
  kind: SourceKind;
  /** The directory, absolute in the file system it was read from. */
  dir: string;
  /** What `helm template` or `kustomize build` prints. */
  text: string;
  sourceMap: SourceMap;
  documents: OutputDocument[];
  problems: SourceProblem[];
  /** What the tool exits with when it fails (`Error: …` from Helm, `error: …` from kubectl), else null. */
  failure: string | null;
  /** The files read (relative to `dir`): what an editor should watch. */
  files: string[];
}

export interface RenderSourceOptions {
  helm?: HelmOptions;
}

export function renderSource(fs: ReadonlyFileSystem, dir: string, kind: SourceKind, options: RenderSourceOptions = {}): RenderedSource {
  const root = normalizePath(dir);
  if (kind === 'chart') {
    // Helm's function map is sprig's: callers choose its clock and random source (the default is reproducible).
    const helm = options.helm ?? {};
    const result = renderChart(fs, root, { ...helm, functions: helm.functions ?? sprigFunctions() });
    return {
      kind,
      dir: root,
      text: result.text,
      sourceMap: result.sourceMap,
      documents: result.documents.map((d) => ({ start: d.start, end: d.end, file: d.file })),
      problems: result.errors.map((e) => ({ severity: 'error', message: e.message, file: e.file, start: e.start, end: e.end })),
      failure: result.helmError !== undefined ? `Error: ${result.helmError}` : null,
      files: [...new Set(result.sourceMap.segments.map((s) => s.file))],
    };
  }
  const result = buildKustomization(fs, root);
  const failed = result.errors.length > 0;
  return {
    kind,
    dir: root,
    text: result.text,
    sourceMap: result.sourceMap,
    documents: result.objects.map((o) => ({ start: o.start, end: o.end, file: o.origins[0]?.file })),
    problems: [...result.errors, ...result.warnings].map((d) => ({
      severity: d.severity,
      kind: d.kind,
      message: d.message,
      file: d.file,
      start: d.start,
      end: d.end,
    })),
    failure: failed ? `error: ${result.errors[0].message}` : null,
    files: result.files,
  };
}
