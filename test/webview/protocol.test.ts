import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as engine from '../../server/src/engine/simulation';
import {
  type HostMessage,
  parseHostMessage,
  parseScenario,
  parseSimulateResponse,
  parseWebviewMessage,
  type PodModel,
  type Scenario,
  type SimulationResult,
  emptyScenario,
} from '../../client/src/webview-protocol';
import { contentSecurityPolicy, simulationHtml } from '../../client/src/webview-html';
import { resultMessage, webDeployment } from './fixtures';

// The client declares the simulator's shapes itself; these assignments fail to compile if they drift apart.
// A scenario goes both ways (the page's controls must cover every option the simulator has); results and
// models only come from the engine, which may carry more than the page draws.
const toClientScenario = (s: engine.Scenario): Scenario => s;
const toEngineScenario = (s: Scenario): engine.Scenario => s;
const toClientResult = (r: engine.SimulationResult): SimulationResult => r;
const toClientModel = (m: engine.PodModel): PodModel => m;
void [toClientScenario, toEngineScenario, toClientResult, toClientModel];

const scenario = (): Scenario => emptyScenario();
const known = new Set(['app', 'migrate', 'log-shipper']);

test('page → host: ready and run messages pass', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { ok: true, value: { type: 'ready' } });
  const s = scenario();
  s.exit.push({ container: 'app', afterSeconds: 5, exitCode: 1 });
  s.shutdown.push({ container: null, seconds: 'never' });
  s.readinessFails.push({ container: 'app', from: 10, to: 20 });
  s.delete.push(60);
  s.pull = 3;
  const parsed = parseWebviewMessage({ type: 'run', scenario: s, until: 300 }, known);
  assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
  assert.deepEqual(parsed.value, { type: 'run', scenario: s, until: 300 });
});

