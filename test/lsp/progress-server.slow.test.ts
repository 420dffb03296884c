import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProgressToken } from 'vscode-languageserver-protocol';
import { type ProgressValue } from '../../server/src/lsp/progress';
import { repoRoot, TestClient } from './client';

/**
 * Work-done progress from the real server: while it analyzes a big file (in
 * its thread or in the workers) and while it renders a chart that took long
 * last time; nothing for small work or for a client that does not advertise
 * `window.workDoneProgress`. Big inputs, so it runs with `npm run test:slow`.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A manifest of `objects` objects from the benchmark's generator. */
function generated(objects: number): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-lens-progress-'));
  try {
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bench/gen.mjs'), '--out', out, '--sizes', String(objects), '--seed', '7'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    return fs.readFileSync(path.join(out, `k8s-${objects}.yaml`), 'utf8');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const withProgress = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  window: { workDoneProgress: true },
};

interface Observed {
  elapsedMs: number;
  values: ProgressValue[];
  tokens: ProgressToken[];
  beginAfterMs: number | null;
  endBeforePublish: boolean;
}

async function openAndWatch(client: TestClient, uri: string, text: string): Promise<Observed> {
  const first = client.progress.length;
  const firstToken = client.progressTokens.length;
  const opened = Date.now();
  await client.open(uri, text);
  await client.diagnostics(uri, () => true, 120_000);
  const published = Date.now();
  // Anything late would come right behind the publication.
  await sleep(300);
  const events = client.progress.slice(first);
  const begin = events.find((e) => e.value.kind === 'begin');
  const end = events.find((e) => e.value.kind === 'end');
  return {
    elapsedMs: published - opened,
    values: events.map((e) => e.value),
    tokens: client.progressTokens.slice(firstToken),
    beginAfterMs: begin ? begin.at - opened : null,
    endBeforePublish: !!end && end.at <= published,
  };
}

/** Progress is shown exactly when the run lasted over half a second (with a margin for the clocks either side). */
function checkProgress(observed: Observed, name: string): boolean {
  if (observed.elapsedMs < 450) {
    assert.deepEqual(observed.values, [], `${name}: analyzed in ${observed.elapsedMs} ms, yet progress was sent`);
    return false;
  }
  if (observed.elapsedMs < 800 && observed.values.length === 0) return false;
  const { values } = observed;
  assert.equal(observed.tokens.length, 1, `${name}: one token per run`);
  assert.ok(values.length >= 3, `${name}: begin, at least one report and end (got ${JSON.stringify(values)})`);
  const begin = values[0];
  assert.equal(begin.kind, 'begin');
  assert.ok(begin.kind === 'begin' && begin.title === `Pod Lens: analyzing ${name}`, JSON.stringify(begin));
  assert.ok(observed.beginAfterMs! >= 500, `${name}: begin ${observed.beginAfterMs} ms after the open`);
  assert.deepEqual(values.at(-1), { kind: 'end' });
  assert.equal(values.filter((v) => v.kind === 'end').length, 1);
  const reports = values.slice(1, -1);
  assert.ok(reports.length >= 1 && reports.every((v) => v.kind === 'report'), `${name}: reports between begin and end`);
  const percentages = values.slice(0, -1).map((v) => (v.kind === 'end' ? -1 : v.percentage!));
  assert.ok(
    percentages.every((p, i) => p >= 0 && p <= 100 && (i === 0 || p > percentages[i - 1])),
    `${name}: percentages rise: ${percentages.join(', ')}`,
  );
  const last = reports.at(-1)!;
  assert.ok(last.kind === 'report' && last.percentage === 100 && /^(\d+) of \1 documents$/.test(last.message ?? ''), JSON.stringify(last));
  assert.ok(observed.endBeforePublish, `${name}: the end comes before the diagnostics`);
  return true;
}

describe('the server reports the analysis of a big file', () => {
  let client: TestClient;
  let inThread: string;
  let inWorkers: string;
  let shown = 0;

  before(async () => {
    inThread = generated(2300);
    inWorkers = generated(5000);
    assert.ok(inThread.length < 4 << 20, `analyzed in the server's thread (${inThread.length} characters)`);
    assert.ok(inWorkers.length > 4 << 20, `analyzed in the workers (${inWorkers.length} characters)`);
    // Two workers whatever the machine has (one core would mean one).
    client = await TestClient.start({ capabilities: withProgress, env: { POD_LENS_WORKERS: '2' } });
  });

  after(async () => {
    await client.stop();
    // The 5000-object file takes seconds on any machine: at least that run was shown.
    assert.ok(shown >= 1, 'no run was long enough to show progress');
  });

  test('a small file: no progress', async () => {
    const text = fs.readFileSync(path.join(repoRoot, 'examples/web-deployment.yaml'), 'utf8');
    const observed = await openAndWatch(client, 'file:///work/web-deployment.yaml', text);
    assert.deepEqual(observed.values, []);
    assert.deepEqual(observed.tokens, []);
  });

  test('2300 objects in the server thread: begin, reports, end', async () => {
    const observed = await openAndWatch(client, 'file:///work/in%20thread.yaml', inThread);
    if (checkProgress(observed, 'in thread.yaml')) shown++;
  });

  test('5000 objects in the workers: begin, reports, end', async () => {
    const observed = await openAndWatch(client, 'file:///work/workers.yaml', inWorkers);
    assert.ok(checkProgress(observed, 'workers.yaml'), `analyzed in ${observed.elapsedMs} ms without progress`);
    shown++;
  });

  test('an edit in the big file: no progress', async () => {
    const uri = 'file:///work/workers.yaml';
    const first = client.progress.length;
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await sleep(1500);
    assert.deepEqual(client.progress.slice(first), []);
  });
});

