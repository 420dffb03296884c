#!/usr/bin/env node
/**
 * Turns sprig's `*_test.go` files into test data: every `runt(tpl, expect)`
 * and `runtv(tpl, expect, vars)` whose arguments are Go literals (directly,
 * through variables, or through `for tpl, expect := range tests` over a map
 * literal) becomes a case { file, test, line, template, expect, data }.
 * Calls of sprig's Go functions from Go code (not through a template) are
 * counted per test as `goCalls`, so the README can say what is not run.
 *
 * Usage: node convert-sprig-tests.mjs <sprig git dir> <tag> > sprig-cases.json
 * (e.g. a bare clone of github.com/Masterminds/sprig and v3.3.0)
 *
 * `data` encodes Go values: strings, booleans and null as JSON; numbers as
 * {"$": "int", "v": "1"} (the Go type and the literal); composites as
 * {"$": "map[string]interface {}", "entries": [[k, v]...]},
 * {"$": "[]string", "items": [...]}, pointers as {"$": "&", "v": value};
 * anything else as {"$": "?", "src": "Go source"}.
 */
import { execFileSync } from 'node:child_process';
import { lex } from './go-lexer.mjs';

const [gitDir, tag] = process.argv.slice(2);
if (!gitDir || !tag) {
  console.error('usage: convert-sprig-tests.mjs <sprig git dir> <tag>');
  process.exit(2);
}

const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const files = git('ls-tree', '--name-only', tag)
  .split('\n')
  .filter((f) => f.endsWith('_test.go'));

class Unresolved extends Error {}

// Expression parser over the token list (newlines skipped inside).
function parseExpr(toks, pos, env) {
  const p = { toks: toks.filter((t) => t.t !== 'nl'), i: 0 };
  void pos;
  const v = expr(p, env);
  return { value: v, consumed: p.i };
}

function peek(p) {
  return p.toks[p.i];
}

function next(p) {
  return p.toks[p.i++];
}

function expect(p, v) {
  const t = next(p);
  if (!t || t.v !== v) throw new Unresolved(`expected ${v}`);
}

function typeText(p) {
  // A Go type: []T, map[K]V, *T, interface{}, name, pkg.Name.
  const t = peek(p);
  if (t.v === '[') {
    next(p);
    let len = '';
    if (peek(p).v !== ']') len = next(p).v;
    expect(p, ']');
    return `[${len}]` + typeText(p);
  }
  if (t.v === 'map') {
    next(p);
    expect(p, '[');
    const k = typeText(p);
    expect(p, ']');
    return `map[${k}]` + typeText(p);
  }
  if (t.v === '*') {
    next(p);
    return '*' + typeText(p);
  }
  if (t.v === 'interface') {
    next(p);
    expect(p, '{');
    expect(p, '}');
    return 'interface {}';
  }
  if (t.v === 'struct') throw new Unresolved('struct type');
  let name = next(p).v;
  if (peek(p)?.v === '.') {
    next(p);
    name += '.' + next(p).v;
  }
  return name;
}

function elemType(type) {
  if (type.startsWith('[]')) return type.slice(2);
  const m = /^\[\d+\](.*)$/.exec(type);
  if (m) return m[1];
  if (type.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < type.length; i++) {
      if (type[i] === '[') depth++;
      if (type[i] === ']' && --depth === 0) return type.slice(i + 1);
    }
  }
  return undefined;
}

function keyType(type) {
  let depth = 0;
  for (let i = 3; i < type.length; i++) {
    if (type[i] === '[') depth++;
    if (type[i] === ']' && --depth === 0) return type.slice(4, i);
  }
  return undefined;
}

function compositeBody(p, env, type) {
  expect(p, '{');
  const isMap = type.startsWith('map[');
  const elem = elemType(type);
  const items = [];
  const entries = [];
  while (peek(p).v !== '}') {
    if (isMap) {
      const k = element(p, env, keyType(type));
      expect(p, ':');
      entries.push([k, element(p, env, elem)]);
    } else items.push(element(p, env, elem));
    if (peek(p).v === ',') next(p);
  }
  expect(p, '}');
  return isMap ? { $: type, entries } : { $: type, items };
}

