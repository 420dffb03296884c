/** Loading and dependency processing, on the charts and expectations of Helm's pkg/chartutil tests (dependencies_test.go). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'path';
import { type LoadedChart } from '../../../../server/src/sources/helm/chart/chart';
import { processDependencyEnabled, processDependencyImportValues } from '../../../../server/src/sources/helm/chart/dependencies';
import { loadChart } from '../../../../server/src/sources/helm/chart/loader';
import { fromPlain, type HelmMap, pathValue } from '../../../../server/src/sources/helm/chart/values';
import { DiskFileSystem, repositoryRoot } from './disk';

const fs = new DiskFileSystem(join(repositoryRoot, 'test/data/helm/chart/chartutil'));

function chartPath(chart: LoadedChart): string {
  return chart.parent ? `${chartPath(chart.parent)}.${chart.metadata.name}` : chart.metadata.name;
}

function chartNames(chart: LoadedChart): string[] {
  const out: string[] = [];
  const visit = (c: LoadedChart): void => {
    out.push(chartPath(c));
    c.dependencies.forEach(visit);
  };
  visit(chart);
  return out.sort();
}

const enabledCases: [string, unknown, string[]][] = [
  [
    'tags with no effect',
    { tags: { nothinguseful: false } },
    ['parentchart', 'parentchart.subchart1', 'parentchart.subchart1.subcharta', 'parentchart.subchart1.subchartb'],
  ],
  ['tags disabling a group', { tags: { 'front-end': false } }, ['parentchart']],
  [
    'tags disabling a group and enabling a different group',
    { tags: { 'front-end': false, 'back-end': true } },
    ['parentchart', 'parentchart.subchart2', 'parentchart.subchart2.subchartb', 'parentchart.subchart2.subchartc'],
  ],
  [
    'tags disabling only children, children still enabled since tag front-end=true in values.yaml',
    { tags: { subcharta: false, subchartb: false } },
    ['parentchart', 'parentchart.subchart1', 'parentchart.subchart1.subcharta', 'parentchart.subchart1.subchartb'],
  ],
  [
    'tags disabling all parents/children with additional tag re-enabling a parent',
    { tags: { 'front-end': false, subchart1: true, 'back-end': false } },
    ['parentchart', 'parentchart.subchart1'],
  ],
  [
    'conditions enabling the parent charts, but back-end (b, c) is still disabled via values.yaml',
    { subchart1: { enabled: true }, subchart2: { enabled: true } },
    ['parentchart', 'parentchart.subchart1', 'parentchart.subchart1.subcharta', 'parentchart.subchart1.subchartb', 'parentchart.subchart2'],
  ],
  ['conditions disabling the parent charts, effectively disabling children', { subchart1: { enabled: false }, subchart2: { enabled: false } }, ['parentchart']],
  [
    "conditions a child using the second condition path of child's condition",
    { subchart1: { subcharta: { enabled: false } } },
    ['parentchart', 'parentchart.subchart1', 'parentchart.subchart1.subchartb'],
  ],
  [
    'tags enabling a parent/child group with condition disabling one child',
    { subchart2: { subchartc: { enabled: false } }, tags: { 'back-end': true } },
    [
      'parentchart',
      'parentchart.subchart1',
      'parentchart.subchart1.subcharta',
      'parentchart.subchart1.subchartb',
      'parentchart.subchart2',
      'parentchart.subchart2.subchartb',
    ],
  ],
  [
    'tags will not enable a child if parent is explicitly disabled with condition',
    { subchart1: { enabled: false }, tags: { 'front-end': true } },
    ['parentchart'],
  ],
  [
    'subcharts with alias also respect conditions',
    { subchart1: { enabled: false }, subchart2alias: { enabled: true, subchartb: { enabled: true } } },
    ['parentchart', 'parentchart.subchart2alias', 'parentchart.subchart2alias.subchartb'],
  ],
];

for (const [name, values, expected] of enabledCases) {
  test(`dependency enabled: ${name}`, () => {
    const chart = loadChart(fs, '/subpop');
    processDependencyEnabled(chart, fromPlain(values) as HelmMap, '');
    assert.deepEqual(chartNames(chart), expected);
  });
}

const importExpectations: Record<string, string> = {
  'imported-chart1.SC1bool': 'true',
  'imported-chart1.SC1float': '3.14',
  'imported-chart1.SC1int': '100',
  'imported-chart1.SC1string': 'dollywood',
  'imported-chart1.SC1extra1': '11',
  'imported-chart1.SPextra1': 'helm rocks',
  'imported-chartA.SCAbool': 'false',
  'imported-chartA.SCAfloat': '3.1',
  'imported-chartA.SCAint': '55',
  'imported-chartA.SCAstring': 'jabba',
  'imported-chartA.SPextra3': '1.337',
  'imported-chartA.SC1extra2': '1.337',
  'imported-chartA.SCAnested1.SCAnested2': 'true',
  'imported-chartA-B.SCAbool': 'false',
  'imported-chartA-B.SCAfloat': '3.1',
  'imported-chartA-B.SCAint': '55',
  'imported-chartA-B.SCAstring': 'jabba',
  'imported-chartA-B.SCBbool': 'true',
  'imported-chartA-B.SCBfloat': '7.77',
  'imported-chartA-B.SCBint': '33',
  'imported-chartA-B.SCBstring': 'boba',
  'imported-chartA-B.SPextra5': 'k8s',
  'imported-chartA-B.SC1extra5': 'tiller',
  'overridden-chart1.SC1bool': 'false',
  'overridden-chart1.SC1float': '3.141592',
  'overridden-chart1.SC1int': '99',
  'overridden-chart1.SC1string': 'pollywog',
  'overridden-chart1.SPextra2': '42',
  'overridden-chartA.SCAbool': 'true',
  'overridden-chartA.SCAfloat': '41.3',
  'overridden-chartA.SCAint': '808',
  'overridden-chartA.SCAstring': 'jabberwocky',
  'overridden-chartA.SPextra4': 'true',
  'overridden-chartA-B.SCAbool': 'true',
  'overridden-chartA-B.SCAfloat': '41.3',
  'overridden-chartA-B.SCAint': '808',
  'overridden-chartA-B.SCAstring': 'jabberwocky',
  'overridden-chartA-B.SCBbool': 'false',
  'overridden-chartA-B.SCBfloat': '1.99',
  'overridden-chartA-B.SCBint': '77',
  'overridden-chartA-B.SCBstring': 'jango',
  'overridden-chartA-B.SPextra6': '111',
  'overridden-chartA-B.SCAextra1': '23',
  'overridden-chartA-B.SCBextra1': '13',
  'overridden-chartA-B.SC1extra6': '77',
  SCBexported1B: '1965',
  SC1extra7: 'true',
  SCBexported2A: 'blaster',
  'global.SC1exported2.all.SC1exported3': 'SC1expstr',
};

function pathString(values: HelmMap, path: string): string | undefined {
  const value = pathValue(values, path);
  if (!value || value.kind !== 'scalar') return undefined;
  return String(value.value);
}

test('import-values: imported, overridden and exported values (coalescing)', () => {
  const chart = loadChart(fs, '/subpop');
  processDependencyImportValues(chart, false);
  for (const [path, expected] of Object.entries(importExpectations)) assert.equal(pathString(chart.values, path), expected, path);
  assert.equal(pathValue(chart.values, 'ensurenull'), undefined);
});

test('import-values: merging keeps nulls', () => {
  const chart = loadChart(fs, '/subpop');
  processDependencyImportValues(chart, true);
  const value = pathValue(chart.values, 'ensurenull');
  assert.ok(value && value.kind === 'scalar' && value.value === null);
});

test('import-values: precedence over three levels (user > parent > imported > subchart)', () => {
  const chart = loadChart(fs, '/three-level-dependent-chart/umbrella');
  processDependencyImportValues(chart, true);
  const expected: Record<string, string> = {
    'app1.service.port': '3456',
    'app2.service.port': '8080',
    'app3.service.port': '9090',
    'app4.service.port': '1234',
  };
  for (const [path, value] of Object.entries(expected)) assert.equal(pathString(chart.values, path), value, path);
});

test('import-values from the enabled one of two aliased subcharts', () => {
  const chart = loadChart(fs, '/import-values-from-enabled-subchart/parent-chart');
  processDependencyImportValues(chart, true);
  assert.equal(chart.dependencies.length, 2);
  processDependencyEnabled(chart, chart.values, '');
  assert.equal(chart.dependencies.length, 1);
  assert.equal(chart.metadata.dependencies.length, 1);
  assert.equal(pathString(chart.dependencies[0].values, 'nameOverride'), 'parent-chart-prod');
});

test('aliases: the same chart twice under two names', () => {
  const chart = loadChart(fs, '/dependent-chart-alias');
  assert.equal(chart.dependencies.length, 2);
  processDependencyEnabled(chart, chart.values, '');
  assert.deepEqual(chart.dependencies.map((d) => d.metadata.name).sort(), ['alpine', 'mariners1', 'mariners2']);
  assert.equal(chart.metadata.dependencies.length, 3);
});

test('a chart directory and its archive load the same files', () => {
  const directory = loadChart(fs, '/frobnitz');
  const archive = loadChart(fs, '/frobnitz-1.2.3.tgz');
  const summary = (chart: LoadedChart): unknown => ({
    name: chart.metadata.name,
    templates: chart.templates.map((t) => t.name).sort(),
    files: chart.files.map((f) => f.name).sort(),
    dependencies: chart.dependencies.map((d) => summary(d)),
    values: JSON.stringify([...chart.values.entries.keys()].sort()),
  });
  assert.deepEqual(summary(archive), summary(directory));
  assert.equal(directory.metadata.name, 'frobnitz');
  assert.ok(directory.dependencies.length >= 2);
});

test('.helmignore hides files and subchart directories', () => {
  const chart = loadChart(fs, '/dependent-chart-helmignore');
  assert.deepEqual(
    chart.dependencies.map((d) => d.metadata.name),
    ['alpine'],
  );
  assert.ok(!chart.templates.some((t) => t.name.includes('.') && t.name.split('/').pop()!.startsWith('.')));
});
