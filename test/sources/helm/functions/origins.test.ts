/**
 * Where sprig functions' results map: the values-file origin survives where
 * the text is the value unchanged (quote, default, toString, int of a whole
 * number, trim, first, get…) and is computed where it is not (upper, mul,
 * int of a fraction). Cases: test/data/helm/functions/origins.json.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originOf } from '../../../../server/src/sources/source-map';
import { TemplateSet, ValueLocations } from '../../../../server/src/sources/helm/template/index';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions/index';
import { valuesFromYaml } from '../template/helm-like';

interface Case {
  name: string;
  template: string;
  values: string;
  output: string;
  expect: { out: string; file: string; src?: string; origin: string }[];
}

const cases = JSON.parse(readFileSync(join(__dirname, '../../../../../test/data/helm/functions/origins.json'), 'utf8')) as Case[];
const funcs = sprigFunctions();

for (const c of cases) {
  test(`origins: ${c.name}`, () => {
    const locations = new ValueLocations();
    const values = valuesFromYaml(c.values, 'values.yaml', locations);
    const set = new TemplateSet({ funcs, missingKey: 'zero', rootName: 'gotpl' });
    assert.equal(set.parse('chart/t.yaml', c.template, { file: 't.yaml' }), undefined);
    const result = set.execute('chart/t.yaml', { Values: values }, { locations });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.output.text, c.output);
    const sources: Record<string, string> = { 't.yaml': c.template, 'values.yaml': c.values };
    for (const e of c.expect) {
      const start = result.output.text.indexOf(e.out);
      assert.ok(start >= 0, `${e.out} not in output`);
      const got = originOf(result.output, start, start + e.out.length);
      assert.ok(got, `no origin for ${e.out}`);
      assert.equal(got.file, e.file, e.out);
      assert.equal(got.origin, e.origin, e.out);
      if (e.src !== undefined) {
        const srcStart = sources[e.file].indexOf(e.src);
        assert.deepEqual([got.start, got.end], [srcStart, srcStart + e.src.length], e.out);
      }
    }
  });
}
