/**
 * The sprig tests the converter cannot express as data, because their
 * fixtures are Go values built in Go code (a struct type, a time.Time
 * parsed in Go, time.Now() offsets, values computed with Go's encoders):
 * ported by hand with the same templates and expectations, the fixtures
 * built with the value model and "now" taken from the render clock.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { goPointer, goSlice, goStruct, structType, TemplateSet, typedScalar, types, type GoValue } from '../../../../server/src/sources/helm/template/index';
import { sprigFunctions } from '../../../../server/src/sources/helm/functions/index';
import { instantOf, parseTime, timeValue, UTC } from '../../../../server/src/sources/helm/functions/sprig/gotime';

const NOW = Date.UTC(2024, 0, 1);
const funcs = sprigFunctions({ now: NOW });

function runtv(template: string, data: GoValue): string {
  const set = new TemplateSet({ funcs, missingKey: 'invalid', rootName: 'test' });
  assert.equal(set.parse('test', template), undefined);
  const result = set.execute('test', data);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.output.text;
}

const fixtureTO = structType('sprig.fixtureTO', [
  { name: 'Name', type: types.string },
  { name: 'Value', type: types.string },
]);
const fixture = () => goStruct(fixtureTO, { Name: 'hello', Value: 'world' });

test('TestTypeOf, TestKindOf, TestTypeIs, TestTypeIsLike, TestKindIs (reflect_test.go)', () => {
  assert.equal(runtv('{{typeOf .}}', goPointer(fixture())), '*sprig.fixtureTO');
  assert.equal(runtv('{{kindOf .}}', fixture()), 'struct');
  assert.equal(runtv('{{kindOf .}}', goSlice(types.string, ['hello'])), 'slice');
  assert.equal(runtv('{{kindOf .}}', goPointer(undefined, fixtureTO)), 'ptr');
  const typeIs = '{{if typeIs "*sprig.fixtureTO" .}}t{{else}}f{{end}}';
  assert.equal(runtv(typeIs, goPointer(fixture())), 't');
  assert.equal(runtv(typeIs, 'hello'), 'f');
  const typeIsLike = '{{if typeIsLike "string" .}}t{{else}}f{{end}}';
  assert.equal(runtv(typeIsLike, 'foo'), 't');
  assert.equal(runtv(typeIsLike, goPointer('foo')), 't');
  const kindIs = '{{if kindIs "ptr" .}}t{{else}}f{{end}}';
  assert.equal(runtv(kindIs, goPointer(fixture())), 't');
  assert.equal(runtv(kindIs, 'hello'), 'f');
});

// time.Parse("02 Jan 06 15:04:05 MST", "13 Jun 19 20:39:39 GMT")
const tm = () => timeValue(parseTime('02 Jan 06 15:04:05 MST', '13 Jun 19 20:39:39 GMT', UTC));

test('TestUnixEpoch and TestDateInZone (date_test.go)', () => {
  assert.equal(runtv('{{unixEpoch .Time}}', { Time: tm() }), '1560458379');
  const tpl = '{{ date_in_zone "02 Jan 06 15:04 -0700" .Time "UTC" }}';
  assert.equal(runtv(tpl, { Time: tm() }), '13 Jun 19 20:39 +0000');
  assert.equal(runtv(tpl, { Time: goPointer(tm()) }), '13 Jun 19 20:39 +0000');
  // No time input: now.
  assert.equal(runtv(tpl, { Time: '' }), '01 Jan 24 00:00 +0000');
  assert.equal(runtv(tpl, { Time: typedScalar(types.int64, 1560458379n) }), '13 Jun 19 20:39 +0000');
  assert.equal(runtv(tpl, { Time: typedScalar(types.int32, 1560458379n) }), '13 Jun 19 20:39 +0000');
  assert.equal(runtv(tpl, { Time: typedScalar(types.int, 1560458379n) }), '13 Jun 19 20:39 +0000');
  assert.equal(runtv('{{ date_in_zone "02 Jan 06 15:04 -0700" .Time "foobar" }}', { Time: tm() }), '13 Jun 19 20:39 +0000');
});

test('TestAgo (date_test.go), now - 125s, now - 2h34m17s, now + 5s', () => {
  const at = (offsetSeconds: number) => {
    const t = instantOf(runtvValue()) as NonNullable<ReturnType<typeof instantOf>>;
    return timeValue(t.add(BigInt(offsetSeconds) * 1_000_000_000n));
  };
  assert.equal(runtv('{{ ago .Time }}', { Time: at(-125) }), '2m5s');
  assert.equal(runtv('{{ ago .Time }}', { Time: at(-(2 * 3600 + 34 * 60 + 17)) }), '2h34m17s');
  assert.equal(runtv('{{ ago .Time }}', { Time: at(5) }), '-5s');
});

function runtvValue(): GoValue {
  return timeValue(parseTime('2006-01-02', '2024-01-01', UTC));
}

test('TestBase64EncodeDecode and TestBase32EncodeDecode (strings_test.go)', () => {
  const b64 = Buffer.from('coffee').toString('base64');
  assert.equal(runtv('{{b64enc "coffee"}}', {}), b64);
  assert.equal(runtv(`{{b64dec ${JSON.stringify(b64)}}}`, {}), 'coffee');
  // base32.StdEncoding.EncodeToString([]byte("coffee")), RFC 4648.
  const b32 = 'MNXWMZTFMU======';
  assert.equal(runtv('{{b32enc "coffee"}}', {}), b32);
  assert.equal(runtv(`{{b32dec ${JSON.stringify(b32)}}}`, {}), 'coffee');
});