function element(p, env, type) {
  if (peek(p).v === '{' && type) return compositeBody(p, env, type);
  if (peek(p).v === '&' && p.toks[p.i + 1]?.v === '{' && type?.startsWith('*')) {
    next(p);
    return { $: '&', v: compositeBody(p, env, type.slice(1)) };
  }
  const v = expr(p, env);
  return typed(v, type);
}

/** Untyped constants take the element type of a composite literal. */
function typed(v, type) {
  if (v && typeof v === 'object' && v.untyped && type && type !== 'interface {}') return { $: type, v: v.v };
  if (v && typeof v === 'object' && v.untyped) return { $: v.untyped, v: v.v };
  return v;
}

const conversions = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'float32', 'float64', 'string']);

function primary(p, env) {
  const t = next(p);
  if (!t) throw new Unresolved('end');
  if (t.t === 'str') {
    let s = t.v;
    while (peek(p)?.v === '+' && p.toks[p.i + 1]?.t === 'str') {
      next(p);
      s += next(p).v;
    }
    return s;
  }
  if (t.t === 'num') {
    const isFloat = /[.eE]/.test(t.v) && !/^0[xX]/.test(t.v);
    return { untyped: isFloat ? 'float64' : 'int', v: t.v.replace(/_/g, '') };
  }
  if (t.t === 'rune') return { untyped: 'int32', v: String(t.v.rune) };
  if (t.v === '-' && peek(p)?.t === 'num') {
    const n = primary(p, env);
    return { untyped: n.untyped, v: '-' + n.v };
  }
  if (t.t === 'id') {
    if (t.v === 'true' || t.v === 'false') return t.v === 'true';
    if (t.v === 'nil') return null;
    if (conversions.has(t.v) && peek(p)?.v === '(') {
      next(p);
      const inner = expr(p, env);
      expect(p, ')');
      if (inner && typeof inner === 'object' && inner.untyped) return { $: t.v, v: inner.v };
      if (typeof inner === 'string' && t.v === 'string') return inner;
      throw new Unresolved('conversion of a non-constant');
    }
    if (t.v === 'map' || t.v === 'interface') {
      p.i--;
      const type = typeText(p);
      return compositeBody(p, env, type);
    }
    if (peek(p)?.v === '(' || peek(p)?.v === '.') throw new Unresolved(`call or selector ${t.v}`);
    if (Object.prototype.hasOwnProperty.call(env, t.v)) {
      if (env[t.v] instanceof Unresolved) throw env[t.v];
      return env[t.v];
    }
    throw new Unresolved(`unknown identifier ${t.v}`);
  }
  if (t.v === '[') {
    p.i--;
    const type = typeText(p);
    return compositeBody(p, env, type);
  }
  if (t.v === '&') {
    const v = primary(p, env);
    return { $: '&', v };
  }
  if (t.v === '(') {
    const v = expr(p, env);
    expect(p, ')');
    return v;
  }
  throw new Unresolved(`unexpected ${t.v}`);
}

function expr(p, env) {
  return primary(p, env);
}

/** The tokens of a balanced (...) / {...} group starting at `i` (the opener), and the index after it. */
function group(toks, i) {
  const open = toks[i].v;
  const close = open === '(' ? ')' : open === '{' ? '}' : ']';
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].v === open) depth++;
    else if (toks[j].v === close && --depth === 0) return { inner: toks.slice(i + 1, j), end: j + 1 };
  }
  throw new Error('unbalanced');
}

