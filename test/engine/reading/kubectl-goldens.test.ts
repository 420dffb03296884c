/**
 * Every golden case: what the reader makes of the file (the `yaml` package's
 * parse of each document's text, decoded with kubectl's rules) is what
 * kubectl v1.32 printed, objects and errors; and every document's map leads
 * back to the file's own text.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { canonicalGoldenObject, emulatedOutput, goldenCases, readerOutput } from './goldens';

const cases = goldenCases();

test(`the corpus has several hundred cases (${cases.length})`, () => {
  assert.ok(cases.length >= 500);
});

for (const c of cases) {
  test(`kubectl reads ${c.name}`, () => {
    const ours = readerOutput(c.text);
    assert.deepEqual(ours.unfollowed, [], 'the reader follows kubectl on every document');
    assert.deepEqual(ours.objects, c.objects.map(canonicalGoldenObject), 'objects');
    assert.equal(ours.stderr, c.stderr, 'errors');
  });
}

test('the go-yaml model alone (no `yaml` package) agrees with kubectl on every case', () => {
  const failures: string[] = [];
  for (const c of cases) {
    const r = emulatedOutput(c.text);
    if (JSON.stringify(r.objects) !== JSON.stringify(c.objects.map(canonicalGoldenObject)) || r.stderr !== c.stderr) failures.push(c.name);
  }
  assert.deepEqual(failures, []);
});