/** A chart whose one template prints `count` Deployments: its render and analysis take seconds when the count is large. */
function manyDeploymentsChart(dir: string, count: number): void {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${path.basename(dir)}\nversion: 0.1.0\n`);
  fs.writeFileSync(path.join(dir, 'values.yaml'), `count: ${count}\ncpu: 250m\n`);
  fs.writeFileSync(
    path.join(dir, 'templates/deployments.yaml'),
    [
      '{{- range $i := until (int .Values.count) }}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web-{{ $i }}',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: web-{{ $i }}',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: web-{{ $i }}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          resources:',
      '            requests:',
      '              cpu: {{ $.Values.cpu }}',
      '              memory: 128Mi',
      '{{- end }}',
      '',
    ].join('\n'),
  );
}

describe('the server reports the rendering of charts', () => {
  let client: TestClient;
  let workspace: string;
  const valuesUri = (chart: string) => `file://${path.join(workspace, chart, 'values.yaml')}`;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-lens-progress-'));
    manyDeploymentsChart(path.join(workspace, 'many'), 1500);
    manyDeploymentsChart(path.join(workspace, 'few'), 2);
    client = await TestClient.start({ capabilities: withProgress, workspaceFolder: `file://${workspace}` });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  /** Changes values.yaml's cpu and returns the progress sent until the chart's diagnostics came back, with how long that took. */
  async function editCpu(chart: string, cpu: string): Promise<{ values: ProgressValue[]; elapsedMs: number; beginBeforePublish: boolean }> {
    const uri = valuesUri(chart);
    // The open's run may still be ending (its token's round trip): start from a quiet server.
    await sleep(300);
    const first = client.progress.length;
    const started = Date.now();
    const text = client.texts.get(uri)!;
    const line = text.split('\n').findIndex((l) => l.startsWith('cpu:'));
    await client.change(uri, [{ range: { start: { line, character: 5 }, end: { line, character: text.split('\n')[line].length } }, text: cpu }]);
    await client.diagnostics(uri, () => true, 120_000, false);
    const published = Date.now();
    await sleep(300);
    const events = client.progress.slice(first);
    const begin = events.find((e) => e.value.kind === 'begin');
    return { values: events.map((e) => e.value), elapsedMs: published - started, beginBeforePublish: !!begin && begin.at <= published };
  }

  test('a small chart: no progress when its values change', async () => {
    await client.open(valuesUri('few'), fs.readFileSync(path.join(workspace, 'few/values.yaml'), 'utf8'));
    await client.diagnostics(valuesUri('few'), () => true, 120_000);
    const observed = await editCpu('few', '500m');
    assert.deepEqual(observed.values, []);
  });

  test('a chart whose render took long: its next render shows progress before it holds the thread', async () => {
    await client.open(valuesUri('many'), fs.readFileSync(path.join(workspace, 'many/values.yaml'), 'utf8'));
    const opened = Date.now();
    await client.diagnostics(valuesUri('many'), () => true, 120_000);
    const firstRenderMs = Date.now() - opened;
    const observed = await editCpu('many', '300m');
    if (firstRenderMs < 500 && observed.elapsedMs < 500) return; // A machine this fast renders it without holding anyone up.
    const begin = observed.values.find((v) => v.kind === 'begin');
    assert.ok(begin && begin.kind === 'begin', `no begin in ${JSON.stringify(observed.values)} (render took ${observed.elapsedMs} ms)`);
    assert.equal(begin.title, 'Pod Lens: rendering charts and overlays');
    assert.ok(observed.beginBeforePublish, 'the begin comes before the rendered diagnostics');
    assert.deepEqual(observed.values.at(-1), { kind: 'end' });
    assert.ok(
      observed.values.some((v) => v.kind === 'report' && v.message === '1 of 1 charts and overlays'),
      JSON.stringify(observed.values),
    );
  });
});

describe('a client without window.workDoneProgress', () => {
  let client: TestClient;
  after(async () => client.stop());

  test('gets no progress for a big file', async () => {
    client = await TestClient.start();
    const observed = await openAndWatch(client, 'file:///work/big.yaml', generated(1500));
    assert.ok(observed.elapsedMs > 0);
    assert.deepEqual(observed.tokens, []);
    assert.deepEqual(observed.values, []);
  });
});
