import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocumentDetail, analyzeText, defaultNode, type DocumentResult, type FileResult } from '../../server/src/engine/analyze';
import { changedRegion, IncrementalDocuments, reanalyze } from '../../server/src/engine/incremental';
import { splitDocuments } from '../../server/src/engine/documents';
import { buildReportFile } from '../../server/src/engine/report';
import { DetailCache } from '../../server/src/service/document';
import { fileDiagnostics } from '../../server/src/service/diagnostics';
import { LineMap } from '../../server/src/service/positions';
import { defaultSettings } from '../../server/src/service/settings';
import { FileAnalyses } from '../../server/src/lsp/fileAnalyses';
import { encodeMessage, withJson } from '../../server/src/lsp/preserialized';

/**
 * The mechanisms behind instant edits on big files: the window re-split, the
 * shifted results, the line map updated around an edit, LSP content changes
 * folded into one region, details re-parsed on demand, pre-serialized JSON.
 * Each must give exactly what the plain, whole-file computation gives.
 */

const options = { node: defaultNode };

/** mulberry32: a small seeded generator, so that a failure replays. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

const pod = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: x
    resources:
      requests:
        cpu: ${cpu}
        memory: 128m
      limits:
        memory: 256Mi
`;

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
      - name: web
        image: y
        resources: {requests: {cpu: 100m}, limits: {cpu: "2", memory: 1Gi}}
`;

function stream(rng: ReturnType<typeof random>, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = rng.next() < 0.5 ? pod(`p${i}`, rng.pick(['250m', '2', '0.5', '5000m'])) : deployment(`d${i}`);
    const separator = i === 0 ? rng.pick(['', '---\n', '# header\n---\n']) : rng.pick(['---\n', '--- # next\n', '...\n---\n', '# between\n---\n', '...\n']);
    parts.push(separator + body);
  }
  return parts.join('') + rng.pick(['', '# trailing\n', '...\n# after the end\n']);
}

/** What an edit at a random place may insert: document markers, comments, broken YAML, values, line breaks. */
const insertions = [
  '---\n',
  '...\n',
  '\n---\n',
  '# c\n',
  'x',
  '\n',
  '\r\n',
  'cpu: 3\n',
  '  - [',
  ']',
  ': ',
  '"',
  'kind: Pod\n',
  '--- ',
  '',
  'apiVersion: v1\n',
  '\t',
  '-',
];

function randomEdit(rng: ReturnType<typeof random>, text: string): { start: number; end: number; text: string } {
  const start = rng.int(text.length + 1);
  const end = Math.min(text.length, start + (rng.next() < 0.4 ? rng.int(40) : 0));
  // Edits near a marker line are the interesting ones: move some of them there.
  if (rng.next() < 0.3) {
    const marker = text.indexOf('\n---', start);
    if (marker !== -1) return { start: marker + 1, end: Math.min(text.length, marker + 1 + rng.int(5)), text: rng.pick(insertions) };
  }
  return { start, end, text: rng.pick(insertions) };
}

const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

/** Everything the faces show, positions included, and nothing that is object identity. */
function fingerprint(file: FileResult): string {
  return json({
    slices: file.documents.map((d) => [d.slice.index, d.slice.start, d.slice.end, d.slice.text]),
    documents: file.documents.map((d) => ({ ...d, slice: null })),
    report: buildReportFile('f.yaml', file),
  });
}

