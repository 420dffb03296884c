/**
 * `npm run fuzz`: the robustness properties of `suite.ts` with fresh random
 * seeds, for as long as asked.
 *
 *   node out/test/fuzz/run.js [--minutes N | --seconds N] [--hang-ms N] [--only NAME[,NAME]]
 *   node out/test/fuzz/run.js --property NAME --seed S      replay one case
 *
 * Every case is one fast-check run with its own seed, so any case (the
 * slowest, a hang, a failure) replays exactly from its property and seed.
 * The cases run in a worker thread: the engine is synchronous, so only
 * another thread can notice a case that never returns, stop it and say which
 * seed it was.
 *
 * `server-requests` drives the language server process instead: one process
 * for the whole run (restarted, and counted, if it dies), one request
 * sequence per case.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AssertionError } from 'node:assert';
import fc from 'fast-check';
import { findProperty, suite } from './suite';
import { type Counters, newCounters } from './properties';
import { firstFailureOfCase, resetFirstFailure, serverLimits, stopSharedServer } from './server';

interface Options {
  seconds: number;
  hangMs: number;
  only: string[] | null;
  replay: { property: string; seed: number } | null;
}

const usage = `usage: npm run fuzz -- [--minutes N | --seconds N] [--hang-ms N] [--only NAME[,NAME...]]
       npm run fuzz -- --property NAME --seed S     (replay one case)
properties: ${suite.map((p) => p.name).join(', ')}
`;

function parseOptions(argv: string[]): Options {
  const options: Options = { seconds: 60, hangMs: 5000, only: null, replay: null };
  let property: string | null = null;
  let seed: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: not a number: '${v}'`);
      return n;
    };
    switch (flag) {
      case '--minutes':
        options.seconds = number(value()) * 60;
        break;
      case '--seconds':
        options.seconds = number(value());
        break;
      case '--hang-ms':
        options.hangMs = number(value());
        break;
      case '--only':
        options.only = value().split(',');
        break;
      case '--property':
        property = value();
        break;
      case '--seed': {
        const v = value();
        if (!/^-?\d+$/.test(v)) throw new Error(`--seed: not a whole number: '${v}'`);
        seed = Number(v) | 0;
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option '${argv[i]}'`);
    }
  }
  for (const name of [...(options.only ?? []), ...(property ? [property] : [])]) {
    if (!findProperty(name)) throw new Error(`no property '${name}'`);
  }
  if (seed !== null) {
    if (!property) throw new Error('--seed replays one case: give its --property too');
    options.replay = { property, seed };
  }
  return options;
}

// ---------------------------------------------------------------- one case

type Failure = { kind: 'crash' | 'property'; property: string; seed: number; report: string };

/** Shrinking a server sequence replays it on the process each time: bounded, the best counterexample so far is reported. */
const SHRINK_LIMIT_MS = 180_000;

async function runCase(name: string, seed: number, counters: Counters): Promise<Failure | null> {
  const property = findProperty(name)!;
  resetFirstFailure();
  const result = property.async
    ? await fc.check(
        fc.asyncProperty(property.arbitrary, (value) => property.check(value, counters) as Promise<void>),
        { seed, numRuns: 1, interruptAfterTimeLimit: SHRINK_LIMIT_MS },
      )
    : fc.check(
        fc.property(property.arbitrary, (value) => void property.check(value, counters)),
        { seed, numRuns: 1 },
      );
  if (!result.failed) return null;
  const error = result.errorInstance;
  // An assertion is a property the engine broke; anything else is the engine (or a generator) throwing.
  const kind = error instanceof AssertionError ? 'property' : 'crash';
  const message = error instanceof Error ? (kind === 'crash' ? (error.stack ?? error.message) : error.message) : String(error);
  const counterexample = result.counterexample ? fc.stringify(result.counterexample[0]) : '(none)';
  return {
    kind,
    property: name,
    seed,
    report:
      `minimal counterexample (after ${result.numShrinks} shrinks):\n${counterexample}\n\n${message}` +
      (property.async && firstFailureOfCase() && firstFailureOfCase() !== message ? `\n\nbefore shrinking it failed with:\n${firstFailureOfCase()}` : ''),
  };
}

// ---------------------------------------------------------------- the worker

interface Progress {
  cases: number;
  counters: Counters;
  perProperty: Record<string, { cases: number; maxMs: number; totalMs: number }>;
  hangs: { property: string; seed: number; ms: number }[];
  slowest: { property: string; seed: number; ms: number } | null;
}

