import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, defaultNode } from '../../server/src/engine/analyze';
import { reanalyze } from '../../server/src/engine/incremental';
import { buildReportFile } from '../../server/src/engine/report';

/** Half-typed and hostile text: the engine answers with findings, never an exception. */
const inputs: [string, string][] = [
  ['empty', ''],
  ['only a marker', '---'],
  ['a scalar document', 'hello'],
  ['a list document', '- a\n- b'],
  ['half-typed key', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    resources:\n      requests:\n        cp'],
  ['half-typed value', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    resources:\n      limits:\n        memory: '],
  ['unclosed flow', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a'],
  ['tabs as indentation', 'apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []'],
  ['containers is a string', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: nope'],
  ['container is a scalar', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [1, null, "x"]'],
  ['resources is a list', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n    resources: [1]'],
  ['requests is a scalar', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n    resources: {requests: 5}'],
  ['quantity is a map', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n    resources: {requests: {cpu: {a: 1}}}'],
  ['kind is a map', 'apiVersion: v1\nkind: {a: 1}\nspec: {}'],
  ['alias to spec', 'apiVersion: v1\nkind: Pod\nx: &s {containers: [{name: a, image: b}]}\nspec: *s'],
  ['undefined alias', 'apiVersion: v1\nkind: Pod\nspec: *nowhere'],
  [
    'merge keys',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - &c {name: a, image: b, resources: {limits: {cpu: 1, memory: 1Gi}}}\n  - <<: *c\n    name: z',
  ],
  ['CRLF and BOM', '\ufeffapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: b\r\n'],
  ['NUL bytes', 'apiVersion: v1\u0000\nkind: Pod'],
  [
    'huge number',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n    resources: {requests: {memory: 99999999999999999999999999999}}',
  ],
  ['deep nesting', 'a: ' + '['.repeat(2000) + ']'.repeat(2000)],
  ['many documents', '---\n'.repeat(5000)],
];

for (const [name, text] of inputs) {
  test(`never throws: ${name}`, () => {
    const result = analyzeText(text, { node: defaultNode });
    const report = buildReportFile('x.yaml', result);
    for (const d of [...report.diagnostics, ...report.objects.flatMap((o) => o.diagnostics)]) {
      assert.ok(d.line >= 0 && d.character >= 0 && d.endLine >= d.line, JSON.stringify(d));
    }
    for (const document of result.documents) {
      for (const f of [...document.findings, ...(document.objects[0]?.findings ?? [])]) {
        assert.ok(f.start >= 0 && f.end >= f.start && f.end <= document.slice.text.length, `${f.code} ${f.start}-${f.end}`);
        assert.notEqual(f.code, 'internal-error', f.message);
      }
    }
  });
}

test('reanalyze reuses unchanged documents and recomputes the edited one', () => {
  const a = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: x, resources: {requests: {cpu: 100m}}}]\n';
  const b = 'apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: [{name: b, image: x, resources: {requests: {cpu: 200m}}}]\n';
  const first = analyzeText(`${a}---\n${b}`, { node: defaultNode });
  const edited = b.replace('200m', '300m');
  const second = reanalyze(first, `${a}---\n${edited}`, { node: defaultNode });
  assert.equal(second.documents[0].objects[0], first.documents[0].objects[0], 'first document reused');
  assert.notEqual(second.documents[1].objects[0], first.documents[1].objects[0], 'second document recomputed');
  // An edit that moves a document keeps its result but updates its position.
  const third = reanalyze(second, `# a comment\n${a}---\n${edited}`, { node: defaultNode });
  assert.equal(third.documents[1].objects[0], second.documents[1].objects[0]);
  assert.equal(third.documents[1].slice.start, second.documents[1].slice.start + '# a comment\n'.length);
});
