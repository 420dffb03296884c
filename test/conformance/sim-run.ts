/**
 * Runs the lifecycle scenarios (`test/data/conformance/sim`): each
 * NAME.yaml through `pod-lens simulate --json <options from its first line>`,
 * in-process, and evaluates the checks of NAME.json on the output.
 *
 *   node out/test/conformance/sim-run.js [DIR...]
 */

import { promises as fs, readdirSync } from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { main } from '../../server/src/cli/main';
import { type CliIo } from '../../server/src/cli/io';
import { type CaseOutcome, type ConformanceCase, runCases } from './cases';

const TOLERANCE = 1e-6;

type Matcher = Record<string, unknown>;
type Json = unknown;

export interface SimCheck {
  why?: string;
  path?: string;
  equals?: Json;
  min?: number;
  max?: number;
  event?: Matcher;
  nth?: number;
  tMin?: number;
  tMax?: number;
  absent?: boolean;
  count?: number;
  countMin?: number;
  countMax?: number;
  order?: Matcher[];
  gap?: { from: Matcher; to: Matcher };
}

interface Event {
  t: number;
  [field: string]: Json;
}

/** The repository root: this file runs from out/test/conformance/. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const defaultSimDirectory = path.join(repoRoot, 'test', 'data', 'conformance', 'sim');

function valuesEqual(a: Json, b: Json): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= TOLERANCE;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && valuesEqual((a as Matcher)[k], (b as Matcher)[k]));
  }
  return isDeepStrictEqual(a, b);
}

function valueAt(output: Json, dotted: string): { found: boolean; value: Json } {
  let value: Json = output;
  for (const segment of dotted.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, segment)) {
      return { found: false, value: undefined };
    }
    value = (value as Record<string, Json>)[segment];
  }
  return { found: true, value };
}

function matches(event: Event, matcher: Matcher): boolean {
  return Object.entries(matcher).every(([key, expected]) => valuesEqual(event[key], expected));
}

const within = (t: number, min: number | undefined, max: number | undefined): boolean =>
  (min === undefined || t >= min - TOLERANCE) && (max === undefined || t <= max + TOLERANCE);

const show = (value: Json): string => JSON.stringify(value);

/** Evaluates one check; returns null when it holds, else what was found. */
export function evaluateSimCheck(check: SimCheck, output: Json): string | null {
  const events: Event[] = Array.isArray((output as { events?: Json })?.events) ? (output as { events: Event[] }).events : [];
  if (check.path !== undefined) {
    const { found, value } = valueAt(output, check.path);
    if (!found) return `${check.path} is missing`;
    if ('equals' in check) {
      return valuesEqual(value, check.equals) ? null : `${check.path} = ${show(value)}, expected ${show(check.equals)}`;
    }
    if (typeof value !== 'number') return `${check.path} = ${show(value)} is not a number`;
    if (!within(value, check.min, check.max)) return `${check.path} = ${value}, expected [${check.min ?? '-inf'}, ${check.max ?? 'inf'}]`;
    return null;
  }
  if (check.order !== undefined) {
    let previous = -Infinity;
    for (const matcher of check.order) {
      const first = events.find((e) => matches(e, matcher));
      if (!first) return `no event matches ${show(matcher)}`;
      if (first.t < previous - TOLERANCE) return `${show(matcher)} first at ${first.t}, before the previous one at ${previous}`;
      previous = first.t;
    }
    return null;
  }
  if (check.gap !== undefined) {
    const from = events.find((e) => matches(e, check.gap!.from));
    const to = events.find((e) => matches(e, check.gap!.to));
    if (!from) return `no event matches ${show(check.gap.from)}`;
    if (!to) return `no event matches ${show(check.gap.to)}`;
    const gap = to.t - from.t;
    return within(gap, check.min, check.max) ? null : `gap ${gap} (${from.t} -> ${to.t}), expected [${check.min ?? '-inf'}, ${check.max ?? 'inf'}]`;
  }
  if (check.event !== undefined) {
    const matching = events.filter((e) => matches(e, check.event!));
    if (check.absent) {
      const inside = matching.filter((e) => within(e.t, check.tMin, check.tMax));
      return inside.length === 0 ? null : `${inside.length} matching event(s), first at ${inside[0].t}`;
    }
    if (check.count !== undefined || check.countMin !== undefined || check.countMax !== undefined) {
      const n = matching.filter((e) => within(e.t, check.tMin, check.tMax)).length;
      if (check.count !== undefined && n !== check.count) return `${n} matching event(s), expected ${check.count}`;
      if (check.countMin !== undefined && n < check.countMin) return `${n} matching event(s), expected at least ${check.countMin}`;
      if (check.countMax !== undefined && n > check.countMax) return `${n} matching event(s), expected at most ${check.countMax}`;
      return null;
    }
    const nth = check.nth ?? 1;
    const event = matching[nth - 1];
    if (!event) return `only ${matching.length} matching event(s), wanted #${nth}`;
    return within(event.t, check.tMin, check.tMax) ? null : `event #${nth} at ${event.t}, expected [${check.tMin ?? '-inf'}, ${check.tMax ?? 'inf'}]`;
  }
  return `unknown check ${show(check)}`;
}

