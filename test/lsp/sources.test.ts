import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionRequest,
  type CodeLens,
  CodeLensRequest,
  type Hover,
  HoverRequest,
  type MarkupContent,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { find, repoRoot, TestClient } from './client';

/**
 * Charts and overlays in the editor, against the real server process with a
 * real workspace on disk: templates and patches are judged as their chart or
 * overlay renders them, and every number and finding is shown where the
 * value was written.
 */

let workspace: string;
let client: TestClient;
const uri = (file: string) => pathToFileURL(path.join(workspace, file)).toString();
const text = (file: string) => readFileSync(path.join(workspace, file), 'utf8');

async function hover(file: string, position: { line: number; character: number }): Promise<string | null> {
  const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position })) as Hover | null;
  return result ? (result.contents as MarkupContent).value : null;
}

before(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'pod-lens-workspace-'));
  cpSync(path.join(repoRoot, 'test/data/editor'), workspace, { recursive: true });
  client = await TestClient.start({ workspaceFolder: pathToFileURL(workspace).toString() });
});

after(async () => {
  await client.stop();
  rmSync(workspace, { recursive: true, force: true });
});

describe('a Helm chart', () => {
  test('the template gets no yaml-syntax error; values.yaml gets the unit slip, with a fix there', async () => {
    await client.open(uri('web-chart/templates/deployment.yaml'), text('web-chart/templates/deployment.yaml'));
    const template = await client.diagnostics(uri('web-chart/templates/deployment.yaml'));
    assert.deepEqual(
      template.filter((d) => d.code === 'yaml-syntax'),
      [],
    );
    const values = await client.diagnostics(uri('web-chart/values.yaml'), (d) => d.some((x) => x.code === 'memory-millibytes'));
    const slip = values.find((d) => d.code === 'memory-millibytes')!;
    const valuesText = text('web-chart/values.yaml');
    assert.deepEqual(slip.range.start, find(valuesText, '128m'));

    await client.open(uri('web-chart/values.yaml'), valuesText);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('web-chart/values.yaml') },
      range: slip.range,
      context: { diagnostics: [slip] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('128Mi'));
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    const edit = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.uri, uri('web-chart/values.yaml'));
    assert.deepEqual(
      edit.edits.map((e) => (e as TextEdit).newText),
      ['128Mi'],
    );
  });

  test('hovering cpu in values.yaml gives the cgroup numbers of the container that uses it', async () => {
    const valuesText = text('web-chart/values.yaml');
    const shown = await hover('web-chart/values.yaml', find(valuesText, '250m'));
    assert.ok(shown, 'a hover');
    assert.match(shown, /CPU request `250m`/);
    assert.match(shown, /cpu\.shares/);
    assert.match(shown, /256/);
  });

  test('the lens stands above the workload in its template; the simulation runs the rendered pod', async () => {
    const templateText = text('web-chart/templates/deployment.yaml');
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, {
      textDocument: { uri: uri('web-chart/templates/deployment.yaml') },
    })) as CodeLens[];
    assert.ok(lenses.length >= 2, JSON.stringify(lenses));
    assert.equal(lenses[0].range.start.line, find(templateText, 'kind: Deployment').line);
    assert.match(lenses[0].command!.title, /Burstable · eviction risk: .* · chart web-chart/);
    const simulate = lenses.find((l) => l.command?.title.startsWith('▶'))!;
    const result = (await client.connection.sendRequest('podLens/simulate', { ...simulate.command!.arguments![0], until: 60 })) as {
      object: { kind: string; name: string };
      summary: { readyAt: number | null };
    };
    assert.deepEqual([result.object.kind, result.object.name], ['Deployment', 'release-name-web']);
    assert.notEqual(result.summary.readyAt, null);
  });

  test('typing in values.yaml re-renders the chart from the unsaved text', async () => {
    const valuesText = text('web-chart/values.yaml');
    const at = find(valuesText, '128m');
    await client.applyEdits(uri('web-chart/values.yaml'), [{ range: { start: at, end: { line: at.line, character: at.character + 4 } }, newText: '128Mi' }]);
    await client.diagnostics(uri('web-chart/values.yaml'), (d) => !d.some((x) => x.code === 'memory-millibytes'));
  });
});

describe('a kustomize overlay', () => {
  test('the patch gets no false error, and its cpu shows the built container numbers for the overlay', async () => {
    const patch = 'app/overlays/prod/resources-patch.yaml';
    await client.open(uri(patch), text(patch));
    const diagnostics = await client.diagnostics(uri(patch));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1),
      [],
      JSON.stringify(diagnostics),
    );
    const shown = await hover(patch, find(text(patch), '"2"', 1));
    assert.ok(shown, 'a hover');
    assert.match(shown, /overlay app\/overlays\/prod/);
    assert.match(shown, /cpu\.shares/);
    assert.match(shown, /2048/);
  });
});
