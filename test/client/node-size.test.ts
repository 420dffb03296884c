import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isKubernetesYaml, nodeView, parseNodeSize, withoutUnsetNode } from '../../client/src/node-size';
import { machineTypes } from '../../client/src/machine-types';
import { Quantity } from '../../server/src/engine/quantity';
import { readSettings } from '../../server/src/service/settings';

/** The node quick pick's parser, the status bar's wording, the settings sent to the server, the machine table. */

describe('parseNodeSize: what can be typed in the quick pick', () => {
  const sizes: [input: string, cpu: string, memory: string][] = [
    ['8 32Gi', '8', '32Gi'],
    ['  8   32Gi ', '8', '32Gi'],
    ['4 cpu 15.5Gi', '4', '15.5Gi'],
    ['4 CPU 15.5Gi', '4', '15.5Gi'],
    ['4 vCPU 16Gi', '4', '16Gi'],
    ['4 cores 16Gi', '4', '16Gi'],
    ['8cpu 32Gi', '8', '32Gi'],
    ['8vcpus 32Gi', '8', '32Gi'],
    ['8 CPU · 32Gi', '8', '32Gi'],
    ['8, 32Gi', '8', '32Gi'],
    ['8 x 32Gi', '8', '32Gi'],
    ['8/32Gi', '8', '32Gi'],
    ['cpu=8 memory=32Gi', '8', '32Gi'],
    ['cpu: 8, memory: 32Gi', '8', '32Gi'],
    ['cpu 8 memory 32Gi', '8', '32Gi'],
    ['memory 32Gi cpu 8', '8', '32Gi'],
    ['32Gi 8', '8', '32Gi'],
    ['32Gi memory 8 cpu', '8', '32Gi'],
    ['3500m 12Gi', '3500m', '12Gi'],
    ['2.5 7.5Gi', '2.5', '7.5Gi'],
    ['16 64G', '16', '64G'],
    ['16 68719476736', '16', '68719476736'],
  ];
  for (const [input, cpu, memory] of sizes) {
    test(`"${input}" → ${cpu} CPU, ${memory}`, () => assert.deepEqual(parseNodeSize(input), { kind: 'size', size: { cpu, memory } }));
  }

  const refused: [input: string, message: string][] = [
    ['8', 'Type both the CPU and the memory of the node (e.g. `8 32Gi` or `4 cpu 15.5Gi`)'],
    ['8 32Gi 4', 'Type two values, the CPU and the memory of the node (e.g. `8 32Gi` or `4 cpu 15.5Gi`); got 3: 8 32Gi 4'],
    ['8 16GiB', 'Memory: "16GiB" is not a Kubernetes quantity: write 16Gi'],
    ['8 16gib', 'Memory: "16gib" is not a Kubernetes quantity: write 16Gi'],
    ['8 16GB', 'Memory: "16GB" is not a Kubernetes quantity: write 16G (powers of 1000) or 16Gi (powers of 1024)'],
    ['8 512kb', 'Memory: "512kb" is not a Kubernetes quantity: write 512k (powers of 1000) or 512Ki (powers of 1024)'],
    [
      '8 abc',
      'Memory: "abc" is not a Kubernetes quantity (e.g. `8 32Gi` or `4 cpu 15.5Gi`): quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ],
    [
      '8.5.1 32Gi',
      'CPU: "8.5.1" is not a Kubernetes quantity (e.g. `8 32Gi` or `4 cpu 15.5Gi`): quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ],
    ['0 32Gi', 'CPU: "0" is not more than 0'],
    ['-2 32Gi', 'CPU: "-2" is not more than 0'],
    ['8 0Gi', 'Memory: "0Gi" is not more than 0'],
    ['8Gi 32Gi', 'CPU: "8Gi" has a byte unit: CPU is counted in cores (8) or millicores (8000m)'],
    ['8k 32Gi', 'CPU: "8k" is 8 thousand cores: CPU is counted in cores (8) or millicores (8000m)'],
    ['8 32', 'Memory: "32" is 32 bytes: a node\'s memory needs a unit, e.g. 32Gi'],
    ['8 32m', 'Memory: "32m" is 32 thousandths of a byte ("m" is milli): a node\'s memory needs a unit, e.g. 32Gi'],
    ['8 1023Ki', 'Memory: "1023Ki" is 1047552 bytes: a node\'s memory needs a unit, e.g. 1023Gi'],
    ['cpu 8 cpu 4', 'Type one CPU and one memory value (e.g. `8 32Gi` or `4 cpu 15.5Gi`)'],
  ];
  for (const [input, message] of refused) {
    test(`"${input}" is refused`, () => assert.deepEqual(parseNodeSize(input), { kind: 'invalid', message }));
  }

  test('text that starts with neither a number nor a label filters the machine types instead', () => {
    for (const input of ['', '   ', 'm6i', 'm6i.xlarge', 'e2-standard-4', 'c3-highmem', 'Standard_D4s_v5', 'xlarge'])
      assert.equal(parseNodeSize(input), null, input);
  });

  test("every size accepted is one the server reads as the user's node, with the same numbers", () => {
    for (const [input] of sizes) {
      const parsed = parseNodeSize(input);
      assert.ok(parsed?.kind === 'size');
      const { settings, problems } = readSettings({ node: parsed.size });
      assert.deepEqual(problems, [], input);
      assert.equal(settings.node.assumed, undefined, input);
      assert.equal(settings.node.cpuMilli, Quantity.parse(parsed.size.cpu).milliValue(), input);
      assert.equal(settings.node.memoryBytes, Quantity.parse(parsed.size.memory).value(), input);
    }
  });
});

describe('nodeView: the status bar text', () => {
  const cases: [cpu: unknown, memory: unknown, text: string, configured: boolean, problems: string[]][] = [
    [undefined, undefined, '4 CPU · 16Gi (assumed)', false, []],
    ['8', '32Gi', '8 CPU · 32Gi', true, []],
    ['4', '16Gi', '4 CPU · 16Gi', true, []],
    [8, ' 15.5Gi ', '8 CPU · 15.5Gi', true, []],
    ['8', undefined, '8 CPU · 16Gi (memory assumed)', false, []],
    [undefined, '64Gi', '4 CPU · 64Gi (CPU assumed)', false, []],
    ['', '', '4 CPU · 16Gi (assumed)', false, []],
    [
      'eight',
      '32Gi',
      '4 CPU · 32Gi (CPU assumed)',
      false,
      [
        'podLens.node.cpu: "eight" is not a Kubernetes quantity (e.g. `8 32Gi` or `4 cpu 15.5Gi`): quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      ],
    ],
    ['8', '-1Gi', '8 CPU · 16Gi (memory assumed)', false, ['podLens.node.memory: "-1Gi" is not more than 0']],
    [true, '16Gi', '4 CPU · 16Gi (CPU assumed)', false, ['podLens.node.cpu: true is not a quantity']],
  ];
  for (const [cpu, memory, text, configured, problems] of cases) {
    test(`${JSON.stringify(cpu)}, ${JSON.stringify(memory)} → ${text}`, () => {
      const view = nodeView(cpu, memory);
      assert.equal(view.text, text);
      assert.equal(view.configured, configured);
      assert.deepEqual(view.problems, problems);
      // The server assumes exactly what the status bar calls assumed.
      const assumed = readSettings({ node: { cpu, memory } }).settings.node.assumed;
      assert.equal(assumed === undefined, configured);
    });
  }
});

describe("withoutUnsetNode: VS Code fills in the defaults, the server must not take them for the user's", () => {
  const section = { node: { cpu: '4', memory: '16Gi' }, cgroupDriver: 'systemd', codeLens: { enabled: true } };
  test('nothing set: the node numbers are left out, the rest is kept', () => {
    assert.deepEqual(withoutUnsetNode(section, { cpu: false, memory: false }), { node: {}, cgroupDriver: 'systemd', codeLens: { enabled: true } });
    assert.deepEqual(readSettings(withoutUnsetNode(section, { cpu: false, memory: false })).settings.node.assumed, {
      cpu: true,
      memory: true,
      howToSet: 'set podLens.node.cpu and podLens.node.memory',
    });
  });
  test("set to the defaults' values: kept, and the server calls the node configured", () => {
    assert.deepEqual(withoutUnsetNode(section, { cpu: true, memory: true }), section);
    assert.equal(readSettings(withoutUnsetNode(section, { cpu: true, memory: true })).settings.node.assumed, undefined);
  });
  test('one set', () => {
    assert.deepEqual(withoutUnsetNode(section, { cpu: true, memory: false }), { ...section, node: { cpu: '4' } });
  });
  test('the section itself is not changed, and odd shapes pass through', () => {
    withoutUnsetNode(section, { cpu: false, memory: false });
    assert.deepEqual(section.node, { cpu: '4', memory: '16Gi' });
    assert.equal(withoutUnsetNode(null, { cpu: false, memory: false }), null);
    assert.deepEqual(withoutUnsetNode({ node: 'x' }, { cpu: false, memory: false }), { node: 'x' });
  });
});

describe('isKubernetesYaml: which editors get the status bar item', () => {
  const cases: [text: string, expected: boolean][] = [
    ['apiVersion: v1\nkind: Pod\n', true],
    ['kind: Pod\napiVersion: v1\n', true],
    ['# comment\n---\napiVersion: apps/v1\nmetadata:\n  name: x\nkind: Deployment\n', true],
    ['apiVersion: v1\n', false],
    ['name: x\nkind: Pod\n', false],
    ['spec:\n  apiVersion: v1\n  kind: Pod\n', false],
    ['items:\n- apiVersion: v1\n  kind: Pod\n', false],
    ['', false],
  ];
  for (const [text, expected] of cases) {
    test(JSON.stringify(text), () => assert.equal(isKubernetesYaml(text.split('\n')), expected));
  }

  test('a big manifest is decided by its first lines', () => {
    let read = 0;
    function* lines() {
      for (let i = 0; i < 1_000_000; i++) {
        read++;
        yield i === 0 ? 'apiVersion: v1' : i === 1 ? 'kind: Pod' : 'x: 1';
      }
    }
    assert.equal(isKubernetesYaml(lines()), true);
    assert.equal(read, 2);
  });
});

describe('the machine types of the quick pick', () => {
  test('a few dozen rows from each of the three clouds', () => {
    assert.ok(machineTypes.length >= 30 && machineTypes.length <= 60, `${machineTypes.length} rows`);
    for (const cloud of ['AWS', 'Google Cloud', 'Azure']) assert.ok(machineTypes.filter((m) => m.cloud === cloud).length >= 8, cloud);
    for (const family of [/^m\d/, /^c\d/, /^r\d/, /^e2-/, /^n2-/, /^c3-/, /^Standard_D/, /^Standard_E/, /^Standard_F/]) {
      assert.ok(
        machineTypes.some((m) => family.test(m.name)),
        `a ${family} type`,
      );
    }
    assert.equal(new Set(machineTypes.map((m) => m.name)).size, machineTypes.length, 'names are unique');
  });

  for (const machine of machineTypes) {
    test(`${machine.name}: ${machine.cpu} vCPU, ${machine.memory}, ${machine.basis}`, () => {
      const cpu = Quantity.parse(machine.cpu);
      const memory = Quantity.parse(machine.memory);
      assert.ok(cpu.sign() > 0 && memory.sign() > 0, 'positive');
      assert.ok(cpu.milliValue() % 1000n === 0n, 'whole vCPUs');
      assert.ok(memory.value() >= 1n << 30n, 'at least 1Gi');
      assert.ok(['capacity', 'allocatable'].includes(machine.basis));
      const url = new URL(machine.docs);
      assert.equal(url.protocol, 'https:');
      assert.match(url.hostname, /(^|\.)(amazon\.com|google\.com|microsoft\.com)$/);
      // The quick pick accepts the row as if typed, and the server reads it as the user's node.
      assert.deepEqual(parseNodeSize(`${machine.cpu} ${machine.memory}`), { kind: 'size', size: { cpu: machine.cpu, memory: machine.memory } });
      const { settings, problems } = readSettings({ node: { cpu: machine.cpu, memory: machine.memory } });
      assert.deepEqual(problems, []);
      assert.equal(settings.node.assumed, undefined);
    });
  }
});
