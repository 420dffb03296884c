/**
 * Go's builtin template functions (`text/template/funcs.go`) with their Go
 * signatures, semantics and error texts, plus the value helpers they share
 * with the executor (truth, indirection, kind of comparison, printability).
 */
import { sprint, sprintf, sprintln, typeName, type MethodCaller } from './fmt';
import { defineFunc, GoError, Traced, type CallContext, type FuncDef } from './funcs';
import { isPrint, utf8Decode, utf8Encode, utf8Length } from './strconv';
import { assignableTo, implementsInterface, isFloatKind, isIntKind, isUintKind, methodOf, sliceOf, types, type GoType } from './types';
import { GoFunc, GoMap, GoPointer, GoScalar, GoSlice, GoStruct, isPlainObject, typeOf, typedScalar, zeroValue, type GoValue } from './values';

// Value helpers.

/** Go's `indirectInterface`: a nil interface is no value. */
export function indirectInterface(v: GoValue | undefined): GoValue | undefined {
  return v === null ? undefined : v;
}

/** Go's `indirect`: follow pointers (and interfaces) to the value; `isNil` when a nil pointer or interface stops the walk. */
export function indirect(v: GoValue | undefined): { value: GoValue | undefined; isNil: boolean; pointer: GoPointer | undefined } {
  let pointer: GoPointer | undefined = undefined;
  for (;;) {
    if (v === null) return { value: v, isNil: true, pointer };
    if (v instanceof GoPointer) {
      if (v.target === undefined) return { value: v, isNil: true, pointer };
      pointer = v;
      v = v.target;
      continue;
    }
    return { value: v, isNil: false, pointer };
  }
}

/** The type Go's reflection would report for a value as a template holds it (a nil interface is `interface {}`). */
export function reflectType(v: GoValue | undefined): GoType | undefined {
  if (v === null) return types.any;
  return typeOf(v);
}

/** Go's `isTrue` (on a value already unwrapped from its interface). */
export function isTrue(v: GoValue | undefined): { truth: boolean; ok: boolean } {
  switch (typeof v) {
    case 'undefined':
      return { truth: false, ok: true };
    case 'boolean':
      return { truth: v, ok: true };
    case 'string':
      return { truth: v.length > 0, ok: true };
    case 'number':
      return { truth: v !== 0, ok: true };
  }
  if (v === null) return { truth: false, ok: true };
  if (Array.isArray(v)) return { truth: v.length > 0, ok: true };
  if (isPlainObject(v)) {
    for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key)) return { truth: true, ok: true };
    return { truth: false, ok: true };
  }
  if (v instanceof GoScalar) {
    const x = v.value;
    if (typeof x === 'bigint') return { truth: x !== 0n, ok: true };
    if (typeof x === 'number') return { truth: x !== 0, ok: true };
    if (typeof x === 'string') return { truth: x.length > 0, ok: true };
    if (typeof x === 'boolean') return { truth: x, ok: true };
    return { truth: x.re !== 0 || x.im !== 0, ok: true };
  }
  if (v instanceof GoSlice) return { truth: (v.items?.length ?? 0) > 0, ok: true };
  if (v instanceof GoMap) return { truth: v.size > 0, ok: true };
  if (v instanceof GoPointer) return { truth: v.target !== undefined, ok: true };
  if (v instanceof GoFunc) return { truth: v.def !== null, ok: true };
  if (v instanceof GoStruct) return { truth: true, ok: true };
  return { truth: false, ok: false };
}

export function truth(v: GoValue | undefined): boolean {
  return isTrue(indirectInterface(v)).truth;
}

/** Go's `canBeNil`. */
export function canBeNil(type: GoType): boolean {
  switch (type.kind) {
    case 'chan':
    case 'func':
    case 'interface':
    case 'map':
    case 'pointer':
    case 'slice':
      return true;
    case 'struct':
      return type === types.reflectValue;
  }
  return false;
}

/** A basic value of type `type` (plain JavaScript for bool, string and float64). */
export function basicValue(type: GoType, value: bigint | number | string | boolean): GoValue {
  if (type === types.bool || type === types.string || type === types.float64) return value as GoValue;
  return typedScalar(type, value);
}

