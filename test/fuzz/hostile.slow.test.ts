import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { captureIo } from '../conformance/run';
import { checkAnalyze } from './properties';
import { assertCli, cli, codes, dir, hostile, timed } from './hostile-support';

/** Hostile inputs of the everyday kind; the ones that take tens of seconds are in test/slow. */

// ---------------------------------------------------------------- alias bombs

function billionLaughs(levels: number, fanout: number): string[] {
  const lines = [`l0: &l0 [${Array(fanout).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(fanout)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines;
}

test('billion laughs at the top level (9 levels of 9: 387 million strings if expanded)', async () => {
  await hostile('billion-laughs', billionLaughs(10, 9).join('\n') + '\n', { engineMs: 5000 });
});

test('billion laughs inside a pod: under annotations, env, command and as the container list', async () => {
  const bomb = billionLaughs(10, 9).map((line) => `    ${line}`);
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: lol',
    '  annotations:',
    ...bomb,
    'spec:',
    '  containers:',
    '  - name: a',
    '    image: x',
    '    command: *l9',
    '    env: *l9',
    '    resources: {limits: {cpu: 1, memory: 1Gi}}',
    '  initContainers: *l9',
    '  volumes: *l9',
    '',
  ].join('\n');
  // go-yaml refuses to expand it: kubectl says "yaml: document contains excessive aliasing".
  await hostile('billion-laughs-pod', text, { engineMs: 5000, code: 'yaml-syntax' });
});

test('a binary alias bomb of maps (2^30 leaves) in fields the schema walks', async () => {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: maps', '  labels:', '    m0: &m0 {x: "1", y: "1"}'];
  for (let i = 1; i <= 30; i++) lines.push(`    m${i}: &m${i} {x: *m${i - 1}, y: *m${i - 1}}`);
  lines.push(
    'spec:',
    '  nodeSelector: *m30',
    '  containers:',
    '  - name: a',
    '    image: x',
    '    resources: {limits: {cpu: 1}}',
    '  securityContext: *m30',
    '',
  );
  await hostile('map-bomb', lines.join('\n'), { engineMs: 5000, code: 'yaml-syntax' });
});

test('deeply repeated anchors: 5,000 containers each an anchor and an alias of the same name', async () => {
  const items = Array.from({ length: 5000 }, (_, i) => `  - &c {name: c${i}, image: x, resources: {limits: {cpu: 10m, memory: 8Mi}}}\n  - *c`);
  await hostile('repeated-anchors', `apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nspec:\n  containers:\n${items.join('\n')}\n`, {
    engineMs: 10000,
    code: 'duplicate-container-name',
  });
});

test('an anchor redefined 20,000 times, each aliasing the one before (and itself)', async () => {
  const lines = ['k0: &a [1]', ...Array.from({ length: 20000 }, (_, i) => `k${i + 1}: &a [*a, *a]`)];
  await hostile('anchor-chain', lines.join('\n') + '\n', { engineMs: 10000 });
});

test('an alias with no anchor, and an anchor used before it is defined', async () => {
  await hostile(
    'dangling-alias',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: *nowhere\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers: [*later]\nx: &later {name: a}\n',
    {
      // kubectl's go-yaml refuses an alias whose anchor is not defined before it.
      engineMs: 2000,
      code: 'yaml-syntax',
    },
  );
});

// ---------------------------------------------------------------- nesting

test('10,000-level flow nesting (sequences and maps): a syntax finding, no stack overflow', async () => {
  await hostile('flow-seq', 'a: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n', { engineMs: 5000, code: 'yaml-syntax' });
  await hostile('flow-map', 'a: ' + '{a: '.repeat(10000) + '1' + '}'.repeat(10000) + '\n', { engineMs: 5000, code: 'yaml-syntax' });
});

test('10,000-level block nesting (maps and sequences), also inside a pod spec', async () => {
  await hostile('block-map', Array.from({ length: 10000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n', { engineMs: 10000, code: 'yaml-syntax' });
  await hostile('block-seq', Array.from({ length: 10000 }, (_, i) => ' '.repeat(i * 2) + '- ').join('\n') + 'x\n', { engineMs: 10000, code: 'yaml-syntax' });
  const env = Array.from({ length: 10000 }, (_, i) => ' '.repeat(6 + i) + `k${i}:`).join('\n');
  await hostile('block-in-pod', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    env:\n${env}\n`, { engineMs: 10000 });
});

test('nesting just under what the parser accepts, in fields the schema walks', async () => {
  // Deep enough to stress every recursive walk of ours, shallow enough that the parser composes it.
  const depth = 400;
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  labels: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\nspec:\n  affinity: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n  containers:\n  - name: a\n    image: x\n    env: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  await hostile('deep-but-parsed', text, { engineMs: 5000 });
});

// ---------------------------------------------------------------- size

test('100,000 empty documents (--- and ... markers)', async () => {
  await hostile('empty-docs', '---\n'.repeat(100_000), { engineMs: 15000 });
  await hostile('empty-docs-ended', '---\n...\n'.repeat(50_000), { engineMs: 15000 });
});

