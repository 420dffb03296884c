/**
 * The engine's fast paths give exactly what the full paths give:
 * - a YAML document the prefilter trusts to the `yaml` package is read as the
 *   go-yaml model reads it (objects and kubectl's errors);
 * - a detail rebuilt from a compact result without decoding the document
 *   again equals a fresh analysis.
 * On the benchmark's generated manifests (`test/data/perf/bench-60.yaml`, 60
 * objects of `../shared/bench/gen.mjs`, seed 42), on the kubectl-read goldens,
 * and on the real manifests.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mayHoldClusterObjects } from '../../server/src/engine/admission/cluster';
import * as path from 'node:path';
import { analyzeText, defaultNode, type DocumentDetail, type DocumentResult, redetailDocument } from '../../server/src/engine/analyze';
import { IncrementalDocuments } from '../../server/src/engine/incremental';
import { frameDocuments } from '../../server/src/engine/documents';
import { needsCarefulReading } from '../../server/src/engine/reading/prefilter';
import { checkRedetail, detailFingerprint } from '../fuzz/properties';
import { realManifests } from '../fuzz/generators';
import { canonicalJson, emulatedOutput, goldenCases, readerOutput } from './reading/goldens';
import { type Document, parseDocument } from 'yaml';
import { YAML_PARSE_OPTIONS } from '../../server/src/engine/reading/careful';
import { goNodeOf, kubectlValue, plainKubectlEnvelope, plainKubectlValue } from '../../server/src/engine/reading/value';
import { kubectlObjects } from '../../server/src/engine/reading/objects';
import { decodeGoNode, goJsonText, JsonNumber } from '../../server/src/engine/reading/decode';

const benchSample = readFileSync(path.resolve(__dirname, '../../../test/data/perf/bench-60.yaml'), 'utf8');

test('the prefilter: what it trusts to the `yaml` package and what it sends to go-yaml rules', () => {
  const careful = (value: string) => needsCarefulReading(value, 0, value.length);
  const trusted = [
    'schedule: 53 */2 * * *\n',
    'schedule: "*/5 * * * *"\n',
    'command: a && b\n',
    'message: hi !there\n',
    '- run *.sh\n',
    'key: a *b: c\n',
    'url: http://x/*: y\n',
    'a: b # *c\n',
  ];
  const suspect = [
    'key: *alias\n',
    'key: &anchor value\n',
    'key: !!str 1\n',
    '- *a\n',
    '- &a x\n',
    'key: [a, *b]\n',
    'key: {a: b *c}\n',
    'a: b: *c\n',
    'key: "a" *b\n',
    '*a : b\n',
    '? *a\n',
    'key:\n  *a\n',
    'key: x\ny: *b\n',
  ];
  assert.deepEqual(
    trusted.filter((t) => careful(t)),
    [],
  );
  assert.deepEqual(
    suspect.filter((t) => !careful(t)),
    [],
  );
});

test("the benchmark's manifests are all trusted to the `yaml` package, and read as the go-yaml model reads them", () => {
  const slices = frameDocuments(benchSample).slices;
  assert.equal(slices.length, 61, 'a leading comment and 60 objects');
  assert.deepEqual(
    slices.filter((s) => needsCarefulReading(s.text, 0, s.text.length)).map((s) => s.index),
    [],
  );
  const reader = readerOutput(benchSample);
  assert.deepEqual({ objects: reader.objects, stderr: reader.stderr }, emulatedOutput(benchSample));
  assert.equal(reader.objects.length, 60);
});

