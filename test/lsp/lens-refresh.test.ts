/**
 * Lenses asked for while a file is still being analyzed cover only the
 * documents done so far; the server then asks the client to refresh them when
 * the run ends, whatever the file's size. (Without that refresh a small file
 * answered early keeps its partial answer: VS Code shows no lens until the
 * next edit.) A file's first run after its open ends with a refresh too,
 * whenever the client asked.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeLensRefreshRequest, CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

let client: TestClient;
let refreshes = 0;

before(async () => {
  client = await TestClient.start({
    capabilities: {
      workspace: { configuration: true, codeLens: { refreshSupport: true } },
      textDocument: { codeLens: {} },
    },
  });
  client.connection.onRequest(CodeLensRefreshRequest.type, () => {
    refreshes++;
  });
  // The first settings refresh every lens once: let that pass.
  await client.open('file:///work/first.yaml', deployment(0));
  await client.diagnostics('file:///work/first.yaml', () => true, 30_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
});

after(async () => {
  await client.stop();
});

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      containers:
${['app', 'proxy', 'logs'].map((name) => container(name, i)).join('')}`;
}

function container(name: string, i: number): string {
  return `        - name: ${name}
          image: registry.example/${name}:${i}
          resources:
            requests:
              cpu: ${100 + i}m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
`;
}

test('lenses answered before the analysis ended are refreshed when it ends, for a file of a few dozen documents too', async () => {
  const uri = 'file:///work/fifty.yaml';
  // 50 documents of three containers: not a big file (over 50), more than the first 10 ms slice of a fresh server analyzes.
  const text = Array.from({ length: 50 }, (_, i) => deployment(i)).join('---\n');
  const published = client.diagnostics(uri, () => true, 30_000);
  await client.open(uri, text);
  const early = ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []) as CodeLens[];
  const before = refreshes;
  await published;
  const complete = ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []) as CodeLens[];
  assert.ok(complete.length >= 50, `a lens per workload: ${complete.length}`);
  assert.ok(early.length < complete.length, `the first answer came before the analysis ended (${early.length} of ${complete.length} lenses)`);
  const deadline = Date.now() + 5000;
  while (refreshes === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(refreshes > before, 'the client is asked to refresh the partial lenses');
});

test('the first run after an open ends with a refresh, even when no lens was asked for before it', async () => {
  const uri = 'file:///work/opened.yaml';
  const before = refreshes;
  await client.open(uri, deployment(7));
  await client.diagnostics(uri, () => true, 30_000);
  const deadline = Date.now() + 5000;
  while (refreshes === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(refreshes, before + 1, 'one refresh for the open');
  // An edit of the open file answers no lens early here: no refresh follows it.
  await client.change(uri, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } }, text: 'web-9' }]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(refreshes, before + 1, 'no refresh for an edit whose lenses were not asked for early');
});
