/**
 * Go's dynamic types, as far as a template can observe them: `printf "%T"`,
 * the kind rules of `eq`/`lt`, `len`, `index`, truthiness, argument
 * assignability ("wrong type for value; expected int; got float64"), and the
 * method sets that `.Chart.Name`-style field chains and `.Files.Get` reach.
 *
 * A type is plain data. Unnamed composite types (`[]int`, `map[string]int`)
 * are interned by their name so that identity comparison is type identity.
 */
import type { CallContext, Traced } from './funcs';
import type { GoValue } from './values';

export type Kind =
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128'
  | 'string'
  | 'interface'
  | 'slice'
  | 'array'
  | 'map'
  | 'struct'
  | 'pointer'
  | 'func'
  | 'chan'
  | 'unsafepointer';

/** A function or method signature as Go's reflection reports it. */
export interface Signature {
  /** Fixed parameter types (a method's receiver excluded). */
  readonly params: readonly GoType[];
  /** The element type of a final `...T` parameter. */
  readonly variadic?: GoType;
  /** Result types: one, or two of which the second is `error` (others are refused when called, as Go does). */
  readonly results: readonly GoType[];
}

/** A method of a named type. The receiver is the value the method was found on. */
export interface GoMethod {
  readonly signature: Signature;
  /** Declared on `*T`: found only through a pointer or an addressable value, as Go's method sets say. */
  readonly pointerReceiver?: boolean;
  call(receiver: GoValue, args: (GoValue | undefined)[], context: CallContext): GoValue | undefined | Traced;
}

export interface StructField {
  readonly name: string;
  readonly type: GoType;
}

export interface GoType {
  readonly kind: Kind;
  /** The type as `%T` prints it: `int`, `map[string]interface {}`, `chart.Metadata`, `*chart.Metadata`. */
  readonly name: string;
  /** A defined (named) type: `type Values map[string]interface{}` is named, `map[string]interface{}` is not. */
  readonly named: boolean;
  /** For a named type, its unnamed underlying type; for an unnamed type, itself. */
  readonly underlying: GoType;
  /** Slice, array and map element, pointer target, channel element. */
  readonly elem?: GoType;
  /** Map key. */
  readonly key?: GoType;
  /** Array length. */
  readonly length?: number;
  /** Struct fields in declaration order. */
  readonly fields?: readonly StructField[];
  /** Methods declared on this type (value and pointer receivers). */
  readonly methods?: ReadonlyMap<string, GoMethod>;
  /** Function types. */
  readonly signature?: Signature;
  /** Interface types: the names of the methods a dynamic type needs to implement it (empty for `interface {}`). */
  readonly interfaceMethods?: readonly string[];
}

// Predeclared types are defined (named) types in Go: `type S string` is not assignable to `string`.
function basic(kind: Kind): GoType {
  const type: { -readonly [K in keyof GoType]: GoType[K] } = { kind, name: kind, named: true } as GoType;
  type.underlying = type as GoType;
  return type as GoType;
}

/** A type whose underlying type is itself unless given. */
function defined(type: Omit<GoType, 'underlying'> & { underlying?: GoType }): GoType {
  const made = { ...type } as { -readonly [K in keyof GoType]: GoType[K] };
  made.underlying = type.underlying ?? (made as GoType);
  return made as GoType;
}

const interned = new Map<string, GoType>();

function unnamed(name: string, build: () => Omit<GoType, 'underlying' | 'named' | 'name'>): GoType {
  let type = interned.get(name);
  if (!type) {
    const made = { ...build(), name, named: false } as { -readonly [K in keyof GoType]: GoType[K] };
    made.underlying = made as GoType;
    type = made as GoType;
    interned.set(name, type);
  }
  return type;
}

export const types = {
  bool: basic('bool'),
  int: basic('int'),
  int8: basic('int8'),
  int16: basic('int16'),
  int32: basic('int32'),
  int64: basic('int64'),
  uint: basic('uint'),
  uint8: basic('uint8'),
  uint16: basic('uint16'),
  uint32: basic('uint32'),
  uint64: basic('uint64'),
  uintptr: basic('uintptr'),
  float32: basic('float32'),
  float64: basic('float64'),
  complex64: basic('complex64'),
  complex128: basic('complex128'),
  string: basic('string'),
  unsafePointer: defined({ kind: 'unsafepointer', name: 'unsafe.Pointer', named: true }),
  /** `interface {}` (`any`). */
  any: unnamed('interface {}', () => ({ kind: 'interface', interfaceMethods: [] })),
  /** The `error` interface. */
  error: defined({
    kind: 'interface',
    name: 'error',
    named: true,
    interfaceMethods: ['Error'],
    underlying: unnamed('interface { Error() string }', () => ({ kind: 'interface', interfaceMethods: ['Error'] })),
  }),
  /** `fmt.Stringer`. */
  stringer: defined({
    kind: 'interface',
    name: 'fmt.Stringer',
    named: true,
    interfaceMethods: ['String'],
    underlying: unnamed('interface { String() string }', () => ({ kind: 'interface', interfaceMethods: ['String'] })),
  }),
  /** `reflect.Value`: a parameter of this type receives the argument as it is, even "no value" (Go's builtins use it). */
  reflectValue: defined({ kind: 'struct', name: 'reflect.Value', named: true, fields: [] }),
};

