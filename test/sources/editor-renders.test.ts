import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SourceAnalyses, type SourceRef } from '../../server/src/lsp/sources';
import { defaultSettings } from '../../server/src/service/settings';

/**
 * The editor's renders read the disk through a cache kept by file stamp: a
 * render after a file changed on disk must see the new text, whether or not
 * the file watcher said so, and a file or directory that appears or goes
 * away must be seen too. Each row changes the disk, then makes a render
 * happen (an edit of another file of the source), and reads what it printed.
 */

let workspace: string;

before(() => {
  workspace = realpathSync(mkdtempSync(path.join(tmpdir(), 'pod-lens-editor-renders-')));
});

after(() => rmSync(workspace, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  writeFileSync(path.join(workspace, file), text);
}

const configMap = (name: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

interface Row {
  name: string;
  /** The files of the source on disk before the first render. */
  files: Record<string, string>;
  dir: string;
  kind: SourceRef['kind'];
  /** Changes the disk after the first render. */
  change: () => void;
  /** The file the watcher reports changed, if it does; otherwise the render must find the change by itself. */
  reported?: string;
  /** The file the editor then types into (its text as typed), which makes the source render again. */
  typed: [string, string];
  before: string[];
  after: string[];
  absentAfter: string[];
}

const rows: Row[] = [
  {
    name: 'a chart: values.yaml rewritten on disk, no watcher event, a template typed into',
    dir: 'chart-a',
    kind: 'chart',
    files: {
      'chart-a/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 1.0.0\n',
      'chart-a/values.yaml': 'greeting: one\n',
      'chart-a/templates/cm.yaml': configMap('a', '  greeting: {{ .Values.greeting }}\n'),
    },
    change: () => write('chart-a/values.yaml', 'greeting: three\n'),
    typed: ['chart-a/templates/cm.yaml', configMap('a', '  greeting: {{ .Values.greeting }}\n  typed: "yes"\n')],
    before: ['greeting: one'],
    after: ['greeting: three', 'typed: "yes"'],
    absentAfter: ['greeting: one'],
  },
  {
    name: 'a chart: a template added on disk, reported by the watcher',
    dir: 'chart-b',
    kind: 'chart',
    files: {
      'chart-b/Chart.yaml': 'apiVersion: v2\nname: b\nversion: 1.0.0\n',
      'chart-b/values.yaml': 'x: 1\n',
      'chart-b/templates/first.yaml': configMap('first', '  x: "{{ .Values.x }}"\n'),
    },
    change: () => write('chart-b/templates/second.yaml', configMap('second', '  added: "true"\n')),
    reported: 'chart-b/templates/second.yaml',
    typed: ['chart-b/values.yaml', 'x: 2\n'],
    before: ['name: first', 'x: "1"'],
    after: ['name: first', 'name: second', 'x: "2"'],
    absentAfter: ['x: "1"'],
  },
  {
    name: 'a chart: a template deleted on disk, no watcher event',
    dir: 'chart-c',
    kind: 'chart',
    files: {
      'chart-c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'chart-c/values.yaml': 'x: 1\n',
      'chart-c/templates/kept.yaml': configMap('kept', '  x: "{{ .Values.x }}"\n'),
      'chart-c/templates/gone.yaml': configMap('gone', '  x: "{{ .Values.x }}"\n'),
    },
    change: () => rmSync(path.join(workspace, 'chart-c/templates/gone.yaml')),
    typed: ['chart-c/values.yaml', 'x: 22\n'],
    before: ['name: kept', 'name: gone'],
    after: ['name: kept', 'x: "22"'],
    absentAfter: ['name: gone'],
  },
  {
    name: 'an overlay: a base resource rewritten on disk, no watcher event, the patch typed into',
    dir: 'overlay/prod',
    kind: 'kustomization',
    files: {
      'overlay/base/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'overlay/base/cm.yaml': configMap('settings', '  level: low\n'),
      'overlay/prod/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n',
      'overlay/prod/patch.yaml': configMap('settings', '  mode: a\n'),
    },
    change: () => write('overlay/base/cm.yaml', configMap('settings', '  level: highest\n')),
    typed: ['overlay/prod/patch.yaml', configMap('settings', '  mode: b\n')],
    before: ['level: low', 'mode: a'],
    after: ['level: highest', 'mode: b'],
    absentAfter: ['level: low', 'mode: a'],
  },
];

for (const row of rows) {
  test(`editor renders see the disk: ${row.name}`, () => {
    for (const [file, text] of Object.entries(row.files)) write(file, text);
    const sources = new SourceAnalyses([workspace], defaultSettings, () => ({ node: defaultSettings.node }));
    const ref: SourceRef = { kind: row.kind, dir: path.join(workspace, row.dir) };
    const first = sources.analysis(ref)?.rendered;
    assert.ok(first, 'the first render');
    assert.equal(first.failure, null, first.failure ?? '');
    for (const expected of row.before) assert.ok(first.text.includes(expected), `first render prints ${expected}:\n${first.text}`);

    row.change();
    if (row.reported) sources.changed(path.join(workspace, row.reported));
    const [typedFile, typedText] = row.typed;
    sources.edited(path.join(workspace, typedFile), typedText);
    const second = sources.analysis(ref)?.rendered;
    assert.ok(second, 'the second render');
    assert.equal(second.failure, null, second.failure ?? '');
    for (const expected of row.after) assert.ok(second.text.includes(expected), `second render prints ${expected}:\n${second.text}`);
    for (const absent of row.absentAfter) assert.ok(!second.text.includes(absent), `second render no longer prints ${absent}:\n${second.text}`);
  });
}
