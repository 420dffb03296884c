/**
 * Prints every golden case's verdict: `node out/test/sources/kustomize/report-goldens.js [NAME_FILTER]`.
 */
import { judge, loadCases, runCase } from './goldens';

const filter = process.argv[2];
let passed = 0;
let failed = 0;
for (const c of loadCases()) {
  if (filter && !c.name.includes(filter)) continue;
  const verdict = judge(c, runCase(c));
  if (verdict.pass) passed++;
  else {
    failed++;
    console.log(`FAIL ${c.name}: ${verdict.reason}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
