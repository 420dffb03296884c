import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiFindings, applyFix, yaml } from './api-context';
import { apiRules } from '../../../server/src/engine/rules/api';

/**
 * Real manifests with what the v1.36 API server answers for them: the
 * diagnostic code, the exact message, and the exact text the finding covers.
 * Fixes are applied and the manifest re-checked.
 */

interface Expected {
  code: string;
  message: string;
  /** The text the finding covers. */
  text: string;
}

interface FixExpectation {
  /** Index of the finding (in document order) whose fix is applied. */
  finding?: number;
  title: string;
  /** A line the fixed text must contain. */
  contains: string;
  /** The fixed manifest has no api finding at all. */
  clean?: boolean;
}

interface Case {
  name: string;
  yaml: string;
  expect: Expected[];
  fixes?: FixExpectation[];
}

/** A Pod whose single container has the given lines (indented under `- name: app`). */
function pod(...containerLines: string[]): string {
  return yaml(
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p  # the pod',
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: registry.example/app:1.0',
    ...containerLines.map((l) => '    ' + l),
  );
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character " +
  "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const cases: Case[] = [
  // ---- invalid-quantity
  {
    name: 'cpu 250mi does not decode; cpu means millicores',
    yaml: pod('resources:', '  requests:', '    cpu: 250mi  # quarter core'),
    expect: [{ code: 'invalid-quantity', message: `Pod in version "v1" cannot be handled as a Pod: unable to parse quantity's suffix`, text: '250mi' }],
    fixes: [{ title: 'Change to 250m', contains: 'cpu: 250m  # quarter core', clean: true }],
  },
  {
    name: 'memory 250mi means Mi',
    yaml: pod('resources:', '  limits:', '    memory: "250mi"'),
    expect: [{ code: 'invalid-quantity', message: `Pod in version "v1" cannot be handled as a Pod: unable to parse quantity's suffix`, text: '"250mi"' }],
    fixes: [{ title: 'Change to 250Mi', contains: 'memory: "250Mi"', clean: true }],
  },
  {
    name: 'memory 1gb: G first, Gi second',
    yaml: pod('resources:', '  limits:', "    memory: '1gb'"),
    expect: [
      {
        code: 'invalid-quantity',
        message: `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        text: "'1gb'",
      },
    ],
    fixes: [
      { title: 'Change to 1G', contains: "memory: '1G'", clean: true },
      { title: 'Change to 1Gi', contains: "memory: '1Gi'", clean: true },
    ],
  },
  {
    name: 'MiB, Gb, 1.5 Gi, 2cores, 100K in a Deployment',
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
      '      - name: app',
      '        image: app:1',
      '        resources:',
      '          requests:',
      '            cpu: 2cores',
      '            memory: 1MiB',
      '            ephemeral-storage: 100K',
      '          limits:',
      '            memory: 1.5 Gi',
      '            hugepages-2Mi: 1Gb',
    ),
    expect: [
      {
        code: 'invalid-quantity',
        message: `Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        text: '2cores',
      },
      {
        code: 'invalid-quantity',
        message: `Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        text: '1MiB',
      },
      { code: 'invalid-quantity', message: `Deployment in version "v1" cannot be handled as a Deployment: unable to parse quantity's suffix`, text: '100K' },
      {
        code: 'invalid-quantity',
        message: `Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        text: '1.5 Gi',
      },
      {
        code: 'invalid-quantity',
        message: `Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        text: '1Gb',
      },
    ],
    fixes: [
      { finding: 0, title: 'Change to 2', contains: 'cpu: 2\n' },
      { finding: 1, title: 'Change to 1Mi', contains: 'memory: 1Mi\n' },
      { finding: 2, title: 'Change to 100k', contains: 'ephemeral-storage: 100k\n' },
      { finding: 3, title: 'Change to 1.5Gi', contains: 'memory: 1.5Gi\n' },
      { finding: 4, title: 'Change to 1G', contains: 'hugepages-2Mi: 1G\n' },
    ],
  },
  {
    name: 'CronJob: version of batch/v1',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: c}',
      'spec:',
      '  schedule: "* * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers:',
      '          - name: app',
      '            image: app:1',
      '            resources: {limits: {cpu: half}}',
    ),
    expect: [
      {
        code: 'invalid-quantity',
        message: `CronJob in version "v1" cannot be handled as a CronJob: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        text: 'half',
      },
    ],
  },
  // ---- request-exceeds-limit
  {
    name: 'cpu request above limit (conformance 047)',
    yaml: pod('resources:', '  requests:', '    cpu: 2  # two', '  limits:', '    cpu: 1'),
    expect: [
      {
        code: 'request-exceeds-limit',
        message: 'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
        text: '2',
      },
    ],
    fixes: [
      { title: 'Set the cpu request to the limit (1)', contains: 'cpu: 1  # two', clean: true },
      { title: 'Set the cpu limit to the request (2)', contains: '    cpu: 2\n', clean: true },
    ],
  },
  {
    name: 'values are compared and printed after defaulting (rounded up to milli)',
    yaml: pod('resources:', '  requests:', '    memory: 0.5Gi', '  limits:', '    memory: 256Mi'),
    expect: [
      {
        code: 'request-exceeds-limit',
        message: 'spec.containers[0].resources.requests: Invalid value: "512Mi": must be less than or equal to memory limit of 256Mi',
        text: '0.5Gi',
      },
    ],
  },
  {
    name: '0.0001 and 1m are equal after rounding up',
    yaml: pod('resources:', '  requests:', '    cpu: 0.0001', '  limits:', '    cpu: 1m'),
    expect: [],
  },
  {
    name: 'init container path',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  initContainers:',
      '  - name: init',
      '    image: busybox',
      '    resources:',
      '      requests: {memory: 2Gi}',
      '      limits: {memory: 1Gi}',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [
      {
        code: 'request-exceeds-limit',
        message: 'spec.initContainers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
        text: '2Gi',
      },
    ],
  },
  // ---- non-overcommitable resources
  {
    name: 'gpu request without limit',
    yaml: pod('resources:', '  requests:', '    nvidia.com/gpu: 1'),
    expect: [
      {
        code: 'limit-required',
        message: 'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
        text: 'nvidia.com/gpu',
      },
    ],
    fixes: [{ title: 'Add a limit for nvidia.com/gpu equal to the request', contains: '      limits:\n        nvidia.com/gpu: 1\n', clean: true }],
  },
  {
    name: 'gpu request and limit differ; limit alone is fine',
    yaml: pod('resources:', '  requests:', '    nvidia.com/gpu: 1', '  limits:', '    nvidia.com/gpu: 2'),
    expect: [
      {
        code: 'request-must-equal-limit',
        message: 'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
        text: '1',
      },
    ],
    fixes: [{ title: 'Set the nvidia.com/gpu request to the limit (2)', contains: 'nvidia.com/gpu: 2\n      limits', clean: true }],
  },
  {
    name: 'gpu fraction',
    yaml: pod('resources:', '  limits:', '    nvidia.com/gpu: 500m'),
    expect: [
      { code: 'non-integer-resource', message: 'spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer', text: '500m' },
    ],
    fixes: [{ title: 'Round up to 1', contains: 'nvidia.com/gpu: 1\n', clean: true }],
  },
  {
    name: 'hugepages without cpu or memory (conformance 093)',
    yaml: pod('resources:', '  limits:', '    hugepages-2Mi: 100Mi'),
    expect: [
      { code: 'hugepages-require-cpu-or-memory', message: 'spec.containers[0].resources: Forbidden: HugePages require cpu or memory', text: 'resources' },
    ],
  },
  {
    // SetDefaults_Pod → defaultPodRequests: pod-level limits are set, so the missing pod-level cpu and memory
    // requests are defaulted from the containers' (500m, 1Gi) before validation sees spec.resources.
    name: 'pod-level hugepages-only limits in a Pod: cpu and memory requests are defaulted in, valid',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resources:',
      '    limits: {hugepages-2Mi: 100Mi}',
      '  containers:',
      '  - name: app',
      '    image: app',
      '    resources: {requests: {cpu: 500m, memory: 1Gi}}',
    ),
    expect: [],
  },
  {
    // With no container request there is nothing to default from: only hugepages reach validation.
    name: 'pod-level hugepages-only limits in a Pod whose containers request nothing',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resources:',
      '    limits: {hugepages-2Mi: 100Mi}',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [{ code: 'hugepages-require-cpu-or-memory', message: 'spec.resources: Forbidden: HugePages require cpu or memory', text: 'resources' }],
  },
  {
    // SetDefaults_Pod is for Pods only: a Deployment's template is validated as written.
    name: 'pod-level hugepages-only limits in a Deployment template: no defaulting, refused',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: d}',
      'spec:',
      '  selector: {matchLabels: {app: d}}',
      '  template:',
      '    metadata: {labels: {app: d}}',
      '    spec:',
      '      resources:',
      '        limits: {hugepages-2Mi: 100Mi}',
      '      containers:',
      '      - name: app',
      '        image: app',
      '        resources: {requests: {cpu: 500m, memory: 1Gi}}',
    ),
    expect: [
      { code: 'hugepages-require-cpu-or-memory', message: 'spec.template.spec.resources: Forbidden: HugePages require cpu or memory', text: 'resources' },
    ],
  },
  {
    name: 'hugepages not a multiple of the page size; request must equal limit',
    yaml: pod('resources:', '  requests:', '    memory: 1Gi', '    hugepages-2Mi: 4Mi', '  limits:', '    memory: 1Gi', '    hugepages-2Mi: 3Mi'),
    expect: [
      {
        code: 'request-must-equal-limit',
        message: 'spec.containers[0].resources.requests: Invalid value: "4Mi": must be equal to hugepages-2Mi limit of 3Mi',
        text: '4Mi',
      },
      {
        code: 'hugepages-page-multiple',
        message: 'spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
        text: '3Mi',
      },
    ],
  },
  {
    name: 'negative memory',
    yaml: pod('resources:', '  limits:', '    memory: -1Gi'),
    expect: [
      {
        code: 'negative-quantity',
        message: 'spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
        text: '-1Gi',
      },
    ],
    fixes: [{ title: 'Remove the minus sign (1Gi)', contains: 'memory: 1Gi', clean: true }],
  },
  // ---- names
  {
    name: 'cpus is neither standard nor a container resource',
    yaml: pod('resources:', '  requests:', '    cpus: 1'),
    expect: [
      {
        code: 'invalid-resource-name',
        message: 'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers',
        text: 'cpus',
      },
      {
        code: 'invalid-resource-name',
        message: 'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
        text: 'cpus',
      },
    ],
    fixes: [{ title: 'Rename to cpu', contains: '    cpu: 1\n', clean: true }],
  },
  {
    name: 'pods is standard but not for containers; a bad qualified name; a bad prefix (messages sorted within a span)',
    yaml: pod('resources:', '  limits:', '    pods: 1', '    example.com/a/b: 1', '    Example.com/gpu: 1'),
    expect: [
      {
        code: 'invalid-resource-name',
        message: 'spec.containers[0].resources.limits[pods]: Invalid value: "pods": must be a standard resource for containers',
        text: 'pods',
      },
      {
        code: 'invalid-resource-name',
        message:
          "spec.containers[0].resources.limits[example.com/a/b]: Invalid value: \"example.com/a/b\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        text: 'example.com/a/b',
      },
      // validateContainerResourceName goes on after the qualified-name errors of validateResourceName.
      {
        code: 'invalid-resource-name',
        message: `spec.containers[0].resources.limits[example.com/a/b]: Invalid value: "example.com/a/b": doesn't follow extended resource name standard`,
        text: 'example.com/a/b',
      },
      {
        code: 'invalid-resource-name',
        message: `spec.containers[0].resources.limits[Example.com/gpu]: Invalid value: "Example.com/gpu": doesn't follow extended resource name standard`,
        text: 'Example.com/gpu',
      },
      {
        code: 'invalid-resource-name',
        message:
          "spec.containers[0].resources.limits[Example.com/gpu]: Invalid value: \"Example.com/gpu\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        text: 'Example.com/gpu',
      },
    ],
  },
  // ---- pod-level resources
  {
    name: 'pod-level: unsupported resource, request above limit',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resources:',
      '    requests:',
      '      cpu: "2"',
      '      ephemeral-storage: 1Gi',
      '    limits:',
      '      cpu: "1"',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [
      { code: 'request-exceeds-limit', message: 'spec.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1', text: '"2"' },
      {
        code: 'pod-resources-unsupported',
        message: 'spec.resources.requests[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"',
        text: 'ephemeral-storage',
      },
    ],
  },
  {
    name: 'pod-level request below the containers (sidecar counted)',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resources:',
      '    requests: {cpu: 500m}',
      '  initContainers:',
      '  - name: proxy',
      '    image: proxy',
      '    restartPolicy: Always',
      '    resources: {requests: {cpu: 250m}}',
      '  containers:',
      '  - name: app',
      '    image: app',
      '    resources: {requests: {cpu: 500m}}',
    ),
    expect: [
      {
        code: 'pod-request-below-container-requests',
        message: 'spec.resources.requests[cpu]: Invalid value: "500m": must be greater than or equal to aggregate container requests of 750m',
        text: '500m',
      },
    ],
    fixes: [{ title: 'Raise the pod-level cpu request to 750m', contains: 'requests: {cpu: 750m}', clean: true }],
  },
  {
    name: 'container limit above the pod limit; the defaulted pod request then exceeds the pod limit',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resources:',
      '    limits:',
      '      cpu: 2',
      '  containers:',
      '  - name: app',
      '    image: app',
      '    resources:',
      '      limits:',
      '        cpu: 3',
    ),
    expect: [
      { code: 'request-exceeds-limit', message: 'spec.resources.requests: Invalid value: "3": must be less than or equal to cpu limit of 2', text: '2' },
      {
        code: 'container-limit-above-pod-limit',
        message: 'spec.resources.containers[0][cpu].limits: Invalid value: "3": must be less than or equal to pod limits of 2',
        text: '3',
      },
    ],
  },
  {
    name: 'overhead is validated as a limits list',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  runtimeClassName: kata',
      '  overhead:',
      '    cpu: -250m',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [{ code: 'negative-quantity', message: 'spec.overhead.limits[cpu]: Invalid value: "-250m": must be greater than or equal to 0', text: '-250m' }],
  },
  // ---- probes
  {
    name: 'liveness successThreshold 2 and a negative period',
    yaml: pod('livenessProbe:', '  httpGet: {path: /healthz, port: 8080}', '  successThreshold: 2', '  periodSeconds: -5'),
    expect: [
      { code: 'probe-success-threshold', message: 'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1', text: '2' },
      {
        code: 'probe-negative-value',
        message: 'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -5: must be greater than or equal to 0',
        text: '-5',
      },
    ],
  },
  {
    name: 'startup successThreshold 0 is defaulted to 1; readiness may have 3',
    yaml: pod('startupProbe:', '  exec: {command: [true]}', '  successThreshold: 0', 'readinessProbe:', '  tcpSocket: {port: 80}', '  successThreshold: 3'),
    expect: [],
  },
  {
    name: 'probe terminationGracePeriodSeconds',
    yaml: pod(
      'livenessProbe:',
      '  tcpSocket: {port: 80}',
      '  terminationGracePeriodSeconds: 0',
      'readinessProbe:  # ready when the port answers',
      '  tcpSocket: {port: 80}',
      '  terminationGracePeriodSeconds: 10',
    ),
    expect: [
      {
        code: 'probe-termination-grace-period',
        message: 'spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
        text: '0',
      },
      {
        code: 'probe-termination-grace-period',
        message: 'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
        text: 'terminationGracePeriodSeconds',
      },
    ],
    fixes: [{ finding: 1, title: 'Remove terminationGracePeriodSeconds', contains: '  tcpSocket: {port: 80}\n' }],
  },
  {
    name: 'probe handlers: none, two, exec without command',
    yaml: pod(
      'livenessProbe:',
      '  periodSeconds: 5',
      'readinessProbe:',
      '  httpGet: {path: /, port: 80}',
      '  exec: {command: [cat, /ready]}',
      'startupProbe:',
      '  exec: {}',
    ),
    expect: [
      { code: 'probe-handler', message: 'spec.containers[0].livenessProbe: Required value: must specify a handler type', text: 'livenessProbe' },
      { code: 'probe-handler', message: 'spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type', text: 'httpGet' },
      { code: 'probe-handler', message: 'spec.containers[0].startupProbe.exec.command: Required value', text: 'exec' },
    ],
  },
  {
    name: 'init container with a probe; a sidecar may have one',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  initContainers:',
      '  - name: migrate',
      '    image: migrate',
      '    readinessProbe: {exec: {command: [true]}}',
      '  - name: proxy',
      '    image: proxy',
      '    restartPolicy: Always',
      '    readinessProbe: {exec: {command: [true]}}',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [
      {
        code: 'init-container-probe',
        message: 'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
        text: 'readinessProbe',
      },
    ],
  },
  // ---- containers
  {
    name: 'missing name and image; duplicate names across init and app containers; bad name',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  initContainers:',
      '  - name: app',
      '    image: busybox',
      '  containers:',
      '  - name: app',
      '    image: app',
      '  - image: other',
      '  - name: My_Sidecar',
      '    image: ""',
    ),
    expect: [
      { code: 'duplicate-container-name', message: 'spec.initContainers[0].name: Duplicate value: "app"', text: 'app' },
      { code: 'container-name-required', message: 'spec.containers[1].name: Required value', text: 'image: other' },
      {
        code: 'invalid-container-name',
        message:
          "spec.containers[2].name: Invalid value: \"My_Sidecar\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        text: 'My_Sidecar',
      },
      { code: 'container-image-required', message: 'spec.containers[2].image: Required value', text: 'image' },
    ],
  },
  {
    name: 'container restartPolicy: Never is allowed (ContainerRestartRules), Sometimes is not',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  restartPolicy: Never',
      '  initContainers:',
      '  - name: once',
      '    image: busybox',
      '    restartPolicy: Never',
      '  containers:',
      '  - name: app',
      '    image: app',
      '    restartPolicy: OnFailure',
      '  - name: other',
      '    image: app',
      '    restartPolicy: Sometimes',
    ),
    expect: [
      {
        code: 'container-restart-policy',
        message: 'spec.containers[1].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        text: 'Sometimes',
      },
    ],
  },
  {
    name: 'pod restartPolicy with the wrong case',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  restartPolicy: onFailure', '  containers:', '  - name: app', '    image: app'),
    expect: [
      {
        code: 'pod-restart-policy',
        message: 'spec.restartPolicy: Unsupported value: "onFailure": supported values: "Always", "OnFailure", "Never"',
        text: 'onFailure',
      },
    ],
    fixes: [{ title: 'Set restartPolicy to OnFailure', contains: 'restartPolicy: OnFailure', clean: true }],
  },
  {
    name: 'Job without restartPolicy: defaulted to Always, refused',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: j}',
      'spec:',
      '  template:',
      '    spec:  # pod',
      '      containers:',
      '      - name: work',
      '        image: work',
    ),
    expect: [
      {
        code: 'workload-restart-policy',
        message: 'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
        text: 'spec',
      },
    ],
    fixes: [{ title: 'Add restartPolicy: Never', contains: '    spec:  # pod\n      restartPolicy: Never\n      containers:', clean: true }],
  },
  {
    name: 'Deployment with restartPolicy Never',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: d}',
      'spec:',
      '  selector: {matchLabels: {app: d}}',
      '  template:',
      '    metadata: {labels: {app: d}}',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [
      { code: 'workload-restart-policy', message: 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"', text: 'Never' },
    ],
    fixes: [{ title: 'Set restartPolicy to Always', contains: 'restartPolicy: Always', clean: true }],
  },
  // ---- object metadata
  {
    name: 'a Pod without metadata.name',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  labels: {app: web}', 'spec:', '  containers:', '  - name: app', '    image: app'),
    expect: [{ code: 'object-name-required', message: 'metadata.name: Required value: name or generateName is required', text: 'metadata' }],
  },
  {
    name: 'generateName instead of a name is fine',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {generateName: batch-}', 'spec:', '  containers:', '  - name: app', '    image: app'),
    expect: [],
  },
  {
    name: 'no metadata: the finding is on kind',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '  - name: app', '    image: app'),
    expect: [{ code: 'object-name-required', message: 'metadata.name: Required value: name or generateName is required', text: 'kind: Pod' }],
  },
  {
    name: 'a Pod name that is not a DNS-1123 subdomain, with a rename fix',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: My_Pod  # keep', 'spec:', '  containers:', '  - name: app', '    image: app'),
    expect: [{ code: 'invalid-object-name', message: `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN}`, text: 'My_Pod' }],
    fixes: [{ title: 'Rename to my-pod', contains: '  name: my-pod  # keep', clean: true }],
  },
  {
    name: 'a generateName is checked as a prefix: a trailing "-" is fine, upper case is not',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {generateName: Batch-}', 'spec:', '  containers:', '  - name: app', '    image: app'),
    expect: [{ code: 'invalid-object-name', message: `metadata.generateName: Invalid value: "Batch-": ${SUBDOMAIN}`, text: 'Batch-' }],
  },
  {
    name: 'a StatefulSet name must be a DNS-1123 label (no dots); its namespace a label too',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db.primary, namespace: Team_A}',
      'spec:',
      '  selector: {matchLabels: {app: db}}',
      '  template:',
      '    metadata: {labels: {app: db}}',
      '    spec:',
      '      containers:',
      '      - name: db',
      '        image: postgres',
    ),
    expect: [
      { code: 'invalid-object-name', message: 'metadata.name: Invalid value: "db.primary": must not contain dots', text: 'db.primary' },
      { code: 'invalid-namespace', message: `metadata.namespace: Invalid value: "Team_A": ${LABEL}`, text: 'Team_A' },
    ],
    fixes: [
      { finding: 0, title: 'Rename to db-primary', contains: 'name: db-primary,' },
      { finding: 1, title: 'Change to team-a', contains: 'namespace: team-a}' },
    ],
  },
  {
    name: 'a CronJob name longer than 52 characters',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      `metadata: {name: ${'n'.repeat(53)}}`,
      'spec:',
      '  schedule: "0 * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers:',
      '          - name: job',
      '            image: job',
    ),
    expect: [
      { code: 'invalid-object-name', message: `metadata.name: Invalid value: "${'n'.repeat(53)}": must be no more than 52 characters`, text: 'n'.repeat(53) },
    ],
  },
  // ---- container-image-whitespace
  {
    name: 'a Pod image with leading and trailing whitespace',
    yaml: pod().replace('image: registry.example/app:1.0', 'image: " registry.example/app:1.0\\t"'),
    expect: [
      {
        code: 'container-image-whitespace',
        message: 'spec.containers[0].image: Invalid value: " registry.example/app:1.0\\t": must not have leading or trailing whitespace',
        text: '" registry.example/app:1.0\\t"',
      },
    ],
    fixes: [{ title: 'Change to registry.example/app:1.0', contains: 'image: "registry.example/app:1.0"', clean: true }],
  },
  {
    name: 'a template may have such an image (only the Pods made from it are refused)',
    yaml: yaml(
      'apiVersion: v1',
      'kind: PodTemplate',
      'metadata: {name: t}',
      'template:',
      '  spec:',
      '    containers:',
      '    - name: app',
      "      image: 'app '",
    ),
    expect: [],
  },
  // ---- resource claims
  {
    name: 'container claims: one not in spec.resourceClaims, one listed twice; init containers too',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resourceClaims:',
      '  - name: gpu',
      '    resourceClaimTemplateName: gpu-template',
      '  - name: fpga',
      '    resourceClaimName: fpga-0',
      '  initContainers:',
      '  - name: init',
      '    image: init',
      '    resources: {claims: [{name: tpu}]}',
      '  containers:',
      '  - name: app',
      '    image: app',
      '    resources:',
      '      claims:',
      '      - name: gpu',
      '      - name: gpu',
      '      - name: fpga',
      '        request: a',
    ),
    expect: [
      {
        code: 'resource-claim-not-found',
        message: 'spec.initContainers[0].resources.claims[0]: Not found: "tpu": must be one of the names in pod.spec.resourceClaims: fpga, gpu',
        text: 'tpu',
      },
      { code: 'duplicate-resource-claim', message: 'spec.containers[0].resources.claims[1]: Duplicate value: "gpu"', text: 'gpu' },
    ],
  },
  {
    name: 'a claim with no spec.resourceClaims at all; pod-level claims are refused',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  resources:',
      '    limits: {cpu: "1", memory: 1Gi}',
      '    claims: [{name: gpu}]',
      '  containers:',
      '  - name: app',
      '    image: app',
      '    resources: {claims: [{name: gpu}]}',
    ),
    expect: [
      { code: 'pod-resources-claims', message: 'spec.resources.claims: Forbidden: claims cannot be set for Resources at pod-level', text: 'claims' },
      {
        code: 'resource-claim-not-found',
        message: 'spec.containers[0].resources.claims[0]: Not found: "gpu": must be one of the names in pod.spec.resourceClaims which is empty',
        text: 'gpu',
      },
    ],
  },
  // ---- pod-resources-windows
  {
    name: 'pod-level resources in a Windows pod template',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: agent}',
      'spec:',
      '  selector: {matchLabels: {app: agent}}',
      '  template:',
      '    metadata: {labels: {app: agent}}',
      '    spec:',
      '      os: {name: windows}',
      '      resources: {limits: {cpu: "1", memory: 1Gi}}',
      '      containers:',
      '      - name: agent',
      '        image: agent',
    ),
    expect: [{ code: 'pod-resources-windows', message: 'spec.template.spec.resources: Forbidden: cannot be set for a windows pod', text: 'resources' }],
  },
  {
    name: 'pod-level resources in a Linux pod, and a Windows pod without them, are fine',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  os: {name: linux}',
      '  resources: {limits: {cpu: "1", memory: 1Gi}}',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [],
  },
  // ---- admission: RuntimeClass and Priority
  {
    name: 'overhead without a runtimeClassName is refused by RuntimeClass admission',
    yaml: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  overhead: {cpu: 250m}', '  containers:', '  - name: app', '    image: app'),
    expect: [
      {
        code: 'runtimeclass-overhead',
        message: 'pods "p" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
        text: 'overhead',
      },
    ],
  },
  {
    name: 'overhead in a template is not admitted (only the Pods made from it are)',
    yaml: yaml(
      'apiVersion: v1',
      'kind: PodTemplate',
      'metadata: {name: t}',
      'template:',
      '  spec:',
      '    overhead: {cpu: 250m}',
      '    containers:',
      '    - name: app',
      '      image: app',
    ),
    expect: [],
  },
  {
    name: 'priority that differs from a system class value is refused by Priority admission',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {generateName: agent-}',
      'spec:',
      '  priorityClassName: system-node-critical',
      '  priority: 1000',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [
      {
        code: 'priority-mismatch',
        message:
          'pods "agent-" is forbidden: the integer value of priority (1000) must not be provided in pod spec; priority admission controller computed 2000001000 from the given PriorityClass name',
        text: '1000',
      },
    ],
    fixes: [{ title: 'Change to 2000001000', contains: 'priority: 2000001000', clean: true }],
  },
  {
    name: 'a system class with another preemptionPolicy',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  priorityClassName: system-cluster-critical',
      '  preemptionPolicy: Never',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [
      {
        code: 'priority-mismatch',
        message:
          'pods "p" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
        text: 'Never',
      },
    ],
    fixes: [{ title: 'Change to PreemptLowerPriority', contains: 'preemptionPolicy: PreemptLowerPriority', clean: true }],
  },
  {
    name: 'the system value itself and its preemption policy are fine',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  priorityClassName: system-cluster-critical',
      '  priority: 2000000000',
      '  preemptionPolicy: PreemptLowerPriority',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [],
  },
  {
    name: "another class: its value is the cluster's, nothing is flagged",
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  priorityClassName: high',
      '  priority: 5',
      '  preemptionPolicy: Never',
      '  containers:',
      '  - name: app',
      '    image: app',
    ),
    expect: [],
  },
  // ---- controllers: selectors, replicas, schedule
  {
    name: 'a Deployment without a selector: required, and nothing matches the template labels',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  replicas: -1',
      '  template:',
      '    metadata:',
      '      labels: {app: web, tier: "front"}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [
      { code: 'selector-required', message: 'spec.selector: Required value', text: 'spec' },
      { code: 'negative-replicas', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0', text: '-1' },
      {
        code: 'selector-mismatch',
        message: 'spec.template.metadata.labels: Invalid value: {"app":"web","tier":"front"}: `selector` does not match template `labels`',
        text: 'labels',
      },
    ],
  },
  {
    name: 'an empty selector; a DaemonSet with none only fails to match',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: ReplicaSet',
      'metadata: {name: rs}',
      'spec:',
      '  selector: {}',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [{ code: 'empty-selector', message: 'spec.selector: Invalid value: {}: empty selector is invalid for deployment', text: 'selector' }],
  },
  {
    name: 'a DaemonSet without a selector, template without labels',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: agent}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: agent',
      '        image: agent',
    ),
    expect: [
      {
        code: 'selector-mismatch',
        message: 'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
        text: 'template',
      },
    ],
  },
  {
    name: 'matchExpressions are evaluated: In, NotIn, Exists, DoesNotExist all hold',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: {name: db}',
      'spec:',
      '  selector:',
      '    matchLabels: {app: db}',
      '    matchExpressions:',
      '    - {key: tier, operator: In, values: [data, cache]}',
      '    - {key: env, operator: NotIn, values: [test]}',
      '    - {key: team, operator: Exists}',
      '    - {key: canary, operator: DoesNotExist}',
      '  template:',
      '    metadata: {labels: {app: db, tier: data, team: core}}',
      '    spec:',
      '      containers:',
      '      - name: db',
      '        image: db',
    ),
    expect: [],
  },
  {
    name: 'matchExpressions are evaluated: NotIn fails on the listed value',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector:',
      '    matchExpressions: [{key: env, operator: NotIn, values: [test]}]',
      '  template:',
      '    metadata:',
      '      labels:',
      '        env: test',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [
      {
        code: 'selector-mismatch',
        message: 'spec.template.metadata.labels: Invalid value: {"env":"test"}: `selector` does not match template `labels`',
        text: 'labels',
      },
    ],
  },
  {
    name: 'bad requirements: an unknown operator, In without values, Exists with values',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector:',
      '    matchExpressions:',
      '    - {key: app, operator: in, values: [web]}',
      '    - {key: tier, operator: In}',
      '    - {key: team, operator: Exists, values: [core]}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [
      {
        code: 'invalid-label-selector',
        message:
          'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"in","values":["web"]},{"key":"tier","operator":"In"},{"key":"team","operator":"Exists","values":["core"]}]}: invalid label selector',
        text: 'selector',
      },
      { code: 'invalid-label-selector', message: 'spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator', text: 'in' },
      {
        code: 'invalid-label-selector',
        message: "spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        text: 'In',
      },
      {
        code: 'invalid-label-selector',
        message: "spec.selector.matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        text: 'values',
      },
    ],
  },
  {
    name: 'a Job with manualSelector needs a selector; without manualSelector it may not write one',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: j}',
      'spec:',
      '  manualSelector: true',
      '  template:',
      '    metadata: {labels: {app: j}}',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '      - name: work',
      '        image: work',
    ),
    expect: [
      { code: 'selector-required', message: 'spec.selector: Required value', text: 'spec' },
      {
        code: 'selector-mismatch',
        message: 'spec.template.metadata.labels: Invalid value: {"app":"j"}: `selector` does not match template `labels`',
        text: 'labels',
      },
    ],
  },
  {
    name: 'a Job that writes its own selector without manualSelector',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: j}',
      'spec:',
      '  selector: {matchLabels: {app: j}}',
      '  template:',
      '    metadata: {labels: {app: j}}',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '      - name: work',
      '        image: work',
    ),
    expect: [
      {
        code: 'job-selector',
        message: 'spec.selector: Invalid value: {"matchLabels":{"app":"j","batch.kubernetes.io/controller-uid":"<uid>"}}: `selector` not auto-generated',
        text: 'selector',
      },
    ],
  },
  {
    // The generated job-name labels carry the name; the last Indexed pod is named <name>-<completions-1>.
    name: 'a Job name over 63 bytes is not a label value; an Indexed Job needs a DNS label for its last pod',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      `metadata: {name: ${'j'.repeat(64)}}`,
      'spec:',
      '  completionMode: Indexed',
      '  completions: 10',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '      - name: work',
      '        image: work',
    ),
    expect: [
      {
        code: 'invalid-object-name',
        message: `metadata.name: Invalid value: "${'j'.repeat(64)}": will not able to create pod with invalid DNS label: ${'j'.repeat(64)}-9`,
        text: 'j'.repeat(64),
      },
      { code: 'job-selector', message: `spec.template.labels: Invalid value: "${'j'.repeat(64)}": must be no more than 63 bytes`, text: 'j'.repeat(64) },
    ],
  },
  {
    name: 'a CronJob without a schedule, with a selector and manualSelector in its jobTemplate',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: c}',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      manualSelector: true',
      '      selector: {matchLabels: {app: c}}',
      '      template:',
      '        metadata: {labels: {app: c}}',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '          - name: job',
      '            image: job',
    ),
    expect: [
      { code: 'cronjob-schedule-required', message: 'spec.schedule: Required value', text: 'spec' },
      { code: 'job-selector', message: 'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"', text: 'true' },
      {
        code: 'job-selector',
        message: 'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"app":"c"}}: `selector` will be auto-generated',
        text: 'selector',
      },
    ],
  },
  {
    name: 'a ReplicationController selector defaults from the template labels; a written one must match them',
    yaml: yaml(
      'apiVersion: v1',
      'kind: ReplicationController',
      'metadata: {name: rc}',
      'spec:',
      '  selector: {app: rc, tier: web}',
      '  template:',
      '    metadata: {labels: {app: rc}}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [
      {
        code: 'selector-mismatch',
        message: 'spec.template.metadata.labels: Invalid value: {"app":"rc"}: `selector` does not match template `labels`',
        text: 'labels',
      },
    ],
  },
  {
    name: 'a ReplicationController with neither a selector nor template labels',
    yaml: yaml(
      'apiVersion: v1',
      'kind: ReplicationController',
      'metadata: {name: rc}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [{ code: 'selector-required', message: 'spec.selector: Required value', text: 'spec' }],
  },
  {
    name: 'valid controllers: a ReplicationController without a selector, a Job without one',
    yaml: yaml(
      'apiVersion: v1',
      'kind: ReplicationController',
      'metadata: {name: rc}',
      'spec:',
      '  replicas: 0',
      '  template:',
      '    metadata: {labels: {app: rc}}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: web',
    ),
    expect: [],
  },
  // ---- valid manifests
  {
    name: 'a typical valid Deployment',
    yaml: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      initContainers:',
      '      - name: proxy',
      '        image: envoy',
      '        restartPolicy: Always',
      '        startupProbe: {tcpSocket: {port: 15000}}',
      '        resources: {requests: {cpu: 100m, memory: 64Mi}}',
      '      containers:',
      '      - name: web',
      '        image: nginx:1.27',
      '        livenessProbe: {httpGet: {path: /, port: 80}, successThreshold: 1}',
      '        lifecycle: {preStop: {sleep: {seconds: 5}}}',
      '        resources:',
      '          requests: {cpu: "0.5", memory: 128Mi, ephemeral-storage: 1Gi}',
      '          limits: {cpu: "1", memory: 128Mi, nvidia.com/gpu: 1, hugepages-2Mi: 4Mi}',
    ),
    expect: [],
  },
  {
    name: 'valid pod-level resources with hugepages and a Job',
    yaml: yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: j}',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: OnFailure',
      '      resources:',
      '        requests: {cpu: "1", memory: 1Gi}',
      '        limits: {cpu: "2", memory: 2Gi, hugepages-2Mi: 8Mi}',
      '      containers:',
      '      - name: a',
      '        image: a',
      '        resources: {requests: {cpu: 500m}, limits: {memory: 1Gi, hugepages-2Mi: 4Mi}}',
    ),
    expect: [],
  },
];