test('every golden case and real manifest reads as the go-yaml model reads it, document by document', () => {
  const problems: string[] = [];
  const texts = [...goldenCases().map((c) => ({ name: c.name, text: c.text })), ...realManifests];
  for (const { name, text } of texts) {
    for (const slice of frameDocuments(text).slices) {
      if (slice.syntax !== 'yaml' || needsCarefulReading(slice.text, 0, slice.text.length)) continue;
      const reader = readerOutput(slice.text);
      if (reader.unfollowed.length > 0) continue;
      const model = emulatedOutput(slice.text);
      if (JSON.stringify({ objects: reader.objects, stderr: reader.stderr }) !== JSON.stringify(model)) problems.push(`${name} document ${slice.index}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('a detail rebuilt from a compact result equals a fresh analysis: the benchmark manifests', () => {
  const file = analyzeText(benchSample, { node: defaultNode });
  assert.equal(
    file.documents.reduce((n, d) => n + d.objects.length, 0),
    60,
  );
  checkRedetail(file);
});

test('a detail rebuilt from a compact result equals a fresh analysis: Lists, several objects per document, refused objects', () => {
  const texts = [
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: x\n      resources:\n        requests:\n          cpu: 1\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: d\n  spec:\n    selector:\n      matchLabels: {app: d}\n    template:\n      metadata:\n        labels: {app: d}\n      spec:\n        containers:\n        - name: c\n          image: x\n',
    'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: x\n',
    'apiVersion: v1\nkind: Pod\nmetadata: 3\nspec:\n  containers:\n  - name: c\n    image: x\n',
    'kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    resources:\n      limits:\n        cpu: 1\n      requests:\n        cpu: 2\n',
  ];
  for (const text of texts) checkRedetail(analyzeText(text, { node: defaultNode }));
});

test('a detail rebuilt from a compact result equals a fresh analysis: custom resources with several pod templates', () => {
  const dir = path.join(__dirname, '../../../test/data/custom-resources');
  const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  assert.ok(files.length >= 7, files.join(', '));
  let templates = 0;
  for (const name of files) {
    const file = analyzeText(readFileSync(path.join(dir, name), 'utf8'), { node: defaultNode });
    templates += file.documents.reduce((n, d) => n + d.objects.length, 0);
    checkRedetail(file);
  }
  assert.ok(templates > files.length, `${templates} pod templates in ${files.length} files`);
});

test("kubectl's value in one walk equals go-yaml's nodes, decoder and sigs.k8s.io/yaml's JSON, wherever it applies", () => {
  let walked = 0;
  const problems: string[] = [];
  for (const { name, index, document } of yamlDocuments(plainEdgeCases)) {
    const plain = plainKubectlValue(document);
    if (plain === undefined) continue;
    walked++;
    let full: string;
    try {
      full = canonicalJson(decodeGoNode(goNodeOf(document)));
    } catch (e) {
      full = `error: ${e instanceof Error ? e.message : String(e)}`;
    }
    // Key order too: the report and kubectl's messages print objects in it.
    if (JSON.stringify(plain, jsonNumbers) !== JSON.stringify(decodeGoNodeOrError(document), jsonNumbers) || canonicalJson(plain) !== full)
      problems.push(`${name} document ${index}`);
  }
  assert.deepEqual(problems, []);
  assert.ok(walked > 1000, `only ${walked} documents took the one walk`);
});

test("kubectl's envelope: a document read without building its value gives the objects and errors the whole value gives, and that value when asked", () => {
  let enveloped = 0;
  const problems: string[] = [];
  for (const { name, index, document } of yamlDocuments([...plainEdgeCases, ...envelopeCases])) {
    const plain = plainKubectlEnvelope(document);
    if (plain === undefined) continue;
    enveloped++;
    const whole = kubectlValue(document, 'yaml');
    if (!whole.ok) {
      problems.push(`${name} document ${index}: the whole value is refused`);
      continue;
    }
    const fromEnvelope = kubectlObjects(plain.envelope, () => goJsonText(plain.value()), 'FILE', true);
    const fromWhole = kubectlObjects(whole.value, () => goJsonText(whole.value), 'FILE', whole.numbersAsPrinted === true);
    const objects = (decoded: typeof fromWhole, value: (o: (typeof fromWhole.objects)[number]) => unknown) =>
      JSON.stringify({ objects: decoded.objects.map((o) => ({ item: o.item, value: value(o) })), errors: decoded.errors }, jsonNumbers);
    const envelopeSide = objects(fromEnvelope, (o) => (o.value === plain.envelope ? plain.value() : o.value));
    if (envelopeSide !== objects(fromWhole, (o) => o.value)) problems.push(`${name} document ${index}`);
  }
  assert.deepEqual(problems, []);
  assert.ok(enveloped > 1000, `only ${enveloped} documents took the envelope`);
});

/** Documents whose envelope decides: no kind, a kind of the wrong type, metadata kubectl refuses, a repeated kind, a List, numbers not as printed. */
const envelopeCases = [
  'apiVersion: v1\nmetadata:\n  name: x\nspec:\n  a: 1\n',
  'apiVersion: v1\nkind: 5\nmetadata:\n  name: x\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: 5\n  labels:\n    a: 1\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: yesterday\n',
  'kind: Pod\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n',
  'apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  apiVersion: v1\n',
  'apiVersion: v1\nkind: Pod\nspec:\n  terminationGracePeriodSeconds: 1.5\n',
  'apiVersion: v1\nkind: Pod\nspec:\n  x: 1e400\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  generation: 99999999999999999999\n',
].map((text, i) => ({ name: `envelope ${i}`, text }));

/** The YAML documents the `yaml` package parses without errors, of the benchmark sample, the kubectl-read goldens, the real manifests and `extra`. */
function* yamlDocuments(extra: readonly { name: string; text: string }[]): Generator<{ name: string; index: number; document: Document.Parsed }> {
  const texts = [{ name: 'bench-60', text: benchSample }, ...goldenCases().map((c) => ({ name: c.name, text: c.text })), ...realManifests, ...extra];
  for (const { name, text } of texts) {
    for (const slice of frameDocuments(text).slices) {
      if (slice.syntax !== 'yaml') continue;
      const document = parseDocument(slice.text, YAML_PARSE_OPTIONS);
      if (document.errors.length === 0) yield { name, index: slice.index, document };
    }
  }
}

const jsonNumbers = (_: string, value: unknown) => (value instanceof JsonNumber ? `#${value.text}` : value);

function decodeGoNodeOrError(document: Document.Parsed): unknown {
  try {
    return decodeGoNode(goNodeOf(document));
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Scalars and keys whose resolution is go-yaml's own: YAML 1.1 booleans, octal and binary, timestamps, repeated keys, lone surrogates. */
const plainEdgeCases = [
  'a: yes\nb: No\nc: on\nd: ~\ne: 0o17\nf: 017\ng: 0b101\nh: 1_000\ni: .5\nj: -.inf\nk: 1e3\nl: 2001-12-14\nm: 0x1F\nn: +12\no:\np: ""\nq: "1"\n',
  'x: 1\ny: 2\nx: 3\n"1": a\nb: c\n',
  'key: "\ud800"\nplain: a\udc00b\n',
  '- 9223372036854775807\n- 9223372036854775808\n- 18446744073709551616\n- 1.0\n- 3.0e-5\n- .nan\n',
  'block: |\n  text\nfolded: >-\n  more\n  text\n',
  '2001-12-14: date key\ntrue: bool key\n',
  '- 500m\n- 1Gi\n- 0x1F\n- 0X1f\n- 0o17\n- 0O17\n- 0b101\n- -0b101\n- 1e3\n- 1.5e+3\n- 1_000\n- 0x_1F\n- 12:30\n- 2001-12-14t21:59:43.10-05:00\n- 1.\n- -.5\n- +0\n- 08\n- 0xG\n',
].map((text, i) => ({ name: `edge ${i}`, text }));

test('the cheap test for LimitRanges, quotas and classes answers as the one regular expression it replaces', () => {
  const expression = /\bkind:\s*["']?(LimitRange|ResourceQuota|PriorityClass|RuntimeClass)\b/;
  const edge = [
    'kind: LimitRange\n',
    'kind:LimitRange',
    'kind:\n  ResourceQuota\n',
    'kind: "PriorityClass"\n',
    "kind: 'RuntimeClass'\n",
    'kind: \u00a0LimitRange\n',
    'akind: LimitRange\n',
    '_kind: LimitRange\n',
    '-kind: LimitRange\n',
    'kind: LimitRanges\n',
    'kind: LimitRange-x\n',
    'kind: Pod\nkind: kind: LimitRange\n',
    'kind: ResourceQuotaList\n',
    'kind: RuntimeClass',
    '',
    'kind:',
  ];
  const texts = [benchSample, ...edge, ...goldenCases().map((c) => c.text), ...realManifests.map((m) => m.text)];
  const admission = path.resolve(__dirname, '../../../test/data/admission');
  for (const name of readdirSync(admission)) {
    const file = path.join(admission, name);
    if (statSync(file).isFile()) texts.push(readFileSync(file, 'utf8'));
  }
  assert.deepEqual(
    texts.map((t) => mayHoldClusterObjects(t)),
    texts.map((t) => expression.test(t)),
  );
  assert.ok(texts.filter((t) => expression.test(t)).length >= 6);
});

test('an edit hands over the detail of the document it analyzed: the one a hover would rebuild, for that document only', () => {
  const documents = new IncrementalDocuments(benchSample);
  const options = { node: defaultNode };
  documents.fileResult(options);
  const kept: { detail: DocumentDetail; result: DocumentResult }[] = [];
  documents.keepDetail = (detail, result) => kept.push({ detail, result });
  const at = benchSample.indexOf('cpu: ', benchSample.length >> 1) + 5;
  const end = benchSample.indexOf('\n', at);
  const text = benchSample.slice(0, at) + '321m' + benchSample.slice(end);
  documents.applyChange(text, { start: at, end, newEnd: at + 4 });
  const file = documents.fileResult(options);
  assert.equal(kept.length, 1);
  const [{ detail, result }] = kept;
  assert.equal(result, file.documents[documents.indexAt(at)]);
  assert.equal(detail.findings, result.findings, 'the cache key of the result');
  assert.equal(detailFingerprint(detail), detailFingerprint(redetailDocument(result, options)));
  assert.ok(detail.slice.text.includes('cpu: 321m'));
});

test('a value whose numbers are all as kubectl prints them skips the unstructured decoding, and nothing else does', () => {
  const cases: [string, boolean][] = [
    ['kind: A\na: 1\nb: -20\nc: x\nd: 0\ne: 123456789012345\n', true],
    ['kind: A\nports:\n- 80\n- 443\n', true],
    ['kind: A\na: 0x1F\n', false],
    ['kind: A\na: 1.5\n', false],
    ['kind: A\na: +3\n', false],
    ['kind: A\na: 007\n', false],
    ['kind: A\na: 1_000\n', false],
    ['kind: A\na: 1234567890123456\n', false],
    ['kind: A\na: 1e3\n', false],
  ];
  for (const [text, asPrinted] of cases) {
    const result = kubectlValue(parseDocument(text, YAML_PARSE_OPTIONS), 'yaml');
    assert.ok(result.ok, text);
    assert.equal(result.numbersAsPrinted, asPrinted, text);
    const raw = () => JSON.stringify(result.value);
    // Either way, the objects are the ones the unstructured decoding gives.
    assert.deepEqual(kubectlObjects(result.value, raw, 'FILE', asPrinted), kubectlObjects(result.value, raw, 'FILE', false), text);
  }
});
