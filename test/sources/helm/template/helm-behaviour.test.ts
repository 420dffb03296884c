/**
 * What Helm users see of Go's templates: float64 values from values files,
 * the missingkey modes, comparison and argument-type errors with Go's text,
 * `--set` integers, and the bounds that keep hostile templates from hanging
 * or overflowing the stack.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  defineFunc,
  GoError,
  GoMap,
  GoSlice,
  goPointer,
  goStruct,
  mapOf,
  namedType,
  sliceOf,
  structType,
  withType,
  goInt64,
  removeNoValue,
  TemplateSet,
  types,
  ValueLocations,
  type GoValue,
  type MissingKey,
} from '../../../../server/src/sources/helm/template/index';
import { helmLikeFuncs, valuesFromYaml } from './helm-like';

function render(template: string, values: string, options: { missingKey?: MissingKey; data?: GoValue; maxSteps?: number; maxOutput?: number } = {}) {
  const set = new TemplateSet({ missingKey: options.missingKey ?? 'zero', rootName: 'gotpl' });
  const parseError = set.parse('t', template, { file: 't.yaml' });
  if (parseError) return { error: parseError.message, kind: parseError.kind };
  const locations = new ValueLocations();
  const data = options.data ?? { Values: valuesFromYaml(values, 'values.yaml', locations) };
  const result = set.execute('t', data, { locations, maxSteps: options.maxSteps, maxOutput: options.maxOutput });
  return result.ok ? { output: result.output.text } : { error: result.error.message, kind: result.error.kind, partial: result.output.text };
}

const outputs: [string, string, string, string][] = [
  // name, template, values.yaml, output
  [
    'values numbers are float64: shortest %v',
    '{{ .Values.a }} {{ .Values.b }} {{ .Values.c }} {{ .Values.d }}',
    'a: 1000000\nb: 0.1\nc: 1.5e-7\nd: 123456\n',
    '1e+06 0.1 1.5e-07 123456',
  ],
  ['a large integer in values prints in e-notation', '{{ .Values.n }}', 'n: 12345678\n', '1.2345678e+07'],
  ['printf %d of a float64 is a bad verb', '{{ printf "%d" .Values.n }}', 'n: 3\n', '%!d(float64=3)'],
  [
    'printf %v and %T of values',
    '{{ printf "%v %T %T %T" .Values.n .Values.n .Values.l .Values }}',
    'n: 2\nl: [1]\n',
    '2 float64 []interface {} map[string]interface {}',
  ],
  ['eq of float64 with a float literal', '{{ eq .Values.n 1.0 }}', 'n: 1\n', 'true'],
  ['missing key prints <no value> (zero for an interface map)', '{{ .Values.missing }}', 'a: 1\n', '<no value>'],
  ['a null value prints <no value>', '{{ .Values.a }}', 'a: null\n', '<no value>'],
  ['print of a missing key is <nil>', '{{ print .Values.missing }}', 'a: 1\n', '<nil>'],
  ['index of a missing key', '{{ index .Values.m "k" }}', 'm: {}\n', '<no value>'],
  ['not of a missing key', '{{ not .Values.missing }}', '', 'true'],
  [
    'empty list, map and string are false',
    '{{ if .Values.l }}L{{ end }}{{ if .Values.m }}M{{ end }}{{ if .Values.s }}S{{ end }}{{ if .Values.z }}Z{{ end }}',
    'l: []\nm: {}\ns: ""\nz: 0\n',
    '',
  ],
  ['len counts bytes of a string', '{{ len .Values.s }} {{ len .Values.l }} {{ len .Values.m }}', 's: héllo\nl: [1, 2]\nm: {a: 1}\n', '6 2 1'],
  ['range over a list with index', '{{ range $i, $e := .Values.l }}{{ $i }}:{{ $e }} {{ end }}', 'l: [a, b, c]\n', '0:a 1:b 2:c '],
  ['range over a map in key order', '{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}', 'm: {b: 2, a: 1, C: 3}\n', 'C=3;a=1;b=2;'],
  ['range else on an empty list', '{{ range .Values.l }}x{{ else }}empty{{ end }}', 'l: []\n', 'empty'],
  [
    'break and continue',
    '{{ range .Values.l }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ if eq . "d" }}{{ break }}{{ end }}{{ . }}{{ end }}',
    'l: [a, b, c, d, e]\n',
    'ac',
  ],
  ['range over an integer', '{{ range 3 }}{{ . }}{{ end }}', '', '012'],
  ['and/or return an operand', '{{ and .Values.a .Values.b }} {{ or .Values.z .Values.b }}', 'a: x\nb: y\nz: ""\n', 'y y'],
  ['with and else with', '{{ with .Values.a }}a={{ . }}{{ else with .Values.b }}b={{ . }}{{ end }}', 'b: 2\n', 'b=2'],
  ['trim markers', 'a  {{- 1 -}}  b {{- /* c */}} c', '', 'a1b c'],
  ['variables: declare in an outer scope, assign in an inner one', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '', '2'],
  ['print of a map sorts keys', '{{ .Values.m }}', 'm: {b: [1, x], a: null}\n', 'map[a:<nil> b:[1 x]]'],
  ['nested define and template', '{{ define "x" }}<{{ . }}>{{ end }}{{ template "x" .Values.a }}', 'a: 1.5\n', '<1.5>'],
  ['block', '{{ block "b" .Values.a }}[{{ . }}]{{ end }}', 'a: z\n', '[z]'],
  ['urlquery, html, js', '{{ urlquery "a b&c" }} {{ html "<a>" }} {{ js "it\'s" }}', '', "a+b%26c &lt;a&gt; it\\'s"],
  ['slice of a string and a list', '{{ slice "hello" 1 3 }} {{ slice .Values.l 1 }}', 'l: [1, 2, 3]\n', 'el [2 3]'],
  ['printf width, precision and flags', '{{ printf "[%5.1f|%-4d|%+d|%x|%q|%05d]" 3.14159 7 7 255 "a" -42 }}', '', '[  3.1|7   |+7|ff|"a"|-0042]'],
  ['printf of missing and extra arguments', '{{ printf "%s %s" "a" }}|{{ printf "%s" "a" "b" }}', '', 'a %!s(MISSING)|a%!(EXTRA string=b)'],
];

