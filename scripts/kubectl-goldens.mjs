#!/usr/bin/env node
// Golden files for the kubectl reader (server/src/engine/reading): what kubectl v1.32 decodes from a file.
//
//   node scripts/kubectl-goldens.mjs corpus                 write the synthetic cases and the mutations of the real manifests
//   node scripts/kubectl-goldens.mjs import GIT_DIR NAME REGEX   copy the manifests of a repository mirror (a bare git directory) into cases/real/NAME
//   node scripts/kubectl-goldens.mjs goldens [--kubectl PATH] [--only SUBSTRING]   run kubectl over every case, write goldens.json
//
// kubectl reads a file with `kubectl patch --local -f FILE --type=merge -p '{}' -o json`: the same resource.Builder
// (Unstructured, ContinueOnError, FilenameParam, Flatten) as `kubectl apply -f` and `kubectl annotate --local`, and an
// empty merge patch leaves each decoded object as it was (annotate would add an annotation). No cluster is needed.
//
// A golden is { objects: [compact JSON text, number tokens as kubectl printed them], stderr, status }: the objects kubectl
// printed, in order, and its error output with the file's path replaced by FILE.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(repo, 'test/data/kubectl-read');
const casesDir = join(dataDir, 'cases');

// ---------------------------------------------------------------- synthetic cases

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
const sp = (n) => ' '.repeat(n);

