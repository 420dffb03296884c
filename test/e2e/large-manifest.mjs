// A large multi-document manifest for the typing test: a deterministic mix of
// Deployments, StatefulSets, Jobs and Pods with one to three containers,
// resources, probes and env, about 1.6 MB per 1000 objects (the typing test
// uses 5000, as many as the benchmark's largest file). Written from templates
// so that the test needs nothing beyond the repository.

import { writeFileSync } from 'node:fs';

const kinds = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'],
  ['v1', 'Pod'],
];
const cpus = ['50m', '100m', '250m', '500m', '1', '2'];
const memories = ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi', '2Gi'];

function container(i, c, indent) {
  const p = ' '.repeat(indent);
  const cpu = cpus[(i * 7 + c) % cpus.length];
  const memory = memories[(i * 5 + c) % memories.length];
  const limited = (i + c) % 3 !== 0;
  const lines = [
    `${p}- name: c${c}`,
    `${p}  image: registry.example/team-${i % 10}/app-${c}:1.${i % 50}`,
    `${p}  env:`,
    `${p}    - name: INSTANCE`,
    `${p}      value: "${i}-${c}"`,
    `${p}    - name: LOG_LEVEL`,
    `${p}      value: info`,
    `${p}  ports:`,
    `${p}    - containerPort: ${8080 + c}`,
    `${p}  resources:`,
    `${p}    requests:`,
    `${p}      cpu: ${cpu}`,
    `${p}      memory: ${memory}`,
  ];
  const above = (list, value) => list[Math.min(list.length - 1, list.indexOf(value) + 1)];
  if (limited) lines.push(`${p}    limits:`, `${p}      cpu: "${above(cpus, cpu)}"`, `${p}      memory: ${above(memories, memory)}`);
  lines.push(
    `${p}  readinessProbe:`,
    `${p}    httpGet:`,
    `${p}      path: /ready`,
    `${p}      port: ${8080 + c}`,
    `${p}    periodSeconds: 5`,
    `${p}  livenessProbe:`,
    `${p}    httpGet:`,
    `${p}      path: /healthz`,
    `${p}      port: ${8080 + c}`,
    `${p}    periodSeconds: 10`,
    `${p}    failureThreshold: 3`,
  );
  return lines;
}

function object(i) {
  const [apiVersion, kind] = kinds[i % kinds.length];
  const name = `svc-${String(i).padStart(4, '0')}`;
  const containers = 1 + (i % 3);
  const lines = [
    '---',
    `# object ${i}`,
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: team-${i % 10}`,
    '  labels:',
    `    app: ${name}`,
  ];
  let indent;
  if (kind === 'Pod') {
    lines.push('spec:', '  containers:');
    indent = 4;
  } else {
    lines.push('spec:');
    if (kind !== 'Job') lines.push(`  replicas: ${1 + (i % 4)}`, '  selector:', '    matchLabels:', `      app: ${name}`);
    if (kind === 'StatefulSet') lines.push(`  serviceName: ${name}`);
    lines.push('  template:', '    metadata:', '      labels:', `        app: ${name}`, '    spec:');
    if (kind === 'Job') lines.push('      restartPolicy: Never');
    lines.push('      containers:');
    indent = 8;
  }
  for (let c = 0; c < containers; c++) lines.push(...container(i, c, indent));
  return lines;
}

/** Writes `count` objects to `file`; returns where things are, for the test to find its way. */
export function generateLargeManifest(file, count) {
  const lines = [];
  const starts = [];
  for (let i = 0; i < count; i++) {
    starts.push(lines.length + 1);
    lines.push(...object(i));
  }
  const text = `${lines.join('\n')}\n`;
  writeFileSync(file, text);
  return { objects: count, lines: lines.length, bytes: Buffer.byteLength(text), starts };
}