test('10,000 containers in one pod', async () => {
  const containers = Array.from({ length: 10000 }, (_, i) => `  - name: c${i}\n    image: x\n    resources:\n      limits: {cpu: 10m, memory: 1Mi}`);
  await hostile('many-containers', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n${containers.join('\n')}\n`, {
    engineMs: 15000,
    code: 'unschedulable',
  });
});

test('huge numbers: 100,000-digit quantities, 1e999999, integers past int64 in integer fields', async () => {
  const digits = '9'.repeat(100_000);
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    `  terminationGracePeriodSeconds: ${digits}`,
    `  priority: -${digits}`,
    '  containers:',
    '  - name: a',
    '    image: b',
    `    resources: {limits: {cpu: ${digits}, memory: 1e999999}, requests: {cpu: "${digits}Ei", memory: 0.${digits}}}`,
    `    livenessProbe: {exec: {command: [x]}, periodSeconds: 1e308, failureThreshold: ${digits}}`,
    '',
  ].join('\n');
  await hostile('huge-numbers', text, { engineMs: 10000, code: 'invalid-type' });
});

// ---------------------------------------------------------------- bytes that are not text

test('NUL bytes: the engine reports a syntax error; the CLI calls the file binary', async () => {
  const text = 'apiVersion: v1\u0000\nkind: Pod\nspec:\n  containers: []\n' + '\u0000'.repeat(1000);
  const engine = timed(() => checkAnalyze(text));
  assert.ok(codes(engine.value).has('yaml-syntax'));
  assertCli('nul', await cli('nul', text), { engineMs: 2000, cliExit: [2], cliMessage: /binary file/ }, engine.ms);
});

test('a binary file: the CLI exits 2 with one line; the engine gives a degraded result', async () => {
  const bytes = Buffer.alloc(64 * 1024);
  let state = 12345;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (state = (state * 1103515245 + 12345) & 0x7fffffff) >> 16;
  const engine = timed(() => checkAnalyze(bytes.toString('latin1')));
  assert.ok(engine.ms < 5000);
  assertCli('binary', await cli('binary', bytes), { engineMs: 2000, cliExit: [2], cliMessage: /binary file/ }, engine.ms);
  // A PNG: the classic "opened an image as YAML".
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), bytes.subarray(0, 1024)]);
  assertCli('png', await cli('png', png), { engineMs: 2000, cliExit: [2], cliMessage: /binary file/ }, 0);
});

test('invalid UTF-8 in a file: analyzed with replacement characters, and the CLI says so', async () => {
  // Byte 40 is in the comment, after the two bytes of é: the broken bytes leave the object itself valid.
  const pod = Buffer.from(
    'apiVersion: v1\nkind: Pod\n# note: caf\u00e9 and more\nmetadata:\n  name: cafe\nspec:\n  containers:\n  - name: a\n    image: x\n    resources: {limits: {cpu: 1, memory: 1Gi}}\n',
  );
  const broken = Buffer.concat([pod.subarray(0, 40), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80]), pod.subarray(40)]);
  const run = await cli('invalid-utf8', broken);
  assertCli('invalid-utf8', run, { engineMs: 2000 }, 0);
  assert.match(run.err, /invalid-utf8\.yaml: not valid UTF-8 \(first bad byte at offset 40\)/);
  assert.equal(JSON.parse(run.out).files[0].objects[0].qosClass, 'Guaranteed', 'the rest of the file is still analyzed');
});

test('UTF-16 with a byte order mark is read as UTF-16, not called binary', async () => {
  const text =
    '\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: wide\nspec:\n  containers:\n  - name: a\n    image: x\n    resources: {limits: {cpu: 1, memory: 1Gi}}\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  for (const [name, bytes] of [
    ['utf16le', le],
    ['utf16be', be],
  ] as const) {
    const run = await cli(name, bytes);
    assertCli(name, run, { engineMs: 2000 }, 0);
    assert.equal(JSON.parse(run.out).files[0].objects[0].qosClass, 'Guaranteed', name);
  }
});

test('control characters, lone surrogates, RTL overrides and a BOM in keys and values', async () => {
  const text =
    '\ufeffapiVersion: v1\nkind: Pod\u202e\nmetadata:\n  name: "\ud800x\udfff"\n  labels: {"\u200f": "\u0007"}\nspec:\n  containers:\n  - name: "a\u0085b"\n    image: "\u2028"\n    resources: {limits: {cpu: "1\u200b", memory: "1Gi\ufeff"}}\n';
  await hostile('unicode', text, { engineMs: 2000 });
});

test('simulate on an alias bomb: nothing is expanded; kubectl refuses the file, and simulate says so in its words', async () => {
  const bomb = billionLaughs(10, 9).map((line) => `    ${line}`);
  const inSpec = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: lol',
    '  annotations:',
    ...bomb,
    'spec:',
    '  containers:',
    '  - name: a',
    '    image: x',
    '    command: *l9',
    '',
  ];
  const file = path.join(dir, 'sim-bomb.yaml');
  writeFileSync(file, inSpec.join('\n'));
  const io = captureIo(dir);
  const started = performance.now();
  assert.equal(await main(['simulate', file, '--until', '60'], io), 2);
  assert.ok(performance.now() - started < 5000);
  assert.match(io.err.join(''), /no pod or pod template kubectl can read in the file \(document 0: yaml: document contains excessive aliasing\)/);
  rmSync(file);
});
