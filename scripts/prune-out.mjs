// Prepares out/ for the incremental build (`tsc -b`).
//
// Removes compiled files whose TypeScript source is gone. A module renamed to a
// directory (hover.ts → hover/index.ts) would otherwise keep winning
// require('./hover') with its stale hover.js.
//
// Removes the build info, so that the next build checks and emits everything,
// when the build cannot trust it: a compiled file is missing (tsc -b notices,
// but re-emits only the files whose source changed), or the dependencies were
// installed after it (tsc -b does not look at node_modules, whose types may have
// changed).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');
/** The `include` of tsconfig.json: what `tsc -b` compiles into out/. */
const sourceRoots = ['server/src', 'test', 'scripts'];

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

/** The first TypeScript source under `dir` whose compiled file is not in out/, if any. */
function sourceWithoutOutput(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = sourceWithoutOutput(path);
      if (found) return found;
      continue;
    }
    const match = /^(.*)\.(ts|mts)$/.exec(entry.name);
    if (!match || entry.name.endsWith('.d.ts')) continue;
    const compiled = join(out, relative(root, dir), `${match[1]}.${match[2] === 'mts' ? 'mjs' : 'js'}`);
    if (!existsSync(compiled)) return path;
  }
  return undefined;
}

/** The build info files of the projects built into out/ (the root project's and the client's type checks). */
function buildInfoFiles() {
  return existsSync(out) ? readdirSync(out).filter((name) => name.endsWith('.tsbuildinfo')) : [];
}

/** The build info files not to trust: all when the dependencies are newer, the root project's when one of its outputs is missing. */
function distrustedBuildInfo() {
  const infos = buildInfoFiles();
  const installed = join(root, 'node_modules', '.package-lock.json');
  const installedAt = existsSync(installed) ? statSync(installed).mtimeMs : 0;
  const distrusted = infos.filter((name) => statSync(join(out, name)).mtimeMs < installedAt);
  const rootInfo = 'tsconfig.tsbuildinfo';
  if (infos.includes(rootInfo) && !distrusted.includes(rootInfo)) {
    if (sourceRoots.some((dir) => existsSync(join(root, dir)) && sourceWithoutOutput(join(root, dir)))) distrusted.push(rootInfo);
  }
  return distrusted;
}

prune(out);
for (const name of distrustedBuildInfo()) rmSync(join(out, name));
