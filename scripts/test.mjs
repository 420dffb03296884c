// `npm test`: builds the project into out/ while the VS Code client and the
// webview page are type-checked beside it, then runs every test file but the
// slow ones (`test/slow/`, `*.slow.test.ts`: `npm run test:slow`) with
// `node --test`, as many processes at a time as there are cores, at least two.
//
// Loading Node and the engine costs a test process about a third of a second,
// more than most test files take: the files of each directory under test/ run
// together in one process, but for a few that get their own (`ownProcess`).
// `npm test -- --isolated` runs every file in its own process; other
// arguments are passed to `node --test` (e.g. --test-name-pattern=…).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tests = join(root, 'out', 'test');
/** Where the file of each directory's process goes: out/, beside the tests, rewritten at every run. */
const groups = join(root, 'out', 'test-groups');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Files that run in their own process rather than with their directory.
 * conformance/suites and webview/page take longest: alone, they start first.
 * helm-behaviour: its recursion tests need the JavaScript stack to outlast
 * Helm's depth bound of 1000, and how deep the stack goes depends on what the
 * process ran before (after the other Helm tests, the stack runs out first and
 * the template engine reports that limit instead of Helm's).
 */
const ownProcess = ['conformance/suites.test.js', 'webview/page.test.js', 'sources/helm/template/helm-behaviour.test.js'];

/**
 * The order to start the processes in, longest first, so that no runner is
 * left with a long one while the others are done: files of `ownProcess`, and
 * directories under out/test for the process of their other files. Those not
 * named here start after them, the directories with most files first.
 */
const startOrder = ['conformance/suites.test.js', 'webview/page.test.js', 'engine', 'lsp', 'sources', 'simulation', 'parallel'];

/**
 * The test processes' environment: a young generation of 32 MB instead of 16,
 * about half as many collections in the allocation-heavy tests (the
 * conformance suites use a tenth less CPU).
 */
const testEnvironment = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-semi-space-size=32'].filter(Boolean).join(' ') };

/** Runs a command; its output goes to the terminal, or is kept when `keep` is set. */
function run(command, args, keep = false, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: keep ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (keep) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: `${command}: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** The test files under out/test but the slow ones, as paths relative to it, sorted. */
function testFiles(dir = tests) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(path));
    else if (entry.name.endsWith('.test.js') && !entry.name.endsWith('.slow.test.js')) files.push(relative(tests, path));
  }
  return files.filter((file) => !file.startsWith(`slow${sep}`)).sort();
}

/**
 * The processes to run, in `startOrder`, each as the test files it requires:
 * the files of `ownProcess` alone, the others with those of their directory
 * under out/test (`isolated`: every file alone).
 */
function processes(files, isolated) {
  const alone = isolated ? files : ownProcess.filter((file) => files.includes(file));
  const grouped = new Map(alone.map((file) => [file, [file]]));
  for (const file of files.filter((file) => !alone.includes(file))) {
    const directory = file.includes(sep) ? file.slice(0, file.indexOf(sep)) : 'top-level';
    grouped.set(directory, [...(grouped.get(directory) ?? []), file]);
  }
  const rank = (name) => (startOrder.includes(name) ? startOrder.indexOf(name) : startOrder.length);
  return [...grouped].sort(([a, x], [b, y]) => rank(a) - rank(b) || y.length - x.length || (a < b ? -1 : 1));
}

/**
 * Writes a file into out/test-groups/ for each process, which requires its test
 * files. `node --test` starts the files it is given in the order of their paths:
 * the names begin with the place of the process in the order.
 */
function entries(files, isolated) {
  rmSync(groups, { recursive: true, force: true });
  mkdirSync(groups, { recursive: true });
  return processes(files, isolated).map(([name, members], index) => {
    const entry = join(groups, `${String(index + 1).padStart(3, '0')}-${name.replace(/\.test\.js$/, '').replaceAll(sep, '-')}.test.js`);
    writeFileSync(entry, members.map((file) => `require(${JSON.stringify(join(tests, file))});\n`).join(''));
    return entry;
  });
}

const args = process.argv.slice(2);
const isolated = args.includes('--isolated');
const forwarded = args.filter((arg) => arg !== '--isolated');

const pruned = await run(process.execPath, [join(root, 'scripts', 'prune-out.mjs')]);
if (pruned.code !== 0) process.exit(pruned.code);

// The client's errors wait while the tests print, and come after them.
let testsPrinting = false;
const clientCheck = run(process.execPath, [tsc, '-b', 'client', 'client/webview'], true).then((result) => {
  if (testsPrinting) return result;
  process.stdout.write(result.output);
  return { ...result, output: '' };
});

const built = await run(process.execPath, [tsc, '-b', '.']);
let status = built.code;
if (status === 0) {
  const files = existsSync(tests) ? testFiles() : [];
  if (files.length === 0) {
    console.error('npm test: no test file under out/test');
    status = 1;
  } else {
    const concurrency = Math.max(2, availableParallelism());
    testsPrinting = true;
    const tested = await run(
      process.execPath,
      ['--test', `--test-concurrency=${concurrency}`, ...forwarded, ...entries(files, isolated)],
      false,
      testEnvironment,
    );
    status = tested.code;
  }
}
const checked = await clientCheck;
process.stdout.write(checked.output);
if (checked.code !== 0) {
  console.error('npm test: the VS Code client or the webview page does not type-check (tsc -b client client/webview)');
  status ||= checked.code;
}
process.exitCode = status;
