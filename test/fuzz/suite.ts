/**
 * The named properties, each a generator and a check, shared by the bounded
 * slices `npm test` runs and by `npm run fuzz`.
 */
import fc from 'fast-check';
import * as g from './generators';
import { checkAnalyze, checkFixes, checkQuantity, checkReanalyze, checkSimulation, checkSplit, type Counters } from './properties';
import { checkServerSequence, sequenceArbitrary, type Step } from './server';
import { kubectlReadProperty } from './kubectl-read';
import { blockComposerProperty } from './block-composer';

export interface FuzzProperty<T> {
  name: string;
  what: string;
  arbitrary: fc.Arbitrary<T>;
  /** Throws on a violation; a property that talks to a process returns a promise. */
  check(value: T, counters: Counters): void | Promise<void>;
  async?: boolean;
  /** Runs in the `npm test` slice: a few seconds on a shared two-core machine. */
  testRuns: number;
  /** The fuzzer runs heavier properties less often. */
  weight: number;
}

const property = <T>(p: FuzzProperty<T>): FuzzProperty<unknown> => p as FuzzProperty<unknown>;

export const suite: FuzzProperty<unknown>[] = [
  property({
    name: 'analyze-structured',
    what: 'random Kubernetes workloads in every YAML style: analyzeText is total, positions inside the file',
    arbitrary: g.structuredFile,
    check: (text, counters) => void checkAnalyze(text, counters),
    testRuns: 80,
    weight: 3,
  }),
  property({
    name: 'analyze-unstructured',
    what: 'unstructured text (YAML punctuation, control characters, lone surrogates, RTL marks)',
    arbitrary: g.unstructuredText,
    check: (text, counters) => {
      checkSplit(text);
      checkAnalyze(text, counters);
    },
    testRuns: 300,
    weight: 2,
  }),
  property({
    name: 'analyze-mutated',
    what: 'real manifests after deletions, insertions, swapped and broken indentation, tabs, truncation, CRLF, BOM',
    arbitrary: g.mutatedManifest,
    check: (text, counters) => {
      checkSplit(text);
      checkAnalyze(text, counters);
    },
    testRuns: 120,
    weight: 3,
  }),
  property({
    name: 'reanalyze-edits',
    what: 'edit sequences: reanalyze(previous, text) equals analyzeText(text) after every edit',
    arbitrary: g.editSession,
    check: (session, counters) => checkReanalyze(session, counters),
    testRuns: 30,
    weight: 2,
  }),
  property({
    name: 'fixes',
    what: 'every quick fix and refactoring offered: parses, other documents unchanged, finding gone, comments kept',
    arbitrary: fc.oneof({ weight: 3, arbitrary: g.structuredFile }, { weight: 1, arbitrary: g.realManifest }, { weight: 2, arbitrary: g.mutatedManifest }),
    check: (text, counters) => checkFixes(text, counters),
    testRuns: 60,
    weight: 3,
  }),
  property({
    name: 'simulate',
    what: 'the simulator on pod specs and scenarios: no crash, kubelet invariants, deterministic',
    arbitrary: g.simulationCase,
    check: (c, counters) => checkSimulation(c.podSpec, c.scenario, c.until, counters),
    testRuns: 150,
    weight: 1,
  }),
  property({
    name: 'quantity',
    what: 'resource.Quantity: parse/String round trip, stable canonical form, idempotent defaulting',
    arbitrary: g.rawQuantity,
    check: (text, counters) => checkQuantity(text, counters),
    testRuns: 3000,
    weight: 1,
  }),
  // Its bounded slice runs in test/engine/reading/fuzz-slice.slow.test.ts (kubectl, when on the PATH, is slow to start).
  property(kubectlReadProperty),
  property(blockComposerProperty),
  property<Step[]>({
    name: 'server-requests',
    what: 'the language server process under random request sequences: alive, every request answered, positions inside, diagnostics = a fresh analysis',
    arbitrary: sequenceArbitrary({ big: true }),
    check: (steps, counters) => checkServerSequence(steps, counters),
    async: true,
    testRuns: 0,
    weight: 2,
  }),
];

export function findProperty(name: string): FuzzProperty<unknown> | undefined {
  return suite.find((p) => p.name === name);
}
