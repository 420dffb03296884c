import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { analyzeText, defaultNode } from '../../server/src/engine/analyze';
import { emptyScenario, type SimulationEvent } from '../../server/src/engine/simulation';
import { FileAnalyses } from '../../server/src/lsp/fileAnalyses';
import { runSimulateRequest } from '../../server/src/lsp/simulateRequest';
import { run as hoverBaseline } from '../../server/src/service/lifecycle';
import { defaultSettings } from '../../server/src/service/settings';
import { SimulationSession, type SessionHost } from '../../client/src/webview-session';
import { type PanelSimulateParams } from '../../client/src/webview-protocol';
import { captureIo } from '../conformance/run';

/**
 * One default scenario for the simulator's faces: `pod-lens simulate`, the
 * server's `podLens/simulate` with no scenario, the webview's first run and
 * the hovers give the same timeline for every workload of the examples.
 * Regular init containers that no rule names finish at once; the pod is Ready.
 */

const examples = path.resolve(__dirname, '../../../examples');
const UNTIL = 900;

function workloadsOf(file: string): { document: number; name: string }[] {
  const result = analyzeText(readFileSync(path.join(examples, file), 'utf8'), { node: defaultNode });
  return result.documents
    .filter((d) => d.objects[0]?.analysis && !d.objects[0].invalid)
    .map((d) => ({ document: d.slice.index, name: d.objects[0]!.workload.name ?? '' }));
}

async function fromCli(file: string, document: number): Promise<SimulationEvent[] | null> {
  const io = captureIo(examples);
  const code = await main(['simulate', file, '--document', String(document), '--until', String(UNTIL), '--json'], io);
  return code === 0 ? JSON.parse(io.out.join('')).events : null;
}

function fromServer(analyses: FileAnalyses, uri: string, params: Partial<PanelSimulateParams>): SimulationEvent[] | null {
  const answer = runSimulateRequest(analyses, { uri, ...params });
  return 'events' in answer ? answer.events : null;
}

/** The scenario and horizon of the webview's first request, when the page says it is ready. */
async function webviewFirstRequest(uri: string, document: number): Promise<PanelSimulateParams> {
  const requests: PanelSimulateParams[] = [];
  const host: SessionHost = {
    request: (params) => {
      requests.push(params);
      return new Promise(() => undefined);
    },
    post: () => undefined,
    setTitle: () => undefined,
    log: () => undefined,
  };
  const session = new SimulationSession(host, uri, { document }, 'example', 0);
  session.onMessage({ type: 'ready' });
  await new Promise((resolve) => setImmediate(resolve));
  session.dispose();
  assert.equal(requests.length, 1, 'one first request');
  return requests[0];
}

for (const file of readdirSync(examples).filter((name) => name.endsWith('.yaml'))) {
  for (const { document, name } of workloadsOf(file)) {
    test(`${file} ${name}: the CLI, podLens/simulate, the webview's first view and the hovers agree`, async () => {
      const uri = `file:///examples/${file}`;
      const analyses = new FileAnalyses(defaultSettings);
      analyses.open(uri, 1, readFileSync(path.join(examples, file), 'utf8'));

      const cli = await fromCli(file, document);
      const server = fromServer(analyses, uri, { document, until: UNTIL });
      const first = await webviewFirstRequest(uri, document);
      assert.deepEqual(first.scenario, emptyScenario(), 'the webview starts on the default scenario');
      const webview = fromServer(analyses, uri, { ...first, until: UNTIL });
      const snapshot = analyses.snapshot(uri)!;
      const model = snapshot.detail(snapshot.document(document)!).objects[0]!.model!;
      const hovers = hoverBaseline(model, emptyScenario(), UNTIL)?.events ?? null;

      assert.ok(cli, 'the CLI simulates it');
      assert.deepEqual(server, cli, 'podLens/simulate with no scenario');
      assert.deepEqual(webview, cli, "the webview's first view");
      assert.deepEqual(hovers, cli, 'the hovers');
    });
  }
}

test('pod-lens simulate examples/web-deployment.yaml: the init container finishes at once and the pod is Ready', async () => {
  const io = captureIo(examples);
  assert.equal(await main(['simulate', 'web-deployment.yaml', '--json'], io), 0);
  const result = JSON.parse(io.out.join(''));
  assert.notEqual(result.summary.readyAt, null);
  const migrate = result.events.filter((e: SimulationEvent) => 'container' in e && e.container === 'migrate');
  assert.deepEqual(
    migrate.map((e: SimulationEvent) => [e.t, e.type]),
    [
      [0, 'container-waiting'],
      [0, 'container-started'],
      [0, 'container-terminated'],
    ],
  );
  const text = captureIo(examples);
  await main(['simulate', 'web-deployment.yaml'], text);
  assert.doesNotMatch(text.out.join(''), /never exits/);
});
