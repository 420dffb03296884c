import { after } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type FileResult } from '../../server/src/engine/analyze';
import { main } from '../../server/src/cli/main';
import { captureIo } from '../conformance/run';
import { checkAnalyze } from './properties';

/**
 * Hostile input: each gets a clear message or a degraded analysis, in bounded
 * time, from the engine and from the CLI. The bounds are generous (a shared
 * two-core machine); they catch hangs and quadratic blow-ups, not slow days.
 * docs/robustness.md lists what each input gets.
 */

export const dir = mkdtempSync(path.join(tmpdir(), 'pod-lens-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Expect {
  /** Milliseconds the engine may take. */
  engineMs: number;
  /** What the engine must say (a finding code somewhere in the file), if anything. */
  code?: string;
  /** The CLI's exit status: 0 or 1 is an analysis, 2 a one-line message. */
  cliExit?: (0 | 1 | 2)[];
  /** Part of the CLI's one-line message on exit 2. */
  cliMessage?: RegExp;
}

export function codes(result: FileResult): Set<string> {
  return new Set(result.documents.flatMap((d) => [...d.findings, ...(d.objects[0]?.findings ?? [])].map((f) => f.code)));
}

export function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

export async function cli(name: string, content: string | Buffer): Promise<{ code: number; out: string; err: string; ms: number }> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, content);
  const io = captureIo(dir);
  const started = performance.now();
  const code = await main(['analyze', '--format', 'json', '--fail-on', 'error', file], io);
  const ms = performance.now() - started;
  rmSync(file);
  return { code, out: io.out.join(''), err: io.err.join(''), ms };
}

export async function hostile(name: string, text: string, expect: Expect): Promise<void> {
  const engine = timed(() => checkAnalyze(text));
  assert.ok(engine.ms < expect.engineMs, `${name}: the engine took ${engine.ms.toFixed(0)} ms (bound ${expect.engineMs} ms)`);
  if (expect.code) assert.ok(codes(engine.value).has(expect.code), `${name}: expected a ${expect.code} finding, got ${[...codes(engine.value)].join(', ')}`);
  const run = await cli(name, text);
  assertCli(name, run, expect, engine.ms);
}

export function assertCli(name: string, run: { code: number; out: string; err: string; ms: number }, expect: Expect, engineMs: number): void {
  const allowed = expect.cliExit ?? [0, 1];
  assert.ok(allowed.includes(run.code as 0 | 1 | 2), `${name}: CLI exit ${run.code}, stderr: ${run.err.slice(0, 300)}`);
  // The CLI adds reading, the report and its JSON to the engine's work: a few times the engine's bound at most.
  assert.ok(run.ms < Math.max(5000, engineMs * 4) + expect.engineMs, `${name}: the CLI took ${run.ms.toFixed(0)} ms`);
  if (run.code === 2) {
    assert.equal(run.out, '', `${name}: no report on exit 2`);
    assert.match(run.err, /^pod-lens analyze: [^\n]+\n$/, `${name}: one clear line on stderr`);
    if (expect.cliMessage) assert.match(run.err, expect.cliMessage);
  } else {
    const report = JSON.parse(run.out);
    assert.equal(report.files.length, 1, `${name}: a report for the file`);
  }
}
