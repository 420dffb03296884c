import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, defaultNode } from '../../server/src/engine/analyze';
import { buildReportFile, type ReportObject } from '../../server/src/engine/report';
import { milliCpuToQuota, milliCpuToShares, podCgroupPaths, sharesToWeightLinear, sharesToWeightRuntime } from '../../server/src/engine/cgroups';

/**
 * Real manifests with the exact values Kubernetes v1.36 computes for them
 * (worked by hand from the formulas in docs/kubernetes/resources.md; the
 * arithmetic is in each case's comment so a reviewer can redo it).
 */

function analyze(yaml: string): ReportObject {
  const file = buildReportFile('test.yaml', analyzeText(yaml, { node: defaultNode }));
  assert.equal(file.objects.length, 1, 'one workload');
  return file.objects[0];
}

interface ContainerExpectation {
  role?: string;
  requests?: { cpuMilli: number | string | null; memoryBytes: number | string | null };
  limits?: { cpuMilli: number | string | null; memoryBytes: number | string | null };
  cgroup?: Partial<Record<string, number | string | null>>;
}

interface Case {
  name: string;
  yaml: string;
  qosClass: string;
  requests?: { cpuMilli: number | string | null; memoryBytes: number | string | null };
  limits?: { cpuMilli: number | string | null; memoryBytes: number | string | null };
  podCgroup?: Record<string, unknown>;
  containers?: Record<string, ContainerExpectation>;
}

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

const cases: Case[] = [
  {
    // pod cpu = max(100m, 1000m) = 1000m → shares 1024, linear weight 1 + 1022*9999/262142 = 39.
    // OOM: app 1000 - 1000*128Mi/16Gi = 1000 - 7 = 993; init 1000 - 62 = 938.
    name: 'an init container larger than the app sets the pod request',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: init-larger}
spec:
  initContainers:
  - name: init
    image: busybox
    resources: {requests: {cpu: "1", memory: 1Gi}}
  containers:
  - name: app
    image: nginx
    resources: {requests: {cpu: 100m, memory: 128Mi}}
`,
    qosClass: 'Burstable',
    requests: { cpuMilli: 1000, memoryBytes: Gi },
    limits: { cpuMilli: null, memoryBytes: null },
    podCgroup: { parent: 'kubepods/burstable', cpuShares: 1024, cpuWeight: 39, cpuQuotaUs: null, memoryLimitBytes: null },
    containers: {
      app: { role: 'app', cgroup: { cpuShares: 102, cpuWeight: 17, oomScoreAdj: 993 } },
      init: { role: 'init', cgroup: { cpuShares: 1024, cpuWeight: 100, oomScoreAdj: 938 } },
    },
  },
  {
    // app 300m/512Mi + sidecar 200m/256Mi = 500m/768Mi; init step = 500m+200m / 128Mi+256Mi = 700m/384Mi.
    // pod = max per resource = 700m / 768Mi. shares 716, weight 1 + 714*9999/262142 = 28.
    // OOM: app 1000 - 31 = 969; sidecar 1000 - 15 = 985, capped at the smallest app's 969; init 993.
    name: 'a sidecar counts in full and raises the later init step',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: sidecar-step
spec:
  initContainers:
  - name: proxy
    image: envoy
    restartPolicy: Always
    resources:
      requests: {cpu: 200m, memory: 256Mi}
  - name: setup
    image: busybox
    resources:
      requests: {cpu: 500m, memory: 128Mi}
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: 300m, memory: 512Mi}
`,
    qosClass: 'Burstable',
    requests: { cpuMilli: 700, memoryBytes: 768 * Mi },
    podCgroup: { cpuShares: 716, cpuWeight: 28 },
    containers: {
      app: { cgroup: { oomScoreAdj: 969 } },
      proxy: { role: 'sidecar', cgroup: { cpuShares: 204, oomScoreAdj: 969 } },
      setup: { role: 'init', cgroup: { cpuShares: 512, oomScoreAdj: 993 } },
    },
  },
  {
    // Overhead adds to requests, and to limits that exist: 500m+250m, 256Mi+120Mi = 376Mi.
    // pod shares 768, weight 1 + 766*9999/262142 = 30; quota 75000. QoS ignores overhead: Guaranteed.
    name: 'overhead is added to pod requests and declared limits',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: overhead}
spec:
  runtimeClassName: kata
  overhead: {cpu: 250m, memory: 120Mi}
  containers:
  - name: app
    image: nginx
    resources:
      limits: {cpu: 500m, memory: 256Mi}
