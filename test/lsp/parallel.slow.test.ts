import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/engine/analyze';
import { currentViews } from '../../server/src/service/document';
import { fileDiagnostics } from '../../server/src/service/diagnostics';
import { LineMap } from '../../server/src/service/positions';
import { defaultSettings } from '../../server/src/service/settings';
import { find, repoRoot, TestClient } from './client';

/**
 * A file over 4 MiB is analyzed on worker threads when it is opened. What the
 * editor gets must not show it: the same diagnostics as an analysis in one
 * thread, also when edits arrive while the workers are still busy.
 */

let client: TestClient;
let big: string;

before(async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-lens-big-'));
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bench/gen.mjs'), '--out', out, '--sizes', '2700', '--seed', '11'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  big = fs.readFileSync(path.join(out, 'k8s-2700.yaml'), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  assert.ok(big.length > 4 << 20, `big enough for the workers (${big.length})`);
  client = await TestClient.start();
});

after(async () => {
  await client.stop();
});

// The server is given no settings: its node is the assumed default one.
const expected = (text: string) => fileDiagnostics(currentViews(analyzeText(text, { node: defaultSettings.node })), new LineMap(text), defaultSettings);

test('a big file opened and edited at once: the diagnostics of one analysis of the final text', async () => {
  const uri = 'file:///work/big.yaml';
  await client.open(uri, big);
  // While the workers parse: a memory request in the middle becomes millibytes, and a document is added on top.
  const middle = find(big, 'memory:', 0, 300);
  const line = client.texts.get(uri)!.split('\n')[middle.line];
  await client.change(uri, [
    {
      range: { start: { line: middle.line, character: 0 }, end: { line: middle.line, character: line.length } },
      text: `${line.slice(0, middle.character)}memory: 128m`,
    },
  ]);
  await client.change(uri, [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: top\nspec:\n  containers:\n  - name: a\n    image: x\n---\n',
    },
  ]);
  const final = client.texts.get(uri)!;
  const published = await client.diagnostics(uri, () => client.publications.at(-1)?.version === 3, 60000);
  assert.deepStrictEqual(published, JSON.parse(JSON.stringify(expected(final))));
  assert.ok(published.some((d) => d.code === 'memory-millibytes' && d.range.start.line === middle.line + 9));
  assert.equal(client.publications.filter((p) => p.uri === uri).length, 1, 'one publish, for the newest version');
});
