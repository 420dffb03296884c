/**
 * Conformance of charts and overlays (`helm/` and `kustomize/` suites, as
 * their READMEs describe): `pod-lens render` gives the objects real Helm or
 * kustomize gave, compared as parsed YAML 1.1 (the way kubectl reads them),
 * and `pod-lens analyze DIR` reports the same numbers for every workload as
 * `pod-lens analyze` of the golden output, with no `yaml-syntax` finding. A
 * failing case must exit 2 with the tool's own message on standard error.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../server/src/cli/main';
import { type ConformanceCase, outcomeOf } from './cases';
import { captureIo } from './run';

type Json = any;

export function isHelmSuite(dir: string): boolean {
  return readdirSync(dir).some((name) => existsSync(path.join(dir, name, 'args.json')) && existsSync(path.join(dir, name, 'chart')));
}

export function isKustomizeSuite(dir: string): boolean {
  return readdirSync(dir).some((name) => existsSync(path.join(dir, name, 'overlay.txt')) && existsSync(path.join(dir, name, 'tree')));
}

/** The objects of a YAML stream as canonical JSON (keys sorted), sorted: a multiset to compare. */
export function objectsOf(text: string): string[] {
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: false })
    .map((document) => document.toJS({ maxAliasCount: -1 }))
    .filter((value) => value !== null && value !== undefined)
    .map((value) => JSON.stringify(sortKeys(value)))
    .sort();
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** `helm template` flags from a case's `args.json`. */
export function helmArgs(args: Json): string[] {
  const flags: string[] = ['--release-name', args.releaseName ?? 'release-name', '--namespace', args.namespace ?? 'default'];
  for (const file of args.values ?? []) flags.push('-f', file);
  for (const [key, flag] of [
    ['set', '--set'],
    ['setString', '--set-string'],
    ['setJson', '--set-json'],
    ['setFile', '--set-file'],
    ['apiVersions', '--api-versions'],
    ['showOnly', '--show-only'],
  ] as const) {
    for (const value of args[key] ?? []) flags.push(flag, value);
  }
  if (args.kubeVersion) flags.push('--kube-version', args.kubeVersion);
  if (args.nameTemplate) flags.push('--name-template', args.nameTemplate);
  if (args.includeCrds) flags.push('--include-crds');
  if (args.skipTests) flags.push('--skip-tests');
  if (args.noHooks) flags.push('--no-hooks');
  return flags;
}