test('page → host: every malformed message is refused with a reason', () => {
  const good = () => ({ type: 'run', scenario: scenario(), until: 300 }) as Record<string, unknown>;
  const cases: [string, unknown][] = [
    ['not an object', 'run'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['unknown type', { type: 'openFile', path: '/etc/passwd' }],
    ['extra field on ready', { type: 'ready', command: 'workbench.action.terminal.new' }],
    ['extra field on run', { ...good(), html: '<img>' }],
    ['until missing', { type: 'run', scenario: scenario() }],
    ['until is a string', { ...good(), until: '300' }],
    ['until is NaN', { ...good(), until: Number.NaN }],
    ['until is Infinity', { ...good(), until: Infinity }],
    ['until is 0', { ...good(), until: 0 }],
    ['until above a day', { ...good(), until: 86_401 }],
    ['scenario missing a list', { ...good(), scenario: { ...scenario(), oom: undefined } }],
    ['scenario with an unknown option', { ...good(), scenario: { ...scenario(), exec: ['rm -rf /'] } }],
    ['negative time', { ...good(), scenario: { ...scenario(), delete: [-1] } }],
    ['exit code above 255', { ...good(), scenario: { ...scenario(), exit: [{ container: 'app', afterSeconds: 1, exitCode: 256 }] } }],
    ['fractional exit code', { ...good(), scenario: { ...scenario(), exit: [{ container: 'app', afterSeconds: 1, exitCode: 1.5 }] } }],
    ['shutdown "forever"', { ...good(), scenario: { ...scenario(), shutdown: [{ container: 'app', seconds: 'forever' }] } }],
    ['readiness window backwards', { ...good(), scenario: { ...scenario(), readinessFails: [{ container: 'app', from: 20, to: 10 }] } }],
    ['too many rules', { ...good(), scenario: { ...scenario(), delete: new Array(65).fill(1) } }],
    ['a container the pod does not have', { ...good(), scenario: { ...scenario(), oom: [{ container: 'db', afterSeconds: 1 }] } }],
    ['an empty container name', { ...good(), scenario: { ...scenario(), oom: [{ container: '', afterSeconds: 1 }] } }],
    ['a container name that is a number', { ...good(), scenario: { ...scenario(), oom: [{ container: 7, afterSeconds: 1 }] } }],
  ];
  for (const [what, message] of cases) {
    const parsed = parseWebviewMessage(message, known);
    assert.equal(parsed.ok, false, `${what} should be refused`);
    if (!parsed.ok) assert.match(parsed.error, /\S/, what);
  }
});

test('page → host: prototype tricks do not survive validation', () => {
  const hostile = JSON.parse('{"type":"ready","__proto__":{"polluted":true}}');
  assert.equal(parseWebviewMessage(hostile).ok, false);
  const s = JSON.parse(JSON.stringify(scenario()));
  Object.defineProperty(s, 'constructor', { value: 1, enumerable: true });
  assert.equal(parseScenario(s).ok, false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // A class instance is not a plain message.
  class Fake {
    type = 'ready';
  }
  assert.equal(parseWebviewMessage(new Fake()).ok, false);
});

test('page → host: before any result, no container name is accepted', () => {
  const s = scenario();
  s.oom.push({ container: 'app', afterSeconds: 1 });
  assert.equal(parseWebviewMessage({ type: 'run', scenario: s, until: 100 }, new Set()).ok, false);
  s.oom[0].container = null;
  assert.equal(parseWebviewMessage({ type: 'run', scenario: s, until: 100 }, new Set()).ok, true);
});

test('host → page: a real simulation result passes, and comes back equal', () => {
  const message = resultMessage(webDeployment((s) => s.exit.push({ container: 'app', afterSeconds: 5, exitCode: 1 })));
  const parsed = parseHostMessage(JSON.parse(JSON.stringify(message)));
  assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
  assert.deepEqual(JSON.parse(JSON.stringify(parsed.value)), JSON.parse(JSON.stringify(message)));
});

test('host → page: malformed results are refused', () => {
  const base = resultMessage(webDeployment()) as Extract<HostMessage, { type: 'result' }>;
  const clone = (): Extract<HostMessage, { type: 'result' }> => JSON.parse(JSON.stringify(base));
  const mutations: [string, (m: Record<string, any>) => void][] = [
    ['unknown event type', (m) => m.result.events.push({ t: 1, type: 'html', html: '<b>' })],
    ['extra field on an event', (m) => (m.result.events[0].html = '<img src=x>')],
    ['event time negative', (m) => (m.result.events[0].t = -5)],
    ['event time a string', (m) => (m.result.events[0].t = '0')],
    ['wrong version', (m) => (m.result.version = 2)],
    ['phase not a phase', (m) => (m.result.summary.phase = 'Exploded')],
    ['model role unknown', (m) => (m.model.containers[0].role = 'daemon')],
    ['title not a string', (m) => (m.title = { toString: 'x' })],
    ['summary containers an array', (m) => (m.result.summary.containers = [])],
  ];
  for (const [what, mutate] of mutations) {
    const message = clone() as unknown as Record<string, any>;
    mutate(message);
    assert.equal(parseHostMessage(message).ok, false, what);
  }
  assert.equal(parseHostMessage({ type: 'error', title: 't', message: 'no pod spec', scenario: scenario(), until: 900 }).ok, true);
});

test('host → page: hostile names are data, not refused (the page shows them as text)', () => {
  const message = clone(resultMessage(webDeployment()));
  (message as any).result.summary.containers['<img src=x onerror=alert(1)>'] = { restarts: 0, restartDelays: [], lastTermination: null };
  (message as any).result.summary.containers['__proto__'] = { restarts: 0, restartDelays: [], lastTermination: null };
  const parsed = parseHostMessage(JSON.parse(JSON.stringify(message)));
  assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
});

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

test('server answers: {result, model}, a bare result, {error}; anything else is refused', () => {
  const simulated = webDeployment();
  const both = parseSimulateResponse(clone({ result: simulated.result, model: simulated.model }));
  assert.ok(both.ok && 'result' in both.value && both.value.model !== null);
  const bare = parseSimulateResponse(clone(simulated.result));
  assert.ok(bare.ok && 'result' in bare.value && bare.value.model === null);
  const beside = parseSimulateResponse(clone({ ...simulated.result, model: simulated.model }));
  assert.ok(beside.ok && 'result' in beside.value);
  assert.deepEqual(beside.value.model, simulated.model);
  assert.equal('model' in beside.value.result, false);
  assert.equal(parseSimulateResponse(clone({ ...simulated.result, model: { containers: 'x' } })).ok, false);
  const noModel = parseSimulateResponse(clone({ result: simulated.result }));
  assert.ok(noModel.ok && 'result' in noModel.value && noModel.value.model === null);
  const error = parseSimulateResponse({ error: 'document 3 is a ConfigMap, not a pod or pod template' });
  assert.deepEqual(error, { ok: true, value: { error: 'document 3 is a ConfigMap, not a pod or pod template' } });
  for (const bad of [null, 42, 'result', {}, { result: null }, { error: 5 }, { result: simulated.result, extra: 1 }]) {
    assert.equal(parseSimulateResponse(bad).ok, false, JSON.stringify(bad));
  }
});

test('the page HTML: strict CSP with the nonce on the script and the stylesheet, nothing inline', () => {
  const nonce = 'AbCdEfGhIjKlMnOpQrStUv12';
  const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
  const html = simulationHtml({ cspSource, nonce, scriptUri: 'https://x.test/simulation.js', styleUri: 'https://x.test/simulation.css' });
  const csp = contentSecurityPolicy(cspSource, nonce);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
  assert.match(
    csp,
    /^default-src 'none'; script-src 'nonce-AbCdEfGhIjKlMnOpQrStUv12'; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-AbCdEfGhIjKlMnOpQrStUv12'; img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net data:/,
  );
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
  assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  assert.ok(html.includes(`<script nonce="${nonce}" src="https://x.test/simulation.js"></script>`));
  assert.ok(html.includes(`<link rel="stylesheet" nonce="${nonce}" href="https://x.test/simulation.css">`));
  assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  assert.ok(!/\sstyle=/i.test(html), 'no inline styles');
  assert.throws(() => simulationHtml({ cspSource, nonce: "abc' 'unsafe-inline", scriptUri: '', styleUri: '' }));
  assert.throws(() => simulationHtml({ cspSource: "x; script-src 'unsafe-inline'", nonce, scriptUri: '', styleUri: '' }));
  // What VS Code really passes (code-server showed a blank panel while this threw).
  assert.ok(
    simulationHtml({ cspSource: "'self' https://*.vscode-cdn.net", nonce, scriptUri: '', styleUri: '' }).includes(
      'style-src &#39;self&#39; https://*.vscode-cdn.net',
    ),
  );
  assert.throws(() => simulationHtml({ cspSource: "'self' 'unsafe-inline'", nonce, scriptUri: '', styleUri: '' }));
  assert.ok(simulationHtml({ cspSource, nonce, scriptUri: '"><script>alert(1)</script>', styleUri: '' }).includes('&quot;&gt;&lt;script&gt;'));
});

test('server answers: fields and event types the page does not know are dropped, not passed on', () => {
  const simulated = webDeployment();
  const answer = clone({ result: simulated.result, model: simulated.model }) as any;
  answer.result.events.splice(1, 0, { t: 0, type: 'image-pulled', container: 'app' });
  answer.result.events[0].note = '<b>new</b>';
  answer.model.containers[0].cpuPinning = [{ core: 3 }];
  const parsed = parseSimulateResponse(answer);
  assert.ok(parsed.ok && 'result' in parsed.value && parsed.value.model);
  assert.equal(parsed.value.result.events.length, simulated.result.events.length);
  assert.equal('note' in parsed.value.result.events[0], false);
  assert.equal('cpuPinning' in parsed.value.model.containers[0], false);
  // What the host then posts passes the page's closed check.
  assert.ok(parseHostMessage(clone({ ...resultMessage(simulated), result: parsed.value.result, model: parsed.value.model })).ok);
});
