/** sprig's `reflect.go`, `deepEqual`, and the path functions (`path` and, on Linux where Helm runs, `path/filepath`). */
import { typeName } from '../../template/fmt';
import { defineFunc, type FuncDef } from '../../template/funcs';
import { types } from '../../template/types';
import { deepEqual, kindName } from './convert';

const A = types.any;
const S = types.string;
const B = types.bool;

export function reflectFunctions(): Record<string, FuncDef> {
  const typeOfName = (v: unknown) => typeName(v === undefined ? null : (v as never));
  return {
    typeOf: defineFunc({ params: [A], results: [S] }, ([v]) => typeOfName(v)),
    typeIs: defineFunc({ params: [S, A], results: [B] }, ([target, v]) => target === typeOfName(v)),
    typeIsLike: defineFunc({ params: [S, A], results: [B] }, ([target, v]) => {
      const t = typeOfName(v);
      return target === t || '*' + (target as string) === t;
    }),
    kindOf: defineFunc({ params: [A], results: [S] }, ([v]) => kindName(v)),
    kindIs: defineFunc({ params: [S, A], results: [B] }, ([target, v]) => target === kindName(v)),
    deepEqual: defineFunc({ params: [A, A], results: [B] }, ([a, b]) => deepEqual(a, b)),
  };
}

/** `path.Clean`. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path[0] === '/';
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

/** `path.Base`. */
export function basePath(path: string): string {
  if (path === '') return '.';
  while (path.length > 0 && path[path.length - 1] === '/') path = path.slice(0, -1);
  const i = path.lastIndexOf('/');
  if (i >= 0) path = path.slice(i + 1);
  return path === '' ? '/' : path;
}

/** `path.Dir`. */
export function dirPath(path: string): string {
  const i = path.lastIndexOf('/');
  return cleanPath(path.slice(0, i + 1));
}

/** `path.Ext`. */
export function extPath(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

export function pathFunctions(): Record<string, FuncDef> {
  const base = defineFunc({ params: [S], results: [S] }, ([p]) => basePath(p as string));
  const dir = defineFunc({ params: [S], results: [S] }, ([p]) => dirPath(p as string));
  const clean = defineFunc({ params: [S], results: [S] }, ([p]) => cleanPath(p as string));
  const ext = defineFunc({ params: [S], results: [S] }, ([p]) => extPath(p as string));
  const isAbs = defineFunc({ params: [S], results: [B] }, ([p]) => (p as string).startsWith('/'));
  return { base, dir, clean, ext, isAbs, osBase: base, osClean: clean, osDir: dir, osExt: ext, osIsAbs: isAbs };
}
