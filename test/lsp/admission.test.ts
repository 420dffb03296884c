import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { find, repoRoot, TestClient } from './client';

/**
 * The namespace around a pod in the editor, against the real server: a
 * LimitRange in another workspace file (read from disk, then from its open,
 * edited text) changes the pod's numbers and hovers.
 */

let workspace: string;
let client: TestClient;
const uri = (file: string) => pathToFileURL(path.join(workspace, file)).toString();
const text = (file: string) => readFileSync(path.join(workspace, file), 'utf8');

async function hover(file: string, needle: string): Promise<string> {
  const position = find(text(file), needle);
  const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position })) as Hover | null;
  return result ? (result.contents as MarkupContent).value : '';
}

before(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'pod-lens-admission-'));
  cpSync(path.join(repoRoot, 'test/data/admission/workspace'), workspace, { recursive: true });
  client = await TestClient.start({ workspaceFolder: pathToFileURL(workspace).toString() });
});

after(async () => {
  await client.stop();
  rmSync(workspace, { recursive: true, force: true });
});

test('a LimitRange elsewhere in the workspace fills the container in, and says so', async () => {
  await client.open(uri('deployment.yaml'), text('deployment.yaml'));
  const diagnostics = await client.diagnostics(uri('deployment.yaml'));
  assert.deepEqual(
    diagnostics.filter((d) => String(d.code).startsWith('missing-')),
    [],
  );
  const workload = await hover('deployment.yaml', 'kind: Deployment');
  assert.match(workload, /\*\*Burstable\*\*/);
  assert.match(workload, /filled in by LimitRange defaults/);
  const container = await hover('deployment.yaml', 'name: app');
  assert.match(container, /`limits\.cpu` 500m from LimitRange defaults in namespace `shop`/);
  assert.match(container, /`requests\.memory` 128Mi from LimitRange defaults in namespace `shop`/);
});

test('editing the open LimitRange analyzes the pods again', async () => {
  const limitRange = text('limit-range.yaml');
  await client.open(uri('limit-range.yaml'), limitRange);
  await client.change(uri('limit-range.yaml'), [{ range: { start: find(limitRange, '500m'), end: find(limitRange, '500m', 4) }, text: '750m' }]);
  let container = '';
  for (let attempt = 0; attempt < 50 && !container.includes('750m'); attempt++) {
    container = await hover('deployment.yaml', 'name: app');
    if (!container.includes('750m')) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(container, /`limits\.cpu` 750m from LimitRange defaults/);
  // Closed without saving: the text on disk counts again.
  await client.close(uri('limit-range.yaml'));
  for (let attempt = 0; attempt < 50 && !container.includes('500m'); attempt++) {
    container = await hover('deployment.yaml', 'name: app');
    if (!container.includes('500m')) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(container, /`limits\.cpu` 500m from LimitRange defaults/);
});