for (const [name, template, values, output] of outputs) {
  test(`output: ${name}`, () => {
    assert.deepEqual(render(template, values), { output });
  });
}

const errors: [string, string, string, MissingKey, string][] = [
  // name, template, values.yaml, missingkey, Go's error text
  [
    'eq of float64 with an int literal',
    '{{ eq .Values.n 1 }}',
    'n: 1\n',
    'zero',
    'template: t:1:3: executing "t" at <eq .Values.n 1>: error calling eq: incompatible types for comparison: float64 and int',
  ],
  [
    'lt of a string and a number',
    '{{ lt .Values.s 2.0 }}',
    's: a\n',
    'zero',
    'template: t:1:3: executing "t" at <lt .Values.s 2.0>: error calling lt: incompatible types for comparison: string and float64',
  ],
  [
    'eq of two lists',
    '{{ eq .Values.l .Values.l }}',
    'l: [1]\n',
    'zero',
    'template: t:1:3: executing "t" at <eq .Values.l .Values.l>: error calling eq: non-comparable type [1]: []interface {}',
  ],
  [
    'a field of a missing key, missingkey=zero',
    '{{ .Values.a.b }}',
    '',
    'zero',
    'template: t:1:10: executing "t" at <.Values.a.b>: nil pointer evaluating interface {}.b',
  ],
  [
    'a field of a null value',
    'x\n  {{ .Values.a.b }}',
    'a: null\n',
    'invalid',
    'template: t:2:12: executing "t" at <.Values.a.b>: nil pointer evaluating interface {}.b',
  ],
  ['a field of a string', '{{ .Values.a.b }}', 'a: x\n', 'zero', 'template: t:1:10: executing "t" at <.Values.a.b>: can\'t evaluate field b in type string'],
  ['missingkey=error', '{{ .Values.missing }}', 'a: 1\n', 'error', 'template: t:1:10: executing "t" at <.Values.missing>: map has no entry for key "missing"'],
  [
    'a float64 where printf wants its format string',
    '{{ printf .Values.n }}',
    'n: 1\n',
    'zero',
    'template: t:1:17: executing "t" at <.Values.n>: wrong type for value; expected string; got float64',
  ],
  ['an undefined template', '{{ template "nope" . }}', '', 'zero', 'template: t:1:12: executing "t" at <{{template "nope" .}}>: template "nope" not defined'],
  [
    'index out of range',
    '{{ index .Values.l 5 }}',
    'l: [1]\n',
    'zero',
    'template: t:1:3: executing "t" at <index .Values.l 5>: error calling index: index out of range: 5',
  ],
  [
    'index with a float64',
    '{{ index .Values.l .Values.i }}',
    'l: [1]\ni: 0\n',
    'zero',
    'template: t:1:3: executing "t" at <index .Values.l .Values.i>: error calling index: cannot index slice/array with type float64',
  ],
  ['len of a number', '{{ len .Values.n }}', 'n: 1\n', 'zero', 'template: t:1:3: executing "t" at <len .Values.n>: error calling len: len of type float64'],
  [
    'range over a number from values',
    '{{ range .Values.n }}{{ end }}',
    'n: 3\n',
    'zero',
    'template: t:1:16: executing "t" at <.Values.n>: range can\'t iterate over 3',
  ],
  ['argument to a non-function', '{{ .Values.a 1 }}', 'a: 1\n', 'zero', 'template: t:1:10: executing "t" at <.Values.a>: a is not a method but has arguments'],
];

