import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentIndexAt, frameDocuments, LineIndex, parseSlice, splitDocuments } from '../../server/src/engine/documents';
import { findWorkload } from '../../server/src/engine/workloads';

/**
 * kubectl's documents of a file (cli-runtime's StreamVisitor over
 * YAMLOrJSONDecoder): every line starting with `---` ends a YAML document
 * (the first of a file, or one right after another, stays in the next);
 * `...` is not a separator; a `---` line with more than a comment after it
 * stops kubectl; a file starting with `{` is a stream of JSON values.
 */
const streams: { name: string; text: string; slices: string[]; error?: string; stop?: number }[] = [
  { name: 'empty', text: '', slices: [] },
  { name: 'comment only', text: '# nothing here\n', slices: ['# nothing here\n'] },
  { name: 'one document', text: 'a: 1\n', slices: ['a: 1\n'] },
  { name: 'leading marker', text: '---\na: 1\n', slices: ['---\na: 1\n'] },
  { name: 'comment before marker', text: '# header\n---\na: 1\n', slices: ['# header\n', 'a: 1\n'] },
  { name: 'two documents', text: 'a: 1\n---\nb: 2\n', slices: ['a: 1\n', 'b: 2\n'] },
  { name: 'trailing marker', text: 'a: 1\n---\n', slices: ['a: 1\n'] },
  { name: 'empty documents', text: '---\n---\n', slices: ['---\n'] },
  { name: 'document end marker: not a separator', text: 'a: 1\n...\nb: 1\n', slices: ['a: 1\n...\nb: 1\n'] },
  { name: 'end marker, comment, marker', text: 'a: 1\n...\n# c\n---\nb: 1\n', slices: ['a: 1\n...\n# c\n', 'b: 1\n'] },
  { name: 'directive', text: '%YAML 1.2\n---\na: 1\n', slices: ['%YAML 1.2\n', 'a: 1\n'] },
  { name: 'marker with comment', text: 'a: 1\n--- # second\nb: 2\n', slices: ['a: 1\n', 'b: 2\n'] },
  { name: 'CRLF', text: 'a: 1\r\n---\r\nb: 2\r\n', slices: ['a: 1\r\n', 'b: 2\r\n'] },
  { name: 'block scalar with dashes inside', text: 'a: |\n  ---not a marker\n  text\n---\nb: 2\n', slices: ['a: |\n  ---not a marker\n  text\n', 'b: 2\n'] },
  { name: 'indented marker is content', text: 'a:\n  - b\n  ---\n', slices: ['a:\n  - b\n  ---\n'] },
  { name: 'BOM', text: '\ufeffa: 1\n---\nb: 2\n', slices: ['a: 1\n', 'b: 2\n'] },
  { name: 'no final newline', text: 'a: 1\n---\nb: 2', slices: ['a: 1\n', 'b: 2'] },
  // The piece read before a bad separator is never decoded: kubectl stops at its start.
  { name: 'a separator with content: ---x', text: 'a: 1\n---x: 2\n', slices: ['a: 1\n'], error: 'invalid Yaml document separator: x: 2', stop: 0 },
  { name: 'marker with content', text: '--- {a: 1}\n--- [1, 2]\n', slices: [], error: 'invalid Yaml document separator: {a: 1}', stop: 0 },
  { name: 'JSON stream', text: '{"a": 1}\n{"b": 2}{"c":3}\n', slices: ['{"a": 1}', '{"b": 2}', '{"c":3}'] },
  // After a JSON syntax error kubectl reads nothing: the broken value starts after the last good one.
  {
    name: 'JSON stream with an error',
    text: '{"a": 1}\n{"b": }\n{"c":3}\n',
    slices: ['{"a": 1}'],
    error: "json: offset 16: invalid character '}' looking for beginning of value",
    stop: 8,
  },
];

for (const { name, text, slices: expected, error, stop } of streams) {
  test(`split: ${name}`, () => {
    const frame = frameDocuments(text);
    assert.deepEqual(
      frame.slices.map((s) => s.text),
      expected,
    );
    for (const slice of frame.slices) assert.equal(slice.text, text.slice(slice.start, slice.end));
    frame.slices.forEach((slice, index) => assert.equal(slice.index, index));
    assert.equal(frame.error?.message, error);
    assert.equal(frame.stop, stop ?? null);
    assert.equal(frame.syntax, text.startsWith('{') ? 'json' : 'yaml');
  });
}

test('a syntax error stops kubectl: its document gets it, in kubectl words, and the others are still read', () => {
  const text = 'kind: A\n---\nkind: B\nb: [1, 2\nc: 3\n---\nkind: D\n';
  const parsed = splitDocuments(text).map(parseSlice);
  assert.deepEqual(
    parsed.map((p) => p.syntaxErrors.map((f) => [f.code, f.message, p.slice.text.slice(f.start)])),
    [[], [['yaml-syntax', "yaml: line 2: did not find expected ',' or ']'", ': 3\n']], []],
  );
  assert.deepEqual(
    parsed.map((p) => p.fatal),
    [false, true, false],
  );
  assert.deepEqual(
    parsed.map((p) => p.objects.map((o) => o.kind)),
    [['A'], [], ['D']],
  );
});

