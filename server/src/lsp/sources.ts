import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { analyzeText, type AnalyzeOptions, type FileResult } from '../engine/analyze';
import { reanalyze } from '../engine/incremental';
import { type ClusterObjects, readClusterObjects } from '../engine/admission';
import { type RenderedSource, renderSource, type SourceKind, kustomizationFileNames, sourceKindOf } from '../sources';
import { type DirectoryEntry, normalizePath, OverlayFileSystem } from '../sources/files';
import { type HelmOptions } from '../sources/helm/chart';
import { StableRendering, sprigFunctions } from '../sources/helm/functions';
import { type FuncMap } from '../sources/helm/template';
import { diskFileSystem } from '../runtime/disk';
import { SourceAnalysis } from '../service/sourced';
import { type ChartValues, type ServiceSettings } from '../service/settings';

/**
 * The charts and overlays of the workspace, as the editor sees them: which
 * files belong to which chart or kustomization, the rendered or built output
 * with the editor's unsaved text on top of the disk, and its analysis.
 *
 * A file under a directory holding `Chart.yaml` belongs to that chart (a
 * subchart to its parent chart, which renders it); a file a kustomization
 * reads (a resource, a patch, a generator's source, the kustomization itself)
 * belongs to it, and to every overlay that builds on it. A file that belongs
 * to nothing is a plain file. Only `file:` URIs are read from disk.
 */

export { pathOfUri, uriOfPath } from './uris';

export interface SourceRef {
  kind: SourceKind;
  /** Absolute POSIX path of the chart or kustomization directory. */
  dir: string;
}

interface SourceState {
  ref: SourceRef;
  /** Changes of the files it read since it was rendered. */
  stale: boolean;
  rendered: RenderedSource | null;
  result: FileResult | null;
  /** The options `result` was made with: other options (the namespace's objects changed) analyze it afresh. */
  analyzedWith: AnalyzeOptions | null;
  analysis: SourceAnalysis | null;
  /** Absolute paths of the files it read, for change tracking. */
  reads: Set<string>;
}

/**
 * The disk as renders read it: a chart or an overlay reads every one of its
 * files on every keystroke, so what was read is kept with the file's stamp
 * (size, times, inode) and read again only when the stamp differs. A stamp is
 * one `stat`, a fraction of an open and a read; a directory's stamp changes
 * when an entry is added, removed or renamed.
 */
class StampedDisk {
  private readonly texts = new Map<string, { stamp: string; value: string | undefined }>();
  private readonly bytes = new Map<string, { stamp: string; value: Uint8Array | undefined }>();
  private readonly lists = new Map<string, { stamp: string; value: DirectoryEntry[] | undefined }>();

  // A directory has no text: kustomize asks for the text of every resource entry, directories included, and a failed read costs an exception.
  readText(file: string): string | undefined {
    return this.cached(this.texts, file, (stamp) => (isDirectoryStamp(stamp) ? undefined : diskFileSystem.readText(file)));
  }

  readBytes(file: string): Uint8Array | undefined {
    return this.cached(this.bytes, file, (stamp) => (isDirectoryStamp(stamp) ? undefined : diskFileSystem.readBytes(file)));
  }

  list(dir: string): DirectoryEntry[] | undefined {
    // Callers may sort or filter what they get: each gets its own array.
    return this.cached(this.lists, dir, () => diskFileSystem.list(dir))?.slice();
  }

  /** Forgets a file (the watcher says it changed): the next read goes to the disk whatever its stamp. */
  forget(file: string): void {
    this.texts.delete(file);
    this.bytes.delete(file);
    this.lists.delete(file);
    this.lists.delete(path.posix.dirname(file));
  }

  private cached<T>(cache: Map<string, { stamp: string; value: T | undefined }>, file: string, read: (stamp: string) => T | undefined): T | undefined {
    const stamp = stampOf(file);
    if (stamp === null) {
      cache.delete(file);
      return undefined;
    }
    const known = cache.get(file);
    if (known && known.stamp === stamp) return known.value;
    const value = read(stamp);
    if (cache.size >= MAX_CACHED_FILES) cache.delete(cache.keys().next().value as string);
    cache.set(file, { stamp, value });
    return value;
  }
}

const MAX_CACHED_FILES = 20_000;

function isDirectoryStamp(stamp: string): boolean {
  return stamp.startsWith('d:');
}

function stampOf(file: string): string | null {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.isDirectory() ? 'd' : 'f'}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : null;
  } catch {
    return null;
  }
}

