/** Chart loading on the charts and archives of Helm's pkg/chart/loader tests (load_test.go). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { MemoryFileSystem } from '../../../../server/src/sources/files';
import { decodeText, type LoadedChart } from '../../../../server/src/sources/helm/chart/chart';
import { ChartLoadError, loadChart } from '../../../../server/src/sources/helm/chart/loader';
import { DiskFileSystem, repositoryRoot } from './disk';

const fs = new DiskFileSystem(join(repositoryRoot, 'test/data/helm/chart/loader'));

/** Helm's verifyChart, verifyDependencies and verifyChartFileAndTemplate. */
function verify(chart: LoadedChart, name = 'frobnitz', checkFiles = true): void {
  assert.equal(chart.metadata.name, name);
  if (checkFiles) {
    assert.equal(chart.templates.length, 1);
    assert.equal(chart.templates[0].name, 'templates/template.tpl');
    assert.equal(chart.files.length, 6, chart.files.map((f) => f.name).join(', '));
    assert.deepEqual(chart.dependencies.map((d) => [d.metadata.name, d.metadata.version]).sort(), [
      ['alpine', '0.1.0'],
      ['mariner', '4.3.2'],
    ]);
  }
  assert.deepEqual(
    chart.metadata.dependencies.map((d) => [d.name, d.version, d.repository]),
    [
      ['alpine', '0.1.0', 'https://example.com/charts'],
      ['mariner', '4.3.2', 'https://example.com/charts'],
    ],
  );
}

const charts: [string, string, boolean][] = [
  ['a directory', '/frobnitz', true],
  ['an archive', '/frobnitz-1.2.3.tgz', true],
  ['a directory with byte order marks', '/frobnitz_with_bom', true],
  ['an archive with byte order marks', '/frobnitz_with_bom.tgz', true],
  ['an archive with backslashes in its names', '/frobnitz_backslash-1.2.3.tgz', true],
  ['apiVersion v1 with requirements.yaml', '/frobnitz.v1', false],
  ['apiVersion v1 archive', '/frobnitz.v1.tgz', false],
  ['apiVersion v2 with requirements.yaml', '/frobnitz.v2.reqs', false],
];

for (const [name, path, checkFiles] of charts) {
  test(`loads ${name}`, () => {
    const chart = loadChart(fs, path);
    verify(chart, path.includes('backslash') ? 'frobnitz_backslash' : 'frobnitz', checkFiles);
    for (const file of [...chart.files, ...chart.templates]) assert.notEqual(decodeText(file.data).charCodeAt(0), 0xfeff, file.name);
  });
}

/** A gzipped tar holding one regular file, as Go's archive/tar writes it. */
function archive(name: string, body: string): Uint8Array {
  const header = new Uint8Array(512);
  const put = (offset: number, text: string): void => header.set(new TextEncoder().encode(text), offset);
  const data = new TextEncoder().encode(body);
  put(0, name);
  put(100, '0000755\0');
  put(108, '0000000\0');
  put(116, '0000000\0');
  put(124, data.length.toString(8).padStart(11, '0') + '\0');
  put(136, '00000000000\0');
  put(148, '        ');
  put(156, '0');
  put(257, 'ustar\0');
  put(263, '00');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, checksum.toString(8).padStart(6, '0') + '\0 ');
  const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
  padded.set(data);
  const tar = new Uint8Array(512 + padded.length + 1024);
  tar.set(header);
  tar.set(padded, 512);
  return new Uint8Array(gzipSync(tar));
}

const invalid: [string, string][] = [
  ['../../malformed-helm-test', 'chart illegally references parent directory'],
  ['/foo/../../malformed-helm-test', 'chart illegally references parent directory'],
  ['/../../malformed-helm-test', 'chart illegally references parent directory'],
  ['./../../malformed-helm-test', 'chart illegally references parent directory'],
  ['./.', 'chart illegally contains content outside the base directory'],
  ['/./.', 'chart illegally contains content outside the base directory'],
  ['missing-leading-slash', 'chart illegally contains content outside the base directory'],
  ['/missing-leading-slash', 'Chart.yaml file is missing'],
  ['//foo', 'chart illegally contains absolute paths'],
  ['///foo', 'chart illegally contains absolute paths'],
  ['\\\\foo', 'chart illegally contains absolute paths'],
  ['\\..\\..\\foo', 'chart illegally references parent directory'],
  ['\\.\\c:\\\\foo', 'chart contains illegally named files'],
  ['/./c://foo', 'chart contains illegally named files'],
  ['\\\\?\\Some\\windows\\magic', 'chart illegally contains absolute paths'],
  ['/Chart.yaml', 'validation: chart.metadata.name is required'],
  ['files/whatever.yaml', 'Chart.yaml file is missing'],
  ['c:\\Chart.yaml', 'validation: chart.metadata.name is required'],
];

for (const [name, expected] of invalid) {
  test(`refuses an archive holding ${JSON.stringify(name)}`, () => {
    const memory = new MemoryFileSystem({ '/bad.tgz': archive(name, 'hello: world') });
    assert.throws(
      () => loadChart(memory, '/bad.tgz'),
      (error: unknown) => error instanceof ChartLoadError && error.message.includes(expected),
    );
  });
}

test('a subchart that does not load names itself and its parent', () => {
  const memory = new MemoryFileSystem({
    '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
    '/c/charts/sub/values.yaml': 'a: 1\n',
  });
  assert.throws(
    () => loadChart(memory, '/c'),
    (error: unknown) => error instanceof ChartLoadError && error.message === 'error unpacking subchart sub in c: Chart.yaml file is missing',
  );
});

test('Chart.yaml errors: invalid version, type, YAML; unquoted numbers become strings as Helm reads them', () => {
  const load = (chartYaml: string): LoadedChart => loadChart(new MemoryFileSystem({ '/c/Chart.yaml': chartYaml }), '/c');
  assert.throws(() => load('apiVersion: v2\nname: c\nversion: one\n'), /^Error: validation: chart.metadata.version "one" is invalid$/);
  assert.throws(() => load('apiVersion: v2\nname: c\nversion: 1.0.0\ntype: Library\n'), /validation: chart.metadata.type must be application or library/);
  assert.throws(
    () => load('apiVersion: v2\nname: c\nversion: 1.0.0\ndeprecated: maybe\n'),
    /cannot unmarshal string into Go struct field Metadata.deprecated of type bool/,
  );
  const chart = load('apiVersion: v2\nname: c\nversion: 1.0\nappVersion: 1.10\nkubeVersion: 1.2\n');
  assert.deepEqual([chart.metadata.version, chart.metadata.appVersion, chart.metadata.kubeVersion], ['1', '1.1', '1.2']);
});

test('a validation error is placed on its field in Chart.yaml', () => {
  const text = 'apiVersion: v2\nname: c\nversion: one\n';
  try {
    loadChart(new MemoryFileSystem({ '/c/Chart.yaml': text }), '/c');
    assert.fail('expected an error');
  } catch (error) {
    assert.ok(error instanceof ChartLoadError);
    assert.equal(error.file, 'Chart.yaml');
    assert.equal(text.slice(error.start, error.end), 'version: one');
  }
});
