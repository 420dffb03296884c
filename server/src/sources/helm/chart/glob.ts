/**
 * The two glob dialects Helm uses: Go's `path.Match` (`.helmignore`,
 * `--show-only`) and gobwas/glob with `/` as separator (`.Files.Glob`).
 */

// Under the `u` flag an identity escape is allowed only for syntax characters (and `-` only inside a class).
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeClassChar(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Go's path.Match compiled to a regular expression; undefined for a pattern
 * Go rejects with ErrBadPattern ("syntax error in pattern").
 */
export function compileGoPathPattern(pattern: string): RegExp | undefined {
  let source = '^';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      source += '[^/]*';
      i++;
    } else if (c === '?') {
      source += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      source += escapeRegExp(pattern[i + 1]);
      i += 2;
    } else if (c === '[') {
      i++;
      let negated = false;
      if (pattern[i] === '^') {
        negated = true;
        i++;
      }
      let ranges = '';
      let count = 0;
      for (;;) {
        if (i >= pattern.length) return undefined;
        if (pattern[i] === ']' && count > 0) {
          i++;
          break;
        }
        const low = readClassChar();
        if (low === undefined) return undefined;
        let high = low;
        if (pattern[i] === '-') {
          i++;
          const h = readClassChar();
          if (h === undefined) return undefined;
          high = h;
        }
        if (high < low) return undefined;
        ranges += low === high ? escapeClassChar(low) : `${escapeClassChar(low)}-${escapeClassChar(high)}`;
        count++;
      }
      source += negated ? `[^/${ranges}]` : `[${ranges}]`;
    } else {
      source += escapeRegExp(c);
      i++;
    }
  }
  return new RegExp(source + '$', 'u');

  function readClassChar(): string | undefined {
    if (i >= pattern.length) return undefined;
    let c = pattern[i];
    if (c === '-' || c === ']') return undefined;
    if (c === '\\') {
      i++;
      if (i >= pattern.length) return undefined;
      c = pattern[i];
    }
    const code = pattern.codePointAt(i) as number;
    const rune = String.fromCodePoint(code);
    i += rune.length;
    return c === '\\' ? c : rune;
  }
}

/** path.Match(pattern, name): false for a bad pattern, as Helm's callers treat it. */
export function goPathMatch(pattern: string, name: string): boolean {
  const regex = compileGoPathPattern(pattern);
  return regex !== undefined && regex.test(name);
}

/** gobwas/glob compiled with separator `/`; undefined when it does not compile. */
export function compileGobwasGlob(pattern: string): RegExp | undefined {
  let source = '^';
  let i = 0;
  let braceDepth = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i += 2;
      } else {
        source += '[^/]*';
        i++;
      }
    } else if (c === '?') {
      source += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      source += escapeRegExp(pattern[i + 1]);
      i += 2;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return undefined;
      let body = pattern.slice(i + 1, close);
      let negated = false;
      if (body.startsWith('!')) {
        negated = true;
        body = body.slice(1);
      }
      if (body.length === 0) return undefined;
      const escaped = body.replace(/[\\\]^]/g, '\\$&');
      source += negated ? `[^${escaped}]` : `[${escaped}]`;
      i = close + 1;
    } else if (c === '{') {
      braceDepth++;
      source += '(?:';
      i++;
    } else if (c === ',' && braceDepth > 0) {
      source += '|';
      i++;
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
      i++;
    } else {
      source += escapeRegExp(c);
      i++;
    }
  }
  if (braceDepth !== 0) return undefined;
  return new RegExp(source + '$', 's');
}
