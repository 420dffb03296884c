import { type ClusterContext, type ClusterObjects, isEmptyCluster, mayHoldClusterObjects, mergeClusterObjects, readClusterObjects } from '../engine/admission';
import { diskFileSystem } from '../runtime/disk';
import { normalizePath, type ReadonlyFileSystem } from '../sources/files';
import { pathOfUri } from './uris';

/**
 * The LimitRanges, ResourceQuotas, PriorityClasses and RuntimeClasses of the
 * workspace: read from its YAML files on disk once, then kept up to date from
 * open documents (their unsaved text wins) and files changed on disk. A file
 * that belongs to a chart or an overlay counts as its rendered output does
 * (a template is not YAML until rendered; a kustomization's `namespace:` is
 * in its built objects), so such a source is rendered when one of its files
 * may hold an object, and every render of a source reports its objects. The
 * analysis applies them to every pod (engine `admission/`); when they change,
 * every open document is analyzed again.
 */

/** The workspace's charts and overlays, as the cluster reads them. */
export interface RenderedSources {
  /** The charts or overlays a file belongs to, by key; empty for a plain file. */
  ownersOf(file: string): string[];
  /** The objects of a source's rendered output, rendering it if it is not up to date; null when it cannot be read. */
  objectsOf(owner: string): ClusterObjects | null;
}

const ignoredDirectories = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.e2e-cache']);
/** Bounds on the scan, so a huge folder never stalls the server. */
const MAX_SCANNED_DIRECTORIES = 5000;
const MAX_FILE_CHARACTERS = 2_000_000;

const isYaml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');

export class WorkspaceCluster {
  /** Per plain file path: the objects it holds (files without any are left out). */
  private readonly byFile = new Map<string, ClusterObjects>();
  /** Per chart or overlay: the objects of its last rendered output (sources without any are left out). */
  private readonly bySource = new Map<string, ClusterObjects>();
  /** Sources whose output has been read: their later renders report themselves. */
  private readonly tracked = new Set<string>();
  /** Open files, with the text that overrides the disk. */
  private readonly open = new Map<string, string>();
  private scanned = false;
  /** While the first read goes on, renders it asks for are merged at its end. */
  private scanning = false;
  private merged: ClusterContext | undefined;
  private key = '';

  constructor(
    private readonly roots: readonly string[],
    private readonly fs: ReadonlyFileSystem = diskFileSystem,
    private readonly sources: RenderedSources | null = null,
    /** `podLens.namespace`: the namespace of plain files' objects that name none. */
    private namespace = 'default',
  ) {}

  /** The objects to apply; undefined while the workspace holds none. */
  context(): ClusterContext | undefined {
    this.scan();
    return this.merged;
  }

  /** An open document's text (null when it closes: the disk's text counts again). Returns whether the objects changed. */
  edited(uri: string, text: string | null): boolean {
    const file = pathOfUri(uri) ?? uri;
    const first = this.scan();
    if (text === null) {
      this.open.delete(file);
      this.readFromDisk(file);
    } else {
      this.open.set(file, text);
      this.store(file, text);
    }
    // The first scan's objects are news too.
    return this.remerge() || (first && this.merged !== undefined);
  }

  /** Files changed on disk (watched files); open documents keep their own text. Returns whether the objects changed. */
  changedOnDisk(uris: readonly string[]): boolean {
    const first = this.scan();
    for (const uri of uris) {
      const file = pathOfUri(uri);
      if (file && !this.open.has(file)) this.readFromDisk(file);
    }
    return this.remerge() || (first && this.merged !== undefined);
  }

  /** A chart or an overlay was rendered (for the editor or for the cluster): its objects now. Returns whether the objects changed. */
  rendered(owner: string, objects: ClusterObjects): boolean {
    this.tracked.add(owner);
    if (isEmptyCluster(objects)) {
      if (!this.bySource.delete(owner)) return false;
    } else this.bySource.set(owner, objects);
    return this.scanned && !this.scanning && this.remerge();
  }

  /**
   * The namespace of objects that name none changed, or how charts render
   * (their values, their namespace): read everything again. Returns whether
   * the objects changed.
   */
  reset(namespace: string): boolean {
    const before = this.key;
    this.namespace = namespace;
    this.byFile.clear();
    this.bySource.clear();
    this.tracked.clear();
    this.scanned = false;
    this.scan();
    return this.key !== before;
  }

  /** Reads the workspace the first time; returns whether it did. */
  private scan(): boolean {
    if (this.scanned) return false;
    this.scanned = true;
    this.scanning = true;
    let directories = 0;
    const walk = (dir: string) => {
      if (directories++ > MAX_SCANNED_DIRECTORIES) return;
      const entries = this.fs.list(dir);
      if (!entries) return;
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory) {
          if (!ignoredDirectories.has(entry.name)) walk(file);
        } else if (isYaml(entry.name) && !this.open.has(file)) {
          this.readFromDisk(file);
        }
      }
    };
    for (const root of this.roots) walk(normalizePath(root));
    for (const [file, text] of this.open) this.store(file, text);
    this.scanning = false;
    this.remerge();
    return true;
  }

  private readFromDisk(file: string): void {
    // A UTF-8 file of more than three bytes per character the scan takes holds more characters than that (a huge manifest), and is not read.
    const bytes = this.fs.byteSize?.(file);
    const text = isYaml(file) && !(bytes !== undefined && bytes > 3 * MAX_FILE_CHARACTERS) ? this.fs.readText(file) : undefined;
    this.store(file, text !== undefined && text.length <= MAX_FILE_CHARACTERS ? text : '');
  }

  private store(file: string, text: string): void {
    // Most files hold none: they are not even looked up among the sources.
    if (!mayHoldClusterObjects(text)) {
      this.byFile.delete(file);
      return;
    }
    const owners = this.sources?.ownersOf(file) ?? [];
    if (owners.length > 0) {
      // Its objects are the rendered ones: a source not read yet is rendered now; one already read reports its next render itself.
      this.byFile.delete(file);
      for (const owner of owners) {
        if (this.tracked.has(owner)) continue;
        this.tracked.add(owner);
        const objects = this.sources!.objectsOf(owner);
        if (objects && !isEmptyCluster(objects)) this.bySource.set(owner, objects);
      }
      return;
    }
    // A chart's template outside any chart Pod Lens knows is not YAML until rendered ({{ }}); its objects are not read here.
    const objects = text.includes('{{') ? null : readClusterObjects(text, this.namespace);
    if (!objects || isEmptyCluster(objects)) this.byFile.delete(file);
    else this.byFile.set(file, objects);
  }

  private remerge(): boolean {
    const files = [...this.byFile.keys()].sort();
    const sources = [...this.bySource.keys()].sort();
    const objects = mergeClusterObjects([...files.map((file) => this.byFile.get(file)!), ...sources.map((owner) => this.bySource.get(owner)!)]);
    const key = JSON.stringify([this.namespace, objects]);
    if (key === this.key) return false;
    this.key = key;
    this.merged = files.length + sources.length === 0 ? undefined : { objects, namespace: this.namespace };
    return true;
  }
}
