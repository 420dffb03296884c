import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ServerProcess } from './server';

/**
 * What the request fuzzer (`server-requests`) found in the language server,
 * each replayed on the real process.
 */

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: registry.example/web:1
`;

let server: ServerProcess;
let counter = 0;

before(async () => {
  server = await ServerProcess.start();
});

after(() => server.stop());

async function opened(text: string): Promise<string> {
  const uri = `file:///regressions/${++counter}.yaml`;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return uri;
}

// A rule without its numbers ran the simulator into its 2,000,000-action bound: seconds of a blocked server, then an internal error.
test('podLens/simulate refuses a malformed scenario at once (InvalidParams), and the server keeps answering', async () => {
  const uri = await opened(pod);
  for (const scenario of [
    { exit: [{ container: 'app', at: 5, code: 1 }] },
    { oom: [{ container: 'app', afterSeconds: -1 }] },
    { healthyAfter: 'soon' },
    { readinessFails: [{ container: null, from: 10, to: 5 }] },
    { shutdown: [{ container: 'app', seconds: 'forever' }] },
    { delete: [Number.MAX_VALUE] },
    { pull: '3' },
  ]) {
    const answer = await server.request('podLens/simulate', { uri, document: 0, scenario, until: 900 });
    assert.equal(answer.error?.code, -32602, `${JSON.stringify(scenario)}: ${JSON.stringify(answer.error ?? 'a result')}`);
    assert.ok(answer.ms < 1000, `${JSON.stringify(scenario)} took ${answer.ms} ms`);
  }
  const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.ok(hover.result && hover.ms < 1000);
});

// A crash loop over 10^12 seconds is millions of restarts: the same bound, reached after seconds.
test('podLens/simulate refuses a horizon past a day (InvalidParams); a missing one is the default', async () => {
  const uri = await opened(pod);
  const exit = { exit: [{ container: 'app', afterSeconds: 5, exitCode: 1 }] };
  for (const until of [1e12, 86_401, 0, -5, 'x']) {
    const answer = await server.request('podLens/simulate', { uri, document: 0, scenario: exit, until });
    assert.equal(answer.error?.code, -32602, `until ${until}: ${JSON.stringify(answer.error ?? 'a result')}`);
    assert.ok(answer.ms < 1000, `until ${until} took ${answer.ms} ms`);
  }
  const day = await server.request('podLens/simulate', { uri, document: 0, scenario: exit, until: 86_400 });
  assert.equal((day.result as { until: number }).until, 86_400);
  const unset = await server.request('podLens/simulate', { uri, document: 0, scenario: exit, until: null });
  assert.equal((unset.result as { until: number }).until, 900);
});
