import { type ClusterContext, type ClusterObjects, mayHoldClusterObjects, mergeClusterObjects, readClusterObjects } from '../engine/admission';
import { diskFileSystem } from '../runtime/disk';
import { normalizePath, type ReadonlyFileSystem } from '../sources/files';
import { pathOfUri } from './uris';

/**
 * The LimitRanges, ResourceQuotas, PriorityClasses and RuntimeClasses of the
 * workspace: read from its YAML files on disk once, then kept up to date from
 * open documents (their unsaved text wins) and files changed on disk. The
 * analysis applies them to every pod (engine `admission/`); when they change,
 * every open document is analyzed again.
 */

const ignoredDirectories = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.e2e-cache']);
/** Bounds on the scan, so a huge folder never stalls the server. */
const MAX_SCANNED_DIRECTORIES = 5000;
const MAX_FILE_CHARACTERS = 2_000_000;

const isYaml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');

export class WorkspaceCluster {
  /** Per file path: the objects it holds (files without any are left out). */
  private readonly byFile = new Map<string, ClusterObjects>();
  /** Files whose open text overrides the disk. */
  private readonly open = new Set<string>();
  private scanned = false;
  private merged: ClusterContext | undefined;
  private key = '';

  constructor(
    private readonly roots: readonly string[],
    private readonly fs: ReadonlyFileSystem = diskFileSystem,
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
      this.open.add(file);
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

  /** Reads the workspace the first time; returns whether it did. */
  private scan(): boolean {
    if (this.scanned) return false;
    this.scanned = true;
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
    this.remerge();
    return true;
  }

  private readFromDisk(file: string): void {
    const text = isYaml(file) ? this.fs.readText(file) : undefined;
    this.store(file, text !== undefined && text.length <= MAX_FILE_CHARACTERS ? text : '');
  }

  private store(file: string, text: string): void {
    // A chart's template is not YAML until rendered ({{ }}); its objects are not read here.
    const objects = mayHoldClusterObjects(text) && !text.includes('{{') ? readClusterObjects(text) : null;
    const empty = !objects || objects.limitRanges.length + objects.resourceQuotas.length + objects.priorityClasses.length + objects.runtimeClasses.length === 0;
    if (empty) this.byFile.delete(file);
    else this.byFile.set(file, objects);
  }

  private remerge(): boolean {
    const files = [...this.byFile.keys()].sort();
    const objects = mergeClusterObjects(files.map((file) => this.byFile.get(file)!));
    const key = JSON.stringify(objects);
    if (key === this.key) return false;
    this.key = key;
    this.merged = files.length === 0 ? undefined : { objects };
    return true;
  }
}