/** Shared with the main thread: [case number, property index, seed], written before each case. */
const CURRENT_CASE = 0;
const CURRENT_PROPERTY = 1;
const CURRENT_SEED = 2;

async function workerMain(): Promise<void> {
  const { seconds, hangMs, only, state } = workerData as { seconds: number; hangMs: number; only: string[] | null; state: SharedArrayBuffer };
  serverLimits.requestTimeoutMs = hangMs;
  const current = new Int32Array(state);
  const chosen = suite.filter((p) => !only || only.includes(p.name));
  const wheel = chosen.flatMap((p) => Array<string>(p.weight).fill(p.name));
  const progress: Progress = { cases: 0, counters: newCounters(), perProperty: {}, hangs: [], slowest: null };
  for (const p of chosen) progress.perProperty[p.name] = { cases: 0, maxMs: 0, totalMs: 0 };
  const deadline = Date.now() + seconds * 1000;
  let lastReport = Date.now();
  while (Date.now() < deadline) {
    const name = wheel[progress.cases % wheel.length];
    // Fresh seeds from the platform's generator: a run never repeats another's cases.
    const seed = Math.floor(Math.random() * 2 ** 31);
    Atomics.store(
      current,
      CURRENT_PROPERTY,
      suite.findIndex((p) => p.name === name),
    );
    Atomics.store(current, CURRENT_SEED, seed);
    Atomics.add(current, CURRENT_CASE, 1);
    const started = performance.now();
    const failure = await runCase(name, seed, progress.counters);
    const ms = performance.now() - started;
    progress.cases++;
    const stats = progress.perProperty[name];
    stats.cases++;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (!progress.slowest || ms > progress.slowest.ms) progress.slowest = { property: name, seed, ms };
    if (failure) {
      await stopSharedServer();
      parentPort!.postMessage({ type: 'failure', failure, progress });
      return;
    }
    // A server sequence waits out the hold-back of syntax errors and many answers: its bound is per request.
    if (ms > hangMs && !findProperty(name)!.async) progress.hangs.push({ property: name, seed, ms });
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      parentPort!.postMessage({ type: 'progress', progress });
    }
  }
  await stopSharedServer();
  parentPort!.postMessage({ type: 'done', progress });
}

// ---------------------------------------------------------------- the main thread

function summary(progress: Progress, seconds: number, hangMs: number, failure: Failure | null, watchdog: Failure | null): string {
  const c = progress.counters;
  const lines = [
    `pod-lens fuzz: ${progress.cases} cases in ${seconds.toFixed(0)} s (${Object.keys(progress.perProperty).length} properties, fresh seeds)`,
    `  documents analyzed  ${c.documents}`,
    `  edits applied       ${c.edits} (each followed by reanalyze = analyzeText)`,
    `  fixes applied       ${c.fixes} (each re-analyzed: parses, others unchanged, finding gone, comments kept)`,
    `  simulations         ${c.simulations}`,
    `  quantities          ${c.quantities}`,
    `  requests            ${c.requests} in ${c.sequences} server sequences, with ${c.serverEdits} edits (answered, positions inside, diagnostics = fresh analysis)`,
    `  server crashes      ${c.serverCrashes}${failure?.property === 'server-requests' && failure.kind === 'property' && /server died|exited/.test(failure.report) ? ' (+1: the failure below)' : ''}`,
    `  request timeouts    ${c.timeouts} (> ${hangMs} ms unanswered)`,
    `  crashes             ${failure?.kind === 'crash' ? 1 : 0}`,
    `  property failures   ${failure?.kind === 'property' ? 1 : 0}`,
    `  hangs (> ${hangMs} ms)   ${progress.hangs.length + (watchdog ? 1 : 0)}`,
  ];
  if (c.requests > 0) lines.push(`  slowest request     ${c.slowestRequestMs.toFixed(0)} ms: ${c.slowestRequest}`);
  if (progress.slowest) {
    const s = progress.slowest;
    lines.push(`  slowest case        ${s.ms.toFixed(0)} ms: ${s.property} (replay: npm run fuzz -- --property ${s.property} --seed ${s.seed})`);
  }
  lines.push('  per property        cases   mean ms   max ms');
  for (const [name, stats] of Object.entries(progress.perProperty)) {
    const mean = stats.cases ? stats.totalMs / stats.cases : 0;
    lines.push(`    ${name.padEnd(22)}${String(stats.cases).padStart(6)}${mean.toFixed(1).padStart(10)}${stats.maxMs.toFixed(0).padStart(9)}`);
  }
  for (const hang of progress.hangs.slice(0, 10)) {
    lines.push(`  hang: ${hang.ms.toFixed(0)} ms ${hang.property} (replay: npm run fuzz -- --property ${hang.property} --seed ${hang.seed})`);
  }
  return lines.join('\n') + '\n';
}

