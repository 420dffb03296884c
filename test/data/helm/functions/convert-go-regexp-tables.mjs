#!/usr/bin/env node
/**
 * Turns the test tables of Go's regexp package (go/regexp_tables.go.txt:
 * findTests, badRe, replaceTests, replaceLiteralTests, metaTests,
 * splitTests) into go-regexp-cases.json. FindTest match offsets are UTF-8
 * byte offsets; the converter turns them into the matched strings.
 *
 * Usage: node convert-go-regexp-tables.mjs > go-regexp-cases.json
 */
import { readFileSync } from 'node:fs';
import { lex } from './go-lexer.mjs';

const src = readFileSync(new URL('./go/regexp_tables.go.txt', import.meta.url), 'utf8');
const toks = lex(src).filter((t) => t.t !== 'nl');

/** The top-level `{...}` entries of the table `var NAME = ...{ entries }`, each as a list of argument token lists. */
function table(name) {
  let i = toks.findIndex((t, k) => t.v === 'var' && toks[k + 1]?.v === name);
  // Skip to the `{` that opens the entries: the last `{` before the first entry `{`.
  while (!(toks[i].v === '{' && toks[i + 1].v === '{')) i++;
  i++;
  const entries = [];
  while (toks[i].v === '{') {
    let depth = 0;
    const args = [[]];
    for (i++; ; i++) {
      const t = toks[i];
      if (t.t === 'op' && '({['.includes(t.v)) depth++;
      if (t.t === 'op' && ')}]'.includes(t.v)) {
        if (depth === 0) break;
        depth--;
      }
      if (t.t === 'op' && t.v === ',' && depth === 0) args.push([]);
      else args[args.length - 1].push(t);
    }
    i++;
    if (toks[i]?.v === ',') i++;
    entries.push(args.filter((a) => a.length > 0));
  }
  return entries;
}

const value = (a) => {
  if (a.length === 1 && a[0].t === 'str') return a[0].v;
  if (a.length === 1 && a[0].t === 'num') return Number(a[0].v);
  if (a.length === 2 && a[0].v === '-' && a[1].t === 'num') return -Number(a[1].v);
  if (a.length === 1 && a[0].t === 'id') return a[0].v === 'nil' ? null : a[0].v === 'true';
  if (a[0].v === 'build') {
    const nums = [];
    for (let k = 2; k < a.length - 1; k++) {
      if (a[k].t === 'op' && a[k].v === ',') continue;
      if (a[k].v === '-') nums.push(-Number(a[++k].v));
      else nums.push(Number(a[k].v));
    }
    const [n, ...x] = nums;
    const run = x.length / n;
    return Array.from({ length: n }, (_, j) => x.slice(j * run, j * run + run));
  }
  if (a[0].v === '[' && a[1].v === ']') {
    const out = [];
    for (const t of a) if (t.t === 'str') out.push(t.v);
    return out;
  }
  throw new Error('unknown value ' + a.map((t) => t.v).join(' '));
};

const utf8 = (s) => Buffer.from(s, 'utf8');
const find = table('findTests').map(([pat, text, n, matches]) => {
  const t = value(text);
  const m = value(matches);
  return { pattern: value(pat), text: t, n: value(n), matches: m && m.map(([a, b]) => utf8(t).subarray(a, b).toString('utf8')) };
});
const bad = table('badRe').map(([re, err]) => ({ pattern: value(re), error: value(err) }));
const replace = table('replaceTests').map(([p, r, i, o]) => ({ pattern: value(p), replacement: value(r), input: value(i), output: value(o) }));
const replaceLiteral = table('replaceLiteralTests').map(([p, r, i, o]) => ({ pattern: value(p), replacement: value(r), input: value(i), output: value(o) }));
const meta = table('metaTests').map(([p, o]) => ({ pattern: value(p), output: value(o) }));
const split = table('splitTests').map(([s, r, n, out]) => ({ input: value(s), pattern: value(r), n: value(n), output: value(out) }));

process.stdout.write(JSON.stringify({ source: 'Go src/regexp find_test.go and all_test.go', find, bad, replace, replaceLiteral, meta, split }, null, 1) + '\n');
