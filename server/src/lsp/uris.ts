import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizePath } from '../sources/files';

/** A `file:` URI's absolute POSIX path; null for any other scheme (those files are not read from disk). */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return normalizePath(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function uriOfPath(file: string): string {
  return pathToFileURL(file).toString();
}
