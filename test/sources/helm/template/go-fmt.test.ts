/**
 * Go's fmt_test.go `fmtTests` (the verbs print, printf and println use), run
 * against this module's `fmt`. Rows whose Go values cannot be expressed in
 * the value model are listed by the converter in fmt-tests-skipped.json.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sprintf } from '../../../../server/src/sources/helm/template/fmt';
import { fromDescriptor, type ValueDescriptor } from './go-fixtures';

const data = path.resolve(__dirname, '../../../../../test/data/helm/template/go');
const rows: { format: string; value: ValueDescriptor; out: string }[] = JSON.parse(readFileSync(path.join(data, 'fmt-tests.json'), 'utf8'));

test('fmtTests: every expressible row prints exactly as Go', () => {
  const failures: string[] = [];
  let ran = 0;
  for (const row of rows) {
    const value = fromDescriptor(row.value);
    if (value === undefined && row.value.type !== 'nil') continue; // A string that is not UTF-8 cannot be a JavaScript string.
    let got = sprintf(row.format, [value]);
    // Go's test replaces pointer values by PTR.
    if (row.out.includes('PTR')) got = got.replace(/0x[0-9a-f]+/g, '0xPTR').replace(/0X[0-9A-F]+/g, '0XPTR');
    ran++;
    if (got !== row.out)
      failures.push(`Sprintf(${JSON.stringify(row.format)}, ${JSON.stringify(row.value)}) = ${JSON.stringify(got)}, want ${JSON.stringify(row.out)}`);
  }
  assert.ok(ran > 600, `ran ${ran} rows`);
  assert.deepEqual(failures, []);
});
