#!/usr/bin/env node
// Brings kustomize's own api/krusty/*_test.go cases in as data: for each test function that
// writes its files with th.WriteK / th.WriteC / th.WriteF (raw string literals only) and builds
// one directory with th.Run / th.RunWithErr, writes the files under OUT/krusty-<Test>/tree/ and
// the directory to build in overlay.txt. Goldens are then made by make-goldens.sh with the real
// kubectl, never taken from the Go test's expectations (those may use options kubectl lacks).
//
// Usage: node import-krusty.mjs KUSTOMIZE_SOURCE_DIR OUT_DIR
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';

const [sourceDir, outDir] = process.argv.slice(2);
const krusty = path.join(sourceDir, 'api/krusty');
const skipMarkers = [
  'PrepBuiltin',
  'PrepExecPlugin',
  'MakeEnhancedHarness',
  'MakeOptionsPluginsEnabled',
  'LoadRestrictionsNone',
  'BuildMetadata',
  'fn.plugin',
  'MakeHarnessWithFs',
  'helm',
  'Helm',
  'openapi',
  'OpenAPI',
  'Reorder',
  'AddManagedbyLabel',
  'remote',
  'github.com',
];
let written = 0;
for (const file of readdirSync(krusty).sort()) {
  if (!file.endsWith('_test.go')) continue;
  const go = readFileSync(path.join(krusty, file), 'utf8');
  const functions = go.split(/\nfunc /).slice(1);
  for (const fn of functions) {
    const nameMatch = /^(Test\w+)\(t \*testing\.T\)/.exec(fn);
    if (!nameMatch) continue;
    const name = nameMatch[1];
    if (skipMarkers.some((m) => fn.includes(m))) continue;
    if (/t\.Run\(|for _, tc := range|tests := |testCases/.test(fn)) continue;
    const files = new Map();
    let ok = true;
    for (const m of fn.matchAll(/th\.Write([KCF])\(\s*(?:"([^"]*)"|(\w+(?:\.\w+)?(?:\([^)]*\))?))\s*,\s*(`[^`]*`|[^)]*)\)/g)) {
      const [, which, dirLiteral, dirExpr, body] = m;
      if (dirExpr !== undefined || !body.startsWith('`')) {
        ok = false;
        break;
      }
      let target = dirLiteral.replace(/^\/+/, '');
      if (which === 'K' || which === 'C') target = path.posix.join(target, 'kustomization.yaml');
      let text = body.slice(1, -1);
      if (which === 'K' && !/^kind:/m.test(text)) text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' + text;
      if (which === 'C' && !/^kind:/m.test(text)) text = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n' + text;
      files.set(target, text);
    }
    if (!ok || files.size === 0) continue;
    const runs = [...fn.matchAll(/th\.(Run|RunWithErr)\(\s*"([^"]*)"/g)];
    if (runs.length !== 1) continue;
    const overlay = runs[0][2].replace(/^\/+/, '') || '.';
    const caseDir = path.join(outDir, 'krusty-' + name);
    if (existsSync(caseDir)) continue;
    for (const [file, text] of files) {
      const full = path.join(caseDir, 'tree', file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    writeFileSync(path.join(caseDir, 'overlay.txt'), overlay + '\n');
    writeFileSync(path.join(caseDir, 'source.md'), `kustomize v5.5.0, api/krusty/${file}, ${name}\n`);
    written++;
  }
}
console.log(`${written} cases`);