function splitArgs(toks) {
  const args = [];
  let depth = 0;
  let cur = [];
  for (const t of toks) {
    if ('([{'.includes(t.v) && t.t === 'op') depth++;
    if (')]}'.includes(t.v) && t.t === 'op') depth--;
    if (t.t === 'op' && t.v === ',' && depth === 0) {
      args.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.some((t) => t.t !== 'nl')) args.push(cur);
  return args;
}

function evaluate(toks, env) {
  try {
    const { value } = parseExpr(toks, 0, env);
    return typed(value, undefined);
  } catch (error) {
    if (error instanceof Unresolved) return error;
    throw error;
  }
}

const cases = [];
const summary = {};

function emit(file, test, line, tplV, expV, dataV) {
  const record = { file, test, line };
  for (const [name, v] of [
    ['template', tplV],
    ['expect', expV],
  ]) {
    if (v instanceof Unresolved) {
      record.unresolved = `${name}: ${v.message}`;
      break;
    }
    if (typeof v !== 'string') {
      record.unresolved = `${name}: not a string literal`;
      break;
    }
    record[name] = v;
  }
  if (dataV !== undefined) {
    if (dataV instanceof Unresolved) record.unresolved ??= `data: ${dataV.message}`;
    else record.data = dataV;
  }
  cases.push(record);
}

/** Walk a function body: assignments, runt/runtv calls, range loops over tables. */
function walk(file, test, toks, env) {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === 'id' && (toks[i + 1]?.v === ':=' || toks[i + 1]?.v === '=') && (i === 0 || toks[i - 1].t === 'nl' || toks[i - 1].v === '{' || toks[i - 1].v === ';')) {
      // name := EXPR (to the end of the line, or a balanced composite).
      let j = i + 2;
      const start = j;
      let depth = 0;
      while (j < toks.length && !(depth === 0 && (toks[j].t === 'nl' || toks[j].v === ';'))) {
        if ('([{'.includes(toks[j].v) && toks[j].t === 'op') depth++;
        if (')]}'.includes(toks[j].v) && toks[j].t === 'op') depth--;
        j++;
      }
      env[t.v] = evaluate(toks.slice(start, j), env);
      if (env[t.v] instanceof Unresolved) env[t.v] = new Unresolved(`${t.v} is ${env[t.v].message}`);
      i = j - 1;
      continue;
    }
    if (t.v === 'for' && t.t === 'id') {
      // for K, V := range NAME { body }
      const m = toks.slice(i + 1, i + 8).filter((x) => x.t !== 'nl');
      const open = toks.findIndex((x, k) => k > i && x.v === '{');
      const { inner, end } = group(toks, open);
      if (m[1]?.v === ',' && m[3]?.v === ':=' && m[4]?.v === 'range' && m[5]?.t === 'id') {
        const [k, v, table] = [m[0].v, m[2].v, env[m[5].v]];
        if (table && table.$?.startsWith('map[') && Array.isArray(table.entries)) {
          for (const [key, value] of table.entries) walk(file, test, inner, { ...env, [k]: key, [v]: value });
          i = end - 1;
          continue;
        }
        if (table && Array.isArray(table.items)) {
          for (const item of table.items) walk(file, test, inner, { ...env, [k]: { untyped: 'int', v: '0' }, [v]: item });
          i = end - 1;
          continue;
        }
      }
      walk(file, test, inner, { ...env, __inLoop: true });
      i = end - 1;
      continue;
    }
    if (t.v === 'assert' && toks[i + 1]?.v === '.' && ['Equal', 'EqualValues', 'True', 'False'].includes(toks[i + 2]?.v) && toks[i + 3]?.v === '(') {
      const { inner, end } = group(toks, i + 3);
      const args = splitArgs(inner).slice(1);
      const kind = toks[i + 2].v;
      const call = kind === 'True' || kind === 'False' ? args[0] : args[1];
      const expected = kind === 'True' ? true : kind === 'False' ? false : evaluate(args[0], env);
      const made = callTemplate(call, env);
      if (made) {
        const record = { file, test, line: t.line, template: made.template, data: made.data, expectValue: expected };
        if (made.unresolved) record.unresolved = made.unresolved;
        else if (expected instanceof Unresolved) record.unresolved = `expected: ${expected.message}`;
        cases.push(record);
        i = end - 1;
        continue;
      }
    }
    if ((t.v === 'runt' || t.v === 'runtv') && toks[i + 1]?.v === '(') {
      const { inner, end } = group(toks, i + 1);
      const args = splitArgs(inner);
      const vals = args.map((a) => evaluate(a, env));
      emit(file, test, t.line, vals[0], vals[1], t.v === 'runtv' ? vals[2] : undefined);
      i = end - 1;
      continue;
    }
    if (t.t === 'id' && /^[a-z][A-Za-z0-9]*$/.test(t.v) && toks[i + 1]?.v === '(' && toks[i - 1]?.v !== '.' && toks[i - 1]?.v !== 'func') {
      if (goFunctions.has(t.v)) {
        summary[test] ??= { goCalls: 0 };
        summary[test].goCalls++;
      }
    }
  }
}

