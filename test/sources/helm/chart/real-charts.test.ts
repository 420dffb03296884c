/**
 * What real charts rely on, each row a small chart with the output `helm template` gives for it (worked out from Helm's,
 * sprig's and Go's sources; the chart that showed the difference is named in the row).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MemoryFileSystem } from '../../../../server/src/sources/files';
import { renderChart, type HelmOptions } from '../../../../server/src/sources/helm/chart/render';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions';

const sprig = sprigFunctions();

interface Row {
  name: string;
  /** Files of the chart, relative to its directory `/c` (Chart.yaml defaults to a v2 chart named `c`). */
  files: Record<string, string>;
  options?: Partial<HelmOptions>;
  /** The documents of the output, without their `# Source:` lines. */
  expected?: string[];
  helmError?: string;
}

const rows: Row[] = [
  {
    // grafana/k8s-monitoring: `dig "alloy-operator" … .Values.AsMap`, where alloy-operator is a subchart.
    name: "a subchart's .Values is chartutil.Values, the same map in its parent's .Values stays map[string]interface {}",
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n',
      'values.yaml': 'sub:\n  crds:\n    deploy: false\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/templates/t.yaml': 'sub: {{ printf "%T" .Values }}\n',
      'templates/t.yaml': [
        'parent: {{ printf "%T %T %T" .Values .Values.sub .Values.AsMap }}',
        'dig: {{ dig "sub" "crds" "deploy" true .Values.AsMap }}',
        'table: {{ printf "%T %T" (.Values.Table "sub") .Values.sub }}',
        '',
      ].join('\n'),
    },
    expected: [
      'sub: chartutil.Values\n',
      'parent: chartutil.Values map[string]interface {} map[string]interface {}\ndig: false\ntable: chartutil.Values map[string]interface {}\n',
    ],
  },
  {
    name: "a write through a subchart's .Values is seen in its parent's (one map, two types)",
    files: {
      'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n',
      'values.yaml': 'sub:\n  a: 1\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      // Helm renders the deeper paths first: the subchart's template before its parent's.
      'charts/sub/templates/t.yaml': '{{- $_ := set .Values "b" 2 }}\nsub: {{ keys .Values | sortAlpha | join "," }}\n',
      'templates/t.yaml': 'parent: {{ keys .Values.sub | sortAlpha | join "," }}\n',
    },
    expected: ['sub: a,b,global\n', 'parent: a,b,global\n'],
  },
  {
    // grafana/k8s-monitoring: `include "collector.alloy.values" (deepCopy $ | merge …)` reads `.Files.Get` on the copy.
    name: 'deepCopy of the top-level object keeps .Files, .Values and their types',
    files: {
      'values.yaml': 'a: 1\n',
      'files/x.txt': 'hello',
      'templates/t.yaml': [
        '{{- $copy := deepCopy . | merge (dict "extra" "e") }}',
        'types: {{ printf "%T %T" $copy.Files $copy.Values }}',
        'get: {{ $copy.Files.Get "files/x.txt" }}',
        'glob: {{ range $name, $_ := $copy.Files.Glob "files/*" }}{{ $name }}{{ end }}',
        'values: {{ $copy.Values.a }} {{ $copy.extra }}',
        '',
      ].join('\n'),
    },
    expected: ['types: engine.files chartutil.Values\nget: hello\nglob: files/x.txt\nvalues: 1 e\n'],
  },
  {
    name: 'deepCopy copies a map of strings: a change to the copy is not seen in the original',
    files: {
      'values.yaml': 'm:\n  k: v\n',
      'templates/t.yaml': '{{- $c := deepCopy .Values.m }}{{ $_ := set $c "k" "changed" }}\nboth: {{ .Values.m.k }} {{ $c.k }}\n',
    },
    expected: ['both: v changed\n'],
  },
  {
    // bitnami/argo-workflows: `tpl .Values.postgresql.auth.existingSecret $` (empty) inside a config rendered with tpl.
    name: 'an empty tpl text inside another tpl prints nothing (the outer text is not run again)',
    files: {
      'values.yaml': 'outer: \'x{{ tpl .Values.empty . }}y{{ tpl .Values.defineOnly . }}z\'\nempty: ""\ndefineOnly: \'{{ define "d" }}D{{ end }}\'\n',
      'templates/t.yaml': 'v: {{ tpl .Values.outer . }}\n',
    },
    expected: ['v: xyz\n'],
  },
];

for (const row of rows) {
  test(row.name, () => {
    const files: Record<string, string> = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n' };
    for (const [name, text] of Object.entries(row.files)) files[`/c/${name}`] = text;
    const result = renderChart(new MemoryFileSystem(files), '/c', { functions: sprig, ...row.options });
    assert.equal(result.helmError, row.helmError);
    if (row.expected) {
      const documents = result.text
        .split(/^---\n/m)
        .filter((document) => document !== '')
        .map((document) => document.replace(/^# Source: .*\n/, ''));
      assert.deepEqual(documents, row.expected);
    }
  });
}
