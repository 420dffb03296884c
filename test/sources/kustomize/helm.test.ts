import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MemoryFileSystem } from '../../../server/src/sources/files';
import { buildKustomization } from '../../../server/src/sources/kustomize/build';

const DATA = join(__dirname, '../../../../test/data/kustomize/helm');

/** A directory of test data as a file system rooted at `/app`, with files replaced or added by `overrides`. */
function tree(name: string, overrides: Record<string, string> = {}): MemoryFileSystem {
  const files: Record<string, string> = {};
  const walk = (dir: string, at: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${at}/${entry.name}`);
      else files[`${at}/${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(join(DATA, name), '/app');
  return new MemoryFileSystem({ ...files, ...overrides });
}

function scalarSource(fs: MemoryFileSystem, result: ReturnType<typeof buildKustomization>, printed: string): { file: string; text: string } {
  const at = result.text.indexOf(printed);
  assert.ok(at >= 0, `${printed} is printed`);
  const segment = result.sourceMap.segments.find((s) => s.outStart === at);
  assert.ok(segment, `${printed} has a source`);
  return { file: segment.file, text: (fs.readText(`/app/${segment.file}`) ?? '').slice(segment.srcStart, segment.srcEnd) };
}

const CHART_ONLY = (extra: string): string => `helmCharts:\n- name: web\n${extra}`;

test('helmCharts: chart with valuesInline, then the namespace, prefix and patch transformers', () => {
  const fs = tree('app');
  const result = buildKustomization(fs, '/app');
  assert.deepEqual(result.errors, []);
  assert.equal(result.text, readFileSync(join(DATA, 'app/expected.yaml'), 'utf8'));
  assert.deepEqual(
    result.objects.map((o) => [o.kind, o.name, o.namespace, o.origins[0].file]),
    [
      ['ConfigMap', 'prod-settings', 'shop', 'configmap.yaml'],
      ['Service', 'prod-store-web', 'shop', 'charts/web/templates/service.yaml'],
      ['Deployment', 'prod-store-web', 'shop', 'charts/web/templates/deployment.yaml'],
    ],
  );
  assert.ok(result.files.includes('charts/web/values.yaml'));
  assert.ok(result.files.includes('charts/web/templates/deployment.yaml'));
});

test('helmCharts: source map into valuesInline, the chart values, the template and the patch', () => {
  const fs = tree('app', {
    '/app/kustomization.yaml': CHART_ONLY('  valuesInline:\n    replicas: 3\n'),
  });
  const result = buildKustomization(fs, '/app');
  assert.deepEqual(result.errors, []);
  assert.deepEqual(scalarSource(fs, result, '3\n'), { file: 'kustomization.yaml', text: '3' });
  assert.deepEqual(scalarSource(fs, result, '128Mi'), { file: 'charts/web/values.yaml', text: '128Mi' });
  assert.deepEqual(scalarSource(fs, result, '500m'), { file: 'charts/web/templates/deployment.yaml', text: '500m' });
  assert.deepEqual(scalarSource(fs, result, 'nginx:1.27'), {
    file: 'charts/web/templates/deployment.yaml',
    text: '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  });
});

test('helmCharts: valuesMerge decides whether valuesInline or the values file wins', () => {
  const inline = '  valuesInline:\n    replicas: 3\n    image:\n      tag: "1.28"\n';
  const cases: Array<[string, string, string]> = [
    ['', '  replicas: 3\n', 'image: nginx:1.28\n'],
    ['  valuesMerge: override\n', '  replicas: 3\n', 'image: nginx:1.28\n'],
    ['  valuesMerge: merge\n', '  replicas: 1\n', 'image: nginx:1.27\n'],
    ['  valuesMerge: replace\n', '  replicas: 3\n', 'image: nginx:1.28\n'],
  ];
  for (const [merge, replicas, image] of cases) {
    const result = buildKustomization(tree('app', { '/app/kustomization.yaml': CHART_ONLY(merge + inline) }), '/app');
    assert.deepEqual(result.errors, [], merge);
    assert.ok(result.text.includes(replicas), `${merge}: ${replicas}`);
    assert.ok(result.text.includes(image), `${merge}: ${image}`);
  }
  // merge2 drops a null of valuesInline, so the chart's default comes back; with replace, Helm sees the null and drops the default.
  const overrideNull = buildKustomization(tree('app', { '/app/kustomization.yaml': CHART_ONLY('  valuesInline:\n    memory: null\n') }), '/app');
  assert.ok(overrideNull.text.includes('memory: 128Mi\n'));
  const replaceNull = buildKustomization(
    tree('app', { '/app/kustomization.yaml': CHART_ONLY('  valuesMerge: replace\n  valuesInline:\n    memory: null\n') }),
    '/app',
  );
  assert.deepEqual(replaceNull.errors, []);
  assert.ok(!replaceNull.text.includes('128Mi'));
  const bad = buildKustomization(tree('app', { '/app/kustomization.yaml': CHART_ONLY('  valuesMerge: deep\n') }), '/app');
  assert.equal(bad.errors[0].message, 'valuesMerge must be one of [merge override replace]');
});

test('helmCharts: defaults (release-name, namespace default, test hooks kept) and skipHooks', () => {
  const plain = buildKustomization(tree('app', { '/app/kustomization.yaml': CHART_ONLY('') }), '/app');
  assert.deepEqual(plain.errors, []);
  assert.deepEqual(
    plain.objects.map((o) => [o.kind, o.name, o.namespace]),
    [
      ['Service', 'release-name-web', 'default'],
      ['Deployment', 'release-name-web', undefined],
      ['Pod', 'release-name-test', undefined],
    ],
  );
  const noHooks = buildKustomization(tree('app', { '/app/kustomization.yaml': CHART_ONLY('  skipHooks: true\n') }), '/app');
  assert.deepEqual(
    noHooks.objects.map((o) => o.kind),
    ['Service', 'Deployment'],
  );
});

test('helmCharts: with version and repo the chart is looked up in <chartHome>/<name>-<version>/<name>', () => {
  const fs = tree('app');
  const files: Record<string, string> = {
    '/app/kustomization.yaml': 'helmGlobals:\n  chartHome: vendor\nhelmCharts:\n- name: web\n  version: 0.1.0\n  repo: https://charts.example\n',
  };
  for (const file of ['Chart.yaml', 'values.yaml', 'templates/service.yaml']) {
    files[`/app/vendor/web-0.1.0/web/${file}`] = fs.readText(`/app/charts/web/${file}`) ?? '';
  }
  const result = buildKustomization(new MemoryFileSystem(files), '/app');
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    result.objects.map((o) => [o.kind, o.origins[0].file]),
    [['Service', 'vendor/web-0.1.0/web/templates/service.yaml']],
  );
});

test('helmCharts: a chart missing from the chart home is an error; nothing is pulled', () => {
  const noRepo = buildKustomization(new MemoryFileSystem({ '/k/kustomization.yaml': 'helmCharts:\n- name: redis\n' }), '/k');
  assert.equal(noRepo.errors[0].message, "no repo specified for pull, no chart found at ''");
  assert.equal(noRepo.errors[0].file, 'kustomization.yaml');
  const withRepo = buildKustomization(new MemoryFileSystem({ '/k/kustomization.yaml': 'helmCharts:\n- name: redis\n  repo: https://charts.example\n' }), '/k');
  assert.equal(
    withRepo.errors[0].message,
    "chart 'redis' not found at '/k/charts/redis': pulling it from https://charts.example is not done here; pull it into the chart home first (helm pull --untar)",
  );
  const noName = buildKustomization(new MemoryFileSystem({ '/k/kustomization.yaml': 'helmCharts:\n- repo: https://charts.example\n' }), '/k');
  assert.equal(noName.errors[0].message, 'chart name cannot be empty');
});

const SMALL_CHART: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'values.yaml': 'replicas: 1\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  replicas: {{ .Values.replicas | quote }}\n',
};

function withSmallChart(files: Record<string, string>): MemoryFileSystem {
  const all: Record<string, string> = { ...files };
  for (const [name, text] of Object.entries(SMALL_CHART)) all[`/app/base/charts/web/${name}`] ??= text;
  return new MemoryFileSystem(all);
}

test('helmCharts: a base with a chart under an overlay; additionalValuesFiles win over the values file', () => {
  const result = buildKustomization(
    withSmallChart({
      '/app/base/kustomization.yaml': 'helmCharts:\n- name: web\n  releaseName: a\n  additionalValuesFiles:\n  - more.yaml\n',
      '/app/base/more.yaml': 'replicas: 7\n',
      '/app/overlay/kustomization.yaml': 'resources:\n- ../base\nnameSuffix: -x\n',
    }),
    '/app/overlay',
  );
  assert.deepEqual(result.errors, []);
  assert.equal(result.text, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-cm-x\ndata:\n  replicas: "7"\n');
  const replicas = result.sourceMap.segments.find((s) => result.text.slice(s.outStart, s.outEnd) === '"7"');
  assert.deepEqual(replicas && [replicas.file, replicas.srcStart, replicas.srcEnd], ['../base/more.yaml', 10, 11]);
  assert.ok(result.files.includes('../base/charts/web/templates/cm.yaml'));
});

test('helmCharts: template failures and id collisions are errors placed where they apply', () => {
  const failed = buildKustomization(
    withSmallChart({ '/app/base/kustomization.yaml': 'helmCharts:\n- name: web\n', '/app/base/charts/web/templates/bad.yaml': '{{ .Values.nope.deeper }}\n' }),
    '/app/base',
  );
  assert.match(failed.errors[0].message, /^Error: template: web\/templates\/bad.yaml:1:10: .*nil pointer evaluating interface \{\}.deeper/);
  assert.equal(failed.errors[0].file, 'charts/web/templates/bad.yaml');
  const missing = buildKustomization(
    withSmallChart({ '/app/base/kustomization.yaml': 'helmCharts:\n- name: web\n  additionalValuesFiles: [missing.yaml]\n' }),
    '/app/base',
  );
  assert.equal(
    missing.errors[0].message,
    "could not load additionalValuesFile: evalsymlink failure on '/app/base/missing.yaml' : lstat /app/base/missing.yaml: no such file or directory",
  );
  const collision = buildKustomization(
    withSmallChart({
      '/app/base/kustomization.yaml': 'resources: [cm.yaml]\nhelmCharts:\n- name: web\n',
      '/app/base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: release-name-cm\n',
    }),
    '/app/base',
  );
  assert.match(collision.errors[0].message, /Name:"release-name-cm".* exists; behavior must be merge or replace$/);
});
