import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useEnvironmentSnapshot } from '../server/src/runtime/environment';

/**
 * The server, the CLI and the pool workers swap `process.env` for a plain
 * copy (the `yaml` parser reads it once per token). What a child process or
 * a later read sees must not change.
 */
test('the environment snapshot is a plain object with the same variables, and children still inherit them', () => {
  process.env.POD_LENS_SNAPSHOT_TEST = 'before';
  const before = { ...process.env };
  useEnvironmentSnapshot();
  assert.equal(Object.getPrototypeOf(process.env), Object.prototype, 'a plain object');
  assert.deepEqual({ ...process.env }, before);
  useEnvironmentSnapshot();
  assert.deepEqual({ ...process.env }, before, 'a second call changes nothing');
  process.env.POD_LENS_SNAPSHOT_TEST = 'after';
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(process.env.POD_LENS_SNAPSHOT_TEST ?? "unset")'], { encoding: 'utf8' });
  assert.equal(child.stdout, 'after', 'a child process gets the snapshot, changes included');
});
