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

// The server reads its version from package.json by a path that is right for
// out/ but not for the sources; give every such import the two fields it
// needs instead of bundling the whole manifest.
const manifestPlugin = {
  name: 'package-json-version',
  setup(build) {
    build.onResolve({ filter: /(^|[\\/])package\.json$/ }, () => ({ path: 'package.json', namespace: 'manifest' }));
    build.onLoad({ filter: /.*/, namespace: 'manifest' }, () => {
      const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

async function main() {
  const server = path.join(root, 'server/src/lsp/main.ts');
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
      // The process entry: starts the server the way `pod-lens lsp` does.
      entryPoints: ['server/src/lsp/main.ts'],
      outfile: 'dist/server.js',
      // The server must never pull in the editor's API: it also runs under Neovim and Helix.
      external: [],
      plugins: [manifestPlugin],
    }),
    // The server's worker pool (server/src/parallel) starts `worker.js` beside itself: in the
    // bundle that is dist/worker.js, so big files are analyzed on two threads in VS Code too.
    esbuild.build({
      ...common,
      entryPoints: ['server/src/parallel/worker.ts'],
      outfile: 'dist/worker.js',
      external: [],
    }),
  ]);
}

main().catch((error) => {
  process.stderr.write(`bundle: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
