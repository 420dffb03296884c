#!/usr/bin/env node
/**
 * Converts Go's test tables for text/template and fmt into JSON data.
 *
 *   node convert-go-tests.mjs --text-template DIR --fmt FILE [--out DIR]
 *
 * DIR is a copy of Go's src/text/template (exec_test.go, multi_test.go,
 * parse/parse_test.go, parse/lex_test.go); FILE is Go's src/fmt/fmt_test.go.
 * The tables are read with a small reader of Go literal syntax; values that
 * are plain constants, strings and composite literals of basic types become
 * JSON, any other Go expression is kept as its source text (the tests decide
 * which of those they can build and which they skip).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- tokens

function tokenize(src) {
  const tokens = [];
  let i = 0;
  const isIdentStart = (c) => /[\p{L}_]/u.test(c);
  const isIdent = (c) => /[\p{L}\p{Nd}_]/u.test(c);
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      i = src.indexOf('*/', i + 2) + 2;
      continue;
    }
    const start = i;
    if (c === '"') {
      i++;
      while (src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
      tokens.push({ t: 'string', v: src.slice(start, i), start, end: i });
      continue;
    }
    if (c === '`') {
      i = src.indexOf('`', i + 1) + 1;
      tokens.push({ t: 'string', v: src.slice(start, i), start, end: i });
      continue;
    }
    if (c === "'") {
      i++;
      while (src[i] !== "'") i += src[i] === '\\' ? 2 : 1;
      i++;
      tokens.push({ t: 'char', v: src.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1]))) {
      const m = /^(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bBoO][0-9_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(src.slice(i));
      i += m[0].length;
      tokens.push({ t: 'number', v: src.slice(start, i), start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < src.length && isIdent(String.fromCodePoint(src.codePointAt(i)))) i += src.codePointAt(i) > 0xffff ? 2 : 1;
      tokens.push({ t: 'ident', v: src.slice(start, i), start, end: i });
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (three === '...') {
      i += 3;
      tokens.push({ t: 'punct', v: three, start, end: i });
    } else if (['<<', '>>', '&&', '||', '==', '!=', '<=', '>=', ':=', '&^'].includes(two)) {
      i += 2;
      tokens.push({ t: 'punct', v: two, start, end: i });
    } else {
      i++;
      tokens.push({ t: 'punct', v: c, start, end: i });
    }
  }
  return tokens;
}

// ---------------------------------------------------------------- parser (expressions and composite literals)

class Parser {
  constructor(src, tokens, at = 0) {
    this.src = src;
    this.tokens = tokens;
    this.i = at;
  }
  peek(k = 0) {
    return this.tokens[this.i + k];
  }
  next() {
    return this.tokens[this.i++];
  }
  is(v) {
    const t = this.peek();
    return t && (t.t === 'punct' || t.t === 'ident') && t.v === v;
  }
  expect(v) {
    const t = this.next();
    if (!t || t.v !== v) throw new Error(`expected ${v} at ${t ? this.src.slice(t.start, t.start + 40) : 'EOF'}`);
    return t;
  }
  // A type: []T, [N]T, map[K]V, *T, struct{...}, func(...)..., name, pkg.name
  type() {
    const start = this.peek().start;
    if (this.is('[')) {
      this.next();
      let len = null;
      if (!this.is(']')) len = this.expr();
      this.expect(']');
      const elem = this.type();
      return { k: len ? 'array' : 'slice', len, elem, src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    if (this.is('map')) {
      this.next();
      this.expect('[');
      const key = this.type();
      this.expect(']');
      const elem = this.type();
      return { k: 'map', key, elem, src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    if (this.is('*')) {
      this.next();
      const elem = this.type();
      return { k: 'pointer', elem, src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    if (this.is('struct') || this.is('interface')) {
      this.next();
      this.skipBalanced('{', '}');
      return { k: 'other', src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    if (this.is('func')) {
      this.next();
      this.skipBalanced('(', ')');
      if (this.is('(')) this.skipBalanced('(', ')');
      else if (this.peek().t === 'ident' && !this.is('{')) this.type();
      return { k: 'other', src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    let name = this.next().v;
    while (this.is('.')) {
      this.next();
      name += '.' + this.next().v;
    }
    if (this.is('[') && this.peek(1).t === 'ident' && this.peek(2)?.v === ']') {
      // Generic instantiation T[int].
      this.next();
      name += '[' + this.next().v + ']';
      this.next();
    }
    return { k: 'name', name, src: this.src.slice(start, this.tokens[this.i - 1].end) };
  }
  skipBalanced(open, close) {
    this.expect(open);
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.v === open) depth++;
      else if (t.v === close) depth--;
    }
  }
  compositeBody(type) {
    this.expect('{');
    const elems = [];
    while (!this.is('}')) {
      let key = null;
      let value = this.is('{') ? this.compositeBody(null) : this.expr();
      if (this.is(':')) {
        this.next();
        key = value;
        value = this.is('{') ? this.compositeBody(null) : this.expr();
      }
      elems.push(key ? { key, value } : { value });
      if (this.is(',')) this.next();
    }
    this.expect('}');
    return { k: 'composite', type, elems };
  }
  primary() {
    const t = this.peek();
    const start = t.start;
    let node;
    if (t.t === 'string' || t.t === 'char' || t.t === 'number') {
      this.next();
      node = { k: t.t, v: t.v };
    } else if (this.is('(')) {
      this.next();
      node = this.expr();
      this.expect(')');
      node = { k: 'paren', x: node };
    } else if (this.is('[') || this.is('map') || this.is('struct') || this.is('func') || this.is('interface')) {
      const type = this.type();
      if (this.is('{') && type.k !== 'other') node = this.compositeBody(type);
      else if (this.is('{')) {
        // A func literal or anonymous struct value: keep as source.
        this.skipBalanced('{', '}');
        if (this.is('{')) this.skipBalanced('{', '}');
        node = { k: 'other' };
      } else if (this.is('(')) {
        this.next();
        const x = this.expr();
        this.expect(')');
        node = { k: 'conv', type, x };
      } else node = { k: 'type', type };
    } else if (t.t === 'ident') {
      this.next();
      node = { k: 'ident', v: t.v };
    } else {
      throw new Error(`unexpected ${t.v} at ${this.src.slice(t.start, t.start + 60)}`);
    }
    for (;;) {
      if (this.is('.')) {
        this.next();
        if (this.is('(')) {
          this.skipBalanced('(', ')');
          node = { k: 'other' };
          continue;
        }
        const name = this.next().v;
        node = node.k === 'ident' ? { k: 'ident', v: node.v + '.' + name } : { k: 'selector', x: node, name };
      } else if (this.is('(')) {
        this.next();
        const args = [];
        while (!this.is(')')) {
          args.push(this.expr());
          if (this.is('...')) this.next();
          if (this.is(',')) this.next();
        }
        this.expect(')');
        node = { k: 'call', fn: node, args };
      } else if (this.is('{') && node.k === 'ident' && /^[A-Z]|^[a-z]+\.[A-Z]/.test(node.v) && this.allowComposite) {
        node = this.compositeBody({ k: 'name', name: node.v, src: node.v });
      } else if (this.is('[')) {
        this.next();
        if (node.k === 'ident' && this.peek().t === 'ident' && this.peek(1)?.v === ']') {
          node = { k: 'ident', v: `${node.v}[${this.next().v}]` };
          this.next();
          continue;
        }
        const index = this.is(':') ? null : this.expr();
        if (this.is(':')) {
          this.next();
          if (!this.is(']')) this.expr();
        }
        this.expect(']');
        node = { k: 'index', x: node, index };
      } else break;
    }
    node.src = this.src.slice(start, this.tokens[this.i - 1].end);
    return node;
  }
  unary() {
    const t = this.peek();
    if (t.t === 'punct' && ['-', '+', '^', '!', '&', '*'].includes(t.v)) {
      this.next();
      const start = t.start;
      const saved = this.allowComposite;
      if (t.v === '&') this.allowComposite = true;
      const x = this.unary();
      this.allowComposite = saved;
      return { k: 'unary', op: t.v, x, src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    return this.primary();
  }
  expr(prec = 1) {
    const precs = {
      '||': 1,
      '&&': 2,
      '==': 3,
      '!=': 3,
      '<': 3,
      '<=': 3,
      '>': 3,
      '>=': 3,
      '+': 4,
      '-': 4,
      '|': 4,
      '^': 4,
      '*': 5,
      '/': 5,
      '%': 5,
      '<<': 5,
      '>>': 5,
      '&': 5,
      '&^': 5,
    };
    const start = this.peek().start;
    let x = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.t !== 'punct' || !(t.v in precs) || precs[t.v] < prec) break;
      this.next();
      const y = this.expr(precs[t.v] + 1);
      x = { k: 'binary', op: t.v, x, y, src: this.src.slice(start, this.tokens[this.i - 1].end) };
    }
    return x;
  }
}

/** The elements of `var NAME = []T{ ... }` (or `NAME = []T{...}` inside a var block). */
function table(src, name) {
  const tokens = tokenize(src);
  for (let i = 0; i < tokens.length - 2; i++) {
    if (tokens[i].v === name && tokens[i + 1].v === '=' && tokens[i - 1]?.v !== '.') {
      const p = new Parser(src, tokens, i + 2);
      p.allowComposite = true;
      if (p.is('[') || p.is('map')) {
        p.type();
      } else if (p.is('struct')) p.type();
      const body = p.compositeBody(null);
      return body.elems;
    }
  }
  throw new Error(`no table ${name}`);
}

/** Top-level `name = expr` definitions (var blocks and single vars). */
function definitions(src) {
  const tokens = tokenize(src);
  const defs = new Map();
  for (let i = 1; i < tokens.length - 2; i++) {
    if (
      tokens[i].t === 'ident' &&
      tokens[i + 1].v === '=' &&
      (tokens[i - 1].v === 'var' || tokens[i - 1].v === '(' || tokens[i - 1].v === ')' || /\n\s*$/.test(src.slice(tokens[i - 1].end, tokens[i].start)))
    ) {
      try {
        const p = new Parser(src, tokens, i + 2);
        p.allowComposite = true;
        defs.set(tokens[i].v, p.expr());
      } catch {
        // Not a simple definition.
      }
    }
  }
  return defs;
}

// ---------------------------------------------------------------- constant evaluation

function unquoteGo(lit) {
  if (lit[0] === '`') return lit.slice(1, -1).replace(/\r/g, '');
  const body = lit.slice(1, -1);
  const bytes = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length;) {
    const c = body[i];
    if (c !== '\\') {
      const cp = body.codePointAt(i);
      const s = String.fromCodePoint(cp);
      for (const b of enc.encode(s)) bytes.push(b);
      i += s.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34 };
    if (e in simple) bytes.push(simple[e]);
    else if (e === 'x') {
      bytes.push(parseInt(body.slice(i, i + 2), 16));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const cp = parseInt(body.slice(i, i + n), 16);
      i += n;
      for (const b of enc.encode(String.fromCodePoint(cp))) bytes.push(b);
    } else if (/[0-7]/.test(e)) {
      bytes.push(parseInt(body.slice(i - 1, i + 2), 8));
      i += 2;
    } else throw new Error('bad escape ' + e);
  }
  return bytesToValue(bytes);
}

/** A Go string as JSON: a plain string when it is valid UTF-8, else {bytes: [...]}. */
function bytesToValue(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return { bytes };
  }
}

function charValue(lit) {
  const body = lit.slice(1, -1);
  if (body[0] !== '\\') return BigInt(body.codePointAt(0));
  const e = body[1];
  const simple = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, "'": 39, '"': 34 };
  if (e in simple) return BigInt(simple[e]);
  if (e === 'x' || e === 'u' || e === 'U') return BigInt(parseInt(body.slice(2), 16));
  return BigInt(parseInt(body.slice(1), 8));
}

class Unsupported extends Error {}

/** Untyped constant: {c: 'int', v: bigint} | {c: 'float', v: number} | {c: 'complex', re, im} | {c: 'string', v} | {c: 'bool', v} | {c: 'rune', v}. */
function constant(node, env) {
  switch (node.k) {
    case 'number': {
      let t = node.v.replace(/_/g, '');
      if (t.endsWith('i')) {
        const im = Number(t.slice(0, -1).replace(/^0+(?=\d)/, ''));
        return { c: 'complex', re: 0, im };
      }
      if (/^0[xX]/.test(t) && /[pP.]/.test(t)) return { c: 'float', v: hexFloat(t) };
      if (/^0[xX]/.test(t)) return { c: 'int', v: BigInt(t) };
      if (/^0[bB]/.test(t)) return { c: 'int', v: BigInt(t) };
      if (/^0[oO]/.test(t)) return { c: 'int', v: BigInt('0o' + t.slice(2)) };
      if (/[.eE]/.test(t)) return { c: 'float', v: Number(t) };
      if (/^0[0-7]+$/.test(t)) return { c: 'int', v: BigInt('0o' + t.slice(1)) };
      return { c: 'int', v: BigInt(t) };
    }
    case 'char':
      return { c: 'rune', v: charValue(node.v) };
    case 'string':
      return { c: 'string', v: unquoteGo(node.v) };
    case 'paren':
      return constant(node.x, env);
    case 'ident': {
      if (node.v === 'true' || node.v === 'false') return { c: 'bool', v: node.v === 'true' };
      const known = {
        'math.MaxInt64': { c: 'int', v: (1n << 63n) - 1n },
        'math.MinInt64': { c: 'int', v: -(1n << 63n) },
        'math.MaxUint64': { c: 'int', v: (1n << 64n) - 1n },
        'math.MaxInt32': { c: 'int', v: (1n << 31n) - 1n },
        'math.MinInt32': { c: 'int', v: -(1n << 31n) },
        'math.MaxInt8': { c: 'int', v: 127n },
        'math.MinInt8': { c: 'int', v: -128n },
        'math.MaxUint32': { c: 'int', v: (1n << 32n) - 1n },
        'math.MaxUint16': { c: 'int', v: 65535n },
        'math.MaxUint8': { c: 'int', v: 255n },
        'math.MaxFloat64': { c: 'float', v: Number.MAX_VALUE },
        'math.SmallestNonzeroFloat64': { c: 'float', v: Number.MIN_VALUE },
        'math.Pi': { c: 'float', v: Math.PI },
      };
      if (node.v in known) return known[node.v];
      if (env && env.has(node.v)) return constant(env.get(node.v), env);
      throw new Unsupported(node.v);
    }
    case 'unary': {
      const x = constant(node.x, env);
      if (node.op === '+') return x;
      if (node.op === '-') {
        if (x.c === 'int' || x.c === 'rune') return { c: x.c, v: -x.v };
        if (x.c === 'float') return { c: 'float', v: x.v === 0 ? 0 : -x.v };
        if (x.c === 'complex') return { c: 'complex', re: -x.re, im: -x.im };
      }
      if (node.op === '^' && (x.c === 'int' || x.c === 'rune')) {
        const bits = { uint8: 8n, uint16: 16n, uint32: 32n, uint64: 64n, uint: 64n, uintptr: 64n }[x.typed];
        return { ...x, v: bits ? ~x.v & ((1n << bits) - 1n) : ~x.v };
      }
      if (node.op === '!' && x.c === 'bool') return { c: 'bool', v: !x.v };
      throw new Unsupported(node.src);
    }
    case 'binary': {
      const x = constant(node.x, env);
      const y = constant(node.y, env);
      if ((x.c === 'int' || x.c === 'rune') && (y.c === 'int' || y.c === 'rune')) {
        const a = x.v;
        const b = y.v;
        const c = x.c === 'rune' || y.c === 'rune' ? 'rune' : 'int';
        switch (node.op) {
          case '+':
            return { c, v: a + b };
          case '-':
            return { c, v: a - b };
          case '*':
            return { c, v: a * b };
          case '/':
            return { c, v: a / b };
          case '%':
            return { c, v: a % b };
          case '<<':
            return { c, v: a << b };
          case '>>':
            return { c, v: a >> b };
          case '|':
            return { c, v: a | b };
          case '&':
            return { c, v: a & b };
          case '^':
            return { c, v: a ^ b };
        }
      }
      if (x.c === 'string' && y.c === 'string' && node.op === '+') {
        if (typeof x.v === 'string' && typeof y.v === 'string') return { c: 'string', v: x.v + y.v };
        throw new Unsupported(node.src);
      }
      const isNum = (z) => z.c === 'int' || z.c === 'rune' || z.c === 'float' || z.c === 'complex';
      if (isNum(x) && isNum(y)) {
        const cx = toComplex(x);
        const cy = toComplex(y);
        const complex = x.c === 'complex' || y.c === 'complex';
        let re;
        let im;
        switch (node.op) {
          case '+':
            re = cx.re + cy.re;
            im = cx.im + cy.im;
            break;
          case '-':
            re = cx.re - cy.re;
            im = cx.im - cy.im;
            break;
          case '*':
            re = cx.re * cy.re - cx.im * cy.im;
            im = cx.re * cy.im + cx.im * cy.re;
            break;
          case '/':
            if (complex) throw new Unsupported(node.src);
            re = cx.re / cy.re;
            im = 0;
            break;
          default:
            throw new Unsupported(node.src);
        }
        return complex ? { c: 'complex', re, im } : { c: 'float', v: re };
      }
      throw new Unsupported(node.src);
    }
    case 'conv':
      if (node.type.k === 'name' && basicTypes.has(node.type.name)) return { ...constant(node.x, env), typed: canonical(node.type.name) };
      throw new Unsupported(node.src);
    case 'call': {
      const fn = node.fn.k === 'ident' ? node.fn.v : null;
      if (fn && basicTypes.has(fn) && fn !== 'string') return { ...constant(node.args[0], env), typed: canonical(fn) };
      if (fn === 'math.Inf') return { c: 'float', v: constant(node.args[0], env).v < 0 ? -Infinity : Infinity };
      if (fn === 'math.NaN') return { c: 'float', v: NaN };
      if (fn === 'complex') {
        const re = constant(node.args[0], env);
        const im = constant(node.args[1], env);
        return { c: 'complex', re: Number(re.v), im: Number(im.v) };
      }
      throw new Unsupported(node.src);
    }
  }
  throw new Unsupported(node.src ?? node.k);
}

function toComplex(x) {
  if (x.c === 'complex') return x;
  return { re: Number(x.v), im: 0 };
}

function hexFloat(t) {
  const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(t);
  const digits = m[1] + (m[2] ?? '');
  return Number(BigInt('0x' + (digits || '0'))) * Math.pow(2, Number(m[3]) - 4 * (m[2] ?? '').length);
}

function constString(node, env) {
  const c = constant(node, env);
  if (c.c !== 'string') throw new Unsupported(node.src);
  return c.v;
}

// ---------------------------------------------------------------- values (for fmt tests)

const basicTypes = new Set([
  'bool',
  'string',
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'float32',
  'float64',
  'complex64',
  'complex128',
  'byte',
  'rune',
]);

function canonical(name) {
  return name === 'byte' ? 'uint8' : name === 'rune' ? 'int32' : name;
}

/** A Go value as JSON: {type, value} for basic types, {type, items} for slices and arrays, {type, entries} for maps, {type: 'nil'}. */
const renamed = new Map();

function valueOf(node, env, typeHint) {
  if (node.k === 'ident' && node.v === 'nil') return { type: 'nil' };
  if (node.k === 'paren') return valueOf(node.x, env, typeHint);
  if (node.k === 'unary' && node.op === '&' && node.x.k === 'composite') {
    const target = valueOf(node.x, env, null);
    return { type: '*' + target.type, target };
  }
  if (node.k === 'conv' && (node.type.k === 'slice' || node.type.k === 'map') && node.x.k === 'ident' && node.x.v === 'nil') {
    return node.type.k === 'slice' ? { type: typeName(node.type), items: null } : { type: typeName(node.type), entries: null };
  }
  if (node.k === 'call' && node.fn.k === 'ident' && renamed.has(node.fn.v)) {
    const underlying = renamed.get(node.fn.v);
    const inner = basicValue(underlying, constant(node.args[0], env), node.src);
    return { ...inner, type: 'fmt_test.' + node.fn.v, kind: underlying };
  }
  if (node.k === 'conv' || (node.k === 'call' && node.fn.k === 'ident' && basicTypes.has(node.fn.v))) {
    const type = node.k === 'conv' ? node.type : { k: 'name', name: node.fn.v };
    const x = node.k === 'conv' ? node.x : node.args[0];
    if (type.k === 'slice' && type.elem.k === 'name' && canonical(type.elem.name) === 'uint8') {
      const s = constant(x, env);
      if (s.c !== 'string') throw new Unsupported(node.src);
      const bytes = typeof s.v === 'string' ? [...new TextEncoder().encode(s.v)] : s.v.bytes;
      return { type: typeName(type), items: bytes.map((b) => ({ type: 'uint8', value: String(b) })) };
    }
    if (type.k === 'name' && basicTypes.has(type.name)) {
      if (canonical(type.name) === 'string' && (x.k === 'call' || x.k === 'conv')) {
        // string(rune(0x110000)) and the like.
        const inner = constant(x.k === 'conv' ? x.x : x.args[0], env);
        const cp = Number(inner.v);
        return { type: 'string', value: cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(cp) };
      }
      return basicValue(canonical(type.name), constant(x, env), node.src);
    }
    throw new Unsupported(node.src);
  }
  if (node.k === 'composite') {
    const type = node.type ?? typeHint;
    if (!type) throw new Unsupported('untyped composite');
    if (type.k === 'slice' || type.k === 'array') {
      const items = node.elems.map((e) => {
        if (e.key) throw new Unsupported(node.src);
        return valueOf(e.value, env, type.elem);
      });
      return { type: typeName(type), items };
    }
    if (type.k === 'map') {
      const entries = node.elems.map((e) => [valueOf(e.key, env, type.key), valueOf(e.value, env, type.elem)]);
      return { type: typeName(type), entries };
    }
    throw new Unsupported(node.src ?? 'composite');
  }
  if (typeHint && typeHint.k === 'name' && basicTypes.has(typeHint.name)) return basicValue(canonical(typeHint.name), constant(node, env), node.src);
  if (typeHint && typeHint.k === 'name' && (typeHint.name === 'any' || typeHint.name === 'interface{}')) return valueOf(node, env, null);
  if (typeHint && typeHint.k !== 'name') return valueOf(node, env, null);
  if (typeHint && typeHint.k === 'name' && !basicTypes.has(typeHint.name)) throw new Unsupported(typeHint.name);
  if (node.k === 'call' && node.fn.k === 'ident') {
    if (node.fn.v === 'math.Inf') {
      const sign = constant(node.args[0], env);
      return { type: 'float64', value: sign.v < 0 ? '-Inf' : '+Inf' };
    }
    if (node.fn.v === 'math.NaN') return { type: 'float64', value: 'NaN' };
    if (node.fn.v === 'math.Copysign') {
      const x = constant(node.args[0], env);
      const s = constant(node.args[1], env);
      const v = Math.abs(Number(x.v)) * (Number(s.v) < 0 ? -1 : 1);
      return { type: 'float64', value: Object.is(v, -0) ? '-0' : String(v) };
    }
  }
  // An untyped constant as interface{}: its default type.
  const c = constant(node, env);
  if (c.typed) return basicValue(c.typed, c, node.src);
  switch (c.c) {
    case 'int':
      return basicValue('int', c, node.src);
    case 'rune':
      return basicValue('int32', c, node.src);
    case 'float':
      return basicValue('float64', c, node.src);
    case 'complex':
      return basicValue('complex128', c, node.src);
    case 'string':
      return basicValue('string', c, node.src);
    case 'bool':
      return basicValue('bool', c, node.src);
  }
  throw new Unsupported(node.src);
}

function typeName(type) {
  switch (type.k) {
    case 'slice':
      return '[]' + typeName(type.elem);
    case 'array':
      return `[${constant(type.len).v}]` + typeName(type.elem);
    case 'map':
      return `map[${typeName(type.key)}]${typeName(type.elem)}`;
    case 'pointer':
      return '*' + typeName(type.elem);
    case 'name':
      if (type.name === 'any' || type.name === 'interface{}') return 'interface {}';
      if (!basicTypes.has(type.name)) throw new Unsupported(type.name);
      return canonical(type.name);
  }
  throw new Unsupported(type.src);
}

function floatText(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return Object.is(v, -0) ? '-0' : String(v);
}

function basicValue(type, c, src) {
  switch (type) {
    case 'bool':
      if (c.c !== 'bool') throw new Unsupported(src);
      return { type, value: c.v };
    case 'string':
      if (c.c !== 'string') throw new Unsupported(src);
      return typeof c.v === 'string' ? { type, value: c.v } : { type, bytes: c.v.bytes };
    case 'float32':
    case 'float64':
      return { type, value: floatText(c.c === 'complex' ? c.re : Number(c.v)) };
    case 'complex64':
    case 'complex128': {
      const z = toComplex(c);
      return { type, re: floatText(z.re), im: floatText(z.im) };
    }
    default: {
      // Integer kinds: conversion of a constant must be exact in Go; keep the value.
      let v = c.c === 'float' ? BigInt(c.v) : c.v;
      return { type, value: String(v) };
    }
  }
}

// ---------------------------------------------------------------- the tables

function fieldsOf(elem) {
  const v = elem.value;
  if (v.k !== 'composite') throw new Error('not a composite element');
  return v.elems;
}

function convertExecTests(src, tableName) {
  const env = definitions(src);
  const special = {
    bigInt: { c: 'string', v: '0x7fffffffffffffff' },
    bigUint: { c: 'string', v: '0x8000000000000000' },
  };
  const envWith = new Map(env);
  for (const [k, v] of Object.entries(special)) envWith.set(k, { k: 'string', v: JSON.stringify(v.v) });
  // rangeTestInt and rangeTestData[T]() are computed in Go: give their values here.
  envWith.set('rangeTestInt', { k: 'string', v: JSON.stringify('{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}') });
  const rows = [];
  for (const elem of table(src, tableName)) {
    const f = fieldsOf(elem).map((e) => e.value);
    const row = { name: constString(f[0], envWith), input: null, output: null, data: f[3].src, ok: f[4].v === 'true' };
    try {
      row.input = constString(f[1], envWith);
    } catch {
      row.input = { go: f[1].src };
    }
    const out = f[2];
    if (out.k === 'call' && out.fn.k === 'ident' && /^rangeTestData\[/.test(out.fn.v)) {
      const type = /\[(\w+)\]/.exec(out.fn.v)[1];
      row.output = [0, 1, 2, 3, 4].map((i) => `${type}${i}`).join('');
    } else row.output = constString(out, envWith);
    rows.push(row);
  }
  return rows;
}

function convertCmpTests(src) {
  return table(src, 'cmpTests').map((elem) => {
    const f = fieldsOf(elem).map((e) => e.value);
    return { expr: constString(f[0]), truth: constString(f[1]), ok: f[2].v === 'true' };
  });
}

function convertParseTests(src, name) {
  const env = definitions(src);
  return table(src, name).map((elem) => {
    const f = fieldsOf(elem).map((e) => e.value);
    return { name: constString(f[0], env), input: constString(f[1], env), ok: f[2].v === 'noError' || f[2].v === 'true', result: constString(f[3], env) };
  });
}

function convertNumberTests(src) {
  return table(src, 'numberTests')
    .map((elem) => {
      const fields = fieldsOf(elem);
      if (fields[0].key) return { text: constString(fields[0].value), isInt: false, isUint: false, isFloat: false, isComplex: false };
      const f = fields.map((e) => e.value);
      const num = (n) => {
        const c = constant(n);
        return c.c === 'complex' ? { re: c.re, im: c.im } : c.c === 'float' ? c.v : String(c.v);
      };
      const cplx = constant(f[8]);
      const z = toComplex(cplx);
      const fl = constant(f[7]);
      return {
        text: constString(f[0]),
        isInt: f[1].v === 'true',
        isUint: f[2].v === 'true',
        isFloat: f[3].v === 'true',
        isComplex: f[4].v === 'true',
        int64: String(constant(f[5]).c === 'float' ? BigInt(constant(f[5]).v) : constant(f[5]).v),
        uint64: String(constant(f[6]).c === 'float' ? BigInt(constant(f[6]).v) : constant(f[6]).v),
        float64: Number(fl.c === 'complex' ? fl.re : fl.v),
        complex: { re: z.re, im: z.im },
        _: num,
      };
    })
    .map(({ _, ...rest }) => rest);
}

const itemNames = {
  itemError: 'Error',
  itemBool: 'Bool',
  itemChar: 'Char',
  itemCharConstant: 'CharConstant',
  itemComment: 'Comment',
  itemComplex: 'Complex',
  itemAssign: 'Assign',
  itemDeclare: 'Declare',
  itemEOF: 'EOF',
  itemField: 'Field',
  itemIdentifier: 'Identifier',
  itemLeftDelim: 'LeftDelim',
  itemLeftParen: 'LeftParen',
  itemNumber: 'Number',
  itemPipe: 'Pipe',
  itemRawString: 'RawString',
  itemRightDelim: 'RightDelim',
  itemRightParen: 'RightParen',
  itemSpace: 'Space',
  itemString: 'String',
  itemText: 'Text',
  itemVariable: 'Variable',
  itemBlock: 'Block',
  itemBreak: 'Break',
  itemContinue: 'Continue',
  itemDot: 'Dot',
  itemDefine: 'Define',
  itemElse: 'Else',
  itemEnd: 'End',
  itemIf: 'If',
  itemNil: 'Nil',
  itemRange: 'Range',
  itemTemplate: 'Template',
  itemWith: 'With',
};

function convertLexTests(src, name) {
  const env = definitions(src);
  const item = (node) => {
    if (node.k === 'ident') return item(env.get(node.v));
    if (node.k === 'composite') {
      // item{itemX, pos, "val", line}
      const f = node.elems.map((e) => e.value);
      return { typ: itemNames[f[0].v], pos: Number(constant(f[1]).v), val: constString(f[2], env), line: Number(constant(f[3]).v) };
    }
    if (node.k === 'call' && node.fn.v === 'mkItem') return { typ: itemNames[node.args[0].v], val: constString(node.args[1], env) };
    throw new Error('unknown item ' + node.src);
  };
  return table(src, name).map((elem) => {
    const f = fieldsOf(elem).map((e) => e.value);
    return { name: constString(f[0], env), input: constString(f[1], env), items: f[2].elems.map((e) => item(e.value)) };
  });
}

function convertMultiParseTests(src) {
  const strings = (node) => (node.k === 'ident' && node.v === 'nil' ? null : node.elems.map((e) => constString(e.value)));
  return table(src, 'multiParseTests').map((elem) => {
    const f = fieldsOf(elem).map((e) => e.value);
    return { name: constString(f[0]), input: constString(f[1]), ok: f[2].v === 'noError', names: strings(f[3]), results: strings(f[4]) };
  });
}

function convertFmtTests(src) {
  const env = definitions(src);
  for (const m of src.matchAll(/^\s*(renamed\w+)\s+(\w+)\s*$/gm)) if (basicTypes.has(m[2])) renamed.set(m[1], canonical(m[2]));
  const rows = [];
  const skipped = [];
  for (const elem of table(src, 'fmtTests')) {
    const f = fieldsOf(elem).map((e) => e.value);
    let format;
    let out;
    try {
      format = constString(f[0], env);
      out = constString(f[2], env);
    } catch {
      skipped.push({ val: f[1].src, reason: 'format or output is not a constant' });
      continue;
    }
    try {
      rows.push({ format, value: valueOf(f[1], env, null), out });
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      skipped.push({ format, val: f[1].src, out, reason: `Go value not expressible as data: ${error.message}` });
    }
  }
  return { rows, skipped };
}

// ---------------------------------------------------------------- main

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const here = dirname(fileURLToPath(import.meta.url));
const outDir = opt('--out') ?? join(here, 'go');
mkdirSync(outDir, { recursive: true });
const write = (name, data) => writeFileSync(join(outDir, name), JSON.stringify(data, null, 1) + '\n');

const tt = opt('--text-template');
if (tt) {
  const exec = readFileSync(join(tt, 'exec_test.go'), 'utf8');
  const multi = readFileSync(join(tt, 'multi_test.go'), 'utf8');
  const parse = readFileSync(join(tt, 'parse', 'parse_test.go'), 'utf8');
  const lex = readFileSync(join(tt, 'parse', 'lex_test.go'), 'utf8');
  write('exec-tests.json', convertExecTests(exec, 'execTests'));
  write('multi-exec-tests.json', convertExecTests(multi, 'multiExecTests'));
  write('cmp-tests.json', convertCmpTests(exec));
  write('parse-tests.json', convertParseTests(parse, 'parseTests'));
  write('parse-error-tests.json', convertParseTests(parse, 'errorTests'));
  write('number-tests.json', convertNumberTests(parse));
  write('lex-tests.json', convertLexTests(lex, 'lexTests'));
  write('lex-delim-tests.json', convertLexTests(lex, 'lexDelimTests'));
  write('lex-pos-tests.json', convertLexTests(lex, 'lexPosTests'));
  write('multi-parse-tests.json', convertMultiParseTests(multi));
}
const fmtFile = opt('--fmt');
if (fmtFile) {
  const { rows, skipped } = convertFmtTests(readFileSync(fmtFile, 'utf8'));
  write('fmt-tests.json', rows);
  write('fmt-tests-skipped.json', skipped);
}
