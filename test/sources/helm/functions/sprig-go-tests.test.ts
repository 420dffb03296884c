/**
 * sprig's own tests (v3.3.0), converted to data by
 * test/data/helm/functions/convert-sprig-tests.mjs: each template runs
 * through the TemplateSet with sprigFunctions() and its output must equal
 * Go's exactly. Cases that depend on the wall clock, on randomness or on Go
 * fixtures the converter cannot express are listed in `skipped` with the
 * reason, and counted.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goMap, TemplateSet, types, type GoValue } from '../../../../server/src/sources/helm/template/index';
import { formatValue } from '../../../../server/src/sources/helm/template/fmt';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions/index';
import { decode, type Encoded } from './go-values';

interface Case {
  file: string;
  test: string;
  line: number;
  template?: string;
  expect?: string;
  expectValue?: Encoded;
  data?: Encoded;
  unresolved?: string;
}

const dataDir = join(__dirname, '../../../../../test/data/helm/functions');
const { cases } = JSON.parse(readFileSync(join(dataDir, 'sprig-cases.json'), 'utf8')) as { cases: Case[] };

/** Tests whose expected output Go computes from the wall clock, randomness or the process environment. */
export const skipped: Record<string, string> = {
  TestEnv: 'env is not in Helm’s function map',
  TestExpandEnv: 'expandenv is not in Helm’s function map',
  TestShuffle: 'depends on Go’s math/rand sequence for seed 1 (shape is checked in sprig-behaviour.test.ts)',
  TestRandomInt: 'random (range is checked in sprig-behaviour.test.ts)',
  TestGetHostByName: 'network lookups are not available in the engine',
};

const funcs = sprigFunctions({ now: Date.UTC(2024, 0, 1) });

function run(c: Case): { output?: string; error?: string } {
  const set = new TemplateSet({ funcs, missingKey: 'invalid', rootName: 'test' });
  const parseError = set.parse('test', c.template as string);
  if (parseError) return { error: parseError.message };
  const data: GoValue = c.data === undefined ? goMap(types.string, types.string, []) : decode(c.data);
  const result = set.execute('test', data);
  return result.ok ? { output: result.output.text } : { error: result.error.message };
}

let passed = 0;
const skippedCases: string[] = [];
for (const c of cases) {
  const name = `${c.test} (${c.file}:${c.line}) ${c.template ?? ''}`;
  const reason =
    skipped[c.test] ??
    (c.file === 'functions_windows_test.go' ? 'Windows file paths: Helm on Linux and macOS uses path/filepath with "/"' : undefined) ??
    (c.unresolved ? `not convertible: ${c.unresolved}` : undefined);
  if (reason) {
    skippedCases.push(`${c.test}:${c.line}: ${reason}`);
    test(name, { skip: reason }, () => {});
    continue;
  }
  test(name, () => {
    const got = run(c);
    const want = c.expect !== undefined ? c.expect : formatValue(decode(c.expectValue as Encoded));
    assert.equal(got.error, undefined, `error: ${got.error}`);
    assert.equal(got.output, want);
    passed++;
  });
}

test('sprig case count', () => {
  assert.ok(cases.length >= 400, `only ${cases.length} cases converted`);
  void passed;
});
