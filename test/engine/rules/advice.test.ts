import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/engine/analyze';
import { parseSlice, splitDocuments } from '../../../server/src/engine/documents';
import { type Finding, type Severity } from '../../../server/src/engine/findings';
import { type NodeCapacity, type Rule } from '../../../server/src/engine/rules/rule';
import {
  adviceRules,
  cpuByteUnit,
  cpuLimitBelowMinimum,
  jvmHeapExceedsLimit,
  jvmPercentageWithoutLimit,
  memoryMillibytes,
  memoryWithoutUnit,
  missingCpuLimit,
  missingCpuRequest,
  missingMemoryLimit,
  missingMemoryRequest,
  preStopExceedsGrace,
  probeTimeoutExceedsPeriod,
  readinessSlowerThanLiveness,
  unschedulable,
  statusQosClassOverride,
} from '../../../server/src/engine/rules/advice';
import { adviceContext, applyFix, crlf, runRule, testNode, yaml } from './advice-context';

/**
 * One table per rule: real manifests, the exact findings (code, message,
 * the text the span covers and where), and for fixes the exact text after
 * applying them. Every fix of every case is also applied and re-analyzed:
 * the finding must be gone, the object must stay valid for the API rules,
 * and every comment line must survive.
 */

interface Expected {
  /** The exact text the finding's span covers. */
  at: string;
  /** Search for `at` from the first occurrence of this text (to tell equal values apart). */
  after?: string;
  message: string;
  /** When not the rule's default severity. */
  severity?: Severity;
  /** Titles of the fixes, in order. */
  fixes?: string[];
}

interface Case {
  name: string;
  rule: Rule;
  yaml: string;
  node?: NodeCapacity;
  expect: Expected[];
  /** The text after applying the first fix of the first finding, when the case pins it. */
  fixed?: string;
}

const pod = (...lines: string[]) => yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', ...lines);

