/**
 * Every golden case: what the reader makes of the file (the `yaml` package's
 * parse of each document's text, decoded with kubectl's rules) is what
 * kubectl v1.32 printed, objects and errors; and every document's map leads
 * back to the file's own text.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { canonicalGoldenObject, canonicalJson, goldenCases, NO_OBJECTS } from './goldens';
import { readKubectlFile } from '../../../server/src/engine/reading/reader';
import { kubectlDocumentObjects } from '../../../server/src/engine/reading/objects-of';
import { KubectlError, kubectlStderr } from '../../../server/src/engine/reading/objects';
import { emulateKubectl } from '../../../server/src/engine/reading/emulate';

/** kubectl's output for a file, as the reader sees it. */
export function readerOutput(text: string): { objects: string[]; stderr: string; unfollowed: string[] } {
  const { file, parsed } = readKubectlFile(text);
  const objects: string[] = [];
  const errors: KubectlError[] = [];
  const unfollowed: string[] = [];
  let stopped = false;
  for (const [i, document] of file.documents.entries()) {
    if (document.unread) break;
    if (document.error?.origin === 'reader') {
      unfollowed.push(`document ${i}: ${document.error.message}`);
      continue;
    }
    const result = kubectlDocumentObjects(text, document, parsed[i]);
    objects.push(...result.objects.map((o) => canonicalJson(o.value)));
    const itemErrors = result.errors.filter((e) => e.listItem);
    for (const e of result.errors.filter((e) => !e.listItem)) errors.push({ message: e.kubectl });
    if (itemErrors.length > 0) errors.push({ itemMessages: itemErrors.map((e) => e.kubectl), items: [] });
    if (result.errors.some((e) => e.fatal)) {
      stopped = true;
      break;
    }
  }
  if (!stopped && file.error) errors.push({ message: file.error.kubectl });
  let stderr = kubectlStderr(errors);
  if (stderr === '' && objects.length === 0) stderr = NO_OBJECTS;
  return { objects, stderr, unfollowed };
}

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
    const r = emulateKubectl(c.text);
    let stderr = kubectlStderr(r.errors);
    if (stderr === '' && r.objects.length === 0) stderr = NO_OBJECTS;
    const objects = r.objects.map(canonicalJson);
    if (JSON.stringify(objects) !== JSON.stringify(c.objects.map(canonicalGoldenObject)) || stderr !== c.stderr) failures.push(c.name);
  }
  assert.deepEqual(failures, []);
});