`,
    qosClass: 'Guaranteed',
    requests: { cpuMilli: 750, memoryBytes: 376 * Mi },
    limits: { cpuMilli: 750, memoryBytes: 376 * Mi },
    podCgroup: { parent: 'kubepods', cpuShares: 768, cpuWeight: 30, cpuQuotaUs: 75000, cpuPeriodUs: 100000, memoryLimitBytes: 376 * Mi },
    containers: {
      app: {
        requests: { cpuMilli: 500, memoryBytes: 256 * Mi },
        limits: { cpuMilli: 500, memoryBytes: 256 * Mi },
        cgroup: { cpuShares: 512, cpuWeight: 59, cpuQuotaUs: 50000, memoryLimitBytes: 256 * Mi, oomScoreAdj: -997 },
      },
    },
  },
  {
    // Pod-level limits only: requests default from the containers that request (500m, 1Gi).
    // Container b has no cpu request key: shares from the pod-level cpu limit 2 → 2048.
    // OOM: remainder (1Gi - 1Gi)/2 = 0; a 1000 - 62 = 938; b 1000 → 999.
    name: 'pod-level limits: pod requests default from the containers',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: podlevel-limits}
spec:
  resources:
    limits: {cpu: "2", memory: 2Gi}
  containers:
  - name: a
    image: nginx
    resources:
      requests: {cpu: 500m, memory: 1Gi}
  - name: b
    image: nginx
`,
    qosClass: 'Burstable',
    requests: { cpuMilli: 500, memoryBytes: Gi },
    limits: { cpuMilli: 2000, memoryBytes: 2 * Gi },
    podCgroup: { cpuShares: 512, cpuWeight: 20, cpuQuotaUs: 200000, memoryLimitBytes: 2 * Gi },
    containers: {
      a: { cgroup: { cpuShares: 512, cpuWeight: 59, cpuQuotaUs: 200000, memoryLimitBytes: 2 * Gi, oomScoreAdj: 938 } },
      b: {
        requests: { cpuMilli: null, memoryBytes: null },
        cgroup: { cpuShares: 2048, cpuWeight: 174, cpuQuotaUs: 200000, memoryLimitBytes: 2 * Gi, oomScoreAdj: 999 },
      },
    },
  },
  {
    // A present but empty spec.resources makes only pod-level values count: none, so BestEffort,
    // while the container cgroup still gets its own values.
    name: 'an empty pod-level resources block makes the pod BestEffort',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: empty-podlevel}
spec:
  resources: {}
  containers:
  - name: app
    image: nginx
    resources:
      limits: {cpu: "1", memory: 1Gi}
`,
    qosClass: 'BestEffort',
    requests: { cpuMilli: 1000, memoryBytes: Gi },
    podCgroup: { parent: 'kubepods/besteffort', cpuShares: 2, cpuWeight: 1, cpuQuotaUs: null, memoryLimitBytes: null },
    containers: { app: { cgroup: { cpuShares: 1024, cpuWeight: 100, cpuQuotaUs: 100000, memoryLimitBytes: Gi, oomScoreAdj: 1000 } } },
  },
  {
    // An explicit "0" cpu request is kept (not defaulted from the limit) and gives the minimum 2 shares.
    // QoS: limits of both but requests {memory} vs limits {cpu, memory}: Burstable.
    name: 'an explicit zero cpu request',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: zero-cpu}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: "0"}
      limits: {cpu: 500m, memory: 256Mi}
`,
    qosClass: 'Burstable',
    requests: { cpuMilli: 0, memoryBytes: 256 * Mi },
    limits: { cpuMilli: 500, memoryBytes: 256 * Mi },
    podCgroup: { cpuShares: 2, cpuWeight: 1, cpuQuotaUs: 50000, memoryLimitBytes: 256 * Mi },
    containers: {
      app: {
        requests: { cpuMilli: 0, memoryBytes: 256 * Mi },
        cgroup: { cpuShares: 2, cpuWeight: 1, cpuQuotaUs: 50000, oomScoreAdj: 985 },
      },
    },
  },
  {
    // 300 cores → 307200 shares, capped at 262144 (weight 10000); a request of all the node's memory
    // scores 0, raised to 3. One byte and one millicore: shares 1 → 2, OOM 1000 → 999, quota 100 µs → 1000 µs.
    name: 'extremes are clamped as the kubelet clamps them',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: extremes}