/** name → text (a string, or bytes for encodings) */
function syntheticCases() {
  const cases = new Map();
  const add = (name, text) => {
    if (cases.has(name)) throw new Error(`duplicate case ${name}`);
    cases.set(name, text);
  };

  // ---- flow collections over several lines, at every indentation
  // Each context: the text before the flow's opening bracket, and the column of the key that holds it.
  const flowContexts = [
    { id: 'map2', head: POD + 'spec:\n  command: ', keyCol: 2 },
    { id: 'seqitem4', head: POD + 'spec:\n  containers:\n  - name: a\n    command: ', keyCol: 4 },
    { id: 'seqitem6', head: POD + 'spec:\n  containers:\n    - name: a\n      args: ', keyCol: 6 },
    { id: 'seqentry', head: POD + 'spec:\n  list:\n  - ', keyCol: 2 },
    { id: 'top', head: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\ndata: ', keyCol: 0 },
    { id: 'deep8', head: POD + 'spec:\n  a:\n    b:\n      c:\n        d: ', keyCol: 8 },
  ];
  const indents = (keyCol) => [...new Set([0, Math.max(0, keyCol - 1), keyCol, keyCol + 1, keyCol + 2, keyCol + 8])];
  for (const c of flowContexts) {
    for (const ind of indents(c.keyCol)) {
      const i = sp(ind);
      add(`flow/dq-seq/${c.id}/i${ind}-close-inline`, `${c.head}["sh", "-c",\n${i}"echo hello; sleep 3600"]\n`);
      add(`flow/dq-seq/${c.id}/i${ind}-close-own-line`, `${c.head}["sh", "-c",\n${i}"echo hello",\n${i}]\n`);
      add(`flow/dq-seq/${c.id}/i${ind}-close-col0`, `${c.head}["sh",\n${i}"-c",\n]\n`);
      add(`flow/plain-seq/${c.id}/i${ind}`, `${c.head}[a, b,\n${i}c, d]\n`);
      add(`flow/sq-seq/${c.id}/i${ind}`, `${c.head}['a',\n${i}'b']\n`);
      add(`flow/map/${c.id}/i${ind}`, `${c.head}{a: 1,\n${i}b: two}\n`);
      add(`flow/nested/${c.id}/i${ind}`, `${c.head}[[a, b],\n${i}{c: [d,\n${i}e]}]\n`);
      add(`flow/first-line-empty/${c.id}/i${ind}`, `${c.head}[\n${i}"a",\n${i}"b"\n${i}]\n`);
    }
    add(`flow/comment-inside/${c.id}`, `${c.head}[a, # first\n# at column 0\n  b]\n`);
    add(`flow/blank-line-inside/${c.id}`, `${c.head}[a,\n\n b]\n`);
    add(`flow/tab-indent-inside/${c.id}`, `${c.head}[a,\n\tb]\n`);
    add(`flow/tab-before-close/${c.id}`, `${c.head}[a, b\n\t]\n`);
    add(`flow/map-multiline-key/${c.id}`, `${c.head}{a: 1, b:\n 2}\n`);
    add(`flow/dq-inside-multiline/${c.id}`, `${c.head}["a\nb", c]\n`);
    add(`flow/plain-inside-multiline/${c.id}`, `${c.head}[a\nb, c]\n`);
    add(`flow/unclosed/${c.id}`, `${c.head}[a, b\n`);
    add(`flow/unclosed-then-key/${c.id}`, `${c.head}[a, b\nnext: 1\n`);
    add(`flow/trailing-comma/${c.id}`, `${c.head}[a, b,]\n`);
    add(`flow/double-comma/${c.id}`, `${c.head}[a, , b]\n`);
    add(`flow/content-after-close/${c.id}`, `${c.head}[a, b] c\n`);
    add(`flow/comment-after-close/${c.id}`, `${c.head}[a, b] # c\n`);
    add(`flow/comment-adjacent/${c.id}`, `${c.head}[a, b]# c\n`);
    add(`flow/dash-at-col0-inside/${c.id}`, `${c.head}[a,\n- b]\n`);
    add(`flow/doc-marker-inside/${c.id}`, `${c.head}[a,\n...\n b]\n`);
    add(`flow/key-then-next/${c.id}`, `${c.head}[a,\n  b]\n${sp(c.keyCol)}next: 1\n`);
  }
  add(
    'flow/example-dashboard',
    POD + 'spec:\n  initContainers:\n  - name: init\n    image: busybox\n    command: ["sh", "-c",\n    "echo hello; sleep 3600"]\n',
  );
  add('flow/json-like-adjacent', CM + 'data: {"a":"1","b":"2"}\n');
  add('flow/plain-colon-adjacent', CM + 'data: {a:1, b:2}\n');
  add('flow/url-in-seq', CM + 'data:\n  a: [http://x.io/a, "b"]\n');
  add('flow/single-pair-in-seq', CM + 'data:\n  a: [b: c, d]\n');
  add('flow/question-in-flow', CM + 'data:\n  a: [? b : c]\n');
  add('flow/empty', CM + 'data:\n  a: []\n  b: {}\n');
  add('flow/as-key', CM + 'data:\n  [a, b]: c\n');
  add('flow/map-as-key', CM + 'data:\n  {a: b}: c\n');
  add('flow/whole-document', '{apiVersion: v1, kind: ConfigMap,\nmetadata: {name: t},\ndata: {a: "1"}}\n');
  add('flow/whole-document-indented', '{apiVersion: v1, kind: ConfigMap,\n    metadata: {name: t},\n  data: {a: "1"}\n  }\n');
  add('flow/anchor-in-flow', CM + 'data:\n  a: [&x b, *x]\n');
  add('flow/colon-after-quoted', CM + 'data: {"a" :1}\n');
  add('flow/deep-nesting', CM + 'data:\n  a: ' + '['.repeat(50) + ']'.repeat(50) + '\n');
  add('flow/long-implicit-key', CM + 'data: {' + 'k'.repeat(1100) + ': v}\n');
  add('flow/seq-long-implicit-key', CM + 'data:\n  a: [' + 'k'.repeat(1100) + ': v]\n');

  // ---- quoted scalars over several lines
  const quotedContexts = [
    { id: 'map2', head: CM + 'data:\n  a: ', keyCol: 2 },
    { id: 'top', head: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\nspec: ', keyCol: 0 },
    { id: 'seq', head: CM + 'data:\n  a:\n  - ', keyCol: 2 },
    { id: 'seq-indented', head: CM + 'spec:\n  a:\n    - ', keyCol: 4 },
    { id: 'deep6', head: CM + 'spec:\n  a:\n    b:\n      c: ', keyCol: 6 },
  ];
  for (const c of quotedContexts) {
    for (const ind of indents(c.keyCol)) {
      const i = sp(ind);
      add(`quoted/dq/${c.id}/i${ind}`, `${c.head}"first\n${i}second"\n`);
      add(`quoted/sq/${c.id}/i${ind}`, `${c.head}'first\n${i}second'\n`);
      add(`quoted/dq-three-lines/${c.id}/i${ind}`, `${c.head}"one\n${i}two\n${i}three"\n`);
      add(`quoted/dq-blank-line/${c.id}/i${ind}`, `${c.head}"one\n\n${i}two"\n`);
      add(`quoted/sq-blank-line/${c.id}/i${ind}`, `${c.head}'one\n\n${i}two'\n`);
      add(`quoted/dq-escaped-break/${c.id}/i${ind}`, `${c.head}"one\\\n${i}two"\n`);
      add(`quoted/dq-trailing-spaces/${c.id}/i${ind}`, `${c.head}"one   \n${i}  two"\n`);
    }
    add(`quoted/dq-tab-continuation/${c.id}`, `${c.head}"one\n\ttwo"\n`);
    add(`quoted/sq-tab-continuation/${c.id}`, `${c.head}'one\n\ttwo'\n`);
    add(`quoted/dq-unclosed/${c.id}`, `${c.head}"one\n`);
    add(`quoted/dq-unclosed-then-key/${c.id}`, `${c.head}"one\nnext: 1\n`);
    add(`quoted/dq-doc-end-inside/${c.id}`, `${c.head}"one\n...\ntwo"\n`);
    add(`quoted/dq-content-after/${c.id}`, `${c.head}"one" two\n`);
    add(`quoted/dq-then-next-key/${c.id}`, `${c.head}"one\n  two"\n${sp(c.keyCol)}next: x\n`);
  }
  add('quoted/dq-as-multiline-key', CM + 'data:\n  "a\n  b": c\n');
  add(
    'quoted/sq-json-annotation',
    POD + 'metadata:\n  name: p\n  annotations:\n    x: \'[\n        {\n            "name": "install"\n        }\n    ]\'\nspec: {}\n',
  );
  add(
    'quoted/sq-json-annotation-col0',
    POD.replace('metadata:\n  name: p\n', '') + 'metadata:\n  name: p\n  annotations:\n    x: \'[\n{\n"name": "install"\n}\n]\'\n',
  );

  // ---- escapes in double-quoted scalars
  const escapes = {
    basic: '\\t\\n\\r\\\\\\"',
    zero: '\\0',
    bell: '\\a\\b\\e\\f\\v',
    space: '\\ ',
    tab: '\\\t',
    slash: '\\/',
    squote: "\\'",
    x: '\\x41\\xe9\\x7f',
    u: '\\u00e9\\u263A',
    U: '\\U0001F600',
    N: '\\N',
    nbsp: '\\_',
    L: '\\L',
    P: '\\P',
    surrogate: '\\ud800',
    pair: '\\ud83d\\ude00',
    toobig: '\\U00110000',
    badhex: '\\xZZ',
    unknown: '\\q',
    shortu: '\\u12',
  };
  for (const [name, esc] of Object.entries(escapes)) add(`escape/${name}`, CM + `data:\n  a: "x${esc}y"\n`);
  add('escape/sq-doubled', CM + "data:\n  a: 'it''s'\n");
  add('escape/sq-backslash', CM + "data:\n  a: 'a\\nb'\n");
  add('escape/plain-backslash', CM + 'data:\n  a: a\\nb\n');

  // ---- plain scalars over several lines
  const plainContexts = [
    { id: 'map2', head: CM + 'data:\n  a: ', keyCol: 2 },
    { id: 'top', head: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\nspec: ', keyCol: 0 },
    { id: 'seq', head: CM + 'data:\n  a:\n  - ', keyCol: 2 },
    { id: 'seq-indented', head: CM + 'spec:\n  a:\n    - ', keyCol: 4 },
  ];
  for (const c of plainContexts) {
    for (const ind of indents(c.keyCol)) {
      const i = sp(ind);
      add(`plain/two-lines/${c.id}/i${ind}`, `${c.head}first\n${i}second\n`);
      add(`plain/blank-line/${c.id}/i${ind}`, `${c.head}first\n\n${i}second\n`);
      add(`plain/with-colon/${c.id}/i${ind}`, `${c.head}first\n${i}second: x\n`);
    }
    add(`plain/tab-continuation/${c.id}`, `${c.head}first\n\tsecond\n`);
    add(`plain/comment-between/${c.id}`, `${c.head}first\n  # c\n  second\n`);
    add(`plain/hash-inside/${c.id}`, `${c.head}a#b c #d\n`);
  }
  add('plain/colon-no-space', CM + 'data:\n  a: b:c\n');
  add('plain/colon-space-in-value', CM + 'data:\n  a: b: c\n');
  add('plain/starts-with-dash', CM + 'data:\n  a: -b\n  c: - d\n');
  add('plain/starts-with-question', CM + 'data:\n  a: ?b\n');
  add('plain/starts-with-colon', CM + 'data:\n  a: :b\n');
  add('plain/starts-with-at', CM + 'data:\n  a: @b\n');
  add('plain/starts-with-backtick', CM + 'data:\n  a: `b\n');
  add('plain/starts-with-percent', CM + 'data:\n  a: "%b"\n  b: %c\n');
  add('plain/trailing-spaces', CM + 'data:\n  a: b   \n  c: d\t\n');
  add('plain/dash-in-flow', CM + 'data:\n  a: [-b, - c]\n');

  // ---- block scalars
  const blockBodies = {
    literal: '|\n  line1\n  line2\n',
    folded: '>\n  line1\n  line2\n\n  line3\n',
    'folded-more-indented': '>\n  a\n    b\n  c\n\n    d\n  e\n',
    strip: '|-\n  a\n\n',
    keep: '|+\n  a\n\n\n',
    'keep-folded': '>+\n  a\n  b\n\n',
    'indicator-1': '|1\n   a\n  b\n',
    'indicator-2': '|2\n    a\n   b\n',
    'indicator-4': '|4\n      a\n',
    'indicator-9': '|9\n           a\n',
    'indicator-strip': '|2-\n    a\n',
    'strip-indicator': '|-2\n    a\n',
    'indicator-0': '|0\n  a\n',
    'leading-blank-lines': '|\n\n\n  a\n',
    'leading-more-indented-blank': '|\n      \n  a\n',
    'leading-spaces-less': '|\n \n  a\n',
    'comment-header': '| # a comment\n  a\n',
    'bad-header': '| x\n  a\n',
    'tab-content': '|\n  a\tb\n  \tc\n',
    'tab-indent': '|\n\ta\n',
    'content-less-indented': '|\n    a\n  b: c\n',
    empty: '|\n',
    'empty-then-key': '|\nb: c\n',
    'hash-line': '|\n  # not a comment\n  a\n',
    'trailing-spaces': '|\n  a  \n  b\n',
    'folded-spaces-lines': '>\n  a\n   \n  b\n',
    'doc-marker-like': '|\n  ---\n  ...\n',
  };
  for (const [name, body] of Object.entries(blockBodies)) {
    add(`block/${name}/map2`, CM + 'data:\n  a: ' + body);
    add(`block/${name}/seq`, CM + 'data:\n  a:\n  - ' + body.replace(/\n {2}/g, '\n    '));
  }
  add('block/top-level-value', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\nspec: |\n  a\n  b\n');
  add('block/top-level-col0-content', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\nspec: |\na\n');
  add('block/at-end-without-newline', CM + 'data:\n  a: |\n    x');
  add('block/keep-at-end-of-chunk', CM + 'data:\n  a: |+\n    x\n\n\n---\n' + CM);
  add('block/indicator-deeper-parent', CM + 'data:\n  a:\n    b: |2\n        x\n');
  add('block/literal-crlf', (CM + 'data:\n  a: |\n    x\n    y\n').replace(/\n/g, '\r\n'));
  add('block/folded-crlf', (CM + 'data:\n  a: >\n    x\n    y\n\n    z\n').replace(/\n/g, '\r\n'));

  // ---- scalar resolution (values and keys)
  const scalars = [
    '0',
    '1',
    '-1',
    '+1',
    '007',
    '0o17',
    '0O17',
    '0x1F',
    '0X1f',
    '0b101',
    '0B11',
    '-0b11',
    '-0x10',
    '+0x10',
    '1_000',
    '1__0',
    '_1',
    '1_',
    '0x_1',
    '0b1_0',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775808',
    '-9223372036854775809',
    '18446744073709551615',
    '18446744073709551616',
    '99999999999999999999999',
    '09',
    '08.5',
    '0.1',
    '.5',
    '-.5',
    '+.5',
    '1.',
    '1.0',
    '-0',
    '-0.0',
    '1e3',
    '1E3',
    '1e+3',
    '1e-3',
    '1.5e3',
    '1e400',
    '-1e400',
    '1e-400',
    '4.9e-324',
    '1e21',
    '1e20',
    '1e-7',
    '123456789.123456789',
    '.5_0',
    '1_0.5',
    '1.5_0',
    '._5',
    '.e5',
    '.',
    '..',
    '.5e3_0',
    '0.5e',
    '1e',
    '+',
    '-',
    '0x',
    '0o',
    '0b',
    '1:20',
    '1:20:30',
    '190:20:30',
    '12e',
    '0e0',
    '.inf',
    '.Inf',
    '.INF',
    '+.inf',
    '-.inf',
    '-.Inf',
    '.nan',
    '.NaN',
    '.NAN',
    '.iNf',
    'inf',
    'nan',
    'Infinity',
    '-Infinity',
    'NaN',
    'y',
    'Y',
    'yes',
    'Yes',
    'YES',
    'yEs',
    'n',
    'N',
    'no',
    'No',
    'NO',
    'true',
    'True',
    'TRUE',
    'tRue',
    'false',
    'False',
    'FALSE',
    'on',
    'On',
    'ON',
    'off',
    'Off',
    'OFF',
    'oN',
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    '',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 -5',
    '2001-12-15T02:59:43.1Z',
    '2001-13-45',
    '2001-1-2',
    '1234-5',
    '20011214',
    '<<',
    '=',
    'hello',
    '~x',
    'y2',
    'n/a',
    '0.0.1',
    '1.2.3',
    '100m',
    '1Gi',
    '1e3m',
  ];
  const valueLines = scalars.map((s, i) => `  v${String(i).padStart(3, '0')}: ${s}`).join('\n');
  add('resolve/values', CM.replace('ConfigMap', 'Thing') + 'spec:\n' + valueLines + '\n');
  const quotedLines = scalars.map((s, i) => `  q${String(i).padStart(3, '0')}: "${s}"`).join('\n');
  add('resolve/values-quoted', CM.replace('ConfigMap', 'Thing') + 'spec:\n' + quotedLines + '\n');
  add(
    'resolve/values-in-seq',
    CM.replace('ConfigMap', 'Thing') +
      'spec:\n  list:\n' +
      scalars
        .filter((s) => s !== '')
        .map((s) => `  - ${s}`)
        .join('\n') +
      '\n',
  );
  // Each value alone too: one that kubectl refuses (an infinity, a bare '-') takes only its own case down.
  for (const [i, s] of scalars.entries()) add(`resolve/value/${String(i).padStart(3, '0')}`, CM.replace('ConfigMap', 'Thing') + `spec:\n  v: ${s}\n`);
  // Keys are resolved too, then turned back into strings; each key alone, so that no two collide in a Go map.
  for (const [i, s] of scalars.entries()) {
    if (s === '' || s === '<<') continue;
    add(`resolve/key/${String(i).padStart(3, '0')}`, CM.replace('ConfigMap', 'Thing') + `spec:\n  ${s}: x\n`);
  }
  const tagged = [
    '!!str 12',
    '!!str true',
    '!!str ~',
    '!!int "12"',
    "!!int '0x1F'",
    '!!int 12',
    '!!int 1.5',
    '!!int x',
    '!!float 1',
    '!!float "1.5"',
    '!!float x',
    '!!bool yes',
    '!!bool "true"',
    '!!bool 1',
    '!!null ~',
    '!!null x',
    '!!null ""',
    '!!timestamp 2001-12-14',
    '!!timestamp x',
    '!!binary aGVsbG8=',
    '!!binary "aGVs\\nbG8="',
    '!!binary bad!',
    '!!binary |\n    aGVs\n    bG8=',
    '! 12',
    '! true',
    '!foo 12',
    '!foo true',
    '!<tag:yaml.org,2002:str> 12',
    '!<!bar> 12',
    '!!map {a: 1}',
    '!!seq [a]',
    '!!str [a]',
    '!!int {a: 1}',
    '!!merge <<',
    '!!foo x',
    '!e!x 1',
    '!!str',
    '!',
    '!!null',
    '!!int',
    '!!bool',
    '!!float',
  ];
  for (const [i, t] of tagged.entries()) add(`resolve/tag/${String(i).padStart(2, '0')}`, CM.replace('ConfigMap', 'Thing') + `spec:\n  v: ${t}\n`);
  add('resolve/tag-on-key', CM.replace('ConfigMap', 'Thing') + 'spec:\n  !!str 1: a\n  !!int "2": b\n');
  add('resolve/tag-directive', '%TAG !e! tag:example.com,2000:\n---\n' + CM);
  add(
    'resolve/float-keys',
    CM.replace('ConfigMap', 'Thing') +
      'spec:\n  1.5: a\n  0.1: b\n  3.14159265358979: c\n  1e6: d\n  1.0: e\n  100000000.0: f\n  1e-5: g\n  .inf: h\n  -.inf: i\n  .nan: j\n',
  );
  add('resolve/int-keys', CM.replace('ConfigMap', 'Thing') + 'spec:\n  1: a\n  0x10: b\n  -5: c\n  9223372036854775807: d\n');
  add('resolve/uint-key', CM.replace('ConfigMap', 'Thing') + 'spec:\n  18446744073709551615: a\n');
  add('resolve/bool-keys', CM.replace('ConfigMap', 'Thing') + 'spec:\n  yes: a\n  off: b\n');
  add('resolve/null-key', CM.replace('ConfigMap', 'Thing') + 'spec:\n  ~: a\n');
  add('resolve/empty-key', CM.replace('ConfigMap', 'Thing') + 'spec:\n  : a\n');
  add('resolve/null-key-flow', CM.replace('ConfigMap', 'Thing') + 'spec: {null: a}\n');
  add('resolve/complex-key', CM.replace('ConfigMap', 'Thing') + 'spec:\n  ? [a, b]\n  : c\n');
  add('resolve/complex-key-map', CM.replace('ConfigMap', 'Thing') + 'spec:\n  ? {a: b}\n  : c\n');
  add('resolve/explicit-key-scalar', CM.replace('ConfigMap', 'Thing') + 'spec:\n  ? a\n  : b\n  ? c\n');
  add('resolve/nan-value', CM.replace('ConfigMap', 'Thing') + 'spec:\n  a: .nan\n');
  add('resolve/inf-value', CM.replace('ConfigMap', 'Thing') + 'spec:\n  a: -.inf\n');
  add('resolve/nan-key-value-ok', CM.replace('ConfigMap', 'Thing') + 'spec:\n  .nan: a\n');
  add('resolve/duplicate-keys', CM + 'data:\n  a: "1"\n  a: "2"\n  b: x\n  b:\n    c: d\n');
  add('resolve/duplicate-top-kind', CM + 'kind: Secret\n');
  add('resolve/long-key-1024', CM + 'data:\n  ' + 'k'.repeat(1020) + ': v\n');
  add('resolve/long-key-1030', CM + 'data:\n  ' + 'k'.repeat(1030) + ': v\n');
  add('resolve/long-quoted-key', CM + 'data:\n  "' + 'k'.repeat(1030) + '": v\n');

  // ---- anchors, aliases, merge keys
  const T = CM.replace('ConfigMap', 'Thing');
  add('anchor/simple', T + 'spec:\n  a: &x hello\n  b: *x\n');
  add('anchor/map', T + 'spec:\n  a: &x {p: 1, q: 2}\n  b: *x\n');
  add('anchor/undefined', T + 'spec:\n  b: *nope\n');
  add('anchor/forward', T + 'spec:\n  b: *x\n  a: &x 1\n');
  add('anchor/redefined', T + 'spec:\n  a: &x 1\n  b: &x 2\n  c: *x\n');
  add('anchor/name-dot', T + 'spec:\n  a: &x.y 1\n  b: *x.y\n');
  add('anchor/name-dash-underscore', T + 'spec:\n  a: &x-y_z 1\n  b: *x-y_z\n');
  add('anchor/name-unicode', T + 'spec:\n  a: &é 1\n  b: *é\n');
  add('anchor/name-colon', T + 'spec:\n  a: &x: 1\n');
  add('anchor/alias-as-key', T + 'spec:\n  a: &k key\n  *k : v\n');
  add('anchor/alias-as-key-no-space', T + 'spec:\n  a: &k key\n  *k: v\n');
  add('anchor/on-key', T + 'spec:\n  &k a: 1\n  b: *k\n');
  add('anchor/self-recursive', T + 'spec:\n  a: &x [1, *x]\n');
  add('anchor/across-documents', T + 'spec:\n  a: &x 1\n---\n' + T + 'spec:\n  b: *x\n');
  add('anchor/empty-name', T + 'spec:\n  a: & 1\n');
  add('anchor/anchor-and-tag', T + 'spec:\n  a: &x !!str 1\n  b: !!str &y 2\n  c: *x\n  d: *y\n');
  add('anchor/on-empty', T + 'spec:\n  a: &x\n  b: *x\n');
  add('merge/before', T + 'spec:\n  <<: {a: m, b: m}\n  a: x\n');
  add('merge/after', T + 'spec:\n  a: x\n  <<: {a: m, b: m}\n');
  add('merge/alias', T + 'base: &b {a: 1, b: 2}\nspec:\n  <<: *b\n  b: 3\n');
  add('merge/list', T + 'one: &o {a: 1}\ntwo: &t {a: 2, b: 2}\nspec:\n  <<: [*o, *t]\n  c: 3\n');
  add('merge/list-after', T + 'one: &o {a: 1}\ntwo: &t {a: 2, b: 2}\nspec:\n  a: 0\n  <<: [*o, *t]\n');
  add('merge/scalar', T + 'spec:\n  <<: 1\n');
  add('merge/alias-scalar', T + 'x: &s 1\nspec:\n  <<: *s\n');
  add('merge/list-with-scalar', T + 'one: &o {a: 1}\nspec:\n  <<: [*o, 2]\n');
  add('merge/quoted', T + 'spec:\n  "<<": {a: 1}\n');
  add('merge/tagged', T + 'spec:\n  !!merge <<: {a: 1}\n');
  add('merge/str-tagged', T + 'spec:\n  !!str <<: {a: 1}\n');
  add('merge/nested', T + 'spec:\n  <<: {a: {x: 1}}\n  a: {y: 2}\n');
  add('merge/twice', T + 'spec:\n  <<: {a: 1}\n  <<: {a: 2, b: 2}\n');
  add('merge/null', T + 'spec:\n  <<: ~\n');
  add('merge/in-flow', T + 'spec: {<<: {a: 1}, b: 2}\n');
  add('merge/top-level', 'base: &b {apiVersion: v1, kind: ConfigMap}\n<<: *b\nmetadata: {name: t}\n');
  add(
    'merge/k8s-containers',
    POD +
      'x-common: &common\n  image: nginx\n  imagePullPolicy: Always\nspec:\n  containers:\n  - <<: *common\n    name: a\n  - <<: *common\n    name: b\n    image: busybox\n',
  );
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const p = String.fromCharCode(97 + i - 1);
    const n = String.fromCharCode(97 + i);
    laughs.push(`${n}: &${n} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
  }
  add('anchor/billion-laughs', T + laughs.join('\n') + '\n');
  add('anchor/many-aliases-ok', T + 'a: &a [1, 2, 3]\nspec:\n' + Array.from({ length: 40 }, (_, i) => `  k${i}: *a`).join('\n') + '\n');

  // ---- tabs
  add('tab/indent', CM + 'data:\n\ta: x\n');
  add('tab/after-dash', CM + 'data:\n  a:\n  -\tx\n');
  add('tab/after-colon', CM + 'data:\n  a:\tx\n');
  add('tab/after-colon-block', CM + 'data:\n  a:\t|\n    x\n');
  add('tab/after-question', CM + 'data:\n  ?\ta\n  : b\n');
  add('tab/in-plain', CM + 'data:\n  a: x\ty\n');
  add('tab/before-comment', CM + 'data:\n  a: x\t# c\n');
  add('tab/only-line', CM + 'data:\n  a: x\n\t\n  b: y\n');
  add('tab/after-indent-spaces', CM + 'data:\n  \ta: x\n');
  add('tab/key-separator', CM + 'data:\n  a\t: x\n');
  add('tab/after-key-tab-space', CM + 'data:\n  a: \tx\n');
  add('tab/in-flow', CM + 'data:\n  a: [\tx,\ty\t]\n');
  add('tab/dq-continuation', CM + 'data:\n  a: "x\n\t\ty"\n');
  add('tab/after-dash-space', CM + 'data:\n  a:\n  - \tx\n');
  add('tab/before-dash', CM + 'data:\n  a:\n\t- x\n');
  add('tab/after-doc-start', '---\t\n' + CM);
  add('tab/comment-line', CM + '\t# comment\ndata:\n  a: x\n');

  // ---- BOMs and encodings
  const utf8 = (s) => Buffer.from(s, 'utf8');
  const bom8 = Buffer.from([0xef, 0xbb, 0xbf]);
  add('bom/utf8-start', Buffer.concat([bom8, utf8(CM + 'data:\n  a: é\n')]));
  add('bom/utf8-second-doc', Buffer.concat([utf8(CM + '---\n'), bom8, utf8(CM.replace('name: t', 'name: u'))]));
  add('bom/utf8-mid-line', Buffer.concat([utf8(CM + 'data:\n  a: x'), bom8, utf8('y\n')]));
  add('bom/utf8-twice', Buffer.concat([bom8, bom8, utf8(CM)]));
  add('bom/utf8-json', Buffer.concat([bom8, utf8('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t"}}\n')]));
  add('bom/utf8-line-start', Buffer.concat([utf8(CM + 'data:\n'), bom8, utf8('  a: x\n')]));
  const utf16le = (s) => Buffer.from(s, 'utf16le');
  const utf16be = (s) => {
    const b = Buffer.from(s, 'utf16le');
    for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
    return b;
  };
  const text16 = CM + 'data:\n  a: "é 😀"\n';
  add('bom/utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text16)]));
  add('bom/utf16be', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text16)]));
  add('bom/utf16le-no-bom', utf16le(text16));
  add('bom/utf16le-json', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t"}}')]));
  add('bom/invalid-utf8', Buffer.concat([utf8(CM + 'data:\n  a: x'), Buffer.from([0xff, 0xc3]), utf8('y\n')]));
  add('bom/nel-break', CM + 'data:\n  a: x\u0085  b: y\n');
  add('bom/ls-in-plain', CM + 'data:\n  a: x\u2028y\n');
  add('bom/ls-in-dq', CM + 'data:\n  a: "x\u2028y"\n');
  add('bom/nbsp-value', CM + 'data:\n  a: \u00a0x\n');
  add('bom/control-char', CM + 'data:\n  a: x\u0001y\n');
  add('bom/del-char', CM + 'data:\n  a: x\u007fy\n');
  add('bom/c1-char', CM + 'data:\n  a: x\u0090y\n');
  add('bom/nul-char', CM + 'data:\n  a: x\u0000y\n');
  add('bom/fffe-char', CM + 'data:\n  a: x\ufffey\n');
  add('bom/control-in-dq', CM + 'data:\n  a: "x\u0007y"\n');
  add('bom/control-in-comment', CM + '# x\u0001\n');
  add('bom/control-later-doc', CM + '---\n' + CM + 'data:\n  a: x\u0001\n');
  add('bom/vt-ff', CM + 'data:\n  a: x\u000b\u000cy\n');

  // ---- line breaks
  const crlf = (s) => s.replace(/\n/g, '\r\n');
  add('crlf/whole-file', crlf(CM + 'data:\n  a: x\n  b: "y\n    z"\n---\n' + CM));
  add('crlf/mixed', CM + 'data:\r\n  a: x\n  b: y\r\n');
  add('crlf/lone-cr', CM + 'data:\r  a: x\r');
  add('crlf/cr-cr-lf', CM + 'data:\n  a: x\r\r\n  b: y\n');
  add('crlf/cr-in-dq', CM + 'data:\n  a: "x\r\n\r\n  y"\n');
  add('crlf/cr-in-plain', CM + 'data:\n  a: x\ry\n');
  add('crlf/separator-crlf', crlf(CM + '---\n' + CM.replace('name: t', 'name: u')));
  add('crlf/json', crlf('{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "t"}\n}\n'));
  add('crlf/no-final-newline', CM + 'data:\n  a: x');
  add('crlf/trailing-cr', CM + 'data:\n  a: x\r');

  // ---- document markers and directives
  const D2 = CM.replace('name: t', 'name: u');
  add('doc/leading-marker', '---\n' + CM);
  add('doc/trailing-marker', CM + '---\n');
  add('doc/trailing-marker-no-newline', CM + '---');
  add('doc/consecutive-markers', CM + '---\n---\n---\n' + D2);
  add('doc/marker-comment', CM + '--- # next\n' + D2);
  add('doc/marker-spaces', CM + '---   \n' + D2);
  add('doc/marker-tab', CM + '---\t\n' + D2);
  add('doc/four-dashes', CM + '----\n' + D2);
  add('doc/marker-text', CM + '---x\n' + D2);
  add('doc/marker-block', CM + '--- |\n  text\n' + D2);
  add('doc/marker-flow', CM + '--- {a: 1}\n' + D2);
  add('doc/marker-tag', CM + '--- !!map\n' + D2);
  add('doc/marker-anchor', CM + '--- &a\n' + D2);
  add('doc/marker-indented', CM + ' ---\n' + D2);
  add('doc/marker-inside-block', CM + 'data:\n  a: |\n    x\n---\n    y\n' + D2);
  add('doc/marker-in-dq', CM + 'data:\n  a: "x\n---\n  y"\n');
  add('doc/end-marker', CM + '...\n');
  add('doc/end-marker-between', CM + '...\n---\n' + D2);
  add('doc/end-marker-content-after', CM + '...\n' + D2);
  add('doc/end-marker-garbage-after', CM + '...\n: : [ {\n');
  add('doc/end-marker-comment', CM + '... # end\n---\n' + D2);
  add('doc/end-marker-text', CM + '...x\n');
  add('doc/end-marker-then-marker-text', CM + '...\n--- x\n');
  add('doc/end-marker-only', '...\n');
  add('doc/end-marker-first', '...\n' + CM);
  add('doc/end-then-directive', CM + '...\n%YAML 1.1\n');
  add('doc/directive-yaml11', '%YAML 1.1\n---\n' + CM);
  add('doc/directive-yaml12', '%YAML 1.2\n---\n' + CM);
  add('doc/directive-no-marker', '%YAML 1.1\n' + CM);
  add('doc/directive-unknown', '%FOO bar\n---\n' + CM);
  add('doc/directive-second-doc', CM + '---\n%YAML 1.1\n---\n' + D2);
  add('doc/percent-in-value', CM + 'data:\n  a: 100%\n');
  add('doc/only-markers', '---\n---\n');
  add('doc/marker-with-bom', '\ufeff---\n' + CM);
  add('doc/three-dots-value', CM + 'data:\n  a: ...\n');
  add('doc/dashes-value', CM + 'data:\n  a: ---\n');
  add('doc/dashes-in-seq', CM + 'data:\n  a:\n  - ---\n');

  // ---- comments
  add('comment/only', '# just a comment\n');
  add('comment/docs', '# c\n---\n# c2\n---\n' + CM + '---\n# trailing\n');
  add('comment/after-values', CM + 'data: # c\n  a: x # c\n  b: "y" # c\n');
  add('comment/adjacent-dq', CM + 'data:\n  a: "y"# c\n');
  add('comment/adjacent-sq', CM + "data:\n  a: 'y'# c\n");
  add('comment/adjacent-flow', CM + 'data:\n  a: [y]# c\n');
  add('comment/adjacent-flow-map', CM + 'data:\n  a: {b: y}# c\n');
  add('comment/hash-in-plain', CM + 'data:\n  a: y#c\n');
  add('comment/col0-in-block', CM + 'data:\n  a: |\n    x\n# c\n    y\n');
  add('comment/indented-in-block', CM + 'data:\n  a: |\n    x\n  # c\n    y\n');
  add('comment/after-block-header', CM + 'data:\n  a: |  # c\n    x\n');
  add('comment/adjacent-block-header', CM + 'data:\n  a: |# c\n    x\n');
  add('comment/after-anchor', CM + 'data:\n  a: &x # c\n    b\n');
  add('comment/after-dash', CM + 'data:\n  a:\n  - # c\n    b\n');

  // ---- empty and odd documents
  add('empty/file', '');
  add('empty/newline', '\n');
  add('empty/spaces', '   \n\n  \n');
  add('empty/null-doc', 'null\n');
  add('empty/tilde-doc', '~\n---\n' + CM);
  add('empty/scalar-doc', 'hello\n---\n' + CM);
  add('empty/number-doc', '42\n');
  add('empty/seq-doc', '- a\n- b\n');
  add('empty/flow-seq-doc', '[' + JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 't' } }) + ']\n');
  add('empty/empty-map', '{}\n');
  add('empty/between', CM + '---\n\n---\n' + D2);
  add('empty/quoted-empty', '""\n');
  add('kind/missing', 'apiVersion: v1\nmetadata:\n  name: t\n');
  add('kind/missing-apiversion', 'kind: ConfigMap\nmetadata:\n  name: t\n');
  add('kind/not-string', 'apiVersion: v1\nkind: 5\nmetadata:\n  name: t\n');
  add('kind/empty-string', 'apiVersion: v1\nkind: ""\nmetadata:\n  name: t\n');
  add('kind/null', 'apiVersion: v1\nkind:\nmetadata:\n  name: t\n');
  add('kind/apiversion-number', 'apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: t\n');
  add('kind/metadata-scalar', 'apiVersion: v1\nkind: ConfigMap\nmetadata: 5\n');
  add('kind/missing-then-valid', 'apiVersion: v1\nmetadata:\n  name: t\n---\n' + D2 + '---\nfoo: bar\n---\n' + CM);
  add('kind/missing-escapes', 'apiVersion: v1\nmetadata:\n  name: "<a&b>\u2028é"\n  n: 1.0\n  f: 1.5\n  big: 18446744073709551615\n');
  add('kind/namespace', CM.replace('name: t\n', 'name: t\n  namespace: prod\n'));

  // ---- metadata: kubectl decodes it as ObjectMeta before anything else
  const metaBodies = {
    'name-number': 'name: 5',
    'name-list': 'name: [t]',
    'labels-number-value': 'name: t\n  labels: {a: 1}',
    'labels-list': 'name: t\n  labels: [a]',
    'labels-null-value': 'name: t\n  labels: {a: null}',
    'annotations-bool': 'name: t\n  annotations: {a: true}',
    'case-other-key': 'name: t\n  Name: 5',
    'generation-float': 'name: t\n  generation: 1.5',
    'generation-big': 'name: t\n  generation: 99999999999999999999',
    'generation-string': 'name: t\n  generation: "1"',
    'grace-string': 'name: t\n  deletionGracePeriodSeconds: "5"',
    'owner-uid-number': 'name: t\n  ownerReferences: [{uid: 5}]',
    'owner-controller-string': 'name: t\n  ownerReferences: [{controller: "x"}]',
    'owner-not-list': 'name: t\n  ownerReferences: {uid: a}',
    'finalizers-number': 'name: t\n  finalizers: [1]',
    'managed-time-number': 'name: t\n  managedFields: [{fieldsV1: 5, time: 3}]',
    'two-errors-first-wins': 'name: t\n  namespace: 5\n  uid: 6',
    'ts-null': 'name: t\n  creationTimestamp: null',
    'ts-ok': 'name: t\n  creationTimestamp: "2020-01-01T00:00:00Z"',
    'ts-fraction-offset': 'name: t\n  creationTimestamp: "2020-01-01T00:00:00.123+01:00"',
    'ts-lowercase-t': 'name: t\n  creationTimestamp: "2020-01-01t00:00:00Z"',
    'ts-lowercase-z': 'name: t\n  creationTimestamp: "2020-01-01T00:00:00z"',
    'ts-month': 'name: t\n  creationTimestamp: "2020-13-01T00:00:00Z"',
    'ts-day': 'name: t\n  creationTimestamp: "2020-02-30T00:00:00Z"',
    'ts-hour': 'name: t\n  creationTimestamp: "2020-01-01T25:00:00Z"',
    'ts-one-digit-hour': 'name: t\n  creationTimestamp: "2020-01-01T1:00:00Z"',
    'ts-date-only': 'name: t\n  creationTimestamp: "2020-01-01"',
    'ts-extra': 'name: t\n  creationTimestamp: "2020-01-01T00:00:00Z x"',
    'ts-number': 'name: t\n  creationTimestamp: 5',
    'ts-plain-timestamp': 'name: t\n  creationTimestamp: 2020-01-01T00:00:00Z',
    'deletion-ts-bad': 'name: t\n  deletionTimestamp: "x"',
  };
  for (const [name, body] of Object.entries(metaBodies)) add(`meta/${name}`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  ${body}\n`);
  add('meta/metadata-null', 'apiVersion: v1\nkind: ConfigMap\nmetadata: null\n');
  add('meta/metadata-list', 'apiVersion: v1\nkind: ConfigMap\nmetadata: []\n');
  add('meta/apiversion-number', 'apiVersion: 1\nkind: ConfigMap\n');
  add('meta/list-metadata-bad', 'apiVersion: v1\nkind: List\nmetadata: {resourceVersion: 7}\nitems: []\n');
  add('meta/list-item-metadata-bad', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: 5}\n');

  // ---- Lists
  const item = (k, n) => `- apiVersion: v1\n  kind: ${k}\n  metadata:\n    name: ${n}\n`;
  add('list/kind-list', 'apiVersion: v1\nkind: List\nitems:\n' + item('ConfigMap', 'a') + item('Secret', 'b'));
  add('list/kind-list-empty', 'apiVersion: v1\nkind: List\nitems: []\n');
  add('list/kind-list-null-items', 'apiVersion: v1\nkind: List\nitems:\n');
  add('list/kind-list-map-items', 'apiVersion: v1\nkind: List\nitems: {a: 1}\n');
  add('list/kind-list-scalar-item', 'apiVersion: v1\nkind: List\nitems:\n- 5\n' + item('ConfigMap', 'a'));
  add('list/kind-list-no-items', 'apiVersion: v1\nkind: List\n');
  add('list/kind-list-item-no-kind', 'apiVersion: v1\nkind: List\nitems:\n- metadata:\n    name: a\n' + item('ConfigMap', 'b'));
  add(
    'list/podlist-items-no-kind',
    'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: a\n  spec:\n    containers: []\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n',
  );
  add('list/podlist-item-apiversion-only', 'apiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v2\n  metadata:\n    name: a\n');
  add('list/podlist-item-kind-only', 'apiVersion: v1\nkind: PodList\nitems:\n- kind: Secret\n  metadata:\n    name: a\n');
  add(
    'list/nested-list',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n' +
      item('ConfigMap', 'inner').replace(/^/gm, '  ').trimEnd() +
      '\n' +
      item('Secret', 'outer'),
  );
  add('list/nested-list-no-kind', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - metadata:\n      name: inner\n');
  add('list/items-on-configmap', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\nitems:\n' + item('Secret', 'a'));
  add('list/items-not-list-on-configmap', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\nitems: 5\n');
  add('list/list-no-kind', 'items:\n' + item('ConfigMap', 'a'));
  add('list/list-metadata', 'apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: "7"\nitems:\n' + item('ConfigMap', 'a'));
  add(
    'list/json-list',
    JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
          { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'b' } },
        ],
      },
      null,
      2,
    ) + '\n',
  );
  add('list/json-podlist', JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a' } }] }) + '\n');
  add('list/list-then-object', 'apiVersion: v1\nkind: List\nitems:\n' + item('ConfigMap', 'a') + '---\n' + D2);
  add('list/custom-list-kind', 'apiVersion: example.com/v1\nkind: WidgetList\nitems:\n- metadata:\n    name: w\n');

  // ---- JSON streams
  const obj = (n, extra = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n }, ...extra });
  const j = (v) => JSON.stringify(v);
  add('json/one-compact', j(obj('a')) + '\n');
  add('json/one-no-newline', j(obj('a')));
  add('json/one-pretty', JSON.stringify(obj('a', { data: { x: '1' } }), null, 2) + '\n');
  add('json/one-pretty-4', JSON.stringify(obj('a', { data: { x: '1' } }), null, 4));
  add('json/jq-c-lines', [obj('a'), obj('b'), obj('c')].map(j).join('\n') + '\n');
  add('json/concatenated', [obj('a'), obj('b')].map(j).join(''));
  add('json/concatenated-pretty', [obj('a'), obj('b')].map((o) => JSON.stringify(o, null, 2)).join('\n'));
  add('json/concatenated-pretty-no-newline', [obj('a'), obj('b')].map((o) => JSON.stringify(o, null, 2)).join(''));
  add('json/comma-separated', [obj('a'), obj('b')].map(j).join(',\n'));
  add('json/array', JSON.stringify([obj('a'), obj('b')], null, 2) + '\n');
  add('json/array-compact', j([obj('a'), obj('b')]));
  add('json/leading-whitespace', '\n\n   \t' + j(obj('a')));
  add('json/leading-comment', '# exported\n' + JSON.stringify(obj('a'), null, 2));
  add('json/leading-comment-concatenated', '# exported\n' + [obj('a'), obj('b')].map(j).join('\n'));
  add('json/leading-nbsp', '\u00a0' + j(obj('a')));
  add('json/leading-ls', '\u2028' + j(obj('a')));
  add('json/leading-vt', '\u000b' + j(obj('a')));
  add('json/whitespace-4096', ' '.repeat(4100) + j(obj('a')));
  add('json/whitespace-4095', ' '.repeat(4095) + j(obj('a')));
  add('json/then-yaml', j(obj('a')) + '\n---\n' + D2);
  add('json/then-garbage', j(obj('a')) + '\nfoo\n');
  add('json/then-number', j(obj('a')) + ' 5');
  add('json/then-string', j(obj('a')) + ' "s"');
  add('json/then-null', j(obj('a')) + '\nnull\n' + j(obj('b')));
  add('json/then-array', j(obj('a')) + '\n[' + j(obj('b')) + ']');
  add('json/then-true', j(obj('a')) + ' true');
  add('json/truncated', j(obj('a')).slice(0, 30));
  add('json/truncated-second', j(obj('a')) + '\n' + j(obj('b')).slice(0, 30));
  add('json/trailing-comma', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},}');
  add('json/single-quotes', "{'apiVersion': 'v1', 'kind': 'ConfigMap'}");
  add('json/unquoted-keys', '{apiVersion: "v1", kind: "ConfigMap"}');
  add('json/comment-inside', '{"apiVersion": "v1", # c\n"kind": "ConfigMap"}');
  add('json/nan', '{"apiVersion": "v1", "kind": "ConfigMap", "x": NaN}');
  add(
    'json/numbers',
    '{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "a"}, "n": [1.0, 1e3, -0, 0.1, 1E2, 123456789012345678901234567890, 9223372036854775807, 9223372036854775808, -9223372036854775808, 1e21, 1e-7, 5e-324, 1.5]}',
  );
  add('json/number-overflow', '{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "a"}, "n": 1E400}');
  add('json/number-leading-zero', '{"apiVersion": "v1", "kind": "Thing", "n": 01}');
  add('json/number-plus', '{"apiVersion": "v1", "kind": "Thing", "n": +1}');
  add('json/number-dot', '{"apiVersion": "v1", "kind": "Thing", "n": 1.}');
  add(
    'json/strings',
    '{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "a"}, "s": ["\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\/", "\\b\\f\\n\\r\\t", "<&>", "\\u2028", "é😀"]}',
  );
  add('json/bad-escape', '{"apiVersion": "v1", "kind": "Thing", "s": "\\q"}');
  add('json/control-in-string', '{"apiVersion": "v1", "kind": "Thing", "s": "a\tb"}');
  add('json/newline-in-string', '{"apiVersion": "v1", "kind": "Thing", "s": "a\nb"}');
  add('json/duplicate-keys', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"x": "1", "x": "2"}, "kind": "Secret"}');
  add('json/missing-kind', '{"apiVersion": "v1",\n  "metadata": {"name": "a"}}\n' + j(obj('b')));
  add('json/deep', '{"apiVersion": "v1", "kind": "Thing", "x": ' + '['.repeat(200) + ']'.repeat(200) + '}');
  add('json/empty-object', '{}');
  add('json/empty-objects', '{}\n{}\n' + j(obj('a')));
  add('json/unicode-key', '{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "a"}, "é": 1}');
  add('json/long-key', '{"apiVersion": "v1", "kind": "Thing", "metadata": {"name": "a"}, "' + 'k'.repeat(1100) + '": 1}');
  add('json/tab-indented', '{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap",\n\t"metadata": {\n\t\t"name": "a"\n\t}\n}\n');
  add('json/crlf-concatenated', [obj('a'), obj('b')].map(j).join('\r\n') + '\r\n');
  add('json/yaml-after-object', j(obj('a')) + '\napiVersion: v1\n');
  add('json/top-level-array-of-lines', '[\n' + j(obj('a')) + ',\n' + j(obj('b')) + '\n]\n');
  add(
    'json/kubectl-get-list',
    JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [obj('a', { data: { k: 'v' } }), obj('b')] }, null, 4) + '\n',
  );
  add(
    'json/yaml-flow-style-after-comment',
    '# c\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}\n',
  );
  add('json/yaml-separated', j(obj('a')) + '\n---\n' + j(obj('b')) + '\n');
  add('json/leading-yaml-marker', '---\n' + j(obj('a')) + '\n');
  add('json/in-yaml-multiline', '# c\n{\n"apiVersion": "v1",\n"kind": "ConfigMap",\n"metadata": {\n"name": "a"\n}\n}\n');
  add('json/true-literal-bad', '{"apiVersion": "v1", "kind": "Thing", "b": tru}');
  add('json/missing-colon', '{"apiVersion" "v1"}');
  add('json/missing-comma', '{"apiVersion": "v1" "kind": "x"}');
  add('json/array-missing-comma', '{"apiVersion": "v1", "kind": "Thing", "a": [1 2]}');
  add('json/close-mismatch', '{"apiVersion": "v1", "kind": "Thing", "a": [1}');
  add('json/bom-mid', j(obj('a')) + '\n\ufeff' + j(obj('b')));
  add('json/nul-between', j(obj('a')) + '\u0000' + j(obj('b')));

  // ---- syntax errors (message and line fidelity)
  add('error/unclosed-dq', CM + 'data:\n  a: "x\n');
  add('error/unclosed-sq', CM + "data:\n  a: 'x\n");
  add('error/bad-indent-key', CM + 'data:\n  a: 1\n   b: 2\n');
  add('error/less-indent-key', CM + 'data:\n    a: 1\n  b: 2\n');
  add('error/value-after-value', CM + 'data:\n  a: b: c\n');
  add('error/seq-then-map', CM + 'data:\n  - a\n  b: c\n');
  add('error/map-then-seq', CM + 'data:\n  b: c\n  - a\n');
  add('error/key-without-colon', CM + 'data:\n  a\n  b: c\n');
  add('error/unclosed-flow-map', CM + 'data: {a: 1\n');
  add('error/close-without-open', CM + 'data: a]\n');
  add('error/stray-close-brace', CM + 'data:\n  a: }\n');
  add('error/at-sign', CM + 'data:\n  a: @x\n');
  add('error/second-doc-error', CM + '---\n' + CM + 'data:\n  a: "x\n---\n' + D2);
  add('error/error-then-valid', 'a: [\n---\n' + CM);
  add('error/after-error-in-same-doc', CM + 'data:\n  a: [\n  b: c\n  d: "x\n');
  add('error/dash-dash', CM + 'data:\n  - - - a\n  -- b\n');
  add('error/question-block', CM + 'data:\n  ? a\n  ? b\n  : c\n');
  add('error/anchor-after-value', CM + 'data:\n  a: x &y\n');
  add('error/alias-with-props', 'a: &x 1\nb: !!str *x\n');
  add('error/tag-unterminated', CM + 'data:\n  a: !<tag\n');
  add('error/tag-handle-undefined', CM + 'data:\n  a: !e!x 1\n');
  add('error/tab-in-block-indent', CM + 'data:\n  a: |\n    x\n\ty\n');
  add('error/block-entry-not-allowed', CM + 'data: - a\n');
  add('error/mapping-in-seq-value', CM + 'data:\n  - a: b\n    - c\n');
  add('error/deep-error-line', CM + 'data:\n' + Array.from({ length: 30 }, (_, i) => `  k${i}: v`).join('\n') + '\n  x: [\n');
  add('error/only-colon', ':\n');
  add('error/only-dash', '-\n');
  add('error/only-question', '?\n');
  add('error/bracket-doc', '[\n');
  add('error/quote-doc', '"\n');
  add('error/multi-errors-docs', 'kind: X\n---\napiVersion: v1\nmetadata: {}\n---\n"x\n');
  return cases;
}

