/**
 * The files a source (a chart, a kustomization) is read from. Synchronous so
 * that rendering and building stay pure functions of their inputs: the host
 * (the CLI over the disk, the language server over its workspace index with
 * unsaved editors on top) decides what a path holds. Paths are POSIX, absolute
 * within the file system (`/chart/templates/x.yaml`); nothing outside it exists.
 */
export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

export interface ReadonlyFileSystem {
  /** A file's text (UTF-8), or undefined when there is no such file. */
  readText(path: string): string | undefined;
  /** A file's bytes, or undefined when there is no such file. */
  readBytes(path: string): Uint8Array | undefined;
  /** A directory's entries in no particular order, or undefined when there is no such directory. */
  list(path: string): DirectoryEntry[] | undefined;
  /** A file's size in bytes without reading it, where the file system can tell; undefined otherwise. */
  byteSize?(path: string): number | undefined;
}

/** An in-memory file system: what tests and the editor's unsaved buffers use. */
export class MemoryFileSystem implements ReadonlyFileSystem {
  private readonly files = new Map<string, string | Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(normalizePath(path), content);
  }

  delete(path: string): void {
    this.files.delete(normalizePath(path));
  }

  readText(path: string): string | undefined {
    const content = this.files.get(normalizePath(path));
    if (content === undefined) return undefined;
    return typeof content === 'string' ? content : new TextDecoder().decode(content);
  }

  readBytes(path: string): Uint8Array | undefined {
    const content = this.files.get(normalizePath(path));
    if (content === undefined) return undefined;
    return typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }

  list(path: string): DirectoryEntry[] | undefined {
    const prefix = normalizePath(path).replace(/\/$/, '') + '/';
    const entries = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      if (name) entries.set(name, (entries.get(name) ?? false) || slash !== -1);
    }
    if (entries.size === 0) return prefix === '/' ? [] : undefined;
    return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }
}

/** `a//b/./c/../d` → `/a/b/d`: the one spelling of a path that every lookup uses. */
/**
 * Another file system with some files' text put on top: the editor's unsaved
 * buffers over the disk, or a file a build writes for a tool it runs (the
 * merged values kustomize hands Helm). Directory listings are the base's.
 */
export class OverlayFileSystem implements ReadonlyFileSystem {
  /** Texts by normalized path. */
  readonly texts = new Map<string, string>();

  constructor(private readonly base: ReadonlyFileSystem) {}

  readText(path: string): string | undefined {
    const key = normalizePath(path);
    return this.texts.get(key) ?? this.base.readText(key);
  }

  readBytes(path: string): Uint8Array | undefined {
    const key = normalizePath(path);
    const text = this.texts.get(key);
    return text !== undefined ? new TextEncoder().encode(text) : this.base.readBytes(key);
  }

  list(path: string): DirectoryEntry[] | undefined {
    return this.base.list(normalizePath(path));
  }

  byteSize(path: string): number | undefined {
    const key = normalizePath(path);
    return this.texts.has(key) ? undefined : this.base.byteSize?.(key);
  }
}

export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}
