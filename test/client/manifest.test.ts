import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ruleCatalog } from '../../server/src/engine/rules/catalog';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('every diagnostic code is documented in the severity setting', () => {
  const documented = Object.keys(manifest.contributes.configuration.properties['podLens.diagnostics.severity'].properties ?? {});
  const codes = [...ruleCatalog().keys()];
  assert.deepEqual(
    [...documented].sort(),
    [...codes].sort(),
    'package.json and the rule catalog differ: run `npm run build && node client/scripts/sync-rule-settings.js`',
  );
});

test('every setting has a description and a default', () => {
  for (const [name, schema] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
    assert.ok(schema.description || schema.markdownDescription, `${name} has a description`);
    assert.ok('default' in schema, `${name} has a default`);
  }
});

test('coexists with YAML extensions and runs in restricted and virtual workspaces', () => {
  // A schema contributed for YAML would duplicate Red Hat's YAML extension's errors.
  assert.equal(manifest.contributes.yamlValidation, undefined);
  assert.equal(manifest.contributes.jsonValidation, undefined);
  assert.equal(manifest.contributes.languages, undefined);
  assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  // No setting may name something to execute: an untrusted folder could set it.
  for (const name of Object.keys(manifest.contributes.configuration.properties)) {
    assert.doesNotMatch(name, /path|executable|command|runtime/i, name);
  }
});

test('the engine, the CLI and the server never import the editor API', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name) && /(?:from\s+|require\()\s*['"]vscode['"]/.test(fs.readFileSync(file, 'utf8')))
        offenders.push(path.relative(root, file));
    }
  };
  walk(path.join(root, 'server/src'));
  assert.deepEqual(offenders, []);
});