async function replay(property: string, seed: number): Promise<number> {
  const started = performance.now();
  const failure = await runCase(property, seed, newCounters());
  await stopSharedServer();
  const ms = performance.now() - started;
  if (failure) {
    process.stdout.write(`${property} seed ${seed}: FAILED (${failure.kind}) in ${ms.toFixed(0)} ms\n${failure.report}\n`);
    return 1;
  }
  process.stdout.write(`${property} seed ${seed}: ok in ${ms.toFixed(0)} ms\n`);
  return 0;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  serverLimits.requestTimeoutMs = options.hangMs;
  if (options.replay) return replay(options.replay.property, options.replay.seed);

  const state = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const current = new Int32Array(state);
  const started = Date.now();
  process.stdout.write(`pod-lens fuzz: ${options.seconds} s, a case over ${options.hangMs} ms counts as a hang\n`);
  const worker = new Worker(__filename, { workerData: { seconds: options.seconds, hangMs: options.hangMs, only: options.only, state } });
  // A case that never returns blocks the worker: the watchdog ends it and names the case.
  const stuckAfterMs = Math.max(30_000, options.hangMs * 10);
  return new Promise<number>((resolve) => {
    let last: Progress = { cases: 0, counters: newCounters(), perProperty: {}, hangs: [], slowest: null };
    let seenCase = -1;
    let seenAt = Date.now();
    const finish = (code: number, failure: Failure | null, watchdog: Failure | null) => {
      clearInterval(timer);
      const elapsed = (Date.now() - started) / 1000;
      process.stdout.write(summary(last, elapsed, options.hangMs, failure, watchdog));
      const reported = failure ?? watchdog;
      if (reported) {
        process.stdout.write(
          `\nFAILED: ${reported.kind} in ${reported.property} (replay: npm run fuzz -- --property ${reported.property} --seed ${reported.seed})\n${reported.report}\n`,
        );
      }
      resolve(code);
    };
    const timer = setInterval(() => {
      const caseNumber = Atomics.load(current, CURRENT_CASE);
      if (caseNumber !== seenCase) {
        seenCase = caseNumber;
        seenAt = Date.now();
        return;
      }
      const property = suite[Atomics.load(current, CURRENT_PROPERTY)]?.name ?? '?';
      // A server case may spend its shrinking budget replaying sequences; its own hangs are request timeouts.
      const limit = findProperty(property)?.async ? SHRINK_LIMIT_MS + 120_000 : stuckAfterMs;
      if (Date.now() - seenAt < limit) return;
      const seed = Atomics.load(current, CURRENT_SEED);
      void worker.terminate();
      worker.removeAllListeners();
      finish(1, null, { kind: 'crash', property, seed, report: `the case did not return within ${limit / 1000} s` });
    }, 1000);
    worker.on('message', (message: { type: string; progress: Progress; failure?: Failure }) => {
      last = message.progress;
      if (message.type === 'progress') {
        const c = last.counters;
        const elapsed = ((Date.now() - started) / 1000).toFixed(0);
        process.stdout.write(
          `  ${elapsed} s: ${last.cases} cases, ${c.documents} documents, ${c.edits} edits, ${c.fixes} fixes, ${c.requests} requests, ${last.hangs.length} hangs\n`,
        );
      } else if (message.type === 'failure') {
        finish(1, message.failure!, null);
      } else {
        finish(last.hangs.length > 0 ? 1 : 0, null, null);
      }
    });
    worker.on('error', (error) => {
      finish(
        1,
        {
          kind: 'crash',
          property: suite[Atomics.load(current, CURRENT_PROPERTY)]?.name ?? '?',
          seed: Atomics.load(current, CURRENT_SEED),
          report: String(error.stack ?? error),
        },
        null,
      );
    });
  });
}

if (isMainThread) {
  void main().then((code) => process.exit(code));
} else {
  void workerMain();
}