test('what kubectl cannot decode is a decode-error, in its words, where the document says it (the engine keeps those of Kubernetes objects)', () => {
  const cases: [string, string, string][] = [
    ['a: 1\n', "Object 'Kind' is missing in '{\"a\":1}'", 'a: 1'],
    ['kind: Pod\nmetadata:\n  labels: {app: 1}\n', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string', 'metadata'],
  ];
  const typeInfo = 'unable to get type info from the object "*unstructured.Unstructured": ';
  // A List's items each get their own error, at the item; items with neither kind nor apiVersion take the List's.
  const list = 'kind: PodList\napiVersion: v1\nitems: [{kind: Pod}, {apiVersion: v1}, {metadata: {name: a}}]\n';
  cases.push([list, `${typeInfo}Object 'apiVersion' is missing in 'object has no apiVersion field'`, '{kind: Pod}']);
  cases.push([list, `${typeInfo}Object 'Kind' is missing in 'object has no kind field '`, '{apiVersion: v1}']);
  for (const [text, message, at] of cases) {
    const [parsed] = splitDocuments(text).map(parseSlice);
    assert.ok(
      parsed.syntaxErrors.some((f) => f.code === 'decode-error' && f.message === message && text.slice(f.start, f.end) === at),
      `${text}: ${JSON.stringify(parsed.syntaxErrors)}`,
    );
    assert.ok(parsed.syntaxErrors.every((f) => f.code === 'decode-error'));
    assert.equal(parsed.fatal, false);
  }
  const [podList] = splitDocuments(list).map(parseSlice);
  assert.deepEqual(
    podList.objects.map((o) => [o.kind, o.apiVersion, o.item]),
    [['Pod', 'v1', 2]],
  );
});

test('alias expansion is bounded', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++)
    bomb.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`,
    );
  const parsed = parseSlice(splitDocuments(bomb.join('\n'))[0]);
  assert.throws(() => parsed.document.toJS({ maxAliasCount: 100 }));
});

test('line index maps offsets to zero-based positions', () => {
  const lines = new LineIndex('ab\ncd\r\n\nef');
  assert.deepEqual(lines.position(0), { line: 0, character: 0 });
  assert.deepEqual(lines.position(2), { line: 0, character: 2 });
  assert.deepEqual(lines.position(3), { line: 1, character: 0 });
  assert.deepEqual(lines.position(7), { line: 2, character: 0 });
  assert.deepEqual(lines.position(9), { line: 3, character: 1 });
  assert.equal(lines.lineCount, 4);
});

test('a custom resource that reuses a built-in kind is not a workload; the built-in groups are', () => {
  const cases: { apiVersion: string; kind: string; workload: boolean }[] = [
    { apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', workload: false },
    { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', workload: false },
    { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet', workload: false },
    { apiVersion: 'batch/v1', kind: 'Job', workload: true },
    { apiVersion: 'batch/v1', kind: 'CronJob', workload: true },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', workload: true },
    { apiVersion: 'v1', kind: 'Pod', workload: true },
    // Old built-in groups are still built-in (and still get the API's checks: api-version-not-served).
    { apiVersion: 'extensions/v1beta1', kind: 'Deployment', workload: true },
    // A built-in group with a dot that does not serve the kind is judged too; other dotted groups are custom or aggregated.
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'Deployment', workload: true },
    { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'Pod', workload: false },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Pod', workload: false },
  ];
  for (const { apiVersion, kind, workload } of cases) {
    const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\nspec: {}\n`;
    const [slice] = splitDocuments(text);
    assert.equal(findWorkload(parseSlice(slice).document) !== null, workload, `${apiVersion} ${kind}`);
  }
});

test('the document under a cursor (what podLens/simulate answers for a position)', () => {
  const text = '# comment\n---\na: 1\n---\nb: 2\n...\n---\nc: 3\n';
  const at = (needle: string) => documentIndexAt(splitDocuments(text), text.indexOf(needle));
  assert.equal(at('# comment'), 0);
  assert.equal(at('a: 1'), 1);
  assert.equal(at('b: 2'), 2);
  assert.equal(at('...'), 2);
  assert.equal(at('c: 3'), 3);
  // A separator that ends a document belongs to none.
  assert.equal(documentIndexAt(splitDocuments(text), text.indexOf('---\nb')), -1);
  assert.equal(documentIndexAt(splitDocuments('a: 1\n---\nb: 2'), 11), 1);
  assert.equal(documentIndexAt(splitDocuments('a: 1\n...\nb: 2'), 11), 0);
  assert.equal(documentIndexAt(splitDocuments('a: 1\r\n---\r\nb: 2'), 12), 1);
  assert.equal(documentIndexAt(splitDocuments('key: |\n  ---x\n'), 12), 0);
});
