/** The render pipeline on small charts: source maps back to templates, values files and `--set`, errors in Helm's words and places. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { MemoryFileSystem } from '../../../../server/src/sources/files';
import { originOf } from '../../../../server/src/sources/source-map';
import { renderChart, type RenderResult } from '../../../../server/src/sources/helm/chart/render';
import { runSample } from './conformance';
import { repositoryRoot } from './disk';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions';

const sprig = sprigFunctions();

const chartYaml = 'apiVersion: v2\nname: c\nversion: 0.1.0\n';
const valuesYaml = 'image:\n  tag: "1.2"\nreplicas: 3\nresources:\n  limits:\n    cpu: 500m\n';
const deployment = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Release.Name }}',
  'spec:',
  '  replicas: {{ .Values.replicas }}',
  '  template:',
  '    spec:',
  '      containers:',
  '      - image: "x:{{ .Values.image.tag }}"',
  '---',
  '{{ toYaml .Values.resources }}',
  '',
].join('\n');

function chart(extra: Record<string, string> = {}): MemoryFileSystem {
  return new MemoryFileSystem({ '/c/Chart.yaml': chartYaml, '/c/values.yaml': valuesYaml, '/c/templates/d.yaml': deployment, ...extra });
}

/** Where the first occurrence of `needle` after `after` in the output came from. */
function originOfText(result: RenderResult, needle: string, after = ''): ReturnType<typeof originOf> {
  const start = result.text.indexOf(needle, after ? result.text.indexOf(after) : 0);
  assert.ok(start >= 0, `${needle} not in output:\n${result.text}`);
  return originOf(result.sourceMap, start, start + needle.length);
}

test('values print back to values.yaml, literal text to the template', () => {
  const result = renderChart(chart(), '/c', { releaseName: 'r1' });
  assert.equal(result.helmError, undefined);
  const replicas = originOfText(result, '3', 'replicas:');
  assert.deepEqual(replicas && [replicas.file, valuesYaml.slice(replicas.start, replicas.end), replicas.origin], ['values.yaml', '3', 'value']);
  const tag = originOfText(result, '1.2');
  assert.deepEqual(tag && [tag.file, valuesYaml.slice(tag.start, tag.end)], ['values.yaml', '1.2']);
  const kind = originOfText(result, 'kind: Deployment');
  assert.deepEqual(kind && [kind.file, deployment.slice(kind.start, kind.end), kind.origin], ['templates/d.yaml', 'kind: Deployment', 'text']);
  const cpu = originOfText(result, '500m');
  assert.deepEqual(cpu && [cpu.file, valuesYaml.slice(cpu.start, cpu.end)], ['values.yaml', '500m']);
  assert.deepEqual(
    result.documents.map((d) => [d.source, d.file, d.kind, result.text.slice(d.start, d.end).split('\n')[0]]),
    [
      ['c/templates/d.yaml', 'templates/d.yaml', 'Deployment', 'apiVersion: apps/v1'],
      ['c/templates/d.yaml', 'templates/d.yaml', '', 'limits:'],
    ],
  );
});

test('--set and -f values map to their argument and file', () => {
  const fs = chart({ '/prod.yaml': 'image:\n  tag: prod-tag\n' });
  const result = renderChart(fs, '/c', { set: ['a=b,replicas=5'], values: ['prod.yaml'], baseDir: '/' });
  const replicas = originOfText(result, '5', 'replicas:');
  assert.deepEqual(replicas && [replicas.file, replicas.start, replicas.end], ['--set[0]', 13, 14]);
  const tag = originOfText(result, 'prod-tag');
  assert.deepEqual(tag && [tag.file, tag.start, tag.end], ['../prod.yaml', 14, 22]);
});

test('required and fail: Helm’s execution error, placed at the call', () => {
  const template = 'a: {{ required "image.repository is required" .Values.image.repository }}\n';
  const result = renderChart(chart({ '/c/templates/e.yaml': template }), '/c', {});
  assert.equal(result.helmError, 'execution error at (c/templates/e.yaml:1:6): image.repository is required\n\nUse --debug flag to render out invalid YAML');
  const error = result.errors[0];
  assert.equal(error.file, 'templates/e.yaml');
  assert.equal(template.slice(error.start, error.start + 8), 'required');
  // The other template still renders for the editor.
  assert.match(result.text, /kind: Deployment/);
});

test('a parse error is Helm’s `parse error at`', () => {
  const result = renderChart(chart({ '/c/templates/e.yaml': 'a: {{ .Values.x \n' }), '/c', {});
  assert.match(result.helmError ?? '', /^parse error at \(c\/templates\/e\.yaml:2\): unclosed action started at c\/templates\/e\.yaml:1\n/);
});

