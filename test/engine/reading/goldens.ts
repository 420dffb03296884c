/**
 * The golden files of kubectl's reading (test/data/kubectl-read): the corpus
 * of cases and what kubectl v1.32 printed for each, made by
 * `node scripts/kubectl-goldens.mjs goldens`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isJsonObject, JsonNumber, type JsonValue, sortedKeys } from '../../../server/src/engine/reading/decode';
import { parseJsonValue } from '../../../server/src/engine/reading/json-stream';
import { decodeKubectlBytes } from '../../../server/src/engine/reading/stream';
import { readKubectlFile } from '../../../server/src/engine/reading/reader';
import { kubectlDocumentObjects } from '../../../server/src/engine/reading/objects-of';
import { type KubectlError, kubectlStderr } from '../../../server/src/engine/reading/objects';
import { emulateKubectl } from '../../../server/src/engine/reading/emulate';

export const dataDir = path.resolve(__dirname, '../../../../test/data/kubectl-read');

export interface Golden {
  status: number;
  /** The objects kubectl printed, compact JSON with its number tokens. */
  objects: string[];
  /** kubectl's error output, the file's path replaced by FILE. */
  stderr: string;
}

export interface GoldenCase extends Golden {
  name: string;
  /** The file's text as kubectl decodes its bytes (a UTF-16 file by its byte order mark). */
  text: string;
}

let cache: GoldenCase[] | null = null;

export function goldenCases(): GoldenCase[] {
  if (cache) return cache;
  const goldens = JSON.parse(readFileSync(path.join(dataDir, 'goldens.json'), 'utf8')) as { cases: Record<string, Golden> };
  cache = Object.entries(goldens.cases).map(([name, golden]) => ({
    name,
    ...golden,
    text: decodeKubectlBytes(readFileSync(path.join(dataDir, 'cases', name))),
  }));
  return cache;
}

/** One spelling of a JSON value: keys sorted, strings as JSON.stringify writes them, numbers as their text. */
export function canonicalJson(v: JsonValue): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (isJsonObject(v))
    return (
      '{' +
      sortedKeys(v)
        .map((k) => JSON.stringify(k) + ':' + canonicalJson(v[k]))
        .join(',') +
      '}'
    );
  return '?';
}

export function canonicalGoldenObject(text: string): string {
  return canonicalJson(parseJsonValue(text, 0, text.length));
}

/** kubectl patch says this when a file holds no object; other commands say it their way. */
export const NO_OBJECTS = 'error: no objects passed to patch\n';

/** kubectl's output for a file, as the reader sees it. */
export function readerOutput(text: string): { objects: string[]; stderr: string; unfollowed: string[] } {
  const { file, parsed } = readKubectlFile(text);
  const objects: string[] = [];
  const errors: KubectlError[] = [];
  const unfollowed: string[] = [];
  let stopped = false;
  for (const [i, document] of file.documents.entries()) {
    if (document.unread) break;
    if (document.error?.origin === 'reader') {
      unfollowed.push(`document ${i}: ${document.error.message}`);
      continue;
    }
    const result = kubectlDocumentObjects(text, document, parsed[i]);
    objects.push(...result.objects.map((o) => canonicalJson(o.value)));
    const itemErrors = result.errors.filter((e) => e.listItem);
    for (const e of result.errors.filter((e) => !e.listItem)) errors.push({ message: e.kubectl });
    if (itemErrors.length > 0) errors.push({ itemMessages: itemErrors.map((e) => e.kubectl), items: [] });
    if (result.errors.some((e) => e.fatal)) {
      stopped = true;
      break;
    }
  }
  if (!stopped && file.error) errors.push({ message: file.error.kubectl });
  let stderr = kubectlStderr(errors);
  if (stderr === '' && objects.length === 0) stderr = NO_OBJECTS;
  return { objects, stderr, unfollowed };
}

/** kubectl's output for a file, as the go-yaml model alone (no `yaml` package) sees it. */
export function emulatedOutput(text: string): { objects: string[]; stderr: string } {
  const r = emulateKubectl(text);
  let stderr = kubectlStderr(r.errors);
  if (stderr === '' && r.objects.length === 0) stderr = NO_OBJECTS;
  return { objects: r.objects.map(canonicalJson), stderr };
}
