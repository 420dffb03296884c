/**
 * Chart archives (`.tgz`): gzip through node's zlib, then a tar reader for
 * the formats Go's archive/tar reads and `helm package` writes (ustar with
 * its name prefix, PAX `path` records, GNU long names).
 */
import { gunzipSync } from 'zlib';

export interface TarEntry {
  name: string;
  data: Uint8Array;
  isDirectory: boolean;
}

const maxDecompressedChartSize = 100 * 1024 * 1024;
const maxDecompressedFileSize = 5 * 1024 * 1024;

function readString(block: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && block[end] !== 0) end++;
  return new TextDecoder().decode(block.subarray(offset, end));
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  if (block[offset] & 0x80) {
    // GNU base-256 encoding for large sizes.
    let value = 0;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i];
    return value;
  }
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function parsePax(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = new TextDecoder().decode(data);
  let position = 0;
  while (position < text.length) {
    const space = text.indexOf(' ', position);
    if (space < 0) break;
    const length = parseInt(text.slice(position, space), 10);
    if (!(length > 0)) break;
    const record = text.slice(space + 1, position + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    position += length;
  }
  return records;
}

/** The entries of an uncompressed tar stream; throws Error with Go's archive/tar wording on a broken stream. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = readOctal(header, 124, 12);
    if (!Number.isFinite(size) || size < 0) throw new Error('archive/tar: invalid tar header');
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + 512;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new Error('unexpected EOF');
    const data = tar.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = parsePax(data).get('path') ?? paxPath;
      continue;
    }
    if (type === 'g') continue;
    if (type === 'L') {
      longName = readString(data, 0, data.length);
      continue;
    }
    let name = readString(header, 0, 100);
    const magic = readString(header, 257, 6);
    if (magic.startsWith('ustar')) {
      const prefix = readString(header, 345, 155);
      if (prefix && magic === 'ustar') name = `${prefix}/${name}`;
    }
    if (longName !== undefined) name = longName;
    if (paxPath !== undefined) name = paxPath;
    longName = undefined;
    paxPath = undefined;
    entries.push({ name, data, isDirectory: type === '5' || (type === '0' && name.endsWith('/') && size === 0) });
  }
  return entries;
}

export interface ArchiveFile {
  /** The path inside the chart (the archive's top directory removed). */
  name: string;
  /** The entry's full name in the archive. */
  entryName: string;
  data: Uint8Array;
}

/** loader.LoadArchiveFiles: the chart's files from a gzipped tar, or Helm's error message. */
export function loadArchiveFiles(bytes: Uint8Array): { files: ArchiveFile[] } | { error: string } {
  let tar: Uint8Array;
  try {
    tar = new Uint8Array(gunzipSync(bytes));
  } catch {
    return { error: 'gzip: invalid header' };
  }
  let entries: TarEntry[];
  try {
    entries = readTar(tar);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const files: ArchiveFile[] = [];
  let remaining = maxDecompressedChartSize;
  for (const entry of entries) {
    if (entry.isDirectory) continue;
    const delimiter = entry.name.includes('\\') ? '\\' : '/';
    const parts = entry.name.split(delimiter);
    let name = parts.slice(1).join('/');
    if (name.startsWith('/')) return { error: 'chart illegally contains absolute paths' };
    name = cleanPath(name);
    if (name === '.') return { error: `chart illegally contains content outside the base directory: "${entry.name}"` };
    if (name.startsWith('..')) return { error: 'chart illegally references parent directory' };
    if (/^[a-zA-Z]:\//.test(name)) return { error: 'chart contains illegally named files' };
    if (parts[0] === 'Chart.yaml') return { error: 'chart yaml not in base directory' };
    if (entry.data.length > remaining) return { error: `decompressed chart is larger than the maximum file size ${maxDecompressedChartSize}` };
    if (entry.data.length > maxDecompressedFileSize) {
      return { error: `decompressed chart file "${entry.name}" is larger than the maximum file size ${maxDecompressedFileSize}` };
    }
    remaining -= entry.data.length;
    files.push({ name, entryName: entry.name, data: trimBom(entry.data) });
  }
  if (files.length === 0) return { error: 'no files in chart archive' };
  return { files };
}

/** Go's path.Clean. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

export function trimBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}
