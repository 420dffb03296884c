/**
 * The Go data of Go's text/template and fmt tests, built with the value model:
 * `tVal` and its types from exec_test.go, the functions of `testExecute`, and
 * the JSON value descriptors the converter writes for fmt_test.go.
 */
import { sprint, sprintf, sprintln } from '../../../../server/src/sources/helm/template/fmt';
import { defineFunc, GoError, type FuncDef, type FuncMap } from '../../../../server/src/sources/helm/template/funcs';
import {
  arrayOf,
  funcOf,
  interfaceOf,
  mapOf,
  namedType,
  pointerTo,
  sliceOf,
  structType,
  types,
  type GoMethod,
  type GoType,
  type Signature,
} from '../../../../server/src/sources/helm/template/types';
import {
  GoFunc,
  GoMap,
  GoPointer,
  GoScalar,
  GoSlice,
  GoStruct,
  goMap,
  goStruct,
  typedScalar,
  zeroValue,
  type GoValue,
} from '../../../../server/src/sources/helm/template/values';

// Types of exec_test.go.

function method(signature: Signature, call: (receiver: GoValue, args: (GoValue | undefined)[]) => GoValue | undefined, pointerReceiver = true): GoMethod {
  return { signature, pointerReceiver, call: (receiver, args) => call(receiver, args) };
}

function target(receiver: GoValue): GoStruct | undefined {
  if (receiver instanceof GoPointer) return receiver.target as GoStruct | undefined;
  return receiver as GoStruct;
}

const intOf = (v: GoValue | undefined): bigint => (v as GoScalar).value as bigint;

export const U = structType('template.U', [{ name: 'V', type: types.string }], {
  TrueFalse: method({ params: [types.bool], results: [types.string] }, (_r, [b]) => (b ? 'true' : '')),
});

export const V = structType('template.V', [{ name: 'j', type: types.int }], {
  String: method({ params: [], results: [types.string] }, (r) => {
    const v = target(r);
    return v ? `<${intOf(v.fields.j)}>` : 'nilV';
  }),
});

export const W = structType('template.W', [{ name: 'k', type: types.int }], {
  Error: method({ params: [], results: [types.string] }, (r) => {
    const w = target(r);
    return w ? `[${intOf(w.fields.k)}]` : 'nilW';
  }),
});

export const I = interfaceOf('template.I', ['Method0']);

export const S = namedType('template.S', sliceOf(types.string), {
  Method0: method({ params: [], results: [types.string] }, () => 'M0', false),
});

const bufferType = structType('bytes.Buffer', [{ name: 'buf', type: sliceOf(types.uint8) }], {
  String: method({ params: [], results: [types.string] }, (r) => String((target(r) as GoStruct).fields.text ?? 'foozle')),
});

const errorStringType = structType('errors.errorString', [{ name: 's', type: types.string }], {
  Error: method({ params: [], results: [types.string] }, (r) => (target(r) as GoStruct).fields.s as string),
});

export function newBuffer(text: string): GoPointer {
  const buffer = new GoStruct(bufferType, { buf: null, text });
  return new GoPointer(pointerTo(bufferType), buffer);
}

function newError(text: string): GoPointer {
  return new GoPointer(pointerTo(errorStringType), new GoStruct(errorStringType, { s: text }));
}

const fn = (sig: Signature) => funcOf(sig);

