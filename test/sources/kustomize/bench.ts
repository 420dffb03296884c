/**
 * How long a rebuild takes after a keystroke in a patch: an overlay of 24
 * resources over two bases, built once (cold), then rebuilt after each of 600
 * one-character edits of the patch. `node out/test/sources/kustomize/bench.js`
 */
import { MemoryFileSystem } from '../../../server/src/sources/files';
import { buildKustomization } from '../../../server/src/sources/kustomize/build';

function deployment(name: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: main
        image: registry.example/${name}:1.0.0
        ports:
        - containerPort: 8080
        env:
        - name: MODE
          value: production
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: 8080
`;
}

const files: Record<string, string> = {};
for (const base of ['frontend', 'backend']) {
  const names = Array.from({ length: 6 }, (_, i) => `${base}-${i}`);
  for (const name of names) files[`/repo/${base}/${name}.yaml`] = deployment(name);
  files[`/repo/${base}/kustomization.yaml`] = `resources:\n${names.map((n) => `- ${n}.yaml`).join('\n')}\ncommonLabels:\n  tier: ${base}\n`;
}
files['/repo/overlay/kustomization.yaml'] = `resources:
- ../frontend
- ../backend
namePrefix: prod-
namespace: shop
patches:
- path: memory.yaml
  target:
    kind: Deployment
configMapGenerator:
- name: settings
  literals:
  - LEVEL=info
images:
- name: registry.example/frontend-0
  newTag: 2.0.0
`;
const patch = (memory: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: any
spec:
  template:
    spec:
      containers:
      - name: main
        resources:
          limits:
            memory: ${memory}Mi
`;
files['/repo/overlay/memory.yaml'] = patch(512);
const fs = new MemoryFileSystem(files);

let start = performance.now();
const cold = buildKustomization(fs, '/repo/overlay');
const coldMs = performance.now() - start;
if (cold.errors.length > 0) throw new Error(cold.errors[0].message);

const times: number[] = [];
for (let i = 0; i < 600; i++) {
  fs.set('/repo/overlay/memory.yaml', patch(512 + i));
  start = performance.now();
  const result = buildKustomization(fs, '/repo/overlay');
  times.push(performance.now() - start);
  if (result.errors.length > 0) throw new Error(result.errors[0].message);
}
times.sort((a, b) => a - b);
const pct = (p: number): string => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
console.log(
  `${cold.objects.length} objects; cold build ${coldMs.toFixed(1)} ms; rebuild after a patch edit: median ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`,
);
