import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge, LARGE_CASES, loadCases, runCase } from './goldens';

/** The largest kubectl kustomize goldens (argo-cd's installs with its CRDs); the others run in kustomize.test.ts. */

const cases = loadCases().filter((c) => LARGE_CASES.has(c.name));

test('every large case is in the goldens', () => {
  assert.deepEqual(cases.map((c) => c.name).sort(), [...LARGE_CASES].sort());
});

for (const c of cases) {
  test(`kubectl kustomize golden: ${c.name}`, () => {
    const verdict = judge(c, runCase(c));
    assert.ok(verdict.pass, verdict.pass ? '' : verdict.reason);
  });
}
