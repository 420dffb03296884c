/**
 * The block composer builds exactly the `yaml` package's parse, or declines:
 * a table of the shapes it takes and the ones it leaves to the package, and
 * every document of the repository's test data and examples compared node by
 * node (classes, ranges, values, styles, formats, blank-line flags, markers).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, parseDocument, YAMLMap } from 'yaml';
import { composeBlockDocument, knowsCoreSchema } from '../../../server/src/engine/reading/block-composer';
import { YAML_PARSE_OPTIONS } from '../../../server/src/engine/reading/careful';
import { nodeFactory } from '../../../server/src/engine/reading/composed-nodes';
import { frameKubectlFile } from '../../../server/src/engine/reading/reader';
import { parseDifference } from './same-parse';

const repoRoot = path.resolve(__dirname, '../../../..');

function check(text: string): 'fast' | 'declined' {
  const ours = composeBlockDocument(text);
  if (!ours) return 'declined';
  const difference = parseDifference(ours, parseDocument(text, YAML_PARSE_OPTIONS));
  assert.equal(difference, null, `${JSON.stringify(text)}: ${difference}`);
  return 'fast';
}

const taken: [string, string][] = [
  [
    'scalars of every core type',
    'a: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 007\nf: 1.50\ng: 1e3\nh: .inf\ni: -.Inf\nj: .nan\nk: ~\nl: null\nm: True\nn: FALSE\no: yes\np: 1_000\n',
  ],
  ['strings that look like numbers in YAML 1.1 only', 'a: 0777\nb: 1:20\nc: +12\nd: 0b101\ne: 2019-01-01\n'],
  ['quoted scalars', "a: \"1\"\nb: 'x''y'\nc: \"\"\nd: ''\ne: \"a # b\"\nf: 'c: d'\n"],
  ['quoted keys', '"a": 1\n\'b c\': 2\n"": 3\n'],
  ['numeric and boolean keys', '1: a\ntrue: b\n~: c\n'],
  ['nested mappings and blank lines', 'a:\n  b: 1\n\n  c:\n    d: x\n\n\ne: 2\n'],
  ['sequences in both indentations', 'a:\n- x\n- y\nb:\n  - 1\n  -   2\nc: 3\n'],
  ['compact mappings and sequences in sequences', '- name: a\n  image: b\n\n  env:\n  - name: c\n    value: d\n- - x\n  - y\n-\n  k: v\n'],
  ['empty values', 'a:\nb:   \nc: x\nd:\n  - \n  - e\n'],
  ['empty flow collections', 'a: []\nb: {}\nc:\n- []\n- {}\n'],
  ['trailing spaces', 'a: 1   \nb:  \n  c: x  \n'],
  ['a document marker and blank lines', '---\n\n\na: 1\n\n\n'],
  ['a marker with spaces', '--- \na: 1\n'],
  ['leading blank lines without a marker', '\n\na: 1\n'],
  ['no final line break', 'a:\n  b: c'],
  ['plain scalars with indicators inside', 'a: b:c\nb: x,y [z] {w}\nc: 50%\nd: a#b\ne: "*"\nf: -Xmx512m\ng: http://h:80/p?q=1&r=*\nh: 0 */6 * * *\n'],
  ['unicode text', 'a: größe\nb: "日本"\n'],
  ['a top-level sequence', '- a\n- b: 1\n'],
  ['comments after the marker (Helm writes its `# Source:` there)', '---\n# Source: chart/templates/a.yaml\na: 1\n'],
  ['comments and blank lines after the marker', '---\n\n# one  \n#\n  #two\n\n\n# three\n\na: 1\n'],
];

