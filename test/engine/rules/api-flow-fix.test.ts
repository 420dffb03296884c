import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, defaultNode } from '../../../server/src/engine/analyze';
import { isPlainScalarText } from '../../../server/src/engine/rules/api/edits';

function applyFix(text: string, title: string): string {
  const object = analyzeText(text, { node: defaultNode }).documents[0].objects[0]!;
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
  assert.equal(after.objects[0]!.invalid, false);
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
  assert.equal(after.objects[0]!.invalid, false);
});

// Found by `npm run fuzz` (fixes, seed 1937414820): setting a plain limit to a request written `'-'`
// wrote a bare `-`, a YAML list item. The plain value must read back as one scalar, or the next
// candidate (the canonical form) is written.
test('a limit set to the request is written as a plain scalar that YAML reads back', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: x
    resources:
      requests:
        example.com/foo: '-'
      limits:
        example.com/foo: 9223372036854775807
`;
  const fixed = applyFix(text, 'Set the example.com/foo limit to the request (0)');
  assert.equal(fixed, text.replace('example.com/foo: 9223372036854775807', 'example.com/foo: 0'));
  const after = analyzeText(fixed, { node: defaultNode }).documents[0];
  assert.deepEqual(after.findings, []);
  assert.equal(after.objects[0]!.invalid, false);
});

test('isPlainScalarText: the parser decides what stays one plain scalar', () => {
  const table: [string, boolean][] = [
    ['500m', true],
    ['1Gi', true],
    ['0', true],
    ['1e3', true],
    ['-1', true],
    ['-', false],
    ['- 1', false],
    ['a: b', false],
    ['1 #x', false],
    ['a,b', false],
    ['[1]', false],
    ['"1"', false],
    ['*x', false],
    ['&a 1', false],
    ['!!str 1', false],
    ['', false],
    ['1\n2', false],
    [' 1', false],
  ];
  for (const [value, plain] of table) assert.equal(isPlainScalarText(value), plain, JSON.stringify(value));
});
