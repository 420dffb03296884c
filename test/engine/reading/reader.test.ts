/**
 * The reader's documents: texts, maps back to the file, errors where kubectl
 * fails, List items, JSON streams, and the cost of the common case.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { originOf } from '../../../server/src/sources/source-map';
import { frameKubectlFile, readKubectlDocument, readKubectlFile } from '../../../server/src/engine/reading/reader';
import { kubectlDocumentObjects } from '../../../server/src/engine/reading/objects-of';
import { goldenCases, dataDir } from './goldens';

const caseText = (name: string) => readFileSync(path.join(dataDir, 'cases', name), 'utf8');

test('every document of every golden case maps back to the file, and its errors lie where kubectl says', () => {
  const problems: string[] = [];
  for (const c of goldenCases()) {
    const { file } = readKubectlFile(c.text);
    for (const d of file.documents) {
      const where = `${c.name} document ${d.index}`;
      if (!d.rewritten && d.text !== c.text.slice(d.start, d.end)) problems.push(`${where}: an unchanged document is not the file's slice`);
      let previous = 0;
      for (const s of d.map.segments) {
        if (s.outStart < previous || s.outEnd > d.text.length) problems.push(`${where}: segments out of order`);
        previous = s.outEnd;
        // Copied text is the file's text, except tabs the reader respells one for one; a scalar written anew maps to the whole of it.
        if (s.origin !== 'text') continue;
        const out = d.text.slice(s.outStart, s.outEnd);
        const src = c.text.slice(s.srcStart, s.srcEnd);
        if (out.replace(/\t/g, ' ') !== src.replace(/\t/g, ' ').replace(/\r(?!\n)/g, '\n') && out !== src)
          problems.push(`${where}: segment ${s.outStart}..${s.outEnd} is not the file's ${s.srcStart}..${s.srcEnd}`);
      }
      const e = d.error;
      if (!e) continue;
      if (!(0 <= e.start && e.start <= e.end && e.end <= c.text.length)) problems.push(`${where}: error span ${e.start}..${e.end}`);
      const line = /^yaml: line (\d+):/.exec(e.message);
      if (line) {
        // go-yaml counts lines of the document from 1 for its scanner's errors and from 0 for its parser's.
        const errorLine = c.text.slice(d.start, e.start).split(/\r\n|\n|\r|\u0085|\u2028|\u2029/).length - 1;
        const n = Number(line[1]);
        // At the end of a document without a final line break, go-yaml is on the line kubectl adds.
        const atAddedLine = e.start === d.end && !c.text.slice(d.start, d.end).endsWith('\n') && errorLine + 2 === n;
        if (errorLine + 1 !== n && errorLine !== n && !atAddedLine) problems.push(`${where}: kubectl says line ${n}, the error is on line ${errorLine + 1}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('a plain YAML file goes through unchanged: the file slices, identity maps, one parse each', () => {
  const text = caseText('real/kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml');
  const framed = frameKubectlFile(text, { file: 'g.yaml' });
  assert.equal(framed.documents.length, 6);
  for (const d of framed.documents) {
    const { document, parsed } = readKubectlDocument(text, d, { file: 'g.yaml' });
    assert.equal(document.text, text.slice(d.start, d.end));
    assert.equal(document.rewritten, false);
    assert.equal(document.checked, false, 'trusted to the yaml package: no go-yaml pass');
    assert.deepEqual(document.map.segments, [{ outStart: 0, outEnd: d.end - d.start, file: 'g.yaml', srcStart: d.start, srcEnd: d.end, origin: 'text' }]);
    assert.ok(parsed && parsed.errors.length === 0);
  }
});

test("kubernetes/dashboard's flow sequence continued at the key's column: re-indented, mapped back", () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox\n    command: ["sh", "-c",\n    "echo hello; sleep 3600"]\n';
  const { file, parsed } = readKubectlFile(text);
  const [d] = file.documents;
  assert.equal(d.rewritten, true);
  assert.equal(d.error, null);
  assert.equal(d.text, text.replace('\n    "echo', '\n     "echo'));
  const at = d.text.indexOf('echo hello');
  assert.deepEqual(originOf(d.map, at, at + 10), { file: '', start: text.indexOf('echo hello'), end: text.indexOf('echo hello') + 10, origin: 'text' });
  const objects = kubectlDocumentObjects(text, d, parsed[0]);
  const spec = objects.objects[0].value.spec as { initContainers: { command: string[] }[] };
  assert.deepEqual(spec.initContainers[0].command, ['sh', '-c', 'echo hello; sleep 3600']);
});

test('a syntax error is where go-yaml stops, in kubectl words', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: b: c\n';
  const { file } = readKubectlFile(text, { source: 'cm.yaml' });
  assert.equal(file.documents[0].error, null);
  const e = file.documents[1].error!;
  assert.equal(e.message, 'yaml: line 4: mapping values are not allowed in this context');
  assert.equal(e.kubectl, 'error parsing cm.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context');
  assert.equal(e.start, text.indexOf('b: c') + 1);
  assert.equal(e.fatal, true);
});

test('JSON streams: one object per value, as kubectl -o json | jq -c prints them', () => {
  const objects = ['a', 'b', 'c'].map((n) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n } }));
  for (const text of [objects.join('\n') + '\n', objects.join(''), objects.map((o) => JSON.stringify(JSON.parse(o), null, 2)).join('\n')]) {
    const { file, parsed } = readKubectlFile(text);
    assert.equal(file.syntax, 'json');
    assert.equal(file.documents.length, 3);
    const names = file.documents.map((d, i) => (kubectlDocumentObjects(text, d, parsed[i]).objects[0].value.metadata as { name: string }).name);
    assert.deepEqual(names, ['a', 'b', 'c']);
    for (const d of file.documents) assert.equal(JSON.parse(d.text).kind, 'ConfigMap');
  }
  const broken = objects[0] + ',' + objects[1];
  const { file } = readKubectlFile(broken);
  assert.equal(file.documents.length, 1);
  assert.equal(file.error!.message, `json: offset ${objects[0].length + 1}: invalid character ',' looking for beginning of value`);
  assert.equal(file.error!.start, objects[0].length);
});

test('a List: kubectl applies its items, each read from its own node', () => {
  const text = 'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: a\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n';
  const { file, parsed } = readKubectlFile(text);
  const { objects, errors } = kubectlDocumentObjects(text, file.documents[0], parsed[0]);
  assert.deepEqual(errors, []);
  assert.deepEqual(
    objects.map((o) => [o.kind, o.apiVersion, o.item, text.slice(o.start, o.end)]),
    [
      ['Pod', 'v1', 0, 'metadata:\n    name: a\n'],
      ['Pod', 'v1', 1, 'apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n'],
    ],
  );
});

test('a List item without a kind: kubectl reports it at the item and applies the others', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- metadata:\n    name: a\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: b\n';
  const { file, parsed } = readKubectlFile(text);
  const { objects, errors } = kubectlDocumentObjects(text, file.documents[0], parsed[0]);
  assert.deepEqual(
    objects.map((o) => o.kind),
    ['Secret'],
  );
  assert.equal(errors.length, 1);
  assert.equal(
    errors[0].message,
    `unable to get type info from the object "*unstructured.Unstructured": Object 'Kind' is missing in 'object has no kind field '`,
  );
  assert.equal(text.slice(errors[0].start, errors[0].end), 'metadata:\n    name: a\n');
});

test('a bad separator stops kubectl: the documents after it are unread', () => {
  const text = 'kind: A\n---\nkind: B\n--- x\nkind: C\n';
  const framed = frameKubectlFile(text);
  assert.deepEqual(
    framed.documents.map((d) => [text.slice(d.start, d.end), d.unread]),
    [
      ['kind: A\n', false],
      ['kind: B\n', true],
      ['kind: C\n', true],
    ],
  );
  assert.equal(framed.error!.kubectl, 'error parsing FILE: invalid Yaml document separator: x');
});

test('what follows `...` in a document is ignored by kubectl, and cut from the text', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n...\napiVersion: v1\nkind: Secret\n';
  const { file, parsed } = readKubectlFile(text);
  const [d] = file.documents;
  assert.deepEqual(d.ignored, { start: text.indexOf('apiVersion: v1\nkind: Secret'), end: text.length });
  assert.deepEqual(
    kubectlDocumentObjects(text, d, parsed[0]).objects.map((o) => o.kind),
    ['ConfigMap'],
  );
});

test('a first separator stays with its document, as kubectl keeps it', () => {
  const text = '--- # first\napiVersion: v1\nkind: ConfigMap\n';
  const framed = frameKubectlFile(text);
  assert.deepEqual(
    framed.documents.map((d) => [d.start, d.end]),
    [[0, text.length]],
  );
});

test('a 12 MB file of 7500 documents is framed in a few milliseconds', () => {
  const base = caseText('real/kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml');
  let text = '';
  while (text.length < 12_000_000) text += base + '---\n';
  frameKubectlFile(text);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const framed = frameKubectlFile(text);
    best = Math.min(best, performance.now() - started);
    assert.ok(framed.documents.length > 7000);
  }
  // A few milliseconds on a quiet machine; the bound leaves room for a busy one.
  assert.ok(best < 60, `${best.toFixed(1)} ms`);
});
