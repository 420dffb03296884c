import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { main } from '../server/src/cli/main';
import { captureIo } from './conformance/run';

const root = path.resolve(__dirname, '../..');

async function run(args: string[], stdin = '') {
  const io = { ...captureIo(root), readStdin: async () => stdin };
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const valid = `apiVersion: v1
kind: Pod
metadata: {name: ok}
spec:
  containers:
  - name: app
    image: nginx
    resources: {requests: {cpu: 500m, memory: 128Mi}, limits: {cpu: "1", memory: 256Mi}}
`;

test('analyze: exit 0 when clean, 1 on an error finding, --fail-on moves the bar', async () => {
  assert.equal((await run(['analyze', '-'], valid)).code, 0);
  assert.equal((await run(['analyze', 'examples/request-above-limit.yaml'])).code, 1);
  assert.equal((await run(['analyze', '--fail-on', 'never', 'examples/request-above-limit.yaml'])).code, 0);
  assert.equal((await run(['analyze', 'examples/unit-mistakes.yaml'])).code, 0);
  assert.equal((await run(['analyze', '--fail-on', 'warning', 'examples/unit-mistakes.yaml'])).code, 1);
});

test('analyze: bad input is one clear line and exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pod-lens-'));
  const binary = path.join(dir, 'image.yaml');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  const cases: [string[], RegExp][] = [
    [['analyze', 'no/such/file.yaml'], /no\/such\/file\.yaml: no such file/],
    [['analyze', 'examples'], /examples: is a directory/],
    [['analyze', binary], /is a binary file, not YAML/],
    [['analyze', '--node-memory', 'lots', 'examples/batch.yaml'], /--node-memory 'lots' is not a quantity/],
    [['analyze', '--node-cpu', '0', 'examples/batch.yaml'], /--node-cpu must be greater than 0/],
    [['analyze', '--format', 'xml', 'examples/batch.yaml'], /--format must be text, json or sarif/],
    [['analyze', '--frobnicate', 'examples/batch.yaml'], /unknown option '--frobnicate'/],
    [['analyze'], /no FILE given/],
    [['bogus'], /unknown command 'bogus'/],
  ];
  for (const [args, message] of cases) {
    const result = await run(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.err, message);
    assert.equal(result.err.trim().split('\n')[0].length > 0, true);
  }
});

test('analyze: YAML that is not Kubernetes has no workloads and is not an error', async () => {
  const result = await run(['analyze', '--json', '-'], 'name: my-app\nversion: 1.2.3\n');
  assert.equal(result.code, 0);
  const report = JSON.parse(result.out);
  assert.deepEqual(report.files[0].objects, []);
  assert.deepEqual(report.files[0].diagnostics, []);
});

test('analyze: the JSON report follows docs/report.md', async () => {
  const result = await run(['analyze', '--json', '--node-cpu', '8', '--node-memory', '32Gi', 'examples/web-deployment.yaml']);
  const report = JSON.parse(result.out);
  assert.equal(report.version, 1);
  assert.deepEqual(report.node, { cpuMilli: 8000, memoryBytes: 34359738368 });
  const [object] = report.files[0].objects;
  assert.equal(object.kind, 'Deployment');
  assert.equal(object.name, 'web');
  assert.equal(object.namespace, 'shop');
  assert.equal(object.podSpecPath, 'spec.template.spec');
  assert.equal(object.qosClass, 'Burstable');
  // app 500m + sidecar 100m = 600m; memory max(256Mi + 128Mi, migrate 256Mi + 128Mi) = 384Mi.
  assert.deepEqual(object.requests, { cpuMilli: 600, memoryBytes: 402653184 });
  assert.deepEqual(
    object.containers.map((c: { name: string; role: string }) => [c.name, c.role]),
    [
      ['app', 'app'],
      ['log-shipper', 'sidecar'],
      ['migrate', 'init'],
    ],
  );
  // On a 32Gi node: 1000 - 1000*256Mi/32Gi = 993.
  assert.equal(object.containers[0].cgroup.oomScoreAdj, 993);
});

test('analyze: numbers above 2^53-1 are decimal strings', async () => {
  const yaml = valid.replace('limits: {cpu: "1", memory: 256Mi}', 'limits: {cpu: "1", memory: 8Ei}');
  const report = JSON.parse((await run(['analyze', '--json', '--node-memory', '16Ei', '-'], yaml)).out);
  assert.equal(report.files[0].objects[0].containers[0].limits.memoryBytes, '9223372036854775807');
});

test('analyze: SARIF 2.1.0 output is valid against the SARIF schema', async () => {
  const schema = JSON.parse(readFileSync(path.join(root, 'test/fixtures/sarif-2.1.0-rtm.5.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  const result = await run(['analyze', '--format', 'sarif', 'examples/misindented-resources.yaml', 'examples/request-above-limit.yaml']);
  const sarif = JSON.parse(result.out) as any;
  const conforms = validate(structuredClone(sarif));
  assert.ok(conforms, JSON.stringify(validate.errors, null, 2));
  const ruleIds = sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId);
  assert.ok(ruleIds.includes('unknown-field'));
  assert.ok(ruleIds.includes('request-exceeds-limit'));
  const error = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'request-exceeds-limit');
  assert.equal(error.level, 'error');
  assert.deepEqual(error.locations[0].physicalLocation.region, { startLine: 12, startColumn: 16, endLine: 12, endColumn: 19 });
});

test('analyze: the text view shows the table and file:line:col findings', async () => {
  const result = await run(['analyze', 'examples/request-above-limit.yaml', 'examples/guaranteed-postgres.yaml']);
  assert.match(
    result.out,
    /examples\/request-above-limit\.yaml:12:16: error request-exceeds-limit: spec\.containers\[0\]\.resources\.requests: Invalid value: "2": must be less than or equal to cpu limit of 1/,
  );
  assert.match(result.out, /QoS Guaranteed/);
  assert.match(result.out, /postgres\s+app\s+2\s+2\s+4Gi\s+4Gi\s+2048\s+174\s+200000 100000\s+4294967296\s+-997/);
});

const quiet = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 20}
    resources: {requests: {cpu: 250m, memory: 128Mi}}
  - name: log-shipper
    image: fluent/fluent-bit:3.1
