import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProgressToken } from 'vscode-languageserver-protocol';
import { Progress, type ProgressChannel, type ProgressValue } from '../../server/src/lsp/progress';
import { repoRoot, TestClient } from './client';

/**
 * Work-done progress: a task shows nothing for its first half second, then
 * `window/workDoneProgress/create`, `begin`, a `report` per whole percent and
 * `end`; the real server does that while it analyzes a big file, in this
 * thread or in the workers, and nothing for a small file or for a client
 * that does not advertise `window.workDoneProgress`.
 */

class RecordingChannel implements ProgressChannel {
  readonly events: (string | { token: ProgressToken; value: ProgressValue })[] = [];
  answer: 'accept' | 'refuse' = 'accept';
  pendingCreate: (() => void) | null = null;
  hold = false;

  create(token: ProgressToken): Promise<void> {
    this.events.push(`create ${token}`);
    if (this.answer === 'refuse') return Promise.reject(new Error('refused'));
    if (this.hold) return new Promise((resolve) => (this.pendingCreate = resolve));
    return Promise.resolve();
  }

  notify(token: ProgressToken, value: ProgressValue): void {
    this.events.push({ token, value });
  }

  values(): ProgressValue[] {
    return this.events.flatMap((e) => (typeof e === 'string' ? [] : [e.value]));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const delayMilliseconds = 40;

describe('Progress', () => {
  test('work that ends before the delay shows nothing', async () => {
    const channel = new RecordingChannel();
    const task = new Progress(channel, () => true, { delayMilliseconds }).start('Analyzing a.yaml', 'documents');
    task.report(50, 100);
    task.report(100, 100);
    task.end();
    await sleep(delayMilliseconds * 2);
    assert.deepEqual(channel.events, []);
  });

  test('longer work: create, begin with the share done, a report per whole percent, end', async () => {
    const channel = new RecordingChannel();
    const task = new Progress(channel, () => true, { delayMilliseconds }).start('Analyzing big.yaml', 'documents');
    task.report(10, 400);
    await sleep(delayMilliseconds * 2);
    task.report(11, 400); // still 2 %: no report
    task.report(12, 400); // 3 %
    task.report(12, 400);
    task.report(400, 400);
    task.end();
    task.end();
    task.report(400, 400);
    const token = (channel.events[0] as string).slice('create '.length);
    assert.match(token, /^pod-lens\//);
    assert.deepEqual(channel.values(), [
      { kind: 'begin', title: 'Analyzing big.yaml', cancellable: false, percentage: 2, message: '10 of 400 documents' },
      { kind: 'report', percentage: 3, message: '12 of 400 documents' },
      { kind: 'report', percentage: 100, message: '400 of 400 documents' },
      { kind: 'end' },
    ]);
    assert.ok(channel.events.slice(1).every((e) => typeof e !== 'string' && e.token === token));
  });

  test('the percentage never goes back when work is added (an edit during the run)', async () => {
    const channel = new RecordingChannel();
    const task = new Progress(channel, () => true, { delayMilliseconds }).start('t', 'documents');
    task.report(50, 100);
    await sleep(delayMilliseconds * 2);
    task.report(50, 200);
    task.report(150, 200);
    task.end();
    assert.deepEqual(
      channel.values().map((v) => (v.kind === 'end' ? 'end' : `${v.kind} ${v.percentage}`)),
      ['begin 50', 'report 75', 'end'],
    );
  });

  test('each task has its own token', async () => {
    const channel = new RecordingChannel();
    const progress = new Progress(channel, () => true, { delayMilliseconds });
    const a = progress.start('a', 'documents');
    const b = progress.start('b', 'documents');
    await sleep(delayMilliseconds * 2);
    a.end();
    b.end();
    const creates = channel.events.filter((e): e is string => typeof e === 'string');
    assert.equal(creates.length, 2);
    assert.notEqual(creates[0], creates[1]);
  });

  test('a client without window.workDoneProgress gets nothing', async () => {
    const channel = new RecordingChannel();
    const task = new Progress(channel, () => false, { delayMilliseconds }).start('t', 'documents');
    await sleep(delayMilliseconds * 2);
    task.report(1, 2);
    task.end();
    assert.deepEqual(channel.events, []);
  });

  test('a client that refuses the token gets nothing more', async () => {
    const channel = new RecordingChannel();
    channel.answer = 'refuse';
    const task = new Progress(channel, () => true, { delayMilliseconds }).start('t', 'documents');
    await sleep(delayMilliseconds * 2);
    task.report(1, 2);
    task.end();
    assert.equal(channel.events.length, 1);
    assert.match(channel.events[0] as string, /^create /);
  });

  test('work that ends while the token is being created: an end alone releases it', async () => {
    const channel = new RecordingChannel();
    channel.hold = true;
    const task = new Progress(channel, () => true, { delayMilliseconds }).start('t', 'documents');
    await sleep(delayMilliseconds * 2);
    task.report(2, 2);
    task.end();
    channel.pendingCreate!();
    await sleep(0);
    assert.deepEqual(channel.values(), [{ kind: 'end' }]);
  });
});

// ---------------------------------------------------------------------------
// The real server

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
    client = await TestClient.start({ capabilities: withProgress });
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