const tFields: [string, GoType][] = [
  ['True', types.bool],
  ['I', types.int],
  ['U16', types.uint16],
  ['X', types.string],
  ['S', types.string],
  ['FloatZero', types.float64],
  ['ComplexZero', types.complex128],
  ['U', pointerTo(U)],
  ['V0', V],
  ['V1', pointerTo(V)],
  ['V2', pointerTo(V)],
  ['W0', W],
  ['W1', pointerTo(W)],
  ['W2', pointerTo(W)],
  ['SI', sliceOf(types.int)],
  ['SICap', sliceOf(types.int)],
  ['SIEmpty', sliceOf(types.int)],
  ['SB', sliceOf(types.bool)],
  ['AI', arrayOf(3, types.int)],
  ['PAI', pointerTo(arrayOf(3, types.int))],
  ['MSI', mapOf(types.string, types.int)],
  ['MSIone', mapOf(types.string, types.int)],
  ['MSIEmpty', mapOf(types.string, types.int)],
  ['MXI', mapOf(types.any, types.int)],
  ['MII', mapOf(types.int, types.int)],
  ['MI32S', mapOf(types.int32, types.string)],
  ['MI64S', mapOf(types.int64, types.string)],
  ['MUI32S', mapOf(types.uint32, types.string)],
  ['MUI64S', mapOf(types.uint64, types.string)],
  ['MI8S', mapOf(types.int8, types.string)],
  ['MUI8S', mapOf(types.uint8, types.string)],
  ['SMSI', sliceOf(mapOf(types.string, types.int))],
  ['Empty0', types.any],
  ['Empty1', types.any],
  ['Empty2', types.any],
  ['Empty3', types.any],
  ['Empty4', types.any],
  ['NonEmptyInterface', I],
  ['NonEmptyInterfacePtS', pointerTo(I)],
  ['NonEmptyInterfaceNil', I],
  ['NonEmptyInterfaceTypedNil', I],
  ['Str', types.stringer],
  ['Err', types.error],
  ['PI', pointerTo(types.int)],
  ['PS', pointerTo(types.string)],
  ['PSI', pointerTo(sliceOf(types.int))],
  ['NIL', pointerTo(types.int)],
  ['UPI', types.unsafePointer],
  ['EmptyUPI', types.unsafePointer],
  ['BinaryFunc', fn({ params: [types.string, types.string], results: [types.string] })],
  ['VariadicFunc', fn({ params: [], variadic: types.string, results: [types.string] })],
  ['VariadicFuncInt', fn({ params: [types.int], variadic: types.string, results: [types.string] })],
  ['NilOKFunc', fn({ params: [pointerTo(types.int)], results: [types.bool] })],
  ['ErrFunc', fn({ params: [], results: [types.string, types.error] })],
  ['PanicFunc', fn({ params: [], results: [types.string] })],
  ['TooFewReturnCountFunc', fn({ params: [], results: [] })],
  ['TooManyReturnCountFunc', fn({ params: [], results: [types.string, types.error, types.int] })],
  ['InvalidReturnTypeFunc', fn({ params: [], results: [types.string, types.bool] })],
  ['Tmpl', pointerTo(structType('template.Template', []))],
  ['unexported', types.int],
];

// T is recursive through Copy() *T: the methods are attached after the type exists.
const tMethods = new Map<string, GoMethod>();
export const T: GoType = {
  ...structType(
    'template.T',
    tFields.map(([name, type]) => ({ name, type })),
  ),
  methods: tMethods,
};
const ptrT = pointerTo(T);

const int = (n: number | bigint) => typedScalar(types.int, n);
const str = (s: string): GoValue => s;

tMethods.set(
  'Method0',
  method({ params: [], results: [types.string] }, () => 'M0'),
);
tMethods.set(
  'Method1',
  method({ params: [types.int], results: [types.int] }, (_r, [a]) => a as GoValue),
);
tMethods.set(
  'Method2',
  method({ params: [types.uint16, types.string], results: [types.string] }, (_r, [a, b]) => sprintf('Method2: %d %s', [a, b])),
);
tMethods.set(
  'Method3',
  method({ params: [types.any], results: [types.string] }, (_r, [v]) => sprintf('Method3: %v', [v])),
);
tMethods.set(
  'Copy',
  method({ params: [], results: [ptrT] }, (r) => new GoPointer(ptrT, new GoStruct(T, { ...(target(r) as GoStruct).fields }))),
);
tMethods.set(
  'MAdd',
  method({ params: [types.int, sliceOf(types.int)], results: [sliceOf(types.int)] }, (_r, [a, b]) => {
    const items = (b as GoSlice).items ?? [];
    return new GoSlice(
      sliceOf(types.int),
      items.map((x) => int(intOf(x) + intOf(a))),
    );
  }),
);
tMethods.set(
  'MyError',
  method({ params: [types.bool], results: [types.bool, types.error] }, (_r, [e]) => {
    if (e) throw new GoError('my error');
    return false;
  }),
);
tMethods.set(
  'GetU',
  method({ params: [], results: [pointerTo(U)] }, (r) => {
    const t = target(r);
    // Go reads the field through a nil receiver and panics.
    if (!t) throw new Error('runtime error: invalid memory address or nil pointer dereference');
    return t.fields.U;
  }),
);

