/**
 * A small benchmark of parsing and rendering a Deployment-sized template
 * (about 300 lines, a few dozen actions, an include, a range), not a test:
 *
 *   npx tsc -p . && node out/test/sources/helm/template/bench-render.js
 */
import { TemplateSet, ValueLocations } from '../../../../server/src/sources/helm/template/index';
import { helmLikeFuncs, valuesFromYaml } from './helm-like';

const helpers = `{{- define "app.labels" -}}
app.kubernetes.io/name: {{ .Values.name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
{{- end }}
`;

const containerBlock = (i: number) => `      - name: {{ .Values.name }}-${i}
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        imagePullPolicy: {{ .Values.image.pullPolicy }}
        ports:
        {{- range .Values.ports }}
        - containerPort: {{ .port }}
          name: {{ .name }}
        {{- end }}
        resources:
          requests:
            cpu: {{ .Values.resources.requests.cpu }}
            memory: {{ .Values.resources.requests.memory }}
          limits:
            cpu: {{ .Values.resources.limits.cpu }}
            memory: {{ .Values.resources.limits.memory }}
        env:
        - name: MODE
          value: {{ default "production" .Values.mode | quote }}
        - name: REPLICAS
          value: "{{ .Values.replicas }}"
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
          initialDelaySeconds: 10
          periodSeconds: 10
        readinessProbe:
          httpGet:
            path: /ready
            port: http
          initialDelaySeconds: 5
          periodSeconds: 5
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-{{ .Values.name }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      {{- include "app.labels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "app.labels" . | nindent 8 }}
    spec:
      {{- if .Values.serviceAccount }}
      serviceAccountName: {{ .Values.serviceAccount }}
      {{- end }}
      containers:
${[1, 2, 3, 4, 5, 6, 7, 8].map(containerBlock).join('')}`;

const values = `name: shop
replicas: 3
mode: ""
serviceAccount: shop-sa
image:
  repository: nginx
  tag: "1.25"
  pullPolicy: IfNotPresent
ports:
  - name: http
    port: 8080
  - name: metrics
    port: 9090
resources:
  requests:
    cpu: 100m
    memory: 128Mi
  limits:
    cpu: 500m
    memory: 256Mi
`;

function time(label: string, iterations: number, run: () => void): void {
  for (let i = 0; i < Math.min(100, iterations); i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run();
  const perRun = Number(process.hrtime.bigint() - start) / iterations / 1e6;
  console.log(`${label}: ${perRun.toFixed(4)} ms`);
}

const funcs = helmLikeFuncs();
const locations = new ValueLocations();
const data = { Values: valuesFromYaml(values, 'values.yaml', locations), Release: { Name: 'demo', Namespace: 'default' } };
console.log(`template: ${deployment.split('\n').length} lines, ${(deployment.match(/\{\{/g) ?? []).length} actions`);

let set = new TemplateSet({ funcs, missingKey: 'zero', rootName: 'gotpl' });
time('parse (uncached: a new text each time)', 300, () => {
  set = new TemplateSet({ funcs, missingKey: 'zero', rootName: 'gotpl' });
  set.parse('chart/templates/_helpers.tpl', helpers, { file: 'templates/_helpers.tpl' });
  set.parse('chart/templates/deployment.yaml', deployment + `# ${Math.random()}\n`, { file: 'templates/deployment.yaml' });
});
time('parse (cached: the same text again)', 3000, () => {
  set = new TemplateSet({ funcs, missingKey: 'zero', rootName: 'gotpl' });
  set.parse('chart/templates/_helpers.tpl', helpers, { file: 'templates/_helpers.tpl' });
  set.parse('chart/templates/deployment.yaml', deployment, { file: 'templates/deployment.yaml' });
});
let segments = 0;
time('execute with the source map', 3000, () => {
  const result = set.execute('chart/templates/deployment.yaml', data, { locations });
  if (!result.ok) throw new Error(result.error.message);
  segments = result.output.segments.length;
});
console.log(`output segments: ${segments}`);
