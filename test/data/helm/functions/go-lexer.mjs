/** A small Go lexer for test sources: strings (with Go escapes), runes, identifiers, numbers, operators, newlines. */
// A small Go lexer: enough for test sources.
export function lex(src) {
  const tokens = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      tokens.push({ t: 'nl', v: '\n', line });
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      line += src.slice(i, end).split('\n').length - 1;
      i = end + 2;
      continue;
    }
    const start = i;
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const v = src.slice(i + 1, end).replace(/\r/g, '');
      tokens.push({ t: 'str', v, line });
      line += v.split('\n').length - 1;
      i = end + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      const raw = src.slice(i, j + 1);
      tokens.push({ t: c === '"' ? 'str' : 'rune', v: unquote(raw), raw, line });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) i++;
      tokens.push({ t: 'id', v: src.slice(start, i), line });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1]))) {
      while (i < src.length && /[0-9a-fA-FxXoObB._]/.test(src[i])) {
        if ((src[i] === 'e' || src[i] === 'E') && (src[i + 1] === '-' || src[i + 1] === '+')) i++;
        i++;
      }
      tokens.push({ t: 'num', v: src.slice(start, i), line });
      continue;
    }
    const ops = [':=', '...', '&&', '||', '==', '!=', '<=', '>=', '++', '--', '+=', '<-'];
    const op = ops.find((o) => src.startsWith(o, i));
    if (op) {
      tokens.push({ t: 'op', v: op, line });
      i += op.length;
      continue;
    }
    tokens.push({ t: 'op', v: c, line });
    i++;
  }
  return tokens;
}

export function unquote(raw) {
  const q = raw[0];
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (e in simple) out += simple[e];
    else if (e === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e === 'U') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (/[0-7]/.test(e)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    }
  }
  return q === "'" ? { rune: out.codePointAt(0) } : out;
}

