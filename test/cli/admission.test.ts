import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { captureIo } from '../conformance/run';
import { type Report } from '../../server/src/engine/report';

const root = path.resolve(__dirname, '../../..');

async function analyzeJson(args: string[]): Promise<Report> {
  const io = { ...captureIo(root), readStdin: async () => '' };
  const code = await main(['analyze', '--json', '--fail-on', 'never', ...args], io);
  assert.equal(code, 0, io.err.join(''));
  return JSON.parse(io.out.join('')) as Report;
}

const split = ['test/data/admission/split/limit-range.yaml', 'test/data/admission/split/deployment.yaml'];

test('analyze: a LimitRange in one path applies to the pods of another, in its namespace', async () => {
  const rows = (report: Report) =>
    report.files[1].objects.map((o) => [
      o.name,
      o.qosClass,
      o.containers![0].requests.cpuMilli,
      o.containers![0].limits.memoryBytes,
      o.containers![0].defaults ?? null,
    ]);
  const defaults = {
    'limits.cpu': 'LimitRange/defaults',
    'limits.memory': 'LimitRange/defaults',
    'requests.cpu': 'LimitRange/defaults',
    'requests.memory': 'LimitRange/defaults',
  };
  // Both without a namespace: both in "default".
  assert.deepEqual(rows(await analyzeJson(split)), [
    ['web', 'Burstable', 100, 268435456, defaults],
    ['pinned', 'BestEffort', null, null, null],
  ]);
  // --namespace shop puts the LimitRange and "web" in shop, beside "pinned".
  assert.deepEqual(rows(await analyzeJson(['--namespace', 'shop', ...split])), [
    ['web', 'Burstable', 100, 268435456, defaults],
    ['pinned', 'Burstable', 100, 268435456, defaults],
  ]);
  // The Deployment alone: nothing to apply.
  const alone = await analyzeJson([split[1]]);
  assert.equal(alone.files[0].objects[0].qosClass, 'BestEffort');
});

test('analyze: admission refusals and notes in the text output', async () => {
  const io = { ...captureIo(root), readStdin: async () => '' };
  const code = await main(['analyze', 'test/data/admission/resource-quota.yaml'], io);
  assert.equal(code, 1);
  assert.match(
    io.out.join(''),
    /error resource-quota-required: pods "sloppy" is forbidden: failed quota: compute: must specify limits\.memory for: app,setup;/,
  );
});
