import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exampleManifest } from '../../client/src/walkthrough-example';
import { analyzeText, defaultNode } from '../../server/src/engine/analyze';

/** package.json's walkthrough, commands and settings descriptions, as the editor reads them. */

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: string; altText: string };
  completionEvents: string[];
}

const walkthrough = contributes.walkthroughs[0] as { id: string; steps: Step[] };

test('the walkthrough: open an example, hover, lens, quick fix, simulation, node', () => {
  assert.equal(contributes.walkthroughs.length, 1);
  assert.deepEqual(
    walkthrough.steps.map((s) => s.id),
    ['openExample', 'hover', 'lens', 'quickFix', 'simulate', 'node'],
  );
});

for (const step of walkthrough.steps) {
  test(`walkthrough step ${step.id}: a button, a way to complete, a small picture in the package`, () => {
    const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length >= 1, 'a command button');
    for (const command of links) assert.ok(commands.has(command), `${command} is contributed`);
    assert.ok(step.completionEvents.length >= 1);
    for (const event of step.completionEvents) {
      const [kind, what] = event.split(':');
      if (kind === 'onCommand') assert.ok(commands.has(what), `${what} is contributed`);
      else assert.equal(kind, 'onSettingChanged');
    }
    assert.match(step.media.image, /^docs\/images\/walkthrough\/[\w-]+\.png$/);
    assert.ok(step.media.altText.length > 20);
    const file = path.join(root, step.media.image);
    assert.ok(fs.existsSync(file), `${step.media.image} exists (E2E_DOCS_IMAGES=1 npm run test:e2e writes it)`);
    const bytes = fs.statSync(file).size;
    assert.ok(bytes < 120_000, `${step.media.image} is small (${bytes} bytes)`);
    const png = fs.readFileSync(file);
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.ok(png.readUInt32BE(16) <= 1000, `${step.media.image} is at most 1000 pixels wide`);
  });
}

test('the walkthrough pictures are packaged: .vscodeignore lets them in', () => {
  const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(lines.includes('!docs/images/walkthrough/*.png'));
  assert.ok(lines.indexOf('!docs/images/walkthrough/*.png') > lines.indexOf('**'));
});

test('the example the walkthrough opens has what its steps point at', () => {
  const text = exampleManifest;
  const result = analyzeText(text, { node: defaultNode }).documents[0];
  assert.equal(result.kind, 'Deployment');
  assert.ok(text.includes('cpu: 500m') && text.includes('memory: 128m'));
  assert.deepEqual(
    result.objects[0].findings.map((f) => f.code),
    ['memory-millibytes'],
  );
});

test('walkthrough-only commands stay out of the command palette', () => {
  const hidden = new Set(contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command));
  for (const name of ['hover', 'lens', 'quickFix', 'simulate', 'setNode']) assert.ok(hidden.has(`podLens.walkthrough.${name}`), name);
  assert.ok(!hidden.has('podLens.setNode'));
  assert.ok(!hidden.has('podLens.walkthrough.openExample'));
});

test('every podLens setting has a markdown description with one example', () => {
  for (const [name, schema] of Object.entries<Record<string, unknown>>(contributes.configuration.properties)) {
    const text = String(schema.markdownDescription ?? '');
    const examples = text.match(/Example: `"([\w.]+)": /g) ?? [];
    assert.equal(examples.length, 1, `${name}: ${text}`);
    assert.ok(text.includes(`Example: \`"${name}": `), `${name}'s example sets ${name}`);
  }
});
