// Removes compiled files in out/ whose TypeScript source is gone. A module
// renamed to a directory (hover.ts → hover/index.ts) would otherwise keep
// winning require('./hover') with its stale hover.js.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'out');

function prune(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(path);
      continue;
    }
    const match = /^(.*)\.(js|js\.map|d\.ts)$/.exec(entry.name);
    if (!match) continue;
    const source = join(root, relative(out, dir), match[1]);
    if (!existsSync(`${source}.ts`) && !existsSync(`${source}.mts`)) rmSync(path);
  }
}

prune(out);
