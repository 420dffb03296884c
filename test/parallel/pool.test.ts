import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText, type AnalyzeOptions, defaultNode } from '../../server/src/engine/analyze';
import { IncrementalDocuments } from '../../server/src/engine/incremental';
import { Quantity } from '../../server/src/engine/quantity';
import { AnalysisPool, analyzeTextInPool, poolSize } from '../../server/src/parallel';
import { chunkOf, fromTransfer, slicesOf, toTransfer } from '../../server/src/parallel/transfer';
import { splitDocuments } from '../../server/src/engine/documents';

/**
 * The worker pool must be invisible: every document's result from a worker
 * equals the one computed in this thread, exactly (finding offsets, fixes,
 * the numbers, quantities that are `Quantity` again), and results computed
 * for an older version of the text land on the right documents after edits.
 */

const repoRoot = path.resolve(__dirname, '../../..');
const options: AnalyzeOptions = { node: defaultNode };
let pool: AnalysisPool;
let generated: string;

const examples = () =>
  fs
    .readdirSync(path.join(repoRoot, 'examples'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8'))
    .join('---\n');

before(() => {
  // Small chunks, so that both workers get several and the results come back interleaved.
  pool = new AnalysisPool({ size: 2, chunkCharacters: 16 << 10 });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-lens-pool-'));
  const generatedRun = spawnSync(process.execPath, [path.join(repoRoot, 'bench/gen.mjs'), '--out', out, '--sizes', '150', '--seed', '7'], { encoding: 'utf8' });
  assert.equal(generatedRun.status, 0, generatedRun.stderr);
  generated = fs.readFileSync(path.join(out, 'k8s-150.yaml'), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
});

after(async () => {
  await pool.close();
});

describe('analysis on worker threads', () => {
  test('a generated manifest: the same results as in this thread', async () => {
    assert.ok(pool.available, 'the worker script is built next to the pool');
    const parallel = await analyzeTextInPool(generated, options, pool, 0);
    assert.deepStrictEqual(parallel, analyzeText(generated, options));
  });

  test('guided chunks (the default): the same results, two chunks in flight per worker', async () => {
    const guided = new AnalysisPool({ size: 2 });
    try {
      const text = [generated, generated, generated].join('---\n');
      assert.ok(text.length > 4 * (64 << 10), 'enough text for several guided chunks');
      const chunks: number[] = [];
      const parallel = await guided.analyze(text, splitDocuments(text), options, (results) => chunks.push(results.length));
      assert.ok(chunks.length >= 4, `${chunks.length} chunks`);
      assert.deepStrictEqual(parallel, analyzeText(text, options).documents);
    } finally {
      await guided.close();
    }
  });

  test('the examples, with findings and fixes, and other node settings', async () => {
    const text = examples();
    const small: AnalyzeOptions = { node: { cpuMilli: 1000n, memoryBytes: 2n * 1024n ** 3n } };
    const parallel = await analyzeTextInPool(text, small, pool, 0);
    const direct = analyzeText(text, small);
    assert.deepStrictEqual(parallel, direct);
    assert.ok(
      direct.documents.some((d) => (d.objects[0]?.findings ?? []).some((f) => f.fixes?.length)),
      'the examples have fixes',
    );
  });

  test('quantities come back as Quantity', async () => {
    const parallel = await analyzeTextInPool(examples(), options, pool, 0);
    const quantities = parallel.documents.flatMap((d) => [...(d.objects[0]?.analysis?.totals.requests.values() ?? [])]);
    assert.ok(quantities.length > 0);
    for (const quantity of quantities) {
      assert.ok(quantity instanceof Quantity);
      assert.equal(typeof quantity.toString(), 'string');
    }
  });

  test('the transfer form alone: a structured clone round trip changes nothing', () => {
    const text = examples();
    const direct = analyzeText(text, options);
    const chunk = structuredClone(
      chunkOf(
        text,
        direct.documents.map((d) => d.slice),
      ),
    );
    assert.deepStrictEqual(slicesOf(chunk), splitDocuments(text));
    for (const result of direct.documents) assert.deepStrictEqual(fromTransfer(structuredClone(toTransfer(result)), result.slice), result);
  });

  test('edits while the workers run: results of the old version land on the documents they belong to', async () => {
    let text = generated;
    const documents = new IncrementalDocuments(text);
    const generation = documents.generation;
    const slices = [...documents.slices];
    const results = await pool.analyze(text, slices, options);
    // Meanwhile: an edit in the middle (one document), a new document at the top, a deleted one near the end.
    const edit = (start: number, end: number, insert: string) => {
      text = text.slice(0, start) + insert + text.slice(end);
      documents.applyChange(text, { start, end, newEnd: start + insert.length });
    };
    const middle = slices[Math.floor(slices.length / 2)];
    const cpu = text.indexOf('cpu:', middle.start);
    edit(cpu, cpu + 4, 'cpu: 3\n        x-cpu:');
    edit(0, 0, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: top}\n---\n');
    const late = documents.slices[documents.slices.length - 3];
    edit(late.start, late.end, '');
    let adopted = 0;
    for (const result of results) if (documents.adopt(result.slice.index, generation, result)) adopted++;
    // Each edit re-splits a window of the touched document and its neighbours (see IncrementalDocuments).
    assert.ok(adopted >= slices.length - 12, `the rest are still good (${adopted} of ${slices.length})`);
    assert.ok(documents.pending > 0 && documents.pending <= 12, `the windows' documents wait (${documents.pending})`);
    assert.deepStrictEqual(documents.fileResult(options), analyzeText(text, options));
  });

  test('a cancelled run sends nothing more and resolves', async () => {
    let asked = 0;
    const slices = splitDocuments(generated);
    const results = await pool.analyze(generated, slices, options, undefined, () => ++asked > 1);
    assert.ok(results.filter(Boolean).length < slices.length);
  });
});

describe('how many workers', () => {
  const cases: [string | undefined, (cores: number) => number][] = [
    ['0', () => 0],
    ['1', () => 1],
    [' 3 ', () => 3],
    ['64', () => 8],
    // Anything else is ignored: the default for the machine.
    ['two', (cores) => Math.min(2, cores)],
    ['-1', (cores) => Math.min(2, cores)],
    [undefined, (cores) => Math.min(2, cores)],
  ];
  for (const [configured, expected] of cases) {
    test(`POD_LENS_WORKERS=${JSON.stringify(configured)}`, () => {
      const saved = process.env.POD_LENS_WORKERS;
      try {
        if (configured === undefined) delete process.env.POD_LENS_WORKERS;
        else process.env.POD_LENS_WORKERS = configured;
        assert.equal(poolSize(), expected(os.availableParallelism()));
        assert.equal(new AnalysisPool().parallel, expected(os.availableParallelism()) >= 2);
      } finally {
        if (saved === undefined) delete process.env.POD_LENS_WORKERS;
        else process.env.POD_LENS_WORKERS = saved;
      }
    });
  }
});
