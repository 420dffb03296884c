import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification, type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { find, repoRoot, TestClient } from './client';

/**
 * The namespace objects of charts and overlays in the editor, against the
 * real server: a chart's LimitRange counts as it renders (in the release
 * namespace), an overlay's `namespace:` puts its base's LimitRange and
 * Deployment in that namespace, and `podLens.namespace` is the namespace of a
 * plain pod that names none.
 */

let workspace: string;
let client: TestClient;
const uri = (file: string) => pathToFileURL(path.join(workspace, file)).toString();
const text = (file: string) => readFileSync(path.join(workspace, file), 'utf8');

/** The hover at `needle` (past its `- `), asked again until it holds `expected` (renders finish between requests), or the last one. */
async function hoverWith(file: string, needle: string, expected: RegExp): Promise<string> {
  let value = '';
  for (let attempt = 0; attempt < 60; attempt++) {
    const position = find(text(file), needle, 2);
    const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position })) as Hover | null;
    value = result ? (result.contents as MarkupContent).value : '';
    if (expected.test(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return value;
}

before(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'pod-lens-admission-rendered-'));
  cpSync(path.join(repoRoot, 'test/data/admission/rendered'), workspace, { recursive: true });
  client = await TestClient.start({ workspaceFolder: pathToFileURL(workspace).toString(), settings: { namespace: 'team' } });
});

after(async () => {
  await client.stop();
  rmSync(workspace, { recursive: true, force: true });
});

test("a chart's LimitRange applies to its own pods, in the release namespace (podLens.namespace when podLens.helm.namespace is not set)", async () => {
  await client.open(uri('chart/templates/deployment.yaml'), text('chart/templates/deployment.yaml'));
  const expected = /`limits\.memory` 384Mi from LimitRange release-name-defaults in namespace `team`/;
  assert.match(await hoverWith('chart/templates/deployment.yaml', '- name: api', expected), expected);
});

test("a plain pod without a namespace is in podLens.namespace, where the chart's LimitRange is", async () => {
  await client.open(uri('plain/pod.yaml'), text('plain/pod.yaml'));
  const expected = /`limits\.memory` 384Mi from LimitRange release-name-defaults in namespace `team`/;
  assert.match(await hoverWith('plain/pod.yaml', '- name: solo', expected), expected);
});

test("an overlay's namespace: puts its base's LimitRange and Deployment in that namespace", async () => {
  await client.open(uri('base/deployment.yaml'), text('base/deployment.yaml'));
  const expected = /`limits\.cpu` 500m from LimitRange defaults in namespace `shop`/;
  assert.match(await hoverWith('base/deployment.yaml', '- name: app', expected), expected);
});

test('changing podLens.namespace moves the plain pod, and the objects that name none, to that namespace', async () => {
  client.settings = { namespace: 'shop' };
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  // In shop now: the overlay's LimitRange (cpu) applies; the chart renders in shop too, so its LimitRange (memory) still does.
  const expected = /`limits\.cpu` 500m from LimitRange defaults in namespace `shop`/;
  const hover = await hoverWith('plain/pod.yaml', '- name: solo', expected);
  assert.match(hover, expected);
  assert.match(hover, /`limits\.memory` 384Mi from LimitRange release-name-defaults in namespace `shop`/);
});