---
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:1
`;

test('analyze: the text view leads with errors and warnings and counts the notes; --notes lists them', async () => {
  const table = [
    '    QoS Burstable: container web: cpu request 250m ≠ limit none',
    '    eviction risk high: log-shipper has no memory request: the pod easily exceeds its memory request and is then evicted before pods within theirs',
    '    pod: requests cpu 250m memory 128Mi, limits cpu — memory —',
    '    pod cgroup kubepods/burstable: cpu.shares 256, cpu.weight 10, cpu.max max 100000, memory.max max',
    '    container    role  cpu req  cpu lim  mem req  mem lim  cpu.shares  cpu.weight  cpu.max     memory.max  oom_score_adj',
    '    web          app   250m     —        128Mi    —        256         35          max 100000  max         993',
    '    log-shipper  app   —        —        —        —        2           1           max 100000  max         999',
  ];
  const errorsAndWarnings = {
    warning:
      '    <stdin>:8:68: warning probe-timeout-exceeds-period: container web: readinessProbe timeoutSeconds 20 > periodSeconds 10 (default): probes run one at a time, ' +
      'so a hanging endpoint is probed every 20 s, not every 10 s, and failureThreshold 3 is reached after 60 s, 20 s later than the period gives (2 × 10 s + 20 s = 40 s).',
    error: '    <stdin>:13:13: error api-version-not-served: no matches for kind "DaemonSet" in version "extensions/v1beta1"',
  };
  const daemonSet = [
    '  DaemonSet agent  (document 1, spec.template.spec)',
    errorsAndWarnings.error,
    '    invalid: kubectl would not send this object (its apiVersion is not served)',
  ];
  const quietRun = await run(['analyze', '--fail-on', 'never', '-'], quiet);
  assert.equal(
    quietRun.out,
    [
      '<stdin>',
      '  Pod web  (document 0, spec)',
      errorsAndWarnings.warning,
      ...table,
      '    2 notes (missing-memory-limit, missing-memory-request; --notes lists them)',
      ...daemonSet,
      '2 workloads on an assumed node of 4 CPU, 16Gi (pass --node-cpu and --node-memory for yours): 1 error, 1 warning, 2 notes (--notes lists them)',
      '',
    ].join('\n'),
  );
  const notesRun = await run(['analyze', '--fail-on', 'never', '--notes', '-'], quiet);
  assert.equal(
    notesRun.out,
    [
      '<stdin>',
      '  Pod web  (document 0, spec)',
      errorsAndWarnings.warning,
      "    <stdin>:9:5: information missing-memory-limit: container web: no memory or cpu limit: memory.max max, so it can use all of the node's memory " +
        'and is OOM-killed only when the node runs out; cpu.max max, so it may use any CPU the node leaves idle.',
      '    <stdin>:10:5: information missing-memory-request: container log-shipper: no memory or cpu request or limit: no memory reserved, so its pod is among the first evicted ' +
        "under memory pressure (oom_score_adj 999); memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out; " +
        'no CPU reserved and cpu.weight 1 (2 shares; 1 CPU requested would be 100), so it starves when the node is busy; cpu.max max, so it may use any CPU the node leaves idle.',
      ...table,
      ...daemonSet,
      '2 workloads on an assumed node of 4 CPU, 16Gi (pass --node-cpu and --node-memory for yours): 1 error, 1 warning, 2 notes',
      '',
    ].join('\n'),
  );
  // The exit status does not depend on how much is listed.
  assert.equal((await run(['analyze', '-'], quiet)).code, 1);
});

test('analyze: JSON and SARIF keep every finding, a folded one with the codes of its parts', async () => {
  const report = JSON.parse((await run(['analyze', '--json', '-'], quiet)).out);
  const [pod, daemonSet] = report.files[0].objects;
  assert.deepEqual(
    pod.diagnostics.map((d: { code: string; severity: string; parts?: { code: string; severity: string }[] }) => [
      d.code,
      d.severity,
      d.parts?.map((p) => p.code),
    ]),
    [
      ['probe-timeout-exceeds-period', 'warning', undefined],
      ['missing-memory-limit', 'information', ['missing-memory-limit', 'missing-cpu-limit']],
      ['missing-memory-request', 'information', ['missing-memory-request', 'missing-memory-limit', 'missing-cpu-request', 'missing-cpu-limit']],
    ],
  );
  // An apiVersion kubectl cannot send: refused, without numbers, and nothing else is said about it.
  assert.equal(daemonSet.invalid, true);
  assert.equal(daemonSet.qosClass, undefined);
  assert.deepEqual(
    daemonSet.diagnostics.map((d: { code: string }) => d.code),
    ['api-version-not-served'],
  );
  const sarif = JSON.parse((await run(['analyze', '--format', 'sarif', '-'], quiet)).out);
  const folded = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'missing-memory-request');
  assert.deepEqual(
    folded.properties.parts.map((p: { code: string }) => p.code),
    ['missing-memory-request', 'missing-memory-limit', 'missing-cpu-request', 'missing-cpu-limit'],
  );
  const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
  assert.ok(rules.includes('missing-cpu-limit'), 'every part code is described among the rules');
});