describe('incremental analysis equals a fresh analysis', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(`random edit sequence, seed ${seed}`, () => {
      const rng = random(seed);
      let text = stream(rng, 6);
      const documents = new IncrementalDocuments(text);
      let previous: FileResult = analyzeText(text, options);
      for (let step = 0; step < 30; step++) {
        const edit = randomEdit(rng, text);
        const next = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
        documents.applyChange(next, { start: edit.start, end: edit.end, newEnd: edit.start + edit.text.length });
        text = next;
        const expected = analyzeText(text, options);
        // The window re-split finds exactly the documents a whole split finds.
        assert.deepEqual(
          documents.slices.map((s) => [s.index, s.start, s.end, s.text]),
          splitDocuments(text).map((s) => [s.index, s.start, s.end, s.text]),
          `slices after edit ${step}: ${JSON.stringify(edit)}`,
        );
        assert.equal(fingerprint(documents.fileResult(options)), fingerprint(expected), `results after edit ${step}: ${JSON.stringify(edit)}`);
        // The text-only entry point (common prefix and suffix) agrees too.
        const viaText = reanalyze(previous, text, options);
        assert.equal(fingerprint(viaText), fingerprint(expected));
        previous = viaText;
      }
    });
  }

  test('an edit inside one document of many re-analyzes that document only', () => {
    const text = Array.from({ length: 40 }, (_, i) => pod(`p${i}`, '250m')).join('---\n');
    const documents = new IncrementalDocuments(text);
    const before = documents.fileResult(options);
    const at = text.indexOf('cpu: 250m', text.indexOf('name: p20')) + 'cpu: '.length;
    const next = `${text.slice(0, at)}300m${text.slice(at + 4)}`;
    documents.applyChange(next, { start: at, end: at + 4, newEnd: at + 4 });
    assert.equal(documents.pending, 1);
    const after = documents.fileResult(options);
    const reanalyzed = after.documents.filter((d, i) => d.findings !== before.documents[i].findings);
    assert.deepEqual(
      reanalyzed.map((d) => d.slice.index),
      [20],
    );
  });

  test('adding and removing a document marker moves the boundaries and the indices after it', () => {
    const text = [pod('a', '1'), pod('b', '1'), pod('c', '1')].join('---\n');
    const documents = new IncrementalDocuments(text);
    documents.fileResult(options);
    const cut = text.indexOf('spec:', text.indexOf('name: b'));
    const split = `${text.slice(0, cut)}---\n${text.slice(cut)}`;
    documents.applyChange(split, { start: cut, end: cut, newEnd: cut + 4 });
    assert.equal(documents.slices.length, 4);
    assert.equal(fingerprint(documents.fileResult(options)), fingerprint(analyzeText(split, options)));
    documents.applyChange(text, { start: cut, end: cut + 4, newEnd: cut });
    assert.equal(documents.slices.length, 3);
    assert.equal(fingerprint(documents.fileResult(options)), fingerprint(analyzeText(text, options)));
  });

  test('analyzeSome works through waiting documents in batches; resultAt analyzes one on demand', () => {
    const text = Array.from({ length: 10 }, (_, i) => pod(`p${i}`, '1')).join('---\n');
    const documents = new IncrementalDocuments(text);
    assert.equal(documents.pending, 10);
    documents.resultAt(7, options);
    assert.equal(documents.pending, 9);
    assert.equal(documents.analyzeSome(options, 4), 4);
    assert.equal(documents.pending, 5);
    // An edit while documents still wait keeps what is done and what waits.
    const at = text.indexOf('name: p8');
    const next = `${text.slice(0, at)}name: q8${text.slice(at + 8)}`;
    documents.applyChange(next, { start: at, end: at + 8, newEnd: at + 8 });
    assert.equal(fingerprint(documents.fileResult(options)), fingerprint(analyzeText(next, options)));
  });

  test('changedRegion is the one region between the common prefix and suffix', () => {
    assert.deepEqual(changedRegion('abcdef', 'abXXef'), { start: 2, end: 4, newEnd: 4 });
    assert.deepEqual(changedRegion('aaa', 'aaaa'), { start: 3, end: 3, newEnd: 4 });
    assert.deepEqual(changedRegion('same', 'same'), { start: 4, end: 4, newEnd: 4 });
  });
});

describe('line map updated around an edit', () => {
  const samples = ['a\nb\r\nc\rd\n', '\r\n\r\n', 'x', '', 'a\r', '\n\n\n'];
  for (const seed of [11, 12, 13, 14]) {
    test(`random edits with \\n, \\r\\n and lone \\r, seed ${seed}`, () => {
      const rng = random(seed);
      let text = rng.pick(samples).repeat(5);
      let lines = new LineMap(text);
      for (let step = 0; step < 200; step++) {
        const start = rng.int(text.length + 1);
        const end = Math.min(text.length, start + rng.int(4));
        const insert = rng.pick(['\r', '\n', '\r\n', 'ab', '', 'x\ry', '\n\r']);
        text = text.slice(0, start) + insert + text.slice(end);
        lines = lines.edited(text, start, end, start + insert.length);
        const fresh = new LineMap(text);
        assert.equal(lines.lineCount, fresh.lineCount, `line count after ${JSON.stringify({ start, end, insert })} in ${JSON.stringify(text)}`);
        for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(lines.positionAt(offset), fresh.positionAt(offset));
      }
    });
  }
});

