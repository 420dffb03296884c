#!/usr/bin/env node
// @ts-check
// `npm run test:vscode`: the extension in a desktop VS Code, through
// @vscode/test-electron. VS Code comes from VSCODE_EXECUTABLE (a path to the
// `code` binary or to Electron's executable), or is downloaded when
// POD_LENS_VSCODE_DOWNLOAD=1 on a machine that may reach update.code.visualstudio.com.
// Without either, the suite is skipped with exit status 0: these machines and
// CI cannot download VS Code, and the real-editor test there is the code-server one.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '../..');

async function main() {
  const executable = process.env.VSCODE_EXECUTABLE;
  const download = process.env.POD_LENS_VSCODE_DOWNLOAD === '1';
  if (!executable && !download) {
    process.stdout.write(
      'test:vscode skipped: no VS Code executable; set VSCODE_EXECUTABLE to a desktop VS Code binary ' +
        '(or POD_LENS_VSCODE_DOWNLOAD=1 where it can be downloaded) to run it.\n',
    );
    return 0;
  }
  if (executable && !fs.existsSync(executable)) {
    process.stderr.write(`test:vscode: VSCODE_EXECUTABLE=${executable} does not exist\n`);
    return 1;
  }
  // The extension under test is the bundle that ships, not the unbundled build.
  const bundle = spawnSync(process.execPath, [path.join(root, 'client/scripts/bundle.js')], { stdio: 'inherit' });
  if (bundle.status !== 0) return 1;

  const { runTests } = require('@vscode/test-electron');
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'pod-lens-vscode-'));
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite/index.js'),
      launchArgs: [
        path.join(root, 'examples'),
        // Only Pod Lens: another YAML extension would make the results depend on the machine.
        '--disable-extensions',
        `--user-data-dir=${path.join(userData, 'user')}`,
        `--extensions-dir=${path.join(userData, 'extensions')}`,
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
      ],
      extensionTestsEnv: { POD_LENS_EXAMPLES: path.join(root, 'examples') },
    });
    return 0;
  } catch (error) {
    process.stderr.write(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
