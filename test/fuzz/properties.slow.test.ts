import { test } from 'node:test';
import fc from 'fast-check';
import { suite } from './suite';
import { newCounters } from './properties';

/**
 * A bounded slice of every robustness property, with fixed seeds so that a
 * failure here is a failure everywhere. `npm run fuzz` runs the same
 * properties with fresh seeds for as long as asked.
 */
const SEED = 20260507;

// `fixes` has its own file; the server's slice (server.test.ts) starts a process and uses sequences without big files;
// kubectl-read's slice is test/engine/reading/fuzz-slice.slow.test.ts.
for (const property of suite.filter((p) => p.name !== 'fixes' && !p.async && p.testRuns > 0)) {
  test(`fuzz slice: ${property.name} (${property.what})`, () => {
    const counters = newCounters();
    fc.assert(
      fc.property(property.arbitrary, (value) => void property.check(value, counters)),
      { seed: SEED, numRuns: property.testRuns },
    );
  });
}
