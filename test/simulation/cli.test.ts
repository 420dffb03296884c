import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli/main';
import { type CliIo } from '../../server/src/cli/io';
import { defaultSimDirectory, evaluateSimCheck, runSimConformance, scenarioOptions } from '../conformance/sim-run';

async function cli(args: string[], files: Record<string, string | Buffer> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pod-lens-sim-'));
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => String(files['-'] ?? ''),
    cwd: dir,
  };
  const status = await main(args, io);
  await fs.rm(dir, { recursive: true, force: true });
  return { status, stdout, stderr };
}

const twoObjects = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: migrate
          image: migrate:1
`;

test('simulate --json: the first workload by default, with its document index', async () => {
  const { status, stdout } = await cli(['simulate', '--json', '--until', '60', 'all.yaml'], { 'all.yaml': twoObjects });
  assert.equal(status, 0);
  const result = JSON.parse(stdout);
  assert.deepEqual(result.object, { kind: 'Deployment', name: 'web', document: 1 });
  assert.equal(result.until, 60);
  assert.equal(result.summary.phase, 'Running');
  assert.deepEqual(Object.keys(result.summary.containers), ['web']);
});

test('--object picks a workload; a Job template keeps its restartPolicy', async () => {
  const { status, stdout } = await cli(['simulate', '--json', '--object', 'migrate', '--exit', '4:0', 'all.yaml'], {
    'all.yaml': twoObjects,
  });
  assert.equal(status, 0);
  const result = JSON.parse(stdout);
  assert.deepEqual(result.object, { kind: 'Job', name: 'migrate', document: 2 });
  assert.equal(result.summary.phase, 'Succeeded');
});

test('the text timeline: aligned times, one event a line, the summary last', async () => {
  const { status, stdout } = await cli(['simulate', '--exit', 'web:5', '--until', '100', 'all.yaml'], { 'all.yaml': twoObjects });
  assert.equal(status, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.match(lines[0], /^Deployment web \(document 1\), simulated until 100 s$/);
  const eventLines = lines.filter((line) => /^ *\d+ s {2}/.test(line));
  assert.ok(eventLines.length > 10);
  assert.equal(new Set(eventLines.map((line) => line.indexOf(' s  '))).size, 1, 'times are aligned');
  assert.match(stdout, /web: restart in 10 s \(back-off\)/);
  assert.match(lines.at(-2) ?? '', /^at 100 s: phase Running/);
  assert.match(lines.at(-1) ?? '', /web +4 restarts after waits of 0, 10, 20, 40 s; last terminated at 95 s: Error, exit code 1/);
});

const probedPod = `apiVersion: v1
kind: Pod
metadata: {name: probed}
spec:
  containers:
    - name: app
      image: app:1
      startupProbe: {exec: {command: [check]}, periodSeconds: 1}
      livenessProbe: {exec: {command: [check]}, periodSeconds: 1}
      readinessProbe: {exec: {command: [check]}, periodSeconds: 1}
