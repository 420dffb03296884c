// `npm test`: builds the project into out/ while the VS Code client and the
// webview page are type-checked beside it, then runs every test file but the
// slow ones (`test/slow/`, `*.slow.test.ts`: `npm run test:slow`) with
// `node --test`, as many files at a time as there are cores, at least two.
// Arguments are passed to `node --test` (e.g. --test-name-pattern).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * The test files that take longest, started first so that no runner is left
 * with a long one while the others are done. A file missing here only starts
 * later; a name here without its file is ignored.
 */
const longestFirst = [
  'conformance/suites.test.js',
  'webview/page.test.js',
  'simulation/properties.test.js',
  'engine/fast-paths.test.js',
  'sources/kustomize/kustomize.test.js',
  'parallel/pool.test.js',
  'engine/reading/kubectl-goldens.test.js',
  'lsp/incremental.test.js',
  'engine/schema.test.js',
  'engine/reading/reader.test.js',
];

/** Runs a command; its output goes to the terminal, or is kept when `keep` is set. */
function run(command, args, keep = false) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: keep ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (keep) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: `${command}: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function testFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(path));
    else if (entry.name.endsWith('.test.js') && !entry.name.endsWith('.slow.test.js')) files.push(path);
  }
  return files;
}

function ordered(files) {
  const tests = join(root, 'out', 'test');
  const rank = (file) => {
    const index = longestFirst.indexOf(relative(tests, file));
    return index < 0 ? longestFirst.length : index;
  };
  return files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

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
  const tests = join(root, 'out', 'test');
  const files = existsSync(tests) ? ordered(testFiles(tests).filter((file) => !relative(tests, file).startsWith('slow/'))) : [];
  if (files.length === 0) {
    console.error('npm test: no test file under out/test');
    status = 1;
  } else {
    const concurrency = Math.max(2, availableParallelism());
    testsPrinting = true;
    const tested = await run(process.execPath, [
      '--test',
      `--test-concurrency=${concurrency}`,
      ...process.argv.slice(2),
      ...files.map((file) => relative(root, file)),
    ]);
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
