import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The package version, found by walking up from this file: the compiled
 * tree (out/server/src) and the bundle (dist/) sit at different depths.
 */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
        if (manifest.name === 'pod-lens' && manifest.version) return manifest.version;
      } catch {
        // Not ours or unreadable: keep walking up.
      }
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}
