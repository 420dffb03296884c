/**
 * Helm's engine tests (pkg/engine/engine_test.go at v3.21.4), each as a chart
 * on an in-memory file system rendered through the whole pipeline. The
 * templates, values and expected texts are Helm's; where a chart here needs a
 * Chart.yaml, it is the smallest one Helm loads. `title` and `repeat` are
 * sprig's and the cases using them are left out.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MemoryFileSystem } from '../../../../server/src/sources/files';
import { type HelmOptions, renderTemplates } from '../../../../server/src/sources/helm/chart/render';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions';

const sprig = sprigFunctions();

type Files = Record<string, string>;

/** A chart directory: Chart.yaml for `name`, then the given files (paths relative to the chart). */
function chartFiles(dir: string, name: string, files: Files, values?: string): Files {
  const out: Files = { [`${dir}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 1.2.3\n` };
  if (values !== undefined) out[`${dir}/values.yaml`] = values;
  for (const [path, text] of Object.entries(files)) out[`${dir}/${path}`] = text;
  return out;
}

function render(files: Files, root: string, options: HelmOptions = {}): { out: Map<string, string>; error?: string } {
  const result = renderTemplates(new MemoryFileSystem(files), root, { functions: sprig, ...options });
  const out = new Map([...result.rendered].map(([name, mapped]) => [name, mapped.text] as [string, string]));
  return { out, error: result.helmError };
}

function expectOutputs(out: Map<string, string>, expected: Record<string, string>): void {
  for (const [name, text] of Object.entries(expected)) assert.equal(out.get(name), text, name);
}

test('TestRender (without sprig title): values, lower, missing field, toJson, getHostByName', () => {
  const files = chartFiles(
    '/moby',
    'moby',
    {
      'templates/test2': '{{.Values.global.callme | lower }}',
      'templates/test3': '{{.noValue}}',
      'templates/test4': '{{toJson .Values}}',
      'templates/test5': '{{getHostByName "helm.sh"}}',
    },
    'outer: DEFAULT\ninner: DEFAULT\n',
  );
  files['/user.yaml'] = 'outer: spouter\ninner: inn\nglobal:\n  callme: Ishmael\n';
  const { out, error } = render(files, '/moby', { values: ['/user.yaml'] });
  assert.equal(error, undefined);
  expectOutputs(out, {
    'moby/templates/test2': 'ishmael',
    'moby/templates/test3': '',
    'moby/templates/test4': '{"global":{"callme":"Ishmael"},"inner":"inn","outer":"spouter"}',
    'moby/templates/test5': '',
  });
});

test('TestRenderDependency: a define of a subchart used by the parent', () => {
  const files = {
    ...chartFiles('/outerchart', 'outerchart', { 'templates/outer': 'Hello {{template "myblock"}}' }),
    ...chartFiles('/outerchart/charts/innerchart', 'innerchart', { 'templates/inner': '{{define "myblock"}}World{{end}}' }),
  };
  const { out, error } = render(files, '/outerchart');
  assert.equal(error, undefined);
  assert.equal(out.size, 2);
  expectOutputs(out, { 'outerchart/templates/outer': 'Hello World' });
});

test('TestRenderNestedValues: subchart scopes, globals, .Subcharts', () => {
  const files = {
    ...chartFiles(
      '/top',
      'top',
      {
        'templates/outer.tpl': 'Gather ye {{.Values.what}} while ye may',
        'templates/subcharts.tpl': 'The glorious Lamp of {{.Subcharts.herrick.Subcharts.deepest.Values.where}}, the {{.Subcharts.herrick.Values.what}}',
      },
      'what: stinkweed\nwho: me\nherrick:\n  who: time\n  what: Sun\n',
    ),
    ...chartFiles('/top/charts/herrick', 'herrick', { 'templates/inner.tpl': "Old {{.Values.who}} is still a-flyin'" }, 'who: Robert\nwhat: glasses\n'),
    ...chartFiles(
      '/top/charts/herrick/charts/deepest',
      'deepest',
      {
        'templates/inner.tpl': 'And this same {{.Values.what}} that smiles {{.Values.global.when}}',
        'templates/release.tpl': 'Tomorrow will be {{default "happy" .Release.Name }}',
      },
      'what: milkshake\nwhere: here\n',
    ),
    '/inject.yaml': 'what: rosebuds\nherrick:\n  deepest:\n    what: flower\n    where: Heaven\nglobal:\n  when: to-day\n',
  };
  const { out, error } = render(files, '/top', { values: ['/inject.yaml'], releaseName: 'dyin' });
  assert.equal(error, undefined);
  expectOutputs(out, {
    'top/templates/outer.tpl': 'Gather ye rosebuds while ye may',
    'top/charts/herrick/templates/inner.tpl': "Old time is still a-flyin'",
    'top/charts/herrick/charts/deepest/templates/inner.tpl': 'And this same flower that smiles to-day',
    'top/charts/herrick/charts/deepest/templates/release.tpl': 'Tomorrow will be dyin',
    'top/templates/subcharts.tpl': 'The glorious Lamp of Heaven, the Sun',
  });
});

test('TestRenderBuiltinValues: .Template, .Chart, .Release, .Files of each chart', () => {
  const files = {
    ...chartFiles('/Troy', 'Troy', {
      'templates/Aeneas': '{{.Template.Name}}{{.Chart.Name}}{{.Release.Name}}',
      'templates/Amata': '{{.Subcharts.Latium.Chart.Name}} {{.Subcharts.Latium.Files.author | printf "%s"}}',
    }),
    ...chartFiles('/Troy/charts/Latium', 'Latium', {
      'templates/Lavinia': '{{.Template.Name}}{{.Chart.Name}}{{.Release.Name}}',
      'templates/From': '{{.Files.author | printf "%s"}} {{.Files.Get "book/title.txt"}}',
      author: 'Virgil',
      'book/title.txt': 'Aeneid',
    }),
  };
  const { out, error } = render(files, '/Troy', { releaseName: 'aeneid' });
  assert.equal(error, undefined);
  expectOutputs(out, {
    'Troy/charts/Latium/templates/Lavinia': 'Troy/charts/Latium/templates/LaviniaLatiumaeneid',
    'Troy/templates/Aeneas': 'Troy/templates/AeneasTroyaeneid',
    'Troy/templates/Amata': 'Latium Virgil',
    'Troy/charts/Latium/templates/From': 'Virgil Aeneid',
  });
});

test('TestAllTemplates and TestChartValuesContainsIsRoot', () => {
  const files = {
    ...chartFiles('/ch1', 'ch1', { 'templates/foo': 'foo', 'templates/bar': 'bar', 'templates/isroot': '{{.Chart.IsRoot}}' }),
    ...chartFiles('/ch1/charts/dep1', 'dep1', { 'templates/pinky': 'pinky', 'templates/brain': 'brain', 'templates/isroot': '{{.Chart.IsRoot}}' }),
    ...chartFiles('/ch1/charts/dep1/charts/dep2', 'dep2', { 'templates/innermost': 'innermost' }),
  };
  const { out, error } = render(files, '/ch1');
  assert.equal(error, undefined);
  assert.equal(out.size, 7);
  expectOutputs(out, { 'ch1/templates/isroot': 'true', 'ch1/charts/dep1/templates/isroot': 'false' });
});

test('TestParseErrors', () => {
  const { error } = render(chartFiles('/c', 'c', { 'templates/undefined_function': '{{foo}}' }), '/c');
  assert.equal(error, 'parse error at (c/templates/undefined_function:1): function "foo" not defined\n\nUse --debug flag to render out invalid YAML');
});

const execCases: [string, string, string][] = [
  ['MissingRequired', '{{required "foo is required" .Values.foo}}', 'execution error at (c/templates/t:1:2): foo is required'],
  [
    'MissingRequiredWithColons',
    '{{required ":this: message: has many: colons:" .Values.foo}}',
    'execution error at (c/templates/t:1:2): :this: message: has many: colons:',
  ],
  [
    'MissingRequiredWithNewlines',
    '{{required "foo is required\\nmore info after the break" .Values.foo}}',
    'execution error at (c/templates/t:1:2): foo is required\nmore info after the break',
  ],
  ['FailWithNewlines', '{{fail "something is wrong\\nlinebreak"}}', 'execution error at (c/templates/t:1:2): something is wrong\nlinebreak'],
  ['TestFailErrors', 'All your base are belong to us{{ fail "This is an error" }}', 'execution error at (c/templates/t:1:33): This is an error'],
];

for (const [name, template, expected] of execCases) {
  test(`TestExecErrors ${name}`, () => {
    const { error } = render(chartFiles('/c', 'c', { 'templates/t': template }), '/c');
    assert.equal(error, `${expected}\n\nUse --debug flag to render out invalid YAML`);
  });
}

test('TestRenderRecursionLimit: endless include fails, 4000 includes of one define do not', () => {
  const bad = render(
    chartFiles('/bad', 'bad', {
      'templates/base': '{{include "recursion" . }}',
      'templates/recursion': '{{define "recursion"}}{{include "recursion" . }}{{end}}',
    }),
    '/bad',
  );
  assert.match(bad.error ?? '', /rendering template has a nested reference name: recursion: unable to execute template/);
  const phrase = 'All work and no play makes Jack a dull boy';
  const good = render(
    chartFiles('/overlook', 'overlook', {
      'templates/quote': '{{include "overlook" . }}'.repeat(4000),
      'templates/_function': `{{define "overlook"}}{{printf "${phrase}\\n"}}{{end}}`,
    }),
    '/overlook',
  );
  assert.equal(good.error, undefined);
  assert.equal(good.out.get('overlook/templates/quote'), `${phrase}\n`.repeat(4000));
});

test('TestAlterFuncMap_include, _require, _tpl, _tplfunc, _tplinclude', () => {
  const include = render(
    chartFiles('/conrad', 'conrad', {
      'templates/quote': '{{include "conrad/templates/_partial" . | indent 2}} dead.',
      'templates/_partial': '{{.Release.Name}} - he',
    }),
    '/conrad',
    { releaseName: 'mistah-kurtz' },
  );
  expectOutputs(include.out, { 'conrad/templates/quote': '  mistah-kurtz - he dead.' });
  const nested = render(chartFiles('/nested', 'nested', { 'templates/quote': '{{include "nested/templates/quote" . | indent 2}} dead.' }), '/nested');
  assert.match(nested.error ?? '', /nested reference name: nested\/templates\/quote/);

  const require = render(
    chartFiles(
      '/conan',
      'conan',
      {
        'templates/quote': `All your base are belong to {{ required "A valid 'who' is required" .Values.who }}`,
        'templates/bases': `All {{ required "A valid 'bases' is required" .Values.bases }} of them!`,
      },
      'who: us\nbases: 2\n',
    ),
    '/conan',
  );
  expectOutputs(require.out, { 'conan/templates/quote': 'All your base are belong to us', 'conan/templates/bases': 'All 2 of them!' });

  const tpl = render(
    chartFiles(
      '/TplFunction',
      'TplFunction',
      {
        'templates/base': 'Evaluate tpl {{tpl "Value: {{ .Values.value}}" .}}',
        'templates/func': 'Evaluate tpl {{tpl "Value: {{ .Values.value | quote}}" .}}',
        'templates/incl': '{{ tpl "{{include `TplFunction/templates/_partial` .  | quote }}" .}}',
        'templates/_partial': '{{.Template.Name}}',
      },
      'value: myvalue\n',
    ),
    '/TplFunction',
  );
  expectOutputs(tpl.out, {
    'TplFunction/templates/base': 'Evaluate tpl Value: myvalue',
    'TplFunction/templates/func': 'Evaluate tpl Value: "myvalue"',
    'TplFunction/templates/incl': '"TplFunction/templates/incl"',
  });
});

test('TestRenderLoadTemplateForTplFromFile', () => {
  const { out, error } = render(
    chartFiles(
      '/TplLoadFromFile',
      'TplLoadFromFile',
      {
        'templates/base': '{{ tpl (.Files.Get .Values.filename) . }}',
        'templates/_function': '{{define "test-function"}}test-function{{end}}',
        test: '{{ tpl (.Files.Get .Values.filename2) .}}',
        test2: '{{include "test-function" .}}{{define "nested-define"}}nested-define-content{{end}} {{include "nested-define" .}}',
      },
      'filename: test\nfilename2: test2\n',
    ),
    '/TplLoadFromFile',
  );
  assert.equal(error, undefined);
  expectOutputs(out, { 'TplLoadFromFile/templates/base': 'test-function nested-define-content' });
});

test('TestRenderTplEmpty, TestRenderTplMissingKey', () => {
  const { out, error } = render(
    chartFiles('/TplEmpty', 'TplEmpty', {
      'templates/empty-string': '{{tpl "" .}}',
      'templates/empty-action': '{{tpl "{{ \\"\\"}}" .}}',
      'templates/only-defines': '{{tpl "{{define \\"not-invoked\\"}}not-rendered{{end}}" .}}',
      'templates/manifest': 'missingValue: {{tpl "{{.Values.noSuchKey}}" .}}',
    }),
    '/TplEmpty',
  );
  assert.equal(error, undefined);
  expectOutputs(out, {
    'TplEmpty/templates/empty-string': '',
    'TplEmpty/templates/empty-action': '',
    'TplEmpty/templates/only-defines': '',
    'TplEmpty/templates/manifest': 'missingValue: ',
  });
});

test('TestRenderTplTemplateNames', () => {
  const { out, error } = render(
    chartFiles(
      '/TplTemplateNames',
      'TplTemplateNames',
      {
        'templates/default-basepath': '{{tpl "{{ .Template.BasePath }}" .}}',
        'templates/default-name': '{{tpl "{{ .Template.Name }}" .}}',
        'templates/modified-basepath': '{{tpl "{{ .Template.BasePath }}" .Values.dot}}',
        'templates/modified-name': '{{tpl "{{ .Template.Name }}" .Values.dot}}',
        'templates/modified-field': '{{tpl "{{ .Template.Field }}" .Values.dot}}',
      },
      'dot:\n  Template:\n    BasePath: path/to/template\n    Name: name-of-template\n    Field: extra-field\n',
    ),
    '/TplTemplateNames',
  );
  assert.equal(error, undefined);
  expectOutputs(out, {
    'TplTemplateNames/templates/default-basepath': 'TplTemplateNames/templates',
    'TplTemplateNames/templates/default-name': 'TplTemplateNames/templates/default-name',
    'TplTemplateNames/templates/modified-basepath': 'path/to/template',
    'TplTemplateNames/templates/modified-name': 'name-of-template',
    'TplTemplateNames/templates/modified-field': 'extra-field',
  });
});

test('TestRenderTplRedefines: a define inside tpl does not leak out', () => {
  const values = [
    `partialText: '{{define "partial"}}redefined-in-tpl{{end}}tpl: {{include "partial" .}}'`,
    `manifestText: '{{define "manifest"}}redefined-in-tpl{{end}}tpl: {{include "manifest" .}}'`,
    `manifestOnlyText: 'tpl: {{include "manifest-only" .}}'`,
    `nestedText: '{{define "nested"}}redefined-in-tpl{{end}}{{define "nested-outer"}}redefined-outer-in-tpl{{end}}before-inner-tpl: {{include "nested" .}} {{include "nested-outer" . }}\\n{{tpl .Values.innerText .}}\\nafter-inner-tpl: {{include "nested" .}} {{include "nested-outer" . }}'`,
    `innerText: '{{define "nested"}}redefined-in-inner-tpl{{end}}inner-tpl: {{include "nested" .}} {{include "nested-outer" . }}'`,
    '',
  ].join('\n');
  const { out, error } = render(
    chartFiles(
      '/TplRedefines',
      'TplRedefines',
      {
        'templates/_partials': '{{define "partial"}}original-in-partial{{end}}',
        'templates/partial': 'before: {{include "partial" .}}\\n{{tpl .Values.partialText .}}\\nafter: {{include "partial" .}}',
        'templates/manifest':
          '{{define "manifest"}}original-in-manifest{{end}}before: {{include "manifest" .}}\\n{{tpl .Values.manifestText .}}\\nafter: {{include "manifest" .}}',
        'templates/manifest-only':
          '{{define "manifest-only"}}only-in-manifest{{end}}before: {{include "manifest-only" .}}\\n{{tpl .Values.manifestOnlyText .}}\\nafter: {{include "manifest-only" .}}',
        'templates/nested':
          '{{define "nested"}}original-in-manifest{{end}}{{define "nested-outer"}}original-outer-in-manifest{{end}}before: {{include "nested" .}} {{include "nested-outer" .}}\\n{{tpl .Values.nestedText .}}\\nafter: {{include "nested" .}} {{include "nested-outer" .}}',
      },
      values,
    ),
    '/TplRedefines',
  );
  assert.equal(error, undefined);
  expectOutputs(out, {
    'TplRedefines/templates/partial': 'before: original-in-partial\\ntpl: redefined-in-tpl\\nafter: original-in-partial',
    'TplRedefines/templates/manifest': 'before: original-in-manifest\\ntpl: redefined-in-tpl\\nafter: original-in-manifest',
    'TplRedefines/templates/manifest-only': 'before: only-in-manifest\\ntpl: only-in-manifest\\nafter: only-in-manifest',
    'TplRedefines/templates/nested':
      'before: original-in-manifest original-outer-in-manifest\\n' +
      'before-inner-tpl: redefined-in-tpl redefined-outer-in-tpl\\n' +
      'inner-tpl: redefined-in-inner-tpl redefined-outer-in-tpl\\n' +
      'after-inner-tpl: redefined-in-tpl redefined-outer-in-tpl\\n' +
      'after: original-in-manifest original-outer-in-manifest',
  });
});
