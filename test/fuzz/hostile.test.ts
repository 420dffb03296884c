import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type FileResult } from '../../server/src/engine/analyze';
import { main } from '../../server/src/cli/main';
import { captureIo } from '../conformance/run';
import { checkAnalyze } from './properties';
import { realManifests } from './generators';

/**
 * Hostile input (issue 7): each gets a clear message or a degraded analysis,
 * in bounded time, from the engine and from the CLI. The bounds are generous
 * (a shared two-core machine); they catch hangs and quadratic blow-ups, not
 * slow days. docs/robustness.md lists what each input gets.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'pod-lens-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Expect {
  /** Milliseconds the engine may take. */
  engineMs: number;
  /** What the engine must say (a finding code somewhere in the file), if anything. */
  code?: string;
  /** The CLI's exit status: 0 or 1 is an analysis, 2 a one-line message. */
  cliExit?: (0 | 1 | 2)[];
  /** Part of the CLI's one-line message on exit 2. */
  cliMessage?: RegExp;
}

function codes(result: FileResult): Set<string> {
  return new Set(result.documents.flatMap((d) => [...d.findings, ...(d.object?.findings ?? [])].map((f) => f.code)));
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

async function cli(name: string, content: string | Buffer): Promise<{ code: number; out: string; err: string; ms: number }> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, content);
  const io = captureIo(dir);
  const started = performance.now();
  const code = await main(['analyze', '--format', 'json', '--fail-on', 'error', file], io);
  const ms = performance.now() - started;
  rmSync(file);
  return { code, out: io.out.join(''), err: io.err.join(''), ms };
}

async function hostile(name: string, text: string, expect: Expect): Promise<void> {
  const engine = timed(() => checkAnalyze(text));
  assert.ok(engine.ms < expect.engineMs, `${name}: the engine took ${engine.ms.toFixed(0)} ms (bound ${expect.engineMs} ms)`);
  if (expect.code) assert.ok(codes(engine.value).has(expect.code), `${name}: expected a ${expect.code} finding, got ${[...codes(engine.value)].join(', ')}`);
  const run = await cli(name, text);
  assertCli(name, run, expect, engine.ms);
}

function assertCli(name: string, run: { code: number; out: string; err: string; ms: number }, expect: Expect, engineMs: number): void {
  const allowed = expect.cliExit ?? [0, 1];
  assert.ok(allowed.includes(run.code as 0 | 1 | 2), `${name}: CLI exit ${run.code}, stderr: ${run.err.slice(0, 300)}`);
  // The CLI adds reading, the report and its JSON to the engine's work: a few times the engine's bound at most.
  assert.ok(run.ms < Math.max(5000, engineMs * 4) + expect.engineMs, `${name}: the CLI took ${run.ms.toFixed(0)} ms`);
  if (run.code === 2) {
    assert.equal(run.out, '', `${name}: no report on exit 2`);
    assert.match(run.err, /^pod-lens analyze: [^\n]+\n$/, `${name}: one clear line on stderr`);
    if (expect.cliMessage) assert.match(run.err, expect.cliMessage);
  } else {
    const report = JSON.parse(run.out);
    assert.equal(report.files.length, 1, `${name}: a report for the file`);
  }
}

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
  await hostile('billion-laughs-pod', text, { engineMs: 5000, code: 'invalid-type' });
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
  await hostile('map-bomb', lines.join('\n'), { engineMs: 5000, code: 'invalid-type' });
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

const manifests = realManifests.map((m) => m.text.replace(/^(---|\.\.\.)\s*$/gm, '').trim()).join('\n---\n') + '\n';

test('a 50 MB file of real manifests: the CLI analyzes all of it in bounded time', { timeout: 300_000 }, async () => {
  const text = ('---\n' + manifests).repeat(Math.ceil((50 * 1024 * 1024) / (manifests.length + 4)));
  assert.ok(text.length >= 50 * 1024 * 1024);
  const file = path.join(dir, 'fifty.yaml');
  writeFileSync(file, text);
  // The report is ~80 MB of text: count it rather than keep it.
  let bytes = 0;
  let last = '';
  const io = { ...captureIo(dir), stdout: (chunk: string) => void ((bytes += chunk.length), (last = chunk)) };
  const started = performance.now();
  const code = await main(['analyze', '--fail-on', 'never', file], io);
  const ms = performance.now() - started;
  rmSync(file);
  assert.equal(code, 0);
  // Generous: a hang and quadratic-growth detector, not a benchmark (figures in docs/robustness.md).
  assert.ok(ms < 150_000, `50 MB took ${ms.toFixed(0)} ms`);
  const workloads = Number(/(\d+) workloads on a node/.exec(last.slice(-300))?.[1]);
  assert.ok(workloads > 10_000 && bytes > 0, `${workloads} workloads reported`);
});

test('a 1 MB line: as a value, as a key, as a comment, and a 1 MB quantity', async () => {
  const mb = 1024 * 1024;
  await hostile('long-value', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${'x'.repeat(mb)}\nspec:\n  containers: [{name: a, image: b}]\n`, {
    engineMs: 5000,
  });
  await hostile('long-key', `${'k'.repeat(mb)}: 1\n`, { engineMs: 5000 });
  await hostile('long-comment', `# ${'c'.repeat(mb)}\napiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: b}]\n`, { engineMs: 5000 });
  await hostile('long-quantity', `apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: b, resources: {limits: {cpu: ${'9'.repeat(mb)}}}}]\n`, {
    engineMs: 10000,
  });
});

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

test('simulate on an alias bomb in the pod spec: one line, exit 2 (and a bomb outside the pod spec is ignored)', async () => {
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
  let io = captureIo(dir);
  assert.equal(await main(['simulate', file, '--until', '60'], io), 2);
  assert.match(io.err.join(''), /^pod-lens simulate: [^\n]*sim-bomb\.yaml: Pod lol: the pod spec cannot be expanded: Excessive alias count[^\n]*\n$/);
  writeFileSync(file, inSpec.map((line) => line.replace('command: *l9', 'command: [sleep, "1"]')).join('\n'));
  io = captureIo(dir);
  assert.equal(await main(['simulate', file, '--until', '60'], io), 0, io.err.join(''));
  rmSync(file);
});
