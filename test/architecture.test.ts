import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => m[1] ?? m[2] ?? m[3]);
}

test('the engine imports nothing from the editor, the protocol or the file system', () => {
  const forbidden = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|vscode-jsonrpc|node:fs|fs|node:child_process|child_process)$/;
  const offenders: string[] = [];
  for (const file of sources(path.join(root, 'server/src/engine'))) {
    for (const specifier of importsOf(file)) {
      if (forbidden.test(specifier)) offenders.push(`${path.relative(root, file)} imports ${specifier}`);
      const target = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : null;
      // The ways out: the simulator's wire types and the source-map data type, modules that import nothing (checked below).
      const leaf =
        target !== null && (target.startsWith(path.join(root, 'server/src/protocol')) || target === path.join(root, 'server/src/sources/source-map'));
      if (target && !target.startsWith(path.join(root, 'server/src/engine')) && !leaf) {
        offenders.push(`${path.relative(root, file)} imports ${specifier} from outside the engine`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test('the protocol modules and the source map import nothing: the client, the webview page and the engine all compile against them', () => {
  const leaves = [...sources(path.join(root, 'server/src/protocol')), path.join(root, 'server/src/sources/source-map.ts')];
  const offenders = leaves.flatMap((file) => importsOf(file).map((specifier) => `${path.relative(root, file)} imports ${specifier}`));
  assert.deepEqual(offenders, []);
});
