/**
 * Generators for the robustness properties (issue 7): Kubernetes-like
 * workloads built from the real field names and written in every YAML style
 * people use, unstructured text, mutations of the real manifests in
 * `examples/` and the conformance cases, and edit sequences.
 *
 * The workload tree is emitted by a small writer of our own rather than
 * `yaml.stringify`: the point is to reach the shapes the engine must read
 * (duplicate keys, anchors and aliases, merge keys, comments between
 * entries, odd indentation, flow inside block), which a conforming
 * serializer never writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import type { Scenario } from '../../server/src/engine/simulation';

const repoRoot = path.resolve(__dirname, '../../..');

// ---------------------------------------------------------------- real manifests

function yamlFilesIn(dir: string): { name: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => ({ name: path.join(path.relative(repoRoot, dir), name), text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** examples/*.yaml and the shared conformance cases (when the checkout has them). */
export const realManifests: { name: string; text: string }[] = [
  ...yamlFilesIn(path.join(repoRoot, 'examples')),
  ...yamlFilesIn(path.join(repoRoot, 'test/data/conformance/resources/cases')),
];

if (realManifests.length === 0) throw new Error(`no manifests found under ${repoRoot}/examples`);

export const realManifest: fc.Arbitrary<string> = fc.constantFrom(...realManifests.map((m) => m.text));

/**
 * What kubectl reads that plain manifests are not: `kubectl get -o yaml/-o json`
 * Lists, JSON streams (test/data/kubectl-get), and a lenient form go-yaml
 * accepts (a quoted scalar continued at its key's indentation).
 */
const kubectlGetDir = path.join(repoRoot, 'test/data/kubectl-get');
export const kubectlManifests: string[] = [
  ...(existsSync(kubectlGetDir)
    ? readdirSync(kubectlGetDir)
        .filter((name) => /\.(yaml|json)$/.test(name))
        .sort()
        .map((name) => readFileSync(path.join(kubectlGetDir, name), 'utf8'))
    : []),
  ...yamlFilesIn(path.join(repoRoot, 'test/data/kubectl-read/cases/real/kubernetes-dashboard/hack/test-resources'))
    .filter((m) => m.name.endsWith('init-container-error-pod.yaml'))
    .map((m) => m.text),
];

export const kubectlManifest: fc.Arbitrary<string> = fc.constantFrom(...kubectlManifests);

// ---------------------------------------------------------------- a YAML tree and its writer

export type Tree =
  | { t: 'scalar'; text: string }
  | { t: 'map'; entries: [string, Tree][]; flow?: boolean; anchor?: string }
  | { t: 'seq'; items: Tree[]; flow?: boolean; anchor?: string }
  | { t: 'alias'; name: string };

const s = (text: string): Tree => ({ t: 'scalar', text });
const m = (entries: [string, Tree | undefined][]): Tree => ({
  t: 'map',
  entries: entries.filter((e): e is [string, Tree] => e[1] !== undefined),
});
const q = (items: Tree[]): Tree => ({ t: 'seq', items });
const opt = (text: string | undefined): Tree | undefined => (text === undefined ? undefined : s(text));

export interface Style {
  indent: number;
  /** `- ` items indented under their key (true) or at the key's column (false, kubectl's style). */
  indentSeq: boolean;
  eol: '\n' | '\r\n';
  /** Per-mille chance of a comment line before an entry, and of a trailing comment. */
  commentRate: number;
  /** Per-mille chance that a collection is written in flow style. */
  flowRate: number;
}

export const styleArbitrary: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(2, 2, 2, 4, 3, 1, 8),
  indentSeq: fc.boolean(),
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\n', '\n', '\r\n'),
  commentRate: fc.constantFrom(0, 0, 50, 200),
  flowRate: fc.constantFrom(0, 0, 30, 150),
});

const commentTexts = ['# keep me', '# TODO: tune', '#no space', '# résumé ✓', '# "quoted" #hash', '# 注释'];

/**
 * Writes a tree as YAML. `pick` is a deterministic stream of integers (from
 * the generator) so that the writer's choices shrink with the case.
 */