/** Every file of a directory tree, in path order (Helm's `--output-dir` layout). */
function treeText(dir: string): string {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  return files.map((file) => readFileSync(file, 'utf8')).join('\n---\n');
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function workloadKey(object: Json): string {
  return `${object.kind}/${object.namespace ?? ''}/${object.name ?? ''}/${object.podSpecPath}`;
}

/** What must agree between the analysis of a chart or overlay and that of its golden output. */
function numbersOf(object: Json): Json {
  return {
    invalid: object.invalid ?? false,
    qosClass: object.qosClass,
    requests: object.requests,
    limits: object.limits,
    podCgroup: object.podCgroup,
    containers: (object.containers ?? []).map((c: Json) => ({ name: c.name, role: c.role, requests: c.requests, limits: c.limits, cgroup: c.cgroup })),
  };
}

async function compareAnalysis(target: string, flags: string[], golden: string, cwd: string): Promise<string[]> {
  const diffs: string[] = [];
  const analyzed = await cli(['analyze', '--format', 'json', '--fail-on', 'never', ...flags, target], cwd);
  if (analyzed.code !== 0) return [`analyze ${target} exited ${analyzed.code}: ${analyzed.err.trim()}`];
  const scratch = mkdtempSync(path.join(tmpdir(), 'pod-lens-golden-'));
  try {
    const file = path.join(scratch, 'golden.yaml');
    writeFileSync(file, golden);
    const reference = await cli(['analyze', '--format', 'json', '--fail-on', 'never', file], scratch);
    const mine = JSON.parse(analyzed.out).files[0];
    const theirs = JSON.parse(reference.out).files[0];
    const syntax = [...mine.diagnostics, ...mine.objects.flatMap((o: Json) => o.diagnostics)].filter((d: Json) => d.code === 'yaml-syntax');
    if (syntax.length > 0) diffs.push(`yaml-syntax findings: ${syntax.map((d: Json) => `${d.path ?? ''}:${d.line + 1}: ${d.message}`).join('; ')}`);
    const expected = new Map<string, Json>(theirs.objects.map((o: Json) => [workloadKey(o), numbersOf(o)]));
    const actual = new Map<string, Json>(mine.objects.map((o: Json) => [workloadKey(o), numbersOf(o)]));
    for (const [key, numbers] of expected) {
      if (!actual.has(key)) diffs.push(`workload ${key} is missing from the analysis`);
      else if (JSON.stringify(actual.get(key)) !== JSON.stringify(numbers)) diffs.push(`workload ${key}: numbers differ from the golden output's`);
    }
    for (const key of actual.keys()) if (!expected.has(key)) diffs.push(`workload ${key} is not in the golden output`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return diffs;
}

function compareObjects(ours: string, golden: string): string[] {
  // The same text parses to the same objects: most renders match Helm's output byte for byte.
  if (ours === golden) return [];
  const mine = objectsOf(ours);
  const theirs = objectsOf(golden);
  if (JSON.stringify(mine) === JSON.stringify(theirs)) return [];
  const missing = theirs.filter((o) => !mine.includes(o));
  const extra = mine.filter((o) => !theirs.includes(o));
  return [
    `rendered objects differ (${mine.length} rendered, ${theirs.length} expected)`,
    ...missing.slice(0, 3).map((o) => `  missing: ${o.slice(0, 300)}`),
    ...extra.slice(0, 3).map((o) => `  extra:   ${o.slice(0, 300)}`),
  ];
}

/** The cases of a suite: its directories that hold `marker`, in name order, each judged by `diffs`. */
function casesMarkedBy(dir: string, marker: string, diffs: (caseDir: string) => Promise<string[]>): ConformanceCase[] {
  return readdirSync(dir)
    .sort()
    .filter((name) => existsSync(path.join(dir, name, marker)))
    .map((name) => ({ name, run: async () => outcomeOf(name, await diffs(path.join(dir, name))) }));
}

/** The cases of a Helm suite: its directories that hold an `args.json`. */
export function helmCases(dir: string): ConformanceCase[] {
  return casesMarkedBy(dir, 'args.json', helmDiffs);
}

async function helmDiffs(caseDir: string): Promise<string[]> {
  const args = JSON.parse(readFileSync(path.join(caseDir, 'args.json'), 'utf8'));
  const flags = helmArgs(args);
  const rendered = await cli(['render', ...flags, 'chart'], caseDir);
  if (args.expectError) {
    const expected = existsSync(path.join(caseDir, 'expected-error.txt')) ? readFileSync(path.join(caseDir, 'expected-error.txt'), 'utf8').trim() : '';
    return rendered.code !== 2
      ? [`expected exit 2, got ${rendered.code}`]
      : expected && !rendered.err.includes(expected)
        ? [`stderr: ${rendered.err.trim()}`]
        : [];
  }
  if (rendered.code !== 0) return [`render exited ${rendered.code}: ${rendered.err.trim()}`];
  const golden = existsSync(path.join(caseDir, 'expected.yaml'))
    ? readFileSync(path.join(caseDir, 'expected.yaml'), 'utf8')
    : treeText(path.join(caseDir, 'expected'));
  return [...compareObjects(rendered.out, golden), ...(await compareAnalysis('chart', flags, golden, caseDir))];
}

/** The phrase a failing case's `source.md` names (`key error text: \`…\``), as the parts around its `...`. */
function keyPhrase(caseDir: string): string[] {
  const source = existsSync(path.join(caseDir, 'source.md')) ? readFileSync(path.join(caseDir, 'source.md'), 'utf8') : '';
  const match = /key error text: `([^`]+)`/.exec(source);
  return match
    ? match[1]
        .split('...')
        .map((part) => part.trim())
        .filter((part) => part !== '')
    : [];
}

/** The cases of a kustomize suite: its directories that hold an `overlay.txt`. */
export function kustomizeCases(dir: string): ConformanceCase[] {
  return casesMarkedBy(dir, 'overlay.txt', kustomizeDiffs);
}

async function kustomizeDiffs(caseDir: string): Promise<string[]> {
  const overlay = path.join('tree', readFileSync(path.join(caseDir, 'overlay.txt'), 'utf8').trim());
  const rendered = await cli(['render', overlay], caseDir);
  if (existsSync(path.join(caseDir, 'expected-error.txt'))) {
    const phrase = keyPhrase(caseDir);
    return rendered.code !== 2
      ? [`expected exit 2, got ${rendered.code}`]
      : phrase.filter((part) => !rendered.err.includes(part)).map((part) => `stderr lacks '${part}': ${rendered.err.trim()}`);
  }
  if (rendered.code !== 0) return [`render exited ${rendered.code}: ${rendered.err.trim()}`];
  const golden = readFileSync(path.join(caseDir, 'expected.yaml'), 'utf8');
  return [...compareObjects(rendered.out, golden), ...(await compareAnalysis(overlay, [], golden, caseDir))];
}