const ignoredDirectories = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.e2e-cache']);
/** Bounds on the workspace scan for kustomization files, so a huge folder never stalls the server. */
const MAX_SCANNED_DIRECTORIES = 5000;

export class SourceAnalyses {
  private readonly disk = new StampedDisk();
  /** The disk, with the editor's text for the files it has open. */
  private readonly fs = new OverlayFileSystem(this.disk);
  private readonly states = new Map<string, SourceState>();
  private kustomizationDirs: string[] | null = null;
  private readonly owners = new Map<string, SourceRef[]>();
  /** Per file URI, the diagnostics last published for it from sources: a file that loses them gets an empty list. */
  readonly publishedFiles = new Set<string>();

  /** Told the LimitRanges, quotas and classes of every render (the workspace's cluster reads them). */
  onRendered: ((key: string, objects: ClusterObjects) => void) | null = null;

  constructor(
    private roots: string[],
    private settings: ServiceSettings,
    private readonly options: (ref: SourceRef) => AnalyzeOptions,
  ) {}

  setRoots(roots: string[]): void {
    this.roots = roots;
    this.forgetLayout();
  }

  updateSettings(settings: ServiceSettings): void {
    this.settings = settings;
    // New settings may render differently (values, namespace) and change the numbers of unchanged documents too (the node).
    for (const state of this.states.values()) {
      state.stale = true;
      state.result = null;
    }
  }

  /** The namespace of a source's objects that name none: a chart's release namespace, else `podLens.namespace`. */
  namespaceOf(ref: SourceRef): string {
    return ref.kind === 'chart' ? this.settings.helm.namespace : this.settings.namespace;
  }

  /** The LimitRanges, quotas and classes of a source's output, rendered now if it is not up to date. */
  clusterObjectsOf(ref: SourceRef): ClusterObjects {
    const state = this.stateOf(ref);
    if (state.stale || !state.rendered) this.render(state);
    return readClusterObjects(state.rendered!.text, this.namespaceOf(ref));
  }

  /** The chart or overlays a file belongs to (empty for a plain file). */
  ownersOf(file: string): SourceRef[] {
    const key = normalizePath(file);
    let owners = this.owners.get(key);
    if (!owners) {
      owners = this.findOwners(key);
      this.owners.set(key, owners);
    }
    return owners;
  }

  /** A file's text changed in the editor (or closed: null). Returns the sources that must be rendered again. */
  edited(file: string, text: string | null): SourceRef[] {
    const key = normalizePath(file);
    if (text === null) this.fs.texts.delete(key);
    else this.fs.texts.set(key, text);
    return this.changed(key);
  }

  /** A file changed on disk (created, changed, deleted). */
  changed(file: string): SourceRef[] {
    const key = normalizePath(file);
    this.disk.forget(key);
    const name = path.posix.basename(key);
    if ((kustomizationFileNames as readonly string[]).includes(name) || name === 'Chart.yaml') this.forgetLayout();
    const affected: SourceRef[] = [];
    for (const state of this.states.values()) {
      if (state.reads.has(key) || (state.ref.kind === 'chart' && key.startsWith(`${state.ref.dir}/`))) {
        state.stale = true;
        affected.push(state.ref);
      }
    }
    return affected;
  }

  private forgetLayout(): void {
    this.kustomizationDirs = null;
    this.graph = null;
    this.owners.clear();
  }

  private stateOf(ref: SourceRef): SourceState {
    const key = sourceKey(ref);
    let state = this.states.get(key);
    if (!state) {
      state = { ref, stale: true, rendered: null, result: null, analyzedWith: null, analysis: null, reads: new Set() };
      this.states.set(key, state);
    }
    return state;
  }

  private render(state: SourceState): void {
    const { ref } = state;
    const rendered = renderSource(this.fs, ref.dir, ref.kind, { helm: this.helmOptions(ref) });
    state.rendered = rendered;
    state.reads = new Set(rendered.files.map((file) => normalizePath(`${ref.dir}/${file}`)));
    state.stale = false;
    state.analysis = null;
    // Before the analysis: a LimitRange of this very output applies to its own pods.
    this.onRendered?.(sourceKey(ref), readClusterObjects(rendered.text, this.namespaceOf(ref)));
  }