spec:
  containers:
  - name: big
    image: nginx
    resources:
      requests: {cpu: "300", memory: 16Gi}
  - name: tiny
    image: nginx
    resources:
      requests: {cpu: 1m, memory: "1"}
      limits: {cpu: 1m}
`,
    qosClass: 'Burstable',
    requests: { cpuMilli: 300001, memoryBytes: 16 * Gi + 1 },
    limits: { cpuMilli: null, memoryBytes: null },
    podCgroup: { cpuShares: 262144, cpuWeight: 10000, cpuQuotaUs: null },
    containers: {
      big: { cgroup: { cpuShares: 262144, cpuWeight: 10000, cpuWeightLegacy: 10000, oomScoreAdj: 3 } },
      tiny: { cgroup: { cpuShares: 2, cpuWeight: 1, cpuQuotaUs: 1000, oomScoreAdj: 999 } },
    },
  },
  {
    // Pod-level requests of cpu only: no memory request to spread, so each container scores on its own
    // request (1000 - 1000*256Mi/16Gi = 985; none → 999), not on a negative remainder.
    name: 'pod-level cpu request only leaves OOM scores to the containers',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: podlevel-cpu-only}
spec:
  resources:
    requests: {cpu: "1"}
  containers:
  - name: a
    image: nginx
    resources:
      requests: {cpu: 250m, memory: 256Mi}
  - name: b
    image: nginx
`,
    qosClass: 'Burstable',
    requests: { cpuMilli: 1000, memoryBytes: 256 * Mi },
    containers: { a: { cgroup: { oomScoreAdj: 985 } }, b: { cgroup: { oomScoreAdj: 999 } } },
  },
  {
    // kubectl (go-yaml v2) applies `<<` merge keys: the second container inherits image and resources,
    // and the limits merge the requests' anchor, so both containers are Guaranteed.
    name: 'merge keys are applied as kubectl applies them',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: merged}
spec:
  selector: {matchLabels: {app: m}}
  template:
    metadata: {labels: {app: m}}
    spec:
      containers:
      - &base
        name: app
        image: registry.example/app:1
        resources:
          requests: &req {cpu: 250m, memory: 128Mi}
          limits:
            <<: *req
      - <<: *base
        name: worker
`,
    qosClass: 'Guaranteed',
    requests: { cpuMilli: 500, memoryBytes: 256 * Mi },
    limits: { cpuMilli: 500, memoryBytes: 256 * Mi },
    containers: {
      app: { limits: { cpuMilli: 250, memoryBytes: 128 * Mi } },
      worker: { requests: { cpuMilli: 250, memoryBytes: 128 * Mi }, cgroup: { cpuQuotaUs: 25000, oomScoreAdj: -997 } },
    },
  },
  {
    name: 'a node-critical pod scores like a Guaranteed one',
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      priorityClassName: system-node-critical
      containers:
      - name: agent
        image: agent
        resources:
          requests: {cpu: 100m, memory: 100Mi}
          limits: {memory: 200Mi}
`,
    qosClass: 'Burstable',
    containers: { agent: { cgroup: { oomScoreAdj: -997 } } },
  },
  {
    // Hugepages do not change the QoS; the pod cgroup gets a hugetlb limit of 4Mi for 2Mi pages.
    name: 'hugepages',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: huge}
spec:
  containers:
  - name: app
    image: dpdk
    resources:
      limits: {cpu: 500m, memory: 256Mi, hugepages-2Mi: 4Mi}
`,
    qosClass: 'Guaranteed',
    podCgroup: { parent: 'kubepods', cpuShares: 512, cpuQuotaUs: 50000, memoryLimitBytes: 256 * Mi, hugePageLimitBytes: { '2Mi': 4 * Mi } },
  },
  {
    // Values are rounded up to milli by defaulting and then up to whole bytes: 100.5 bytes → 101.
    name: 'defaulting rounds quantities up',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: rounding}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: 0.0001, memory: "100.5"}
      limits: {cpu: 1.0001}
`,
    qosClass: 'Burstable',
    containers: {
      app: {
        requests: { cpuMilli: 1, memoryBytes: 101 },
        limits: { cpuMilli: 1001, memoryBytes: null },
        cgroup: { cpuShares: 2, cpuQuotaUs: 100100 },
      },
    },
  },
  {
    // status.qosClass Guaranteed on a Burstable spec: PrepareForCreate keeps it (GetPodQOS returns a written class),
    // and the kubelet follows it. Guaranteed pod cgroup: directly under kubepods; shares from the 250m request = 256,
    // linear weight 1 + 254*9999/262142 = 10; quota and memory from the pod limits (500m → 50000, 512Mi) whatever
    // the "declared" flags; every container oom_score_adj -997. Container cgroup values come from its own resources.
    name: 'status.qosClass Guaranteed overrides a Burstable spec',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: forced-guaranteed}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: 250m, memory: 256Mi}
      limits: {cpu: 500m, memory: 512Mi}
