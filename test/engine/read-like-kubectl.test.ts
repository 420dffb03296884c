import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText, defaultNode, type FileResult } from '../../server/src/engine/analyze';
import { LineIndex } from '../../server/src/engine/documents';
import { type Finding } from '../../server/src/engine/findings';
import { reanalyze } from '../../server/src/engine/incremental';
import { fileReadingFindings } from '../../server/src/engine/reading-findings';
import { buildReportFile } from '../../server/src/engine/report';

/**
 * The engine reads a file as `kubectl apply -f` does: the output of
 * `kubectl get -o yaml` and `-o json` (a List whose items are the objects),
 * JSON streams (`jq -c '.items[]'`), and what go-yaml accepts that the
 * `yaml` package refuses. Each object kubectl decodes is analyzed at its own
 * lines; a file kubectl refuses gets kubectl's error where it fails.
 */

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const get = (name: string) => `test/data/kubectl-get/${name}`;
const dashboard = 'test/data/kubectl-read/cases/real/kubernetes-dashboard/hack/test-resources';

/** Per workload: document, List item, kind, name, QoS class, and the line (1-based) its lenses and report point at. */
type Row = [document: number, item: number | null, kind: string, name: string | null, qos: string | null, line: number];

function rows(result: FileResult): Row[] {
  const lines = new LineIndex(result.text);
  return result.documents.flatMap((d) =>
    d.objects.map((o): Row => {
      const at = d.slice.start + (o.workload.kindSpan?.start ?? o.span.start);
      return [d.slice.index, o.item, o.workload.kind, o.workload.name, o.analysis?.qos.qosClass ?? null, lines.position(at).line + 1];
    }),
  );
}

function allFindings(result: FileResult): Finding[] {
  return [
    ...fileReadingFindings(result.text, result.reading, result.documents),
    ...result.documents.flatMap((d) =>
      [...d.findings, ...d.objects.flatMap((o) => o.findings)].map((f) => ({ ...f, start: f.start + d.slice.start, end: f.end + d.slice.start })),
    ),
  ];
}