const cases: Case[] = [
  // ---- memory-millibytes
  {
    name: 'memory-millibytes: request in m, block style, comment kept',
    rule: memoryMillibytes,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        memory: 128m   # meant 128Mi',
      '      limits:',
      '        memory: 256Mi',
    ),
    expect: [
      {
        at: '128m',
        message:
          'spec.containers[0].resources.requests.memory: 128m is 0.128 bytes ("m" means milli), which counts as 1 byte; did you mean 128Mi (134217728 bytes)?',
        fixes: ['Change 128m to 128Mi'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        memory: 128Mi   # meant 128Mi',
      '      limits:',
      '        memory: 256Mi',
    ),
  },
  {
    name: 'memory-millibytes: flow style',
    rule: memoryMillibytes,
    yaml: pod('  - name: app', '    image: app:1', '    resources: {requests: {memory: 128m}}'),
    expect: [
      {
        at: '128m',
        message:
          'spec.containers[0].resources.requests.memory: 128m is 0.128 bytes ("m" means milli), which counts as 1 byte; did you mean 128Mi (134217728 bytes)?',
        fixes: ['Change 128m to 128Mi'],
      },
    ],
    fixed: pod('  - name: app', '    image: app:1', '    resources: {requests: {memory: 128Mi}}'),
  },
  {
    name: 'memory-millibytes: double- and single-quoted values keep their quotes; limit-only counts once',
    rule: memoryMillibytes,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      limits:',
      '        memory: "512m"',
      '  - name: side',
      '    image: side:1',
      "    resources: {requests: {memory: '1.5m'}}",
    ),
    expect: [
      {
        at: '"512m"',
        message:
          'spec.containers[0].resources.limits.memory: 512m is 0.512 bytes ("m" means milli), which counts as 1 byte; did you mean 512Mi (536870912 bytes)?',
        fixes: ['Change 512m to 512Mi'],
      },
      {
        at: "'1.5m'",
        message:
          'spec.containers[1].resources.requests.memory: 1.5m is 0.002 bytes ("m" means milli), which counts as 1 byte; did you mean 1.5Mi (1572864 bytes)?',
        fixes: ['Change 1.5m to 1.5Mi'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      limits:',
      '        memory: "512Mi"',
      '  - name: side',
      '    image: side:1',
      "    resources: {requests: {memory: '1.5m'}}",
    ),
  },
  {
    name: 'memory-millibytes: CRLF file',
    rule: memoryMillibytes,
    yaml: crlf(pod('  - name: app', '    image: app:1', '    resources:', '      requests:', '        memory: 64m', '        cpu: 100m')),
    expect: [
      {
        at: '64m',
        message:
          'spec.containers[0].resources.requests.memory: 64m is 0.064 bytes ("m" means milli), which counts as 1 byte; did you mean 64Mi (67108864 bytes)?',
        fixes: ['Change 64m to 64Mi'],
      },
    ],
    fixed: crlf(pod('  - name: app', '    image: app:1', '    resources:', '      requests:', '        memory: 64Mi', '        cpu: 100m')),
  },
  {
    name: 'memory-millibytes: pod-level resources too; cpu in m and 0m are fine',
    rule: memoryMillibytes,
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  resources:',
      '    limits:',
      '      memory: 300m',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: 100m',
      '        memory: 0m',
    ),
    expect: [
      {
        at: '300m',
        message: 'spec.resources.limits.memory: 300m is 0.3 bytes ("m" means milli), which counts as 1 byte; did you mean 300Mi (314572800 bytes)?',
        fixes: ['Change 300m to 300Mi'],
      },
    ],
  },

  // ---- memory-without-unit
  {
    name: 'memory-without-unit: plain and quoted numbers below 1Mi; request and limit are corrected together',
    rule: memoryWithoutUnit,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        memory: 512 # bytes?',
      '      limits:',
      '        memory: "1000"',
    ),
    expect: [
      {
        at: '512',
        message: 'spec.containers[0].resources.requests.memory: 512 has no unit, so it is 512 bytes; did you mean 512Mi (536870912 bytes)?',
        fixes: ['Change 512 to 512Mi and the limit 1000 to 1000Mi'],
      },
      {
        at: '"1000"',
        message: 'spec.containers[0].resources.limits.memory: 1000 has no unit, so it is 1000 bytes; did you mean 1000Mi (1048576000 bytes)?',
        fixes: ['Change 1000 to 1000Mi and the request 512 to 512Mi'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        memory: 512Mi # bytes?',
      '      limits:',
      '        memory: "1000Mi"',
    ),
  },
  {
    name: 'memory-without-unit: a millibyte request with a unitless limit; a limit below a real request gets no fix',
    rule: memoryWithoutUnit,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources: {requests: {memory: 128m}, limits: {memory: 256}}',
      '  - name: b',
      '    image: b:1',
      '    resources: {requests: {memory: 1000m}, limits: {memory: "2"}}',
    ),
    expect: [
      {
        at: '256',
        message: 'spec.containers[0].resources.limits.memory: 256 has no unit, so it is 256 bytes; did you mean 256Mi (268435456 bytes)?',
        fixes: ['Change 256 to 256Mi and the request 128m to 128Mi'],
      },
      {
        at: '"2"',
        message: 'spec.containers[1].resources.limits.memory: 2 has no unit, so it is 2 bytes; did you mean 2Mi (2097152 bytes)?',
        // 1000m would become 1000Mi, above a 2Mi limit: which of the two is wrong is the author's call.
        fixes: [],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources: {requests: {memory: 128Mi}, limits: {memory: 256Mi}}',
      '  - name: b',
      '    image: b:1',
      '    resources: {requests: {memory: 1000m}, limits: {memory: "2"}}',
    ),
  },
  {
    name: 'memory-without-unit: byte counts from 1Mi up, exponents and zero are deliberate',
    rule: memoryWithoutUnit,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        memory: 1048576',
      '      limits:',
      '        memory: 129e6',
      '  - name: b',
      '    image: b:1',
      '    resources: {requests: {memory: 0}}',
    ),
    expect: [],
  },

  // ---- cpu-byte-unit
  {
    name: 'cpu-byte-unit: 500M is mega, fixed to 500m',
    rule: cpuByteUnit,
    yaml: pod('  - name: app', '    image: app:1', '    resources:', '      limits:', '        cpu: 500M         # 500 million cores'),
    expect: [
      {
        at: '500M',
        message: 'spec.containers[0].resources.limits.cpu: cpu 500M: "M" is mega, not milli, so this is 500000000 cores; the configured node has 4 CPU.',
        fixes: ['Change 500M to 500m (millicores)'],
      },
    ],
    fixed: pod('  - name: app', '    image: app:1', '    resources:', '      limits:', '        cpu: 500m         # 500 million cores'),
  },
  {
    name: 'cpu-byte-unit: binary suffixes: the plausible core count when it fits the node, none otherwise',
    rule: cpuByteUnit,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    resources: {requests: {cpu: 1Gi}}',
      '  - name: b',
      '    image: b:1',
      '    resources: {requests: {cpu: "512Mi"}}',
      '  - name: c',
      '    image: c:1',
      '    resources: {requests: {cpu: 64Gi}}',
    ),
    expect: [
      {
        at: '1Gi',
        message: 'spec.containers[0].resources.requests.cpu: cpu 1Gi: Gi is a byte unit (2^30), so this is 1073741824 cores; the configured node has 4 CPU.',
        fixes: ['Change 1Gi to 1 (1 core)'],
      },
      {
        at: '"512Mi"',
        message: 'spec.containers[1].resources.requests.cpu: cpu 512Mi: Mi is a byte unit (2^20), so this is 536870912 cores; the configured node has 4 CPU.',
        fixes: ['Change 512Mi to 512m (millicores)'],
      },
      {
        at: '64Gi',
        message: 'spec.containers[2].resources.requests.cpu: cpu 64Gi: Gi is a byte unit (2^30), so this is 68719476736 cores; the configured node has 4 CPU.',
      },
    ],
    fixed: pod(
      '  - name: a',
      '    image: a:1',
      '    resources: {requests: {cpu: 1}}',
      '  - name: b',
      '    image: b:1',
      '    resources: {requests: {cpu: "512Mi"}}',
      '  - name: c',
      '    image: c:1',
      '    resources: {requests: {cpu: 64Gi}}',
    ),
  },
  {
    name: 'cpu-byte-unit: 1000 cores and more without a unit, k',
    rule: cpuByteUnit,
    yaml: pod('  - name: a', '    image: a:1', '    resources:', '      requests:', '        cpu: 2000', '      limits:', '        cpu: 2k'),
    expect: [
      {
        at: '2000',
        message:
          'spec.containers[0].resources.requests.cpu: cpu 2000: CPU without a unit is whole cores, so this is 2000 cores; the configured node has 4 CPU.',
        fixes: ['Change 2000 to 2000m (millicores)'],
      },
      {
        at: '2k',
        message: 'spec.containers[0].resources.limits.cpu: cpu 2k: "k" multiplies by 1000, so this is 2000 cores; the configured node has 4 CPU.',
      },
    ],
  },
  {
    name: 'cpu-byte-unit: ordinary values, big bare numbers below 1000 cores',
    rule: cpuByteUnit,
    yaml: pod('  - name: a', '    image: a:1', '    resources:', '      requests: {cpu: 500m}', '      limits: {cpu: 999}'),
    expect: [],
  },

  // ---- cpu-limit-below-minimum
  {
    name: 'cpu-limit-below-minimum: an equal request moves with the limit (QoS unchanged)',
    rule: cpuLimitBelowMinimum,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: 5m',
      '        memory: 64Mi',
      '      limits:',
      '        cpu: 5m',
      '        memory: 64Mi',
    ),
    expect: [
      {
        at: '5m',
        after: 'limits',
        message:
          'spec.containers[0].resources.limits.cpu: cpu limit 5m (5m) is below the minimum CFS quota: the kubelet writes cpu.max "1000 100000" (1000 µs per 100000 µs), so the container may use 10m, not 5m.',
        fixes: ['Set the cpu limit and request to 10m (the enforced minimum)'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: 10m',
      '        memory: 64Mi',
      '      limits:',
      '        cpu: 10m',
      '        memory: 64Mi',
    ),
  },
  {
    name: 'cpu-limit-below-minimum: a smaller request stays; a quoted decimal limit',
    rule: cpuLimitBelowMinimum,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources: {requests: {cpu: 1m}, limits: {cpu: 5m}}',
      '  - name: b',
      '    image: b:1',
      '    resources:',
      '      limits:',
      '        cpu: "0.005"',
    ),
    expect: [
      {
        at: '5m',
        message:
          'spec.containers[0].resources.limits.cpu: cpu limit 5m (5m) is below the minimum CFS quota: the kubelet writes cpu.max "1000 100000" (1000 µs per 100000 µs), so the container may use 10m, not 5m.',
        fixes: ['Set the cpu limit to 10m (the enforced minimum)'],
      },
      {
        at: '"0.005"',
        message:
          'spec.containers[1].resources.limits.cpu: cpu limit 0.005 (5m) is below the minimum CFS quota: the kubelet writes cpu.max "1000 100000" (1000 µs per 100000 µs), so the container may use 10m, not 5m.',
        fixes: ['Set the cpu limit to 10m (the enforced minimum)'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources: {requests: {cpu: 1m}, limits: {cpu: 10m}}',
      '  - name: b',
      '    image: b:1',
      '    resources:',
      '      limits:',
      '        cpu: "0.005"',
    ),
  },
  {
    name: 'cpu-limit-below-minimum: 10m is the minimum itself',
    rule: cpuLimitBelowMinimum,
    yaml: pod('  - name: app', '    image: app:1', '    resources: {limits: {cpu: 10m}}'),
    expect: [],
  },

  // ---- unschedulable
  {
    name: 'unschedulable: one container asks more CPU than the node has',
    rule: unschedulable,
    yaml: pod('  - name: app', '    image: app:1', '    resources:', '      requests:', '        cpu: "6"', '        memory: 1Gi'),
    expect: [
      {
        at: '"6"',
        message:
          'The pod requests 6 CPU but the configured node has 4 CPU: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient cpu).',
      },
    ],
  },
  {
    name: 'unschedulable: memory summed over containers, anchored at the largest',
    rule: unschedulable,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    resources: {requests: {memory: 6Gi}}',
      '  - name: b',
      '    image: b:1',
      '    resources: {limits: {memory: 12Gi}}',
    ),
    expect: [
      {
        at: '12Gi',
        message:
          'The pod requests 18Gi memory (container a 6Gi memory + container b 12Gi memory) but the configured node has 16Gi memory: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient memory).',
      },
    ],
  },
  {
    name: 'unschedulable: an init container step and overhead',
    rule: unschedulable,
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  overhead:',
      '    cpu: 250m',
      '  initContainers:',
      '  - name: warm',
      '    image: w:1',
      '    resources:',
      '      requests:',
      '        cpu: 3900m',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: 1',
    ),
    expect: [
      {
        at: '3900m',
        message:
          'The pod requests 4150m CPU (init container warm at its step 3900m CPU + overhead 250m CPU) but the configured node has 4 CPU: no such node can schedule it, and it stays Pending (FailedScheduling: Insufficient cpu).',
      },
    ],
  },
  {
    name: 'unschedulable: exactly the node fits',
    rule: unschedulable,
    yaml: pod('  - name: app', '    image: app:1', '    resources: {requests: {cpu: 4, memory: 16Gi}}'),
    expect: [],
  },
  {
    name: 'unschedulable: a larger configured node',
    rule: unschedulable,
    node: { cpuMilli: 8000n, memoryBytes: 32n << 30n },
    yaml: pod('  - name: app', '    image: app:1', '    resources: {requests: {cpu: "6"}}'),
    expect: [],
  },

  // ---- readiness-slower-than-liveness
  {
    name: 'readiness-slower-than-liveness: the period shortens, the threshold stays',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe:',
      '      httpGet: {path: /healthz, port: 8080}',
      '      periodSeconds: 30 # slow',
      '      failureThreshold: 5',
      '    livenessProbe:',
      '      httpGet: {path: /healthz, port: 8080}',
      '      periodSeconds: 10',
      '      failureThreshold: 3',
    ),
    expect: [
      {
        at: 'readinessProbe',
        message:
          'container app: the readiness probe takes up to 150 s to mark the container unready (periodSeconds 30 × failureThreshold 5) but the liveness probe restarts it after 30 s (10 × 3): a failing container is killed while it still receives traffic.',
        fixes: ["Tighten the readiness probe (periodSeconds 5: reacts within 25 s, before the liveness probe's 30 s)"],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe:',
      '      httpGet: {path: /healthz, port: 8080}',
      '      periodSeconds: 5 # slow',
      '      failureThreshold: 5',
      '    livenessProbe:',
      '      httpGet: {path: /healthz, port: 8080}',
      '      periodSeconds: 10',
      '      failureThreshold: 3',
    ),
  },
  {
    name: 'readiness-slower-than-liveness: probes of different paths are information, without a fix (linkerd)',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: identity',
      '    image: cr.l5d.io/linkerd/controller:stable',
      '    livenessProbe:',
      '      httpGet:',
      '        path: /ping',
      '        port: 9990',
      '      initialDelaySeconds: 10',
      '    readinessProbe:',
      '      failureThreshold: 7',
      '      httpGet:',
      '        path: /ready',
      '        port: 9990',
    ),
    expect: [
      {
        at: 'readinessProbe',
        severity: 'information',
        message:
          'container identity: the readiness probe (GET /ready on port 9990) marks the container unready after up to 70 s (periodSeconds 10 × failureThreshold 7) ' +
          'and the liveness probe (GET /ping on port 9990) restarts it after 30 s (10 × 3); they check different things, so this matters only when both fail: ' +
          'then the container is restarted after 30 s while it is still Ready.',
        fixes: [],
      },
    ],
  },
  {
    name: 'readiness-slower-than-liveness: another port, another handler, another command are other things',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    readinessProbe: {httpGet: {path: /, port: 8080}, failureThreshold: 5}',
      '    livenessProbe: {httpGet: {path: /, port: admin}}',
      '  - name: b',
      '    image: b:1',
      '    readinessProbe: {tcpSocket: {port: 80}, failureThreshold: 5}',
      '    livenessProbe: {httpGet: {port: 80}}',
      '  - name: c',
      '    image: c:1',
      '    readinessProbe: {exec: {command: [check, --ready]}, failureThreshold: 5}',
      '    livenessProbe: {exec: {command: [check]}}',
      '  - name: d',
      '    image: d:1',
      '    readinessProbe: {grpc: {port: 9090, service: ready}, failureThreshold: 5}',
      '    livenessProbe: {grpc: {port: 9090}}',
    ),
    expect: [
      {
        at: 'readinessProbe',
        severity: 'information',
        message:
          'container a: the readiness probe (GET / on port 8080) marks the container unready after up to 50 s (periodSeconds 10 × failureThreshold 5) ' +
          'and the liveness probe (GET / on port admin) restarts it after 30 s (10 × 3); they check different things, so this matters only when both fail: ' +
          'then the container is restarted after 30 s while it is still Ready.',
      },
      {
        at: 'readinessProbe',
        after: '- name: b',
        severity: 'information',
        message:
          'container b: the readiness probe (TCP port 80) marks the container unready after up to 50 s (periodSeconds 10 × failureThreshold 5) ' +
          'and the liveness probe (GET / on port 80) restarts it after 30 s (10 × 3); they check different things, so this matters only when both fail: ' +
          'then the container is restarted after 30 s while it is still Ready.',
      },
      {
        at: 'readinessProbe',
        after: '- name: c',
        severity: 'information',
        message:
          'container c: the readiness probe (exec check --ready) marks the container unready after up to 50 s (periodSeconds 10 × failureThreshold 5) ' +
          'and the liveness probe (exec check) restarts it after 30 s (10 × 3); they check different things, so this matters only when both fail: ' +
          'then the container is restarted after 30 s while it is still Ready.',
      },
      {
        at: 'readinessProbe',
        after: '- name: d',
        severity: 'information',
        message:
          'container d: the readiness probe (gRPC port 9090 service ready) marks the container unready after up to 50 s (periodSeconds 10 × failureThreshold 5) ' +
          'and the liveness probe (gRPC port 9090) restarts it after 30 s (10 × 3); they check different things, so this matters only when both fail: ' +
          'then the container is restarted after 30 s while it is still Ready.',
      },
    ],
  },
  {
    name: 'readiness-slower-than-liveness: an empty path is "/", and HTTP is the default scheme: the same endpoint',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe: {httpGet: {port: 8080, scheme: HTTP}, failureThreshold: 4}',
      '    livenessProbe: {httpGet: {path: /, port: 8080}}',
    ),
    expect: [
      {
        at: 'readinessProbe',
        message:
          'container app: the readiness probe takes up to 40 s to mark the container unready (periodSeconds 10 × failureThreshold 4) but the liveness probe restarts it after 30 s (10 × 3): a failing container is killed while it still receives traffic.',
        fixes: ["Tighten the readiness probe (periodSeconds 7: reacts within 28 s, before the liveness probe's 30 s)"],
      },
    ],
  },
  {
    name: 'readiness-slower-than-liveness: defaults on readiness, the period is inserted',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe:',
      '      tcpSocket:',
      '        port: 80',
      '    livenessProbe:',
      '      tcpSocket:',
      '        port: 80',
      '      periodSeconds: 5',
    ),
    expect: [
      {
        at: 'readinessProbe',
        message:
          'container app: the readiness probe takes up to 30 s to mark the container unready (periodSeconds 10 × failureThreshold 3) but the liveness probe restarts it after 15 s (5 × 3): a failing container is killed while it still receives traffic.',
        fixes: ["Tighten the readiness probe (periodSeconds 4: reacts within 12 s, before the liveness probe's 15 s)"],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe:',
      '      tcpSocket:',
      '        port: 80',
      '      periodSeconds: 4',
      '    livenessProbe:',
      '      tcpSocket:',
      '        port: 80',
      '      periodSeconds: 5',
    ),
  },
  {
    name: 'readiness-slower-than-liveness: flow-style probe',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe: {httpGet: {path: /, port: 80}, failureThreshold: 10}',
      '    livenessProbe: {httpGet: {path: /, port: 80}}',
    ),
    expect: [
      {
        at: 'readinessProbe',
        message:
          'container app: the readiness probe takes up to 100 s to mark the container unready (periodSeconds 10 × failureThreshold 10) but the liveness probe restarts it after 30 s (10 × 3): a failing container is killed while it still receives traffic.',
        fixes: ["Tighten the readiness probe (periodSeconds 2: reacts within 20 s, before the liveness probe's 30 s)"],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe: {httpGet: {path: /, port: 80}, failureThreshold: 10, periodSeconds: 2}',
      '    livenessProbe: {httpGet: {path: /, port: 80}}',
    ),
  },
  {
    name: 'readiness-slower-than-liveness: a period down to the timeout, and the threshold down to 1',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe: {exec: {command: [check]}}',
      '    livenessProbe: {exec: {command: [check]}, periodSeconds: 1, failureThreshold: 2}',
    ),
    expect: [
      {
        at: 'readinessProbe',
        message:
          'container app: the readiness probe takes up to 30 s to mark the container unready (periodSeconds 10 × failureThreshold 3) but the liveness probe restarts it after 2 s (1 × 2): a failing container is killed while it still receives traffic.',
        fixes: ["Tighten the readiness probe (periodSeconds 1, failureThreshold 1: reacts within 1 s, before the liveness probe's 2 s)"],
      },
    ],
  },
  {
    name: 'readiness-slower-than-liveness: no period at or above the timeout is fast enough, so no fix',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    readinessProbe: {exec: {command: [check]}, timeoutSeconds: 2}',
      '    livenessProbe: {exec: {command: [check]}, periodSeconds: 1, failureThreshold: 2, timeoutSeconds: 1}',
    ),
    expect: [
      {
        at: 'readinessProbe',
        message:
          'container app: the readiness probe takes up to 30 s to mark the container unready (periodSeconds 10 × failureThreshold 3) but the liveness probe restarts it after 2 s (1 × 2): a failing container is killed while it still receives traffic.',
        fixes: [],
      },
    ],
  },
  {
    name: 'readiness-slower-than-liveness: equal or faster readiness is fine',
    rule: readinessSlowerThanLiveness,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    readinessProbe: {httpGet: {path: /, port: 80}}',
      '    livenessProbe: {httpGet: {path: /, port: 80}}',
      '  - name: b',
      '    image: b:1',
      '    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5, failureThreshold: 5}',
      '    livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10, failureThreshold: 10}',
    ),
    expect: [],
  },

  // ---- probe-timeout-exceeds-period
  {
    name: 'probe-timeout-exceeds-period: timeout above the period',
    rule: probeTimeoutExceedsPeriod,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    livenessProbe:',
      '      httpGet: {path: /, port: 80}',
      '      periodSeconds: 5',
      '      timeoutSeconds: 10',
    ),
    expect: [
      {
        at: '10',
        message:
          'container app: livenessProbe timeoutSeconds 10 > periodSeconds 5: probes run one at a time, so a hanging endpoint is probed every 10 s, not every 5 s, ' +
          'and failureThreshold 3 is reached after 30 s, 10 s later than the period gives (2 × 5 s + 10 s = 20 s).',
        fixes: ['Lower timeoutSeconds to 5', 'Raise periodSeconds to 10'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    livenessProbe:',
      '      httpGet: {path: /, port: 80}',
      '      periodSeconds: 5',
      '      timeoutSeconds: 5',
    ),
  },
  {
    name: 'probe-timeout-exceeds-period: the default period, a startup probe',
    rule: probeTimeoutExceedsPeriod,
    yaml: pod('  - name: app', '    image: app:1', '    startupProbe: {tcpSocket: {port: 80}, timeoutSeconds: 15, failureThreshold: 30}'),
    expect: [
      {
        at: '15',
        message:
          'container app: startupProbe timeoutSeconds 15 > periodSeconds 10 (default): probes run one at a time, so a hanging endpoint is probed every 15 s, not every 10 s, ' +
          'and failureThreshold 30 is reached after 450 s, 145 s later than the period gives (29 × 10 s + 15 s = 305 s).',
        fixes: ['Lower timeoutSeconds to 10', 'Raise periodSeconds to 15'],
      },
    ],
    fixed: pod('  - name: app', '    image: app:1', '    startupProbe: {tcpSocket: {port: 80}, timeoutSeconds: 10, failureThreshold: 30}'),
  },
  {
    name: 'probe-timeout-exceeds-period: a timeout equal to the period keeps the schedule (linkerd-proxy startup probe)',
    rule: probeTimeoutExceedsPeriod,
    yaml: pod('  - name: app', '    image: app:1', '    startupProbe: {tcpSocket: {port: 80}, periodSeconds: 1, failureThreshold: 120}'),
    expect: [],
  },
  {
    name: 'probe-timeout-exceeds-period: failureThreshold 1 is reached by the first probe, on time',
    rule: probeTimeoutExceedsPeriod,
    yaml: pod('  - name: app', '    image: app:1', '    livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 5, timeoutSeconds: 30, failureThreshold: 1}'),
    expect: [],
  },
  {
    name: 'probe-timeout-exceeds-period: defaults are fine',
    rule: probeTimeoutExceedsPeriod,
    yaml: pod('  - name: app', '    image: app:1', '    readinessProbe: {tcpSocket: {port: 80}, timeoutSeconds: 9}'),
    expect: [],
  },

  // ---- prestop-exceeds-grace
  {
    name: 'prestop-exceeds-grace: exec sleep equal to the default grace; the key is inserted at pod spec level',
    rule: preStopExceedsGrace,
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          lifecycle:',
      '            preStop:',
      '              exec:',
      '                command: ["sleep", "30"]',
      '          # end of web',
    ),
    expect: [
      {
        at: '"30"',
        message:
          'container web: the preStop hook sleeps 30 s but terminationGracePeriodSeconds is 30 (default): SIGTERM comes only when the grace period is used up and SIGKILL 2 s later, so the application gets 2 s to shut down.',
        fixes: ['Raise terminationGracePeriodSeconds to 60 (preStop 30 s + 30 s to shut down)'],
      },
    ],
    fixed: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          lifecycle:',
      '            preStop:',
      '              exec:',
      '                command: ["sleep", "30"]',
      '          # end of web',
      '      terminationGracePeriodSeconds: 60',
    ),
  },
  {
    name: 'prestop-exceeds-grace: sh -c script; an explicit grace is replaced in place',
    rule: preStopExceedsGrace,
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  terminationGracePeriodSeconds: 15 # tuned',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    lifecycle:',
      '      preStop:',
      '        exec:',
      '          command:',
      '          - /bin/sh',
      '          - -c',
      '          - "sleep 20 && nginx -s quit"',
    ),
    expect: [
      {
        at: 'sleep 20',
        message:
          'container app: the preStop hook sleeps 20 s but terminationGracePeriodSeconds is 15: the kubelet abandons the hook after 15 s, SIGTERM comes only when the grace period is used up and SIGKILL 2 s later, so the application gets 2 s to shut down.',
        fixes: ['Raise terminationGracePeriodSeconds to 35 (preStop 20 s + 15 s to shut down)'],
      },
    ],
    fixed: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  terminationGracePeriodSeconds: 35 # tuned',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    lifecycle:',
      '      preStop:',
      '        exec:',
      '          command:',
      '          - /bin/sh',
      '          - -c',
      '          - "sleep 20 && nginx -s quit"',
    ),
  },
  {
    name: 'prestop-exceeds-grace: the sleep action, CRLF',
    rule: preStopExceedsGrace,
    yaml: crlf(pod('  - name: app', '    image: app:1', '    lifecycle:', '      preStop:', '        sleep:', '          seconds: 45')),
    expect: [
      {
        at: '45',
        message:
          'container app: the preStop hook sleeps 45 s but terminationGracePeriodSeconds is 30 (default): the kubelet abandons the hook after 30 s, SIGTERM comes only when the grace period is used up and SIGKILL 2 s later, so the application gets 2 s to shut down.',
        fixes: ['Raise terminationGracePeriodSeconds to 75 (preStop 45 s + 30 s to shut down)'],
      },
    ],
    fixed: crlf(
      pod(
        '  - name: app',
        '    image: app:1',
        '    lifecycle:',
        '      preStop:',
        '        sleep:',
        '          seconds: 45',
        '  terminationGracePeriodSeconds: 75',
      ),
    ),
  },
  {
    name: 'prestop-exceeds-grace: short hooks, HTTP hooks and unknown commands are fine',
    rule: preStopExceedsGrace,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}',
      '  - name: b',
      '    image: b:1',
      '    lifecycle: {preStop: {httpGet: {path: /drain, port: 80}}}',
      '  - name: c',
      '    image: c:1',
      '    lifecycle: {preStop: {exec: {command: [/drain.sh, "60"]}}}',
    ),
    expect: [],
  },

  // ---- jvm-heap-exceeds-limit
  {
    name: 'jvm-heap-exceeds-limit: -Xms and -Xmx equal to the limit (examples/jvm-service.yaml)',
    rule: jvmHeapExceedsLimit,
    yaml: pod(
      '  - name: orders',
      '    image: orders:5',
      '    env:',
      '    - name: JAVA_TOOL_OPTIONS',
      '      value: "-Xms1g -Xmx1g -XX:+UseG1GC"',
      '    resources:',
      '      requests: {cpu: "1", memory: 1Gi}',
      '      limits: {memory: 1Gi}',
    ),
    expect: [
      {
        at: '-Xmx1g',
        message:
          'container orders: -Xmx1g (a 1Gi heap, from env JAVA_TOOL_OPTIONS) is the whole memory limit 1Gi: nothing is left for metaspace, thread stacks, code cache and direct buffers, so the container is OOM-killed (exit 137) before the heap is full. Keep the heap at most 75% of the limit.',
        fixes: ['Size the heap from the memory limit: replace -Xmx1g with -XX:MaxRAMPercentage=75 and -Xms1g with -XX:InitialRAMPercentage=75'],
      },
    ],
    fixed: pod(
      '  - name: orders',
      '    image: orders:5',
      '    env:',
      '    - name: JAVA_TOOL_OPTIONS',
      '      value: "-XX:InitialRAMPercentage=75 -XX:MaxRAMPercentage=75 -XX:+UseG1GC"',
      '    resources:',
      '      requests: {cpu: "1", memory: 1Gi}',
      '      limits: {memory: 1Gi}',
    ),
  },
  {
    name: 'jvm-heap-exceeds-limit: -Xmx in args above the limit',
    rule: jvmHeapExceedsLimit,
    yaml: pod('  - name: app', '    image: app:1', '    args: ["-Xmx2g", "-jar", "app.jar"]', '    resources: {limits: {memory: 1Gi}}'),
    expect: [
      {
        at: '-Xmx2g',
        message:
          'container app: -Xmx2g (a 2Gi heap, from args[0]) is larger than the memory limit 1Gi: the container is OOM-killed (exit 137) as the heap grows.',
        fixes: ['Size the heap from the memory limit: replace -Xmx2g with -XX:MaxRAMPercentage=75'],
      },
    ],
    fixed: pod('  - name: app', '    image: app:1', '    args: ["-XX:MaxRAMPercentage=75", "-jar", "app.jar"]', '    resources: {limits: {memory: 1Gi}}'),
  },
  {
    name: 'jvm-heap-exceeds-limit: too close to the limit, in a block scalar of JAVA_OPTS',
    rule: jvmHeapExceedsLimit,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: JAVA_OPTS',
      '      value: |',
      '        -XX:+UseContainerSupport',
      '        -Xmx900m',
      '    resources:',
      '      limits:',
      '        memory: 1Gi',
    ),
    expect: [
      {
        at: '-Xmx900m',
        message:
          'container app: -Xmx900m (a 900Mi heap, from env JAVA_OPTS) leaves 124Mi (12%) of the memory limit 1Gi for metaspace, thread stacks, code cache and direct buffers: the container is OOM-killed (exit 137) before the heap is full. Keep the heap at most 75% of the limit.',
        fixes: ['Size the heap from the memory limit: replace -Xmx900m with -XX:MaxRAMPercentage=75'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: JAVA_OPTS',
      '      value: |',
      '        -XX:+UseContainerSupport',
      '        -XX:MaxRAMPercentage=75',
      '    resources:',
      '      limits:',
      '        memory: 1Gi',
    ),
  },
  {
    name: 'jvm-heap-exceeds-limit: _JAVA_OPTIONS overrides the command line; every -Xmx is replaced',
    rule: jvmHeapExceedsLimit,
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    command: [java, -Xmx512m, -jar, app.jar]',
      '    env:',
      '    - {name: _JAVA_OPTIONS, value: -XX:MaxHeapSize=2048m}',
      '    resources: {limits: {memory: 2Gi}}',
    ),
    expect: [
      {
        at: '-XX:MaxHeapSize=2048m',
        message:
          'container app: -XX:MaxHeapSize=2048m (a 2Gi heap, from env _JAVA_OPTIONS) is the whole memory limit 2Gi: nothing is left for metaspace, thread stacks, code cache and direct buffers, so the container is OOM-killed (exit 137) before the heap is full. Keep the heap at most 75% of the limit.',
        fixes: ['Size the heap from the memory limit: replace -Xmx512m, -XX:MaxHeapSize=2048m with -XX:MaxRAMPercentage=75'],
      },
    ],
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    command: [java, -XX:MaxRAMPercentage=75, -jar, app.jar]',
      '    env:',
      '    - {name: _JAVA_OPTIONS, value: -XX:MaxRAMPercentage=75}',
      '    resources: {limits: {memory: 2Gi}}',
    ),
  },
  {
    name: 'jvm-heap-exceeds-limit: a heap within 75%, or no limit at all',
    rule: jvmHeapExceedsLimit,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    env: [{name: JAVA_TOOL_OPTIONS, value: "-Xmx768m"}]',
      '    resources: {limits: {memory: 1Gi}}',
      '  - name: b',
      '    image: b:1',
      '    env: [{name: JAVA_TOOL_OPTIONS, value: "-Xmx8g"}]',
      '  - name: c',
      '    image: c:1',
      '    env: [{name: SOMETHING_ELSE, value: "-Xmx8g"}]',
      '    resources: {limits: {memory: 1Gi}}',
    ),
    expect: [],
  },

  // ---- jvm-percentage-without-limit
  {
    name: 'jvm-percentage-without-limit: the Korean article example, fixed by a limit equal to the request',
    rule: jvmPercentageWithoutLimit,
    yaml: pod(
      '    - name: order-service',
      '      image: sjmin/order-service:v1.0.0',
      '      env:',
      '        - name: JAVA_OPTIONS',
      '          value: |',
      '            -XX:+UseContainerSupport',
      '            -XX:InitialRAMPercentage=60',
      '            -XX:MinRAMPercentage=60',
      '            -XX:MaxRAMPercentage=60',
      '      resources:',
      '        requests:',
      '          memory: "2Gi" # sized for the heap',
    ),
    expect: [
      {
        at: '-XX:MaxRAMPercentage=60',
        message:
          "container order-service: -XX:MaxRAMPercentage=60 (from env JAVA_OPTIONS) with no memory limit: the percentage is of the node's memory, 9.60 GiB of the configured 16Gi node, not of the container's.",
        fixes: ['Set the memory limit to the request (2Gi)'],
      },
    ],
    fixed: pod(
      '    - name: order-service',
      '      image: sjmin/order-service:v1.0.0',
      '      env:',
      '        - name: JAVA_OPTIONS',
      '          value: |',
      '            -XX:+UseContainerSupport',
      '            -XX:InitialRAMPercentage=60',
      '            -XX:MinRAMPercentage=60',
      '            -XX:MaxRAMPercentage=60',
      '      resources:',
      '        requests:',
      '          memory: "2Gi" # sized for the heap',
      '        limits:',
      '          memory: "2Gi"',
    ),
  },
  {
    name: 'jvm-percentage-without-limit: with a pod-level limit the JVM sees it',
    rule: jvmPercentageWithoutLimit,
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  resources: {limits: {memory: 2Gi}}',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    env: [{name: JDK_JAVA_OPTIONS, value: "-XX:MaxRAMPercentage=75"}]',
    ),
    expect: [],
  },

  // ---- missing-*
  {
    name: 'missing-memory-limit: one rule alone, anchored at the name',
    rule: missingMemoryLimit,
    yaml: pod('  - name: app', '    image: app:1'),
    expect: [
      {
        at: 'name',
        after: '- name',
        message: "container app: no memory limit: memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out.",
        fixes: [],
      },
    ],
  },
  {
    name: 'missing-memory-request: anchored at the name',
    rule: missingMemoryRequest,
    yaml: pod('  - name: app', '    image: app:1'),
    expect: [
      {
        at: 'name',
        after: '- name',
        message: 'container app: no memory request: no memory reserved, so its pod is among the first evicted under memory pressure (oom_score_adj 1000).',
      },
    ],
  },
  {
    name: 'missing-cpu-request: anchored at resources, a limit alone is not missing',
    rule: missingCpuRequest,
    yaml: pod(
      '  - name: a',
      '    image: a:1',
      '    resources: {requests: {memory: 64Mi}}',
      '  - name: b',
      '    image: b:1',
      '    resources: {limits: {cpu: 500m}}',
    ),
    expect: [
      {
        at: 'resources',
        message: 'container a: no cpu request: no CPU reserved and cpu.weight 1 (2 shares; 1 CPU requested would be 100), so it starves when the node is busy.',
      },
    ],
  },
  {
    name: 'missing-cpu-limit: a hint',
    rule: missingCpuLimit,
    yaml: pod('  - name: a', '    image: a:1', '    resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {memory: 64Mi}}'),
    expect: [
      {
        at: 'resources',
        message: 'container a: no cpu limit: cpu.max max, so it may use any CPU the node leaves idle.',
      },
    ],
  },
  {
    name: 'missing-memory-limit: a request is copied into a new limits block, in the file style (4 spaces)',
    rule: missingMemoryLimit,
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '    name: p',
      'spec:',
      '    containers:',
      '        - name: app',
      '          image: app:1',
      '          resources:',
      '              requests:',
      '                  memory: 256Mi',
      '                  cpu: 100m',
    ),
    expect: [
      {
        at: 'resources',
        message: "container app: no memory limit: memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out.",
        fixes: ['Set the memory limit to the request (256Mi)'],
      },
    ],
    fixed: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '    name: p',
      'spec:',
      '    containers:',
      '        - name: app',
      '          image: app:1',
      '          resources:',
      '              requests:',
      '                  memory: 256Mi',
      '                  cpu: 100m',
      '              limits:',
      '                  memory: 256Mi',
    ),
  },
  {
    name: 'missing-*: pod-level resources cover the containers',
    rule: missingMemoryLimit,
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}',
      '  containers:',
      '  - name: app',
      '    image: app:1',
    ),
    expect: [],
  },
  // ---- status-qos-class
  {
    name: 'status-qos-class: a written Guaranteed overrides a Burstable spec; the fix writes the computed class',
    rule: statusQosClassOverride,
    yaml:
      pod('  - name: app', '    image: app:1', '    resources:', '      requests: {cpu: 250m, memory: 256Mi}', '      limits: {cpu: 500m, memory: 512Mi}') +
      yaml('status:', '  qosClass: Guaranteed  # exported with kubectl get -o yaml'),
    expect: [
      {
        at: 'Guaranteed',
        message:
          'status.qosClass Guaranteed overrides the class the spec gives (Burstable): the API server keeps a written status.qosClass at creation ' +
          'and the kubelet follows it, so the pod cgroup is kubepods/pod<uid> with cpu.max "50000 100000" and memory.max 536870912, and oom_score_adj is -997.',
        fixes: ['Set status.qosClass to Burstable'],
      },
    ],
  },
  {
    name: 'status-qos-class: a written BestEffort on a Guaranteed spec',
    rule: statusQosClassOverride,
    yaml: pod('  - name: app', '    image: app:1', '    resources: {limits: {cpu: "1", memory: 1Gi}}') + 'status: {qosClass: "BestEffort"}\n',
    expect: [
      {
        at: '"BestEffort"',
        message:
          'status.qosClass BestEffort overrides the class the spec gives (Guaranteed): the API server keeps a written status.qosClass at creation ' +
          'and the kubelet follows it, so the pod cgroup is kubepods/besteffort/pod<uid> with cpu.max "max" and memory.max max, and oom_score_adj is 1000.',
        fixes: ['Set status.qosClass to Guaranteed'],
      },
    ],
  },
  {
    name: 'status-qos-class: the class the spec gives, and no status, are fine',
    rule: statusQosClassOverride,
    yaml: pod('  - name: app', '    image: app:1', '    resources: {limits: {cpu: "1", memory: 1Gi}}') + 'status: {qosClass: Guaranteed, phase: Running}\n',
    expect: [],
  },
  {
    name: 'status-qos-class: a value that names no class',
    rule: statusQosClassOverride,
    yaml: pod('  - name: app', '    image: app:1') + 'status:\n  qosClass: Gold\n',
    expect: [
      {
        at: 'Gold',
        message:
          'status.qosClass "Gold" is not a QoS class (Guaranteed, Burstable or BestEffort), yet the API server keeps it and the kubelet reads it: ' +
          'the pod cgroup is then made outside kubepods, with cpu.shares 2 and no CPU or memory limit, and oom_score_adj follows the Burstable formula. ' +
          'Pod Lens shows the class the spec gives (BestEffort).',
        fixes: ['Set status.qosClass to BestEffort'],
      },
    ],
  },
];