test('include and tpl, with defines from every chart', () => {
  const helpers = '{{- define "c.name" -}}{{ .Chart.Name }}-{{ .Values.suffix }}{{- end -}}';
  const template = 'name: {{ include "c.name" . }}\nmsg: {{ tpl .Values.message . }}\n';
  const values = valuesYaml + 'suffix: sfx\nmessage: "hello {{ .Release.Name }}"\n';
  const result = renderChart(chart({ '/c/templates/_helpers.tpl': helpers, '/c/templates/e.yaml': template, '/c/values.yaml': values }), '/c', {
    releaseName: 'rel',
  });
  assert.equal(result.helmError, undefined);
  assert.match(result.text, /name: c-sfx\nmsg: hello rel\n/);
  const hello = originOfText(result, 'hello ');
  assert.deepEqual(hello && [hello.file, values.slice(hello.start, hello.end)], ['values.yaml', 'hello ']);
});

test('include recursion stops at Helm’s limit', () => {
  const helpers = '{{- define "loop" -}}{{ include "loop" . }}{{- end -}}';
  const result = renderChart(chart({ '/c/templates/_helpers.tpl': helpers, '/c/templates/e.yaml': '{{ include "loop" . }}' }), '/c', {});
  assert.match(result.helmError ?? '', /rendering template has a nested reference name: loop: unable to execute template/);
});

test('.Files: Get maps to the file, Glob, Lines, AsConfig', () => {
  const template = [
    'get: {{ .Files.Get "files/a.txt" }}',
    '{{- range $path, $_ := .Files.Glob "files/*.txt" }}',
    'path: {{ $path }}',
    '{{- end }}',
    'lines: {{ len (.Files.Lines "files/b.txt") }}',
    '---',
    '{{ (.Files.Glob "files/*").AsConfig }}',
    '',
  ].join('\n');
  const fs = chart({ '/c/files/a.txt': 'alpha', '/c/files/b.txt': 'one\ntwo\n', '/c/files/c.conf': 'x = 1', '/c/templates/e.yaml': template });
  const result = renderChart(fs, '/c', { functions: sprig });
  assert.equal(result.helmError, undefined);
  assert.match(result.text, /get: alpha\npath: files\/a\.txt\npath: files\/b\.txt\nlines: 2\n/);
  assert.match(result.text, /a\.txt: alpha\nb\.txt: \|\n {2}one\n {2}two\nc\.conf: x = 1\n/);
  const alpha = originOfText(result, 'alpha');
  assert.deepEqual(alpha && [alpha.file, alpha.start, alpha.end], ['files/a.txt', 0, 5]);
});

test('.Capabilities and .Release', () => {
  const template = [
    'kube: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}',
    'apps: {{ .Capabilities.APIVersions.Has "apps/v1" }} custom: {{ .Capabilities.APIVersions.Has "x.io/v1" }}',
    'helm: {{ .Capabilities.HelmVersion.Version }}',
    'release: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Revision }} {{ .Release.IsInstall }} {{ .Release.Service }}',
    'template: {{ .Template.Name }} {{ .Template.BasePath }}',
    '',
  ].join('\n');
  const result = renderChart(chart({ '/c/templates/e.yaml': template }), '/c', { apiVersions: ['x.io/v1'], namespace: 'ns' });
  assert.match(
    result.text,
    /kube: v1\.36\.0 1\.36\napps: true custom: true\nhelm: v3\.21\.4\nrelease: release-name ns 1 true Helm\ntemplate: c\/templates\/e\.yaml c\/templates\n/,
  );
  const old = renderChart(chart({ '/c/templates/e.yaml': template }), '/c', { kubeVersion: '1.29' });
  assert.match(old.text, /kube: v1\.29 1\.29\n/);
  assert.equal(renderChart(chart(), '/c', { kubeVersion: 'x1' }).helmError, `invalid kube version 'x1': could not parse "x1" as version`);
});

