/**
 * Go's exec_test.go `execTests` and `cmpTests` and multi_test.go's
 * `multiExecTests`, converted to JSON, run with the Go data of exec_test.go
 * built in the value model (go-fixtures.ts). Outputs are compared exactly,
 * also the output written before an error.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TemplateSet } from '../../../../server/src/sources/helm/template/template';
import { cmpData, execFuncs, goData, tVal } from './go-fixtures';

const data = path.resolve(__dirname, '../../../../../test/data/helm/template/go');
const load = <T>(name: string): T => JSON.parse(readFileSync(path.join(data, name), 'utf8')) as T;

interface ExecRow {
  name: string;
  input: string;
  output: string;
  data: string;
  ok: boolean;
}

/** Rows that need Go-only machinery, with the reason. */
const skipped: Record<string, string> = {
  'range count': 'channels',
  'range nil count': 'channels',
  'range iter.Seq[int]': 'Go iterator functions',
  'i = range iter.Seq[int]': 'Go iterator functions',
  'range iter.Seq[int] over two var': 'Go iterator functions',
  'i, c := range iter.Seq2[int,int]': 'Go iterator functions',
  'i, c = range iter.Seq2[int,int]': 'Go iterator functions',
  'i = range iter.Seq2[int,int]': 'Go iterator functions',
  'i := range iter.Seq2[int,int]': 'Go iterator functions',
  'i,c,x range iter.Seq2[int,int]': 'Go iterator functions',
  'i,x range iter.Seq[int]': 'Go iterator functions',
  'range iter.Seq[int] else': 'Go iterator functions',
  'range iter.Seq2[int,int] else': 'Go iterator functions',
};

function runRows(file: string, prepare?: (set: TemplateSet) => void): void {
  const seen = new Map<string, number>();
  for (const row of load<ExecRow[]>(file)) {
    const n = (seen.get(row.name) ?? 0) + 1;
    seen.set(row.name, n);
    const title = `${file}: ${row.name}${n > 1 ? ` #${n}` : ''}`;
    const reason = skipped[row.name];
    const fixture = goData(row.data);
    if (reason || 'skip' in fixture) {
      test(title, { skip: reason ?? (fixture as { skip: string }).skip }, () => undefined);
      continue;
    }
    test(title, () => {
      const set = new TemplateSet({ funcs: execFuncs });
      prepare?.(set);
      const parseError = set.parse(row.name, row.input);
      assert.equal(parseError, undefined, parseError?.message);
      const result = set.execute(row.name, fixture.value);
      if (row.ok) assert.ok(result.ok, result.ok ? '' : `unexpected execute error: ${result.error.message}`);
      else assert.ok(!result.ok, 'expected error; got none');
      assert.equal(result.output.text, row.output);
    });
  }
}

runRows('exec-tests.json');

// multi_test.go: the templates these rows invoke.
const multiText = `
{{define "x"}}TEXT{{end}}
{{define "dotV"}}{{.V}}{{end}}
`;
const multiText2 = `
{{define "dot"}}{{.}}{{end}}
{{define "nested"}}{{template "dot" .}}{{end}}
`;
runRows('multi-exec-tests.json', (set) => {
  assert.equal(set.parse('root', multiText), undefined);
  assert.equal(set.parse('root2', multiText2), undefined);
});

interface CmpRow {
  expr: string;
  truth: string;
  ok: boolean;
}

// exec_test.go TestComparison: the data of the comparison tests.
test('cmpTests: comparisons of every basic kind, and their errors', async (t) => {
  for (const row of load<CmpRow[]>('cmp-tests.json')) {
    await t.test(row.expr, () => {
      const set = new TemplateSet();
      const text = `{{if ${row.expr}}}true{{else}}false{{end}}`;
      const parseError = set.parse('empty', text);
      assert.equal(parseError, undefined, parseError?.message);
      const result = set.execute('empty', cmpData);
      if (row.ok) {
        assert.ok(result.ok, result.ok ? '' : result.error.message);
        assert.equal(result.output.text, row.truth);
      } else assert.ok(!result.ok, 'expected error');
    });
  }
});

test('tVal is the data of the Go tests', () => {
  assert.equal(tVal.type.name, '*template.T');
});
