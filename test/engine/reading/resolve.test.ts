/**
 * go-yaml v2's resolution of plain scalars, as kubectl applies it, against
 * kubectl's own output: every value of `resolve/value/*` (one scalar per
 * case) and every key of `resolve/key/*`.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { canonicalGoldenObject, canonicalJson, goldenCases } from './goldens';
import { goFormatFloat32g, goParseFloat, goParseInt, resolvePlain, resolvesToString, resolveScalar, TAG_INT } from '../../../server/src/engine/reading/resolve';
import { resolvePlainYamlScalar } from '../../../server/src/engine/yaml/kubectl-json';
import { kubectlScalarValue, mapKeyString } from '../../../server/src/engine/reading/decode';
import { goParseInt as goStrconvParseInt, goParseUint as goStrconvParseUint } from '../../../server/src/engine/go/strconv';

const cases = goldenCases();

/** The scalar a case writes after `v: ` (values) or before `: x` (keys). */
function scalarOf(text: string, kind: 'value' | 'key'): string {
  const line = text.split('\n').find((l) => (kind === 'value' ? l.startsWith('  v:') : l.endsWith(': x') && l.startsWith('  ')))!;
  return kind === 'value' ? line.slice('  v:'.length).trim() : line.slice(2, -': x'.length);
}

test('values: kubectl sends what resolvePlain resolves (every resolve/value case)', () => {
  const table = cases.filter((c) => c.name.startsWith('synthetic/resolve/value/'));
  assert.ok(table.length >= 130, `${table.length} cases`);
  const wrong: string[] = [];
  for (const c of table) {
    const text = scalarOf(c.text, 'value');
    const ours = kubectlScalarValue(resolvePlain(text));
    let expected: string;
    if (c.objects.length === 1) {
      const spec = canonicalGoldenObject(c.objects[0]).match(/"spec":(.*)}$/)![1];
      expected = spec === 'null' ? 'null' : spec.slice('{"v":'.length, -1);
    } else {
      expected = `error: ${c.stderr}`;
    }
    const got = ours.ok ? canonicalJson(ours.value) : `error: error: error parsing FILE: error converting YAML to JSON: ${ours.error}\n`;
    // A value kubectl cannot take ('-' alone is a sequence entry) fails before resolution: only the ones that resolve are compared.
    if (c.objects.length === 0 && !/unsupported value/.test(c.stderr)) continue;
    if (got !== expected) wrong.push(`${JSON.stringify(text)}: kubectl ${expected}, ours ${got}`);
  }
  assert.deepEqual(wrong, []);
});

