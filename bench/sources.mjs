#!/usr/bin/env node
// Charts and overlays in the editor, through the real server over stdio: open → first
// diagnostics, a keystroke in values.yaml / a template / a patch → new diagnostics, hover
// p95, and the server's peak RSS with everything open.
//
//   node bench/sources.mjs [--edits 10] [--hovers 30] [--json FILE]
//
// Charts: bench/charts/bitnami-nginx (with bitnami's `common`) and bench/charts/bitnami-grafana-loki
// (with `common`, `memcached` under four aliases, `grafana-alloy`); the overlay: argo-cd's
// manifests/ha/namespace-install (61 resources over seven bases, patched), from test/data/kustomize.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { stats } from './stats.mjs';

const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver-protocol/node');
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const a = { edits: 10, hovers: 30, json: null };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i];
  const v = process.argv[++i];
  if (k === '--edits') a.edits = Number(v);
  else if (k === '--hovers') a.hovers = Number(v);
  else if (k === '--json') a.json = v;
  else throw new Error(`unknown argument ${k}`);
}

const charts = join(repo, 'bench/charts');
const argo = join(repo, 'test/data/kustomize/trees/argo-cd');
const uri = (file) => pathToFileURL(file).toString();

const child = spawn(process.execPath, [join(repo, 'bin/pod-lens.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
const waiters = [];
connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
  for (const waiter of [...waiters]) {
    if (waiter.uri === params.uri) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params.diagnostics);
    }
  }
});
connection.onRequest(lsp.ConfigurationRequest.type, (params) => params.items.map(() => ({})));
connection.onRequest('window/workDoneProgress/create', () => null);
connection.listen();
await connection.sendRequest(lsp.InitializeRequest.type, {
  processId: process.pid,
  rootUri: null,
  workspaceFolders: [
    { uri: uri(charts), name: 'charts' },
    { uri: uri(argo), name: 'argo-cd' },
  ],
  capabilities: { workspace: { configuration: true } },
});
await connection.sendNotification(lsp.InitializedNotification.type, {});

child.on('exit', (code, signal) => {
  if (!finished) {
    console.error(`the server exited (${signal ?? code}) before the benchmark finished`);
    process.exit(1);
  }
});
let finished = false;

/** The next publish for a file, or a failure that names what was waited for. */
const published = (target) =>
  new Promise((resolve, reject) => {
    const waiter = { uri: target, resolve };
    waiters.push(waiter);
    setTimeout(() => {
      if (!waiters.includes(waiter)) return;
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`no diagnostics for ${target} within 120 s`));
    }, 120_000).unref();
  });
const step = (what) => console.error(`bench/sources: ${what}`);
/** The server's peak resident set so far (VmHWM), in MiB. */
const rss = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
const versions = new Map();
const texts = new Map();

async function open(file) {
  const text = readFileSync(file, 'utf8');
  texts.set(file, text);
  versions.set(file, 1);
  const started = performance.now();
  const done = published(uri(file));
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text } });
  await done;
  return performance.now() - started;
}

/** Replaces `before` with `after` at its first occurrence and times the publish that follows. */
async function edit(file, before, after) {
  const text = texts.get(file);
  const at = text.indexOf(before);
  if (at < 0) throw new Error(`${before} is not in ${file}`);
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const next = text.slice(0, at) + after + text.slice(at + before.length);
  texts.set(file, next);
  const version = versions.get(file) + 1;
  versions.set(file, version);
  const started = performance.now();
  const done = published(uri(file));
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: uri(file), version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + before.length } }, text: after }],
  });
  await done;
  return performance.now() - started;
}

async function hovers(file, needle, count) {
  const text = texts.get(file);
  const at = text.indexOf(needle);
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line, character } });
    times.push(performance.now() - started);
  }
  return times;
}

/** A keystroke that changes the rendered output: a value toggled back and forth. */
async function keystrokes(file, pairs) {
  const times = [];
  for (let i = 0; i < a.edits; i++) {
    const [from, to] = pairs[i % 2];
    times.push(await edit(file, from, to));
  }
  return times;
}

