import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, type Hover, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/engine/analyze';
import { analyzedFile } from '../../server/src/service/document';
import { doHover } from '../../server/src/service/hover';
import { readSettings } from '../../server/src/service/settings';
import { find, TestClient } from './client';

/**
 * The node the numbers are computed for is either the user's (both
 * `podLens.node` settings given) or assumed (4 CPU, 16Gi). Hovers and the
 * `unschedulable` finding say which, and how to give the real one.
 */

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: registry.example/web:1
        resources:
          requests:
            cpu: 500m
            memory: 256Mi
          limits:
            memory: 512Mi
      - name: batch
        image: registry.example/batch:1
        resources:
          requests:
            cpu: "5"
            memory: 20Gi
`;

describe('readSettings: which node numbers are assumed', () => {
  const cases: { section: unknown; cpuMilli: bigint; memoryBytes: bigint; assumed: unknown; problems: number }[] = [
    {
      section: undefined,
      cpuMilli: 4000n,
      memoryBytes: 16n << 30n,
      assumed: { cpu: true, memory: true, howToSet: 'set podLens.node.cpu and podLens.node.memory' },
      problems: 0,
    },
    {
      section: {},
      cpuMilli: 4000n,
      memoryBytes: 16n << 30n,
      assumed: { cpu: true, memory: true, howToSet: 'set podLens.node.cpu and podLens.node.memory' },
      problems: 0,
    },
    {
      section: { node: { cpu: '8' } },
      cpuMilli: 8000n,
      memoryBytes: 16n << 30n,
      assumed: { cpu: false, memory: true, howToSet: 'set podLens.node.memory' },
      problems: 0,
    },
    {
      section: { node: { memory: '32Gi' } },
      cpuMilli: 4000n,
      memoryBytes: 32n << 30n,
      assumed: { cpu: true, memory: false, howToSet: 'set podLens.node.cpu' },
      problems: 0,
    },
    // Set to the defaults' size is still the user's node.
    { section: { node: { cpu: '4', memory: '16Gi' } }, cpuMilli: 4000n, memoryBytes: 16n << 30n, assumed: undefined, problems: 0 },
    { section: { node: { cpu: 8, memory: '15.5Gi' } }, cpuMilli: 8000n, memoryBytes: 16642998272n, assumed: undefined, problems: 0 },
    // Empty is unset; a value that is not a positive quantity falls back to the default, which is then assumed.
    {
      section: { node: { cpu: '', memory: '32Gi' } },
      cpuMilli: 4000n,
      memoryBytes: 32n << 30n,
      assumed: { cpu: true, memory: false, howToSet: 'set podLens.node.cpu' },
      problems: 0,
    },
    {
      section: { node: { cpu: '8', memory: 'lots' } },
      cpuMilli: 8000n,
      memoryBytes: 16n << 30n,
      assumed: { cpu: false, memory: true, howToSet: 'set podLens.node.memory' },
      problems: 1,
    },
    {
      section: { node: { cpu: '-2', memory: '0' } },
      cpuMilli: 4000n,
      memoryBytes: 16n << 30n,
      assumed: { cpu: true, memory: true, howToSet: 'set podLens.node.cpu and podLens.node.memory' },
      problems: 2,
    },
  ];
  for (const c of cases) {
    test(JSON.stringify(c.section) ?? 'undefined', () => {
      const { settings, problems } = readSettings(c.section);
      assert.equal(settings.node.cpuMilli, c.cpuMilli);
      assert.equal(settings.node.memoryBytes, c.memoryBytes);
      assert.deepEqual(settings.node.assumed, c.assumed);
      assert.equal(problems.length, c.problems);
    });
  }
});

const unschedulable = (section: unknown) =>
  analyzeText(manifest, { node: readSettings(section).settings.node })
    .documents[0].objects[0].findings.filter((f) => f.code === 'unschedulable')
    .map((f) => `${f.severity}: ${f.message}`);

describe('unschedulable: the assumed node or the configured one', () => {
  test('nothing configured: the assumed node, its size and the settings to set', () => {
    assert.deepEqual(unschedulable({}), [
      'warning: The pod requests 5500m CPU (container app 500m CPU + container batch 5 CPU) but the assumed node (4 CPU, 16Gi; set podLens.node.cpu and podLens.node.memory) has 4 CPU: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient cpu).',
      'warning: The pod requests 20736Mi memory (container app 256Mi memory + container batch 20Gi memory) but the assumed node (4 CPU, 16Gi; set podLens.node.cpu and podLens.node.memory) has 16Gi memory: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient memory).',
    ]);
  });

  test('only the CPU configured: the memory finding names the setting still missing', () => {
    assert.deepEqual(unschedulable({ node: { cpu: '8' } }), [
      'warning: The pod requests 20736Mi memory (container app 256Mi memory + container batch 20Gi memory) but the assumed node (8 CPU, 16Gi; set podLens.node.memory) has 16Gi memory: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient memory).',
    ]);
  });

  test('only the memory configured: the CPU finding is about an assumed node, the memory one about the configured node', () => {
    assert.deepEqual(unschedulable({ node: { memory: '8Gi' } }), [
      'warning: The pod requests 5500m CPU (container app 500m CPU + container batch 5 CPU) but the assumed node (4 CPU, 8Gi; set podLens.node.cpu) has 4 CPU: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient cpu).',
      'warning: The pod requests 20736Mi memory (container app 256Mi memory + container batch 20Gi memory) but the configured node has 8Gi memory: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient memory).',
    ]);
  });

  test('configured at the default size: the configured node', () => {
    assert.deepEqual(unschedulable({ node: { cpu: '4', memory: '16Gi' } }), [
      'warning: The pod requests 5500m CPU (container app 500m CPU + container batch 5 CPU) but the configured node has 4 CPU: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient cpu).',
      'warning: The pod requests 20736Mi memory (container app 256Mi memory + container batch 20Gi memory) but the configured node has 16Gi memory: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient memory).',
    ]);
  });
});

/** The hover's lines that speak of the node, for the value `needle`. */
function nodeLines(section: unknown, needle: string): string[] {
  const { settings } = readSettings(section);
  const options = { node: settings.node };
  const analyzed = analyzedFile('file:///assumed.yaml', 1, analyzeText(manifest, options), options);
  const hover = doHover(analyzed, find(manifest, needle, 1), settings);
  const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  return text.split('\n').filter((line) => /(CPU|Gi) node|oom_score_adj/.test(line));
}

describe('hovers: the CPU share, the OOM score and the fit name an assumed node', () => {
  const cases: { name: string; section: unknown; needle: string; lines: string[] }[] = [
    {
      name: 'CPU request, nothing configured',
      section: {},
      needle: '500m',
      lines: ['**CPU request `500m`** = 0.5 cores (12.5% of an assumed 4-CPU node; set `podLens.node.cpu` to yours)'],
    },
    {
      name: 'CPU request, CPU configured',
      section: { node: { cpu: '8' } },
      needle: '500m',
      lines: ['**CPU request `500m`** = 0.5 cores (6.25% of an 8-CPU node)'],
    },
    {
      name: 'memory request, nothing configured',
      section: {},
      needle: '256Mi',
      lines: [
        '- **OOM score**: `oom_score_adj` = **985** on an assumed 16Gi node (set `podLens.node.memory` to yours): 1000 − 1000 × 268435456 / 17179869184, rounded down (Burstable: the larger the request, the lower the score).',
      ],
    },
    {
      name: 'memory request, only the CPU configured',
      section: { node: { cpu: '8' } },
      needle: '256Mi',
      lines: [
        '- **OOM score**: `oom_score_adj` = **985** on an assumed 16Gi node (set `podLens.node.memory` to yours): 1000 − 1000 × 268435456 / 17179869184, rounded down (Burstable: the larger the request, the lower the score).',
      ],
    },
    {
      name: 'memory request, a configured 32Gi node',
      section: { node: { cpu: '8', memory: '32Gi' } },
      needle: '256Mi',
      lines: [
        '- **OOM score**: `oom_score_adj` = **993** on a 32Gi node: 1000 − 1000 × 268435456 / 34359738368, rounded down (Burstable: the larger the request, the lower the score).',
      ],
    },
    {
      name: 'workload fit, nothing configured',
      section: {},
      needle: 'Deployment',
      lines: [
        '**Fit**: none — it requests more CPU than an assumed 4 CPU / 16Gi node (capacity; allocatable is a little less; set `podLens.node.cpu` and `podLens.node.memory` to yours) has (5500m each of 4); it stays Pending.',
      ],
    },
    {
      name: 'workload fit, a configured node',
      section: { node: { cpu: '8', memory: '64Gi' } },
      needle: 'Deployment',
      lines: ['**Fit**: 1 replicas on an 8 CPU / 64Gi node (capacity; allocatable is a little less); **CPU** runs out first (5500m each of 8).'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(nodeLines(c.section, c.needle), c.lines));
  }
});

describe('the real server: settings make the node configured', () => {
  let client: TestClient;
  const uri = 'file:///assumed/web.yaml';

  before(async () => {
    client = await TestClient.start({ settings: {} });
  });
  after(async () => client.stop());

  const hoverText = async (needle: string) => {
    const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: find(manifest, needle, 1) })) as Hover | null;
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };
  const oomLine = async () => (await hoverText('256Mi')).split('\n').find((line) => line.includes('oom_score_adj')) ?? '';
  const configure = async (settings: Record<string, unknown>) => {
    client.settings = settings;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  };

  test('assumed, then configured at the same size, then a bigger node', async () => {
    await client.open(uri, manifest);
    let diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'unschedulable'));
    assert.ok(
      diagnostics
        .filter((d) => d.code === 'unschedulable')
        .every((d) => String(d.message).includes('the assumed node (4 CPU, 16Gi; set podLens.node.cpu and podLens.node.memory)')),
    );
    assert.match(await oomLine(), /\*\*985\*\* on an assumed 16Gi node \(set `podLens\.node\.memory` to yours\)/);

    // The same numbers, now the user's: the findings are analyzed again and say so.
    await configure({ node: { cpu: '4', memory: '16Gi' } });
    diagnostics = await client.diagnostics(
      uri,
      (d) => d.some((x) => x.code === 'unschedulable' && String(x.message).includes('the configured node')),
      5000,
      false,
    );
    assert.equal(diagnostics.filter((d) => d.code === 'unschedulable').length, 2);
    assert.ok(!diagnostics.some((d) => String(d.message).includes('assumed')));
    assert.match(await oomLine(), /\*\*985\*\* on a 16Gi node: /);

    await configure({ node: { cpu: '8', memory: '32Gi' } });
    // 5500m of 8 CPU and 20736Mi of 32Gi: schedulable.
    await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unschedulable'), 5000, false);
    assert.match(await oomLine(), /\*\*993\*\* on a 32Gi node: /);
  });
});