type BasicKind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

export function basicKind(v: GoValue | undefined): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
  }
  if (v instanceof GoScalar) {
    const k = v.type.kind;
    if (k === 'bool') return 'bool';
    if (isIntKind(k)) return 'int';
    if (isUintKind(k)) return 'uint';
    if (isFloatKind(k)) return 'float';
    if (k === 'complex64' || k === 'complex128') return 'complex';
    if (k === 'string') return 'string';
  }
  return 'invalid';
}

function scalarOf(v: GoValue | undefined): bigint | number | string | boolean | { re: number; im: number } {
  if (v instanceof GoScalar) return v.value;
  return v as number | string | boolean;
}

/** The integer value of an int or uint kind. */
function intValue(v: GoValue | undefined): bigint {
  return (v as GoScalar).value as bigint;
}

function isValid(v: GoValue | undefined): boolean {
  return v !== undefined;
}

/** Go's `isNil` of comparison: no value, or a nil of a nillable kind. */
function isNilValue(v: GoValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (v instanceof GoPointer) return v.target === undefined;
  if (v instanceof GoSlice) return v.type.kind === 'slice' && v.items === null;
  if (v instanceof GoMap) return v.entries === null;
  if (v instanceof GoFunc) return v.def === null;
  return false;
}

function kindOf(v: GoValue | undefined): string {
  if (v === undefined) return 'invalid';
  if (v === null) return 'interface';
  return (typeOf(v) as GoType).kind;
}

function comparable(type: GoType): boolean {
  switch (type.kind) {
    case 'slice':
    case 'map':
    case 'func':
      return false;
    case 'array':
      return type.elem ? comparable(type.elem) : true;
    case 'struct':
      return (type.fields ?? []).every((f) => comparable(f.type));
  }
  return true;
}

/** Go's `==` on comparable values of the same type. */
function goEqual(a: GoValue | undefined, b: GoValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeOf(a) !== typeOf(b)) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof GoScalar && b instanceof GoScalar) {
    const x = a.value;
    const y = b.value;
    if (typeof x === 'object' && typeof y === 'object') return x.re === y.re && x.im === y.im;
    return x === y;
  }
  if (a instanceof GoPointer && b instanceof GoPointer) return a.target === b.target;
  if (a instanceof GoStruct && b instanceof GoStruct) return (a.type.fields ?? []).every((f) => goEqual(a.fields[f.name], b.fields[f.name]));
  if (a instanceof GoSlice && b instanceof GoSlice) return (a.items ?? []).every((item, i) => goEqual(item, b.items?.[i]));
  return false;
}

/** A value formatted with `%v` (for error messages). */
function v(value: GoValue | undefined): string {
  return value === undefined ? '<invalid reflect.Value>' : sprint([value]);
}

function typeString(value: GoValue | undefined): string {
  return reflectType(value)?.name ?? '<nil>';
}

export function eq(arg1: GoValue | undefined, rest: (GoValue | undefined)[]): boolean {
  arg1 = indirectInterface(arg1);
  if (rest.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of rest) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let result = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') result = intValue(arg1) >= 0n && intValue(arg1) === intValue(arg);
      else if (k1 === 'uint' && k2 === 'int') result = intValue(arg) >= 0n && intValue(arg1) === intValue(arg);
      else if (isValid(arg1) && isValid(arg)) throw new GoError(`incompatible types for comparison: ${typeString(arg1)} and ${typeString(arg)}`);
    } else {
      switch (k1) {
        case 'bool':
        case 'int':
        case 'string':
        case 'uint':
          result = scalarOf(arg1) === scalarOf(arg);
          break;
        case 'float':
          result = (scalarOf(arg1) as number) === (scalarOf(arg) as number);
          break;
        case 'complex': {
          const x = scalarOf(arg1) as { re: number; im: number };
          const y = scalarOf(arg) as { re: number; im: number };
          result = x.re === y.re && x.im === y.im;
          break;
        }
        default: {
          const kind1 = kindOf(arg1);
          const kind2 = kindOf(arg);
          if (kind1 !== kind2 && kind1 !== 'invalid' && kind2 !== 'invalid') {
            throw new GoError(`non-comparable types ${sprint([arg1 ?? null])}: ${typeString(arg1)}, ${typeString(arg)}: ${sprint([arg ?? null])}`);
          }
          if (isNilValue(arg1) || isNilValue(arg)) {
            result = isNilValue(arg) === isNilValue(arg1);
          } else {
            const t = reflectType(arg) as GoType;
            if (!comparable(t)) throw new GoError(`non-comparable type ${sprint([arg as GoValue])}: ${t.name}`);
            result = goEqual(arg1, arg);
          }
        }
      }
    }
    if (result) return true;
  }
  return false;
}

