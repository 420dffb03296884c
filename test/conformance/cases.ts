/**
 * A conformance suite as a list of cases: `npm run conformance` runs them one
 * after another and counts, and `suites.test.ts` runs each as a subtest, so
 * that `npm test` checks them beside the other test files.
 */

/** What one case found: checks that held and failed, and what to show of the failures. */
export interface CaseOutcome {
  passed: number;
  failed: number;
  /** The lines `npm run conformance` prints for the case: empty when it conforms. */
  lines: string[];
}

export interface ConformanceCase {
  name: string;
  run(): Promise<CaseOutcome>;
}

/** The outcome of a case that is one check: it conforms when nothing differs. */
export function outcomeOf(name: string, diffs: string[]): CaseOutcome {
  if (diffs.length === 0) return { passed: 1, failed: 0, lines: [] };
  return { passed: 0, failed: 1, lines: [`FAIL ${name}`, ...diffs.map((diff) => `  ${diff}`)] };
}

/** Runs the cases in order, logs what fails, and adds up the checks. */
export async function runCases(cases: ConformanceCase[], log: (line: string) => void): Promise<{ passed: number; failed: number }> {
  const total = { passed: 0, failed: 0 };
  for (const one of cases) {
    const outcome = await one.run();
    outcome.lines.forEach((line) => log(line));
    total.passed += outcome.passed;
    total.failed += outcome.failed;
  }
  return total;
}
