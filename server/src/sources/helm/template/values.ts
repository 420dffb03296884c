/**
 * Go values as a template sees them.
 *
 * The common case stays plain JavaScript, because Helm's data is JSON-shaped
 * and a chart is rendered on every keystroke:
 *
 * | JavaScript                         | Go                                   |
 * |------------------------------------|--------------------------------------|
 * | `null`                             | a nil `interface{}` (a YAML `null`)  |
 * | `boolean`                          | `bool`                               |
 * | `string`                           | `string`                             |
 * | `number`                           | `float64` (every number of a values file: Helm decodes YAML through JSON) |
 * | `GoValue[]`                        | `[]interface{}`                      |
 * | plain object (`{}` or null proto)  | `map[string]interface{}`             |
 *
 * Everything else is a box that carries its Go type: sized integers
 * (`int`, `int64` of `--set`, `uint8`… as `bigint`), `float32`, complex
 * numbers, named scalars, typed slices, arrays and maps, structs, pointers and
 * functions. A plain object or array can be given a named type (Helm's
 * `chartutil.Values`) without copying, with {@link withType}.
 *
 * `undefined` is not a Go value: it is what Go calls an invalid
 * `reflect.Value`, "no value" — a missing map key, a nil `interface{}` once a
 * pipeline has unwrapped it — which an action prints as `<no value>`.
 */
import type { FuncDef } from './funcs';
import { anyMap, anySlice, arrayOf, funcOf, mapOf, pointerTo, sliceOf, types, type GoType } from './types';

export type GoValue = null | boolean | string | number | GoValue[] | GoObject | GoBox;

/** A `map[string]interface{}` (or, with {@link withType}, a named type over it). */
export interface GoObject {
  [key: string]: GoValue;
}

export interface Complex {
  readonly re: number;
  readonly im: number;
}

// Fields are declared and assigned in constructors: with ES2022 class fields,
// initialized fields are defines, several times slower to construct.

/** A value that carries its Go type. */
export abstract class GoBox {
  abstract readonly type: GoType;
}

/** A number, bool or string of a type other than float64/bool/string: `int` (bigint), `uint8`, `float32` (number), complex, named scalars. */
export class GoScalar extends GoBox {
  declare readonly type: GoType;
  declare readonly value: bigint | number | string | boolean | Complex;
  constructor(type: GoType, value: bigint | number | string | boolean | Complex) {
    super();
    this.type = type;
    this.value = value;
  }
}

/** A slice or array of a given type; `items === null` is a nil slice. `capacity` exists for `slice x i j k` only. */
export class GoSlice extends GoBox {
  declare readonly type: GoType;
  declare readonly items: GoValue[] | null;
  declare readonly capacity: number;
  constructor(type: GoType, items: GoValue[] | null, capacity: number = items?.length ?? 0) {
    super();
    this.type = type;
    this.items = items;
    this.capacity = capacity;
  }
}

export interface GoMapEntry {
  readonly key: GoValue;
  readonly value: GoValue;
}

/** A map of any key and element type; `entries === null` is a nil map. Keys are indexed by {@link mapKey}. */
export class GoMap extends GoBox {
  declare readonly type: GoType;
  declare readonly entries: ReadonlyMap<string, GoMapEntry> | null;
  constructor(type: GoType, entries: ReadonlyMap<string, GoMapEntry> | null) {
    super();
    this.type = type;
    this.entries = entries;
  }