function ints(...n: number[]): GoSlice {
  return new GoSlice(sliceOf(types.int), n.map(int));
}

function msi(entries: Record<string, number>): GoMap {
  return goMap(
    types.string,
    types.int,
    Object.entries(entries).map(([k, v]) => [k, int(v)] as const),
  );
}

function keyed(key: GoType, entries: [number, string][]): GoMap {
  return goMap(
    key,
    types.string,
    entries.map(([k, v]) => [typedScalar(key, k), v] as const),
  );
}

function goFuncValue(type: GoType, call: FuncDef['call']): GoFunc {
  return new GoFunc(type, { ...(type.signature as Signature), call });
}

const fieldType = (name: string) => tFields.find(([n]) => n === name)?.[1] as GoType;

function makeT(): GoPointer {
  const uVal = new GoPointer(pointerTo(U), new GoStruct(U, { V: 'v' }));
  const siVal = new GoSlice(S, ['a', 'b']);
  const fields: Record<string, GoValue> = {
    True: true,
    I: int(17),
    U16: typedScalar(types.uint16, 16),
    X: 'x',
    S: 'xyz',
    U: uVal,
    V0: new GoStruct(V, { j: int(6666) }),
    V1: new GoPointer(pointerTo(V), new GoStruct(V, { j: int(7777) })),
    W0: new GoStruct(W, { k: int(888) }),
    W1: new GoPointer(pointerTo(W), new GoStruct(W, { k: int(999) })),
    SI: ints(3, 4, 5),
    SICap: new GoSlice(sliceOf(types.int), [int(0), int(0), int(0), int(0), int(0)], 10),
    AI: new GoSlice(arrayOf(3, types.int), [int(3), int(4), int(5)]),
    PAI: new GoPointer(pointerTo(arrayOf(3, types.int)), new GoSlice(arrayOf(3, types.int), [int(3), int(4), int(5)])),
    SB: new GoSlice(sliceOf(types.bool), [true, false]),
    MSI: msi({ one: 1, two: 2, three: 3 }),
    MSIone: msi({ one: 1 }),
    MXI: goMap(types.any, types.int, [['one', int(1)]]),
    MII: goMap(types.int, types.int, [[int(1), int(1)]]),
    MI32S: keyed(types.int32, [
      [1, 'one'],
      [2, 'two'],
    ]),
    MI64S: keyed(types.int64, [
      [2, 'i642'],
      [3, 'i643'],
    ]),
    MUI32S: keyed(types.uint32, [
      [2, 'u322'],
      [3, 'u323'],
    ]),
    MUI64S: keyed(types.uint64, [
      [2, 'ui642'],
      [3, 'ui643'],
    ]),
    MI8S: keyed(types.int8, [
      [2, 'i82'],
      [3, 'i83'],
    ]),
    MUI8S: keyed(types.uint8, [
      [2, 'u82'],
      [3, 'u83'],
    ]),
    SMSI: new GoSlice(sliceOf(mapOf(types.string, types.int)), [msi({ one: 1, two: 2 }), msi({ eleven: 11, twelve: 12 })]),
    Empty0: null,
    Empty1: int(3),
    Empty2: 'empty2',
    Empty3: ints(7, 8),
    Empty4: new GoPointer(pointerTo(U), new GoStruct(U, { V: 'UinEmpty' })),
    NonEmptyInterface: new GoPointer(ptrT, goStruct(T, { X: 'x' })),
    NonEmptyInterfacePtS: new GoPointer(pointerTo(I), siVal),
    NonEmptyInterfaceNil: null,
    NonEmptyInterfaceTypedNil: new GoPointer(ptrT, undefined),
    Str: newBuffer('foozle'),
    Err: newError('erroozle'),
    PI: new GoPointer(pointerTo(types.int), int(23)),
    PS: new GoPointer(pointerTo(types.string), str('a string')),
    PSI: new GoPointer(pointerTo(sliceOf(types.int)), ints(21, 22, 23)),
    UPI: new GoScalar(types.unsafePointer, 0xc000012345n),
    EmptyUPI: new GoScalar(types.unsafePointer, 0n),
    BinaryFunc: goFuncValue(fieldType('BinaryFunc'), ([a, b]) => `[${a}=${b}]`),
    VariadicFunc: goFuncValue(fieldType('VariadicFunc'), (s) => sprint(['<', s.join('+'), '>'])),
    VariadicFuncInt: goFuncValue(fieldType('VariadicFuncInt'), ([a, ...s]) => sprint([a, '=<', s.join('+'), '>'])),
    NilOKFunc: goFuncValue(fieldType('NilOKFunc'), ([p]) => p instanceof GoPointer && p.target === undefined),
    ErrFunc: goFuncValue(fieldType('ErrFunc'), () => 'bla'),
    PanicFunc: goFuncValue(fieldType('PanicFunc'), () => {
      throw new GoError('test panic');
    }),
    TooFewReturnCountFunc: goFuncValue(fieldType('TooFewReturnCountFunc'), () => undefined),
    TooManyReturnCountFunc: goFuncValue(fieldType('TooManyReturnCountFunc'), () => ''),
    InvalidReturnTypeFunc: goFuncValue(fieldType('InvalidReturnTypeFunc'), () => ''),
    unexported: int(0),
  };
  return new GoPointer(ptrT, goStruct(T, fields));
}

