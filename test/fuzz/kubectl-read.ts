/**
 * The kubectl-read property: real manifests, mutated the ways people and
 * tools break them, read by the reader (the `yaml` package's parse of each
 * document's text, decoded with kubectl's rules) give the objects and errors
 * of the go-yaml model (`server/src/engine/reading/emulate.ts`), and, when
 * kubectl is on the PATH, kubectl's own output. Every document maps back to
 * the file, every error lies inside it, nothing throws.
 *
 * Registered in `suite.ts` as the `kubectl-read` property (see the end of
 * this file); `test/engine/reading/fuzz-slice.slow.test.ts` runs a bounded slice.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { dataDir, emulatedOutput, readerOutput, canonicalGoldenObject } from '../engine/reading/goldens';
import { readKubectlFile } from '../../server/src/engine/reading/reader';
import { applyMutation, mutationArbitrary } from './generators';
import type { Counters } from './properties';

// ---------------------------------------------------------------- manifests

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The real manifests of the kubectl-read corpus (kubernetes/dashboard, examples, website). */
const manifests: string[] = filesUnder(path.join(dataDir, 'cases/real')).map((f) => readFileSync(f, 'utf8'));

/** Mutations that reach what kubectl and the `yaml` package read differently. */
export type ReadingMutation =
  | { op: 'reflowFlow'; line: number; indent: number }
  | { op: 'wrapQuoted'; line: number; indent: number }
  | { op: 'toFlow'; line: number; spread: number }
  | { op: 'toJson'; style: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'endMarker'; line: number }
  | { op: 'adjacentComment'; line: number }
  | { op: 'jsonSpace'; at: number; space: string };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const pick = <T>(items: T[], f: number): T | undefined => items[Math.floor(f * items.length)];

const readingInsertions = [
  '\t',
  '\r',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\\/',
  "\\'",
  '...\n',
  '--- #\n',
  ': ',
  '- ',
  '&a ',
  '*a',
  '!!str ',
  '? ',
  '<<: ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
];

export const readingMutation: fc.Arbitrary<ReadingMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reflowFlow' as const), line: fraction, indent: fc.integer({ min: -2, max: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('wrapQuoted' as const), line: fraction, indent: fc.integer({ min: -2, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('toFlow' as const), line: fraction, spread: fc.integer({ min: -2, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('toJson' as const), style: fc.integer({ min: 0, max: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('jsonSpace' as const),
      at: fraction,
      space: fc.constantFrom('\r', '\t', '\r\n', '\n\t', ' \r ', '\u0085', '\u00a0'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fraction, text: fc.constantFrom(...readingInsertions) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('endMarker' as const), line: fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adjacentComment' as const), line: fraction }) },
) as fc.Arbitrary<ReadingMutation>;

const leading = (line: string) => line.length - line.trimStart().length;

