/**
 * The conformance suites of test/data/conformance, one subtest per case: the
 * checks `npm run conformance` makes with no argument, run by `node --test`
 * beside the other test files.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultSuites, suiteCases } from './run';

for (const dir of defaultSuites) {
  test(`conformance: ${path.basename(dir)}`, async (t) => {
    const cases = suiteCases(dir);
    assert.ok(cases.length > 0, `no case in ${dir}`);
    for (const one of cases) {
      await t.test(one.name, async () => {
        const outcome = await one.run();
        assert.equal(outcome.failed, 0, outcome.lines.join('\n'));
        assert.ok(outcome.passed > 0, `${one.name} checks nothing`);
      });
    }
  });
}
