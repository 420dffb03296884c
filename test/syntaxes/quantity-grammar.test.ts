import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

// vscode-textmate is not a dependency, so the grammar's regexes run under JS RegExp.
// They are written in the subset where Oniguruma and JS agree (fixed-length
// lookbehind alternatives, no possessive quantifiers), which this also guards.
const root = path.resolve(__dirname, '../../..');
const grammarPath = path.join(root, 'syntaxes/kubernetes-quantities.tmLanguage.json');

interface Rule {
  match: string;
  name: string;
  captures: Record<string, { name: string }>;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as Grammar;
const rules = grammar.patterns.map(({ include }) => {
  const rule = grammar.repository[include.replace(/^#/, '')];
  assert.ok(rule, `pattern ${include} is defined`);
  return rule;
});

/** Every `key → number unit` the grammar highlights in a line, in order. */
function quantities(line: string): string[] {
  const found: { index: number; text: string }[] = [];
  for (const rule of rules) {
    const regex = new RegExp(rule.match, 'g');
    for (const match of line.matchAll(regex)) {
      const spans: Record<string, string> = {};
      match.forEach((text, group) => {
        const scope = rule.captures[String(group)]?.name;
        if (text !== undefined && scope) spans[scope.split(' ')[0]!] = (spans[scope.split(' ')[0]!] ?? '') + text;
      });
      const number = spans['constant.numeric.quantity.pod-lens'] ?? '';
      const unit = spans['keyword.other.unit.quantity.pod-lens'] ?? '';
      found.push({ index: match.index, text: `${spans['entity.name.tag.yaml']} → ${number}${unit ? ` ${unit}` : ''}` });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((item) => item.text);
}

test('the grammar is injected into YAML and spares comments and strings', () => {
  assert.equal(grammar.injectionSelector, 'L:source.yaml -comment -string');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const contribution = manifest.contributes?.grammars?.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.ok(contribution, 'package.json contributes the grammar');
  assert.deepEqual(contribution.injectTo, ['source.yaml']);
  assert.ok(fs.existsSync(path.join(root, contribution.path)));
});

test('quantities of resource keys are highlighted, number and unit apart', () => {
  const cases: [string, string[]][] = [
    ['          cpu: 250m', ['cpu → 250 m']],
    ['          memory: 64Mi', ['memory → 64 Mi']],
    ['          memory: "64Mi"', ['memory → 64 Mi']],
    ["          cpu: '0.5'   # half a core", ['cpu → 0.5']],
    ['          ephemeral-storage: 1.5Gi', ['ephemeral-storage → 1.5 Gi']],
    ['          hugepages-2Mi: 80Mi', ['hugepages-2Mi → 80 Mi']],
    ['          hugepages-1Gi: 2Gi', ['hugepages-1Gi → 2 Gi']],
    ['          cpu: 2e3', ['cpu → 2 e3']],
    ['          cpu: 1E-3', ['cpu → 1 E-3']],
    ['          cpu: .5', ['cpu → .5']],
    ['          cpu: 100n', ['cpu → 100 n']],
    ['          memory: 1k', ['memory → 1 k']],
    ['          cpu: 1', ['cpu → 1']],
    ['            storage: 20Gi', ['storage → 20 Gi']],
    ['    requests.cpu: "4"', ['requests.cpu → 4']],
    ['    limits.memory: 8Gi', ['limits.memory → 8 Gi']],
    ['      sizeLimit: 500Mi', ['sizeLimit → 500 Mi']],
    ['        - cpu: 2', ['cpu → 2']],
    ['        limits: {cpu: 250m, memory: 64Mi}', ['cpu → 250 m', 'memory → 64 Mi']],
    ['        limits: { cpu: 2e3, memory: "128Mi" }', ['cpu → 2 e3', 'memory → 128 Mi']],
    ['          cpu:   500m  ', ['cpu → 500 m']],
  ];
  for (const [line, expected] of cases) assert.deepEqual(quantities(line), expected, line);
});

test('other numbers and near-misses are left alone', () => {
  const lines = [
    '  replicas: 3',
    '      terminationGracePeriodSeconds: 45',
    '            containerPort: 8080',
    '          x-cpu: 5',
    '          max.cpu: 5',
    '          nvidia.com/gpu: 1',
    '          cpus: 2',
    '          memory: 1Gb', // not a quantity: the diagnostic says so, the colour should not pretend otherwise
    '          memory: 250mi',
    '          cpu: 1,', // block context: the scalar is "1,"
    '          cpu: 1#x', // a plain scalar, not a comment
    '          cpu: "1\'',
    '          cpu: 1 2',
    '          cpu: ',
    '          cpu:250m', // no space after the colon: a plain scalar, not a mapping
    '          args: ["--cpu", "2"]',
  ];
  for (const line of lines) assert.deepEqual(quantities(line), [], line);
});