for (const [name, template, values, missingKey, error] of errors) {
  test(`error: ${name}`, () => {
    const result = render(template, values, { missingKey });
    assert.equal(result.error, error);
    assert.equal(result.kind, 'exec');
  });
}

const parseErrors: [string, string][] = [
  ['{{ .Values.a', 'template: t:1: unclosed action'],
  ['{{ if true }}x', 'template: t:1: unexpected EOF'],
  ['{{ end }}', 'template: t:1: unexpected {{end}}'],
  ['{{ nope 1 }}', 'template: t:1: function "nope" not defined'],
  ['{{ $x }}', 'template: t:1: undefined variable "$x"'],
  ['a\n{{ "x }}', 'template: t:2: unterminated quoted string'],
  ['{{ break }}', 'template: t:1: {{break}} outside {{range}}'],
  ['{{ 1 | 2 }}', 'template: t:1: non executable command in pipeline stage 2'],
  ['{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', 'template: t:1: template: multiple definition of template "a"'],
];

for (const [template, error] of parseErrors) {
  test(`parse error: ${JSON.stringify(template)}`, () => {
    assert.deepEqual(render(template, ''), { error, kind: 'parse' });
  });
}

test('--set integers are int64: they compare with int literals and print as integers', () => {
  const data = { Values: { replicas: goInt64(3), big: goInt64(12345678) } };
  assert.deepEqual(render('{{ eq .Values.replicas 3 }} {{ .Values.big }} {{ printf "%T" .Values.replicas }}', '', { data }), { output: 'true 12345678 int64' });
});

test('a redefinition in a later parse replaces the earlier one, an empty one does not', () => {
  const set = new TemplateSet();
  set.parse('a.tpl', '{{ define "x" }}one{{ end }}');
  set.parse('b.tpl', '{{ define "x" }}two{{ end }}');
  set.parse('c.tpl', '{{ define "x" }}  {{ end }}');
  set.parse('main', '{{ template "x" }}');
  const result = set.execute('main', null);
  assert.ok(result.ok);
  assert.equal(result.output.text, 'two');
});

test('removeNoValue deletes <no value> wherever it appears', () => {
  const result = new TemplateSet();
  result.parse('t', '{{ .a }}|{{ .b }}|<no {{ "value>" }}');
  const out = result.execute('t', { b: 1 });
  assert.ok(out.ok);
  assert.equal(removeNoValue(out.output).text, '|1|');
});