status:
  qosClass: Guaranteed
`,
    qosClass: 'Guaranteed',
    requests: { cpuMilli: 250, memoryBytes: 256 * Mi },
    limits: { cpuMilli: 500, memoryBytes: 512 * Mi },
    podCgroup: { parent: 'kubepods', cpuShares: 256, cpuWeight: 10, cpuQuotaUs: 50000, cpuPeriodUs: 100000, memoryLimitBytes: 512 * Mi },
    containers: { app: { cgroup: { cpuShares: 256, cpuQuotaUs: 50000, memoryLimitBytes: 512 * Mi, oomScoreAdj: -997 } } },
  },
  {
    // Forced Guaranteed with nothing requested or limited: shares MilliCPUToShares(0) = 2 (weight 1), quota
    // MilliCPUToQuota(0) = 0 and memory 0, which the cgroup manager leaves unset (max).
    name: 'status.qosClass Guaranteed on a BestEffort spec: zero quota and memory mean unset',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: forced-empty}
spec:
  containers:
  - name: app
    image: nginx
status: {qosClass: Guaranteed}
`,
    qosClass: 'Guaranteed',
    requests: { cpuMilli: null, memoryBytes: null },
    podCgroup: { parent: 'kubepods', cpuShares: 2, cpuWeight: 1, cpuQuotaUs: null, memoryLimitBytes: null },
    containers: { app: { cgroup: { cpuShares: 2, cpuQuotaUs: null, memoryLimitBytes: null, oomScoreAdj: -997 } } },
  },
  {
    // Forced BestEffort on a Guaranteed spec: the pod cgroup gets only the minimum 2 shares (weight 1), no quota
    // and no memory.max, under kubepods/besteffort; the containers keep their own cgroup values but score 1000.
    name: 'status.qosClass BestEffort on a Guaranteed spec',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: forced-besteffort}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      limits: {cpu: "1", memory: 1Gi}
status: {qosClass: BestEffort}
`,
    qosClass: 'BestEffort',
    requests: { cpuMilli: 1000, memoryBytes: Gi },
    limits: { cpuMilli: 1000, memoryBytes: Gi },
    podCgroup: { parent: 'kubepods/besteffort', cpuShares: 2, cpuWeight: 1, cpuQuotaUs: null, memoryLimitBytes: null },
    containers: { app: { cgroup: { cpuShares: 1024, cpuQuotaUs: 100000, memoryLimitBytes: Gi, oomScoreAdj: 1000 } } },
  },
  {
    // Forced Burstable on a Guaranteed spec: kubepods/burstable, shares 1024 (weight 1 + 1022*9999/262142 = 39),
    // quota and memory because every container declares the limits; OOM 1000 - 1000*1Gi/16Gi = 1000 - 62 = 938.
    name: 'status.qosClass Burstable on a Guaranteed spec',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: forced-burstable}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      limits: {cpu: "1", memory: 1Gi}
status:
  phase: Running
  qosClass: Burstable
`,
    qosClass: 'Burstable',
    podCgroup: { parent: 'kubepods/burstable', cpuShares: 1024, cpuWeight: 39, cpuQuotaUs: 100000, memoryLimitBytes: Gi },
    containers: { app: { cgroup: { oomScoreAdj: 938 } } },
  },
  {
    // A value that names no class (and "") leaves the class computed from the spec.
    name: 'status.qosClass that is not a class is not followed',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: odd-status}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      limits: {cpu: "1", memory: 1Gi}
status: {qosClass: guaranteed}
`,
    qosClass: 'Guaranteed',
    podCgroup: { parent: 'kubepods' },
    containers: { app: { cgroup: { oomScoreAdj: -997 } } },
  },
  {
    // Only a Pod keeps a status: a Deployment's status (and its template, which has none) changes nothing.
    name: 'a workload status does not set the class',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx
        resources:
          requests: {cpu: 100m}
status: {qosClass: Guaranteed}
`,
    qosClass: 'Burstable',
    podCgroup: { parent: 'kubepods/burstable' },
  },
];