`;

test('exit 2: missing file, directory, no workload, bad option, unknown container, bad document', async () => {
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['simulate', 'missing.yaml'], {}, /missing\.yaml: no such file/],
    [['simulate', '.'], {}, /is a directory/],
    [['simulate', 'cm.yaml'], { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }, /no pod or pod template/],
    [['simulate', '--document', '0', 'all.yaml'], { 'all.yaml': twoObjects }, /document 0 is a ConfigMap, not a pod or pod template/],
    [['simulate', '--document', '7', 'all.yaml'], { 'all.yaml': twoObjects }, /there is no document 7/],
    [['simulate', '--object', 'nope', 'all.yaml'], { 'all.yaml': twoObjects }, /no pod or workload named 'nope'/],
    [['simulate', '--exit', 'db:5', 'all.yaml'], { 'all.yaml': twoObjects }, /--exit: the pod has no container 'db'/],
    [['simulate', '--exit', 'web:x', 'all.yaml'], { 'all.yaml': twoObjects }, /--exit: AFTER must be a number/],
    [['simulate'], {}, /which file/],
    [
      ['simulate', 'old.yaml'],
      {
        'old.yaml': 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: b}]\n',
      },
      /old\.yaml: Deployment a is not simulated: kubectl would not send it \(no matches for kind "Deployment" in version "apps\/v1beta1"\)/,
    ],
    [['simulate', 'empty.yaml'], { 'empty.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n' }, /no containers/],
    [
      ['simulate', '--until', '400000', 'probed.yaml'],
      { 'probed.yaml': probedPod },
      /a horizon of 400000 s is too long for this pod: its 3 probes would run up to 1,200,000 times \(the simulation allows 1,000,000\); simulate at most 333333 s/,
    ],
  ];
  for (const [args, files, message] of cases) {
    const { status, stdout, stderr } = await cli(args, files);
    assert.equal(status, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, message, args.join(' '));
    assert.equal(stderr.trimEnd().split('\n').length, 1, `one line: ${stderr}`);
  }
});

test('simulate --help prints the options', async () => {
  const { status, stdout } = await cli(['simulate', '--help']);
  assert.equal(status, 0);
  assert.match(stdout, /--liveness-fails CONTAINER:AT/);
});

test('reads the pod from stdin with -', async () => {
  const { status, stdout } = await cli(['simulate', '--json', '-'], {
    '-': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n',
  });
  assert.equal(status, 0);
  assert.equal(JSON.parse(stdout).object.name, 'p');
});

// ---- the scenario checks ----------------------------------------------------------------------

const output = {
  summary: { phase: 'Running', readyAt: 10, containers: { app: { restartDelays: [0, 10] } } },
  events: [
    { t: 0, type: 'container-started', container: 'app', restartCount: 0 },
    { t: 5, type: 'container-terminated', container: 'app', exitCode: 1 },
    { t: 5, type: 'container-started', container: 'app', restartCount: 1 },
    { t: 10, type: 'container-terminated', container: 'app', exitCode: 1 },
  ],
};

test('check kinds evaluate as the sim README says', () => {
  const holds = [
    { path: 'summary.phase', equals: 'Running' },
    { path: 'summary.containers.app.restartDelays', equals: [0, 10.0000001] },
    { path: 'summary.readyAt', min: 10, max: 12 },
    { event: { type: 'container-terminated' }, nth: 2, tMin: 10, tMax: 10 },
    { event: { type: 'container-started', restartCount: 1 }, tMin: 4, tMax: 6 },
    { event: { type: 'signal' }, absent: true },
    { event: { type: 'container-terminated' }, absent: true, tMin: 6, tMax: 9 },
    { event: { type: 'container-terminated' }, count: 2 },
    { event: { type: 'container-terminated' }, countMin: 1, countMax: 1, tMin: 0, tMax: 6 },
    { order: [{ type: 'container-started' }, { type: 'container-terminated' }] },
    { gap: { from: { type: 'container-terminated' }, to: { type: 'container-started', restartCount: 1 } }, min: 0, max: 0 },
  ];
  for (const check of holds) assert.equal(evaluateSimCheck(check, output), null, JSON.stringify(check));
  const fails = [
    { path: 'summary.phase', equals: 'Failed' },
    { path: 'summary.missing', equals: 1 },
    { path: 'summary.readyAt', min: 11 },
    { event: { type: 'container-terminated' }, nth: 3 },
    { event: { type: 'container-terminated' }, absent: true, tMin: 5, tMax: 5 },
    { event: { type: 'container-terminated' }, count: 1 },
    { order: [{ type: 'container-terminated' }, { type: 'container-started' }] },
    { order: [{ type: 'signal' }] },
    { gap: { from: { type: 'container-started' }, to: { type: 'container-terminated' } }, min: 6 },
  ];
  for (const check of fails) assert.notEqual(evaluateSimCheck(check, output), null, JSON.stringify(check));
});

test('scenario options come from the first line', () => {
  assert.deepEqual(scenarioOptions('# simulate: --exit app:5 --until 900\nkind: Pod\n'), ['--exit', 'app:5', '--until', '900']);
  assert.deepEqual(scenarioOptions('# simulate:\n'), []);
  assert.equal(scenarioOptions('kind: Pod\n'), null);
});

test('every sample scenario passes', async () => {
  const lines: string[] = [];
  const { passed, failed } = await runSimConformance([defaultSimDirectory], (line) => lines.push(line));
  assert.equal(failed, 0, lines.join('\n'));
  assert.ok(passed >= 61);
});

test("simulate reads the Job controller's fields from a Job and from a CronJob's job template", async () => {
  const template = `    spec:
      restartPolicy: OnFailure
      containers:
      - {name: worker, image: registry.example.com/worker:1}`;
  const job = `apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  backoffLimit: 1
  template:
${template}
`;
  const cron = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      activeDeadlineSeconds: 50
      template:
${template.replace(/^/gm, '    ')}
`;
  const cases: { file: string; text: string; deleted: unknown[] }[] = [
    { file: 'job.yaml', text: job, deleted: [{ t: 5, type: 'deleted', reason: 'BackoffLimitExceeded' }] },
    // Default backoffLimit 6 is not reached by 100 s (restarts at 5, 20, 45, 90); the deadline is.
    { file: 'cron.yaml', text: cron, deleted: [{ t: 50, type: 'deleted', reason: 'DeadlineExceeded' }] },
  ];
  for (const { file, text, deleted } of cases) {
    const { status, stdout } = await cli(['simulate', file, '--exit', 'worker:5', '--until', '100', '--json'], { [file]: text });
    assert.equal(status, 0, file);
    const result = JSON.parse(stdout) as { events: { type: string }[] };
    assert.deepEqual(
      result.events.filter((e) => e.type === 'deleted'),
      deleted,
      file,
    );
  }
});

test('simulate reads files as analyze does: UTF-16 with a byte order mark, invalid UTF-8 with a warning, binary refused', async () => {
  const podText = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: app:1}]\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(podText, 'utf16le')]);
  const read16 = await cli(['simulate', 'pod.yaml', '--until', '5'], { 'pod.yaml': utf16 });
  assert.equal(read16.status, 0, read16.stderr);
  assert.match(read16.stdout, /app: started/);

  // A Latin-1 "café" in a comment: the one invalid byte sits inside the comment.
  const invalid = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${podText}`)]);
  const readInvalid = await cli(['simulate', 'pod.yaml', '--until', '5'], { 'pod.yaml': invalid });
  assert.equal(readInvalid.status, 0, readInvalid.stderr);
  assert.match(readInvalid.stderr, /^pod-lens simulate: pod\.yaml: not valid UTF-8 \(first bad byte at offset \d+\)/);

  const binary = await cli(['simulate', 'pod.yaml'], { 'pod.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]) });
  assert.equal(binary.status, 2);
  assert.match(binary.stderr, /pod\.yaml: is a binary file, not YAML/);
});