function expectedStart(text: string, expected: Expected): number {
  const from = expected.after ? text.indexOf(expected.after) : 0;
  assert.ok(from >= 0, `context "${expected.after}" not in the text`);
  const at = text.indexOf(expected.at, from);
  assert.ok(at >= 0, `"${expected.at}" not in the text`);
  return at;
}

function commentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => /#.*$/.exec(line)?.[0])
    .filter((comment): comment is string => !!comment);
}

/** The fixed text, analyzed by the whole engine: still valid, and the rule's finding is gone. */
function assertFixWorks(c: Case, finding: Finding, fixIndex: number): void {
  const fix = finding.fixes![fixIndex];
  const fixed = applyFix(c.yaml, fix);
  const label = `${c.name} / ${fix.title}`;
  assert.notEqual(fixed, c.yaml, `${label}: the fix changes something`);
  const parsed = parseSlice(splitDocuments(fixed)[0]);
  assert.deepEqual(parsed.syntaxErrors, [], `${label}: the fixed YAML parses`);
  const after = runRule(c.rule, fixed, c.node ?? testNode);
  assert.ok(!after.some((f) => f.message === finding.message), `${label}: the finding is gone, still: ${JSON.stringify(after.map((f) => f.message))}`);
  assert.ok(after.length < runRule(c.rule, c.yaml, c.node ?? testNode).length, `${label}: fewer findings`);
  const result = analyzeText(fixed, { node: c.node ?? testNode });
  const object = result.documents[0].objects[0]!;
  assert.equal(object.invalid, false, `${label}: still valid: ${JSON.stringify(object.findings.filter((f) => f.severity === 'error'))}`);
  assert.deepEqual(commentLines(fixed), commentLines(c.yaml), `${label}: comments kept`);
  if (c.yaml.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed), `${label}: CRLF kept`);
  // Outside the edits the text is byte-identical: what precedes the first edit and follows the last.
  const first = Math.min(...fix.edits.map((e) => e.start));
  const last = Math.max(...fix.edits.map((e) => e.end));
  assert.equal(fixed.slice(0, first), c.yaml.slice(0, first), `${label}: prefix unchanged`);
  assert.equal(fixed.slice(fixed.length - (c.yaml.length - last)), c.yaml.slice(last), `${label}: suffix unchanged`);
}