describe('file analyses fed with LSP content changes', () => {
  const uri = 'file:///big.yaml';
  const text = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? deployment(`d${i}`) : pod(`p${i}`, '250m'))).join('---\n');

  const toRange = (lines: LineMap, start: number, end: number) => ({ start: lines.positionAt(start), end: lines.positionAt(end) });

  test('several changes in one notification, each on the text the previous one left', () => {
    const rng = random(21);
    const analyses = new FileAnalyses(defaultSettings);
    analyses.open(uri, 1, text);
    analyses.get(uri);
    let current = text;
    for (let version = 2; version < 40; version++) {
      const changes = [];
      for (let k = 0; k < 1 + rng.int(3); k++) {
        const edit = randomEdit(rng, current);
        const lines = new LineMap(current);
        changes.push({ range: toRange(lines, edit.start, edit.end), text: edit.text });
        current = current.slice(0, edit.start) + edit.text + current.slice(edit.end);
      }
      analyses.applyChanges(uri, version, changes);
      const analyzed = analyses.get(uri)!;
      assert.equal(analyzed.lines.text, current);
      assert.equal(fingerprint(analyzed.file), fingerprint(analyzeText(current, options)), `version ${version}`);
      const fresh = new FileAnalyses(defaultSettings);
      fresh.open(uri, version, current);
      const shown = fileDiagnostics(analyses.views(uri)!.views, analyzed.lines, defaultSettings);
      // Held-back syntax errors depend on the edit history; compare what is not held.
      if (!analyses.views(uri)!.held.some(Boolean)) {
        assert.deepEqual(shown, fileDiagnostics(fresh.views(uri)!.views, fresh.get(uri)!.lines, defaultSettings));
      }
    }
  });

  test('a whole-text change (no range) is folded like a ranged one', () => {
    const analyses = new FileAnalyses(defaultSettings);
    analyses.open(uri, 1, text);
    const before = analyses.get(uri)!.file;
    const next = text.replace('name: p4', 'name: q4');
    analyses.applyChanges(uri, 2, [{ text: next }]);
    const after = analyses.get(uri)!.file;
    assert.equal(fingerprint(after), fingerprint(analyzeText(next, options)));
    assert.equal(after.documents.filter((d, i) => d.findings !== before.documents[i].findings).length, 1);
  });

  test('a snapshot answers for one document without analyzing the rest', () => {
    const analyses = new FileAnalyses(defaultSettings);
    analyses.open(uri, 1, text);
    const snapshot = analyses.snapshot(uri)!;
    const offset = text.indexOf('name: p5');
    const document = snapshot.documentAt(offset)!;
    assert.equal(document.objects[0]?.workload.name, 'p5');
    assert.equal(analyses.pending(uri), 11);
    assert.equal(snapshot.documentsIn(offset, offset + 1).length, 1);
    assert.equal(analyses.pending(uri), 11);
  });
});

describe('details on demand', () => {
  test('a detail is the same analysis with its syntax tree, cached for a few documents', () => {
    const text = [pod('a', '1'), pod('b', '2')].join('---\n');
    const file = analyzeText(text, options);
    const cache = new DetailCache(1);
    const first = cache.get(file.documents[0], options);
    assert.equal(cache.get(file.documents[0], options), first, 'cached');
    assert.deepEqual(json(first.findings), json(file.documents[0].findings));
    assert.equal(first.objects[0]?.workload.name, 'a');
    assert.ok(first.parsed, 'the tree is there');
    assert.deepEqual(json(first.objects[0]?.analysis?.qos), json(file.documents[0].objects[0]?.analysis?.qos));
    cache.get(file.documents[1], options);
    assert.notEqual(cache.get(file.documents[0], options), first, 'evicted beyond its size');
    const direct = analyzeDocumentDetail(file.documents[0].slice, options);
    assert.equal(json(direct.objects[0]?.findings), json(first.objects[0]?.findings));
  });

  test('compact results hold no syntax tree', () => {
    const file = analyzeText(pod('a', '1'), options);
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      assert.ok(!(value.constructor?.name ?? '').match(/^(YAMLMap|YAMLSeq|Scalar|Pair|Document)$/), `a ${value.constructor?.name} in a result`);
      for (const child of value instanceof Map ? [...value.values()] : Object.values(value)) walk(child);
    };
    walk(file.documents as DocumentResult[]);
  });

  test('the service default node is the engine default node, assumed', () => {
    const { assumed, ...size } = defaultSettings.node;
    assert.deepEqual(size, defaultNode);
    assert.deepEqual(assumed, { cpu: true, memory: true, howToSet: 'set podLens.node.cpu and podLens.node.memory' });
  });
});

describe('pre-serialized JSON', () => {
  test('a publish with carried JSON encodes exactly as JSON.stringify', () => {
    const a = [{ message: 'x "quoted"', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } } }];
    const b: typeof a = [];
    const c = [{ message: 'ü\u0000', range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } } }];
    const diagnostics = withJson(
      [...a, ...b, ...c],
      [a, b, c].map((part) => (part.length ? JSON.stringify(part).slice(1, -1) : '')),
    );
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yaml', version: 3, diagnostics } };
    assert.equal(encodeMessage(message), JSON.stringify(message));
    const response = { jsonrpc: '2.0', id: 7, result: withJson([...a], [JSON.stringify(a).slice(1, -1)]) };
    assert.equal(encodeMessage(response), JSON.stringify(response));
    const plain = { jsonrpc: '2.0', id: 8, result: [1, 2] };
    assert.equal(encodeMessage(plain), JSON.stringify(plain));
  });
});
