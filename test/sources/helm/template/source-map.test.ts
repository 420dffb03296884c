/**
 * Source-map cases: for a chart's templates and values.yaml, which output
 * ranges map to which source ranges (source-map.ts's `originOf`).
 * Ranges are named by their text: the first occurrence (or the `nth`) of
 * `out` in the output, and of `src` in the file.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { originOf } from '../../../../server/src/sources/source-map';
import { removeNoValue, TemplateSet, ValueLocations } from '../../../../server/src/sources/helm/template/index';
import { helmLikeFuncs, valuesFromYaml } from './helm-like';

interface Case {
  name: string;
  templates: Record<string, string>;
  values: string;
  output?: string;
  removeNoValue?: boolean;
  expect: { out: string; nth?: number; file: string; src: string; origin: string }[];
}

const cases: Case[] = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../test/data/helm/template/source-map/cases.json'), 'utf8'));
const funcs = helmLikeFuncs();

function nthIndex(haystack: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = haystack.indexOf(needle, at + 1);
    if (at === -1) break;
  }
  return at;
}

for (const c of cases) {
  test(`source map: ${c.name}`, () => {
    const locations = new ValueLocations();
    const values = valuesFromYaml(c.values, 'values.yaml', locations);
    const set = new TemplateSet({ funcs, missingKey: 'zero', rootName: 'gotpl' });
    for (const [file, text] of Object.entries(c.templates)) {
      const error = set.parse(`chart/${file}`, text, { file });
      assert.equal(error, undefined, error?.message);
    }
    const main = Object.keys(c.templates).find((f) => !path.basename(f).startsWith('_')) as string;
    const result = set.execute(`chart/${main}`, { Values: values }, { locations });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    const output = c.removeNoValue ? removeNoValue(result.output) : result.output;
    if (c.output !== undefined) assert.equal(output.text, c.output);
    // Segments are sorted, do not overlap, and lie inside the output.
    let last = 0;
    for (const s of output.segments) {
      assert.ok(s.outStart >= last && s.outEnd > s.outStart && s.outEnd <= output.text.length, JSON.stringify(s));
      last = s.outEnd;
    }
    const sources: Record<string, string> = { ...c.templates, 'values.yaml': c.values };
    for (const e of c.expect) {
      const start = nthIndex(output.text, e.out, e.nth);
      assert.ok(start >= 0, `${JSON.stringify(e.out)} not in output ${JSON.stringify(output.text)}`);
      const srcStart = sources[e.file].indexOf(e.src);
      assert.ok(srcStart >= 0, `${JSON.stringify(e.src)} not in ${e.file}`);
      assert.deepEqual(originOf(output, start, start + e.out.length), { file: e.file, start: srcStart, end: srcStart + e.src.length, origin: e.origin }, e.out);
    }
  });
}