test('hooks, tests, --no-hooks, --skip-tests and unknown hooks', () => {
  const hook = (name: string, hookType: string): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  annotations:\n    "helm.sh/hook": ${hookType}\n`;
  const fs = chart({
    '/c/templates/h1.yaml': hook('pre', 'pre-install'),
    '/c/templates/h2.yaml': hook('t', 'test'),
    '/c/templates/h3.yaml': hook('u', 'unknown-hook'),
  });
  const names = (result: RenderResult): string[] => result.documents.map((d) => `${d.name}${d.hook ? ':' + d.hook.join(',') : ''}`);
  assert.deepEqual(names(renderChart(fs, '/c', {})), ['release-name', '', 'pre:pre-install', 't:test']);
  assert.deepEqual(names(renderChart(fs, '/c', { skipTests: true })), ['release-name', '', 'pre:pre-install']);
  assert.deepEqual(names(renderChart(fs, '/c', { noHooks: true })), ['release-name', '']);
});

test('a library chart is not installable; a missing --show-only template is an error', () => {
  const library = renderChart(new MemoryFileSystem({ '/l/Chart.yaml': 'apiVersion: v2\nname: l\nversion: 1.0.0\ntype: library\n' }), '/l', {});
  assert.equal(library.helmError, 'library charts are not installable');
  assert.equal(renderChart(chart(), '/c', { showOnly: ['templates/nope.yaml'] }).helmError, 'could not find template templates/nope.yaml in chart');
});

test('values.schema.json: Helm’s wording, placed at the failing value', () => {
  const schema = JSON.stringify({ type: 'object', properties: { replicas: { type: 'string' } }, required: ['name'] });
  const result = renderChart(chart({ '/c/values.schema.json': schema }), '/c', {});
  assert.equal(
    result.helmError,
    "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '': missing property 'name'\n- at '/replicas': got number, want string\n",
  );
});

test('--output-dir layout of the otel-collector sample is byte for byte Helm’s', () => {
  const dir = join(repositoryRoot, 'test/data/helm/charts/otel-collector-deployment-only');
  const outcome = runSample(dir, sprig);
  assert.ok(outcome.ok, outcome.detail);
  assert.equal(outcome.result.outputFiles.length, 4);
  for (const file of outcome.result.outputFiles) {
    const expected = readFileSync(join(dir, 'expected', file.path.replace(/^[^/]+\/templates\//, '')), 'utf8');
    assert.equal(file.text, expected, file.path);
  }
});

test('apiVersion v1 charts: requirements.yaml dependencies with conditions', () => {
  const fs = new MemoryFileSystem({
    '/c/Chart.yaml': 'apiVersion: v1\nname: c\nversion: 0.1.0\n',
    '/c/requirements.yaml': 'dependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n',
    '/c/values.yaml': 'sub:\n  enabled: false\n',
    '/c/templates/a.yaml': 'kind: A\n',
    '/c/charts/sub/Chart.yaml': 'apiVersion: v1\nname: sub\nversion: 0.1.0\n',
    '/c/charts/sub/templates/b.yaml': 'kind: B\n',
  });
  assert.deepEqual(
    renderChart(fs, '/c', {}).documents.map((d) => d.source),
    ['c/templates/a.yaml'],
  );
  assert.deepEqual(
    renderChart(fs, '/c', { set: ['sub.enabled=true'] }).documents.map((d) => d.source),
    ['c/templates/a.yaml', 'c/charts/sub/templates/b.yaml'],
  );
});

test('--set-file and --set-string, with --set-json before --set', () => {
  const fs = chart({
    '/c/templates/e.yaml': 'file: {{ .Values.cert | quote }}\nstr: {{ kindIs "string" .Values.n }}\njson: {{ .Values.j.k }}\n',
    '/cert.pem': 'PEM',
  });
  const result = renderChart(fs, '/c', { setFile: ['cert=/cert.pem'], setString: ['n=5'], setJson: ['j={"k":1}'], set: ['j.k=2'], functions: sprig });
  assert.equal(result.helmError, undefined);
  assert.match(result.text, /file: "PEM"\nstr: true\njson: 2\n/);
});

test('.helmignore keeps files out of .Files and templates', () => {
  const fs = chart({
    '/c/.helmignore': '*.md\nsecret/\n',
    '/c/README.md': 'x',
    '/c/secret/k': 'k',
    '/c/conf/a': 'a',
    '/c/templates/e.yaml': 'files: {{ range $p, $_ := .Files }}{{ $p }} {{ end }}\n',
  });
  const result = renderChart(fs, '/c', {});
  assert.match(result.text, /files: \.helmignore conf\/a\n/);
});

test('values.schema.json: enum, pattern, nested paths and a schema that is not JSON', () => {
  const schema = JSON.stringify({
    type: 'object',
    properties: { image: { type: 'object', properties: { pullPolicy: { enum: ['Always', 'IfNotPresent'] }, tag: { type: 'string', pattern: '^v' } } } },
  });
  const fs = chart({ '/c/values.schema.json': schema, '/c/values.yaml': 'image:\n  pullPolicy: Sometimes\n  tag: "1.2"\n' });
  const result = renderChart(fs, '/c', {});
  assert.equal(
    result.helmError,
    "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent'\n- at '/image/tag': '1.2' does not match pattern '^v'\n",
  );
  assert.deepEqual([result.errors[0].file, result.errors[0].start], ['values.yaml', 21]);
  const broken = renderChart(chart({ '/c/values.schema.json': '{' }), '/c', {});
  assert.match(broken.helmError ?? '', /^values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nc:\n/);
});

test('.Values methods: YAML, Table, AsMap, PathValue', () => {
  const template = [
    'yaml: {{ .Values.YAML | len }}',
    'table: {{ (.Values.Table "image").tag }}',
    'path: {{ .Values.PathValue "resources.limits.cpu" }}',
    'map: {{ len .Values.AsMap }}',
    '',
  ].join('\n');
  const result = renderChart(chart({ '/c/templates/e.yaml': template }), '/c', {});
  assert.equal(result.helmError, undefined);
  assert.match(result.text, /yaml: 67\ntable: 1\.2\npath: 500m\nmap: 3\n/);
  const missing = renderChart(chart({ '/c/templates/e.yaml': '{{ .Values.Table "nope" }}' }), '/c', {});
  assert.match(missing.helmError ?? '', /error calling Table: "nope" is not a table/);
});