// ---------------------------------------------------------------- mutations of the real manifests

/** A small deterministic generator (mulberry32), so that `corpus` always writes the same mutations. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mutations people make by hand (and tools make by accident): each returns new text, or null when it does not apply. */
const mutations = {
  // A flow sequence written over two lines, the continuation at the key's column (what editors auto-indent to).
  reflowFlow(text, rnd) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => [l, i]).filter(([l]) => /^\s*(- )?[\w.-]+: \[.*,.*\]\s*$/.test(l));
    if (candidates.length === 0) return null;
    const [line, index] = candidates[Math.floor(rnd() * candidates.length)];
    const comma = line.indexOf(',');
    const keyCol = line.search(/\S/) + (line.trimStart().startsWith('- ') ? 2 : 0);
    const indent = [0, keyCol, keyCol + 1, keyCol + 4][Math.floor(rnd() * 4)];
    lines.splice(index, 1, line.slice(0, comma + 1), ' '.repeat(indent) + line.slice(comma + 1).trimStart());
    return lines.join('\n');
  },
  // A long quoted string wrapped by hand.
  wrapQuoted(text, rnd) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => [l, i]).filter(([l]) => /: "[^"\\]* [^"\\]*"\s*$/.test(l));
    if (candidates.length === 0) return null;
    const [line, index] = candidates[Math.floor(rnd() * candidates.length)];
    const quote = line.indexOf('"');
    const space = line.indexOf(' ', quote + 2);
    if (space < 0 || space >= line.lastIndexOf('"')) return null;
    const keyCol = line.search(/\S/);
    const indent = [0, keyCol, keyCol + 2][Math.floor(rnd() * 3)];
    lines.splice(index, 1, line.slice(0, space), ' '.repeat(indent) + line.slice(space + 1));
    return lines.join('\n');
  },
  crlf: (text) => text.replace(/\r?\n/g, '\r\n'),
  bom: (text) => '\ufeff' + text,
  tabIndent(text, rnd) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => [l, i]).filter(([l]) => /^ {2,}\S/.test(l));
    if (candidates.length === 0) return null;
    const [line, index] = candidates[Math.floor(rnd() * candidates.length)];
    lines[index] = line.replace(/^ {2}/, '\t');
    return lines.join('\n');
  },
  dedentLine(text, rnd) {
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => [l, i]).filter(([l]) => /^ {2,}\S/.test(l));
    if (candidates.length === 0) return null;
    const [line, index] = candidates[Math.floor(rnd() * candidates.length)];
    lines[index] = line.slice(1 + Math.floor(rnd() * 2));
    return lines.join('\n');
  },
  toFlowMap(text, rnd) {
    // `resources:\n  limits:\n    cpu: 1` → `resources: {limits: {cpu: 1}}` spread over lines at the parent's column.
    const match = /^( *)(limits|requests|labels|matchLabels):\n((?:\1  [\w./-]+: [^\n]*\n)+)/m.exec(text);
    if (!match) return null;
    const indent = match[1];
    const pairs = match[3]
      .trimEnd()
      .split('\n')
      .map((l) => l.trim());
    const spread = [indent, '', ' '][Math.floor(rnd() * 3)];
    const body = pairs.join(',\n' + spread);
    return text.slice(0, match.index) + `${indent}${match[2]}: {${body}}\n` + text.slice(match.index + match[0].length);
  },
  documentEnd(text) {
    const at = text.indexOf('\n---\n');
    if (at < 0) return text + '...\n';
    return text.slice(0, at) + '\n...\n' + text.slice(at + 1);
  },
  truncate(text, rnd) {
    return text.slice(0, Math.floor(text.length * (0.3 + 0.6 * rnd())));
  },
  insertJunk(text, rnd) {
    const junk = ['"', "'", '[', '{', ': ', '- ', '\t', '&a ', '*a', '#', '!!int ', '|', '>'];
    const at = Math.floor(rnd() * text.length);
    return text.slice(0, at) + junk[Math.floor(rnd() * junk.length)] + text.slice(at);
  },
};

