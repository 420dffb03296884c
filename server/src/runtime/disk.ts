import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { type DirectoryEntry, type ReadonlyFileSystem } from '../sources/files';

/** The disk as charts and overlays are read from it by the CLI: absolute POSIX paths, nothing but reads. */
export const diskFileSystem: ReadonlyFileSystem = {
  byteSize(file: string): number | undefined {
    try {
      return statSync(file).size;
    } catch {
      return undefined;
    }
  },
  readText(file: string): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  readBytes(file: string): Uint8Array | undefined {
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  },
  list(dir: string): DirectoryEntry[] | undefined {
    try {
      return readdirSync(dir, { withFileTypes: true }).map((entry) => ({
        name: entry.name,
        // A symbolic link to a directory is a directory for Helm's loader and for kustomize.
        isDirectory: entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(dir, entry.name))),
      }));
    } catch {
      return undefined;
    }
  },
};

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
