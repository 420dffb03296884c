#!/usr/bin/env node
// How many findings a user sees: runs `pod-lens analyze` (default text output) on each bundle and
// counts the diagnostic lines it prints, next to the findings the JSON report holds (all of them).
// Used for docs/quiet-by-default.md.
//
//   node scripts/visible-findings.mjs [--cli PATH/TO/bin/pod-lens.js] BUNDLE...
//
// A BUNDLE is a manifest file, or a directory whose .yaml and .yml files (sorted, recursively) are
// analyzed together in one run; a Helm chart inside it (a directory holding Chart.yaml) is passed as
// the chart, to be rendered, not as template files. --cli measures another build (e.g. an older one) with the same counting.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let cli = join(repo, 'bin/pod-lens.js');
const bundles = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--cli') cli = resolve(process.argv[++i]);
  else bundles.push(process.argv[i]);
}
if (bundles.length === 0) {
  process.stderr.write('usage: node scripts/visible-findings.mjs [--cli PATH/TO/bin/pod-lens.js] BUNDLE...\n');
  process.exit(2);
}

function manifests(path) {
  if (!statSync(path).isDirectory()) return [path];
  const found = [];
  const walk = (dir) => {
    if (existsSync(join(dir, 'Chart.yaml'))) {
      found.push(dir);
      return;
    }
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.ya?ml$/.test(name)) found.push(file);
    }
  };
  walk(path);
  return found;
}

function run(files, extra) {
  const result = spawnSync(process.execPath, [cli, 'analyze', '--fail-on', 'never', ...extra, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`pod-lens failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

const severities = ['error', 'warning', 'information', 'hint'];
const diagnosticLine = /^\s*\S.*:\d+:\d+: (error|warning|information|hint) [a-z0-9-]+: /;
const rows = [];
for (const bundle of bundles) {
  const files = manifests(bundle);
  const shown = Object.fromEntries(severities.map((s) => [s, 0]));
  for (const line of run(files, []).split('\n')) {
    const match = diagnosticLine.exec(line);
    if (match) shown[match[1]]++;
  }
  const report = JSON.parse(run(files, ['--format', 'json']));
  const all = Object.fromEntries(severities.map((s) => [s, 0]));
  let workloads = 0;
  for (const file of report.files) {
    workloads += file.objects.length;
    for (const d of [...file.diagnostics, ...file.objects.flatMap((o) => o.diagnostics)]) all[d.severity]++;
  }
  const total = (counts) => severities.reduce((n, s) => n + counts[s], 0);
  rows.push({ bundle: basename(bundle) || relative(process.cwd(), bundle), files: files.length, workloads, shown, all, totals: [total(shown), total(all)] });
}

const cell = (counts) => severities.map((s) => counts[s]).join(' / ');
process.stdout.write(`pod-lens: ${relative(process.cwd(), cli) || cli}\n\n`);
process.stdout.write(
  '| bundle | paths | workloads | shown in text | shown: error / warning / information / hint | in the JSON report | JSON: error / warning / information / hint |\n',
);
process.stdout.write('|---|---:|---:|---:|---|---:|---|\n');
for (const row of rows) {
  process.stdout.write(`| ${row.bundle} | ${row.files} | ${row.workloads} | ${row.totals[0]} | ${cell(row.shown)} | ${row.totals[1]} | ${cell(row.all)} |\n`);
}
const sum = (pick) => rows.reduce((n, row) => n + pick(row), 0);
const sumCounts = (key) => Object.fromEntries(severities.map((s) => [s, sum((row) => row[key][s])]));
process.stdout.write(
  `| all | ${sum((r) => r.files)} | ${sum((r) => r.workloads)} | ${sum((r) => r.totals[0])} | ${cell(sumCounts('shown'))} | ${sum((r) => r.totals[1])} | ${cell(sumCounts('all'))} |\n`,
);