test('a function error is reported with the call and Go\'s "error calling"', () => {
  const set = new TemplateSet({
    funcs: {
      fail: defineFunc({ params: [types.string], results: [types.string, types.error] }, ([msg]) => {
        throw new GoError(String(msg));
      }),
    },
  });
  set.parse('t', 'a\n{{ fail "boom" }}');
  const result = set.execute('t', null);
  assert.ok(!result.ok);
  assert.equal(result.error.message, 'template: t:2:3: executing "t" at <fail "boom">: error calling fail: boom');
  assert.deepEqual([result.error.line, result.error.column, result.error.offset], [2, 3, 5]);
  assert.equal(result.output.text, 'a\n');
});

// Bounds.

test('bounds: an endless range is stopped by the step bound', () => {
  const result = render('{{ range 100000000 }}x{{ end }}', '', { maxSteps: 10000 });
  assert.equal(result.kind, 'limit');
  assert.match(result.error as string, /^template: t:1:\d+: executing "t" at <.*>: exceeded the step limit \(10000\)$/);
});

test('bounds: output beyond the bound is an error', () => {
  const result = render('{{ range 1000 }}0123456789{{ end }}', '', { maxOutput: 5000 });
  assert.equal(result.kind, 'limit');
  assert.match(result.error as string, /output exceeds the limit \(5000\)/);
});

test('bounds: recursion through template stops at the depth bound', () => {
  const result = render('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', '');
  assert.match(result.error as string, /exceeded maximum template depth \(1000\)/);
});

test('bounds: recursion through include stops as a limit, never a stack overflow', () => {
  const set = new TemplateSet({
    funcs: {
      include: defineFunc(
        { params: [types.string, types.any], results: [types.string, types.error] },
        ([name, data], ctx) => ctx.renderer.executeTemplate(name as string, data ?? null).text,
      ),
    },
  });
  set.parse('t', '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}');
  const result = set.execute('t', null);
  assert.ok(!result.ok);
  assert.equal(result.error.kind, 'limit', result.error.message);
});

test('bounds: deep nesting in the text is an error, not a crash', () => {
  const deepIf = '{{ if true }}'.repeat(20000) + '{{ end }}'.repeat(20000);
  assert.equal(render(deepIf, '').kind, 'limit');
  const deepParens = '{{ ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ' }}';
  assert.ok(render(deepParens, '').error);
});

test('bounds: hostile inputs never throw', () => {
  const inputs = [
    '{{',
    '}}',
    '{{{{',
    '{{/*',
    '{{ "\\',
    "{{ '",
    '{{ 0x }}',
    '{{ 1e }}',
    '{{ $ := 1 }}',
    '{{ (. }}',
    '{{ . ) }}',
    '{{ else }}',
    '{{ define }}',
    '\u0000{{ . }}\uD800',
  ];
  for (const input of inputs) assert.doesNotThrow(() => render(input, ''), input);
});

// Helm's objects built with the value model's constructors.

