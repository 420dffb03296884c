/**
 * The error texts Go's exec_test.go checks outside its tables (TestExecError,
 * TestMissingMapKey, TestEvalFieldErrors, TestExecutePanicDuringCall,
 * TestFunctionCheckDuringCall, TestBlock, …), transcribed by hand into
 * exec-error-tests.json with Go's expected strings and match rule.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defineFunc, type FuncMap } from '../../../../server/src/sources/helm/template/funcs';
import { TemplateSet, type MissingKey } from '../../../../server/src/sources/helm/template/template';
import { types } from '../../../../server/src/sources/helm/template/types';
import { execFuncs, goData } from './go-fixtures';

const file = path.resolve(__dirname, '../../../../../test/data/helm/template/go/exec-error-tests.json');

interface Row {
  test: string;
  name: string;
  input: string;
  data: string;
  funcs?: 'panic';
  missingKey?: MissingKey;
  overlay?: string;
  output?: string;
  error?: string;
  match?: 'exact' | 'contains' | 'suffix';
  skip?: string;
}

const panicFuncs: FuncMap = {
  doPanic: defineFunc({ params: [], results: [types.string] }, () => {
    throw new Error('custom panic string');
  }),
};

const rows: Row[] = JSON.parse(readFileSync(file, 'utf8'));
rows.forEach((row, i) => {
  test(`${row.test} #${i}: ${row.input.replace(/\n/g, '\\n').slice(0, 60)}`, { skip: row.skip }, () => {
    const fixture = goData(row.data);
    assert.ok('value' in fixture, `fixture ${row.data}`);
    const funcs = row.funcs === 'panic' ? { ...execFuncs, ...panicFuncs } : execFuncs;
    let set = new TemplateSet({ funcs, missingKey: row.missingKey });
    assert.equal(set.parse(row.name, row.input), undefined);
    if (row.overlay !== undefined) {
      set = set.clone();
      assert.equal(set.parse(row.name, row.overlay), undefined);
    }
    const result = set.execute(row.name, fixture.value);
    if (row.error === undefined) {
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.equal(result.output.text, row.output);
      return;
    }
    assert.ok(!result.ok, 'expected an error');
    const message = result.error.message;
    if (row.match === 'exact') assert.equal(message, row.error);
    else if (row.match === 'suffix') assert.ok(message.endsWith(row.error), message);
    else assert.ok(message.includes(row.error), message);
  });
});
