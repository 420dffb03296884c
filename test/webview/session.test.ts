import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type SessionHost, SimulationSession, type SimulationTarget, type Timers } from '../../client/src/webview-session';
import { emptyScenario, type HostMessage, type PanelSimulateParams as SimulateParams } from '../../client/src/webview-protocol';
import { podSpecOfExample, run } from './fixtures';
import { simulatedPodOfJson } from '../support/pod-spec';

/** A fake host: requests are answered by the real engine on web-deployment.yaml, or held for the test to settle. */
function harness(options: { hold?: boolean; withModel?: boolean; target?: SimulationTarget } = {}) {
  const requests: SimulateParams[] = [];
  const posted: HostMessage[] = [];
  const logs: string[] = [];
  const titles: string[] = [];
  const held: { params: SimulateParams; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  const spec = podSpecOfExample('web-deployment.yaml');
  const answer = (params: SimulateParams): unknown => {
    const simulated = run(spec, params.scenario, params.until);
    return options.withModel === false ? simulated.result : { ...simulated.result, model: simulatedPodOfJson(spec) };
  };
  const host: SessionHost = {
    request: (params) => {
      requests.push(JSON.parse(JSON.stringify(params)));
      if (options.hold) return new Promise((resolve, reject) => held.push({ params, resolve, reject }));
      return Promise.resolve(answer(params));
    },
    post: (message) => posted.push(message),
    setTitle: (title) => titles.push(title),
    log: (text) => logs.push(text),
  };
  let pending: (() => void) | null = null;
  const timers: Timers = {
    setTimeout: (callback) => {
      pending = callback;
      return 1;
    },
    clearTimeout: () => {
      pending = null;
    },
  };
  const session = new SimulationSession(host, 'file:///w/web.yaml', options.target ?? { document: 0 }, 'web.yaml (document 0)', 300, timers);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const fire = () => {
    const callback = pending;
    pending = null;
    callback?.();
  };
  return { session, requests, posted, logs, titles, held, answer, settle, fire, hasTimer: () => pending !== null };
}

test('ready: runs once with the default scenario (the engine lets init containers finish), posts the result, titles the panel', async () => {
  const h = harness();
  h.session.onMessage({ type: 'ready' });
  await h.settle();
  await h.settle();
  assert.equal(h.requests.length, 1, 'one run: the default scenario is the empty one');
  assert.deepEqual(h.requests[0].scenario, emptyScenario());
  assert.equal(h.requests[0].uri, 'file:///w/web.yaml');
  assert.equal(h.requests[0].document, 0);
  assert.equal(h.requests[0].until, 900);
  assert.equal(h.posted.length, 1);
  const message = h.posted[0];
  assert.equal(message.type, 'result');
  assert.ok(message.type === 'result' && message.model !== null && message.result.summary.readyAt !== null);
  assert.deepEqual(h.titles, ['Simulation: Deployment web']);
  // A reloaded page gets the last answer again, without a new run.
  h.session.onMessage({ type: 'ready' });
  assert.equal(h.requests.length, 1);
  assert.equal(h.posted.length, 2);
});

test("a List item's panel asks for its item on every run; a document's own object sends none", async () => {
  const item = harness({ target: { document: 1, item: 2 } });
  item.session.onMessage({ type: 'ready' });
  await item.settle();
  item.session.documentChanged();
  item.fire();
  await item.settle();
  assert.deepEqual(
    item.requests.map((r) => [r.document, r.item]),
    [
      [1, 2],
      [1, 2],
    ],
  );
  const own = harness();
  own.session.onMessage({ type: 'ready' });
  await own.settle();
  assert.equal('item' in own.requests[0], false);
});

test('without the pod model the first run stands (roles unknown, no default)', async () => {
  const h = harness({ withModel: false });
  h.session.onMessage({ type: 'ready' });
  await h.settle();
  assert.equal(h.requests.length, 1);
  assert.ok(h.posted[0].type === 'result' && h.posted[0].model === null);
});

test('run: the page scenario is used as sent; unknown containers and malformed messages are refused and logged', async () => {
  const h = harness();
  h.session.onMessage({ type: 'ready' });
  await h.settle();
  await h.settle();
  const scenario = emptyScenario();
  scenario.exit.push({ container: 'app', afterSeconds: 5, exitCode: 1 });
  h.session.onMessage({ type: 'run', scenario, until: 300 });
  await h.settle();
  assert.deepEqual(h.requests.at(-1), { uri: 'file:///w/web.yaml', document: 0, scenario, until: 300 });
  const count = h.requests.length;
  const hostile = emptyScenario();
  hostile.oom.push({ container: '<img src=x onerror=alert(1)>', afterSeconds: 1 });
  for (const message of [
    { type: 'run', scenario: hostile, until: 300 },
    { type: 'run', scenario, until: 300, extra: 1 },
    { type: 'exec', command: 'rm' },
    'ready',
    null,
  ]) {
    h.session.onMessage(message);
  }
  await h.settle();
  assert.equal(h.requests.length, count);
  assert.equal(h.logs.length, 5);
  assert.ok(h.logs.every((line) => line.startsWith('simulation webview: ignored a message')));
  // The user's scenario is kept: the default does not come back over it on edits.
  h.session.documentChanged();
  h.fire();
  await h.settle();
  assert.deepEqual(h.requests.at(-1)!.scenario, scenario);
});

test('edits are debounced into one run; a newer run wins over a slower older one', async () => {
  const h = harness({ hold: true });
  h.session.documentChanged();
  h.session.documentChanged();
  h.session.documentChanged();
  assert.equal(h.requests.length, 0);
  assert.ok(h.hasTimer());
  h.fire();
  assert.equal(h.requests.length, 1);
  const scenario = emptyScenario();
  scenario.delete.push(60);
  // The page asks for a run before the first one answers.
  h.session.onMessage({ type: 'run', scenario, until: 200 });
  assert.equal(h.requests.length, 2);
  h.held[1].resolve(h.answer(h.held[1].params));
  await h.settle();
  h.held[0].resolve(h.answer(h.held[0].params));
  await h.settle();
  assert.equal(h.posted.length, 1, 'the overtaken answer is dropped');
  assert.ok(h.posted[0].type === 'result' && h.posted[0].until === 200);
});

test('server errors and unreadable answers become an error message for the page', async () => {
  const h = harness({ hold: true });
  void h.session.run();
  h.held[0].reject(new Error('document 0 is not a pod or a workload with a pod template'));
  await h.settle();
  assert.deepEqual(h.posted[0], {
    type: 'error',
    title: 'Simulation: web.yaml (document 0)',
    message: 'The simulation could not run: document 0 is not a pod or a workload with a pod template',
    scenario: emptyScenario(),
    until: 900,
  });
  void h.session.run();
  h.held[1].resolve({ version: 1, events: 'nope' });
  await h.settle();
  assert.equal(h.posted[1].type, 'error');
  assert.match(h.logs.at(-1)!, /unexpected answer/);
});

test('after dispose nothing runs or posts', async () => {
  const h = harness({ hold: true });
  void h.session.run();
  h.session.documentChanged();
  h.session.dispose();
  assert.equal(h.hasTimer(), false);
  h.held[0].resolve(h.answer(h.held[0].params));
  await h.settle();
  h.session.onMessage({ type: 'ready' });
  assert.equal(h.posted.length, 0);
  assert.equal(h.requests.length, 1);
});
