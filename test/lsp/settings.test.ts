import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeLensRequest, DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

/** Settings arrive by workspace/configuration and change what the server says. */

const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: registry.example/web:1
    resources:
      requests:
        cpu: 500m
        memory: 128m
`;

let client: TestClient;

before(async () => {
  client = await TestClient.start({
    settings: {
      node: { cpu: '2', memory: '1Gi' },
      diagnostics: { severity: { 'memory-millibytes': 'off', 'missing-cpu-limit': 'error' } },
    },
  });
});

after(async () => {
  await client.stop();
});

test('per-rule severity: off hides a rule, a new severity replaces the default', async () => {
  const uri = 'file:///settings/a.yaml';
  await client.open(uri, text);
  const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'missing-cpu-limit'));
  assert.ok(!diagnostics.some((d) => d.code === 'memory-millibytes'));
  assert.equal(diagnostics.find((d) => d.code === 'missing-cpu-limit')?.severity, 1);
});

test('node capacity from settings decides the OOM score; a configuration change re-analyzes', async () => {
  const uri = 'file:///settings/b.yaml';
  const withRequest = text.replace('memory: 128m', 'memory: 512Mi');
  await client.open(uri, withRequest);
  const lens = async () => (await client.lenses(uri))[0]?.command?.title;
  // 1000 − 1000 × 512Mi / 1Gi = 500
  assert.equal(await lens(), 'Burstable · eviction risk: medium · OOM score 500');
  client.settings = { node: { cpu: '2', memory: '2Gi' }, codeLens: { enabled: true } };
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const deadline = Date.now() + 3000;
  let title = await lens();
  while (title !== 'Burstable · eviction risk: medium · OOM score 750' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    title = await lens();
  }
  assert.equal(title, 'Burstable · eviction risk: medium · OOM score 750');
});

test('CodeLens can be turned off', async () => {
  client.settings = { codeLens: { enabled: false } };
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  const uri = 'file:///settings/c.yaml';
  await client.open(uri, text);
  const deadline = Date.now() + 3000;
  let count = -1;
  while (count !== 0 && Date.now() < deadline) {
    count = ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []).length;
    if (count !== 0) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.equal(count, 0);
});
