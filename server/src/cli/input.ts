import { promises as fs } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { statSync } from 'node:fs';
import { type CliIo, UsageError } from './io';
import type { SourceKind } from '../sources';
import { diskFileSystem } from '../runtime/disk';
import { renderers } from './renderers';

/** A YAML file (or `-`, standard input) as text, or a `UsageError` that says why it cannot be read. */
export async function readInput(file: string, io: CliIo, command: string): Promise<string> {
  if (file === '-') return io.readStdin();
  const resolved = path.resolve(io.cwd, file);
  let stat;
  try {
    stat = await fs.stat(resolved);
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  if (stat.isDirectory()) throw new UsageError(`${file}: is a directory (give the YAML files, e.g. ${path.join(file, '*.yaml')})`);
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(resolved);
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return decodeYaml(file, buffer, io, command);
}

/**
 * YAML streams are UTF-8 or, with a byte order mark, UTF-16 (YAML 1.2 §5.2;
 * kubectl reads both). NUL bytes elsewhere mean a binary file. Invalid UTF-8
 * is still analyzed (the bad bytes read as U+FFFD), with a warning, because
 * the rest of the file is usually fine and worth checking.
 */
export function decodeYaml(file: string, buffer: Buffer, io: CliIo, command: string): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe && !(buffer[2] === 0 && buffer[3] === 0)) {
    return buffer.subarray(2, buffer.length - (buffer.length % 2)).toString('utf16le');
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)))
      .swap16()
      .toString('utf16le');
  }
  if (buffer.subarray(0, 8192).includes(0)) throw new UsageError(`${file}: is a binary file, not YAML`);
  if (!isUtf8(buffer)) {
    io.stderr(`pod-lens ${command}: ${file}: not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(buffer)}); invalid bytes are read as U+FFFD\n`);
  }
  return buffer.toString('utf8');
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return -1;
}

/**
 * A path that names a chart or a kustomization directory, with its kind; null
 * for anything else (a file, or a path that does not exist: `readInput` says
 * what is wrong with those). A directory that is neither is a usage error.
 */
export function sourceAt(file: string, io: CliIo): { dir: string; kind: SourceKind } | null {
  const dir = path.resolve(io.cwd, file);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    return null;
  }
  if (!isDirectory) return null;
  const kind = renderers().sources.sourceKindOf(diskFileSystem, dir);
  if (!kind) throw new UsageError(`${file}: is a directory with no Chart.yaml or kustomization.yaml (give a chart, an overlay, or the YAML files)`);
  return { dir, kind };
}