const declined: [string, string][] = [
  ['a comment', 'a: 1 # one\n'],
  ['a comment line', '# c\na: 1\n'],
  ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a block scalar', 'a: |\n  x\n'],
  ['a multi-line plain scalar', 'a: b\n  c\n'],
  ['a multi-line quoted scalar', 'a: "b\n  c"\n'],
  ['an escape', 'a: "\\t"\n'],
  ['a flow sequence', 'a: [1, 2]\n'],
  ['a flow mapping', 'a: {b: 1}\n'],
  ['a tab', 'a:\tb\n'],
  ['a CR', 'a: 1\r\nb: 2\r\n'],
  ['a space before the colon', 'a : 1\n'],
  ['an explicit key', '? a\n: 1\n'],
  ['an empty document', '---\n'],
  ['content on the marker line', '--- a: 1\n'],
  ['a scalar document', 'hello\n'],
  ['an indented root', '  a: 1\n'],
  ['a sequence on the key line', 'a: - b\n'],
  ['a mapping on the value line', 'a: b: c\n'],
  ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
  ['a lone dash', 'a:\n-\n- b\n'],
  ['a document ending in an empty value', 'a: 1\nb:\n'],
  ['a key over the length limit', `${'k'.repeat(1100)}: 1\n`],
  ['a key of a sequence at the mapping indentation', 'a: 1\n- b\n'],
  ['a document end marker', 'a: 1\n...\n'],
];

test('the block composer builds the package parse of the block subset', () => {
  for (const [name, text] of taken) assert.equal(check(text), 'fast', name);
});

test('the core schema of the installed yaml package is the one the composer knows', () => {
  // If an upgrade changes the schema's tests, the composer still runs them all; this says its shortcut is off.
  assert.equal(knowsCoreSchema(), true);
});

test("the installed yaml package's nodes are the ones the composer makes without their constructors", () => {
  // If an upgrade changes how the package marks its nodes, the composer uses the constructors; this says its shortcut is off.
  assert.notEqual(nodeFactory(new Document().schema), null);
});

test("a composed document works with the package's own operations as the package's parse does", () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {}\nspec:\n  containers:\n  - name: app\n    image: x\n    args: []\n';
  const ours = composeBlockDocument(text)!;
  const theirs = parseDocument(text, YAML_PARSE_OPTIONS);
  assert.ok(ours);
  assert.equal(ours.toString(), theirs.toString());
  assert.deepEqual(ours.toJS(), theirs.toJS());
  assert.equal(parseDifference(ours.clone() as Document.Parsed, theirs.clone() as Document.Parsed), null);
  for (const doc of [ours, theirs]) {
    doc.setIn(['spec', 'containers', 0, 'resources'], doc.createNode({ limits: { cpu: '1' } }));
    doc.setIn(['metadata', 'labels', 'app'], 'web');
    doc.deleteIn(['spec', 'containers', 0, 'args']);
  }
  assert.equal(ours.toString(), theirs.toString());
  assert.equal(ours.getIn(['spec', 'containers', 0, 'resources', 'limits', 'cpu']), '1');
  const pod = ours.get('spec') as YAMLMap;
  assert.ok(isMap(pod) && pod instanceof YAMLMap && pod.constructor === YAMLMap);
  assert.deepEqual(Object.keys(pod), ['items', 'range']);
});

test('the block composer leaves everything else to the package', () => {
  for (const [name, text] of declined) assert.equal(check(text), 'declined', name);
});

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(full, out);
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(full);
  }
  return out;
}

test('every document of the test data and examples: the same parse, or declined', () => {
  let fast = 0;
  let documents = 0;
  for (const file of [...yamlFiles(path.join(repoRoot, 'test/data')), ...yamlFiles(path.join(repoRoot, 'examples'))]) {
    const text = readFileSync(file, 'utf8');
    for (const document of frameKubectlFile(text).documents) {
      documents++;
      if (check(document.text) === 'fast') fast++;
    }
  }
  // Most of these are plain block manifests; the rest have comments, block scalars, flow collections or are made to be odd.
  assert.ok(documents > 10000 && fast > documents / 3, `${fast} of ${documents} documents composed`);
});

test('every document of the benchmark sample is composed', () => {
  const text = readFileSync(path.join(repoRoot, 'test/data/perf/bench-60.yaml'), 'utf8');
  const documents = frameKubectlFile(text).documents.filter((d) => d.text.trim() !== '' && !d.text.trimStart().startsWith('#'));
  assert.ok(documents.length >= 60);
  for (const document of documents) assert.equal(check(document.text), 'fast', document.text.slice(0, 80));
});