for (const c of cases) {
  test(c.name, () => {
    const findings = runRule(c.rule, c.yaml, c.node ?? testNode);
    assert.deepEqual(
      findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, start: f.start, end: f.end })),
      c.expect.map((e) => {
        const start = expectedStart(c.yaml, e);
        return { code: c.rule.id, severity: e.severity ?? c.rule.severity, message: e.message, start, end: start + e.at.length };
      }),
    );
    findings.forEach((finding, i) => {
      const titles = c.expect[i].fixes;
      if (titles)
        assert.deepEqual(
          (finding.fixes ?? []).map((fix) => fix.title),
          titles,
          `${c.name}: fix titles`,
        );
      (finding.fixes ?? []).forEach((_, fixIndex) => assertFixWorks(c, finding, fixIndex));
    });
    if (c.fixed !== undefined) assert.equal(applyFix(c.yaml, findings[0].fixes![0]), c.fixed);
  });
}

test('every advice rule has an id, a rationale and a non-api phase; ids are unique', () => {
  const ids = adviceRules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of adviceRules) {
    // Unit slips read one value and need no analysis ('value'); the rest read the computed pod ('advice').
    const readsOneValue = ['memory-millibytes', 'memory-without-unit', 'cpu-byte-unit', 'cpu-limit-below-minimum'].includes(rule.id);
    assert.equal(rule.phase, readsOneValue ? 'value' : 'advice', rule.id);
    assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(rule.rationale.length > 40, rule.id);
  }
  assert.equal(missingCpuLimit.severity, 'hint');
  for (const rule of [missingMemoryLimit, missingMemoryRequest, missingCpuRequest]) assert.equal(rule.severity, 'information');
});