test('Helm objects: a Chart struct, Capabilities with APIVersions.Has, Files with methods, Values as a named map', () => {
  const metadata = structType('chart.Metadata', [
    { name: 'Name', type: types.string },
    { name: 'Version', type: types.string },
    { name: 'AppVersion', type: types.string },
  ]);
  const versionSet = namedType('common.VersionSet', sliceOf(types.string), {
    Has: {
      signature: { params: [types.string], results: [types.bool] },
      call: (receiver: GoValue, [version]: (GoValue | undefined)[]) => ((receiver as GoSlice).items ?? []).includes(version as string),
    },
  });
  const kubeVersion = structType('common.KubeVersion', [
    { name: 'Version', type: types.string },
    { name: 'Major', type: types.string },
    { name: 'Minor', type: types.string },
  ]);
  const capabilities = structType('common.Capabilities', [
    { name: 'APIVersions', type: versionSet },
    { name: 'KubeVersion', type: kubeVersion },
  ]);
  const files = namedType('engine.files', mapOf(types.string, sliceOf(types.uint8)), {
    Get: {
      signature: { params: [types.string], results: [types.string] },
      call: (_receiver: GoValue, [name]: (GoValue | undefined)[]) => (name === 'config.ini' ? 'a=1\n' : ''),
    },
  });
  const valuesType = namedType('common.Values', mapOf(types.string, types.any), {
    AsMap: { signature: { params: [], results: [mapOf(types.string, types.any)] }, call: (receiver: GoValue) => receiver },
  });
  const data = {
    Chart: goPointer(goStruct(metadata, { Name: 'shop', Version: '1.2.0', AppVersion: '2.0' })),
    Capabilities: goPointer(
      goStruct(capabilities, {
        APIVersions: new GoSlice(versionSet, ['v1', 'apps/v1']),
        KubeVersion: goStruct(kubeVersion, { Version: 'v1.36.0', Major: '1', Minor: '36' }),
      }),
    ),
    Files: new GoMap(files, new Map()),
    Values: withType({ replicas: 2 }, valuesType),
    Release: { Name: 'demo', Namespace: 'default', IsInstall: true },
  };
  const template = [
    '{{ .Chart.Name }}-{{ .Chart.Version }} {{ printf "%T" .Chart }}',
    '{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "batch/v9" }} {{ .Capabilities.KubeVersion.Minor }}',
    '{{ .Files.Get "config.ini" | printf "%q" }}',
    '{{ printf "%T" .Values }} {{ .Values.replicas }} {{ (.Values.AsMap).replicas }}',
    '{{ .Release.Name }} {{ .Release.IsInstall }} {{ .Chart }}',
  ].join('\n');
  assert.deepEqual(render(template, '', { data }), {
    output: ['shop-1.2.0 *chart.Metadata', 'true false 36', '"a=1\\n"', 'common.Values 2 2', 'demo true {shop 1.2.0 2.0}'].join('\n'),
  });
});

test('custom delimiters (Go TestDelims)', () => {
  const pairs: [string, string][] = [
    ['', ''],
    ['{{', '}}'],
    ['<<', '>>'],
    ['|', '|'],
    ['(日)', '(本)'],
  ];
  for (const [left, right] of pairs) {
    const l = left || '{{';
    const r = right || '}}';
    const action = `${l}.Str${r}`;
    const strAction = `${l}"${l}"${r}`;
    const set = new TemplateSet({ leftDelim: left, rightDelim: right });
    assert.equal(set.parse('delims', action + `${l}/*comment*/${r}` + strAction), undefined);
    assert.equal(set.lookup('delims')?.root?.toString(), action + strAction);
    const result = set.execute('delims', { Str: 'Hello, world' });
    assert.ok(result.ok);
    assert.equal(result.output.text, 'Hello, world' + l);
  }
});

test('tpl: defines inside the string are seen by include inside it, errors come back wrapped', () => {
  const set = new TemplateSet({ funcs: helmLikeFuncs(), missingKey: 'zero', rootName: 'gotpl' });
  set.parse('t', '{{ tpl .Values.t . }}|{{ tpl .Values.bad . }}');
  const values = { t: '{{ define "in" }}<{{ .Values.x }}>{{ end }}{{ include "in" . }}', bad: 'a\n{{ .Values.x.y }}', x: 1 };
  const result = set.execute('t', { Values: values });
  assert.ok(!result.ok);
  assert.equal(result.output.text, '<1>|');
  assert.equal(
    result.error.message,
    'template: t:1:25: executing "t" at <tpl .Values.bad .>: error calling tpl: error during tpl function execution for "a\\n{{ .Values.x.y }}": ' +
      'template: gotpl:2:10: executing "gotpl" at <.Values.x.y>: can\'t evaluate field y in type float64',
  );
  assert.equal(result.error.cause?.message.startsWith('template: gotpl:2:10'), true);
  // The define made inside tpl stays inside it.
  assert.equal(set.has('in'), false);
});