  /** The analysis of a chart or overlay, rendered again if a file it read changed, analyzed again if the options changed. */
  analysis(ref: SourceRef): SourceAnalysis | null {
    const state = this.stateOf(ref);
    if (state.stale || !state.rendered) this.render(state);
    const options = this.options(ref);
    const same = state.analyzedWith !== null && sameOptions(state.analyzedWith, options);
    if (state.analysis && same) return state.analysis;
    const rendered = state.rendered!;
    const result = state.result && same ? reanalyze(state.result, rendered.text, options) : analyzeText(rendered.text, options);
    state.result = result;
    state.analyzedWith = options;
    state.analysis = new SourceAnalysis(rendered, result, options, (file) => this.fs.readText(`${ref.dir}/${file}`), this.labelOf(ref));
    return state.analysis;
  }

  /** The analysis of a source if it is rendered and up to date, without rendering it. */
  ready(ref: SourceRef): SourceAnalysis | null {
    const state = this.states.get(sourceKey(ref));
    return state && !state.stale ? state.analysis : null;
  }

  /** Every file (absolute path) that a source's analysis shows something in. */
  filesShownBy(ref: SourceRef): string[] {
    const analysis = this.analysis(ref);
    if (!analysis) return [];
    return [...analysis.files()].map((file) => normalizePath(`${ref.dir}/${file}`));
  }

  /** A file as seen by one of its sources: the path relative to the source's directory. */
  relative(ref: SourceRef, file: string): string {
    return path.posix.relative(ref.dir, normalizePath(file));
  }

  private labelOf(ref: SourceRef): string {
    const root = this.roots.find((r) => ref.dir === r || ref.dir.startsWith(`${r}/`));
    const shown = root ? path.posix.relative(root, ref.dir) || path.posix.basename(ref.dir) : ref.dir;
    return ref.kind === 'chart' ? `chart ${shown}` : `overlay ${shown}`;
  }

  /** Per chart, one function map: a fixed clock, a random stream seeded by the chart and restarted at each render, and keys made once. */
  private readonly functions = new Map<string, { functions: FuncMap; stable: StableRendering }>();

  private helmOptions(ref: SourceRef): HelmOptions {
    const helm = this.settings.helm;
    const chart = this.chartValues(ref);
    const values = (chart?.valuesFiles ?? helm.valuesFiles).filter((file) => this.fs.readText(normalizePath(`${ref.dir}/${file}`)) !== undefined);
    return {
      releaseName: helm.releaseName,
      namespace: helm.namespace,
      values,
      set: [...(chart?.set ?? helm.set)],
      baseDir: ref.dir,
      ...(helm.kubeVersion ? { kubeVersion: helm.kubeVersion } : {}),
      functions: this.functionsFor(ref.dir),
    };
  }

  /** The `podLens.helm.charts` entry for a chart: its directory relative to a workspace folder, or absolute. */
  private chartValues(ref: SourceRef): ChartValues | undefined {
    const charts = this.settings.helm.charts;
    if (charts.size === 0) return undefined;
    for (const root of this.roots) {
      const base = normalizePath(root);
      if (ref.dir !== base && !ref.dir.startsWith(`${base}/`)) continue;
      const entry = charts.get(path.posix.relative(base, ref.dir) || '.');
      if (entry) return entry;
    }
    return charts.get(ref.dir);
  }

  private functionsFor(dir: string): FuncMap {
    let entry = this.functions.get(dir);
    if (!entry) {
      const stable = new StableRendering(dir);
      entry = { functions: sprigFunctions({ now: this.startedAt, random: stable, keys: stable }), stable };
      this.functions.set(dir, entry);
    }
    entry.stable.beginRender();
    return entry.functions;
  }

  private readonly startedAt = Date.now();

  private findOwners(file: string): SourceRef[] {
    const chart = this.chartOf(file);
    if (chart) return [{ kind: 'chart', dir: chart }];
    const owners = this.kustomizationsReading(file).map((dir): SourceRef => ({ kind: 'kustomization', dir }));
    const preferred = this.settings.kustomize.preferredOverlay;
    if (preferred) owners.sort((a, b) => Number(!a.dir.endsWith(preferred)) - Number(!b.dir.endsWith(preferred)));
    return owners;
  }

  /** The outermost chart whose directory holds the file: a subchart (`charts/x/`) is rendered by its parent. */
  private chartOf(file: string): string | null {
    let dir = path.posix.dirname(file);
    let chart: string | null = null;
    for (let depth = 0; depth < 64 && dir !== '/'; depth++) {
      if (this.fs.readText(`${dir}/Chart.yaml`) !== undefined) {
        if (chart === null || path.posix.basename(path.posix.dirname(chart)) === 'charts') chart = dir;
        else break;
      }
      dir = path.posix.dirname(dir);
    }
    return chart;
  }