test('advice rules return nothing without an analysis', () => {
  for (const rule of [unschedulable, jvmHeapExceedsLimit, jvmPercentageWithoutLimit, missingMemoryLimit]) {
    const text = pod('  - name: app', '    image: app:1', '    resources: {requests: {cpu: "64"}}');
    const context = { ...adviceContext(text), analysis: undefined };
    assert.deepEqual(rule.check(context), [], rule.id);
  }
});

test('the engine folds missing-* for mysql only into one finding: the misindented wordpress pod', () => {
  const text = pod(
    '  - name: mysql',
    '    image: mysql:8.4',
    '    env:',
    '    - name: MYSQL_ROOT_PASSWORD',
    '      value: "password"',
    '      resources:',
    '        requests: {memory: "64Mi", cpu: "250m"}',
    '        limits: {memory: "128Mi", cpu: "500m"}',
    '  - name: wp',
    '    image: wordpress:6.6',
    '    resources:',
    '      requests: {memory: "64Mi", cpu: "250m"}',
    '      limits: {memory: "128Mi", cpu: "500m"}',
  );
  const findings = analyzeText(text, { node: testNode }).documents[0].objects[0]!.findings;
  const advice = findings.filter((f) => f.code.startsWith('missing-'));
  assert.deepEqual(
    advice.map((f) => ({ code: f.code, severity: f.severity, at: `${text.slice(f.start, f.end)}@${f.start}`, message: f.message })),
    [
      {
        code: 'missing-memory-request',
        severity: 'information',
        at: `name@${text.indexOf('name: mysql')}`,
        message:
          'container mysql: no memory or cpu request or limit: no memory reserved, so its pod is among the first evicted under memory pressure (oom_score_adj 999); ' +
          "memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out; " +
          'no CPU reserved and cpu.weight 1 (2 shares; 1 CPU requested would be 100), so it starves when the node is busy; ' +
          'cpu.max max, so it may use any CPU the node leaves idle.',
      },
    ],
  );
  assert.deepEqual(
    advice[0].fold?.parts.map((part) => `${part.code} ${part.severity}`),
    ['missing-memory-request information', 'missing-memory-limit information', 'missing-cpu-request information', 'missing-cpu-limit hint'],
  );
});

test('a container with nothing in a pod with nothing: the fold says the pod is BestEffort, with its numbers', () => {
  const text = pod('  - name: app', '    image: app:1');
  const findings = analyzeText(text, { node: testNode }).documents[0].objects[0]!.findings.filter((f) => f.fold);
  assert.deepEqual(
    findings.map((f) => [f.code, f.message]),
    [
      [
        'missing-memory-request',
        'container app: no memory or cpu request or limit, so the pod is BestEffort: no memory reserved, so its pod is among the first evicted under memory pressure (oom_score_adj 1000); ' +
          "memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out; " +
          'no CPU reserved and cpu.weight 1 (2 shares; 1 CPU requested would be 100), so it starves when the node is busy; ' +
          'cpu.max max, so it may use any CPU the node leaves idle.',
      ],
    ],
  );
});
