#!/usr/bin/env node
// Bundles the extension and the language server into dist/ for the .vsix:
// one file each, so that the package carries no node_modules tree and the
// server starts without resolving hundreds of modules.
// `--dev` keeps them readable with source maps, for debugging from a clone.
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '../..');
const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev,
  logLevel: 'warning',
  absWorkingDir: root,
  // Keeps `Error.name`-style checks and stack traces readable in logs.
  keepNames: true,
};

async function main() {
  const server = path.join(root, 'server/src/lsp/server.ts');
  if (!fs.existsSync(server)) throw new Error(`${path.relative(root, server)} does not exist yet: the language server is needed for the bundle`);
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: 'dist/client.js',
      // Provided by the extension host; never bundled.
      external: ['vscode'],
    }),
    esbuild.build({
      ...common,
      entryPoints: ['server/src/lsp/server.ts'],
      outfile: 'dist/server.js',
      // The server must never pull in the editor's API: it also runs under Neovim and Helix.
      external: [],
    }),
  ]);
}

main().catch((error) => {
  process.stderr.write(`bundle: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
