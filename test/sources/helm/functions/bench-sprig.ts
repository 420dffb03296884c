/**
 * A render benchmark for the functions charts call on every line: a
 * Deployment-like template where each value goes through default, quote,
 * toString, int, trunc/trimSuffix, nindent, semverCompare, regexReplaceAll.
 * Run: node out/test/sources/helm/functions/bench-sprig.js
 */
import { TemplateSet, ValueLocations } from '../../../../server/src/sources/helm/template/index';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions/index';
import { valuesFromYaml } from '../template/helm-like';

const line = (i: number) =>
  `  key${i}: {{ .Values.items.v${i % 10} | default "fallback" | toString | trunc 63 | trimSuffix "-" | quote }}\n` +
  `  num${i}: {{ int (default 1 .Values.replicas) }}\n` +
  `  {{- if semverCompare ">=1.21-0" .Values.kube }}\n  new${i}: true\n  {{- end }}\n` +
  `  name${i}: {{ regexReplaceAll "[^a-z0-9-]" (lower .Values.name) "-" | trunc 20 }}\n` +
  `  block${i}: {{- toString .Values.name | nindent 4 }}\n`;
const template = 'kind: ConfigMap\ndata:\n' + Array.from({ length: 40 }, (_, i) => line(i)).join('');
const values = 'replicas: 3\nkube: v1.29.2\nname: My_App.Name\nitems:\n' + Array.from({ length: 10 }, (_, i) => `  v${i}: value-${i}-\n`).join('');

const set = new TemplateSet({ funcs: sprigFunctions(), missingKey: 'zero', rootName: 'gotpl' });
set.parse('t', template, { file: 't.yaml' });
const locations = new ValueLocations();
const data = { Values: valuesFromYaml(values, 'values.yaml', locations) };
const run = () => {
  const result = set.execute('t', data, { locations });
  if (!result.ok) throw new Error(result.error.message);
  return result.output.text.length;
};
for (let i = 0; i < 50; i++) run();
const n = 500;
const start = process.hrtime.bigint();
for (let i = 0; i < n; i++) run();
const ms = Number(process.hrtime.bigint() - start) / 1e6 / n;
console.log(`${template.split('\n').length} template lines, 280 sprig calls: ${ms.toFixed(3)} ms per render`);
