// @ts-check
// Runs inside the VS Code extension host (loaded by @vscode/test-electron).
// A small sequential runner rather than mocha: the project has no test
// framework besides node:test, which does not run inside the extension host.
'use strict';
const assert = require('assert/strict');
const path = require('path');
const vscode = require('vscode');

const extensionId = 'pod-lens.pod-lens';
const examples = process.env.POD_LENS_EXAMPLES || path.resolve(__dirname, '../../../examples');

/** @type {{ name: string, fn: () => Promise<void> }[]} */
const tests = [];
/** @param {string} name @param {() => Promise<void>} fn */
const test = (name, fn) => tests.push({ name, fn });

/**
 * Polls until `probe` returns a truthy value: the server answers
 * asynchronously and analyses after a debounce.
 * @template T
 * @param {() => Promise<T> | T} probe
 * @param {string} what
 * @returns {Promise<NonNullable<T>>}
 */
async function eventually(probe, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** @param {string} name */
async function open(name) {
  const document = await vscode.workspace.openTextDocument(path.join(examples, name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** @param {vscode.TextDocument} document @param {string} needle the position is the start of the needle's last word */
function positionOf(document, needle) {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in ${document.fileName}`);
  return document.positionAt(offset + needle.length - 1);
}

/** @param {vscode.Hover[]} hovers */
function hoverText(hovers) {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** @param {vscode.Diagnostic} diagnostic */
const codeOf = (diagnostic) => (typeof diagnostic.code === 'object' && diagnostic.code !== null ? String(diagnostic.code.value) : String(diagnostic.code));

test('the extension activates on a YAML file', async () => {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  await open('web-deployment.yaml');
  await eventually(() => extension.isActive, 'activation');
  const commands = await vscode.commands.getCommands(true);
  for (const command of ['podLens.showReasons', 'podLens.simulate', 'podLens.restartServer']) {
    assert.ok(commands.includes(command), `${command} is registered`);
  }
});

test('hovering a CPU request shows the cgroup numbers', async () => {
  const document = await open('web-deployment.yaml');
  const position = positionOf(document, 'cpu: 100m');
  const text = await eventually(async () => {
    const hovers = /** @type {vscode.Hover[]} */ (await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position));
    return hoverText(hovers);
  }, 'a hover');
  assert.match(text, /cpu\.(shares|weight)/);
  assert.match(text, /\b\d+\b/);
});

test('the CodeLens above a workload shows its QoS class and opens the reasons', async () => {
  const document = await open('web-deployment.yaml');
  const lenses = await eventually(async () => {
    const found = /** @type {vscode.CodeLens[]} */ (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri, 10));
    return found.some((lens) => lens.command) ? found : undefined;
  }, 'CodeLenses');
  const titles = lenses.map((lens) => lens.command?.title ?? '');
  assert.ok(
    titles.some((title) => /Guaranteed|Burstable|BestEffort/.test(title)),
    titles.join(' | '),
  );
  assert.ok(
    lenses.some((lens) => lens.command?.command === 'podLens.showReasons'),
    'a lens shows the reasons',
  );
  assert.ok(
    lenses.some((lens) => lens.command?.command === 'podLens.simulate'),
    'a lens opens the simulation',
  );
});

test('a request above its limit is an error at the value', async () => {
  const document = await open('unit-mistakes.yaml');
  const diagnostics = await eventually(() => {
    const found = vscode.languages.getDiagnostics(document.uri);
    return found.some((d) => codeOf(d) === 'request-exceeds-limit') ? found : undefined;
  }, 'the request-exceeds-limit diagnostic');
  const error = diagnostics.find((d) => codeOf(d) === 'request-exceeds-limit');
  assert.equal(error?.severity, vscode.DiagnosticSeverity.Error);
  assert.ok(
    diagnostics.some((d) => codeOf(d) === 'memory-millibytes'),
    'memory: 128m is flagged',
  );
});

test('YAML that is not a Kubernetes object gets nothing', async () => {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: demo\ncpu: 1Gi\nmemory: 128m\n' });
  await vscode.window.showTextDocument(document);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
});

test('restarting the server keeps the features', async () => {
  await vscode.commands.executeCommand('podLens.restartServer');
  const document = await open('web-deployment.yaml');
  const position = positionOf(document, 'cpu: 100m');
  await eventually(async () => {
    const hovers = /** @type {vscode.Hover[]} */ (await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position));
    return hoverText(hovers);
  }, 'a hover after the restart');
});

/** Entry point called by @vscode/test-electron. */
async function run() {
  const failures = [];
  for (const { name, fn } of tests) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (error) {
      failures.push(name);
      console.log(`not ok - ${name}\n  ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  console.log(`${tests.length - failures.length}/${tests.length} passed`);
  if (failures.length > 0) throw new Error(`${failures.length} VS Code test(s) failed: ${failures.join('; ')}`);
}

module.exports = { run };