  get(key: GoValue): GoMapEntry | undefined {
    return this.entries?.get(mapKey(key));
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}

/** A struct value; `fields` holds every field of the type by name. */
export class GoStruct extends GoBox {
  declare readonly type: GoType;
  declare readonly fields: Readonly<Record<string, GoValue>>;
  constructor(type: GoType, fields: Readonly<Record<string, GoValue>>) {
    super();
    this.type = type;
    this.fields = fields;
  }
}

/** A pointer; `target === undefined` is a nil pointer. Methods with pointer receivers are found through it. */
export class GoPointer extends GoBox {
  declare readonly type: GoType;
  declare readonly target: GoValue | undefined;
  constructor(type: GoType, target: GoValue | undefined) {
    super();
    this.type = type;
    this.target = target;
  }
}

/** A function value (a struct field of func type, or what `call` calls); `def === null` is a nil func. */
export class GoFunc extends GoBox {
  declare readonly type: GoType;
  declare readonly def: FuncDef | null;
  constructor(type: GoType, def: FuncDef | null) {
    super();
    this.type = type;
    this.def = def;
  }
}

const typeTag = Symbol('go.type');

/** Give a plain object or array a named Go type (`chartutil.Values`), in place and without copying. */
export function withType<T extends GoObject | GoValue[]>(value: T, type: GoType): T {
  Object.defineProperty(value, typeTag, { value: type, enumerable: false, configurable: true });
  return value;
}

const viewTargets = new WeakMap<object, object>();

/**
 * Go's conversion `Values(m)` of a map that stays reachable untyped elsewhere
 * (a subchart's `.Values` is its parent's `.Values.sub`): the same entries,
 * seen with a named type, while the original keeps its own. Writes through
 * either are seen by both, as with Go's shared map.
 */
export function typedView(value: GoObject, type: GoType): GoObject {
  const target = (viewTargets.get(value) as GoObject | undefined) ?? value;
  const view = new Proxy(target, {
    get: (object, key) => (key === typeTag ? type : Reflect.get(object, key)),
  });
  viewTargets.set(view, target);
  return view;
}

/** The object a {@link typedView} shows (the object itself otherwise): what identity-keyed tables key on. */
export function viewTarget<T extends object>(value: T): T {
  return (viewTargets.get(value) as T | undefined) ?? value;
}

export function isPlainObject(value: unknown): value is GoObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The dynamic type of a value; undefined for nil and for no value. */
export function typeOf(value: GoValue | undefined): GoType | undefined {
  switch (typeof value) {
    case 'string':
      return types.string;
    case 'number':
      return types.float64;
    case 'boolean':
      return types.bool;
    case 'undefined':
      return undefined;
  }
  if (value === null) return undefined;
  if (value instanceof GoBox) return value.type;
  const tagged = (value as { [typeTag]?: GoType })[typeTag];
  if (tagged) return tagged;
  return Array.isArray(value) ? anySlice : anyMap;
}

let nanKeys = 0;

/** The key under which a map entry is indexed: keys of different types never collide, as in Go. */
export function mapKey(key: GoValue): string {
  if (typeof key === 'string') return 's' + key;
  if (key instanceof GoScalar) {
    const v = key.value;
    if (typeof v === 'number' && Number.isNaN(v)) return `${key.type.name}:NaN#${nanKeys++}`;
    if (typeof v === 'object') return `${key.type.name}:${v.re},${v.im}`;
    return `${key.type.name}:${String(v)}`;
  }
  // NaN never equals itself: every NaN key is a distinct entry, as in Go.
  if (typeof key === 'number') return Number.isNaN(key) ? `fNaN#${nanKeys++}` : 'f' + (Object.is(key, -0) ? 0 : key);
  if (typeof key === 'boolean') return 'b' + key;
  return 'o' + String(key);
}

// Constructors.

function toBigInt(n: number | bigint): bigint {
  return typeof n === 'bigint' ? n : BigInt(Math.trunc(n));
}

/** Go's `int` (64-bit). */
export function goInt(n: number | bigint): GoScalar {
  return new GoScalar(types.int, BigInt.asIntN(64, toBigInt(n)));
}

/** `int64`, what Helm's `--set` makes of an integer. */
export function goInt64(n: number | bigint): GoScalar {
  return new GoScalar(types.int64, BigInt.asIntN(64, toBigInt(n)));
}

/** `uint64`. */
export function goUint64(n: number | bigint): GoScalar {
  return new GoScalar(types.uint64, BigInt.asUintN(64, toBigInt(n)));
}

/** `float32` (the value is rounded to single precision). */
export function goFloat32(n: number): GoScalar {
  return new GoScalar(types.float32, Math.fround(n));
}

/** `complex128`. */
export function goComplex(re: number, im: number): GoScalar {
  return new GoScalar(types.complex128, { re, im });
}

/** Any scalar of a given type: sized integers wrap as Go's conversions do. */
export function typedScalar(type: GoType, value: bigint | number | string | boolean | Complex): GoScalar {
  const kind = type.kind;
  if (typeof value === 'bigint' || (typeof value === 'number' && kind !== 'float32' && kind !== 'float64')) {
    const n = toBigInt(value as number | bigint);
    switch (kind) {
      case 'int8':
        return new GoScalar(type, BigInt.asIntN(8, n));
      case 'int16':
        return new GoScalar(type, BigInt.asIntN(16, n));
      case 'int32':
        return new GoScalar(type, BigInt.asIntN(32, n));
      case 'int':
      case 'int64':
        return new GoScalar(type, BigInt.asIntN(64, n));
      case 'uint8':
        return new GoScalar(type, BigInt.asUintN(8, n));
      case 'uint16':
        return new GoScalar(type, BigInt.asUintN(16, n));
      case 'uint32':
        return new GoScalar(type, BigInt.asUintN(32, n));
      case 'uint':
      case 'uint64':
      case 'uintptr':
        return new GoScalar(type, BigInt.asUintN(64, n));
    }
  }
  if (kind === 'float32' && typeof value === 'number') return new GoScalar(type, Math.fround(value));
  return new GoScalar(type, value);
}

/** A typed slice, `[]elem{items...}` (items already of type `elem`). */
export function goSlice(elem: GoType, items: GoValue[] | null): GoSlice {
  return new GoSlice(sliceOf(elem), items);
}

/** An array, `[n]elem{items...}`. */
export function goArray(elem: GoType, items: GoValue[]): GoSlice {
  return new GoSlice(arrayOf(items.length, elem), items);
}

/** A typed map, `map[key]elem{...}`; `entries === null` makes a nil map. */
export function goMap(key: GoType, elem: GoType, entries: Iterable<readonly [GoValue, GoValue]> | null, type: GoType = mapOf(key, elem)): GoMap {
  if (entries === null) return new GoMap(type, null);
  const indexed = new Map<string, GoMapEntry>();
  for (const [k, v] of entries) indexed.set(mapKey(k), { key: k, value: v });
  return new GoMap(type, indexed);
}

/** A struct value of a struct type made with `structType`; missing fields get their zero value. */
export function goStruct(type: GoType, fields: Record<string, GoValue>): GoStruct {
  const all: Record<string, GoValue> = {};
  for (const field of type.fields ?? []) all[field.name] = field.name in fields ? fields[field.name] : zeroValue(field.type);
  return new GoStruct(type, all);
}

/** `&value` (or a nil pointer to `elem` when value is undefined). */
export function goPointer(value: GoValue | undefined, elem: GoType | undefined = typeOf(value)): GoPointer {
  return new GoPointer(pointerTo(elem ?? types.any), value);
}

/** A function value of the signature its definition declares. */
export function goFunc(def: FuncDef): GoFunc {
  return new GoFunc(funcOf(def), def);
}

/** Go's zero value of a type, in this representation (what `missingkey=zero` and `index` of a missing key give). */
export function zeroValue(type: GoType): GoValue {
  switch (type.kind) {
    case 'bool':
      return type === types.bool ? false : new GoScalar(type, false);
    case 'string':
      return type === types.string ? '' : new GoScalar(type, '');
    case 'float64':
      return type === types.float64 ? 0 : new GoScalar(type, 0);
    case 'float32':
      return new GoScalar(type, 0);
    case 'complex64':
    case 'complex128':
      return new GoScalar(type, { re: 0, im: 0 });
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      return new GoScalar(type, 0n);
    case 'interface':
      return null;
    case 'slice':
      return new GoSlice(type, null);
    case 'array':
      return new GoSlice(
        type,
        Array.from({ length: type.length ?? 0 }, () => zeroValue(type.elem ?? types.any)),
      );
    case 'map':
      return new GoMap(type, null);
    case 'struct':
      return goStruct(type, {});
    case 'pointer':
      return new GoPointer(type, undefined);
    case 'func':
      return new GoFunc(type, null);
    default:
      return new GoScalar(type, 0n);
  }
}