export function writeYaml(tree: Tree, style: Style, pick: () => number): string {
  const lines: string[] = [];
  const chance = (perMille: number) => perMille > 0 && pick() % 1000 < perMille;
  const comment = () => commentTexts[pick() % commentTexts.length];
  const pad = (n: number) => ' '.repeat(n);

  const flow = (node: Tree): string => {
    switch (node.t) {
      case 'scalar':
        return /^[\w./+~-]*$/.test(node.text) || /^["'].*["']$/.test(node.text) ? node.text : JSON.stringify(node.text);
      case 'alias':
        return `*${node.name}`;
      case 'map':
        return `${node.anchor ? `&${node.anchor} ` : ''}{${node.entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
      case 'seq':
        return `${node.anchor ? `&${node.anchor} ` : ''}[${node.items.map(flow).join(', ')}]`;
    }
  };
  const isFlow = (node: Tree) =>
    node.t !== 'scalar' &&
    node.t !== 'alias' &&
    (node.flow || (node.t === 'map' ? node.entries.length === 0 : node.items.length === 0) || chance(style.flowRate));
  const trailing = () => (chance(style.commentRate / 2) ? ` ${comment()}` : '');

  // `prefix` is what precedes the first key on the first line (a `- ` for sequence items).
  const block = (node: Tree, column: number, prefix: string | null): void => {
    if (node.t === 'map') {
      node.entries.forEach(([key, value], index) => {
        const first = index === 0 && prefix !== null;
        if (!first && chance(style.commentRate)) lines.push(pad(column) + comment());
        const lead = first ? prefix : pad(column);
        if (value.t === 'scalar' || value.t === 'alias' || isFlow(value)) {
          lines.push(`${lead}${key}: ${flow(value)}${trailing()}`);
        } else if (value.t === 'map') {
          lines.push(`${lead}${key}:${value.anchor ? ` &${value.anchor}` : ''}${trailing()}`);
          block(value, column + style.indent, null);
        } else if (value.t === 'seq') {
          lines.push(`${lead}${key}:${value.anchor ? ` &${value.anchor}` : ''}${trailing()}`);
          block(value, style.indentSeq ? column + style.indent : column, null);
        }
      });
    } else if (node.t === 'seq') {
      node.items.forEach((item, index) => {
        const lead = index === 0 && prefix !== null ? prefix : pad(column);
        if (item.t === 'map' && !isFlow(item) && item.entries.length > 0) {
          // `- &a key: v` would anchor the key: an anchored map starts on the next line.
          if (item.anchor) {
            lines.push(`${lead}- &${item.anchor}`);
            block(item, column + 2, null);
          } else {
            block(item, column + 2, `${lead}- `);
          }
        } else if (item.t === 'seq' && !isFlow(item) && item.items.length > 0) {
          lines.push(`${lead}-`);
          block(item, column + 2, null);
        } else {
          lines.push(`${lead}- ${flow(item)}${trailing()}`);
        }
      });
    } else {
      lines.push(`${prefix ?? pad(column)}${flow(node)}`);
    }
  };
  block(tree, 0, null);
  return lines.join(style.eol) + style.eol;
}

// ---------------------------------------------------------------- Kubernetes-like values

const plainQuantities = [
  '500m',
  '0.5',
  '1',
  '2',
  '100m',
  '1.5',
  '250m',
  '10m',
  '1m',
  '0',
  '4000m',
  '64Mi',
  '128Mi',
  '1Gi',
  '1.5Gi',
  '512Mi',
  '1024Mi',
  '129M',
  '1G',
  '100Ki',
  '1e3',
  '1E3',
  '1e-3',
  '100u',
  '100n',
  '1Ti',
  '1Pi',
  '1Ei',
  '8Ei',
  '9Ei',
  '123',
  '1000',
  '268435456',
  '-1',
  '-100m',
  '+1',
  '.5',
  '5.',
  '1_000',
  '0x10',
  '0o10',
  '1.0e+2',
  '12345678901234567890',
  '9223372036854775807',
  '9223372036854775808',
  '0.000000001',
  '1n',
  '250mi',
  '1KB',
  '1 Gi',
  'Gi',
  '',
  '~',
  'null',
  'true',
  '.inf',
  '-.inf',
  '.nan',
  '1k',
  '1K',
  '2Mi',
  '1.5Mi',
  '3.14159265358979323846',
  '1e308',
  '1e400',
  '007',
];

/** Quantities from resource.Quantity's grammar (and just outside it), unquoted. */
export const rawQuantity: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...plainQuantities) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '', '-', '+'),
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String), fc.constantFrom('', '0', '00', '1', '999', '9223372036854775807')),
        fc.option(fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.constantFrom('', '000000001', '5', '9999999999999')), { nil: undefined }),
        fc.constantFrom(
          '',
          'm',
          'u',
          'n',
          'k',
          'M',
          'G',
          'T',
          'P',
          'E',
          'Ki',
          'Mi',
          'Gi',
          'Ti',
          'Pi',
          'Ei',
          'e3',
          'e-2',
          'E18',
          'e-9',
          'e20',
          'e+4',
          'i',
          'mi',
          'KiB',
        ),
      )
      .map(([sign, whole, fraction, suffix]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${suffix}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789.+-eEkKMGTPimun '.split('')), maxLength: 12 }) },
);

export const quantityText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: rawQuantity },
  { weight: 2, arbitrary: rawQuantity.map((v) => `"${v}"`) },
  { weight: 1, arbitrary: rawQuantity.map((v) => `'${v}'`) },
);

const resourceNames = [
  'cpu',
  'cpu',
  'memory',
  'memory',
  'ephemeral-storage',
  'hugepages-2Mi',
  'hugepages-1Gi',
  'nvidia.com/gpu',
  'example.com/foo',
  'storage',
  'bogus',
  'hugepages-3Mi',
];

/** Values a working manifest has (with the usual unit slips), for workloads the API server accepts. */
const saneCpu = ['100m', '250m', '500m', '1', '2', '0.5', '1.5', '"500m"', "'1'", '10m', '5m', '1000m', '2000m', '1.25', '3'];
const saneMemory = ['64Mi', '128Mi', '1Gi', '512Mi', '"256Mi"', '1G', '128M', '1073741824', '128m', '2Gi', '1.5Gi', '100Ki', '1024Mi'];

function resourceList(chaotic: boolean): fc.Arbitrary<Tree> {
  if (chaotic) {
    return fc.array(fc.tuple(fc.constantFrom(...resourceNames), quantityText), { maxLength: 4 }).map((entries) => m(entries.map(([k, v]) => [k, s(v)])));
  }
  return fc
    .record({
      cpu: fc.option(fc.constantFrom(...saneCpu), { nil: undefined, freq: 3 }),
      memory: fc.option(fc.constantFrom(...saneMemory), { nil: undefined, freq: 3 }),
    })
    .map(({ cpu, memory }) =>
      m([
        ['cpu', opt(cpu)],
        ['memory', opt(memory)],
      ]),
    );
}

const sortedCpu = ['5m', '10m', '100m', '250m', '"500m"', '0.5', '1', '1000m', "'1'", '1.25', '1.5', '2', '2000m', '3'];
const sortedMemory = ['128m', '100Ki', '64Mi', '128M', '128Mi', '"256Mi"', '512Mi', '1G', '1Gi', '1024Mi', '1073741824', '1.5Gi', '2Gi'];

/** A request and a limit no greater than it (either may be absent): what the API server accepts. */
function orderedPair(values: string[]): fc.Arbitrary<[string | undefined, string | undefined]> {
  return fc
    .tuple(fc.nat({ max: values.length - 1 }), fc.nat({ max: values.length - 1 }), fc.constantFrom('both', 'both', 'request', 'limit', 'none'))
    .map(([a, b, which]) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      return [which === 'both' || which === 'request' ? values[low] : undefined, which === 'both' || which === 'limit' ? values[high] : undefined];
    });
}

function resourcesTree(chaotic: boolean): fc.Arbitrary<Tree> {
  if (!chaotic) {
    return fc.tuple(orderedPair(sortedCpu), orderedPair(sortedMemory)).map(([[cpuRequest, cpuLimit], [memoryRequest, memoryLimit]]) => {
      const list = (cpu: string | undefined, memory: string | undefined) =>
        cpu === undefined && memory === undefined
          ? undefined
          : m([
              ['cpu', opt(cpu)],
              ['memory', opt(memory)],
            ]);
      return m([
        ['requests', list(cpuRequest, memoryRequest)],
        ['limits', list(cpuLimit, memoryLimit)],
      ]);
    });
  }
  return fc
    .record({
      requests: fc.option(resourceList(chaotic), { nil: undefined }),
      limits: fc.option(resourceList(chaotic), { nil: undefined }),
    })
    .map(({ requests, limits }) =>
      m([
        ['requests', requests],
        ['limits', limits],
      ]),
    );
}

function seconds(chaotic: boolean): fc.Arbitrary<string> {
  return chaotic
    ? fc.oneof(fc.integer({ min: -2, max: 120 }).map(String), fc.constantFrom('0', '1', '"10"', '1.5', 'x', '~'))
    : fc.integer({ min: 1, max: 60 }).map(String);
}

function probeTree(chaotic: boolean, kind: 'liveness' | 'readiness' | 'startup'): fc.Arbitrary<Tree> {
  const small = seconds(chaotic);
  return fc
    .record({
      handler: chaotic ? fc.constantFrom('httpGet', 'exec', 'tcpSocket', 'grpc', 'none', 'two') : fc.constantFrom('httpGet', 'exec', 'tcpSocket', 'grpc'),
      initialDelaySeconds: fc.option(small, { nil: undefined }),
      periodSeconds: fc.option(small, { nil: undefined }),
      timeoutSeconds: fc.option(small, { nil: undefined }),
      successThreshold: chaotic || kind === 'readiness' ? fc.option(small, { nil: undefined }) : fc.constant(undefined),
      failureThreshold: fc.option(small, { nil: undefined }),
      terminationGracePeriodSeconds: chaotic || kind !== 'readiness' ? fc.option(small, { nil: undefined, freq: 4 }) : fc.constant(undefined),
    })
    .map((p) => {
      const handlers: [string, Tree][] = [];
      if (p.handler === 'httpGet' || p.handler === 'two')
        handlers.push([
          'httpGet',
          m([
            ['path', s('/healthz')],
            ['port', s('8080')],
          ]),
        ]);
      if (p.handler === 'exec' || p.handler === 'two') handlers.push(['exec', m([['command', q([s('cat'), s('/tmp/ok')])]])]);
      if (p.handler === 'tcpSocket') handlers.push(['tcpSocket', m([['port', s('http')]])]);
      if (p.handler === 'grpc') handlers.push(['grpc', m([['port', s('9090')]])]);
      return m([
        ...handlers,
        ['initialDelaySeconds', opt(p.initialDelaySeconds)],
        ['periodSeconds', opt(p.periodSeconds)],
        ['timeoutSeconds', opt(p.timeoutSeconds)],
        ['successThreshold', opt(p.successThreshold)],
        ['failureThreshold', opt(p.failureThreshold)],
        ['terminationGracePeriodSeconds', opt(p.terminationGracePeriodSeconds)],
      ]);
    });
}

const lifecycleTree = (chaotic: boolean): fc.Arbitrary<Tree> =>
  fc
    .record({
      kind: chaotic ? fc.constantFrom('sleep', 'exec-sleep', 'sh-sleep', 'http', 'empty') : fc.constantFrom('sleep', 'exec-sleep', 'sh-sleep', 'http'),
      seconds: fc.integer({ min: -1, max: 90 }),
      postStart: fc.boolean(),
    })
    .map(({ kind, seconds: wait, postStart }) => {
      const seconds = chaotic ? wait : Math.max(0, wait);
      const preStop =
        kind === 'sleep'
          ? m([['sleep', m([['seconds', s(String(seconds))]])]])
          : kind === 'exec-sleep'
            ? m([['exec', m([['command', q([s('sleep'), s(`"${seconds}"`)])]])]])
            : kind === 'sh-sleep'
              ? m([['exec', m([['command', q([s('sh'), s('-c'), s(`"nginx -s quit; sleep ${seconds}"`)])]])]])
              : kind === 'http'
                ? m([
                    [
                      'httpGet',
                      m([
                        ['path', s('/stop')],
                        ['port', s('80')],
                      ]),
                    ],
                  ])
                : m([]);
      return m([
        ['preStop', preStop],
        ['postStart', postStart ? m([['exec', m([['command', q([s(chaotic ? 'true' : '"true"')])]])]]) : undefined],
      ]);
    });

function envTree(chaotic: boolean): fc.Arbitrary<Tree> {
  return fc
    .array(
      fc.oneof(
        fc.tuple(
          fc.constantFrom('JAVA_OPTS', 'JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'FOO', 'MYSQL_ROOT_PASSWORD'),
          fc.constantFrom('"-Xmx512m"', '"-Xmx2g -Xms1g"', '"-XX:MaxRAMPercentage=80"', '"-XX:MaxHeapSize=1073741824"', 'bar', '"password"', '""'),
        ),
        fc.tuple(fc.constantFrom('A', 'B'), chaotic ? quantityText : fc.constantFrom('"1"', 'x')),
      ),
      { maxLength: 3 },
    )
    .map((pairs) =>
      q(
        pairs.map(([name, value]) =>
          m([
            ['name', s(name)],
            ['value', s(value)],
          ]),
        ),
      ),
    );
}

const containerNames = ['app', 'web', 'db', 'sidecar', 'init', 'log-shipper', 'Bad_Name', '', 'app'];

interface ContainerChoice {
  name: string;
  image: boolean;
  resources: Tree | undefined;
  /** Where `resources` goes: the container itself, or misplaced under an env item or a port. */
  placement: 'container' | 'env' | 'port' | 'env-flat';
  env: Tree | undefined;
  ports: boolean;
  livenessProbe: Tree | undefined;
  readinessProbe: Tree | undefined;
  startupProbe: Tree | undefined;
  lifecycle: Tree | undefined;
  restartPolicy: string | undefined;
  command: boolean;
  unknownField: boolean;
  duplicateKey: boolean;
}

/** `role` matters only for sane workloads: regular init containers there have no probes and no lifecycle. */
function containerChoice(chaotic: boolean, role: 'app' | 'init'): fc.Arbitrary<ContainerChoice> {
  const sidecar = fc.boolean();
  return sidecar.chain((isSidecar) => {
    const probed = chaotic || role === 'app' || isSidecar;
    return fc.record({
      name: chaotic ? fc.constantFrom(...containerNames) : fc.constant('app'),
      image: chaotic ? fc.constantFrom(true, true, true, true, true, false) : fc.constant(true),
      resources: fc.option(resourcesTree(chaotic), { nil: undefined, freq: 4 }),
      placement: fc.constantFrom<ContainerChoice['placement']>('container', 'container', 'container', 'container', 'env', 'port', 'env-flat'),
      env: fc.option(envTree(chaotic), { nil: undefined }),
      ports: fc.boolean(),
      livenessProbe: probed ? fc.option(probeTree(chaotic, 'liveness'), { nil: undefined, freq: 3 }) : fc.constant(undefined),
      readinessProbe: probed ? fc.option(probeTree(chaotic, 'readiness'), { nil: undefined, freq: 3 }) : fc.constant(undefined),
      startupProbe: probed ? fc.option(probeTree(chaotic, 'startup'), { nil: undefined, freq: 4 }) : fc.constant(undefined),
      lifecycle: probed ? fc.option(lifecycleTree(chaotic), { nil: undefined, freq: 3 }) : fc.constant(undefined),
      restartPolicy: chaotic
        ? fc.constantFrom(undefined, undefined, undefined, 'Always', 'Never', 'OnFailure', 'Sometimes')
        : fc.constant(role === 'init' && isSidecar ? 'Always' : undefined),
      command: fc.boolean(),
      unknownField: chaotic ? fc.constantFrom(false, false, false, false, true) : fc.constant(false),
      duplicateKey: fc.constantFrom(false, false, false, false, false, false, false, true),
    });
  });
}

function containerTree(c: ContainerChoice, index: number, prefix: string): Tree {
  const name = c.name === 'app' ? `${prefix}${index}` : c.name;
  let env = c.env;
  let ports: Tree | undefined = c.ports
    ? q([
        m([
          ['containerPort', s('8080')],
          ['name', s('http')],
        ]),
      ])
    : undefined;
  let resources = c.resources;
  const resourcesEntries = resources?.t === 'map' ? resources.entries : [];
  if (resources && c.placement === 'env') {
    env = q([
      m([
        ['name', s('MISPLACED')],
        ['value', s('"x"')],
        ['resources', resources],
      ]),
    ]);
    resources = undefined;
  } else if (resources && c.placement === 'port') {
    ports = q([
      m([
        ['containerPort', s('80')],
        ['resources', resources],
      ]),
    ]);
    resources = undefined;
  } else if (resources && c.placement === 'env-flat') {
    // `resources:` empty with its children as siblings: the shape a mis-pasted snippet has.
    env = q([m([['name', s('FLAT')], ['value', s('"y"')], ['resources', s('')], ...resourcesEntries])]);
    resources = undefined;
  }
  const entries: [string, Tree | undefined][] = [
    ['name', s(name === '' ? '""' : name)],
    ['image', c.image ? s('registry.example.com/app:1.0') : undefined],
    ['command', c.command ? q([s('/bin/server'), s('--port=8080')]) : undefined],
    ['env', env],
    ['ports', ports],
    ['resources', resources],
    ['livenessProbe', c.livenessProbe],
    ['readinessProbe', c.readinessProbe],
    ['startupProbe', c.startupProbe],
    ['lifecycle', c.lifecycle],
    ['restartPolicy', opt(c.restartPolicy)],
    ['imagePullPolicy', c.unknownField ? s('IfNotPresent') : undefined],
    ['resourcez', c.unknownField ? m([['limits', m([['cpu', s('1')]])]]) : undefined],
  ];
  if (c.duplicateKey && resources) entries.push(['resources', m([['limits', m([['memory', s('1Gi')]])]])]);
  return m(entries);
}

export interface WorkloadChoice {
  kind: string;
  apiVersion: string | undefined;
  name: string | undefined;
  containers: ContainerChoice[];
  initContainers: ContainerChoice[];
  restartPolicy: string | undefined;
  terminationGracePeriodSeconds: string | undefined;
  podResources: Tree | undefined;
  overhead: Tree | undefined;
  priority: string | undefined;
  readinessGates: boolean;
  /** Reuse the first container through an anchor and an alias, or a merge key. */
  aliasing: 'none' | 'alias' | 'merge';
  style: Style;
}

const kinds: [string, string][] = [
  ['Pod', 'v1'],
  ['Pod', 'v1'],
  ['Pod', 'v1'],
  ['Deployment', 'apps/v1'],
  ['Deployment', 'apps/v1'],
  ['StatefulSet', 'apps/v1'],
  ['DaemonSet', 'apps/v1'],
  ['ReplicaSet', 'apps/v1'],
  ['ReplicationController', 'v1'],
  ['Job', 'batch/v1'],
  ['CronJob', 'batch/v1'],
  ['PodTemplate', 'v1'],
  ['ConfigMap', 'v1'],
  ['Service', 'v1'],
];

function chaoticWorkload(): fc.Arbitrary<WorkloadChoice> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      dropApiVersion: fc.constantFrom(false, false, false, false, false, false, true),
      name: fc.option(fc.constantFrom('web', 'db', 'batch-1', 'x'), { nil: undefined, freq: 8 }),
      containers: fc.array(containerChoice(true, 'app'), { minLength: 0, maxLength: 3 }),
      initContainers: fc.array(containerChoice(true, 'init'), { maxLength: 2 }),
      restartPolicy: fc.constantFrom(undefined, undefined, 'Always', 'OnFailure', 'Never', 'Bogus'),
      terminationGracePeriodSeconds: fc.option(seconds(true), { nil: undefined }),
      podResources: fc.option(resourcesTree(true), { nil: undefined, freq: 6 }),
      overhead: fc.option(resourceList(true), { nil: undefined, freq: 10 }),
      priority: fc.option(fc.constantFrom('0', '1000', '-5', '2000000000'), { nil: undefined, freq: 6 }),
      readinessGates: fc.constantFrom(false, false, false, true),
      aliasing: fc.constantFrom<WorkloadChoice['aliasing']>('none', 'none', 'none', 'none', 'alias', 'merge'),
      style: styleArbitrary,
    })
    .map(({ kind, dropApiVersion, ...rest }) => ({ kind: kind[0], apiVersion: dropApiVersion ? undefined : kind[1], ...rest }));
}

/** A workload the API server would accept, apart from the mistakes advice rules and quick fixes are for. */
function saneWorkload(): fc.Arbitrary<WorkloadChoice> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds.filter(([kind]) => kind !== 'ConfigMap' && kind !== 'Service')),
      name: fc.constantFrom('web', 'db', 'batch-1'),
      containers: fc.array(containerChoice(false, 'app'), { minLength: 1, maxLength: 3 }),
      initContainers: fc.array(containerChoice(false, 'init'), { maxLength: 2 }),
      jobRestartPolicy: fc.constantFrom('OnFailure', 'Never'),
      terminationGracePeriodSeconds: fc.option(seconds(false), { nil: undefined }),
      // Pod-level resources large enough for any sane containers: only `unschedulable` advice is expected.
      podResources: fc.option(
        fc.constant(
          m([
            [
              'requests',
              m([
                ['cpu', s('10')],
                ['memory', s('8Gi')],
              ]),
            ],
            [
              'limits',
              m([
                ['cpu', s('10')],
                ['memory', s('8Gi')],
              ]),
            ],
          ]),
        ),
        { nil: undefined, freq: 8 },
      ),
      readinessGates: fc.constantFrom(false, false, false, true),
      aliasing: fc.constant<WorkloadChoice['aliasing']>('none'),
      style: styleArbitrary,
    })
    .map(({ kind, jobRestartPolicy, ...rest }) => ({
      ...rest,
      kind: kind[0],
      apiVersion: kind[1],
      restartPolicy: kind[0] === 'Job' || kind[0] === 'CronJob' ? jobRestartPolicy : undefined,
      overhead: undefined,
      priority: undefined,
    }));
}

/** Half the workloads are ones the API server accepts (so that advice rules and refactorings run), half are anything. */
export const saneWorkloadChoice = saneWorkload();
export const workloadChoice: fc.Arbitrary<WorkloadChoice> = fc.oneof(saneWorkloadChoice, chaoticWorkload());

function podSpecTree(w: WorkloadChoice): Tree {
  const containers = w.containers.map((c, i) => containerTree(c, i, 'app'));
  if (w.aliasing !== 'none' && containers.length > 0 && containers[0].t === 'map') {
    (containers[0] as { anchor?: string }).anchor = 'base';
    if (w.aliasing === 'alias') containers.push({ t: 'alias', name: 'base' });
    else
      containers.push(
        m([
          ['<<', { t: 'alias', name: 'base' }],
          ['name', s('merged')],
        ]),
      );
  }
  return m([
    ['restartPolicy', opt(w.restartPolicy)],
    ['terminationGracePeriodSeconds', opt(w.terminationGracePeriodSeconds)],
    ['priority', opt(w.priority)],
    ['readinessGates', w.readinessGates ? q([m([['conditionType', s('example.com/ready')]])]) : undefined],
    ['resources', w.podResources],
    ['overhead', w.overhead],
    ['initContainers', w.initContainers.length > 0 ? q(w.initContainers.map((c, i) => containerTree(c, i, 'init'))) : undefined],
    ['containers', q(containers)],
  ]);
}

export function workloadTree(w: WorkloadChoice): Tree {
  const metadata = m([
    ['name', opt(w.name)],
    ['labels', m([['app', s('demo')]])],
  ]);
  const podSpec = podSpecTree(w);
  const template = m([
    ['metadata', metadata],
    ['spec', podSpec],
  ]);
  let body: [string, Tree | undefined][];
  switch (w.kind) {
    case 'Pod':
      body = [['spec', podSpec]];
      break;
    case 'PodTemplate':
      body = [['template', template]];
      break;
    case 'CronJob':
      body = [
        [
          'spec',
          m([
            ['schedule', s('"*/5 * * * *"')],
            ['jobTemplate', m([['spec', m([['template', template]])]])],
          ]),
        ],
      ];
      break;
    case 'ConfigMap':
      body = [['data', m([['key', s('value')]])]];
      break;
    case 'Service':
      body = [['spec', m([['ports', q([m([['port', s('80')]])])]])]];
      break;
    default:
      body = [
        [
          'spec',
          m([
            ['replicas', s('2')],
            ['selector', w.kind === 'ReplicationController' ? m([['app', s('demo')]]) : m([['matchLabels', m([['app', s('demo')]])]])],
            ['template', template],
          ]),
        ],
      ];
  }
  return m([['apiVersion', opt(w.apiVersion)], ['kind', s(w.kind)], ['metadata', metadata], ...body]);
}

/** A random pick stream for the writer, drawn from the generator so that it replays from the seed. */
const picks = fc.array(fc.nat({ max: 1_000_000 }), { minLength: 64, maxLength: 64 });

function pickStream(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] + i;
}

/** One structured workload document (no `---`), and the choices that made it. */
export const workloadYaml: fc.Arbitrary<string> = fc
  .tuple(workloadChoice, picks)
  .map(([choice, values]) => writeYaml(workloadTree(choice), choice.style, pickStream(values)));

/** A file of one to three documents, with the ways files join them (`---`, `...`, comments before a marker). */
export const structuredFile: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(workloadYaml, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('---\n', '---\n', '--- # next\n', '...\n---\n', '# between\n---\n'),
    fc.boolean(),
  )
  .map(([documents, separator, leadingMarker]) => (leadingMarker ? '---\n' : '') + documents.join(separator));

/** The pod spec of a workload as plain JSON, for the simulator. */
export const podSpecJson: fc.Arbitrary<unknown> = fc.tuple(workloadChoice, picks).map(([choice, values]) => {
  const text = writeYaml(podSpecTree(choice), { ...choice.style, eol: '\n' }, pickStream(values));
  try {
    return parse(text, { uniqueKeys: false, merge: true, maxAliasCount: 100 });
  } catch {
    return null;
  }
});

// ---------------------------------------------------------------- unstructured text

/** Characters that mean something in YAML, and the ones that break editors and parsers. */
const yamlChars = [
  ' ',
  ' ',
  ' ',
  '\n',
  '\n',
  '\t',
  '\r',
  ':',
  '-',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '?',
  '<<',
  'a',
  'k',
  'z',
  '0',
  '1',
  '.',
  '_',
  '/',
  '\\',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u00a0',
  '\ufeff',
  '\u200f',
  '\u202e',
  '\u200b',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'é',
  '中',
  '---',
  '...',
  'apiVersion: v1\n',
  'kind: Pod\n',
  'containers:',
  'resources:',
  'cpu: ',
  'memory: ',
  '- name: c\n',
  '  ',
  '    ',
];

export const unstructuredText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...yamlChars), { maxLength: 200 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...'-:{}[]&*!|># \n\t"\'?,'.split('')), maxLength: 120 }),
);

// ---------------------------------------------------------------- mutations of real text

const insertions = [
  '\t',
  '\u0000',
  '\ufeff',
  '\u200f',
  '\u202e',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\r',
  '\n',
  '\r\n',
  ':',
  '- ',
  '# x',
  '&a ',
  '*a',
  '{',
  ']',
  '"',
  "'",
  '---\n',
  '...\n',
  ' ',
  '    ',
  'é',
  '\u2028',
  '<<: *a\n',
  '!!binary ',
  '%YAML 1.2\n',
];

export type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'indent'; line: number; delta: number }
  | { op: 'tabIndent'; line: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'crlf' }
  | { op: 'bom' };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 12 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fraction,
      text: fc.oneof(fc.constantFrom(...insertions), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: fraction, b: fraction }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('indent' as const), line: fraction, delta: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tabIndent' as const), line: fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: fraction }) },
  { weight: 1, arbitrary: fc.constant({ op: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
) as fc.Arbitrary<Mutation>;

export function applyMutation(text: string, mutation: Mutation): string {
  const at = (f: number) => Math.floor(f * (text.length + 1));
  const lines = () => text.split('\n');
  const lineAt = (f: number, all: string[]) => Math.floor(f * all.length);
  switch (mutation.op) {
    case 'delete': {
      const start = at(mutation.at);
      return text.slice(0, start) + text.slice(start + mutation.length);
    }
    case 'insert': {
      const start = at(mutation.at);
      return text.slice(0, start) + mutation.text + text.slice(start);
    }
    case 'swapLines': {
      const all = lines();
      const a = lineAt(mutation.a, all);
      const b = lineAt(mutation.b, all);
      [all[a], all[b]] = [all[b], all[a]];
      return all.join('\n');
    }
    case 'indent': {
      const all = lines();
      const i = lineAt(mutation.line, all);
      all[i] = mutation.delta >= 0 ? ' '.repeat(mutation.delta) + all[i] : all[i].replace(new RegExp(`^ {0,${-mutation.delta}}`), '');
      return all.join('\n');
    }
    case 'tabIndent': {
      const all = lines();
      const i = lineAt(mutation.line, all);
      all[i] = all[i].replace(/^ +/, '\t');
      return all.join('\n');
    }
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'duplicateLine': {
      const all = lines();
      const i = lineAt(mutation.line, all);
      all.splice(i, 0, all[i]);
      return all.join('\n');
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'bom':
      return text.startsWith('\ufeff') ? text : '\ufeff' + text;
  }
}

/** A real manifest (or a generated one) after one to five random mutations. */
export const mutatedManifest: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: realManifest }, { weight: 1, arbitrary: structuredFile }),
    fc.array(mutationArbitrary, { minLength: 1, maxLength: 5 }),
  )
  .map(([text, mutations]) => mutations.reduce(applyMutation, text));

/** Any text the engine may see: generated, unstructured, mutated, or real. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: structuredFile },
  { weight: 3, arbitrary: mutatedManifest },
  { weight: 1, arbitrary: unstructuredText },
  { weight: 1, arbitrary: realManifest },
);

// ---------------------------------------------------------------- edit sequences

/** One keystroke-sized edit, as an editor sends them: replace a range of the current text. */
export interface Edit {
  at: number;
  deleteLength: number;
  insert: string;
}

const typed = fc.oneof(
  fc.constantFrom('a', ' ', '\n', ':', '-', '#', '  ', '\n  ', '---\n', 'm', 'Mi', '0', '"', '\t', '\r\n', '\ud83d', '\ude00'),
  fc.constantFrom('resources:\n', '  limits:\n', '    cpu: 500m\n', '- name: x\n', 'kind: Pod\n', 'apiVersion: v1\n'),
  // What decides how kubectl reads a file: a JSON value's brackets, a `---` line with text after it, `...`, a List.
  fc.constantFrom('{', '}', '[', ']', ',', '{"a": 1}\n', '--- x\n', '...\n', 'items:\n', 'kind: List\n', '&a ', '*a'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);

export const editArbitrary: fc.Arbitrary<Edit> = fc
  .record({ at: fraction, deleteLength: fc.constantFrom(0, 0, 0, 1, 1, 2, 5, 40), insert: fc.oneof(fc.constant(''), typed) })
  .map(({ at, deleteLength, insert }) => ({ at, deleteLength, insert }));

/** Positions are fractions of the current length, so that any sequence applies to any text. */
export function applyEdit(text: string, edit: Edit): string {
  const start = Math.floor(edit.at * (text.length + 1));
  return text.slice(0, start) + edit.insert + text.slice(start + edit.deleteLength);
}

export const editSession: fc.Arbitrary<{ text: string; edits: Edit[] }> = fc.record({
  text: fc.oneof(realManifest, structuredFile, mutatedManifest, kubectlManifest),
  edits: fc.array(editArbitrary, { minLength: 1, maxLength: 12 }),
});

// ---------------------------------------------------------------- simulation scenarios

function containerNamesOf(podSpec: unknown): string[] {
  const spec = podSpec as { containers?: unknown; initContainers?: unknown } | null;
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return [...list(spec?.containers), ...list(spec?.initContainers)]
    .map((c) => (c && typeof c === 'object' ? (c as { name?: unknown }).name : undefined))
    .filter((n): n is string => typeof n === 'string');
}

/** A pod spec and a scenario over its own containers (or the default one), with a horizon. */
export const simulationCase: fc.Arbitrary<{ podSpec: unknown; scenario: Scenario; until: number }> = podSpecJson.chain((podSpec) => {
  const names = containerNamesOf(podSpec);
  const name = names.length > 0 ? fc.option(fc.constantFrom(...names), { nil: null, freq: 5 }) : fc.constant(null);
  const seconds = fc.oneof(
    fc.integer({ min: 0, max: 400 }).map((n) => n / 2),
    fc.constantFrom(0, 0.001, 1e-9, 1e6),
  );
  return fc.record({
    podSpec: fc.constant(podSpec),
    until: fc.oneof(fc.integer({ min: 1, max: 1500 }), fc.constantFrom(0.5, 3600)),
    scenario: fc.record({
      exit: fc.array(fc.record({ container: name, afterSeconds: seconds, exitCode: fc.constantFrom(0, 1, 2, 137, 255) }), { maxLength: 2 }),
      exitOnce: fc.array(fc.record({ container: name, afterSeconds: seconds, exitCode: fc.constantFrom(0, 1) }), { maxLength: 1 }),
      healthyAfter: fc.array(fc.record({ container: name, seconds }), { maxLength: 2 }),
      livenessFails: fc.array(fc.record({ container: name, at: seconds }), { maxLength: 2 }),
      readinessFails: fc.array(
        fc.record({ container: name, from: seconds, length: seconds }).map((r) => ({ container: r.container, from: r.from, to: r.from + r.length })),
        { maxLength: 2 },
      ),
      oom: fc.array(fc.record({ container: name, afterSeconds: fc.oneof(seconds, fc.constant(0)) }), { maxLength: 1 }),
      delete: fc.array(seconds, { maxLength: 2 }),
      shutdown: fc.array(fc.record({ container: name, seconds: fc.oneof(seconds, fc.constant('never' as const)) }), { maxLength: 2 }),
      prestop: fc.array(fc.record({ container: name, seconds: fc.integer({ min: 0, max: 60 }) }), { maxLength: 1 }),
      pull: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    }),
  });
});
