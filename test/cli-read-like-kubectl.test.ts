import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../server/src/cli/main';
import { captureIo } from './conformance/run';

/**
 * The CLI on what `kubectl get -o yaml/-o json` prints and on JSON streams:
 * every object kubectl would apply is in the report, a List's items by their
 * index, and `simulate` picks an item. A file kubectl refuses is reported in
 * its words.
 */

const root = path.resolve(__dirname, '../..');

async function run(args: string[], stdin = '') {
  const io = { ...captureIo(root), readStdin: async () => stdin };
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const get = (name: string) => `test/data/kubectl-get/${name}`;

test('analyze --json: `kubectl get pods,deployments -o yaml` is one document, an object per item', async () => {
  const { code, out } = await run(['analyze', '--json', get('get-deployments-and-pods.yaml')]);
  assert.equal(code, 0);
  const [file] = JSON.parse(out).files;
  assert.deepEqual(file.diagnostics, []);
  assert.deepEqual(
    file.objects.map((o: { document: number; item: number; kind: string; name: string; qosClass: string; requests: unknown }) => [
      o.document,
      o.item,
      o.kind,
      o.name,
      o.qosClass,
      o.requests,
    ]),
    [
      [0, 0, 'Deployment', 'web', 'Burstable', { cpuMilli: 250, memoryBytes: 134217728 }],
      [0, 1, 'Deployment', 'api', 'Guaranteed', { cpuMilli: 600, memoryBytes: 603979776 }],
      [0, 2, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', { cpuMilli: 250, memoryBytes: 134217728 }],
      [0, 3, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', { cpuMilli: 250, memoryBytes: 134217728 }],
      [0, 4, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', { cpuMilli: 600, memoryBytes: 603979776 }],
      [0, 5, 'Pod', 'debug', 'BestEffort', { cpuMilli: null, memoryBytes: null }],
    ],
  );
});

test('analyze: the text report names the item; JSON streams are one document per object', async () => {
  const list = await run(['analyze', get('get-pods.json')]);
  assert.equal(list.code, 0);
  assert.match(list.out, /^ {2}Pod api-5f8d7b6c9-q8w2n in default {2}\(document 0, item 2, spec\)$/m);
  const stream = await run(['analyze', '-'], readFileSync(path.join(root, get('pods-jq-c.json')), 'utf8'));
  assert.equal(stream.code, 0);
  assert.deepEqual(
    [...stream.out.matchAll(/^ {2}Pod (\S+) in default {2}\((document \d+), spec\)$/gm)].map((m) => `${m[1]} ${m[2]}`),
    ['web-7d4b9c8f6d-x2x7k document 0', 'web-7d4b9c8f6d-m9zl4 document 1', 'api-5f8d7b6c9-q8w2n document 2', 'debug document 3'],
  );
});

test('analyze: a file kubectl refuses gets its error in kubectl words, and what is never applied a hint', async () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: app, image: nginx}]}\n---x\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n';
  const { code, out } = await run(['analyze', '--json', '-'], text);
  assert.equal(code, 1);
  const [file] = JSON.parse(out).files;
  assert.deepEqual(
    file.diagnostics.map((d: { code: string; severity: string; message: string; line: number }) => [d.code, d.severity, d.line, d.message]),
    [
      ['not-applied', 'hint', 0, 'kubectl stops reading the file at an error (invalid Yaml document separator: x): nothing from here on is applied'],
      ['yaml-syntax', 'error', 4, 'invalid Yaml document separator: x'],
    ],
  );
});

test('simulate --document N --item I: one item of a List; a position names it in the JSON', async () => {
  const { code, out } = await run(['simulate', '--json', '--until', '30', '--document', '0', '--item', '2', get('get-pods.yaml')]);
  assert.equal(code, 0);
  const result = JSON.parse(out);
  assert.deepEqual(result.object, { kind: 'Pod', name: 'api-5f8d7b6c9-q8w2n', document: 0, item: 2 });
  assert.deepEqual(Object.keys(result.summary.containers).sort(), ['api', 'migrate', 'proxy']);
  const text = await run(['simulate', '--until', '30', '--object', 'debug', get('get-pods.json')]);
  assert.equal(text.code, 0);
  assert.match(text.out, /^Pod debug \(document 0, item 3\), simulated until 30 s$/m);
  const errors: [string[], RegExp][] = [
    [['simulate', '--item', '1', get('get-pods.yaml')], /--item needs --document/],
    [['simulate', '--document', '0', '--item', '9', get('get-pods.yaml')], /item 9 of document 0 is not a pod or pod template/],
  ];
  for (const [args, message] of errors) {
    const result = await run(args);
    assert.equal(result.code, 2);
    assert.match(result.err, message);
  }
});