const pods: Row[] = [
  [0, 0, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', 4],
  [0, 1, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', 135],
  [0, 2, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', 266],
  [0, 3, 'Pod', 'debug', 'BestEffort', 448],
];

const cases: { file: string; syntax: 'yaml' | 'json'; documents: number; rows: Row[] }[] = [
  // kubectl get pods -o yaml: a List, keys sorted (`items` before `kind`).
  { file: get('get-pods.yaml'), syntax: 'yaml', documents: 1, rows: pods },
  {
    file: get('get-pods.json'),
    syntax: 'json',
    documents: 1,
    rows: [
      [0, 0, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', 6],
      [0, 1, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', 208],
      [0, 2, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', 410],
      [0, 3, 'Pod', 'debug', 'BestEffort', 685],
    ],
  },
  {
    file: get('get-deployments.yaml'),
    syntax: 'yaml',
    documents: 1,
    rows: [
      [0, 0, 'Deployment', 'web', 'Burstable', 4],
      [0, 1, 'Deployment', 'api', 'Guaranteed', 84],
    ],
  },
  {
    file: get('get-deployments.json'),
    syntax: 'json',
    documents: 1,
    rows: [
      [0, 0, 'Deployment', 'web', 'Burstable', 6],
      [0, 1, 'Deployment', 'api', 'Guaranteed', 117],
    ],
  },
  {
    file: get('get-deployments-and-pods.yaml'),
    syntax: 'yaml',
    documents: 1,
    rows: [
      [0, 0, 'Deployment', 'web', 'Burstable', 4],
      [0, 1, 'Deployment', 'api', 'Guaranteed', 84],
      [0, 2, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', 180],
      [0, 3, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', 311],
      [0, 4, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', 442],
      [0, 5, 'Pod', 'debug', 'BestEffort', 624],
    ],
  },
  // One object: no List around it.
  { file: get('get-pod.yaml'), syntax: 'yaml', documents: 1, rows: [[0, null, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', 2]] },
  // kubectl get pods -o json | jq -c '.items[]': one object per line, each a document.
  {
    file: get('pods-jq-c.json'),
    syntax: 'json',
    documents: 4,
    rows: [
      [0, null, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', 1],
      [1, null, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', 2],
      [2, null, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', 3],
      [3, null, 'Pod', 'debug', 'BestEffort', 4],
    ],
  },
  {
    file: get('pods-jq.json'),
    syntax: 'json',
    documents: 4,
    rows: [
      [0, null, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', 3],
      [1, null, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', 205],
      [2, null, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', 407],
      [3, null, 'Pod', 'debug', 'BestEffort', 682],
    ],
  },
  // A quoted scalar whose continuation lines are indented no deeper than its key: go-yaml takes it, `yaml` does not.
  { file: `${dashboard}/init-container-error-pod.yaml`, syntax: 'yaml', documents: 1, rows: [[0, null, 'Pod', 'init-container-error', 'BestEffort', 18]] },
];

for (const { file, syntax, documents, rows: expected } of cases) {
  test(`read like kubectl: ${path.basename(file)}`, () => {
    const result = analyzeText(read(file), { node: defaultNode });
    assert.equal(result.reading.syntax, syntax);
    assert.equal(result.documents.length, documents);
    assert.deepEqual(rows(result), expected);
    const errors = allFindings(result).filter((f) => f.severity === 'error' || f.code === 'not-applied');
    assert.deepEqual(errors, [], 'kubectl reads every object: no yaml-syntax, decode-error or not-applied');
  });
}

test('the report: one object per List item, its document and its item', () => {
  const report = buildReportFile('pods.yaml', analyzeText(read(get('get-pods.yaml'))));
  assert.deepEqual(
    report.objects.map((o) => [o.document, o.item, o.kind, o.name, o.qosClass, o.containers?.map((c) => c.cgroup.oomScoreAdj)]),
    [
      [0, 0, 'Pod', 'web-7d4b9c8f6d-x2x7k', 'Burstable', [993]],
      [0, 1, 'Pod', 'web-7d4b9c8f6d-m9zl4', 'Burstable', [993]],
      [0, 2, 'Pod', 'api-5f8d7b6c9-q8w2n', 'Guaranteed', [-997, -997, -997]],
      [0, 3, 'Pod', 'debug', 'BestEffort', [1000]],
    ],
  );
  // A finding of an item is at the item's lines: the debug pod's container.
  const debug = report.objects[3].diagnostics.find((d) => d.code === 'missing-memory-request')!;
  assert.equal(read(get('get-pods.yaml')).split('\n')[debug.line], '      resources: {}');
  // A document's own object has no item.
  assert.equal('item' in buildReportFile('pod.yaml', analyzeText(read(get('get-pod.yaml')))).objects[0], false);
});

/** Lenient forms go-yaml v2 accepts and the `yaml` package refuses (kubectl v1.32 reads each as one object). */
const lenient: { name: string; text: string; rows: Row[]; finding?: [code: string, line: number, column: number, fixed: string] }[] = [
  {
    name: 'a flow sequence and a flow map continued at their key’s indentation',
    text: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: lenient',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '    command: ["sh", "-c",',
      '    "sleep 3600"]',
      '    resources:',
      '      limits: {cpu: "1",',
      '      memory: 128m}',
      '',
    ].join('\n'),
    rows: [[0, null, 'Pod', 'lenient', 'Guaranteed', 2]],
    // After the rewritten lines, the finding and its fix are on the file's own text.
    finding: ['memory-millibytes', 13, 15, '      memory: 128Mi}'],
  },
  {
    name: 'a double-quoted scalar continued at its key’s indentation',
    text: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: quoted',
      '  annotations:',
      '    note: "a long note that',
      '    wraps"',
      'spec:',
      '  selector: {matchLabels: {app: q}}',
      '  template:',
      '    metadata: {labels: {app: q}}',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: nginx:1.27',
      '        resources:',
      '          requests: {cpu: 250m, memory: 64Mi}',
      '          limits: {cpu: 500m, memory: 1Gi}',
      '',
    ].join('\n'),
    rows: [[0, null, 'Deployment', 'quoted', 'Burstable', 2]],
  },
];

for (const { name, text, rows: expected, finding } of lenient) {
  test(`read like kubectl: ${name}`, () => {
    const result = analyzeText(text);
    assert.deepEqual(rows(result), expected);
    const findings = allFindings(result);
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error'),
      [],
    );
    if (!finding) return;
    const [code, line, column, fixed] = finding;
    const found = findings.find((f) => f.code === code)!;
    const lines = new LineIndex(text);
    assert.deepEqual(lines.position(found.start), { line: line - 1, character: column - 1 });
    const fix = found.fixes![0];
    let after = text;
    for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) after = after.slice(0, edit.start) + edit.newText + after.slice(edit.end);
    assert.equal(after.split('\n')[line - 1], fixed);
    assert.deepEqual(rows(analyzeText(after)), expected);
  });
}

test('a file kubectl refuses: its error where kubectl fails, in its words, and what it never applies', () => {
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx\n`;
  const cases: { text: string; errors: [code: string, line: number, message: string][]; notApplied: number | null; rows: string[] }[] = [
    {
      // A tab where go-yaml wants indentation: it stops at the second document; the first is applied.
      text: `${pod('first')}---\n${pod('second').replace('  - name', '\t- name')}---\n${pod('third')}`,
      errors: [['yaml-syntax', 16, 'yaml: line 7: found character that cannot start any token']],
      notApplied: 18,
      rows: ['first', 'third'],
    },
    {
      // A separator with more than a comment after it: kubectl reads nothing from the piece before it on.
      text: `${pod('first')}---\n${pod('second')}--- !not-a-comment\n${pod('third')}`,
      errors: [['yaml-syntax', 18, 'invalid Yaml document separator: !not-a-comment']],
      notApplied: 10,
      rows: ['first', 'second', 'third'],
    },
    {
      // A JSON stream broken in its second value: the first is applied, nothing after.
      text: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "first"}, "spec": {"containers": [{"name": "app", "image": "nginx"}]}}\n{"apiVersion": "v1",, "kind": "Pod"}\n',
      errors: [['yaml-syntax', 2, "json: offset 149: invalid character ',' looking for beginning of object key string"]],
      notApplied: 2,
      rows: ['first'],
    },
  ];
  for (const { text, errors, notApplied, rows: names } of cases) {
    const result = analyzeText(text);
    const lines = new LineIndex(text);
    const findings = allFindings(result);
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => [f.code, lines.position(f.start).line + 1, f.message]),
      errors,
      text,
    );
    const skipped = findings.filter((f) => f.code === 'not-applied');
    assert.deepEqual(
      skipped.map((f) => [lines.position(f.start).line + 1, f.end]),
      notApplied === null ? [] : [[notApplied, text.length]],
    );
    // Every document kubectl frames is still analyzed: the author sees the rest while fixing the error.
    assert.deepEqual(
      rows(result).map((r) => r[3]),
      names,
    );
  }
});

test('text after `...` in a document is never read: a not-applied hint, and no object from it', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: app\n    image: nginx\n...\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n';
  const result = analyzeText(text);
  assert.deepEqual(
    rows(result).map((r) => r[3]),
    ['a'],
  );
  const hint = allFindings(result).find((f) => f.code === 'not-applied')!;
  assert.equal(hint.severity, 'hint');
  assert.equal(text.slice(hint.start, hint.end), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n');
});

test('editing a List item re-reads its document; other documents keep their results, and the result is a fresh one', () => {
  const list = read(get('get-pods.yaml'));
  const head = `${read(get('get-pod.yaml'))}---\n`;
  const text = head + list;
  const first = analyzeText(text);
  // The first web pod's memory request.
  const edited = head + list.replace('          memory: 128Mi\n', '          memory: 200Mi\n');
  const second = reanalyze(first, edited, { node: defaultNode });
  assert.equal(second.documents[0].objects, first.documents[0].objects);
  assert.notEqual(second.documents[1].objects, first.documents[1].objects);
  assert.deepEqual(JSON.stringify(buildReportFile('f', second)), JSON.stringify(buildReportFile('f', analyzeText(edited))));
  assert.equal(buildReportFile('f', second).objects[1].requests?.memoryBytes, 200 * 1024 * 1024);
  // Turning the file into a JSON stream (a `{` first) reframes every document.
  const json = `${read(get('pods-jq-c.json'))}`;
  const third = reanalyze(second, json, { node: defaultNode });
  assert.deepEqual(JSON.stringify(buildReportFile('f', third)), JSON.stringify(buildReportFile('f', analyzeText(json))));
  assert.equal(third.reading.syntax, 'json');
});

/** A List of three Pods and Deployments: one in an apiVersion no API server serves, one the API server refuses, one accepted. */
const mixedList = [
  'apiVersion: v1',
  'kind: List',
  'items:',
  '- apiVersion: apps/v1beta1',
  '  kind: Deployment',
  '  metadata: {name: old}',
  '  spec:',
  '    template:',
  '      metadata: {labels: {app: old}}',
  '      spec:',
  '        containers: [{name: app, image: app:1}]',
  '- apiVersion: v1',
  '  kind: Pod',
  '  metadata: {name: refused}',
  '  spec:',
  '    containers: [{name: app, image: app:1, resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}}]',
  '- apiVersion: v1',
  '  kind: Pod',
  '  metadata: {name: ok}',
  '  spec:',
  '    containers: [{name: app, image: app:1, resources: {limits: {cpu: "1", memory: 1Gi}}}]',
  '',
].join('\n');

test('List items judged one by one: an apiVersion kubectl cannot send ends only its own item, a refused item keeps no numbers in results', () => {
  const result = analyzeText(mixedList);
  assert.deepEqual(rows(result), [
    [0, 0, 'Deployment', 'old', null, 5],
    [0, 1, 'Pod', 'refused', null, 13],
    [0, 2, 'Pod', 'ok', 'Guaranteed', 18],
  ]);
  const [old, refused, ok] = result.documents[0].objects;
  assert.deepEqual(
    old.findings.map((f) => [f.code, f.message, mixedList.slice(f.start, f.end)]),
    [['api-version-not-served', 'no matches for kind "Deployment" in version "apps/v1beta1"', 'apps/v1beta1']],
  );
  assert.deepEqual(
    old.findings[0].fixes?.map((fix) => fix.title),
    ['Change apiVersion to apps/v1 (apps/v1beta1 is not served since v1.16)'],
  );
  assert.deepEqual([old.invalid, refused.invalid, ok.invalid], [true, true, false]);
  assert.deepEqual(
    refused.findings.filter((f) => f.severity === 'error').map((f) => f.code),
    ['request-exceeds-limit'],
  );
  const report = buildReportFile('list.yaml', result);
  assert.deepEqual(
    report.objects.map((o) => [o.item, o.name, o.invalid ?? false, o.qosClass ?? null]),
    [
      [0, 'old', true, null],
      [1, 'refused', true, null],
      [2, 'ok', false, 'Guaranteed'],
    ],
  );
});