function realCases() {
  const root = join(casesDir, 'real');
  if (!existsSync(root)) return [];
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(casesDir, path));
    }
  };
  walk(root);
  return out;
}

function mutatedCases() {
  const cases = new Map();
  const real = realCases();
  const rnd = random(1032);
  const names = Object.keys(mutations);
  for (const [n, file] of real.entries()) {
    if (n % 2 === 1) continue; // every other real manifest: enough variety, fewer kubectl runs
    const text = readFileSync(join(casesDir, file), 'utf8');
    for (let k = 0; k < 2; k++) {
      const which = names[Math.floor(rnd() * names.length)];
      const mutated = mutations[which](text, rnd);
      if (mutated === null || mutated === text) continue;
      const base = file.replace(/^real\//, '').replace(/\.(ya?ml|json)$/, '');
      cases.set(`${base}.${which}.${k}`, mutated);
    }
  }
  return cases;
}

function writeCases(subdir, cases, extension) {
  const dir = join(casesDir, subdir);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of cases) {
    const path = join(dir, name + (extension ?? (name.startsWith('json/') ? '.json' : '.yaml')));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return cases.size;
}

// ---------------------------------------------------------------- import

function importRepository(gitDir, name, pattern) {
  const list = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (list.status !== 0) throw new Error(list.stderr);
  const regex = new RegExp(pattern);
  let count = 0;
  for (const path of list.stdout.split('\n').filter((p) => regex.test(p))) {
    const blob = spawnSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], { maxBuffer: 1 << 28 });
    if (blob.status !== 0 || blob.stdout.length > 64 * 1024) continue;
    const target = join(casesDir, 'real', name, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, blob.stdout);
    count++;
  }
  return count;
}

