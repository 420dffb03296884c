import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { documentIndexAt, LineIndex, parseSlice, splitDocuments } from '../../server/src/engine/documents';
import { findWorkload } from '../../server/src/engine/workloads';

/** The split must find exactly the documents a full parse finds, with the same content. */
const streams: [string, string][] = [
  ['empty', ''],
  ['comment only', '# nothing here\n'],
  ['one document', 'a: 1\n'],
  ['leading marker', '---\na: 1\n'],
  ['comment before marker', '# header\n---\na: 1\n'],
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['trailing marker', 'a: 1\n---\n'],
  ['empty documents', '---\n---\n'],
  ['document end marker', 'a: 1\n...\nb: 1\n'],
  ['end marker then comment', 'a: 1\n...\n# trailing\n'],
  ['end marker, comment, marker', 'a: 1\n...\n# c\n---\nb: 1\n'],
  ['directive', '%YAML 1.2\n---\na: 1\n'],
  ['marker with content', '--- {a: 1}\n--- [1, 2]\n'],
  ['marker with comment', 'a: 1\n--- # second\nb: 2\n'],
  ['CRLF', 'a: 1\r\n---\r\nb: 2\r\n'],
  ['block scalar with dashes inside', 'a: |\n  ---not a marker\n  text\n---\nb: 2\n'],
  ['not a marker: ---x', 'a: 1\n---x: 2\n'],
  ['indented marker is content', 'a:\n  - b\n  ---\n'],
  ['BOM', '\ufeffa: 1\n---\nb: 2\n'],
  ['no final newline', 'a: 1\n---\nb: 2'],
];

for (const [name, text] of streams) {
  test(`split: ${name}`, () => {
    const slices = splitDocuments(text);
    const full = parseAllDocuments(text);
    const expected = Array.isArray(full) ? full.map((d) => JSON.stringify(d.toJS())) : [];
    assert.deepEqual(
      slices.map((s) => JSON.stringify(parseSlice(s).document.toJS())),
      expected,
    );
    // Slices tile the text: offsets and text agree.
    for (const slice of slices) assert.equal(slice.text, text.slice(slice.start, slice.end));
    slices.forEach((slice, index) => assert.equal(slice.index, index));
  });
}

test('a syntax error in one document spares the others', () => {
  const text = 'a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n';
  const parsed = splitDocuments(text).map(parseSlice);
  assert.equal(parsed.length, 3);
  assert.equal(parsed[0].syntaxErrors.length, 0);
  assert.ok(parsed[1].syntaxErrors.length > 0);
  assert.equal(parsed[1].syntaxErrors[0].code, 'yaml-syntax');
  assert.equal(parsed[2].syntaxErrors.length, 0);
  assert.deepEqual(parsed[2].document.toJS(), { d: 4 });
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
  assert.equal(at('a: 1'), 0);
  assert.equal(at('b: 2'), 1);
  assert.equal(at('...'), 1);
  assert.equal(at('c: 3'), 2);
  assert.equal(documentIndexAt(splitDocuments('a: 1\n---\nb: 2'), 11), 1);
  assert.equal(documentIndexAt(splitDocuments('a: 1\n...\nb: 2'), 11), 1);
  assert.equal(documentIndexAt(splitDocuments('a: 1\r\n---\r\nb: 2'), 12), 1);
  assert.equal(documentIndexAt(splitDocuments('key: |\n  ---x\n'), 12), 0);
});