export function lt(arg1: GoValue | undefined, arg2: GoValue | undefined): boolean {
  arg1 = indirectInterface(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new GoError('invalid type for comparison');
  arg2 = indirectInterface(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new GoError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intValue(arg1) < 0n || intValue(arg1) < intValue(arg2);
    if (k1 === 'uint' && k2 === 'int') return intValue(arg2) >= 0n && intValue(arg1) < intValue(arg2);
    throw new GoError(`incompatible types for comparison: ${typeString(arg1)} and ${typeString(arg2)}`);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new GoError('invalid type for comparison');
    case 'string':
      return compareBytes(scalarOf(arg1) as string, scalarOf(arg2) as string) < 0;
    default:
      return (scalarOf(arg1) as number | bigint) < (scalarOf(arg2) as number | bigint);
  }
}

function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-8 byte order, which differs from UTF-16 order only around surrogates.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

export function le(arg1: GoValue | undefined, arg2: GoValue | undefined): boolean {
  if (lt(arg1, arg2)) return true;
  return eq(arg1, [arg2]);
}

// Indexing.

function indexArg(index: GoValue | undefined, cap: number): number {
  let x: bigint;
  const k = basicKind(index);
  if (k === 'int' || k === 'uint') x = intValue(index);
  else if (index === undefined) throw new GoError('cannot index slice/array with nil');
  else throw new GoError(`cannot index slice/array with type ${typeString(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

/** Go's `prepareArg`: check and convert a value for a parameter or map key of type `argType`. */
export function prepareArg(value: GoValue | undefined, argType: GoType): GoValue {
  if (value === undefined || value === null) {
    if (!canBeNil(argType)) throw new GoError(`value is nil; should be of type ${argType.name}`);
    return zeroValue(argType);
  }
  const type = typeOf(value) as GoType;
  if (assignableTo(type, argType)) return value;
  const k = basicKind(value);
  if ((k === 'int' || k === 'uint') && (isIntKind(argType.kind) || isUintKind(argType.kind))) return typedScalar(argType, intValue(value));
  throw new GoError(`value has type ${type.name}; should be ${argType.name}`);
}

function listItems(item: GoValue): { items: GoValue[]; elem: GoType; capacity: number; kind: string } | undefined {
  if (Array.isArray(item)) return { items: item, elem: types.any, capacity: item.length, kind: 'slice' };
  if (item instanceof GoSlice) return { items: item.items ?? [], elem: item.type.elem ?? types.any, capacity: item.capacity, kind: item.type.kind };
  return undefined;
}

export function index(item: GoValue | undefined, indexes: (GoValue | undefined)[]): GoValue | undefined {
  item = indirectInterface(item);
  if (item === undefined) throw new GoError('index of untyped nil');
  for (let key of indexes) {
    key = indirectInterface(key);
    const ind = indirect(item);
    if (ind.isNil) throw new GoError('index of nil pointer');
    item = ind.value as GoValue;
    const list = listItems(item);
    if (list) {
      const x = indexArg(key, list.items.length);
      if (x === list.items.length) throw new GoError(`reflect: ${list.kind} index out of range`);
      item = list.items[x];
      continue;
    }
    if (typeof item === 'string' || (item instanceof GoScalar && item.type.kind === 'string')) {
      const bytes = utf8Encode(typeof item === 'string' ? item : (item.value as string));
      const x = indexArg(key, bytes.length);
      if (x === bytes.length) throw new GoError('reflect: string index out of range');
      item = typedScalar(types.uint8, bytes[x]);
      continue;
    }
    if (isPlainObject(item)) {
      const k = prepareArg(key, (typeOf(item) as GoType).key ?? types.string);
      const name = k as string;
      item = Object.prototype.hasOwnProperty.call(item, name) && item[name] !== undefined ? item[name] : null;
      continue;
    }
    if (item instanceof GoMap) {
      const k = prepareArg(key, item.type.key ?? types.any);
      const entry = item.get(k);
      item = entry ? entry.value : zeroValue(item.type.elem ?? types.any);
      continue;
    }
    throw new GoError(`can't index item of type ${typeString(item)}`);
  }
  return item;
}

export function slice(item: GoValue | undefined, indexes: (GoValue | undefined)[]): GoValue | undefined {
  item = indirectInterface(item);
  if (item === undefined) throw new GoError('slice of untyped nil');
  const ind = indirect(item);
  if (ind.isNil) throw new GoError('slice of nil pointer');
  item = ind.value as GoValue;
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let length: number;
  const isString = typeof item === 'string' || (item instanceof GoScalar && item.type.kind === 'string');
  const list = listItems(item);
  let bytes: Uint8Array | undefined;
  if (isString) {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    bytes = utf8Encode(typeof item === 'string' ? item : ((item as GoScalar).value as string));
    cap = length = bytes.length;
  } else if (list) {
    cap = list.capacity;
    length = list.items.length;
  } else throw new GoError(`can't slice item of type ${typeString(item)}`);
  const idx = [0, length, 0];
  indexes.forEach((index, i) => {
    idx[i] = indexArg(indirectInterface(index), cap);
  });
  if (idx[0] > idx[1]) throw new GoError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new GoError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) {
    const text = utf8Decode(bytes.subarray(idx[0], idx[1]));
    return typeof item === 'string' ? text : typedScalar((item as GoScalar).type, text);
  }
  const { items, elem } = list as NonNullable<typeof list>;
  const out: GoValue[] = [];
  for (let i = idx[0]; i < idx[1]; i++) out.push(i < items.length ? items[i] : zeroValue(elem));
  const newCap = (indexes.length === 3 ? idx[2] : cap) - idx[0];
  if (Array.isArray(item)) return out;
  const type = (item as GoSlice).type;
  return new GoSlice(type.kind === 'array' ? sliceOf(elem) : type, out, newCap);
}

