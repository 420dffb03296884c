/**
 * The Helm samples committed under test/data/helm/charts. The conformance
 * suite's charts (test/data/conformance/helm, and any suite of that shape)
 * run in `npm run conformance`, which `npm test` runs too.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'path';
import { runSample, sampleDirectories } from './conformance';
import { repositoryRoot } from './disk';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions';

const sprig = sprigFunctions();

const roots = [join(repositoryRoot, 'test/data/helm/charts')];
const seen = new Set<string>();
for (const root of roots) {
  for (const dir of sampleDirectories(root)) {
    const name = dir.split('/').pop() as string;
    const label = seen.has(name) ? `${name} (${root})` : name;
    seen.add(name);
    test(`conformance: ${label}`, () => {
      const outcome = runSample(dir, sprig);
      assert.ok(outcome.ok, outcome.detail);
    });
  }
}
