import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  type CodeAction,
  type Hover,
  HoverRequest,
  type MarkupContent,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { find, repoRoot, TestClient } from './client';

/**
 * The real server on what kubectl reads: each item of a `kubectl get -o
 * yaml` List and each object of a JSON stream gets its own lenses, hovers,
 * diagnostics and simulation at its own lines; a lenient form go-yaml
 * accepts gets no syntax error; a file kubectl refuses gets kubectl's error
 * and the text it never applies faded.
 */

let client: TestClient;
let counter = 0;
const uniqueUri = (name: string) => `file:///work/read-${++counter}-${name}`;
const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test/data/kubectl-get', name), 'utf8');

before(async () => {
  client = await TestClient.start();
});

after(async () => {
  await client.stop();
});

async function hover(uri: string, position: { line: number; character: number }): Promise<string | null> {
  const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
  return result ? (result.contents as MarkupContent).value : null;
}

test('kubectl get -o yaml: two lenses above each item, at its kind; titles, data and simulate arguments name the item', async () => {
  const uri = uniqueUri('get-deployments-and-pods.yaml');
  const text = fixture('get-deployments-and-pods.yaml');
  await client.open(uri, text);
  assert.deepEqual(
    (await client.diagnostics(uri)).filter((d) => d.severity === 1),
    [],
  );
  const lenses = await client.lenses(uri);
  assert.deepEqual(
    lenses.filter((_, i) => i % 2 === 0).map((lens) => [lens.range.start.line + 1, lens.command?.title]),
    [
      [4, 'Burstable · eviction risk: medium · OOM score 993'],
      [84, 'Guaranteed · eviction risk: low · OOM score -997'],
      [180, 'Burstable · eviction risk: medium · OOM score 993'],
      [311, 'Burstable · eviction risk: medium · OOM score 993'],
      [442, 'Guaranteed · eviction risk: low · OOM score -997'],
      [624, 'BestEffort · eviction risk: high · OOM score 1000'],
    ],
  );
  assert.deepEqual(
    lenses.map((lens) => lens.data.object),
    [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
  );
  assert.deepEqual(lenses[9].command?.arguments, [{ uri, document: 0, item: 4 }]);
  assert.equal(lenses[8].command?.arguments?.[0].name, 'api-5f8d7b6c9-q8w2n');
  assert.equal(lenses[8].command?.arguments?.[0].item, 4);
});

test('hovers on an item: its own numbers, at its own lines', async () => {
  const uri = uniqueUri('get-pods.yaml');
  const text = fixture('get-pods.yaml');
  await client.open(uri, text);
  await client.diagnostics(uri);
  // The api pod (item 2): its migrate init container's cpu limit (kubectl sorts keys: limits come first).
  const value = await hover(uri, find(text, 'cpu: 200m', 6));
  assert.match(value ?? '', /^\*\*CPU limit `200m`\*\*/);
  assert.match(value ?? '', /Init container `migrate` may run at most 20 ms of CPU time every 100 ms/);
  // The debug pod (item 3): a BestEffort container.
  const debug = await hover(uri, find(text, 'name: debug', 6, 1));
  assert.match(debug ?? '', /BestEffort/);
});

test('podLens/simulate: the item under the position, or the one asked for', async () => {
  const uri = uniqueUri('pods.json');
  const text = fixture('get-pods.json');
  await client.open(uri, text);
  const byPosition = (await client.connection.sendRequest('podLens/simulate', { uri, position: find(text, '"name": "debug"'), until: 30 })) as {
    object: unknown;
  };
  assert.deepEqual(byPosition.object, { kind: 'Pod', name: 'debug', document: 0, item: 3 });
  const byItem = (await client.connection.sendRequest('podLens/simulate', { uri, document: 0, item: 2, until: 30 })) as { object: unknown };
  assert.deepEqual(byItem.object, { kind: 'Pod', name: 'api-5f8d7b6c9-q8w2n', document: 0, item: 2 });
  const first = (await client.connection.sendRequest('podLens/simulate', { uri, document: 0, until: 30 })) as { object: unknown };
  assert.deepEqual(first.object, { kind: 'Pod', name: 'web-7d4b9c8f6d-x2x7k', document: 0, item: 0 });
  await assert.rejects(
    client.connection.sendRequest('podLens/simulate', { uri, document: 0, item: 7 }),
    (error: { code?: number; message?: string }) => error.code === -32602 && /item 7 of document 0/.test(error.message ?? ''),
  );
});

test('a JSON stream (jq -c): one document per line, a lens on each line', async () => {
  const uri = uniqueUri('pods-jq-c.yaml');
  await client.open(uri, fixture('pods-jq-c.json'));
  const diagnostics = await client.diagnostics(uri);
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'yaml-syntax'),
    [],
  );
  const lenses = await client.lenses(uri);
  assert.deepEqual(
    lenses.map((lens) => [lens.range.start.line, lens.data.document]),
    [
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
      [2, 2],
      [2, 2],
      [3, 3],
      [3, 3],
    ],
  );
});

test('a lenient form go-yaml accepts: no syntax error, findings and fixes at the file’s own lines', async () => {
  const uri = uniqueUri('lenient.yaml');
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: lenient',
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: nginx:1.27',
    '    command: ["sh", "-c",',
    '    "sleep 3600"]',
    '    resources:',
    '      limits: {cpu: "1",',
    '      memory: 128m}',
    '',
  ].join('\n');
  await client.open(uri, text);
  const diagnostics = await client.diagnostics(uri);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['memory-millibytes', 12, 14]],
  );
  assert.match((await hover(uri, find(text, '128m'))) ?? '', /0\.128 bytes|millibytes|1 byte/);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred)!;
  await client.applyEdits(uri, (fix.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
  assert.equal(client.texts.get(uri)!.split('\n')[12], '      memory: 128Mi}');
  await client.diagnostics(uri, (d) => d.length === 0, 5000, false);
});

test('a file kubectl refuses: its error where it fails, and what it never applies faded', async () => {
  const uri = uniqueUri('refused.yaml');
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx\n`;
  const text = `${pod('first')}---\n${pod('second').replace('  - name', '\t- name')}---\n${pod('third')}`;
  await client.open(uri, text);
  const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'yaml-syntax'));
  const syntax = diagnostics.find((d) => d.code === 'yaml-syntax')!;
  assert.equal(syntax.message, 'yaml: line 7: found character that cannot start any token');
  assert.equal(syntax.range.start.line, 15);
  const faded = diagnostics.find((d) => d.code === 'not-applied')!;
  assert.deepEqual([faded.severity, faded.tags, faded.range.start.line], [4, [1], 17]);
  // The documents kubectl frames are still analyzed: the first and the third keep their lenses.
  const lenses = await client.lenses(uri);
  assert.deepEqual(
    lenses.map((lens) => lens.range.start.line),
    [1, 1, 19, 19],
  );
});
