import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSimulateArgs, SimulateArgsError } from '../../server/src/cli/simulate-args';

test('parses every scenario option, with and without a container', () => {
  const args = parseSimulateArgs([
    'pod.yaml',
    '--exit',
    'app:5',
    '--exit',
    '7:0',
    '--exit-once=worker:3:2',
    '--healthy-after',
    'app:20',
    '--liveness-fails',
    '35',
    '--readiness-fails',
    'app:10:20.5',
    '--oom',
    'app:30',
    '--delete',
    '100',
    '--shutdown',
    'never',
    '--shutdown',
    'worker:4',
    '--prestop',
    'app:2.5',
    '--pull',
    '3',
    '--until',
    '600',
    '--json',
  ]);
  assert.equal(args.file, 'pod.yaml');
  assert.equal(args.until, 600);
  assert.equal(args.json, true);
  const s = args.scenario;
  assert.deepEqual(s.exit, [
    { container: 'app', afterSeconds: 5, exitCode: 1 },
    { container: null, afterSeconds: 7, exitCode: 0 },
  ]);
  assert.deepEqual(s.exitOnce, [{ container: 'worker', afterSeconds: 3, exitCode: 2 }]);
  assert.deepEqual(s.healthyAfter, [{ container: 'app', seconds: 20 }]);
  assert.deepEqual(s.livenessFails, [{ container: null, at: 35 }]);
  assert.deepEqual(s.readinessFails, [{ container: 'app', from: 10, to: 20.5 }]);
  assert.deepEqual(s.oom, [{ container: 'app', afterSeconds: 30 }]);
  assert.deepEqual(s.delete, [100]);
  assert.deepEqual(s.shutdown, [
    { container: null, seconds: 'never' },
    { container: 'worker', seconds: 4 },
  ]);
  assert.deepEqual(s.prestop, [{ container: 'app', seconds: 2.5 }]);
  assert.equal(s.pull, 3);
});

test('defaults: horizon 900 s, no scenario', () => {
  const args = parseSimulateArgs(['pod.yaml']);
  assert.equal(args.until, 900);
  assert.equal(args.json, false);
  assert.equal(args.objectName, null);
  assert.equal(args.documentIndex, null);
  assert.deepEqual(args.scenario.exit, []);
  assert.equal(args.scenario.pull, null);
});

test('--object and --document', () => {
  assert.equal(parseSimulateArgs(['f.yaml', '--object', 'web']).objectName, 'web');
  assert.equal(parseSimulateArgs(['f.yaml', '--document', '2']).documentIndex, 2);
});

test('bad values are one-line errors naming the option', () => {
  const bad: [string[], RegExp][] = [
    [['f', '--exit', 'app:soon'], /--exit: AFTER must be a number/],
    [['f', '--exit', 'app:5:300'], /exit code must be a whole number from 0 to 255/],
    [['f', '--exit', 'app'], /--exit: expected CONTAINER:AFTER\[:CODE\]/],
    [['f', '--exit', 'app:1:2:3'], /expected CONTAINER:AFTER/],
    [['f', '--delete', '-5'], /unknown option|must be a number/],
    [['f', '--delete', 'later'], /--delete: the deletion time must be a number/],
    [['f', '--readiness-fails', 'app:20:10'], /TO \(10\) is before FROM \(20\)/],
    [['f', '--shutdown', 'app:forever'], /--shutdown: SECONDS must be a number/],
    [['f', '--until', '0'], /more than 0/],
    [['f', '--until'], /--until needs a value/],
    [['f', '--frobnicate'], /unknown option '--frobnicate'/],
    [['f', 'g'], /one file at a time/],
    [['f', '--object', 'a', '--document', '1'], /exclude each other/],
    [['f', '--document', 'first'], /document index/],
    [['f', '--exit', 'App_1:5'], /not a container name/],
  ];
  for (const [argv, message] of bad) {
    assert.throws(
      () => parseSimulateArgs(argv),
      (error: unknown) => {
        assert.ok(error instanceof SimulateArgsError, `${argv.join(' ')}: ${error}`);
        assert.match(error.message, message, argv.join(' '));
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
  }
});
