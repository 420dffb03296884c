#!/usr/bin/env node
/**
 * Turns Masterminds/semver's test tables into semver-cases.json: for each
 * test function named below, its first `tests := []struct{...}{...}` table,
 * as objects keyed by the struct's field names.
 *
 * Usage: node convert-semver-tests.mjs <semver git dir> <rev> > semver-cases.json
 */
import { execFileSync } from 'node:child_process';
import { lex } from './go-lexer.mjs';

const [gitDir, rev] = process.argv.slice(2);
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const wanted = {
  'constraints_test.go': ['TestConstraintCheck', 'TestNewConstraint', 'TestConstraintsCheck', 'TestRewriteRange'],
  'version_test.go': ['TestNewVersion', 'TestCompare', 'TestInc', 'TestOriginal'],
};

function literal(toks) {
  const code = toks.filter((t) => t.t !== 'nl');
  if (code.length === 1 && code[0].t === 'str') return code[0].v;
  if (code.length === 1 && code[0].t === 'num') return Number(code[0].v);
  if (code.length === 2 && code[0].v === '-') return -Number(code[1].v);
  if (code.length === 1 && code[0].t === 'id') return code[0].v === 'true' ? true : code[0].v === 'false' ? false : null;
  throw new Error('unsupported literal ' + code.map((t) => t.v).join(' '));
}

function splitTop(toks) {
  const parts = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.t === 'op' && '({['.includes(t.v)) depth++;
    if (t.t === 'op' && ')}]'.includes(t.v)) depth--;
    if (t.t === 'op' && t.v === ',' && depth === 0) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.filter((p) => p.some((t) => t.t !== 'nl'));
}

function block(toks, i) {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].t === 'op' && toks[j].v === '{') depth++;
    if (toks[j].t === 'op' && toks[j].v === '}' && --depth === 0) return { inner: toks.slice(i + 1, j), end: j + 1 };
  }
  throw new Error('unbalanced');
}

const out = { source: `github.com/Masterminds/semver ${rev}` };
for (const [file, tests] of Object.entries(wanted)) {
  const toks = lex(git('show', `${rev}:${file}`)).filter((t) => t.t !== 'nl');
  for (const name of tests) {
    const at = toks.findIndex((t, k) => t.v === 'func' && toks[k + 1]?.v === name);
    let i = toks.findIndex((t, k) => k > at && t.v === 'tests' && toks[k + 1]?.v === ':=');
    if (toks[i + 2].v === '[' && toks[i + 4].v === 'string') {
      // tests := []string{...}
      const open = toks.findIndex((t, k) => k > i && t.v === '{');
      out[name] = splitTop(block(toks, open).inner).map(literal);
      continue;
    }
    i = toks.findIndex((t, k) => k > i && t.v === 'struct');
    const fieldsBlock = block(toks, i + 1);
    const fields = [];
    const ft = fieldsBlock.inner;
    // "a, b string" and "a string" declarations, in order.
    let pending = [];
    for (let k = 0; k < ft.length; k++) {
      if (ft[k].t === 'id' && ft[k + 1]?.v === ',') {
        pending.push(ft[k].v);
        k++;
      } else if (ft[k].t === 'id' && ft[k + 1]?.t === 'id') {
        fields.push(...pending, ft[k].v);
        pending = [];
        k++;
      }
    }
    const entries = block(toks, fieldsBlock.end).inner;
    out[name] = splitTop(entries).map((entry) => {
      const inner = entry.slice(1, -1);
      const values = splitTop(inner).map(literal);
      return Object.fromEntries(fields.map((f, k) => [f, values[k]]));
    });
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