export function length(item: GoValue | undefined): GoValue {
  const ind = indirect(item);
  if (ind.isNil) throw new GoError('len of nil pointer');
  const v = ind.value;
  if (v === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof v === 'string') return typedScalar(types.int, utf8Length(v));
  if (Array.isArray(v)) return typedScalar(types.int, v.length);
  if (isPlainObject(v)) return typedScalar(types.int, Object.keys(v).length);
  if (v instanceof GoSlice) return typedScalar(types.int, v.items?.length ?? 0);
  if (v instanceof GoMap) return typedScalar(types.int, v.size);
  if (v instanceof GoScalar && v.type.kind === 'string') return typedScalar(types.int, utf8Length(v.value as string));
  throw new GoError(`len of type ${typeString(v)}`);
}

// Escaping.

/** What `html`, `js` and `urlquery` print of their arguments (Go's `evalArgs`). */
function evalArgs(args: (GoValue | undefined)[], caller: MethodCaller): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  const printable = args.map((arg) => {
    if (arg === undefined || arg === null) return '<no value>';
    if (arg instanceof GoPointer && arg.target !== undefined && !hasPrintMethods(arg)) return arg.target;
    return arg;
  });
  return sprint(printable, caller);
}

function hasPrintMethods(v: GoValue): boolean {
  const type = typeOf(v);
  return type !== undefined && (implementsInterface(type, types.error) || implementsInterface(type, types.stringer));
}

