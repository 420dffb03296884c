/** `.helmignore` rules and Go's path.Match, on the cases of Helm's pkg/ignore/rules_test.go. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileGobwasGlob, goPathMatch } from '../../../../server/src/sources/helm/chart/glob';
import { IgnoreRules } from '../../../../server/src/sources/helm/chart/ignore';

// The fixture's directories (everything else is a file).
const directories = new Set(['cargo', 'cargo/', 'mast', 'mast/', 'templates', '.', './', 'data-alloy/', 'data/']);

// [pattern, path, ignored]
const cases: [string, string, boolean][] = [
  ['helm.txt', 'helm.txt', true],
  ['helm.*', 'helm.txt', true],
  ['helm.*', 'rudder.txt', false],
  ['*.txt', 'tiller.txt', true],
  ['*.txt', 'cargo/a.txt', true],
  ['cargo/*.txt', 'cargo/a.txt', true],
  ['cargo/*.*', 'cargo/a.txt', true],
  ['cargo/*.txt', 'mast/a.txt', false],
  ['ru[c-e]?er.txt', 'rudder.txt', true],
  ['templates/.?*', 'templates/.dotfile', true],
  ['.*', '.', false],
  ['.*', './', false],
  ['.*', '.joonix', true],
  ['.*', 'helm.txt', false],
  ['.*', '', false],
  ['cargo/', 'cargo', true],
  ['cargo/', 'cargo/', true],
  ['cargo/', 'mast/', false],
  ['helm.txt/', 'helm.txt', false],
  ['!helm.txt', 'helm.txt', false],
  ['!helm.txt', 'tiller.txt', true],
  ['!*.txt', 'cargo', true],
  ['!cargo/', 'mast/', true],
  ['/a.txt', 'a.txt', true],
  ['/a.txt', 'cargo/a.txt', false],
  ['/cargo/a.txt', 'cargo/a.txt', true],
  // A '-' outside a class is a plain character (a regular-expression escape of it is a syntax error under the `u` flag).
  ['data-alloy/', 'data-alloy/', true],
  ['data-alloy/', 'data/', false],
  ['ci-*.yaml', 'ci-test.yaml', true],
  ['a\\-b', 'a-b', true],
];

for (const [pattern, path, expected] of cases) {
  test(`.helmignore ${pattern} on ${JSON.stringify(path)}`, () => {
    const { rules, error } = IgnoreRules.parse(pattern);
    assert.equal(error, undefined);
    assert.equal(rules.ignores(path, directories.has(path)), expected);
  });
}

test('comments and blank lines are skipped; ** and bad patterns are refused', () => {
  assert.equal(IgnoreRules.parse('#ignore\n\n\t#ignore\nfoo\nbar/*\nbaz/bar/foo.txt\n\none/more\n').error, undefined);
  assert.equal(IgnoreRules.parse('foo/**/bar').error?.message, 'double-star (**) syntax is not supported');
  assert.equal(IgnoreRules.parse('[z-').error?.message, 'syntax error in pattern');
});

// Go's path.Match cases (src/path/match_test.go).
const matchCases: [string, string, boolean][] = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a-b', 'a-b', true],
  ['a[-]b', 'a-b', false],
  ['a[\\-]b', 'a-b', true],
  ['a[+--]b', 'a,b', false],
  ['a[+-\\-]b', 'a,b', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', false],
  ['[-]', '-', false],
  ['[x-]', 'x', false],
  ['[a-b-c]', 'a', false],
  ['[', 'a', false],
  ['[^', 'a', false],
  ['[^bc', 'a', false],
  ['a[', 'a', false],
  ['a[', 'ab', false],
  ['*x', 'xxx', true],
];

for (const [pattern, name, expected] of matchCases) {
  test(`path.Match(${JSON.stringify(pattern)}, ${JSON.stringify(name)})`, () => assert.equal(goPathMatch(pattern, name), expected));
}

test('.Files.Glob patterns (gobwas/glob with / as separator)', () => {
  const match = (pattern: string, name: string): boolean => compileGobwasGlob(pattern)?.test(name) ?? false;
  assert.equal(match('files/*', 'files/a.txt'), true);
  assert.equal(match('files/*', 'files/sub/a.txt'), false);
  assert.equal(match('files/**', 'files/sub/a.txt'), true);
  assert.equal(match('**.yaml', 'a/b/c.yaml'), true);
  assert.equal(match('files/{a,b}.txt', 'files/b.txt'), true);
  assert.equal(match('files/[!a]*', 'files/a.txt'), false);
  assert.equal(match('files/?.txt', 'files/a.txt'), true);
});
