/**
 * Recursion that exhausts the JavaScript stack before Helm's depth bound is a
 * limit, even when there is no stack left to place the error in its template:
 * the include-recursion case of helm-behaviour on a smaller stack.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

test('an include recursion that runs out of stack is still reported as a limit', () => {
  const file = path.join(__dirname, 'helm-behaviour.test.js');
  // A child of the test runner reports to it instead of its stdout, unless told it runs on its own.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, ['--stack-size=700', '--test', '--test-name-pattern=recursion through include', file], { encoding: 'utf8', env });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /# pass [1-9]/);
});
