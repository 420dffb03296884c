/**
 * Masterminds/semver's own test tables (converted by
 * test/data/helm/functions/convert-semver-tests.mjs) through `semver` and
 * `semverCompare` in templates, and the constraint parser directly.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateSet, type GoValue } from '../../../../server/src/sources/helm/template/index';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions/index';
import { checkOne, newConstraint, newVersion, rewriteRange } from '../../../../server/src/sources/helm/functions/sprig/semver';

const dataDir = join(__dirname, '../../../../../test/data/helm/functions');
const tables = JSON.parse(readFileSync(join(dataDir, 'semver-cases.json'), 'utf8')) as Record<string, Record<string, string | number | boolean>[]> & {
  TestOriginal: string[];
};

const funcs = sprigFunctions();

function render(template: string, data: GoValue): { output?: string; error?: string } {
  const set = new TemplateSet({ funcs, missingKey: 'invalid', rootName: 'test' });
  const parseError = set.parse('test', template);
  if (parseError) return { error: parseError.message };
  const result = set.execute('test', data);
  return result.ok ? { output: result.output.text } : { error: result.error.message };
}

test('TestConstraintCheck: one constraint', () => {
  for (const tc of tables.TestConstraintCheck)
    assert.equal(checkOne(tc.constraint as string, tc.version as string), tc.check, `${tc.constraint} ${tc.version}`);
});

test('TestConstraintsCheck through semverCompare', () => {
  for (const name of ['TestConstraintsCheck']) {
    for (const tc of tables[name]) {
      const got = render('{{ semverCompare .c .v }}', { c: tc.constraint as string, v: tc.version as string });
      assert.deepEqual(got, { output: String(tc.check) }, `${name}: ${tc.constraint} ${tc.version}`);
    }
  }
});

test('TestNewConstraint: errors, or-groups and constraints per group', () => {
  for (const tc of tables.TestNewConstraint) {
    if (tc.err) {
      assert.throws(() => newConstraint(tc.input as string), Error, tc.input as string);
      continue;
    }
    const c = newConstraint(tc.input as string);
    assert.equal(c.groups.length, tc.ors, tc.input as string);
    assert.equal(c.groups[0].length, tc.count, tc.input as string);
  }
});

test('TestRewriteRange', () => {
  for (const tc of tables.TestRewriteRange) assert.equal(rewriteRange(tc.c as string), tc.nc);
});

test('TestNewVersion (with coercion) through semver', () => {
  for (const tc of tables.TestNewVersion) {
    const got = render('{{ semver .v }}', { v: tc.version as string });
    assert.equal(got.error !== undefined, tc.err, `${tc.version}: ${JSON.stringify(got)}`);
  }
});

test('TestCompare through (semver a).Compare (semver b)', () => {
  for (const tc of tables.TestCompare) {
    const got = render('{{ (semver .a).Compare (semver .b) }}', { a: tc.v1 as string, b: tc.v2 as string });
    assert.deepEqual(got, { output: String(tc.expected) }, `${tc.v1} ${tc.v2}`);
  }
});

test('TestInc: String and Original', () => {
  for (const tc of tables.TestInc) {
    const method = { patch: 'IncPatch', minor: 'IncMinor', major: 'IncMajor' }[tc.how as string] as string;
    assert.deepEqual(render(`{{ (semver .v).${method} }}`, { v: tc.v1 as string }), { output: tc.expected });
    const v = newVersion(tc.v1 as string);
    const next = tc.how === 'patch' ? v.incPatch() : tc.how === 'minor' ? v.incMinor() : v.incMajor();
    assert.equal(next.original, tc.expectedOriginal);
  }
});

test('TestOriginal', () => {
  for (const v of tables.TestOriginal) assert.deepEqual(render('{{ (semver .v).Original }}', { v }), { output: v });
});

const templates: [string, string][] = [
  ['{{ (semver "1.2.3-beta.1+c0ff33").Prerelease }}', 'beta.1'],
  ['{{ (semver "v1.2.3").Major }}.{{ (semver "v1.2.3").Minor }}', '1.2'],
  ['{{ printf "%T" (semver "1.2.3") }}', '*semver.Version'],
  ['{{ semver "v1.2" }}', '1.2.0'],
  ['{{ semver "1.2.3" | toJson }}', '"1.2.3"'],
  ['{{ semverCompare ">=1.21-0" "1.27.3-gke.100" }}', 'true'],
  ['{{ semverCompare ">=1.21" "1.27.3-gke.100" }}', 'false'],
  ['{{ semverCompare "^1.2.x" "1.9.0" }}', 'true'],
  ['{{ semverCompare "~1.2" "1.3.0" }}', 'false'],
  ['{{ semverCompare "1.2 - 1.4" "1.4.5" }}', 'true'],
  ['{{ semverCompare "<1.0 || >=2.0" "1.5.0" }}', 'false'],
];

test('semver in templates', () => {
  for (const [template, want] of templates) assert.deepEqual(render(template, {}), { output: want }, template);
});

test('semver errors have the library’s text', () => {
  assert.match(render('{{ semver "foo" }}', {}).error as string, /error calling semver: invalid semantic version$/);
  assert.match(render('{{ semverCompare ">= bar" "1.0.0" }}', {}).error as string, /error calling semverCompare: improper constraint: ">= bar"$/);
  assert.match(render('{{ semverCompare ">1" "1.2.3-alpha.01" }}', {}).error as string, /version segment starts with 0$/);
});
