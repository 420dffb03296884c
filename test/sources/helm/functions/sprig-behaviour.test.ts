/**
 * Go behaviour the sprig tests do not cover, each case a template with the
 * exact output (or error) Go's text/template with sprig v3.3.0 and Helm's
 * dependencies gives: spf13/cast conversions, int64 and decimal arithmetic,
 * byte-indexed strings, mergo, Go's JSON, time layouts and zones (with "now"
 * fixed at 2024-01-01T00:00:00Z and Local = UTC), and the panics that become
 * template errors. Random functions are checked for shape.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { TemplateSet, type GoValue } from '../../../../server/src/sources/helm/template/index';
import { seededRandom, sprigFunctions, SPRIG_NOW } from '../../../../server/src/sources/helm/functions/index';
import { bcryptBase64Decode, bcryptHash } from '../../../../server/src/sources/helm/functions/sprig/bcrypt';

const funcs = sprigFunctions();

function render(template: string, data: GoValue = {}, scratch?: Map<unknown, unknown>): string {
  const set = new TemplateSet({ funcs, missingKey: 'invalid', rootName: 'test' });
  const parseError = set.parse('test', template);
  if (parseError) return 'PARSE ' + parseError.message;
  const result = set.execute('test', data, { scratch });
  return result.ok ? result.output.text : 'ERROR ' + result.error.message.replace(/^template: test:\d+:\d+: executing "test" at <[^>]*>: /, '');
}

const outputs: [string, string][] = [
  // cast
  ['{{ int64 "0x1F" }}', '31'],
  ['{{ int "010" }}', '8'],
  ['{{ int "1_000" }}', '1000'],
  ['{{ int "3.0" }}', '3'],
  ['{{ int "3.5" }}', '0'],
  ['{{ int 3.9 }} {{ int -3.9 }}', '3 -3'],
  ['{{ int64 true }} {{ int64 nil }}', '1 0'],
  ['{{ float64 "1e3" }} {{ float64 "x" }}', '1000 0'],
  ['{{ printf "%T %T %T %T %T" (int 1) (int64 1) (add 1 2) (addf 1 2) (float64 1) }}', 'int int64 int64 float64 float64'],
  ['{{ atoi "42" }} {{ atoi "x" }} {{ atoi "99999999999999999999" }}', '42 0 9223372036854775807'],
  ['{{ toDecimal "0777" }} {{ toDecimal 777 }} {{ toDecimal "9" }}', '511 511 0'],
  // int64 arithmetic
  ['{{ add 1 2.9 }}', '3'],
  ['{{ div 7 2 }} {{ mod -7 3 }} {{ sub 1 5 }}', '3 -1 -4'],
  ['{{ mul 9223372036854775807 2 }}', '-2'],
  ['{{ add1 "41" }}', '42'],
  ['{{ max 1 "5" 3 }} {{ min 4 -2 }} {{ biggest 1 9 }}', '5 -2 9'],
  ['{{ maxf 1 2.5 }} {{ minf 1 2.5 }}', '2.5 1'],
  // decimal arithmetic
  ['{{ addf 1.1 2.2 }}', '3.3'],
  ['{{ mulf 1.1 3 }}', '3.3'],
  ['{{ subf 0.3 0.1 }}', '0.2'],
  ['{{ divf 10 3 }}', '3.3333333333333335'],
  ['{{ add1f 0.1 }}', '1.1'],
  ['{{ round 2.5 0 }} {{ round -2.5 0 }} {{ round 123.5555 3 }}', '3 -3 123.556'],
  ['{{ ceil 1.2 }} {{ floor -1.2 }}', '2 -2'],
  ['{{ seq 5 }}|{{ seq 5 1 }}|{{ seq 0 }}|{{ seq 1 2 8 }}', '1 2 3 4 5|5 4 3 2 1|1 0|1 3 5 7'],
  ['{{ until 3 }} {{ until -2 }} {{ untilStep 0 10 3 }}', '[0 1 2] [0 -1] [0 3 6 9]'],
  // strings over bytes
  ['{{ trunc 2 "héllo" }}', 'h\ufffd'],
  ['{{ trunc 3 "héllo" }}', 'hé'],
  ['{{ substr 1 3 "hello" }} {{ substr 2 10 "hello" }} {{ substr -5 2 "hello" }}', 'el llo he'],
  ['{{ nospace "a b\tc" }} {{ initials "John Doe" }}', 'abc JD'],
  ['{{ swapcase "Hello World" }} {{ title "hello world-foo" }} {{ untitle "Hello World" }}', 'hELLO wORLD Hello World-Foo hello world'],
  ['{{ upper "ß" }} {{ lower "ΑΣ" }}', 'ß ασ'],
  ['{{ wrap 5 "The quick brown fox" }}', 'The\nquick\nbrown\nfox'],
  ['{{ wrapWith 5 "\t" "Hello World" }}', 'Hello\tWorld'],
  ['{{ abbrev 5 "hello world" }} {{ abbrevboth 5 10 "1234 5678 9123" }}', 'he... ...5678...'],
  ['{{ camelcase "GOLANG_IS_GREAT" }} {{ kebabcase "Bld4Floor3rd" }} {{ snakecase "HTTP20xOK" }}', 'GolangIsGreat bld4-floor-3rd http_20x_ok'],
  ['{{ quote "a\\"b" 1 nil }}', '"a\\"b" "1"'],
  ['{{ squote nil "x" }} {{ cat "a" nil 1 }}', "'x' a 1"],
  ['{{ indent 2 "a\\nb" }}', '  a\n  b'],
  ['{{ replace "" "-" "ab" }} {{ plural "one" "many" 2 }}', '-a-b- many'],
  ['{{ trim "\u00a0 x \u0085" }}|{{ trimAll "$" "$5$" }}|{{ trimPrefix "-" "--a" }}', 'x|5|-a'],
  ['{{ split "," "a,b" }} {{ splitn "," 2 "a,b,c" }} {{ splitList "," "a,b" }} {{ splitList "" "ab" }}', 'map[_0:a _1:b] map[_0:a _1:b,c] [a b] [a b]'],
  ['{{ toStrings (list 1 nil "a") }} {{ join "-" (list 1 nil 2) }} {{ sortAlpha (list "b" "a" 3) }} {{ sortAlpha "x" }}', '[1 a] 1-2 [3 a b] [x]'],
  ['{{ contains "b" "abc" }} {{ hasPrefix "a" "abc" }} {{ hasSuffix "c" "abc" }}', 'true true true'],
  ['{{ repeat 3 "ab" }}', 'ababab'],
  // encodings
  ['{{ b64enc "hi" }} {{ b64dec "aGk=" }} {{ b64dec "bad!" }}', 'aGk= hi illegal base64 data at input byte 3'],
  ['{{ b32enc "hi" }} {{ b32dec "NBUQ====" }}', 'NBUQ==== hi'],
  ['{{ sha256sum "" }}', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  // regex
  ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', '-W-xxW-'],
  ['{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}', '-${1}-${1}-'],
  ['{{ regexFindAll "[2,4,6,8]" "123456789" -1 }} {{ regexFindAll "x" "abc" -1 }}', '[2 4 6 8] []'],
  ['{{ regexSplit "z+" "pizza" -1 }} {{ regexMatch "^[a-z]+\\\\.com$" "acme.com" }}', '[pi a] true'],
  ['{{ regexMatch "(" "x" }} {{ regexQuoteMeta "a.b" }}', 'false a\\.b'],
  // lists
  ['{{ first (list) }}', '<no value>'],
  ['{{ rest (list) }} {{ initial (list 1) }} {{ reverse (list 1 2) }}', '[] [] [2 1]'],
  ['{{ slice (list 1 2 3) 1 }} {{ slice (list 1 2 3) 0 2 }} {{ slice (list) }}', '[2 3] [1 2] <no value>'],
  ['{{ concat (list 1) (list) }} {{ concat }}', '[1] []'],
  ['{{ uniq (list 1 1 "1" 1.0) }} {{ without (list 1 2 1) 1 }} {{ has 1.0 (list 1 2) }} {{ has 1 (list 1) }}', '[1 1 1] [2] false true'],
  ['{{ compact (list 0 "" nil false "a" (list)) }}', '[a]'],
  ['{{ chunk 2 (list 1 2 3) }} {{ append (list 1) 2 }} {{ prepend (list 1) 0 }}', '[[1 2] [3]] [1 2] [0 1]'],
  // dicts
  ['{{ dict "a" 1 "b" | toJson }}', '{"a":1,"b":""}'],
  ['{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) | toJson }}', '{"a":1,"b":3,"n":{"x":1,"y":2}}'],
  ['{{ mergeOverwrite (dict "a" 1 "l" (list 1 2)) (dict "a" 2 "l" (list 3)) | toJson }}', '{"a":2,"l":[3]}'],
  [
    '{{ mergeOverwrite (dict "default" "default" "overwrite" "me" "key" true) (dict "overwrite" "overwritten" "key" false) | toJson }}',
    '{"default":"default","key":false,"overwrite":"overwritten"}',
  ],
  ['{{ merge (dict "a" "") (dict "a" "x") | toJson }}', '{"a":"x"}'],
  ['{{ pick (dict "a" 1 "b" 2) "a" | toJson }} {{ omit (dict "a" 1 "b" 2) "a" | toJson }}', '{"a":1} {"b":2}'],
  ['{{ keys (dict "a" 1) }} {{ values (dict "a" 1) }} {{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}', '[a] [1] [1 3]'],
  ['{{ dig "a" "b" "def" (dict "a" (dict "c" 1)) }} {{ dig "a" "c" "def" (dict "a" (dict "c" 1)) }}', 'def 1'],
  ['{{ hasKey (dict "a" nil) "a" }} {{ get (dict) "x" | quote }} {{ set (dict) "a" 1 | toJson }} {{ unset (dict "a" 1) "a" | toJson }}', 'true "" {"a":1} {}'],
  ['{{ (deepCopy (dict "t" (now))).t | date "2006" }} {{ (deepCopy (list (semver "1.2.3"))) }}', '2024 [1.2.3]'],
  ['{{ $d := dict "a" (dict "b" 1) }}{{ $c := deepCopy $d }}{{ $_ := set $c.a "b" 2 }}{{ $d.a.b }} {{ $c.a.b }}', '1 2'],
  // reflection and defaults
  ['{{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual 1 1.0 }} {{ deepEqual (dict) (dict) }}', 'true false true'],
  [
    '{{ typeOf (list) }} {{ typeOf nil }} {{ kindOf (dict) }} {{ kindOf nil }} {{ kindIs "slice" (list) }} {{ typeIsLike "int" 1 }}',
    '[]interface {} <nil> map invalid true true',
  ],
  ['{{ empty (dict) }} {{ empty (list 0) }} {{ empty 0.0 }} {{ all 1 "a" }} {{ any 0 "" }}', 'true false true true false'],
  ['{{ coalesce nil "" 0 false }}|{{ ternary "a" "b" false }}|{{ default "d" 0 }}|{{ default "d" (list 0) }}', '<no value>|b|d|[0]'],
  // JSON
  ['{{ toJson (dict "a" "<x>&") }} {{ toRawJson (dict "a" "<x>&") }}', '{"a":"\\u003cx\\u003e\\u0026"} {"a":"<x>&"}'],
  ['{{ toPrettyJson (dict "a" (list 1) "b" (dict)) }}', '{\n  "a": [\n    1\n  ],\n  "b": {}\n}'],
  ['{{ toJson 1.0 }} {{ toJson 1e21 }} {{ toJson 0.0000001 }} {{ toJson (list nil 2 "\\u2028") }}', '1 1e+21 1e-7 [null,2,"\\u2028"]'],
  ['{{ toJson (splitList "," "a,b") }} {{ toJson (split "," "a") }}', '["a","b"] {"_0":"a"}'],
  ['{{ fromJson "{\\"a\\": [1, 2.5, \\"x\\", null, true]}" | toJson }}', '{"a":[1,2.5,"x",null,true]}'],
  ['{{ fromJson "{" }}', '<no value>'],
  // URLs
  [
    '{{ urlParse "https://u:p@host:8080/a%20b?q=1#frag" | toJson }}',
    '{"fragment":"frag","host":"host:8080","hostname":"host","opaque":"","path":"/a b","query":"q=1","scheme":"https","userinfo":"u:p"}',
  ],
  ['{{ urlJoin (dict "scheme" "http" "host" "h" "path" "/a b" "query" "x=1") }}', 'http://h/a%20b?x=1'],
  // paths
  ['{{ base "/a/b/" }} {{ dir "a/b" }} {{ clean "a//b/../c/." }} {{ ext "x.tar.gz" }} {{ isAbs "a" }}', 'b a a/c .gz false'],
  // dates: now is 2024-01-01T00:00:00Z, Local is UTC
  ['{{ now }}', '2024-01-01 00:00:00 +0000 UTC'],
  ['{{ now | date "2006-01-02T15:04:05Z07:00 Mon Jan _2 3PM .000 MST" }}', '2024-01-01T00:00:00Z Mon Jan  1 12AM .000 UTC'],
  ['{{ date "Mon Jan _2 15:04:05 2006" 0 }}', 'Thu Jan  1 00:00:00 1970'],
  ['{{ date "2006" 1.5 }}', '2024'],
  ['{{ dateInZone "2006-01-02 15:04 MST" (now) "America/New_York" }}', '2023-12-31 19:00 EST'],
  ['{{ dateInZone "15:04 -07:00 Z0700" (now) "Asia/Kolkata" }}', '05:30 +05:30 +0530'],
  ['{{ dateInZone "15:04 MST" (now) "Nowhere/Bogus" }}', '00:00 UTC'],
  ['{{ htmlDate 0 }} {{ htmlDateInZone (now) "Pacific/Auckland" }}', '1970-01-01 2024-01-01'],
  ['{{ now | dateModify "-1.5h" | date "15:04" }} {{ now | dateModify "bad" | date "15:04" }}', '22:30 00:00'],
  ['{{ duration "95" }} {{ duration 95 }} {{ duration (int64 95) }} {{ duration "3600" }}', '1m35s 0s 1m35s 1h0m0s'],
  ['{{ durationRound "2h10m" }} {{ durationRound "90000s" }} {{ durationRound "-3h" }} {{ durationRound 5 }}', '2h 1d 3h 0s'],
  ['{{ toDate "2006-01-02" "2017-12-31" | unixEpoch }}', '1514678400'],
  ['{{ toDate "2006-01-02" "bad" }}', '0001-01-01 00:00:00 +0000 UTC'],
  ['{{ ago (toDate "2006-01-02" "2023-12-31") }}', '24h0m0s'],
  ['{{ (now).Year }} {{ (now).Month }} {{ (now).Weekday }} {{ (now).YearDay }} {{ (now).Unix }}', '2024 January Monday 1 1704067200'],
  ['{{ (toDate "2006-01-02T15:04:05Z07:00" "2020-02-29T12:30:00+02:00").UTC }}', '2020-02-29 10:30:00 +0000 UTC'],
  ['{{ toDate "2006-01-02T15:04:05Z07:00" "2020-02-29T12:30:00+02:00" }}', '2020-02-29 12:30:00 +0200 +0200'],
  ['{{ toDate "Jan 2, 2006 at 3:04pm (MST)" "Feb 3, 2013 at 7:54pm (PST)" }}', '2013-02-03 19:54:00 +0000 PST'],
  ['{{ toDate "2006-01-02 15:04:05" "2024-03-04 05:06:07.25" | date "05.000" }}', '07.250'],
  ['{{ (now).Sub (toDate "2006-01-02" "2023-12-31") }} {{ (now).Add ((now).Sub (toDate "2006-01-02" "2023-12-31")) | date "Jan 2" }}', '24h0m0s Jan 2'],
  ['{{ now | toJson }} {{ (now).AddDate 0 1 30 | date "2006-01-02" }}', '"2024-01-01T00:00:00Z" 2024-03-02'],
  ['{{ deepEqual (now) (now) }} {{ deepEqual (now) (now | dateModify "1s") }} {{ printf "%T" (now) }} {{ empty (now) }}', 'true false time.Time false'],
  // crypto with fixed outputs
  ['{{ derivePassword 1 "long" "password" "user" "example.com" }}', 'ZedaFaxcZaso9*'],
  ['{{ derivePassword 1 "nope" "password" "user" "example.com" }}', 'cannot find password template nope'],
  ['{{ htpasswd "a:b" "x" }}', 'invalid username: a:b'],
  ['{{ genPrivateKey "foo" }}', 'Unknown type foo'],
  ['{{ encryptAES "k" "" }}|{{ decryptAES "k" "" }}', '|'],
  ['{{ adler32sum "Wikipedia" }}', '300286872'],
];

test('Go outputs', () => {
  const wrong = outputs.map(([template, want]) => ({ template, want, got: render(template) })).filter((c) => c.got !== c.want);
  assert.deepEqual(wrong, []);
});

const errors: [string, string][] = [
  ['{{ div 1 0 }}', 'error calling div: runtime error: integer divide by zero'],
  ['{{ divf 1 0 }}', 'error calling divf: decimal division by 0'],
  ['{{ substr 6 8 "hello" }}', 'error calling substr: runtime error: slice bounds out of range [6:5]'],
  ['{{ substr -1 10 "hello" }}', 'error calling substr: runtime error: slice bounds out of range [:10] with length 5'],
  ['{{ repeat -1 "a" }}', 'error calling repeat: strings: negative Repeat count'],
  ['{{ first "abc" }}', 'error calling first: Cannot find first on type string'],
  ['{{ mustLast (dict) }}', 'error calling mustLast: Cannot find last on type map'],
  ['{{ first nil }}', 'error calling first: runtime error: invalid memory address or nil pointer dereference'],
  ['{{ chunk 0 (list 1) }}', 'error calling chunk: runtime error: makeslice: len out of range'],
  ['{{ slice (list 1 2 3) 2 1 }}', 'error calling slice: reflect.Value.Slice: slice index out of bounds'],
  ['{{ mustSlice "abc" }}', 'error calling mustSlice: list should be type of slice or array but string'],
  ['{{ concat (list 1) 2 }}', 'error calling concat: Cannot concat type int as list'],
  ['{{ dig "a" "b" "def" (dict "a" "x") }}', 'error calling dig: interface conversion: interface {} is string, not map[string]interface {}'],
  ['{{ dig "a" (dict) }}', 'error calling dig: dig needs at least three arguments'],
  ['{{ randInt 5 5 }}', 'error calling randInt: invalid argument to Intn'],
  ['{{ mustRegexMatch "(" "x" }}', 'error calling mustRegexMatch: error parsing regexp: missing closing ): `(`'],
  ['{{ regexFind "(" "x" }}', 'error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`'],
  ['{{ mustFromJson "{" }}', 'error calling mustFromJson: unexpected end of JSON input'],
  ['{{ mustFromJson "[1,]" }}', "error calling mustFromJson: invalid character ']' looking for beginning of value"],
  ['{{ mustFromJson "{\\"a\\" 1}" }}', "error calling mustFromJson: invalid character '1' after object key"],
  ['{{ mustToJson (float64 "NaN") }}', 'error calling mustToJson: json: unsupported value: NaN'],
  ['{{ toRawJson (float64 "+Inf") }}', 'error calling toRawJson: json: unsupported value: +Inf'],
  ['{{ now | mustDateModify "bad" }}', 'error calling mustDateModify: time: invalid duration "bad"'],
  ['{{ now | mustDateModify "1d" }}', 'error calling mustDateModify: time: unknown unit "d" in duration "1d"'],
  ['{{ mustToDate "2006-01-02" "2017-13-01" }}', 'error calling mustToDate: parsing time "2017-13-01": month out of range'],
  ['{{ mustToDate "2006-01-02" "2017-02-30" }}', 'error calling mustToDate: parsing time "2017-02-30": day out of range'],
  ['{{ mustToDate "2006-01-02" "17-02-03" }}', 'error calling mustToDate: parsing time "17-02-03" as "2006-01-02": cannot parse "17-02-03" as "2006"'],
  ['{{ mustToDate "2006-01-02" "2017-02-03x" }}', 'error calling mustToDate: parsing time "2017-02-03x": extra text: "x"'],
  ['{{ dateModify "1h" "x" }}', 'can\'t handle "x" for arg of type time.Time'],
  ['{{ fail "boom" }}', 'error calling fail: boom'],
  ['{{ urlParse "http://[::1" }}', 'error calling urlParse: unable to parse url: parse "http://[::1": missing \']\' in host'],
  ['{{ urlJoin (dict "host" 1) }}', 'error calling urlJoin: unable to parse host key, must be of type string, but int found'],
  ['{{ decryptAES "k" "c2hvcnQ=" }}', 'error calling decryptAES: runtime error: slice bounds out of range [:16] with capacity 5'],
  ['{{ getHostByName "example.com" }}', 'error calling getHostByName: getHostByName "example.com": DNS lookups are not performed when rendering in Pod Lens'],
];

test('Go errors', () => {
  const wrong = errors
    .map(([template, want]) => ({ template, want, got: render(template) }))
    .filter((c) => !(c.got.startsWith('ERROR ') && c.got.endsWith(c.want)));
  assert.deepEqual(wrong, []);
});

test('Helm’s funcs_test.go merge cases (fromYaml of JSON text read with fromJson)', () => {
  const vars = () => ({ dict: { a: { b: 'c' } }, yaml: '{"a":{"b":"d"}}' });
  assert.equal(render('{{ merge .dict (fromJson .yaml) }}', vars()), 'map[a:map[b:c]]');
  assert.equal(render('{{ merge (fromJson .yaml) .dict }}', vars()), 'map[a:map[b:d]]');
});

test('the clock comes from the render', () => {
  assert.equal(render('{{ now | date "2006" }}'), '2024');
  assert.equal(render('{{ now | date "2006-01-02" }}', {}, new Map([[SPRIG_NOW, Date.UTC(2030, 5, 7)]])), '2030-06-07');
  const clocked = sprigFunctions({ now: () => Date.UTC(2001, 1, 3, 4, 5, 6), localTimeZone: 'Europe/Paris' });
  const set = new TemplateSet({ funcs: clocked, rootName: 'test' });
  set.parse('t', '{{ now }}|{{ date "15:04 MST" 0 }}|{{ (now).UTC }}|{{ (now).UTC.Local }}');
  const result = set.execute('t', {});
  assert.ok(result.ok);
  assert.equal(result.output.text, '2001-02-03 05:05:06 +0100 CET|01:00 CET|2001-02-03 04:05:06 +0000 UTC|2001-02-03 05:05:06 +0100 CET');
});

test('the default function map is one shared frozen object; Helm’s env and expandenv are absent', () => {
  assert.equal(sprigFunctions(), sprigFunctions());
  assert.ok(Object.isFrozen(sprigFunctions()));
  assert.equal(sprigFunctions().env, undefined);
  assert.equal(sprigFunctions().expandenv, undefined);
});

// Random and generated output: shapes.

test('random strings have sprig’s alphabets and lengths', () => {
  for (let i = 0; i < 20; i++) {
    assert.match(render('{{ randAlphaNum 12 }}'), /^[A-Za-z0-9]{12}$/);
    assert.match(render('{{ randAlpha 7 }}'), /^[A-Za-z]{7}$/);
    assert.match(render('{{ randNumeric 9 }}'), /^[0-9]{9}$/);
    assert.match(render('{{ randAscii 16 }}'), /^[\x20-\x7e]{16}$/);
    const n = Number(render('{{ randInt 3 6 }}'));
    assert.ok(n >= 3 && n < 6);
  }
  assert.equal(render('{{ randAlpha -1 }}'), '');
  assert.equal(Buffer.from(render('{{ randBytes 24 }}'), 'base64').length, 24);
  assert.match(render('{{ uuidv4 }}'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const shuffled = render('{{ shuffle "Hello World" }}');
  assert.equal([...shuffled].sort().join(''), [...'Hello World'].sort().join(''));
});

test('a seeded random source repeats its draws', () => {
  const draw = () => {
    const set = new TemplateSet({ funcs: sprigFunctions({ random: seededRandom('render-1') }), rootName: 'test' });
    set.parse('t', '{{ randAlphaNum 16 }} {{ uuidv4 }} {{ randInt 0 1000 }} {{ shuffle "abcdef" }}');
    const result = set.execute('t', {});
    assert.ok(result.ok);
    return result.output.text;
  };
  const first = draw();
  assert.equal(draw(), first);
  assert.match(first, /^[A-Za-z0-9]{16} [0-9a-f-]{36} \d+ [a-f]{6}$/);
});

test('bcrypt: openwall test vectors, and htpasswd/bcrypt outputs that verify', () => {
  const vectors: [string, string][] = [
    ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'],
    ['U*U*U', '$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a'],
    ['twist', '$2a$04$mlr.PoDP3w4SzMh8A/td4O2LE5lJcM2/JSPEwYH0wXmT/Ai.Ip3GG'],
    ['cue', '$2a$05$B8Ld4qjLv/sMgtkdO6o8iO7Sm61jDwADJ9Y8fTXZyQqoG1qftwF82'],
  ];
  for (const [password, hash] of vectors) {
    const salt = bcryptBase64Decode(hash.slice(7, 29)).subarray(0, 16);
    assert.equal(bcryptHash(Buffer.from(password), salt, Number(hash.slice(4, 6))), hash);
  }
  const verify = (hash: string, password: string) =>
    bcryptHash(Buffer.from(password), bcryptBase64Decode(hash.slice(7, 29)).subarray(0, 16), Number(hash.slice(4, 6))) === hash;
  const h = render('{{ bcrypt "abc" }}');
  assert.match(h, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.ok(verify(h, 'abc'));
  const line = render('{{ htpasswd "myUser" "myPassword" }}');
  const [user, hash] = line.split(':');
  assert.equal(user, 'myUser');
  assert.ok(verify(hash, 'myPassword'));
  assert.equal(render(`{{ bcrypt "${'x'.repeat(73)}" }}`), 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes');
});

test('AES round trip', () => {
  assert.equal(render('{{ "a secret" | encryptAES "key" | decryptAES "key" }}'), 'a secret');
  assert.equal(Buffer.from(render('{{ encryptAES "key" "0123456789abcdef" }}'), 'base64').length, 48);
});

test('private keys: PEM block types as sprig writes them', () => {
  assert.match(render('{{ genPrivateKey "ecdsa" }}'), /^-----BEGIN EC PRIVATE KEY-----\n[\s\S]+\n-----END EC PRIVATE KEY-----\n$/);
  assert.match(render('{{ genPrivateKey "ed25519" }}'), /^-----BEGIN PRIVATE KEY-----\n/);
});

test('certificates: a CA, a certificate it signs, and self-signed ones, as Go builds them', () => {
  const out = render(
    '{{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" (list "10.0.0.1" "::1") (list "svc.ns.svc" "svc") 30 $ca }}' +
      '{{ $ca.Cert }}@{{ $c.Cert }}@{{ $c.Key }}@{{ printf "%T" $c }}',
  );
  const [caPem, certPem, keyPem, type] = out.split('@');
  assert.equal(type, 'sprig.certificate');
  const ca = new X509Certificate(caPem);
  const cert = new X509Certificate(certPem);
  assert.equal(ca.subject, 'CN=my-ca');
  assert.ok(ca.ca);
  assert.ok(ca.verify(ca.publicKey));
  assert.equal(ca.validFrom, 'Jan  1 00:00:00 2024 GMT');
  assert.equal(ca.validTo, 'Dec 31 00:00:00 2024 GMT');
  assert.equal(cert.subject, 'CN=svc');
  assert.equal(cert.issuer, 'CN=my-ca');
  assert.ok(!cert.ca);
  assert.ok(cert.checkIssued(ca));
  assert.ok(cert.verify(ca.publicKey));
  assert.equal(cert.subjectAltName, 'DNS:svc.ns.svc, DNS:svc, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  assert.match(keyPem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.ok(cert.checkPrivateKey(createPrivateKey(keyPem)));

  const key = render('{{ genPrivateKey "ecdsa" }}');
  const self = render('{{ (genSelfSignedCertWithKey "" nil (list "x.example") 1 .k).Cert }}', { k: key });
  const selfCert = new X509Certificate(self);
  assert.equal(selfCert.subject ?? '', '');
  assert.ok(selfCert.verify(selfCert.publicKey));
  assert.equal(selfCert.subjectAltName, 'DNS:x.example');
  assert.equal(render('{{ (genCAWithKey "k" 1 .k).Key }}', { k: key }), key);
  assert.match(render('{{ genCAWithKey "k" 1 "junk" }}'), /error calling genCAWithKey: parsing private key: no PEM data in input$/);
  assert.match(render('{{ genSelfSignedCert "x" (list "999.1.1.1") nil 1 }}'), /error calling genSelfSignedCert: error parsing ip: 999\.1\.1\.1$/);
  assert.match(render('{{ genSelfSignedCert "x" (list 1) nil 1 }}'), /error calling genSelfSignedCert: error parsing ip: 1 is not a string$/);
  const custom = render('{{ $c := buildCustomCert (b64enc .c) (b64enc .k) }}{{ $c.Cert }}', { c: self, k: key });
  assert.equal(custom, self);
  assert.match(render('{{ buildCustomCert "x" "y" }}'), /error calling buildCustomCert: unable to decode base64 certificate$/);
});