test('keys: kubectl writes the key mapKeyString gives, or refuses it (every resolve/key case)', () => {
  const table = cases.filter((c) => c.name.startsWith('synthetic/resolve/key/'));
  assert.ok(table.length >= 130, `${table.length} cases`);
  const wrong: string[] = [];
  for (const c of table) {
    const text = scalarOf(c.text, 'key');
    const key = mapKeyString(resolvePlain(text));
    if (c.objects.length === 1) {
      const spec = canonicalGoldenObject(c.objects[0]).match(/"spec":\{(".*"):"x"\}/);
      const expected = spec ? JSON.parse(spec[1]) : null;
      if (key !== expected) wrong.push(`${JSON.stringify(text)}: kubectl ${JSON.stringify(expected)}, ours ${JSON.stringify(key)}`);
    } else if (/unsupported map key/.test(c.stderr)) {
      if (key !== null) wrong.push(`${JSON.stringify(text)}: kubectl refuses it, ours ${JSON.stringify(key)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('strconv: the corner cases go-yaml leans on', () => {
  const table: [string, bigint | null][] = [
    ['0', 0n],
    ['-0', 0n],
    ['007', 7n],
    ['08', null],
    ['0x', null],
    ['0o17', 15n],
    ['0B11', 3n],
    ['-0b11', -3n],
    ['+', null],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', null],
    ['-9223372036854775808', -9223372036854775808n],
  ];
  for (const [text, expected] of table) assert.equal(goParseInt(text), expected, text);
  // Around the short-decimal shortcut (up to 15 digits without BigInt steps), both of Go's parsers, every base.
  const unsigned: [string, number, bigint | null][] = [
    ['123456789012345', 10, 123456789012345n],
    ['999999999999999', 0, 999999999999999n],
    ['1234567890123456', 10, 1234567890123456n],
    ['9007199254740993', 0, 9007199254740993n],
    ['18446744073709551615', 10, 18446744073709551615n],
    ['18446744073709551616', 0, null],
    ['12a', 10, null],
    ['1_000', 10, null],
    ['１２', 10, null],
    ['ff', 16, 255n],
    ['0755', 0, 493n],
    ['0755', 10, 755n],
    ['', 10, null],
  ];
  for (const [text, base, expected] of unsigned) assert.equal(goStrconvParseUint(text, base), expected, `${text} in base ${base}`);
  assert.equal(goStrconvParseInt('-123456789012345', 0), -123456789012345n);
  assert.equal(goParseInt('1_000'), 1000n);
  assert.equal(goParseInt('123456789012345'), 123456789012345n);
  const floats: [string, number | null][] = [
    ['.5_0', 0.5],
    ['._5', null],
    ['.5_', null],
    ['.e5', null],
    ['1e400', null],
    ['1e-400', 0],
    ['.5e3_0', 0.5e30],
  ];
  for (const [text, expected] of floats) assert.equal(goParseFloat(text), expected, text);
  assert.equal(goFormatFloat32g(3.14159265358979), '3.1415927');
  assert.equal(goFormatFloat32g(1e6), '1e+06');
  assert.equal(goFormatFloat32g(100000), '100000');
  assert.equal(goFormatFloat32g(1e-5), '1e-05');
  assert.equal(goFormatFloat32g(0.0001), '0.0001');
});

test('tags: go-yaml checks a scalar against its tag', () => {
  assert.deepEqual(resolveScalar(TAG_INT, '0x1F').value, { kind: 'int', value: 31n });
  assert.throws(() => resolveScalar(TAG_INT, '1.5'), /cannot decode !!float `1.5` as a !!int/);
  assert.deepEqual(resolveScalar('tag:yaml.org,2002:float', '1').value, { kind: 'float', value: 1 });
  assert.deepEqual(resolveScalar('!custom', 'true').value, { kind: 'string', value: 'true' });
});

test("the shortcut to a string agrees with go-yaml's whole resolution, and so does the model's resolver (every resolve case and quantities)", () => {
  const texts = cases
    .filter((c) => c.name.startsWith('synthetic/resolve/value/') || c.name.startsWith('synthetic/resolve/key/'))
    .map((c) => scalarOf(c.text, c.name.startsWith('synthetic/resolve/value/') ? 'value' : 'key'));
  texts.push(
    '500m',
    '1Gi',
    '128Mi',
    '0.5',
    '1e3',
    '1E3',
    '0x1F',
    '0X_1f',
    '0o17',
    '0b101',
    '-0b101',
    '+12',
    '-',
    '+',
    '12:30',
    '2001-12-14',
    '1_000',
    '10s',
    '.5',
    '-.inf',
  );
  assert.ok(texts.length >= 280, `${texts.length} texts`);
  const wrong: string[] = [];
  for (const text of texts) {
    const whole = resolvePlain(text);
    if (resolvesToString(text) && whole.kind !== 'string') wrong.push(`${JSON.stringify(text)}: a string by the shortcut, ${whole.kind} by go-yaml`);
    const model = resolvePlainYamlScalar(text);
    const numeric = (kind: string) => (kind === 'uint' ? 'int' : kind);
    if (numeric(model.kind) !== numeric(whole.kind)) wrong.push(`${JSON.stringify(text)}: ${model.kind} in the model, ${whole.kind} by go-yaml`);
  }
  assert.deepEqual(wrong, []);
  const shortcut = texts.filter(resolvesToString).length;
  assert.ok(shortcut > 40, `the shortcut took ${shortcut} texts`);
});