for (const c of cases) {
  test(c.name, () => {
    const object = analyze(c.yaml);
    assert.equal(object.invalid, undefined, JSON.stringify(object.diagnostics));
    assert.equal(object.qosClass, c.qosClass);
    if (c.requests) assert.deepEqual(object.requests, c.requests);
    if (c.limits) assert.deepEqual(object.limits, c.limits);
    for (const [key, value] of Object.entries(c.podCgroup ?? {})) {
      assert.deepEqual((object.podCgroup as Record<string, unknown> | undefined)?.[key], value, `podCgroup.${key}`);
    }
    for (const [name, expected] of Object.entries(c.containers ?? {})) {
      const actual = (object.containers ?? []).find((x) => x.name === name) as Record<string, any> | undefined;
      assert.ok(actual, `container ${name}`);
      if (expected.role) assert.equal(actual.role, expected.role);
      if (expected.requests) assert.deepEqual(actual.requests, expected.requests, `${name} requests`);
      if (expected.limits) assert.deepEqual(actual.limits, expected.limits, `${name} limits`);
      for (const [key, value] of Object.entries(expected.cgroup ?? {})) {
        assert.deepEqual(actual.cgroup[key], value, `${name} cgroup.${key}`);
      }
    }
  });
}

test('cpu.shares from millicores', () => {
  const table: [bigint, bigint][] = [
    [0n, 2n],
    [1n, 2n],
    [2n, 2n],
    [10n, 10n],
    [100n, 102n],
    [250n, 256n],
    [500n, 512n],
    [1000n, 1024n],
    [256000n, 262144n],
    [300000n, 262144n],
  ];
  for (const [milli, shares] of table) assert.equal(milliCpuToShares(milli), shares, `${milli}m`);
});

test('CFS quota from millicores', () => {
  const table: [bigint, bigint][] = [
    [0n, 0n],
    [1n, 1000n],
    [9n, 1000n],
    [10n, 1000n],
    [11n, 1100n],
    [250n, 25000n],
    [500n, 50000n],
    [1500n, 150000n],
  ];
  for (const [milli, quota] of table) assert.equal(milliCpuToQuota(milli), quota, `${milli}m`);
});

test('cpu.weight: the runtime conversion and the kubelet linear one', () => {
  const runtime: [bigint, bigint][] = [
    [0n, 0n],
    [2n, 1n],
    [3n, 2n],
    [102n, 17n],
    [256n, 35n],
    [512n, 59n],
    [1024n, 100n],
    [2048n, 174n],
    [262144n, 10000n],
  ];
  for (const [shares, weight] of runtime) assert.equal(sharesToWeightRuntime(shares), weight, `${shares} shares`);
  const linear: [bigint, bigint][] = [
    [2n, 1n],
    [512n, 20n],
    [614n, 24n],
    [1024n, 39n],
    [262144n, 10000n],
  ];
  for (const [shares, weight] of linear) assert.equal(sharesToWeightLinear(shares), weight, `${shares} shares`);
});

test('pod cgroup paths for both drivers', () => {
  assert.deepEqual(podCgroupPaths('Burstable', '1a2b-3c'), {
    cgroupfs: '/kubepods/burstable/pod1a2b-3c',
    systemd: '/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1a2b_3c.slice',
  });
  assert.deepEqual(podCgroupPaths('Guaranteed', 'u-1'), { cgroupfs: '/kubepods/podu-1', systemd: '/kubepods.slice/kubepods-podu_1.slice' });
  assert.deepEqual(podCgroupPaths('BestEffort', 'x'), {
    cgroupfs: '/kubepods/besteffort/podx',
    systemd: '/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-podx.slice',
  });
});

test('a written status.qosClass is the class, with the reason and the class the spec gives', () => {
  const object = analyze(`apiVersion: v1
kind: Pod
metadata: {name: forced}
spec:
  containers:
  - name: app
    image: nginx
    resources: {requests: {cpu: 100m}}
status: {qosClass: Guaranteed}
`);
  assert.equal(object.qosClass, 'Guaranteed');
  assert.deepEqual(object.qosReasons, [
    'status.qosClass is Guaranteed: the API server keeps a status.qosClass written at creation, and the kubelet uses it for the pod cgroup and OOM scores',
    'the spec alone makes it Burstable: container app: cpu request 100m ≠ limit none',
  ]);
  // The missing memory request, memory limit and cpu limit of one container are one finding, with the code of the first.
  assert.deepEqual(object.diagnostics.map((d) => `${d.code} ${d.severity}`).sort(), ['status-qos-class warning', 'missing-memory-request information'].sort());
});
