/** `--set` parsing: the cases of Helm's pkg/strvals/parser_test.go, plus the origins Pod Lens adds. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSet, parseSetInto, typedValue } from '../../../../server/src/sources/helm/chart/strvals';
import { fromPlain, type HelmMap, type HelmValue, toPlain } from '../../../../server/src/sources/helm/chart/values';

// [input, expected values (ints as numbers), or 'error']
const parseCases: [string, unknown][] = [
  ['name1=null,f=false,t=true', { name1: null, f: false, t: true }],
  ['name1=value1', { name1: 'value1' }],
  ['name1=value1,name2=value2', { name1: 'value1', name2: 'value2' }],
  ['name1=value1,name2=value2,', { name1: 'value1', name2: 'value2' }],
  ['name1=value1,,,,name2=value2,', 'error'],
  ['name1=,name2=value2', { name1: '', name2: 'value2' }],
  ['leading_zeros=00009', { leading_zeros: '00009' }],
  ['zero_int=0', { zero_int: 0 }],
  ['long_int=1234567890', { long_int: 1234567890 }],
  ['boolean=true', { boolean: true }],
  ['is_null=null', { is_null: null }],
  ['name1,name2=', 'error'],
  ['name1,name2=value2', 'error'],
  ['name1,name2=value2\\', 'error'],
  ['name1,name2', 'error'],
  ['name1=one\\,two,name2=three\\,four', { name1: 'one,two', name2: 'three,four' }],
  ['name1=one\\=two,name2=three\\=four', { name1: 'one=two', name2: 'three=four' }],
  ['name1=one two three,name2=three two one', { name1: 'one two three', name2: 'three two one' }],
  ['outer.inner=value', { outer: { inner: 'value' } }],
  ['outer.middle.inner=value', { outer: { middle: { inner: 'value' } } }],
  ['outer.inner1=value,outer.inner2=value2', { outer: { inner1: 'value', inner2: 'value2' } }],
  ['outer.inner1=value,outer.middle.inner=value', { outer: { inner1: 'value', middle: { inner: 'value' } } }],
  ['name1.name2', 'error'],
  ['name1.name2,name1.name3', 'error'],
  ['name1.name2=', { name1: { name2: '' } }],
  ['name1.=name2', 'error'],
  ['name1.,name2', 'error'],
  ['name1={value1,value2}', { name1: ['value1', 'value2'] }],
  ['name1={value1,value2},name2={value1,value2}', { name1: ['value1', 'value2'], name2: ['value1', 'value2'] }],
  ['name1={1021,902}', { name1: [1021, 902] }],
  ['name1.name2={value1,value2}', { name1: { name2: ['value1', 'value2'] } }],
  ['name1={1021,902', 'error'],
  ['list[0]=foo', { list: ['foo'] }],
  ['list[0].foo=bar', { list: [{ foo: 'bar' }] }],
  ['list[0].foo=bar,list[0].hello=world', { list: [{ foo: 'bar', hello: 'world' }] }],
  ['list[0].foo=bar,list[-30].hello=world', 'error'],
  ['list[0]=foo,list[1]=bar', { list: ['foo', 'bar'] }],
  ['list[0]=foo,list[1]=bar,', { list: ['foo', 'bar'] }],
  ['list[0]=foo,list[3]=bar', { list: ['foo', null, null, 'bar'] }],
  ['list[0]=foo,list[-20]=bar', 'error'],
  ['illegal[0]name.foo=bar', 'error'],
  ['noval[0]', { noval: [] }],
  ['noval[0]=', { noval: [''] }],
  ['nested[0][0]=1', { nested: [[1]] }],
  ['nested[1][1]=1', { nested: [null, [null, 1]] }],
  ['name1.name2[0].foo=bar,name1.name2[1].foo=bar', { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } }],
  ['name1.name2[1].foo=bar,name1.name2[0].foo=bar', { name1: { name2: [{ foo: 'bar' }, { foo: 'bar' }] } }],
  ['name1.name2[1].foo=bar', { name1: { name2: [null, { foo: 'bar' }] } }],
  [']={}].', 'error'],
  ['a={}', { a: [''] }],
  ['a.b.c=1,a.b.d=x', { a: { b: { c: 1, d: 'x' } } }],
];

for (const [input, expected] of parseCases) {
  test(`--set ${input}`, () => {
    const { values, error } = parseSet(input);
    if (expected === 'error') assert.ok(error, 'expected an error');
    else {
      assert.equal(error, undefined);
      assert.deepEqual(toPlain(values), expected);
    }
  });
}

const stringCases: [string, unknown][] = [
  ['long_int_string=1234567890', { long_int_string: '1234567890' }],
  ['boolean=true', { boolean: 'true' }],
  ['is_null=null', { is_null: 'null' }],
  ['zero=0', { zero: '0' }],
];

for (const [input, expected] of stringCases) {
  test(`--set-string ${input}`, () => {
    const { values, error } = parseSet(input, 'string');
    assert.equal(error, undefined);
    assert.deepEqual(toPlain(values), expected);
  });
}

function map(data: unknown): HelmMap {
  return fromPlain(data) as HelmMap;
}

// ParseInto: [existing, first, second, expected]
const intoCases: [unknown, string, string, unknown][] = [
  [
    { outer: { inner1: 'overwrite', inner2: 'value2' } },
    'outer.inner1=value1,outer.inner3=value3,outer.inner4=4',
    '',
    { outer: { inner1: 'value1', inner2: 'value2', inner3: 'value3', inner4: 4 } },
  ],
  [{}, 'listOuter[0][0].type=listValue', 'listOuter[0][0].status=alive', { listOuter: [[{ type: 'listValue', status: 'alive' }]] }],
  [{}, 'listOuter[0][0].type=listValue', 'listOuter[1][0].status=alive', { listOuter: [[{ type: 'listValue' }], [{ status: 'alive' }]] }],
  [
    { listOuter: [[[{ exited: 'old' }]]] },
    'listOuter[0][1][0].type=listValue',
    'listOuter[0][0][1].status=alive',
    { listOuter: [[[{ exited: 'old' }, { status: 'alive' }], [{ type: 'listValue' }]]] },
  ],
];

for (const [existing, first, second, expected] of intoCases) {
  test(`ParseInto ${first} ${second}`, () => {
    const dest = map(existing);
    assert.equal(parseSetInto(first, dest, 'set', '--set[0]'), undefined);
    if (second) assert.equal(parseSetInto(second, dest, 'set', '--set[1]'), undefined);
    assert.deepEqual(toPlain(dest), expected);
  });
}

test('ParseIntoString keeps strings', () => {
  const dest = map({ outer: { inner1: 'overwrite', inner2: 'value2' } });
  assert.equal(parseSetInto('outer.inner1=1,outer.inner3=3', dest, 'string', '--set-string[0]'), undefined);
  assert.deepEqual(toPlain(dest), { outer: { inner1: '1', inner2: 'value2', inner3: '3' } });
});

const jsonCases: [unknown, string, unknown][] = [
  [
    { outer: { inner1: 'overwrite', inner2: 'value2' } },
    'outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"',
    { outer: { inner1: '1', inner2: 'value2', inner3: 3, inner4: true, inner5: 'true' } },
  ],
  [
    { outer: { inner1: { x: 'overwrite' }, inner2: 'value2', inner3: ['overwrite'] } },
    'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5=[{"A":"1","B":2,"C":[1,2,3]}]',
    {
      outer: {
        inner1: { a: '1', b: 2, c: [1, 2, 3] },
        inner2: 'value2',
        inner3: ['new value 1', 'new value 2'],
        inner4: { aa: '1', bb: 2, cc: [1, 2, 3] },
        inner5: [{ A: '1', B: 2, C: [1, 2, 3] }],
      },
    },
  ],
  [
    { outer: { inner1: { x: 'overwrite' }, inner2: 'value2' } },
    'outer.inner1=,outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner3.cc[1]=null',
    { outer: { inner1: null, inner2: 'value2', inner3: { aa: '1', bb: 2, cc: [1, null, 3] } } },
  ],
];

for (const [existing, input, expected] of jsonCases) {
  test(`--set-json ${input}`, () => {
    const dest = map(existing);
    assert.equal(parseSetInto(input, dest, 'json', '--set-json[0]'), undefined);
    assert.deepEqual(toPlain(dest), expected);
  });
}

test('--set-json syntax error', () => {
  const dest = map({});
  const input =
    'outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5={"A":"1","B":2,"C":[1,2,3]}]';
  assert.ok(parseSetInto(input, dest, 'json', '--set-json[0]'));
});

test('--set-file reads the named file, its text maps to that file', () => {
  const dest = map({});
  const error = parseSetInto('name1=path1', dest, 'file', '--set-file[0]', (path) =>
    path === 'path1' ? { text: 'value1', file: 'files/path1' } : { error: 'no' },
  );
  assert.equal(error, undefined);
  assert.deepEqual(toPlain(dest), { name1: 'value1' });
  assert.deepEqual((dest.entries.get('name1') as HelmValue).origin, { file: 'files/path1', start: 0, end: 6 });
});

test('nesting deeper than 30 dots is refused', () => {
  const key = Array.from({ length: 32 }, (_, i) => `name${i}`).join('.');
  assert.match(parseSet(`${key}=value`).error?.message ?? '', /nested level is greater than maximum supported nested level of 30/);
  const ok = Array.from({ length: 31 }, (_, i) => `name${i}`).join('.');
  assert.equal(parseSet(`${ok}=value`).error, undefined);
});

test('typed values: int64 as bigint, leading zeros and overflow stay strings', () => {
  assert.equal(typedValue('42', false), 42n);
  assert.equal(typedValue('-42', false), -42n);
  assert.equal(typedValue('0', false), 0n);
  assert.equal(typedValue('007', false), '007');
  assert.equal(typedValue('TRUE', false), true);
  assert.equal(typedValue('Null', false), null);
  assert.equal(typedValue('1.5', false), '1.5');
  assert.equal(typedValue('9223372036854775808', false), '9223372036854775808');
  assert.equal(typedValue('9223372036854775807', false), 9223372036854775807n);
});

test('Helm error texts', () => {
  assert.equal(parseSet('name1').error?.message, 'key "name1" has no value');
  assert.equal(parseSet('name1,x=1').error?.message, 'key "name1" has no value (cannot end with ,)');
  assert.equal(parseSet('a.b').error?.message, 'key "b" has no value');
  assert.equal(parseSet('a[x]=1').error?.message, 'error parsing index: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(parseSet('a[70000]=1').error?.message, 'index of 70000 is greater than maximum supported index of 65536');
  assert.equal(parseSet('a=1,a.b=2').error?.message, 'unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}');
  assert.equal(parseSet('a={x').error?.message, "list must terminate with '}'");
});

test('origins: values and keys point into the argument', () => {
  const { values } = parseSet('image.tag=v1\\,2,list={a,bb},n=7', 'set', '--set[3]');
  const image = values.entries.get('image') as HelmMap;
  const tag = image.entries.get('tag') as HelmValue;
  assert.deepEqual(tag.origin, { file: '--set[3]', start: 10, end: 15, keyStart: 0, keyEnd: 9 });
  const list = values.entries.get('list');
  assert.ok(list && list.kind === 'list');
  assert.deepEqual(
    list.items.map((item) => [item.origin?.start, item.origin?.end]),
    [
      [22, 23],
      [24, 26],
    ],
  );
  const n = values.entries.get('n') as HelmValue;
  assert.deepEqual(n.origin, { file: '--set[3]', start: 30, end: 31, keyStart: 28, keyEnd: 29 });
});
