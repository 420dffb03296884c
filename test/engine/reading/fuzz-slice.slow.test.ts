/**
 * A bounded, fixed-seed slice of the `kubectl-read` fuzz property
 * (test/fuzz/kubectl-read.ts): the reader against the go-yaml model on
 * mutated real manifests, and against kubectl itself when it is on the PATH.
 */
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { checkKubectlRead, readingCase } from '../../fuzz/kubectl-read';

const SEED = 20260507;

test('fuzz slice: kubectl-read (reader = go-yaml model), 300 mutated manifests', () => {
  fc.assert(
    fc.property(readingCase, (text) => void checkKubectlRead(text, undefined, false)),
    { seed: SEED, numRuns: 300 },
  );
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

test('fuzz slice: kubectl-read against kubectl itself, 40 mutated manifests', { skip: kubectl ? false : 'kubectl is not on the PATH' }, () => {
  fc.assert(
    fc.property(readingCase, (text) => void checkKubectlRead(text, undefined, true)),
    { seed: SEED + 1, numRuns: 40 },
  );
});
