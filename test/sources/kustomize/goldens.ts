/**
 * The golden cases under test/data/kustomize/cases: each a real tree, the
 * directory to build, and what kubectl kustomize (v1.32, kustomize v5.5.0)
 * printed or the error it failed with. Shared by the test and the report script.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { DirectoryEntry, ReadonlyFileSystem } from '../../../server/src/sources/files';
import { buildKustomization, type BuildResult } from '../../../server/src/sources/kustomize/build';

export const casesDir = path.resolve(__dirname, '../../../../test/data/kustomize/cases');

/** The disk, read-only, as the CLI would give it. */
export class DiskFileSystem implements ReadonlyFileSystem {
  readText(p: string): string | undefined {
    try {
      if (!statSync(p).isFile()) return undefined;
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  }
  readBytes(p: string): Uint8Array | undefined {
    try {
      if (!statSync(p).isFile()) return undefined;
      return readFileSync(p);
    } catch {
      return undefined;
    }
  }
  list(p: string): DirectoryEntry[] | undefined {
    try {
      return readdirSync(p, { withFileTypes: true }).map((d) => ({ name: d.name, isDirectory: d.isDirectory() }));
    } catch {
      return undefined;
    }
  }
}

export interface GoldenCase {
  name: string;
  dir: string;
  /** The tree: the case's own `tree/`, or a shared one under `trees/` named by `tree.txt`. */
  tree: string;
  overlay: string;
  expected?: string;
  expectedError?: string;
}

export function loadCases(): GoldenCase[] {
  return readdirSync(casesDir)
    .filter((name) => existsSync(path.join(casesDir, name, 'overlay.txt')))
    .sort()
    .map((name) => {
      const dir = path.join(casesDir, name);
      const read = (f: string): string | undefined => {
        const file = path.join(dir, f);
        if (existsSync(file)) return readFileSync(file, 'utf8');
        // The big goldens (argo-cd's CRDs) are kept gzipped, as kubectl printed them.
        return existsSync(`${file}.gz`) ? gunzipSync(readFileSync(`${file}.gz`)).toString('utf8') : undefined;
      };
      const shared = read('tree.txt')?.trim();
      const tree = shared ? path.join(casesDir, '..', 'trees', shared) : path.join(dir, 'tree');
      return { name, dir, tree, overlay: read('overlay.txt')!.trim(), expected: read('expected.yaml'), expectedError: read('expected-error.txt') };
    });
}

/** The objects of a stream, each as canonical JSON (keys sorted), sorted: a multiset to compare. */
export function canonicalObjects(text: string): string[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  return list
    .map((d) => d.toJS({ maxAliasCount: -1 }))
    .filter((v) => v !== null && v !== undefined)
    .map((v) => JSON.stringify(sortKeys(v)))
    .sort();
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Phrases that identify a kustomize failure; the first found in kubectl's error must be in ours. */
const KEY_PHRASES: RegExp[] = [
  /failed to get the patch file from path\([^)]*\)/,
  /no matches for Id [^;\s]+/,
  /multiple matches for Id [^;\s]+/,
  /is not in or below '[^']*'/,
  /cycle detected/,
  /unable to find one of 'kustomization\.yaml'/,
  /may not add resource with an already registered id/,
  /unknown field "[^"]*"/,
  /does not exist; cannot merge or replace/,
  /exists; behavior must be merge or replace/,
  /must specify a target for JSON patch/,
  /unable to parse SM or JSON patch/,
  /nothing selected by/,
  /unable to find field "[^"]*" in replacement target/,
  /found multiple possible referrals/,
  /cannot be mapped to a field in the set of known resources/,
  /expected kind '\w+' for path/,
  /expected kind != 'Component'/,
  /illegally repeats the key/,
  /missing metadata\.name/,
  /kustomization\.yaml is empty/,
  /namespace transformation produces ID conflict/,
  /fieldPath `[^`]*` is missing for replacement source/,
  /conflicting merge keys/,
  /wrong node kind/,
  /testing value .* failed/,
  /doc is missing (path|key)/,
  /Unable to remove nonexistent key/,
  /invalid Kustomization/,
  /must build at directory/,
  /conflicting fieldspecs/,
  /external plugins disabled; unable to load external plugin '\w+'/,
  /not a (transformer|generator)/,
  /validator shouldn't modify the resource map/,
];

export function keyPhrase(error: string): RegExp | undefined {
  for (const pattern of KEY_PHRASES) {
    const match = pattern.exec(error);
    if (match) return new RegExp(match[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'[^']*'/g, "'[^']*'"));
  }
  return undefined;
}

export type Verdict = { pass: true } | { pass: false; reason: string };

export function judge(c: GoldenCase, result: BuildResult): Verdict {
  if (c.expected !== undefined) {
    if (result.errors.length > 0) return { pass: false, reason: `failed: ${result.errors[0].message.slice(0, 300)}` };
    const want = canonicalObjects(c.expected);
    const got = canonicalObjects(result.text);
    if (want.length !== got.length) return { pass: false, reason: `${got.length} objects, want ${want.length}` };
    for (let i = 0; i < want.length; i++) {
      if (want[i] !== got[i]) {
        let at = 0;
        while (at < want[i].length && want[i][at] === got[i][at]) at++;
        const from = Math.max(0, at - 150);
        return { pass: false, reason: `differs at ${at}:\n  want …${want[i].slice(from, at + 250)}\n  got  …${got[i].slice(from, at + 250)}` };
      }
    }
    return { pass: true };
  }
  if (result.errors.length === 0) return { pass: false, reason: 'built, but kubectl fails: ' + (c.expectedError ?? '').slice(0, 300) };
  const phrase = keyPhrase(c.expectedError ?? '');
  if (phrase && !phrase.test(result.errors[0].message)) return { pass: false, reason: `error lacks ${phrase}: ${result.errors[0].message.slice(0, 300)}` };
  return { pass: true };
}

export function runCase(c: GoldenCase): BuildResult {
  return buildKustomization(new DiskFileSystem(), path.join(c.tree, c.overlay));
}

/**
 * The goldens that build argo-cd's CRDs (several MB of schemas), about two
 * seconds each: `npm run test:slow` runs them (kustomize-large.slow.test.ts).
 */
export const LARGE_CASES: ReadonlySet<string> = new Set([
  'argo-cd-crds',
  'argo-cd-cluster-install',
  'argo-cd-cluster-install-with-hydrator',
  'argo-cd-core-install',
  'argo-cd-core-install-with-hydrator',
  'argo-cd-dev-tilt',
  'argo-cd-ha-cluster-install',
  'argo-cd-ha-cluster-install-with-hydrator',
]);