export const tVal = makeT();

/** The data column of Go's exec tests, by its Go source text. */
export function goData(source: string): { value: GoValue | undefined } | { skip: string } {
  switch (source) {
    case 'nil':
      return { value: undefined };
    case 'tVal':
      return { value: tVal };
    case '0':
    case '13':
    case '123':
      return { value: int(Number(source)) };
    case 'uint(14)':
      return { value: typedScalar(types.uint, 14) };
    case '15.1':
      return { value: 15.1 };
    case 'true':
      return { value: true };
    case '16.2 - 17i':
      return { value: new GoScalar(types.complex128, { re: 16.2, im: -17 }) };
    case '"hello"':
      return { value: 'hello' };
    case "`It'd be nice.`":
      return { value: "It'd be nice." };
    case '[]int{-1, -2, -3}':
      return { value: ints(-1, -2, -3) };
    case 'map[string]int{"two": 22}':
      return { value: msi({ two: 22 }) };
    case 'map[string]string{"cause": "neglect"}':
      return { value: goMap(types.string, types.string, [['cause', 'neglect']]) };
    case 'tSliceOfNil':
      return { value: new GoSlice(sliceOf(ptrT), [new GoPointer(ptrT, undefined)]) };
    case 'map[string]any{"S": bytes.NewBufferString("foozle")}':
      return { value: { S: newBuffer('foozle') } };
    case '&iVal':
      return { value: new GoPointer(pointerTo(I), tVal) };
    case 'T{}':
      return { value: goStruct(T, {}) };
    case "'.'":
    case "'e'":
    case "'P'":
      return { value: typedScalar(types.int32, source.codePointAt(1) as number) };
    case '"joe"':
      return { value: 'joe' };
  }
  const conversion = /^(u?int(?:8|16|32|64)?|uintptr)\((\d+)\)$/.exec(source);
  if (conversion) return { value: typedScalar(types[conversion[1] as keyof typeof types] as GoType, Number(conversion[2])) };
  if (source.startsWith('struct {')) {
    const anon = structType('', [
      { name: 'a', type: types.int },
      { name: 'b', type: types.string },
    ]);
    return { value: new GoStruct(anon, { a: int(7), b: 'seven' }) };
  }
  if (source === '(*T)(nil)') return { value: new GoPointer(ptrT, undefined) };
  if (source === '&T{}') return { value: new GoPointer(ptrT, goStruct(T, {})) };
  if (source === '(*map[string]string)(nil)') return { value: new GoPointer(pointerTo(mapOf(types.string, types.string)), undefined) };
  if (source === '&map[string]string{}') return { value: new GoPointer(pointerTo(mapOf(types.string, types.string)), goMap(types.string, types.string, [])) };
  if (source === 'map[string]int{"x": 99}') return { value: msi({ x: 99 }) };
  if (source === '5') return { value: int(5) };
  if (source === '"hello"' || source === '"goodbye"' || source === '"result"') return { value: source.slice(1, -1) };
  if (source === 'func() string') return { value: goFuncValue(funcOf({ params: [], results: [types.string] }), () => 'result') };
  if (/^fVal[12]\(/.test(source)) return { skip: 'range over a Go iterator function (iter.Seq) has no equivalent in this value model' };
  return { skip: `no fixture for Go data ${source}` };
}

// The functions of testExecute.

const s = types.string;

export const execFuncs: FuncMap = {
  add: defineFunc({ params: [], variadic: types.int, results: [types.int] }, (args) => int(args.reduce((sum: bigint, x) => sum + intOf(x), 0n))),
  dddArg: defineFunc({ params: [types.int], variadic: s, results: [s] }, ([a, ...b]) => sprintln([a, new GoSlice(sliceOf(s), b as GoValue[])])),
  die: defineFunc({ params: [], results: [types.bool] }, () => {
    throw new Error('die');
  }),
  echo: defineFunc({ params: [types.any], results: [types.any] }, ([arg]) => arg),
  makemap: defineFunc({ params: [], variadic: s, results: [mapOf(s, s)] }, (args) => {
    if (args.length % 2 !== 0) throw new Error('bad makemap');
    const entries: [GoValue, GoValue][] = [];
    for (let i = 0; i < args.length; i += 2) entries.push([args[i] as GoValue, args[i + 1] as GoValue]);
    return goMap(s, s, entries);
  }),
  mapOfThree: defineFunc({ params: [], results: [types.any] }, () => msi({ three: 3 })),
  oneArg: defineFunc({ params: [s], results: [s] }, ([a]) => 'oneArg=' + a),
  returnInt: defineFunc({ params: [], results: [types.int] }, () => int(7)),
  stringer: defineFunc({ params: [types.stringer], results: [s] }, ([v], ctx) => {
    const m = (v as GoPointer).type.elem?.methods?.get('String') as GoMethod;
    return m.call(v as GoValue, [], ctx) as string;
  }),
  twoArgs: defineFunc({ params: [s, s], results: [s] }, ([a, b]) => 'twoArgs=' + a + b),
  typeOf: defineFunc({ params: [types.any], results: [s] }, ([arg]) => sprintf('%T', [arg])),
  valueString: defineFunc({ params: [s], results: [s] }, () => 'value is ignored'),
  vfunc: defineFunc({ params: [V, pointerTo(V)], results: [s] }, () => 'vfunc'),
  zeroArgs: defineFunc({ params: [], results: [s] }, () => 'zeroArgs'),
};

// fmt test value descriptors.

export interface ValueDescriptor {
  type: string;
  value?: string | boolean;
  kind?: string;
  re?: string;
  im?: string;
  bytes?: number[];
  items?: ValueDescriptor[] | null;
  entries?: [ValueDescriptor, ValueDescriptor][] | null;
  target?: ValueDescriptor;
}

/** A Go type from its name as `%T` prints it (basic types, slices, arrays, maps, pointers). */
export function parseTypeName(name: string): GoType {
  if (name === 'interface {}') return types.any;
  if (name.startsWith('[]')) return sliceOf(parseTypeName(name.slice(2)));
  if (name.startsWith('*')) return pointerTo(parseTypeName(name.slice(1)));
  const array = /^\[(\d+)\](.*)$/.exec(name);
  if (array) return arrayOf(Number(array[1]), parseTypeName(array[2]));
  if (name.startsWith('map[')) {
    let depth = 0;
    let i = 3;
    for (; i < name.length; i++) {
      if (name[i] === '[') depth++;
      else if (name[i] === ']' && --depth === 0) break;
    }
    return mapOf(parseTypeName(name.slice(4, i)), parseTypeName(name.slice(i + 1)));
  }
  const basic = (types as Record<string, GoType>)[name];
  if (basic) return basic;
  throw new Error(`unknown type ${name}`);
}

function parseFloatText(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (text === '-0') return -0;
  return Number(text);
}

const namedTypes = new Map<string, GoType>();

/** A Go value from a converter descriptor; undefined when it cannot be represented (a string that is not UTF-8). */
export function fromDescriptor(d: ValueDescriptor): GoValue | undefined {
  if (d.type === 'nil') return null;
  if (d.bytes) return undefined;
  let type: GoType;
  if (d.kind) {
    let named = namedTypes.get(d.type);
    if (!named) {
      const underlying = parseTypeName(d.kind);
      named = namedType(d.type, underlying);
      namedTypes.set(d.type, named);
    }
    type = named;
  } else type = parseTypeName(d.type);
  return fromTyped(d, type);
}

function fromTyped(d: ValueDescriptor, type: GoType): GoValue | undefined {
  switch (type.kind) {
    case 'bool':
      return type === types.bool ? (d.value as boolean) : new GoScalar(type, d.value as boolean);
    case 'string':
      if (d.bytes) return undefined;
      return type === types.string ? (d.value as string) : new GoScalar(type, d.value as string);
    case 'float64':
      return type === types.float64 ? parseFloatText(d.value as string) : new GoScalar(type, parseFloatText(d.value as string));
    case 'float32':
      return new GoScalar(type, Math.fround(parseFloatText(d.value as string)));
    case 'complex64':
    case 'complex128': {
      const re = parseFloatText(d.re as string);
      const im = parseFloatText(d.im as string);
      return new GoScalar(type, type.kind === 'complex64' ? { re: Math.fround(re), im: Math.fround(im) } : { re, im });
    }
    case 'slice':
    case 'array': {
      if (d.items === null) return new GoSlice(type, null);
      const items: GoValue[] = [];
      for (const item of d.items ?? []) {
        const v = type.elem === types.any ? fromDescriptor(item) : fromTyped(item, type.elem as GoType);
        if (v === undefined) return undefined;
        items.push(v);
      }
      // An array literal with fewer elements is padded with zero values.
      while (type.kind === 'array' && items.length < (type.length ?? 0)) items.push(zeroValue(type.elem as GoType));
      return type === sliceOf(types.any) ? items : new GoSlice(type, items);
    }
    case 'map': {
      if (d.entries === null) return new GoMap(type, null);
      const entries: [GoValue, GoValue][] = [];
      for (const [k, v] of d.entries ?? []) {
        const key = type.key === types.any ? fromDescriptor(k) : fromTyped(k, type.key as GoType);
        const value = type.elem === types.any ? fromDescriptor(v) : fromTyped(v, type.elem as GoType);
        if (key === undefined || value === undefined) return undefined;
        entries.push([key, value]);
      }
      return goMap(type.key as GoType, type.elem as GoType, entries, type);
    }
    case 'pointer': {
      const targetValue = d.target ? fromTyped(d.target, type.elem as GoType) : undefined;
      if (d.target && targetValue === undefined) return undefined;
      return new GoPointer(type, targetValue);
    }
    default:
      return typedScalar(type, BigInt(d.value as string));
  }
}

// exec_test.go TestComparison's data.
const cmpType = structType('', [
  { name: 'Uthree', type: types.uint },
  { name: 'Ufour', type: types.uint },
  { name: 'NegOne', type: types.int },
  { name: 'Three', type: types.int },
  { name: 'Ptr', type: pointerTo(types.int) },
  { name: 'NilPtr', type: pointerTo(types.int) },
  { name: 'NonNilMap', type: mapOf(types.int, types.int) },
  { name: 'Map', type: mapOf(types.int, types.int) },
  { name: 'V1', type: V },
  { name: 'V2', type: V },
  { name: 'Iface1', type: types.stringer },
  { name: 'NilIface', type: types.stringer },
]);

export const cmpData = new GoPointer(
  pointerTo(cmpType),
  goStruct(cmpType, {
    Uthree: typedScalar(types.uint, 3),
    Ufour: typedScalar(types.uint, 4),
    NegOne: int(-1),
    Three: int(3),
    Ptr: new GoPointer(pointerTo(types.int), int(0)),
    NonNilMap: goMap(types.int, types.int, []),
    V1: new GoStruct(V, { j: int(0) }),
    V2: new GoStruct(V, { j: int(0) }),
    Iface1: newBuffer(''),
    NilIface: null,
  }),
);