/** `[]elem` */
export function sliceOf(elem: GoType): GoType {
  return unnamed(`[]${elem.name}`, () => ({ kind: 'slice', elem }));
}

/** `[length]elem` */
export function arrayOf(length: number, elem: GoType): GoType {
  return unnamed(`[${length}]${elem.name}`, () => ({ kind: 'array', elem, length }));
}

/** `map[key]elem` */
export function mapOf(key: GoType, elem: GoType): GoType {
  return unnamed(`map[${key.name}]${elem.name}`, () => ({ kind: 'map', key, elem }));
}

/** `*elem`; methods of `elem` with pointer receivers belong to this type's method set. */
export function pointerTo(elem: GoType): GoType {
  return unnamed(`*${elem.name}`, () => ({ kind: 'pointer', elem }));
}

/** `chan elem` (only so that `%T` and `len` can name it; templates cannot range over channels here). */
export function chanOf(elem: GoType): GoType {
  return unnamed(`chan ${elem.name}`, () => ({ kind: 'chan', elem }));
}

/** A function type, e.g. `func(string, ...interface {}) string`. */
export function funcOf(signature: Signature): GoType {
  const params = signature.params.map((p) => p.name);
  if (signature.variadic) params.push(`...${signature.variadic.name}`);
  const results = signature.results.map((r) => r.name);
  const result = results.length === 0 ? '' : results.length === 1 ? ` ${results[0]}` : ` (${results.join(', ')})`;
  return unnamed(`func(${params.join(', ')})${result}`, () => ({ kind: 'func', signature }));
}

/** An unnamed interface type with methods, e.g. for a parameter that needs `String()`. */
export function interfaceOf(name: string, methods: readonly string[]): GoType {
  return defined({ kind: 'interface', name, named: true, interfaceMethods: methods });
}

/** A struct type; `name` is how `%T` prints it (`chart.Metadata`), or empty for an anonymous struct. */
export function structType(name: string, fields: readonly StructField[], methods?: Record<string, GoMethod>): GoType {
  const literal = `struct { ${fields.map((f) => `${f.name} ${f.type.name}`).join('; ')} }`;
  const underlying = unnamed(fields.length ? literal : 'struct {}', () => ({ kind: 'struct', fields }));
  if (!name) return underlying;
  return { kind: 'struct', name, named: true, underlying, fields, methods: methods ? new Map(Object.entries(methods)) : undefined };
}

/** A defined type over another type, with methods: `type Values map[string]interface{}`, `type S []string`. */
export function namedType(name: string, underlying: GoType, methods?: Record<string, GoMethod>): GoType {
  return {
    kind: underlying.kind,
    name,
    named: true,
    underlying: underlying.underlying,
    elem: underlying.elem,
    key: underlying.key,
    length: underlying.length,
    fields: underlying.fields,
    signature: underlying.signature,
    interfaceMethods: underlying.interfaceMethods,
    methods: methods ? new Map(Object.entries(methods)) : undefined,
  };
}

/** Common unnamed composites. */
export const anySlice = sliceOf(types.any);
export const anyMap = mapOf(types.string, types.any);

export function isIntKind(kind: Kind): boolean {
  return kind === 'int' || kind === 'int8' || kind === 'int16' || kind === 'int32' || kind === 'int64';
}

export function isUintKind(kind: Kind): boolean {
  return kind === 'uint' || kind === 'uint8' || kind === 'uint16' || kind === 'uint32' || kind === 'uint64' || kind === 'uintptr';
}

export function isFloatKind(kind: Kind): boolean {
  return kind === 'float32' || kind === 'float64';
}

export function isComplexKind(kind: Kind): boolean {
  return kind === 'complex64' || kind === 'complex128';
}

/** Bit sizes of the sized integer kinds (`int` and `uint` are 64-bit, as on every platform Helm ships for). */
export function intBits(kind: Kind): number {
  switch (kind) {
    case 'int8':
    case 'uint8':
      return 8;
    case 'int16':
    case 'uint16':
      return 16;
    case 'int32':
    case 'uint32':
      return 32;
    default:
      return 64;
  }
}

/** The method named `name` in the method set of `type` (pointer types include their element's methods). */
export function methodOf(type: GoType, name: string, addressable: boolean): GoMethod | undefined {
  if (type.kind === 'pointer' && type.elem) {
    const method = type.methods?.get(name) ?? type.elem.methods?.get(name);
    return method;
  }
  const method = type.methods?.get(name);
  if (method && method.pointerReceiver && !addressable) return undefined;
  return method;
}

/** Whether a value of dynamic type `type` implements the interface `iface`. */
export function implementsInterface(type: GoType, iface: GoType): boolean {
  const needed = iface.interfaceMethods ?? [];
  return needed.every((name) => methodOf(type, name, false) !== undefined);
}

/** Go's `AssignableTo` for a value of type `from` to a variable of type `to`. */
export function assignableTo(from: GoType, to: GoType): boolean {
  if (from === to) return true;
  if (to.kind === 'interface') return implementsInterface(from, to);
  if (from.name === to.name && from.named === to.named) return true;
  // Identical underlying types and at least one of them unnamed.
  if ((!from.named || !to.named) && from.underlying === to.underlying && from.kind !== 'interface') return true;
  return false;
}
