#!/usr/bin/env node
// Pod Lens benchmark (`npm run bench`): the real server over stdio and the CLI on generated manifests
// of 100, 1000 and 5000 objects, with one `yaml` parse of each file for reference; with --peer,
// yaml-language-server with the Kubernetes schema on the same files in the same run, and ratios.
//
//   node bench/run.mjs [--sizes 100,1000,5000] [--runs 1] [--edits 10] [--hovers 30] [--codelens-reps 5]
//                      [--cli-runs 3] [--peer] [--peer-sizes 1000,5000] [--own-driver] [--no-sources] [--shared DIR]
//
// Uses ../shared/bench (or --shared DIR, or $POD_LENS_SHARED_BENCH: a copy of it, for a checkout elsewhere) (its generator, its driver lsp-bench.mjs, its yaml-language-server) when it is
// there; otherwise bench/gen.mjs and bench/driver.mjs, and no peer. Manifests go to bench/data,
// raw results to bench/results (both git-ignored). The peer needs `node k8s-schema.mjs` in
// ../shared/bench once, and takes minutes per run on the 5000-object file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import os from 'node:os';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedFlag = process.argv.indexOf('--shared');
const shared = resolve(
  repo,
  sharedFlag > 0 && process.argv[sharedFlag + 1] ? process.argv[sharedFlag + 1] : (process.env.POD_LENS_SHARED_BENCH ?? '../shared/bench'),
);
const dataDir = join(repo, 'bench/data');
const resultsDir = join(repo, 'bench/results');

