/**
 * Go's parse/lex_test.go and parse/parse_test.go tables (lexTests,
 * lexDelimTests, lexPosTests, parseTests, errorTests, numberTests) and
 * multi_test.go's multiParseTests, converted to JSON, run against this
 * module's lexer and parser.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ItemType, Lexer } from '../../../../server/src/sources/helm/template/lex';
import { parseNumberLiteral, parseTrees, ParseFailure, type ParseOptions } from '../../../../server/src/sources/helm/template/parse';
import { TemplateSet } from '../../../../server/src/sources/helm/template/template';

const data = path.resolve(__dirname, '../../../../../test/data/helm/template/go');
const load = <T>(name: string): T => JSON.parse(readFileSync(path.join(data, name), 'utf8')) as T;

interface LexRow {
  name: string;
  input: string;
  items: { typ: keyof typeof ItemType; val: string; pos?: number; line?: number }[];
}

function collect(input: string, left: string, right: string): { typ: string; val: string; pos: number; line: number }[] {
  const l = new Lexer(input, left || '{{', right || '}}');
  l.options = { emitComment: true, breakOK: true, continueOK: true };
  const items = [];
  for (;;) {
    const item = l.nextItem();
    items.push({ typ: ItemType[item.typ], val: item.val, pos: item.pos, line: item.line });
    if (item.typ === ItemType.EOF || item.typ === ItemType.Error) break;
  }
  return items;
}

function checkLex(file: string, left: string, right: string, checkPos: boolean): void {
  for (const row of load<LexRow[]>(file)) {
    test(`${file}: ${row.name}`, () => {
      const got = collect(row.input, left, right).map((i) => (checkPos ? i : { typ: i.typ, val: i.val }));
      const want = row.items.map((i) => (checkPos ? { typ: i.typ, val: i.val, pos: i.pos, line: i.line } : { typ: i.typ, val: i.val }));
      assert.deepEqual(got, want);
    });
  }
}

checkLex('lex-tests.json', '', '', false);
checkLex('lex-delim-tests.json', '$$', '@@', false);
checkLex('lex-pos-tests.json', '', '', true);

test('lex: delimiters that start with alphanumerics, and that look like trim markers', () => {
  assert.deepEqual(
    collect('{{hub .host hub}}', '{{hub', 'hub}}').map((i) => [i.typ, i.val]),
    [
      ['LeftDelim', '{{hub'],
      ['Space', ' '],
      ['Field', '.host'],
      ['Space', ' '],
      ['RightDelim', 'hub}}'],
      ['EOF', ''],
    ],
  );
  assert.deepEqual(
    collect('{{- .x -}} {{- - .x - -}}', '{{- ', ' -}}').map((i) => [i.typ, i.val]),
    [
      ['LeftDelim', '{{- '],
      ['Field', '.x'],
      ['RightDelim', ' -}}'],
      ['LeftDelim', '{{- '],
      ['Field', '.x'],
      ['RightDelim', ' -}}'],
      ['EOF', ''],
    ],
  );
});

// parse_test.go: builtins are printf and contains; the paren depth limit is 3.
const parseOptions: ParseOptions = { hasFunction: (name) => name === 'printf' || name === 'contains', maxStackDepth: 3 };

interface ParseRow {
  name: string;
  input: string;
  ok: boolean;
  result: string;
}

for (const row of load<ParseRow[]>('parse-tests.json')) {
  test(`parseTests: ${row.name}`, () => {
    let trees;
    try {
      trees = parseTrees(row.name, row.input, parseOptions);
    } catch (error) {
      assert.ok(error instanceof ParseFailure, String(error));
      assert.equal(row.ok, false, `unexpected error: ${error.message}`);
      return;
    }
    assert.equal(row.ok, true, 'expected error; got none');
    const root = trees.get(row.name)?.root;
    assert.equal(root?.toString({ quoteText: true }), row.result);
  });
}

for (const row of load<ParseRow[]>('parse-error-tests.json')) {
  test(`errorTests: ${row.name}`, () => {
    assert.throws(
      () => parseTrees(row.name, row.input, { hasFunction: () => false, maxStackDepth: 3 }),
      (error: unknown) => error instanceof ParseFailure && error.message.includes(row.result),
    );
  });
}

interface NumberRow {
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64?: string;
  uint64?: string;
  float64?: number;
  complex?: { re: number; im: number };
}

for (const row of load<NumberRow[]>('number-tests.json')) {
  test(`numberTests: ${row.text}`, () => {
    const ok = row.isInt || row.isUint || row.isFloat || row.isComplex;
    const n = parseNumberLiteral(row.text);
    if (!ok) {
      assert.ok(n instanceof Error, `expected error for ${row.text}`);
      return;
    }
    assert.ok(!(n instanceof Error), `unexpected error for ${row.text}: ${n}`);
    assert.deepEqual(
      { isInt: n.isInt, isUint: n.isUint, isFloat: n.isFloat, isComplex: n.isComplex },
      { isInt: row.isInt, isUint: row.isUint, isFloat: row.isFloat, isComplex: row.isComplex },
    );
    if (row.isInt) assert.equal(n.int64, BigInt(row.int64 as string));
    if (row.isUint) assert.equal(n.uint64, BigInt(row.uint64 as string));
    if (row.isFloat) assert.equal(n.float64, row.float64);
    if (row.isComplex) assert.deepEqual(n.complex, row.complex);
  });
}

interface MultiParseRow {
  name: string;
  input: string;
  ok: boolean;
  names: string[] | null;
  results: string[] | null;
}

for (const row of load<MultiParseRow[]>('multi-parse-tests.json')) {
  test(`multiParseTests: ${row.name}`, () => {
    const set = new TemplateSet();
    const error = set.parse('root', row.input);
    assert.equal(error === undefined, row.ok, error?.message);
    if (!row.ok) return;
    assert.equal(set.names().length, (row.names ?? []).length + 1);
    (row.names ?? []).forEach((name, i) => assert.equal(set.lookup(name)?.root?.toString(), row.results?.[i]));
  });
}
