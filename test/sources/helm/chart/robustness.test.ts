/** Hostile charts: whatever the files hold, rendering returns a result (errors as values), never an exception. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { MemoryFileSystem } from '../../../../server/src/sources/files';
import { renderChart } from '../../../../server/src/sources/helm/chart/render';

const fragments = [
  'apiVersion: v2\n',
  'name: c\n',
  'version: 1.0.0\n',
  'dependencies:\n- name: sub\n  version: "*"\n  condition: sub.on\n  import-values: [x, {child: a, parent: b}]\n',
  'type: library\n',
  'a: &x {b: *x}\n',
  'key: [1, {c: d}]\n',
  '{{ .Values.a }}',
  '{{ include "x" . }}',
  '{{ define "x" }}{{ tpl .Values.t . }}{{ end }}',
  '{{ toYaml .Values | fromYaml | toJson }}',
  '{{ required "r" .Values.none }}',
  '---\n',
  'kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n',
  '\t- : : ]\n',
  '"\\u0000"\n',
  '{{',
  '}}',
  '\u{1F600}',
];

const text = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })), { maxLength: 8 }).map((parts) => parts.join(''));

test('random charts render to a result without throwing', () => {
  fc.assert(
    fc.property(text, text, text, text, fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), (chartYaml, values, template, subValues, set) => {
      const fs = new MemoryFileSystem({
        '/c/Chart.yaml': chartYaml,
        '/c/values.yaml': values,
        '/c/templates/a.yaml': template,
        '/c/templates/_h.tpl': template,
        '/c/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
        '/c/charts/sub/values.yaml': subValues,
        '/c/charts/broken.tgz': new Uint8Array([0x1f, 0x8b, 0x08, 1, 2, 3]),
      });
      const result = renderChart(fs, '/c', { set, setJson: set, values: ['/c/values.yaml'], showOnly: set.length > 2 ? set : undefined });
      assert.equal(typeof result.text, 'string');
      assert.ok(!result.errors.some((error) => error.message.startsWith('internal error')), result.errors.map((e) => e.message).join('\n'));
    }),
    { numRuns: 300, seed: 42 },
  );
});
