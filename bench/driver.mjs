#!/usr/bin/env node
// Fallback LSP driver, for a clone without ../shared/bench: the measurements of
// ../shared/bench/lsp-bench.mjs (same names, same edit target and hover positions), one server only.
//
//   node bench/driver.mjs --server "node bin/pod-lens.js lsp --stdio" --file F.yaml [--runs 1] [--edits 10] [--hovers 30] [--codelens-reps 5]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { stats } from './stats.mjs';

export { stats };

const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver-protocol/node');

const a = { runs: 1, edits: 10, hovers: 30, codelensReps: 5 };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i];
  const v = process.argv[++i];
  if (k === '--server') a.server = v;
  else if (k === '--file') a.file = resolve(v);
  else if (k === '--runs') a.runs = Number(v);
  else if (k === '--edits') a.edits = Number(v);
  else if (k === '--hovers') a.hovers = Number(v);
  else if (k === '--codelens-reps') a.codelensReps = Number(v);
  else throw new Error(`unknown argument ${k}`);
}

function resourceValues(lines) {
  const out = [];
  const re = /^(\s*)(cpu|memory)\s*:\s*(\S.*?)\s*(#.*)?$/;
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (!m) continue;
    const start = lines[i].indexOf(m[3], m[1].length + m[2].length);
    let parent = null;
    for (let j = i - 1; j >= 0 && j > i - 8; j--) {
      const pm = /^(\s*)(?:-\s+)?([A-Za-z0-9_.-]+)\s*:\s*$/.exec(lines[j]);
      const ind = lines[j].search(/\S/);
      if (ind >= 0 && ind < m[1].length) {
        parent = pm ? pm[2] : null;
        break;
      }
    }
    out.push({ line: i, start, end: start + m[3].length, key: m[2], parent });
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function oneRun(text, uri) {
  const res = { editMs: [], hoverMs: [], codeLensMs: [] };
  const argv = a.server.split(/\s+/);
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = lsp.createProtocolConnection(new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
  let waiter = null;
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === uri && waiter && (p.version == null || p.version >= waiter.version)) {
      const w = waiter;
      waiter = null;
      w.resolve({ t: performance.now(), count: p.diagnostics.length });
    }
  });
  conn.onRequest('workspace/configuration', (p) => (p.items || []).map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const waitDiag = (version) =>
    new Promise((resolveP) => {
      waiter = { version, resolve: resolveP };
    });
  await conn.sendRequest(lsp.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  res.startMs = performance.now() - t0;
  await conn.sendNotification(lsp.InitializedNotification.type, {});
  await sleep(500);
  const lines = text.split('\n');
  let version = 1;
  const opened = waitDiag(1);
  const tOpen = performance.now();
  await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  res.openMs = (await opened).t - tOpen;
  await sleep(1000);
  const values = resourceValues(lines);
  let cands = values.filter((v) => v.key === 'cpu' && v.parent === 'requests');
  if (!cands.length) cands = values;
  const target = cands.reduce((b, v) => (Math.abs(v.line - lines.length / 2) < Math.abs(b.line - lines.length / 2) ? v : b));
  let end = target.end;
  for (let k = 1; k <= a.edits; k++) {
    const value = `${100 + k}m`;
    const range = { start: { line: target.line, character: target.start }, end: { line: target.line, character: end } };
    end = target.start + value.length;
    version++;
    const p = waitDiag(version);
    const t = performance.now();
    await conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: value }] });
    res.editMs.push((await p).t - t);
    await sleep(20);
  }
  await sleep(300);
  const k = Math.min(a.hovers, values.length);
  for (let i = 0; i < k; i++) {
    const v = values[Math.floor(((i + 0.5) * values.length) / k)];
    const t = performance.now();
    await conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: v.line, character: v.start + Math.min(1, v.end - v.start - 1) } });
    res.hoverMs.push(performance.now() - t);
  }
  for (let i = 0; i < a.codelensReps; i++) {
    const t = performance.now();
    await conn.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri } });
    res.codeLensMs.push(performance.now() - t);
  }
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  res.peakRssMB = status ? Number(status[1]) / 1024 : null;
  await conn.sendRequest(lsp.ShutdownRequest.type);
  await conn.sendNotification(lsp.ExitNotification.type);
  conn.dispose();
  child.kill();
  return res;
}

const text = readFileSync(a.file, 'utf8');
const uri = pathToFileURL(a.file).href;
const runs = [];
for (let i = 0; i < a.runs; i++) runs.push(await oneRun(text, uri));
const per = (key) => runs.map((r) => r[key]);
const all = (key) => runs.flatMap((r) => r[key]);
console.log(
  JSON.stringify(
    {
      file: a.file,
      runs: a.runs,
      startToInitialize: stats(per('startMs')),
      openToFirstDiagnostics: stats(per('openMs')),
      editToDiagnostics: stats(all('editMs')),
      hover: stats(all('hoverMs')),
      codeLens: stats(all('codeLensMs')),
      peakRssMB: stats(per('peakRssMB')),
    },
    null,
    2,
  ),
);