function captureIo(cwd: string): { io: CliIo; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
      readStdin: async () => '',
      cwd,
    },
    stdout: () => out,
    stderr: () => err,
  };
}

export function scenarioOptions(yamlText: string): string[] | null {
  const first = yamlText.split(/\r?\n/, 1)[0];
  const match = /^#\s*simulate:\s*(.*)$/.exec(first);
  return match
    ? match[1]
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '')
    : null;
}

export interface SimConformanceResult {
  passed: number;
  failed: number;
}

/** The scenarios of a directory (`NAME.yaml` with `NAME.json`), in name order: each counts its checks. */
export function simCases(dir: string): ConformanceCase[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort();
  } catch (error) {
    const problem = `${dir}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`;
    return [{ name: dir, run: async () => ({ passed: 0, failed: 1, lines: [problem] }) }];
  }
  return names.map((name) => {
    const base = name.slice(0, -'.yaml'.length);
    return { name: base, run: () => runScenario(dir, base) };
  });
}

async function runScenario(dir: string, base: string): Promise<CaseOutcome> {
  const file = path.join(dir, `${base}.yaml`);
  const text = await fs.readFile(file, 'utf8');
  const options = scenarioOptions(text);
  let checks: SimCheck[];
  try {
    checks = (JSON.parse(await fs.readFile(path.join(dir, `${base}.json`), 'utf8')) as { checks: SimCheck[] }).checks;
  } catch (error) {
    return { passed: 0, failed: 1, lines: [`FAIL ${base}: no readable ${base}.json (${(error as Error).message})`] };
  }
  if (options === null) return { passed: 0, failed: checks.length, lines: [`FAIL ${base}: the first line is not '# simulate: <options>'`] };
  const lines: string[] = [];
  const capture = captureIo(dir);
  let status: number;
  try {
    status = await main(['simulate', '--json', ...options, file], capture.io);
  } catch (error) {
    status = -1;
    lines.push(`FAIL ${base}: pod-lens simulate threw ${(error as Error).stack ?? error}`);
  }
  if (status !== 0) {
    lines.push(`FAIL ${base}: pod-lens simulate exited ${status}: ${capture.stderr().trim()}`);
    return { passed: 0, failed: checks.length, lines };
  }
  const output = JSON.parse(capture.stdout()) as Json;
  const outcome: CaseOutcome = { passed: 0, failed: 0, lines };
  checks.forEach((check, index) => {
    const problem = evaluateSimCheck(check, output);
    if (problem === null) {
      outcome.passed++;
      return;
    }
    outcome.failed++;
    lines.push(`FAIL ${base} check ${index + 1}: ${problem}`);
    lines.push(`     check: ${show({ ...check, why: undefined })}`);
    if (check.why) lines.push(`     why: ${check.why}`);
  });
  return outcome;
}

/** Runs every scenario of the directories; counts checks. */
export async function runSimConformance(dirs: string[], log: (line: string) => void = (line) => console.log(line)): Promise<SimConformanceResult> {
  const total: SimConformanceResult = { passed: 0, failed: 0 };
  for (const dir of dirs.length > 0 ? dirs : [defaultSimDirectory]) {
    const outcome = await runCases(simCases(dir), log);
    total.passed += outcome.passed;
    total.failed += outcome.failed;
  }
  return total;
}

if (require.main === module) {
  runSimConformance(process.argv.slice(2)).then(
    ({ passed, failed }) => {
      console.log(`${passed} passed, ${failed} failed`);
      process.exitCode = failed > 0 ? 1 : 0;
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
