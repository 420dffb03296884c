import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ProgressToken } from 'vscode-languageserver-protocol';
import { Progress, type ProgressChannel, type ProgressValue } from '../../server/src/lsp/progress';

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

describe('Progress.showNow', () => {
  test('shows a waiting task at once and resolves once begin is sent; a task already shown or ended resolves at once', async () => {
    const channel = new RecordingChannel();
    const progress = new Progress(channel, () => true, { delayMilliseconds: 10_000 });
    const task = progress.start('Rendering', 'charts');
    task.report(0, 2);
    await task.showNow();
    assert.deepEqual(channel.values(), [{ kind: 'begin', title: 'Rendering', cancellable: false, percentage: 0, message: '0 of 2 charts' }]);
    await task.showNow();
    task.end();
    await task.showNow();
    assert.deepEqual(channel.values().at(-1), { kind: 'end' });
    assert.equal(channel.events.filter((e) => typeof e === 'string').length, 1);
  });

  test('a client without window.workDoneProgress: resolves, nothing sent', async () => {
    const channel = new RecordingChannel();
    await new Progress(channel, () => false).start('t', 'charts').showNow();
    assert.deepEqual(channel.events, []);
  });
});
