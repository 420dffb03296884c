import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { find, repoRoot, TestClient } from '../lsp/client';

/** The real server on a RayCluster: lenses per pod template above its group, hovers and the simulation by position. */

let client: TestClient;
const uri = 'file:///work/custom-resources/ray-cluster-heterogeneous.yaml';
const text = readFileSync(path.join(repoRoot, 'test/data/custom-resources/ray-cluster-heterogeneous.yaml'), 'utf8');
const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

before(async () => {
  client = await TestClient.start();
  await client.open(uri, text);
  await client.diagnostics(uri);
});

after(async () => {
  await client.stop();
});

test('two lenses per pod template, above its group, naming it; the simulate lens names the template', async () => {
  assert.deepEqual(
    (await client.diagnostics(uri)).filter((d) => d.severity === 1 || d.severity === 2),
    [],
  );
  const lenses = await client.lenses(uri);
  assert.deepEqual(
    lenses.filter((_, i) => i % 2 === 0).map((lens) => [lens.range.start.line + 1, lens.command?.title]),
    [
      [lineOf('  headGroupSpec:'), 'RayCluster head · BestEffort · eviction risk: high · OOM score 1000'],
      [lineOf('  - replicas: 3'), 'worker group small-group · Burstable · eviction risk: high · OOM score 999'],
      [lineOf('  - replicas: 1'), 'worker group medium-group · Burstable · eviction risk: high · OOM score 999'],
    ],
  );
  assert.deepEqual(lenses[5].command?.arguments, [{ uri, document: 1, podSpecPath: 'spec.workerGroupSpecs[1].template.spec' }]);
  assert.equal(lenses[4].command?.arguments?.[0].template, 'worker group medium-group');
});

test("a hover on a worker group's cpu speaks of that group's pod", async () => {
  const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: find(text, 'cpu: "1000m"', 6) })) as Hover | null;
  const value = result ? (result.contents as MarkupContent).value : '';
  assert.match(value, /^\*\*CPU request `1`\*\* = 1 core/);
  assert.match(value, /\| v1 `cpu.shares` \| 1024 \|/);
  assert.match(value, /container `ray-worker` gets CPU time/);
});

test('podLens/simulate: the template under the position, or the one named', async () => {
  const byPosition = (await client.connection.sendRequest('podLens/simulate', { uri, position: find(text, 'groupName: medium-group'), until: 1 })) as {
    object: unknown;
  };
  assert.deepEqual(byPosition.object, {
    kind: 'RayCluster',
    name: 'raycluster-heterogeneous',
    document: 1,
    podSpecPath: 'spec.workerGroupSpecs[1].template.spec',
  });
  const named = (await client.connection.sendRequest('podLens/simulate', {
    uri,
    document: 1,
    podSpecPath: 'spec.workerGroupSpecs[0].template.spec',
    until: 1,
  })) as { object: unknown };
  assert.deepEqual(named.object, { kind: 'RayCluster', name: 'raycluster-heterogeneous', document: 1, podSpecPath: 'spec.workerGroupSpecs[0].template.spec' });
  await assert.rejects(
    client.connection.sendRequest('podLens/simulate', { uri, document: 1, podSpecPath: 'spec.nothing' }),
    /document 1 has no pod template at spec\.nothing/,
  );
});