export function htmlEscape(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  return s.replace(/['"&<>\0]/g, (c) => {
    switch (c) {
      case '\0':
        return '\uFFFD';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    if (r >= 0x80) {
      out += isPrint(r) ? ch : '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
      continue;
    }
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
        out += '\\u003C';
        break;
      case '>':
        out += '\\u003E';
        break;
      case '&':
        out += '\\u0026';
        break;
      case '=':
        out += '\\u003D';
        break;
      default:
        out += r < 0x20 ? '\\u00' + r.toString(16).toUpperCase().padStart(2, '0') : ch;
    }
  }
  return out;
}

/** `url.QueryEscape`. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

// The builtin function table.

/** A method caller for `fmt` bound to a call's context. */
export function methodCaller(context: CallContext): MethodCaller {
  return (receiver, method) => {
    const result = method.call(receiver, [], context);
    return result instanceof Traced ? result.value : result;
  };
}

const rv = types.reflectValue;

/** Builtins the executor implements itself (`and`, `or` short-circuit; `call` needs the callee's name). */
export const specialBuiltins = new Set(['and', 'or', 'call']);

export const builtins: Readonly<Record<string, FuncDef>> = {
  and: defineFunc({ params: [rv], variadic: rv, results: [rv] }, () => undefined),
  or: defineFunc({ params: [rv], variadic: rv, results: [rv] }, () => undefined),
  call: defineFunc({ params: [rv], variadic: rv, results: [rv, types.error] }, () => undefined),
  html: defineFunc({ params: [], variadic: types.any, results: [types.string] }, (args, ctx) => htmlEscape(evalArgs(args, methodCaller(ctx)))),
  index: defineFunc({ params: [rv], variadic: rv, results: [rv, types.error] }, ([item, ...rest]) => index(item, rest)),
  slice: defineFunc({ params: [rv], variadic: rv, results: [rv, types.error] }, ([item, ...rest]) => slice(item, rest)),
  js: defineFunc({ params: [], variadic: types.any, results: [types.string] }, (args, ctx) => jsEscape(evalArgs(args, methodCaller(ctx)))),
  len: defineFunc({ params: [rv], results: [types.int, types.error] }, ([item]) => length(item)),
  not: defineFunc({ params: [rv], results: [types.bool] }, ([arg]) => !truth(arg)),
  print: defineFunc({ params: [], variadic: types.any, results: [types.string] }, (args, ctx) => sprint(args, methodCaller(ctx))),
  printf: defineFunc({ params: [types.string], variadic: types.any, results: [types.string] }, ([format, ...args], ctx) =>
    sprintf(format as string, args, methodCaller(ctx)),
  ),
  println: defineFunc({ params: [], variadic: types.any, results: [types.string] }, (args, ctx) => sprintln(args, methodCaller(ctx))),
  urlquery: defineFunc({ params: [], variadic: types.any, results: [types.string] }, (args, ctx) => queryEscape(evalArgs(args, methodCaller(ctx)))),
  eq: defineFunc({ params: [rv], variadic: rv, results: [types.bool, types.error] }, ([arg1, ...rest]) => eq(arg1, rest)),
  ge: defineFunc({ params: [rv, rv], results: [types.bool, types.error] }, ([a, b]) => !lt(a, b)),
  gt: defineFunc({ params: [rv, rv], results: [types.bool, types.error] }, ([a, b]) => !le(a, b)),
  le: defineFunc({ params: [rv, rv], results: [types.bool, types.error] }, ([a, b]) => le(a, b)),
  lt: defineFunc({ params: [rv, rv], results: [types.bool, types.error] }, ([a, b]) => lt(a, b)),
  ne: defineFunc({ params: [rv, rv], results: [types.bool, types.error] }, ([a, b]) => !eq(a, [b])),
};

/** The type name of a value for `%T` and errors. */
export { typeName };

/** A method with no arguments found on a value, for `fmt`'s Error/String handling. */
export function findMethod(value: GoValue, name: string): ReturnType<typeof methodOf> {
  const type = typeOf(value);
  return type ? methodOf(type, name, true) : undefined;
}

/** `reflect.Value.String()` of a value, as Go's `call` uses for a callee given by the pipeline. */
export function reflectValueString(value: GoValue | undefined): string {
  if (value === undefined) return '<invalid Value>';
  if (typeof value === 'string') return value;
  return `<${typeString(value)} Value>`;
}

export { v as formatForError };