// ---------------------------------------------------------------- goldens

function allCases() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(casesDir, path));
    }
  };
  walk(casesDir);
  return out.sort();
}

/** kubectl's -o json output, a stream of indented objects, as a list of compact texts with every token kept as printed. */
function splitJsonStream(text) {
  const objects = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      current += c;
      if (c === '\\') current += text[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    current += c;
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        objects.push(current);
        current = '';
      }
    }
  }
  if (current !== '') throw new Error(`trailing output: ${current.slice(0, 80)}`);
  return objects;
}

function runGoldens(kubectl, only) {
  const goldensPath = join(dataDir, 'goldens.json');
  const previous = existsSync(goldensPath) ? JSON.parse(readFileSync(goldensPath, 'utf8')) : {};
  const version = spawnSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  const goldens = { kubectl: JSON.parse(version.stdout).clientVersion.gitVersion, cases: {} };
  const cases = allCases();
  let done = 0;
  for (const name of cases) {
    if (only && !name.includes(only)) {
      if (previous.cases?.[name]) goldens.cases[name] = previous.cases[name];
      continue;
    }
    const path = join(casesDir, name);
    const run = spawnSync(kubectl, ['patch', '--local', '-f', path, '--type=merge', '-p', '{}', '-o', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const stderr = run.stderr.split(path).join('FILE');
    goldens.cases[name] = { status: run.status, objects: splitJsonStream(run.stdout), stderr };
    if (++done % 50 === 0) process.stderr.write(`[goldens] ${done} of ${cases.length}\n`);
  }
  writeFileSync(goldensPath, JSON.stringify(goldens, null, 1) + '\n');
  process.stderr.write(`[goldens] ${Object.keys(goldens.cases).length} cases in ${relative(repo, goldensPath)} (${goldens.kubectl})\n`);
}

// ---------------------------------------------------------------- main

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'corpus': {
    const synthetic = writeCases('synthetic', syntheticCases());
    const mutated = writeCases('mutated', mutatedCases(), '.yaml');
    process.stderr.write(`[corpus] ${synthetic} synthetic cases, ${mutated} mutations of ${realCases().length} real manifests\n`);
    break;
  }
  case 'import': {
    const [gitDir, name, pattern] = rest;
    if (!gitDir || !name || !pattern) throw new Error('usage: import GIT_DIR NAME REGEX');
    process.stderr.write(`[import] ${importRepository(gitDir, name, pattern)} files into cases/real/${name}\n`);
    break;
  }
  case 'goldens': {
    let kubectl = 'kubectl';
    let only = null;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--kubectl') kubectl = rest[++i];
      else if (rest[i] === '--only') only = rest[++i];
      else throw new Error(`unknown argument ${rest[i]}`);
    }
    runGoldens(kubectl, only);
    break;
  }
  default:
    process.stderr.write('usage: node scripts/kubectl-goldens.mjs corpus | import GIT_DIR NAME REGEX | goldens [--kubectl PATH] [--only SUBSTRING]\n');
    process.exit(2);
}
