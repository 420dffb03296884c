/** A ReadonlyFileSystem over a directory of the disk, for tests over real charts. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { type DirectoryEntry, normalizePath, type ReadonlyFileSystem } from '../../../../server/src/sources/files';

export class DiskFileSystem implements ReadonlyFileSystem {
  constructor(private readonly root: string) {}

  private real(path: string): string {
    return join(this.root, normalizePath(path));
  }

  readText(path: string): string | undefined {
    const bytes = this.readBytes(path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  readBytes(path: string): Uint8Array | undefined {
    try {
      const real = this.real(path);
      if (!statSync(real).isFile()) return undefined;
      return new Uint8Array(readFileSync(real));
    } catch {
      return undefined;
    }
  }

  list(path: string): DirectoryEntry[] | undefined {
    try {
      const real = this.real(path);
      return readdirSync(real).map((name) => ({ name, isDirectory: statSync(join(real, name)).isDirectory() }));
    } catch {
      return undefined;
    }
  }
}

/** The repository's root, from the compiled test's location (out/test/sources/helm/chart). */
export const repositoryRoot = join(__dirname, '..', '..', '..', '..', '..');
