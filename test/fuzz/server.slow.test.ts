import { after, test } from 'node:test';
import fc from 'fast-check';
import { newCounters } from './properties';
import { checkServerSequence, sequenceArbitrary, stopSharedServer } from './server';

/**
 * A bounded slice of `server-requests` (issue 7): random request sequences
 * against the real server process, fixed seed. `npm run fuzz -- --only
 * server-requests` runs it with fresh seeds and the 1 MB file too.
 */
const SEED = 20260507;

after(() => stopSharedServer());

test('fuzz slice: server-requests (the server process survives and answers any request sequence)', async () => {
  const counters = newCounters();
  await fc.assert(
    fc.asyncProperty(sequenceArbitrary({ big: false }), (steps) => checkServerSequence(steps, counters)),
    { seed: SEED, numRuns: 6 },
  );
});
