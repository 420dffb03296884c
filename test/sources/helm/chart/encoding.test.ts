/** toYaml / toJson / fromYaml as Helm's Go libraries write and read them, and YAML decoding as go-yaml v2 resolves scalars. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { encodeJson, encodeYaml, parseYaml, toJsonNode, yamlKeyLess } from '../../../../server/src/sources/helm/chart/go-encoding';
import { decodeYaml, formatFloat32Shortest, resolvePlainScalar } from '../../../../server/src/sources/helm/chart/yaml-decode';
import { toPlain } from '../../../../server/src/sources/helm/chart/values';
import { encodeToml, parseToml } from '../../../../server/src/sources/helm/chart/toml';
import { goInt64, type GoObject, type GoValue } from '../../../../server/src/sources/helm/template/values';

function object(entries: Record<string, GoValue>): GoObject {
  return Object.assign(Object.create(null) as GoObject, entries);
}

function toYaml(value: GoValue): string {
  return encodeYaml(toJsonNode(value, undefined, undefined)).text;
}

// [value, go-yaml v2 output (sigs.k8s.io/yaml.Marshal)]
const yamlCases: [GoValue, string][] = [
  [object({ b: 1, a: 2 }), 'a: 2\nb: 1\n'],
  [object({ a: 'hello world' }), 'a: hello world\n'],
  [object({ a: 'true', b: 'yes', c: 'null', d: '~', e: '' }), 'a: "true"\nb: "yes"\nc: "null"\nd: "~"\ne: ""\n'],
  [object({ a: '1.0', b: '0123', c: '08', d: '1e3', e: '0x1F', f: '1_000' }), 'a: "1.0"\nb: "0123"\nc: "08"\nd: "1e3"\ne: "0x1F"\nf: "1_000"\n'],
  [object({ a: '2001-12-14', b: '1:20' }), 'a: "2001-12-14"\nb: "1:20"\n'],
  [
    object({ a: 'a: b', b: '- x', c: '#c', d: 'x #y', e: '*', f: ' lead', g: 'end:' }),
    "a: 'a: b'\nb: '- x'\nc: '#c'\nd: 'x #y'\ne: '*'\nf: ' lead'\ng: 'end:'\n",
  ],
  [object({ a: "it's" }), "a: it's\n"],
  [object({ a: 'line1\nline2' }), 'a: |-\n  line1\n  line2\n'],
  [object({ a: 'line1\n' }), 'a: |\n  line1\n'],
  [object({ a: 'line1\n\n' }), 'a: |+\n  line1\n\n'],
  [object({ a: [1, 2], b: [], c: object({}), d: null }), 'a:\n- 1\n- 2\nb: []\nc: {}\nd: null\n'],
  [object({ a: [object({ x: 1, z: 'w' }), [1, 2]] }), 'a:\n- x: 1\n  z: w\n- - 1\n  - 2\n'],
  // `y` and `n` are booleans to go-yaml v2, so as keys they are quoted.
  [object({ y: object({ n: object({ k: 'v' }) }) }), '"y":\n  "n":\n    k: v\n'],
  [
    object({ a: 1.5, b: 1000000, c: 1234567.5, d: 0.000001, e: goInt64(9007199254740993n) }),
    'a: 1.5\nb: 1000000\nc: 1.2345675e+06\nd: 1e-06\ne: 9007199254740993\n',
  ],
  [object({ a10: 1, a2: 1, B: 1, b: 1 }), 'B: 1\na2: 1\na10: 1\nb: 1\n'],
  [object({ 'key: x': 1, true: 2 }), '\'key: x\': 1\n"true": 2\n'],
  [['a', object({ b: 'c' })], '- a\n- b: c\n'],
  ['plain', 'plain\n'],
];

for (const [value, expected] of yamlCases) {
  test(`toYaml ${JSON.stringify(expected)}`, () => assert.equal(toYaml(value), expected));
}

test('toYamlPretty indents sequences (go-yaml v3, indent 2)', () => {
  assert.equal(encodeYaml(toJsonNode(object({ a: [1, object({ b: 2 })] }), undefined, undefined), true).text, 'a:\n  - 1\n  - b: 2\n');
});

test('toJson: sorted keys, HTML escaping, integers and floats as Go writes them', () => {
  const value = object({ z: '<a&b>', a: [1.5, 1e21, 1e-7, goInt64(3)], m: object({}), n: null });
  assert.equal(encodeJson(toJsonNode(value, undefined, undefined)).text, '{"a":[1.5,1e+21,1e-7,3],"m":{},"n":null,"z":"\\u003ca\\u0026b\\u003e"}');
});

test('yaml key order is go-yaml v2’s natural order', () => {
  const keys = ['b10', 'b9', 'a', 'B', '1', '_x', 'b09'];
  assert.deepEqual(
    [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0)),
    ['_x', '1', 'B', 'a', 'b9', 'b09', 'b10'],
  );
});

// go-yaml v2's resolve for plain scalars, then JSON: every number a float64.
const scalarCases: [string, unknown][] = [
  ['yes', true],
  ['On', true],
  ['n', false],
  ['~', null],
  ['', null],
  ['0x1F', 31],
  ['017', 15],
  ['0o17', 15],
  ['0b101', 5],
  ['1_000', 1000],
  ['08', 8],
  ['1e3', 1000],
  ['.5', 0.5],
  ['1:20', '1:20'],
  ['2001-12-14', '2001-12-14'],
  ['+12', 12],
  ['12abc', '12abc'],
];

for (const [text, expected] of scalarCases) {
  test(`plain scalar ${JSON.stringify(text)}`, () => assert.deepEqual(resolvePlainScalar(text), expected));
}

test('values decode: first document only, merge keys, quoted strings stay strings, origins of keys and values', () => {
  const text = 'base: &b\n  x: 1\nderived:\n  <<: *b\n  w: "2"\n  y: 3\n---\nignored: true\n';
  const decoded = decodeYaml(text, 'values.yaml');
  assert.equal(decoded.error, undefined);
  // `y` is a boolean to go-yaml v2, and a key `true` once through JSON.
  assert.deepEqual(toPlain(decoded.value!), { base: { x: 1 }, derived: { x: 1, w: '2', true: 3 } });
  const derived = decoded.value!.kind === 'map' ? decoded.value!.entries.get('derived') : undefined;
  const y = derived?.kind === 'map' ? derived.entries.get('w') : undefined;
  assert.deepEqual(y?.origin, { file: 'values.yaml', start: 40, end: 41, keyStart: 36, keyEnd: 37 });
  assert.equal(text.slice(40, 41), '2');
});

test('values decode errors in go-yaml’s words', () => {
  assert.equal(decodeYaml('a: 1\nb\n', 'v.yaml').error?.message, "error converting YAML to JSON: yaml: line 3: could not find expected ':'");
  assert.match(decodeYaml('a: .inf\n', 'v.yaml').error?.message ?? '', /json: unsupported value: \+Inf/);
});

test('fromYaml: a map, or the error under "Error"', () => {
  const parsed = parseYaml('a: [1, two]\n');
  assert.ok(!('error' in parsed && parsed.error));
  assert.deepEqual(JSON.parse(JSON.stringify((parsed as { value: GoValue }).value)), { a: [1, 'two'] });
  assert.ok('error' in parseYaml('a: [\n') && (parseYaml('a: [\n') as { error: string }).error.length > 0);
});

test('Chart.yaml strings from numbers are float32-formatted, as sigs.k8s.io/yaml does', () => {
  assert.equal(formatFloat32Shortest(1.1), '1.1');
  assert.equal(formatFloat32Shortest(1.0), '1');
  assert.equal(formatFloat32Shortest(1.1), '1.1');
  assert.equal(formatFloat32Shortest(1234567.0), '1.234567e+06');
  assert.equal(formatFloat32Shortest(0.1), '0.1');
});

test('toToml: BurntSushi/toml layout (direct keys first, tables after, floats with a point)', () => {
  const value = object({
    title: 'x',
    n: 3,
    big: 1e21,
    small: 1e-7,
    list: [1, 'a'],
    owner: object({ name: 'Tom', dob: object({ year: goInt64(1979) }) }),
    servers: [object({ ip: '10.0.0.1' }), object({ ip: '10.0.0.2' })],
  });
  assert.equal(
    encodeToml(value),
    'big = 1000000000000000000000.0\nlist = [1.0, "a"]\nn = 3.0\nsmall = 0.0000001\ntitle = "x"\n\n[owner]\n  name = "Tom"\n  [owner.dob]\n    year = 1979\n\n[[servers]]\n  ip = "10.0.0.1"\n\n[[servers]]\n  ip = "10.0.0.2"\n',
  );
  const parsed = parseToml('a = 1\n[b]\nc = "d"\n');
  assert.ok('value' in parsed);
});