/** A Go call of a sprig function, `fn(args…)` or `len(fn(args…))`, as a template over data `.a0`, `.a1`… */
function callTemplate(toks, env) {
  const code = toks.filter((x) => x.t !== 'nl');
  let wrapLen = false;
  let k = 0;
  if (code[0]?.v === 'len' && code[1]?.v === '(') {
    wrapLen = true;
    k = 2;
  }
  const fn = code[k]?.v;
  if (!goFunctions.has(fn) || code[k + 1]?.v !== '(') return undefined;
  const { inner } = group(code, k + 1);
  const args = splitArgs(inner);
  const data = { $: 'map[string]interface {}', entries: [] };
  const names = [];
  let unresolved;
  args.forEach((a, n) => {
    const v = evaluate(a, env);
    if (v instanceof Unresolved) unresolved ??= `argument ${n}: ${v.message}`;
    data.entries.push(['a' + n, v instanceof Unresolved ? null : v]);
    names.push('.a' + n);
  });
  const name = templateNames[fn] ?? fn;
  const callText = [name, ...names].join(' ');
  return { template: wrapLen ? `{{ len (${callText}) }}` : `{{ ${callText} }}`, data, unresolved };
}

/** Go function names whose template name differs. */
const templateNames = { toFloat64: 'float64', toInt64: 'int64', toInt: 'int', substring: 'substr', dfault: 'default', strval: 'toString' };

const goFunctions = new Set();
for (const file of git('ls-tree', '--name-only', tag)
  .split('\n')
  .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
  const src = git('show', `${tag}:${file}`);
  for (const m of src.matchAll(/^func ([a-z][A-Za-z0-9]*)\(/gm)) goFunctions.add(m[1]);
}

for (const file of files) {
  let src;
  try {
    src = git('show', `${tag}:${file}`);
  } catch {
    continue;
  }
  const toks = lex(src);
  // Package-level tables (var urlTests = map[...]...{...}) are visible to every test of the file.
  const globals = {};
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].v !== 'var' || toks[i + 1]?.t !== 'id' || toks[i + 2]?.v !== '=' || (i > 0 && toks[i - 1].t !== 'nl')) continue;
    // The expression parser stops at the end of the composite literal.
    const value = evaluate(toks.slice(i + 3), globals);
    if (!(value instanceof Unresolved)) globals[toks[i + 1].v] = value;
  }
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].v !== 'func' || toks[i + 1]?.t !== 'id' || !/^Test/.test(toks[i + 1].v)) continue;
    const test = toks[i + 1].v;
    const open = toks.findIndex((x, k) => k > i && x.v === '{');
    const { inner, end } = group(toks, open);
    summary[test] ??= { goCalls: 0 };
    summary[test].file = file;
    walk(file, test, inner, { ...globals });
    i = end - 1;
  }
}

process.stdout.write(JSON.stringify({ source: `github.com/Masterminds/sprig ${tag}`, cases, tests: summary }, null, 1) + '\n');
