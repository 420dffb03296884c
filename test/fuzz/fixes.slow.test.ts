import { test } from 'node:test';
import fc from 'fast-check';
import { findProperty } from './suite';
import { checkAnalyze, checkFixes, newCounters } from './properties';
import { realManifests } from './generators';

/** Fixes never corrupt (issue 7): a bounded, seeded slice; `npm run fuzz` runs it with fresh seeds. */
const SEED = 20260507;

test('fuzz slice: every fix offered on generated and mutated documents is safe', () => {
  const property = findProperty('fixes')!;
  const counters = newCounters();
  fc.assert(
    fc.property(property.arbitrary, (value) => void property.check(value, counters)),
    { seed: SEED, numRuns: property.testRuns },
  );
});

test('every real manifest analyzes cleanly and all its fixes are safe, with LF and CRLF', () => {
  for (const manifest of realManifests) {
    checkAnalyze(manifest.text);
    checkFixes(manifest.text);
    checkFixes(manifest.text.replace(/\n/g, '\r\n'));
  }
});