export function applyReadingMutation(text: string, m: ReadingMutation): string {
  const lines = text.split('\n');
  switch (m.op) {
    case 'reflowFlow': {
      // A flow sequence written over two lines, continued at (or near) the key's column.
      const candidates = lines.map((l, i) => i).filter((i) => /: \[.*,.*\]/.test(lines[i]));
      const i = pick(candidates, m.line);
      if (i === undefined) return text;
      const line = lines[i];
      const comma = line.indexOf(',');
      lines.splice(i, 1, line.slice(0, comma + 1), ' '.repeat(Math.max(0, leading(line) + m.indent)) + line.slice(comma + 1).trimStart());
      return lines.join('\n');
    }
    case 'wrapQuoted': {
      const candidates = lines.map((l, i) => i).filter((i) => /: ["'][^"'\\]* [^"'\\]*["']\s*$/.test(lines[i]));
      const i = pick(candidates, m.line);
      if (i === undefined) return text;
      const line = lines[i];
      const space = line.indexOf(' ', line.search(/["']/) + 2);
      if (space < 0) return text;
      lines.splice(i, 1, line.slice(0, space), ' '.repeat(Math.max(0, leading(line) + m.indent)) + line.slice(space + 1));
      return lines.join('\n');
    }
    case 'toFlow': {
      // A block mapping of scalars rewritten as a flow mapping spread over lines.
      const starts = lines
        .map((l, i) => i)
        .filter((i) => /^\s*[\w.-]+:\s*$/.test(lines[i]) && i + 1 < lines.length && leading(lines[i + 1]) > leading(lines[i]));
      const i = pick(starts, m.line);
      if (i === undefined) return text;
      const indent = leading(lines[i + 1]);
      let j = i + 1;
      const pairs: string[] = [];
      while (j < lines.length && leading(lines[j]) === indent && /^\s*[\w./-]+: [^{}[\]#&*!|>]+$/.test(lines[j])) pairs.push(lines[j++].trim());
      if (pairs.length === 0) return text;
      const spread = ' '.repeat(Math.max(0, leading(lines[i]) + m.spread));
      lines.splice(i, j - i, `${lines[i]} {${pairs.join(`,\n${spread}`)}}`);
      return lines.join('\n');
    }
    case 'toJson': {
      // What `kubectl get -o json | jq` prints: the file's objects as a JSON stream, in one of its styles.
      const objects: string[] = [];
      const { file, parsed } = readKubectlFile(text);
      file.documents.forEach((d, i) => {
        if (!parsed[i]) return;
        const js = parseDocument(d.text, { logLevel: 'silent', uniqueKeys: false }).toJS({ maxAliasCount: -1 });
        if (js && typeof js === 'object') objects.push(m.style % 2 === 0 ? JSON.stringify(js) : JSON.stringify(js, null, 2));
      });
      if (objects.length === 0) return text;
      return m.style < 2 ? objects.join('\n') + '\n' : objects.join('');
    }
    case 'insert': {
      const at = Math.floor(m.at * (text.length + 1));
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'endMarker': {
      const i = Math.floor(m.line * lines.length);
      lines.splice(i, 0, '...');
      return lines.join('\n');
    }
    case 'jsonSpace': {
      // White space after a JSON comma or colon (JSON's own, and some that is not).
      const marks: number[] = [];
      for (let at = text.search(/[,:]/); at !== -1; at = text.slice(at + 1).search(/[,:]/) === -1 ? -1 : at + 1 + text.slice(at + 1).search(/[,:]/))
        marks.push(at + 1);
      const at = pick(marks, m.at);
      return at === undefined ? text : text.slice(0, at) + m.space + text.slice(at);
    }
    case 'adjacentComment': {
      const candidates = lines.map((l, i) => i).filter((i) => /["'\]}]\s*$/.test(lines[i]));
      const i = pick(candidates, m.line);
      if (i === undefined) return text;
      lines[i] = lines[i].trimEnd() + '# c';
      return lines.join('\n');
    }
  }
}

export const readingCase: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...manifests),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: readingMutation.map((m) => ({ reading: m })) },
        { weight: 1, arbitrary: mutationArbitrary.map((m) => ({ generic: m })) },
      ),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  )
  .map(([text, mutations]) => mutations.reduce((t, m) => ('reading' in m ? applyReadingMutation(t, m.reading) : applyMutation(t, m.generic)), text));

// ---------------------------------------------------------------- the check

let kubectlPresent: boolean | null = null;

/** kubectl's output for a text, or null when kubectl is not on the PATH. */
function kubectlOutput(text: string): { objects: string[]; stderr: string } | null {
  if (kubectlPresent === null) kubectlPresent = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  if (!kubectlPresent) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'pod-lens-kubectl-'));
  try {
    const file = path.join(dir, 'case.yaml');
    writeFileSync(file, text);
    const run = spawnSync('kubectl', ['patch', '--local', '-f', file, '--type=merge', '-p', '{}', '-o', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return { objects: splitPrinted(run.stdout).map(canonicalGoldenObject), stderr: run.stderr.split(file).join('FILE') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** kubectl's printed objects, one after another. */
function splitPrinted(stdout: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < stdout.length; i++) {
    const c = stdout[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) out.push(stdout.slice(start, i + 1));
  }
  return out;
}

export function checkKubectlRead(text: string, counters?: Counters, withKubectl = true): void {
  const { file } = readKubectlFile(text);
  if (counters) counters.documents += file.documents.length;
  for (const d of file.documents) {
    assert.ok(0 <= d.start && d.start <= d.end && d.end <= text.length, `document ${d.index} at ${d.start}..${d.end}`);
    for (const s of d.map.segments) {
      assert.ok(s.outEnd <= d.text.length && s.srcEnd <= text.length, `document ${d.index}: a segment past the end`);
      if (s.origin !== 'text') continue;
      const out = d.text.slice(s.outStart, s.outEnd);
      const src = text.slice(s.srcStart, s.srcEnd);
      assert.ok(
        out === src || out.replace(/\t/g, ' ') === src.replace(/\t/g, ' ').replace(/\r(?!\n)/g, '\n'),
        `document ${d.index}: segment ${s.outStart}..${s.outEnd} is not the file's text`,
      );
    }
    if (d.error)
      assert.ok(
        0 <= d.error.start && d.error.start <= d.error.end && d.error.end <= text.length,
        `document ${d.index}: error at ${d.error.start}..${d.error.end}`,
      );
  }
  const ours = readerOutput(text);
  assert.deepEqual(ours.unfollowed, [], 'the reader follows the go-yaml model on every document');
  const model = emulatedOutput(text);
  assert.deepEqual(ours.objects, model.objects, 'objects: reader = go-yaml model');
  assert.equal(ours.stderr, model.stderr, 'errors: reader = go-yaml model');
  if (!withKubectl) return;
  const kubectl = kubectlOutput(text);
  if (!kubectl) return;
  assert.deepEqual(model.objects, kubectl.objects, 'objects: go-yaml model = kubectl');
  assert.equal(model.stderr, kubectl.stderr, 'errors: go-yaml model = kubectl');
}

/**
 * For `suite.ts`:
 *
 *   import { kubectlReadProperty } from './kubectl-read';
 *   export const suite = [ ..., property(kubectlReadProperty) ];
 *
 * `testRuns` is 0: the bounded slice runs in test/engine/reading/fuzz-slice.slow.test.ts (kubectl is slow to start).
 */
export const kubectlReadProperty = {
  name: 'kubectl-read',
  what: 'real manifests mutated (flow lists and quoted strings wrapped, flow maps, JSON streams, tabs, CR, NEL, `...`): reader = go-yaml model = kubectl (when on the PATH)',
  arbitrary: readingCase,
  check: (text: string, counters: Counters) => checkKubectlRead(text, counters),
  testRuns: 0,
  weight: 2,
};