for (const c of cases) {
  test(`api rules: ${c.name}`, () => {
    const findings = apiFindings(c.yaml);
    const actual = findings.map((f) => ({ code: f.code, message: f.message, text: c.yaml.slice(f.start, f.end) }));
    assert.deepEqual(actual, c.expect);
    for (const f of findings) assert.equal(f.severity, 'error');
    for (const fix of c.fixes ?? []) {
      const finding = findings[fix.finding ?? 0];
      const chosen = finding.fixes?.find((candidate) => candidate.title === fix.title);
      assert.ok(chosen, `fix "${fix.title}" offered; got ${JSON.stringify(finding.fixes?.map((x) => x.title))}`);
      const fixed = applyFix(c.yaml, chosen);
      assert.ok(fixed.includes(fix.contains), `fixed text contains ${JSON.stringify(fix.contains)}:\n${fixed}`);
      // Comments in the manifest survive every fix.
      for (const comment of c.yaml.match(/#.*$/gm) ?? []) assert.ok(fixed.includes(comment), `comment ${comment} kept`);
      const after = apiFindings(fixed);
      const same = (f: { code: string; message: string }) => f.code === finding.code && f.message === finding.message;
      assert.ok(after.filter(same).length < findings.filter(same).length, `finding gone after "${fix.title}"`);
      if (fix.clean)
        assert.deepEqual(
          after.map((f) => f.message),
          [],
        );
    }
  });
}

test('api rules: every rule is an error-severity api rule with a unique id', () => {
  const ids = new Set<string>();
  for (const rule of apiRules) {
    assert.equal(rule.phase, 'api');
    assert.equal(rule.severity, 'error');
    assert.ok(rule.rationale.length > 0);
    assert.ok(!ids.has(rule.id), rule.id);
    ids.add(rule.id);
  }
});

/** The invalid conformance cases: every expected validation error reappears in a finding's message. */
const conformance = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'conformance');
test('api rules: invalid conformance cases', { skip: !existsSync(conformance) }, () => {
  let checked = 0;
  for (const file of readdirSync(join(conformance, 'expected'))) {
    const expected = JSON.parse(readFileSync(join(conformance, 'expected', file), 'utf8'));
    for (const object of expected.files[0].objects) {
      if (!object.invalid) continue;
      const text = readFileSync(join(conformance, 'cases', file.replace(/\.json$/, '.yaml')), 'utf8');
      const messages = apiFindings(text).map((f) => f.message);
      for (const error of object.validationErrors as string[]) {
        assert.ok(
          messages.some((m) => m.includes(error)),
          `${file}: ${error} in ${JSON.stringify(messages)}`,
        );
      }
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test("api rules: a template's pods refused by admission are a warning, in the controller's FailedCreate words", () => {
  const deployment = (...spec: string[]) =>
    yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      ...spec.map((line) => `      ${line}`),
      '      containers:',
      '      - name: app',
      '        image: app',
    );
  const found = (text: string) => apiFindings(text).map((f) => [f.severity, f.code, f.message]);
  assert.deepEqual(found(deployment('overhead: {cpu: 250m}')), [
    [
      'warning',
      'runtimeclass-overhead',
      'the API server accepts this Deployment, but refuses every pod its controller creates from the template (FailedCreate: pods "web-…" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead)',
    ],
  ]);
  assert.deepEqual(found(deployment('priorityClassName: system-cluster-critical', 'priority: 7')), [
    [
      'warning',
      'priority-mismatch',
      'the API server accepts this Deployment, but refuses every pod its controller creates from the template (FailedCreate: pods "web-…" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 2000000000 from the given PriorityClass name)',
    ],
  ]);
});
