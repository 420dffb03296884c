/**
 * Runs a Helm conformance sample (a directory with `chart/`, `args.json`,
 * `expected.yaml` or `expected/`, or `expected-error.txt`) and compares the
 * rendered documents with Helm's as parsed YAML 1.1: the same objects, keys
 * and values, in any order and any formatting.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { type FuncMap } from '../../../../server/src/sources/helm/template/funcs';
import { type HelmOptions, renderChart, type RenderResult } from '../../../../server/src/sources/helm/chart/render';
import { DiskFileSystem } from './disk';

export interface SampleArgs {
  releaseName?: string;
  namespace?: string;
  values?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setFile?: string[];
  kubeVersion?: string;
  apiVersions?: string[];
  showOnly?: string[] | null;
  isUpgrade?: boolean;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
  nameTemplate?: string;
  expectError?: boolean;
}

export interface SampleOutcome {
  name: string;
  ok: boolean;
  /** What differs, for the test's failure message. */
  detail: string;
  result: RenderResult;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The non-empty documents of a YAML stream, as kubectl would read them (YAML 1.1). */
export function parseStream(text: string): { documents: string[]; errors: string[] } {
  const documents: string[] = [];
  const errors: string[] = [];
  for (const document of parseAllDocuments(text, { version: '1.1', uniqueKeys: false })) {
    if (document.errors.length > 0) errors.push(document.errors[0].message);
    const value = document.toJS({ maxAliasCount: -1 }) as unknown;
    if (value === null || value === undefined) continue;
    documents.push(canonical(value));
  }
  return { documents, errors };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

export function optionsFromArgs(args: SampleArgs): HelmOptions {
  return {
    releaseName: args.releaseName,
    namespace: args.namespace,
    values: args.values,
    set: args.set,
    setString: args.setString,
    setJson: args.setJson,
    setFile: args.setFile,
    kubeVersion: args.kubeVersion,
    apiVersions: args.apiVersions,
    showOnly: args.showOnly,
    isUpgrade: args.isUpgrade,
    includeCrds: args.includeCrds,
    skipTests: args.skipTests,
    noHooks: args.noHooks,
    nameTemplate: args.nameTemplate,
  };
}

/** Compares two document lists as multisets. */
export function compareDocuments(actual: string[], expected: string[]): string {
  const remaining = new Map<string, number>();
  for (const document of expected) remaining.set(document, (remaining.get(document) ?? 0) + 1);
  const extra: string[] = [];
  for (const document of actual) {
    const count = remaining.get(document) ?? 0;
    if (count > 0) remaining.set(document, count - 1);
    else extra.push(document);
  }
  const missing = [...remaining].flatMap(([document, count]) => Array(count).fill(document) as string[]);
  if (extra.length === 0 && missing.length === 0) return '';
  return [...missing.map((d) => `missing: ${d.slice(0, 600)}`), ...extra.map((d) => `unexpected: ${d.slice(0, 600)}`)].join('\n');
}

export function runSample(dir: string, functions?: FuncMap): SampleOutcome {
  const name = dir.split('/').pop() as string;
  const args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as SampleArgs;
  const result = renderChart(new DiskFileSystem(dir), '/chart', { ...optionsFromArgs(args), baseDir: '/', functions });
  const errorFile = join(dir, 'expected-error.txt');
  if (args.expectError || existsSync(errorFile)) {
    const expected = existsSync(errorFile)
      ? readFileSync(errorFile, 'utf8')
          .trim()
          .replace(/^Error: /, '')
      : undefined;
    if (result.helmError === undefined) return { name, ok: false, detail: 'expected an error, got none', result };
    // As the CLI conformance runner: Helm's message is in what we print (a case may name only the part its source verifies).
    const ok = expected === undefined || result.helmError.trim().includes(expected);
    return { name, ok, detail: ok ? '' : `error: ${result.helmError}\nexpected: ${expected}`, result };
  }
  if (result.helmError !== undefined) return { name, ok: false, detail: `unexpected error: ${result.helmError}`, result };
  let expectedText: string;
  if (existsSync(join(dir, 'expected.yaml'))) expectedText = readFileSync(join(dir, 'expected.yaml'), 'utf8');
  else
    expectedText = listFiles(join(dir, 'expected'))
      .map((file) => readFileSync(file, 'utf8') + '\n---\n')
      .join('');
  const expected = parseStream(expectedText);
  const actual = parseStream(result.text);
  if (actual.errors.length > 0) return { name, ok: false, detail: `output does not parse: ${actual.errors[0]}`, result };
  const detail = compareDocuments(actual.documents, expected.documents);
  return { name, ok: detail === '', detail, result };
}

/** The sample directories under a conformance folder (those holding args.json). */
export function sampleDirectories(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isDirectory() && existsSync(join(path, 'args.json')))
    .sort();
}