// The machine's load before and after: figures from a loaded machine are only comparable with others from the same load.
const results = { loadBefore: loadavg().map((x) => Math.round(x * 100) / 100) };
const nginx = join(charts, 'bitnami-nginx');
step('bitnami nginx');
results.nginx = {
  open: await open(join(nginx, 'values.yaml')),
  valuesKeystroke: stats(
    await keystrokes(join(nginx, 'values.yaml'), [
      ['replicaCount: 1', 'replicaCount: 2'],
      ['replicaCount: 2', 'replicaCount: 1'],
    ]),
  ),
};
await open(join(nginx, 'templates/deployment.yaml'));
results.nginx.templateKeystroke = stats(
  await keystrokes(join(nginx, 'templates/deployment.yaml'), [
    ['kind: Deployment\n', 'kind: Deployment\n#\n'],
    ['kind: Deployment\n#\n', 'kind: Deployment\n'],
  ]),
);
results.nginx.hover = stats(await hovers(join(nginx, 'templates/deployment.yaml'), 'kind: Deployment', a.hovers));

const loki = join(charts, 'bitnami-grafana-loki');
step('bitnami grafana-loki');
results.loki = { open: await open(join(loki, 'values.yaml')) };
results.loki.valuesKeystroke = stats(
  await keystrokes(join(loki, 'values.yaml'), [
    ['  replicaCount: 1', '  replicaCount: 2'],
    ['  replicaCount: 2', '  replicaCount: 1'],
  ]),
);

results.peakRssMiB = rss();

const overlayPatch = join(argo, 'manifests/ha/base/overlays/argocd-repo-server-deployment.yaml');
step('argo-cd overlay');
results.overlay = { open: await open(overlayPatch) };
results.overlay.patchKeystroke = stats(
  await keystrokes(overlayPatch, [
    ['      containers:', '      # edited\n      containers:'],
    ['      # edited\n      containers:', '      containers:'],
  ]),
);

results.peakRssWithOverlayMiB = rss();
results.loadAfter = loadavg().map((x) => Math.round(x * 100) / 100);

finished = true;
await connection.sendRequest(lsp.ShutdownRequest.type);
await connection.sendNotification(lsp.ExitNotification.type);
child.kill();

const ms = (x) => `${Math.round(x)} ms`;
const verdict = (value, limit) => (value <= limit ? 'met' : `missed (${ms(value)} > ${ms(limit)})`);
const lines = [
  '| chart / overlay | open → first diagnostics | keystroke → diagnostics, median / p95 | hover p95 |',
  '|---|---|---|---|',
  `| bitnami nginx (+ common), values.yaml | ${ms(results.nginx.open)} | ${ms(results.nginx.valuesKeystroke.median)} / ${ms(results.nginx.valuesKeystroke.p95)} | ${results.nginx.hover.p95} ms |`,
  `| bitnami nginx, templates/deployment.yaml | | ${ms(results.nginx.templateKeystroke.median)} / ${ms(results.nginx.templateKeystroke.p95)} | |`,
  `| bitnami grafana-loki (+ 6 subcharts), values.yaml | ${ms(results.loki.open)} | ${ms(results.loki.valuesKeystroke.median)} / ${ms(results.loki.valuesKeystroke.p95)} | |`,
  `| argo-cd ha/namespace-install (61 resources), a patch | ${ms(results.overlay.open)} | ${ms(results.overlay.patchKeystroke.median)} / ${ms(results.overlay.patchKeystroke.p95)} | |`,
  '',
  `peak RSS of the server with both charts open: ${results.peakRssMiB} MiB; with the overlay too: ${results.peakRssWithOverlayMiB} MiB`,
  `load average (1, 5, 15 min) before: ${results.loadBefore.join(', ')}; after: ${results.loadAfter.join(', ')}`,
  '',
  '| target | verdict |',
  '|---|---|',
  `| chart keystroke ≤ 100 ms median (bitnami nginx, values.yaml) | ${verdict(results.nginx.valuesKeystroke.median, 100)} |`,
  `| chart hover p95 ≤ 20 ms (bitnami nginx) | ${verdict(results.nginx.hover.p95, 20)} |`,
  `| chart open ≤ 1 s (grafana-loki) | ${verdict(results.loki.open, 1000)} |`,
  `| overlay keystroke ≤ 50 ms median | ${verdict(results.overlay.patchKeystroke.median, 50)} |`,
  `| overlay open ≤ 500 ms | ${verdict(results.overlay.open, 500)} |`,
  `| peak RSS ≤ 300 MiB with both charts open | ${results.peakRssMiB <= 300 ? 'met' : `missed (${results.peakRssMiB} MiB)`} |`,
];
console.log(lines.join('\n'));
if (a.json) writeFileSync(a.json, JSON.stringify(results, null, 2));
