import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { captureIo } from '../conformance/run';
import { realManifests } from '../fuzz/generators';
import { dir, hostile } from '../fuzz/hostile-support';

/** The hostile inputs that take tens of seconds each: `npm run test:slow` (and CI) runs them, `npm test` does not. */

const manifests = realManifests.map((m) => m.text.replace(/^(---|\.\.\.)\s*$/gm, '').trim()).join('\n---\n') + '\n';

test('a 50 MB file of real manifests: the CLI analyzes all of it in bounded time', { timeout: 300_000 }, async () => {
  const text = ('---\n' + manifests).repeat(Math.ceil((50 * 1024 * 1024) / (manifests.length + 4)));
  assert.ok(text.length >= 50 * 1024 * 1024);
  const file = path.join(dir, 'fifty.yaml');
  writeFileSync(file, text);
  // The report is ~80 MB of text: count it rather than keep it.
  let bytes = 0;
  let last = '';
  const io = { ...captureIo(dir), stdout: (chunk: string) => void ((bytes += chunk.length), (last = chunk)) };
  const started = performance.now();
  const code = await main(['analyze', '--fail-on', 'never', file], io);
  const ms = performance.now() - started;
  rmSync(file);
  assert.equal(code, 0);
  // Generous: a hang and quadratic-growth detector, not a benchmark (figures in docs/robustness.md).
  assert.ok(ms < 150_000, `50 MB took ${ms.toFixed(0)} ms`);
  const workloads = Number(/(\d+) workloads on (?:an assumed )?(?:a )?node/.exec(last.slice(-300))?.[1]);
  assert.ok(workloads > 10_000 && bytes > 0, `${workloads} workloads reported`);
});

test('a 1 MB line: as a value, as a key, as a comment, and a 1 MB quantity', async () => {
  const mb = 1024 * 1024;
  await hostile('long-value', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${'x'.repeat(mb)}\nspec:\n  containers: [{name: a, image: b}]\n`, {
    engineMs: 5000,
  });
  await hostile('long-key', `${'k'.repeat(mb)}: 1\n`, { engineMs: 5000 });
  await hostile('long-comment', `# ${'c'.repeat(mb)}\napiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: b}]\n`, { engineMs: 5000 });
  await hostile('long-quantity', `apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: b, resources: {limits: {cpu: ${'9'.repeat(mb)}}}}]\n`, {
    engineMs: 10000,
  });
});
