#!/usr/bin/env node
// Bundles the simulation webview page (client/webview/simulation.ts and the
// protocol it shares with the extension host) into one script, and copies its
// stylesheet next to it: the webview may load files from that one folder only
// (localResourceRoots), and the page must not fetch anything else.
//
//   node scripts/bundle-webview.mjs [OUTDIR]      (default dist/webview)

import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function bundleWebview(outdir = path.join(root, 'dist', 'webview')) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'client', 'webview', 'simulation.ts')],
    outfile: path.join(outdir, 'simulation.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(path.join(root, 'client', 'webview', 'simulation.css'), path.join(outdir, 'simulation.css'));
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  bundleWebview(outdir).then(
    (dir) => console.log(`webview bundled into ${path.relative(process.cwd(), dir) || '.'}`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
