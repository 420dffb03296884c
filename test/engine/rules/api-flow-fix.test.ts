import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, defaultNode } from '../../../server/src/engine/analyze';

function applyFix(text: string, title: string): string {
  const object = analyzeText(text, { node: defaultNode }).documents[0].object!;
  const fix = object.findings.flatMap((f) => f.fixes ?? []).find((f) => f.title === title);
  assert.ok(fix, `a fix titled ${title}`);
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

// Found by `npm run fuzz` (fixes, seed 1219331307): removing a key from a flow map removed the whole line,
// and with it the anchored container that a later alias needed.
test('removing a readiness probe grace period from a flow map keeps the rest of the line', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - &base {name: app0, image: x, readinessProbe: {httpGet: {path: /h, port: 8080}, terminationGracePeriodSeconds: 5}}
  - <<: *base
    name: app1
`;
  const fixed = applyFix(text, 'Remove terminationGracePeriodSeconds');
  assert.equal(fixed, text.replace(', terminationGracePeriodSeconds: 5', ''));
  const after = analyzeText(fixed, { node: defaultNode }).documents[0];
  assert.deepEqual(after.findings, []);
  assert.equal(after.object!.invalid, false);
});

test('in block style the fix removes the whole line, its comment included', () => {
  const block = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x
    readinessProbe:
      httpGet: {path: /h, port: 8080}
      terminationGracePeriodSeconds: 5   # not allowed here
`;
  assert.equal(applyFix(block, 'Remove terminationGracePeriodSeconds'), block.replace('      terminationGracePeriodSeconds: 5   # not allowed here\n', ''));
});

// Found by `npm run fuzz` (fixes, seed 1625397637): the added limit copied `"-"` without its quotes,
// and a bare `-` is a YAML list item.
test('an added limit copies the request value as written, quotes included', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x
    resources:
      requests:
        cpu: "1"
        example.com/widget: "2"
`;
  const fixed = applyFix(text, 'Add a limit for example.com/widget equal to the request');
  assert.equal(fixed, text + '      limits:\n        example.com/widget: "2"\n');
  const after = analyzeText(fixed, { node: defaultNode }).documents[0];
  assert.deepEqual(after.findings, []);
  assert.equal(after.object!.invalid, false);
});
