/**
 * Runs conformance cases through the CLI, in process, and compares the
 * results with what Kubernetes', Helm's and kustomize's own code give, as
 * `test/data/conformance/README.md` (and the helm and kustomize READMEs beside
 * it) say. With no arguments it runs the suites in `test/data/conformance`;
 * given directories, it runs those: a directory with `cases/` and `expected/`
 * is a resource suite, one of case directories holding `chart/` and
 * `args.json` a Helm suite, one of case directories holding `tree/` and
 * `overlay.txt` a kustomize suite, and a directory of `# simulate:` YAML files
 * a lifecycle suite.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { type CliIo } from '../../server/src/cli/io';
import { type ConformanceCase, outcomeOf, runCases } from './cases';
import { helmCases, isHelmSuite, isKustomizeSuite, kustomizeCases } from './sources-run';

const repoRoot = path.resolve(__dirname, '../../..');

interface Outcome {
  passed: number;
  failed: number;
}

export function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readStdin: async () => '',
    cwd,
  };
}

function nodeOptions(yaml: string): string[] {
  const first = yaml.split('\n', 1)[0];
  const match = /^#\s*node:\s*(.*)$/.exec(first);
  if (!match) return [];
  const options: string[] = [];
  for (const part of match[1].trim().split(/\s+/)) {
    const [key, value] = part.split('=');
    if (key === 'cpu') options.push('--node-cpu', value);
    else if (key === 'memory') options.push('--node-memory', value);
  }
  return options;
}

type Json = any;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The differences between an expected object and the reported one, as lines a person can act on. */
export function compareObject(expected: Json, actual: Json | undefined): string[] {
  if (!actual) return [`object in document ${expected.document} (${expected.kind} ${expected.name}) is missing from the report`];
  const diffs: string[] = [];
  const check = (what: string, want: unknown, got: unknown) => {
    if (!same(want, got)) diffs.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  for (const key of ['document', 'kind', 'name', 'namespace', 'podSpecPath']) check(key, expected[key], actual[key] ?? null);
  const errors = (actual.diagnostics ?? []).filter((d: Json) => d.severity === 'error');
  if (expected.invalid) {
    if (actual.invalid !== true) diffs.push(`expected invalid (${(expected.validationErrors ?? []).join(' | ')}), but the report says it is valid`);
    if (errors.length === 0) diffs.push('expected at least one error diagnostic for an invalid object');
    return diffs;
  }
  if (actual.invalid) {
    diffs.push(`expected a valid object, but the report says invalid: ${errors.map((d: Json) => d.message).join(' | ')}`);
    return diffs;
  }
  check('qosClass', expected.qosClass, actual.qosClass);
  check('requests', expected.requests, actual.requests);
  check('limits', expected.limits, actual.limits);
  for (const key of Object.keys(expected.podCgroup ?? {})) check(`podCgroup.${key}`, expected.podCgroup[key], actual.podCgroup?.[key]);
  for (const container of expected.containers ?? []) {
    const got = (actual.containers ?? []).find((c: Json) => c.name === container.name);
    if (!got) {
      diffs.push(`container ${container.name} is missing from the report`);
      continue;
    }
    check(`container ${container.name} role`, container.role, got.role);
    check(`container ${container.name} requests`, container.requests, got.requests);
    check(`container ${container.name} limits`, container.limits, got.limits);
    for (const key of Object.keys(container.cgroup ?? {})) check(`container ${container.name} cgroup.${key}`, container.cgroup[key], got.cgroup?.[key]);
  }
  const unexpected = errors.filter((d: Json) => d.code !== 'unknown-field');
  for (const d of unexpected) diffs.push(`unexpected error ${d.code} at ${d.line + 1}:${d.character + 1}: ${d.message}`);
  return diffs;
}

/** The cases of a resource suite (`cases/NAME.yaml` with `expected/NAME.json`), in name order. */
export function resourceCases(dir: string): ConformanceCase[] {
  const casesDir = path.join(dir, 'cases');
  const expectedDir = path.join(dir, 'expected');
  return readdirSync(casesDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .filter((file) => existsSync(path.join(expectedDir, `${file.replace(/\.ya?ml$/, '')}.json`)))
    .map((file) => {
      const name = file.replace(/\.ya?ml$/, '');
      return { name, run: async () => outcomeOf(name, await resourceDiffs(casesDir, file, path.join(expectedDir, `${name}.json`))) };
    });
}

async function resourceDiffs(casesDir: string, file: string, expectedFile: string): Promise<string[]> {
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
  const yaml = readFileSync(path.join(casesDir, file), 'utf8');
  const io = captureIo(casesDir);
  const code = await main(['analyze', '--format', 'json', '--fail-on', 'never', ...nodeOptions(yaml), file], io);
  if (code !== 0) return [`pod-lens exited ${code}: ${io.err.join('').trim()}`];
  const diffs: string[] = [];
  const report = JSON.parse(io.out.join(''));
  if (!same(expected.node, report.node)) diffs.push(`node: expected ${JSON.stringify(expected.node)}, got ${JSON.stringify(report.node)}`);
  const objects = report.files[0]?.objects ?? [];
  for (const object of expected.files[0].objects) {
    diffs.push(
      ...compareObject(
        object,
        objects.find((o: Json) => o.document === object.document),
      ),
    );
  }
  return diffs;
}

function isResourceSuite(dir: string): boolean {
  return existsSync(path.join(dir, 'cases')) && existsSync(path.join(dir, 'expected'));
}

/** The suites `npm run conformance` runs when given no directory, and `npm test` runs. */
export const defaultSuites = ['resources', 'sim', 'helm', 'kustomize'].map((suite) => path.join(repoRoot, 'test/data/conformance', suite));

/** The cases of the suite in a directory, of the kind its layout says (a directory of neither layout is a lifecycle suite). */
export function suiteCases(dir: string): ConformanceCase[] {
  if (isResourceSuite(dir)) return resourceCases(dir);
  if (isHelmSuite(dir)) return helmCases(dir);
  if (isKustomizeSuite(dir)) return kustomizeCases(dir);
  const { simCases } = require('./sim-run') as { simCases: (dir: string) => ConformanceCase[] };
  return simCases(dir);
}

export async function runConformance(dirs: string[], log: (line: string) => void): Promise<Outcome> {
  const total: Outcome = { passed: 0, failed: 0 };
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      log(`FAIL ${dir}: not a directory`);
      total.failed++;
      continue;
    }
    const outcome = await runCases(suiteCases(dir), log);
    log(`${dir}: ${outcome.passed} passed, ${outcome.failed} failed`);
    total.passed += outcome.passed;
    total.failed += outcome.failed;
  }
  return total;
}

if (require.main === module) {
  const given = process.argv.slice(2);
  const dirs = given.length > 0 ? given.map((d) => path.resolve(d)) : defaultSuites;
  runConformance(dirs, (line) => console.log(line)).then(
    (total) => {
      console.log(`conformance: ${total.passed} passed, ${total.failed} failed`);
      process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