const args = {
  sizes: [100, 1000, 5000],
  runs: 1,
  edits: 10,
  hovers: 30,
  codelensReps: 5,
  cliRuns: 3,
  peer: false,
  peerSizes: null,
  ownDriver: false,
  sources: true,
};
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i];
  const v = () => process.argv[++i];
  const list = (s) =>
    s
      .split(',')
      .map(Number)
      .filter((n) => n > 0);
  switch (k) {
    case '--sizes':
      args.sizes = list(v());
      break;
    case '--runs':
      args.runs = Number(v());
      break;
    case '--edits':
      args.edits = Number(v());
      break;
    case '--hovers':
      args.hovers = Number(v());
      break;
    case '--codelens-reps':
      args.codelensReps = Number(v());
      break;
    case '--cli-runs':
      args.cliRuns = Number(v());
      break;
    case '--peer':
      args.peer = true;
      break;
    case '--peer-sizes':
      args.peer = true;
      args.peerSizes = list(v());
      break;
    case '--no-sources':
      args.sources = false;
      break;
    case '--shared':
      v(); // read above
      break;
    case '--own-driver':
      args.ownDriver = true;
      break;
    case '-h':
    case '--help':
      console.log(
        'usage: node bench/run.mjs [--sizes 100,1000,5000] [--runs 1] [--edits 10] [--hovers 30] [--codelens-reps 5] [--cli-runs 3] [--peer] [--peer-sizes 1000,5000] [--own-driver] [--no-sources] [--shared DIR]',
      );
      process.exit(0);
    default:
      console.error(`unknown argument ${k}`);
      process.exit(2);
  }
}
const peerSizes = args.peer ? (args.peerSizes ?? args.sizes) : [];

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${result.status}): ${result.stderr?.slice(-2000)}`);
  return result.stdout;
}

// ---------------------------------------------------------------- build and data
if (!existsSync(join(repo, 'out/server/src/cli/main.js'))) {
  log('building (npx tsc -p .)');
  run('npx', ['tsc', '-p', '.'], { stdio: 'inherit' });
}

const sharedDriver = !args.ownDriver && existsSync(join(shared, 'lsp-bench.mjs')) && existsSync(join(shared, 'node_modules/vscode-languageserver-protocol'));
const sharedGenerator = existsSync(join(shared, 'gen.mjs')) && existsSync(join(shared, 'node_modules/yaml'));
mkdirSync(dataDir, { recursive: true });
mkdirSync(resultsDir, { recursive: true });
const file = (n) => join(dataDir, `k8s-${n}.yaml`);
const missing = args.sizes.filter((n) => !existsSync(file(n)));
if (missing.length) {
  log(`generating ${missing.join(', ')} objects with ${sharedGenerator ? '../shared/bench/gen.mjs' : 'bench/gen.mjs'}`);
  run(process.execPath, [sharedGenerator ? join(shared, 'gen.mjs') : join(repo, 'bench/gen.mjs'), '--out', dataDir, '--sizes', missing.join(',')], {
    stdio: 'inherit',
  });
}

let peerReady = false;
if (args.peer) {
  const schema = join(shared, 'data/settings-yls-k8s.json');
  if (!sharedDriver || !existsSync(join(shared, 'node_modules/yaml-language-server')))
    log('--peer needs ../shared/bench with its node_modules (cd ../shared/bench && npm ci): skipping the peer');
  else if (!existsSync(schema)) log('--peer needs the Kubernetes schema (cd ../shared/bench && node k8s-schema.mjs): skipping the peer');
  else peerReady = true;
}

// ---------------------------------------------------------------- measurements
const ourServer = `${process.execPath} ${join(repo, 'bin/pod-lens.js')} lsp --stdio`;
const driverOptions = [
  '--runs',
  String(args.runs),
  '--edits',
  String(args.edits),
  '--hovers',
  String(args.hovers),
  '--codelens-reps',
  String(args.codelensReps),
];

/** The language server(s) on one file: our summary, and the peer's when it ran in the same invocation. */
function measureServers(n) {
  if (!sharedDriver) {
    log(`${n}: pod-lens over stdio (bench/driver.mjs)`);
    return {
      ours: JSON.parse(
        run(process.execPath, [join(repo, 'bench/driver.mjs'), '--server', ourServer, '--file', file(n), ...driverOptions], {
          stdio: ['ignore', 'pipe', 'inherit'],
        }),
      ),
    };
  }
  const common = [join(shared, 'lsp-bench.mjs'), '--file', file(n), ...driverOptions, '--floor-reps', '0'];
  if (peerReady && peerSizes.includes(n)) {
    // The shared suite, with our server started directly (not through npx) and every path absolute.
    const suite = JSON.parse(readFileSync(join(shared, 'suites/pod-lens-vs-yls.json'), 'utf8')).map((target) => {
      const absolute = (p) => (p ? resolve(join(shared, 'suites'), p) : p);
      if (target.label === 'pod-lens') return { ...target, server: ourServer, settings: absolute(target.settings) };
      return {
        ...target,
        server: target.server.replace('../shared/bench/', `${shared}/`),
        settings: absolute(target.settings),
        contentDir: absolute(target.contentDir),
      };
    });
    const suiteFile = join(resultsDir, 'suite.json');
    writeFileSync(suiteFile, JSON.stringify(suite, null, 2));
    log(`${n}: yaml-language-server and pod-lens, interleaved (../shared/bench/lsp-bench.mjs --suite); the peer takes minutes`);
    const out = JSON.parse(
      run(process.execPath, [...common, '--suite', suiteFile, '--out', join(resultsDir, `suite-${n}.json`)], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    return { ours: out.targets.find((t) => t.label === 'pod-lens'), peer: out.targets.find((t) => t.label !== 'pod-lens') };
  }
  log(`${n}: pod-lens over stdio (../shared/bench/lsp-bench.mjs)`);
  const settings = join(shared, 'suites/ours-settings.example.json');
  return {
    ours: JSON.parse(
      run(
        process.execPath,
        [...common, '--server', ourServer, ...(existsSync(settings) ? ['--settings', settings] : []), '--out', join(resultsDir, `ours-${n}.json`)],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    ),
  };
}

/**
 * Spawn → answer to `initialize`, for a server command as an editor or the shared suite starts it.
 * The suite starts us with `npx --no-install pod-lens lsp --stdio`, and npx itself (npm's start-up)
 * takes several hundred milliseconds; the suite run above starts us directly so that its peak RSS is
 * our process's and not npm's, so the npx start is measured here, a few times, on its own.
 */
function timeInitialize(command) {
  return new Promise((resolveP, reject) => {
    const argv = command.split(' ');
    const t = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd: repo, stdio: ['pipe', 'pipe', 'ignore'] });
    const message = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    let answer = '';
    child.on('error', reject);
    // A command that exits without answering (npx finding no pod-lens in a checkout without it installed) is no measurement.
    child.on('exit', () => reject(new Error(`${command} exited without answering initialize`)));
    child.stdout.on('data', (d) => {
      answer += d;
      if (!answer.includes('"id":1')) return;
      const ms = performance.now() - t;
      child.kill();
      resolveP(ms);
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
  });
}

async function measureStarts(runs) {
  const suiteFile = join(shared, 'suites/pod-lens-vs-yls.json');
  const suiteCommand = existsSync(suiteFile) ? JSON.parse(readFileSync(suiteFile, 'utf8')).find((t) => t.label === 'pod-lens')?.server : null;
  const viaNpx = suiteCommand ?? 'npx --no-install pod-lens lsp --stdio';
  const direct = [];
  const npx = [];
  for (let i = 0; i < runs; i++) {
    direct.push(await timeInitialize(ourServer));
    npx.push(await timeInitialize(viaNpx).catch(() => null));
  }
  return { direct: median(direct), npx: npx.includes(null) ? null : median(npx), npxCommand: viaNpx };
}

/** Wall time of a fresh process, its output thrown away. */
function timeProcess(argv) {
  return new Promise((resolveP, reject) => {
    const t = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 || code === 1 ? resolveP(performance.now() - t) : reject(new Error(`${argv.join(' ')}: exit ${code} ${stderr.slice(-500)}`)),
    );
  });
}

const median = (xs) => {
  const v = [...xs].sort((p, q) => p - q);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

// One full parse with this repo's `yaml`, in a fresh process like the CLI: the floor any yaml-based tool pays.
const parseScript = `
const { readFileSync } = require('node:fs');
const { parseAllDocuments } = require(${JSON.stringify(join(repo, 'node_modules/yaml'))});
const text = readFileSync(process.argv[1], 'utf8');
const t = performance.now();
const docs = parseAllDocuments(text);
process.stdout.write(String(performance.now() - t));
if (!docs) process.exit(3);
`;

async function measureCli(n) {
  const cli = [];
  const parseWall = [];
  const parseInProcess = [];
  for (let i = 0; i < args.cliRuns; i++) {
    // Alternate, so that slow drift of a shared machine hits both alike.
    cli.push(await timeProcess([process.execPath, join(repo, 'bin/pod-lens.js'), 'analyze', '--format', 'json', '--fail-on', 'never', file(n)]));
    const t = performance.now();
    const out = run(process.execPath, ['-e', parseScript, file(n)]);
    parseWall.push(performance.now() - t);
    parseInProcess.push(Number(out));
  }
  return { cliMs: median(cli), parseProcessMs: median(parseWall), parseMs: median(parseInProcess) };
}

// ---------------------------------------------------------------- run
const results = [];
for (const n of args.sizes) {
  const servers = measureServers(n);
  log(`${n}: CLI and yaml parse, ${args.cliRuns} runs each`);
  const cli = await measureCli(n);
  results.push({ objects: n, bytes: statSync(file(n)).size, ...servers, ...cli });
}

log(`start → initialize: ${args.cliRuns * 2} starts each, directly and through npx`);
const starts = await measureStarts(args.cliRuns * 2);

// ---------------------------------------------------------------- report
const ms = (x) =>
  x == null
    ? '–'
    : x >= 10000
      ? `${(x / 1000).toFixed(1)} s`
      : x >= 1000
        ? `${(x / 1000).toFixed(2)} s`
        : x >= 10
          ? `${Math.round(x)} ms`
          : `${x.toFixed(1)} ms`;
const mib = (x) => (x == null ? '–' : `${Math.round(x)} MiB`);
const pair = (s) => (s && s.n ? `${ms(s.median)} / ${ms(s.p95)}` : '–');
const ratio = (a, b) => (a == null || b == null || !b ? '–' : a / b >= 10 ? `${Math.round(a / b)}×` : `${(a / b).toFixed(2)}×`);

const lines = [];
lines.push('Pod Lens (median / p95; peak RSS is VmHWM)', '');
lines.push(
  '| objects | file | start → initialize | open → first diagnostics | edit → diagnostics | hover | CodeLens | peak RSS | CLI analyze | yaml parse (in process / whole process) | CLI / parse process |',
);
lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const o = r.ours;
  lines.push(
    `| ${r.objects} | ${(r.bytes / 1e6).toFixed(2)} MB | ${ms(o.startToInitialize?.median)} | ${ms(o.openToFirstDiagnostics?.median)} | ${pair(o.editToDiagnostics)} | ${pair(o.hover)} | ${pair(o.codeLens)} | ${mib(o.peakRssMB?.median)} | ${ms(r.cliMs)} | ${ms(r.parseMs)} / ${ms(r.parseProcessMs)} | ${ratio(r.cliMs, r.parseProcessMs)} |`,
  );
}
const withPeer = results.filter((r) => r.peer);
if (withPeer.length) {
  lines.push('', 'yaml-language-server 1.25 with the Kubernetes schema, same files, same run (peer / pod-lens)', '');
  lines.push('| objects | start → initialize | open → first diagnostics | edit → diagnostics (median) | hover median | hover p95 | CodeLens p95 | peak RSS |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const r of withPeer) {
    const o = r.ours;
    const p = r.peer;
    const cell = (pv, ov, f = ms) => `${f(pv)} (${ratio(pv, ov)})`;
    lines.push(
      `| ${r.objects} | ${cell(p.startToInitialize?.median, o.startToInitialize?.median)} | ${cell(p.openToFirstDiagnostics?.median, o.openToFirstDiagnostics?.median)} | ` +
        `${cell(p.editToDiagnostics?.median, o.editToDiagnostics?.median)} | ${cell(p.hover?.median, o.hover?.median)} | ${cell(p.hover?.p95, o.hover?.p95)} | ` +
        `${typeof p.codeLens === 'object' ? cell(p.codeLens?.p95, o.codeLens?.p95) : 'not supported'} | ${cell(p.peakRssMB?.median, o.peakRssMB?.median, mib)} |`,
    );
  }
}
// The performance targets, judged on the largest file of this run (they are set for 5000 objects), and against the peer at every size.
const largest = results[results.length - 1];
if (largest) {
  const o = largest.ours;
  const p = largest.peer ?? null;
  const verdict = (value, limit, unit = ms) =>
    value == null || limit == null
      ? 'not measured'
      : value <= limit
        ? `met (${unit(value)} ≤ ${unit(limit)})`
        : `missed by ${unit(value - limit)} (${unit(value)} > ${unit(limit)})`;
  const editMedian = o.editToDiagnostics?.median;
  const peerLimit = (fraction, key) => (p?.[key]?.median != null ? p[key].median * fraction : null);
  const editLimit = [50, peerLimit(1 / 100, 'editToDiagnostics')].filter((x) => x != null);
  lines.push('', `Against the targets (set for 5000 objects; this file has ${largest.objects})`, '');
  lines.push('| target | verdict |', '|---|---|');
  lines.push(`| edit → diagnostics median ≤ 50 ms${p ? ' and ≤ 1/100 of the peer' : ''} | ${verdict(editMedian, Math.min(...editLimit))} |`);
  lines.push(`| hover p95 ≤ 5 ms | ${verdict(o.hover?.p95, 5)} |`);
  lines.push(`| CodeLens p95 ≤ 50 ms | ${verdict(o.codeLens?.p95, 50)} |`);
  lines.push(
    `| open → first diagnostics ≤ 1/4 of the peer | ${p ? verdict(o.openToFirstDiagnostics?.median, peerLimit(1 / 4, 'openToFirstDiagnostics')) : 'needs --peer'} |`,
  );
  lines.push(`| peak RSS ≤ 300 MiB | ${verdict(o.peakRssMB?.median, 300, mib)} |`);
  lines.push(`| start → initialize ≤ 150 ms (started directly) | ${verdict(starts.direct, 150)} |`);
  for (const r of results) {
    lines.push(
      `| ${r.objects} objects: CLI ≤ 1.2 × one \`yaml\` parse (whole process) | ${r.cliMs != null && r.parseProcessMs ? (r.cliMs <= 1.2 * r.parseProcessMs ? 'met' : 'missed') + ` (${ratio(r.cliMs, r.parseProcessMs)})` : 'not measured'} |`,
    );
  }
  const below = (ours, peer) =>
    ours == null || peer == null ? 'not measured' : ours < peer ? `met (${ms(ours)} < ${ms(peer)})` : `missed (${ms(ours)} ≥ ${ms(peer)})`;
  for (const r of withPeer) {
    lines.push(`| ${r.objects} objects: hover median below the peer's | ${below(r.ours.hover?.median, r.peer.hover?.median)} |`);
    lines.push(`| ${r.objects} objects: hover p95 below the peer's | ${below(r.ours.hover?.p95, r.peer.hover?.p95)} |`);
  }
}

lines.push(
  '',
  `start → initialize, median of ${args.cliRuns * 2} starts: ${ms(starts.direct)} as \`node bin/pod-lens.js lsp --stdio\`, ${ms(starts.npx)} as \`${starts.npxCommand}\` (npm's own start-up included)`,
);
lines.push(
  '',
  `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(
      ' ',
    )}, ${new Date().toISOString()}; driver: ${sharedDriver ? '../shared/bench/lsp-bench.mjs' : 'bench/driver.mjs'}, ${args.runs} run(s), ${args.edits} edits, ${args.hovers} hovers, ${args.codelensReps} CodeLens requests; CLI and parse: median of ${args.cliRuns}`,
);
if (args.sources) {
  log('charts and overlays: bench/sources.mjs');
  const sources = spawnSync(
    process.execPath,
    [join(repo, 'bench/sources.mjs'), '--edits', String(args.edits), '--hovers', String(args.hovers), '--json', join(resultsDir, 'sources.json')],
    {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  lines.push('', '### Charts and overlays', '', sources.stdout.trim());
}
const table = lines.join('\n');
console.log(table);
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify({ args, results, starts }, null, 2));
writeFileSync(join(resultsDir, 'latest.md'), `${table}\n`);
