/**
 * Helm's own `helm template` goldens (cmd/helm/template_test.go and the
 * schema cases of install_test.go at v3.21.4), compared byte for byte: the
 * charts and outputs are Helm's test data under test/data/helm/chart/helm-testdata.
 * Helm's test harness reports Kubernetes v1.20.0, hence the kube version.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { type HelmOptions, renderChart } from '../../../../server/src/sources/helm/chart/render';
import { DiskFileSystem, repositoryRoot } from './disk';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions';

const sprig = sprigFunctions();

const root = join(repositoryRoot, 'test/data/helm/chart/helm-testdata');
const fs = new DiskFileSystem(root);
const subchart = '/testcharts/subchart';

// [name, chart, options, golden, wantError]
const cases: [string, string, HelmOptions, string, boolean][] = [
  ['check name', subchart, {}, 'template.txt', false],
  ['check set name', subchart, { set: ['service.name=apache'] }, 'template-set.txt', false],
  ['check values files', subchart, { values: ['testcharts/subchart/charts/subchartA/values.yaml'] }, 'template-values-files.txt', false],
  ['check name template', subchart, { nameTemplate: 'foobar-{{ b64enc "abc" | lower }}-baz' }, 'template-name-template.txt', false],
  ['check library chart', '/testcharts/lib-chart', {}, 'template-lib-chart.txt', true],
  ['check chart bad type', '/testcharts/chart-bad-type', {}, 'template-chart-bad-type.txt', true],
  [
    'check chart with dependency which is an app chart acting as a library chart',
    '/testcharts/chart-with-template-lib-dep',
    {},
    'template-chart-with-template-lib-dep.txt',
    false,
  ],
  [
    'check chart with dependency which is an app chart archive acting as a library chart',
    '/testcharts/chart-with-template-lib-archive-dep',
    {},
    'template-chart-with-template-lib-archive-dep.txt',
    false,
  ],
  ['check kube version', subchart, { kubeVersion: '1.16.0' }, 'template-with-kube-version.txt', false],
  ['check kube api versions', subchart, { apiVersions: ['helm.k8s.io/test'] }, 'template-with-api-version.txt', false],
  ['template with CRDs', subchart, { includeCrds: true }, 'template-with-crds.txt', false],
  ['template with show-only one', subchart, { showOnly: ['templates/service.yaml'] }, 'template-show-only-one.txt', false],
  [
    'template with show-only multiple',
    subchart,
    { showOnly: ['templates/service.yaml', 'charts/subcharta/templates/service.yaml'] },
    'template-show-only-multiple.txt',
    false,
  ],
  ['template with show-only glob', subchart, { showOnly: ['templates/subdir/role*'] }, 'template-show-only-glob.txt', false],
  ['sorted output of manifests', '/testcharts/object-order', {}, 'object-order.txt', false],
  ['chart with template with invalid yaml', '/testcharts/chart-with-template-with-invalid-yaml', {}, 'template-with-invalid-yaml.txt', true],
  ['template skip-tests', subchart, { skipTests: true }, 'template-skip-tests.txt', false],
  ['ensure nil/null values pass to subcharts delete values', '/testcharts/issue-9027', {}, 'issue-9027.txt', false],
  [
    'template with imported subchart values ensuring import',
    subchart,
    { set: ['configmap.enabled=true', 'subchartb.enabled=true'] },
    'template-subchart-cm.txt',
    false,
  ],
  [
    'template with imported subchart values set with --set',
    subchart,
    { set: ['configmap.enabled=true', 'subchartb.enabled=true', 'configmap.value=baz'] },
    'template-subchart-cm-set.txt',
    false,
  ],
  [
    'template with imported subchart values set with a file',
    subchart,
    { values: ['testcharts/subchart/extra_values.yaml'] },
    'template-subchart-cm-set-file.txt',
    false,
  ],
  ['install with schema file, with errors', '/testcharts/chart-with-schema-negative', {}, 'schema-negative.txt', true],
  ['install with schema file, extra values from cli, with errors', '/testcharts/chart-with-schema', { set: ['age=-5'] }, 'schema-negative-cli.txt', true],
  ['install with schema file and schematized subchart, with errors', '/testcharts/chart-with-schema-and-subchart', {}, 'subchart-schema-negative.txt', true],
  [
    'install with schema file and schematized subchart, extra values from cli, with errors',
    '/testcharts/chart-with-schema-and-subchart',
    { set: ['lastname=doe', 'subchart-with-schema.age=-25'] },
    'subchart-schema-cli-negative.txt',
    true,
  ],
];

for (const [name, chart, options, golden, wantError] of cases) {
  test(`helm golden: ${name}`, () => {
    // Sprig is not part of this module: the test's shim stands in for it.
    const result = renderChart(fs, chart, { kubeVersion: '1.20.0', baseDir: '/', functions: sprig, ...options });
    const expected = readFileSync(join(root, 'output', golden), 'utf8');
    if (wantError) {
      assert.ok(result.helmError !== undefined, 'expected an error');
      assert.equal(`Error: ${result.helmError}\n`, expected.replace('Error: INSTALLATION FAILED: ', 'Error: '));
    } else {
      assert.equal(result.helmError, undefined);
      assert.equal(result.text, expected);
    }
  });
}

test('helm golden: a chart with missing dependencies is refused with the hint', () => {
  const result = renderChart(fs, '/testcharts/chart-missing-deps', { baseDir: '/' });
  assert.match(
    result.helmError ?? '',
    /^An error occurred while checking for chart dependencies\. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart\.yaml, but missing in charts\/ directory: /,
  );
  const error = result.errors[0];
  assert.equal(error.file, 'Chart.yaml');
  const chartYaml = readFileSync(join(root, 'testcharts/chart-missing-deps/Chart.yaml'), 'utf8');
  assert.ok(error.end > error.start);
  assert.equal(chartYaml.slice(error.start, error.end), result.helmError!.split(': ').pop()!.split(', ')[0]);
});