  /**
   * The kustomizations that read a file, read off the kustomization files
   * themselves (no build): those that name it (a resource, a patch, a
   * generator's file…) or hold it (their own kustomization file), and every
   * kustomization that includes one of those as a resource or component, on up.
   */
  private kustomizationsReading(file: string): string[] {
    const graph = this.referenceGraph();
    const owners = new Set<string>();
    for (const [dir, refs] of graph) if (refs.files.has(file) || path.posix.dirname(file) === dir) owners.add(dir);
    for (let grew = true; grew;) {
      grew = false;
      for (const [dir, refs] of graph) {
        if (owners.has(dir)) continue;
        if ([...refs.dirs].some((included) => owners.has(included))) {
          owners.add(dir);
          grew = true;
        }
      }
    }
    // The overlays that include the most come last: a base's own kustomization answers first.
    return [...owners].sort((a, b) => (graph.get(a)?.dirs.size ?? 0) - (graph.get(b)?.dirs.size ?? 0) || a.localeCompare(b));
  }

  private graph: Map<string, { files: Set<string>; dirs: Set<string> }> | null = null;

  private referenceGraph(): Map<string, { files: Set<string>; dirs: Set<string> }> {
    if (this.graph) return this.graph;
    const graph = new Map<string, { files: Set<string>; dirs: Set<string> }>();
    for (const dir of this.allKustomizations()) {
      const text = kustomizationFileNames.map((name) => this.fs.readText(`${dir}/${name}`)).find((t) => t !== undefined);
      const refs = { files: new Set<string>(), dirs: new Set<string>() };
      for (const entry of text === undefined ? [] : kustomizationReferences(text)) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('github.com/')) continue;
        const target = normalizePath(`${dir}/${entry}`);
        if (diskFileSystem.list(target)) refs.dirs.add(target);
        else refs.files.add(target);
      }
      graph.set(dir, refs);
    }
    this.graph = graph;
    return graph;
  }

  private allKustomizations(): string[] {
    if (this.kustomizationDirs) return this.kustomizationDirs;
    const found: string[] = [];
    let scanned = 0;
    const walk = (dir: string) => {
      if (scanned++ > MAX_SCANNED_DIRECTORIES) return;
      const entries = diskFileSystem.list(dir);
      if (!entries) return;
      if (sourceKindOf(this.fs, dir) === 'kustomization') found.push(dir);
      for (const entry of entries) if (entry.isDirectory && !ignoredDirectories.has(entry.name) && !entry.name.startsWith('.')) walk(`${dir}/${entry.name}`);
    };
    for (const root of this.roots) walk(normalizePath(root));
    this.kustomizationDirs = found;
    return found;
  }
}

/** The key of a source in maps and in the cluster: `chart:/abs/dir`. */
export function sourceKey(ref: SourceRef): string {
  return `${ref.kind}:${ref.dir}`;
}

/** A source's ref from its key. */
export function sourceOfKey(key: string): SourceRef {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as SourceKind, dir: key.slice(at + 1) };
}

/** Whether two option sets give the same analysis: the same node and the same namespace objects (each change makes new ones). */
function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  return a.node === b.node && a.cluster?.objects === b.cluster?.objects && a.cluster?.namespace === b.cluster?.namespace;
}

/** Every path a kustomization file names: resources, components, patches, generators' files, transformers… */
export function kustomizationReferences(text: string): string[] {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const k = value as Record<string, unknown>;
  const paths: string[] = [];
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  const pathsOf = (list: unknown) =>
    Array.isArray(list) ? list.map((item) => (item as { path?: unknown } | null)?.path).filter((p): p is string => typeof p === 'string') : [];
  for (const key of ['resources', 'bases', 'components', 'transformers', 'generators', 'validators', 'configurations', 'crds']) paths.push(...strings(k[key]));
  // An inline strategic-merge patch is YAML text, not a path.
  paths.push(...strings(k.patchesStrategicMerge).filter((entry) => !entry.includes('\n')));
  paths.push(...pathsOf(k.patches), ...pathsOf(k.patchesJson6902), ...pathsOf(k.replacements));
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    for (const generator of Array.isArray(k[key]) ? (k[key] as Record<string, unknown>[]) : []) {
      if (typeof generator !== 'object' || generator === null) continue;
      for (const entry of strings(generator.files)) paths.push(entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry);
      paths.push(...strings(generator.envs));
      if (typeof generator.env === 'string') paths.push(generator.env);
    }
  }
  const openapi = (k.openapi as { path?: unknown } | undefined)?.path;
  if (typeof openapi === 'string') paths.push(openapi);
  return paths;
}
