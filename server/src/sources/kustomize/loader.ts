/**
 * Reading a kustomization tree through the read-only file system: the
 * kustomization file of a directory, resource files (YAML streams, `List`
 * objects unwrapped), the RootOnly load restrictor, and a cache of parsed files
 * so that a rebuild after one edit parses only the edited file.
 */
import type { ReadonlyFileSystem } from '../files';
import { normalizePath } from '../files';
import { BuildError, type Place } from './errors';
import { clone, getField, type KMap, type KNode, parseStream, type ParsedDocument } from './model';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${dir}/${path}`);
}

/** `path` relative to `root` (POSIX, `../` where it lies outside). */
export function relativePath(root: string, path: string): string {
  const from = root.split('/').filter(Boolean);
  const to = path.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  const up = from.slice(i).map(() => '..');
  const rel = [...up, ...to.slice(i)].join('/');
  return rel === '' ? '.' : rel;
}

export function isWithin(root: string, path: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : root + '/');
}

interface CachedParse {
  text: string;
  documents: ParsedDocument[];
  error?: { message: string; start: number; end: number };
}

/** Parsed files by display name, reused while their text is unchanged. */
const parseCache = new Map<string, CachedParse>();
const PARSE_CACHE_LIMIT = 2000;

export class Loader {
  constructor(
    readonly fs: ReadonlyFileSystem,
    /** The directory being built: every display path is relative to it. */
    readonly buildRoot: string,
  ) {}

  display(path: string): string {
    return relativePath(this.buildRoot, path);
  }

  isDirectory(path: string): boolean {
    return this.fs.list(path) !== undefined;
  }

  readText(path: string): string | undefined {
    return this.fs.readText(path);
  }

  /** kustomize's RootOnly restrictor: a file must lie in or below the kustomization's directory. */
  restrict(root: string, path: string, place: Place): void {
    if (!isWithin(root, path)) throw new BuildError(`security; file '${path}' is not in or below '${root}'`, place);
  }

  /** Loads a file for a kustomization rooted at `root`, as its loader would. */
  load(root: string, relative: string, place: Place): string {
    const path = joinPath(root, relative);
    this.restrict(root, path, place);
    const text = this.fs.readText(path);
    if (text === undefined) {
      if (this.isDirectory(path)) throw new BuildError(`read ${path}: is a directory`, place);
      throw new BuildError(`evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`, place);
    }
    return text;
  }

  /** The documents of a YAML file (parsed once per text; callers get fresh copies). */
  parse(path: string, text: string, uniqueKeys = true): CachedParse {
    const file = this.display(path);
    const key = `${this.buildRoot}\u0000${uniqueKeys}\u0000${file}`;
    let cached = parseCache.get(key);
    if (!cached || cached.text !== text) {
      const parsed = parseStream(text, file, uniqueKeys);
      cached = { text, documents: parsed.documents, error: parsed.error };
      if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.delete(parseCache.keys().next().value as string);
      parseCache.set(key, cached);
    }
    return cached;
  }

  /** The objects of a resource file: non-empty documents, each `List`'s items unwrapped. */
  objects(path: string, text: string, place: Place): Array<{ node: KMap; start: number; end: number }> {
    const parsed = this.parse(path, text);
    const file = this.display(path);
    if (parsed.error) {
      throw new BuildError(`MalformedYAMLError: ${parsed.error.message} in File: ${file}`, { file, start: parsed.error.start, end: parsed.error.end });
    }
    const out: Array<{ node: KMap; start: number; end: number }> = [];
    for (const doc of parsed.documents) {
      if (!doc.node) continue;
      const node = clone(doc.node);
      if (node.kind === 'scalar' && node.tag === 'null') continue;
      if (node.kind !== 'map') {
        throw new BuildError(`missing Resource metadata`, { file, start: doc.start, end: doc.end });
      }
      if (node.entries.length === 0) continue;
      const kind = getField(node, 'kind');
      const items = getField(node, 'items');
      if (kind?.kind === 'scalar' && /List$/.test(kind.value) && items && items.kind === 'seq') {
        for (const item of items.items)
          if (item.kind === 'map' && item.entries.length > 0)
            out.push({ node: item, start: item.origin?.start ?? doc.start, end: item.origin?.end ?? doc.end });
        continue;
      }
      out.push({ node, start: doc.start, end: doc.end });
    }
    void place;
    return out;
  }

  /** The parsed documents of a file as fresh trees. */
  documents(path: string, text: string, uniqueKeys = true): { nodes: KNode[]; error?: { message: string; start: number; end: number } } {
    const parsed = this.parse(path, text, uniqueKeys);
    return { nodes: parsed.documents.filter((d) => d.node).map((d) => clone(d.node as KNode)), error: parsed.error };
  }
}
