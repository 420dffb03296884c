import { resolvePlainYamlScalar } from '../yaml/kubectl-json';
import { type Document, isAlias, isDocument, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { type Finding } from '../findings';
import { K8S_NAMED, K8S_STRUCTS } from './k8s-types';

/**
 * Strict field validation, as the API server applies it by default
 * (fieldValidation=Strict, what `kubectl apply` asks for): the manifest is
 * converted from YAML to JSON the way kubectl does it (sigs.k8s.io/yaml, so
 * YAML 1.1 scalars: `yes` is a boolean, `0644` is octal), then decoded into
 * the Go types case-sensitively (sigs.k8s.io/json). Unknown and duplicate
 * fields are reported with the decoder's own path syntax
 * (`spec.template.spec.containers[0].foo`), and values whose shape cannot
 * decode with the decoder's error text.
 */

export type FieldShape = 'object' | 'list' | 'map' | 'string' | 'integer' | 'boolean' | 'quantity' | 'int-or-string' | 'time' | 'free-form';

/** What a position in an object accepts: for hovers and completion. */
export interface FieldType {
  /** The type in the table's notation: `Container`, `[]EnvVar`, `ResourceList`, `int32`. */
  readonly ref: string;
  readonly shape: FieldShape;
  /** The Go type as the API server names it in decode errors, e.g. `[]v1.ContainerPort`. */
  readonly goType: string;
  /** For objects: the field names, in the API's order. */
  readonly fields?: readonly string[];
  /** For lists and maps: the element type's ref. */
  readonly element?: string;
}

type LeafKind = 'string' | 'bool' | 'int32' | 'int64' | 'quantity' | 'intOrString' | 'time' | 'any';

interface StructT {
  readonly kind: 'struct';
  readonly ref: string;
  readonly go: string;
  fields: Map<string, SchemaT> | null;
}
interface ListT {
  readonly kind: 'list' | 'map';
  readonly ref: string;
  readonly go: string;
  readonly elem: SchemaT;
}
interface LeafT {
  readonly kind: LeafKind;
  readonly ref: string;
  readonly go: string;
}
type SchemaT = StructT | ListT | LeafT;

const compiled = new Map<string, SchemaT>();

const leafOf: { readonly [ref: string]: readonly [LeafKind, string] } = {
  string: ['string', 'string'],
  bool: ['bool', 'bool'],
  int32: ['int32', 'int32'],
  int64: ['int64', 'int64'],
  Quantity: ['quantity', 'resource.Quantity'],
  IntOrString: ['intOrString', 'intstr.IntOrString'],
  Time: ['time', 'v1.Time'],
  UID: ['string', 'types.UID'],
  any: ['any', 'interface {}'],
};

function own<T>(table: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Compiles a type ref once; the table is tiny, so everything reachable ends up cached. */
function compile(ref: string): SchemaT | null {
  const cached = compiled.get(ref);
  if (cached !== undefined) return cached;
  // Callers pass kinds read from documents: unknown ones are not cached, so half-typed kinds cannot pile up.
  if (ref.length > 200) return null;
  let result: SchemaT | null = null;
  if (ref.startsWith('[]')) {
    const elem = compile(ref.slice(2));
    if (elem) result = { kind: 'list', ref, go: '[]' + elem.go, elem };
  } else if (ref.startsWith('map[')) {
    const close = ref.indexOf(']');
    const key = compile(ref.slice(4, close));
    const elem = compile(ref.slice(close + 1));
    if (key && elem) result = { kind: 'map', ref, go: `map[${key.go}]${elem.go}`, elem };
  } else if (own(leafOf, ref)) {
    const [kind, go] = leafOf[ref];
    result = { kind, ref, go };
  } else if (own(K8S_STRUCTS, ref)) {
    result = { kind: 'struct', ref, go: 'v1.' + ref, fields: null };
  } else {
    const underlying = own(K8S_NAMED, ref);
    const base = underlying === undefined ? null : compile(underlying);
    // A named type decodes like its underlying type but is printed under its own name.
    if (base) result = base.kind === 'list' || base.kind === 'map' ? { ...base, ref, go: 'v1.' + ref } : { kind: base.kind as LeafKind, ref, go: 'v1.' + ref };
  }
  if (result) compiled.set(ref, result);
  return result;
}

function fieldsOf(t: StructT): Map<string, SchemaT> {
  if (t.fields) return t.fields;
  const fields = new Map<string, SchemaT>();
  // Set before filling so that a (hypothetical) recursive type terminates.
  t.fields = fields;
  const table = K8S_STRUCTS[t.ref];
  for (const name of Object.keys(table)) {
    const ft = compile(table[name]);
    if (ft) fields.set(name, ft);
  }
  return fields;
}

function shapeOf(t: SchemaT): FieldShape {
  switch (t.kind) {
    case 'struct':
      return 'object';
    case 'list':
      return 'list';
    case 'map':
      return 'map';
    case 'string':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'int32':
    case 'int64':
      return 'integer';
    case 'quantity':
      return 'quantity';
    case 'intOrString':
      return 'int-or-string';
    case 'time':
      return 'time';
    default:
      return 'free-form';
  }
}

function describe(t: SchemaT): FieldType {
  if (t.kind === 'struct') return { ref: t.ref, shape: 'object', goType: t.go, fields: [...fieldsOf(t).keys()] };
  if (t.kind === 'list' || t.kind === 'map') return { ref: t.ref, shape: shapeOf(t), goType: t.go, element: t.elem.ref };
  return { ref: t.ref, shape: shapeOf(t), goType: t.go };
}

/**
 * The type expected at a path below a root type: strings name object fields
 * or map keys, numbers index lists. Null when the path leaves the schema
 * (an unknown field, or an index into something that is not a list).
 */
export function typeAtPath(rootType: string, path: readonly (string | number)[]): FieldType | null {
  let t = compile(rootType);
  if (!t || t.kind !== 'struct') return null;
  for (const segment of path) {
    if (!t) return null;
    if (t.kind === 'any') return describe(t);
    if (typeof segment === 'number') {
      t = t.kind === 'list' ? t.elem : null;
    } else if (t.kind === 'struct') {
      t = fieldsOf(t).get(segment) ?? null;
    } else {
      t = t.kind === 'map' ? t.elem : null;
    }
  }
  return t ? describe(t) : null;
}

/** The description of a type of the table by its ref (`Container`, `[]EnvVar`), or null. */
export function describeType(ref: string): FieldType | null {
  const t = compile(ref);
  return t ? describe(t) : null;
}

// ---------------------------------------------------------------------------
// YAML 1.1 scalar resolution, as go-yaml v2 does it for kubectl's YAML-to-JSON.

const enum J {
  Null,
  Bool,
  Number,
  String,
  Object,
  Array,
}

const boolWords = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
]);
const trueWords = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const nullWords = new Set(['', '~', 'null', 'Null', 'NULL']);

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The number the last `resolvePlain` returned: its JSON text, and whether it
 * is a JSON integer within int32/int64. Module state instead of a result
 * object keeps the per-scalar path allocation-free.
 */
let numText = '';
let numFitsInt32 = false;
let numFitsInt64 = false;
let numIntegral = false;

function setInteger(value: bigint): void {
  numText = value.toString();
  numIntegral = true;
  numFitsInt64 = value >= INT64_MIN && value <= INT64_MAX;
  numFitsInt32 = numFitsInt64 && value >= BigInt(INT32_MIN) && value <= BigInt(INT32_MAX);
}

function setFloat(value: number): void {
  // Go's JSON encoding of a float64 matches JavaScript's shortest form, thresholds included.
  numText = String(value);
  const integral = Number.isInteger(value);
  numIntegral = integral;
  numFitsInt32 = integral && value >= INT32_MIN && value <= INT32_MAX;
  numFitsInt64 = integral && value >= -9223372036854775808 && value < 9223372036854775808;
}

/** The first characters of a plain scalar that can resolve to something other than a string. */
function mayResolve(src: string): boolean {
  const c = src.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 /* + */ || c === 45 /* - */ || c === 46 /* . */ || c === 126 /* ~ */ || Number.isNaN(c)) return true;
  return boolWords.has(src) || nullWords.has(src);
}

/** go-yaml v2's resolution of a plain scalar, as kubectl's conversion to JSON sees it (the one resolver: `yaml/kubectl-json`). */
function resolvePlain(src: string): J {
  // The common case, an identifier-like word, is a string without asking the resolver (and without allocating).
  if (!mayResolve(src)) return J.String;
  const value = resolvePlainYamlScalar(src);
  switch (value.kind) {
    case 'null':
      return J.Null;
    case 'bool':
      return J.Bool;
    case 'string':
      return J.String;
    case 'int':
      setInteger(value.value);
      return J.Number;
    case 'float':
      if (Number.isFinite(value.value)) setFloat(value.value);
      else {
        numText = src;
        numFitsInt32 = numFitsInt64 = numIntegral = false;
      }
      return J.Number;
  }
  return J.String;
}

function scalarKind(node: Scalar): J {
  const tag = node.tag;
  const type = node.type;
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' || type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  if (tag) {
    if (tag === 'tag:yaml.org,2002:str' || tag === 'tag:yaml.org,2002:binary') return J.String;
    if (!tag.startsWith('tag:yaml.org,2002:')) return J.String;
  } else if (quoted) {
    return J.String;
  }
  const src = typeof node.source === 'string' ? node.source : null;
  if (src !== null && !quoted) return resolvePlain(src);
  const value = node.value;
  if (value === null || value === undefined) return J.Null;
  if (typeof value === 'boolean') return J.Bool;
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'bigint') setInteger(value);
    else setFloat(value);
    return J.Number;
  }
  return typeof value === 'string' && tag ? resolvePlain(value) : J.String;
}

/** The JSON key a YAML key becomes (go-yaml v2 resolution, then Go's formatting); null to skip it. */
function keyString(key: unknown): string | null {
  if (!isScalar(key)) return null;
  const type = key.type;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' || type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED' || key.tag) {
    return key.value === null || key.value === undefined ? null : String(key.value);
  }
  const src = typeof key.source === 'string' ? key.source : key.value === null || key.value === undefined ? '' : String(key.value);
  const c = src.charCodeAt(0);
  if (
    (c >= 97 && c <= 122 && c !== 110 && c !== 116 && c !== 102 && c !== 111 && c !== 121) ||
    (c >= 65 && c <= 90 && c !== 78 && c !== 84 && c !== 70 && c !== 79 && c !== 89)
  ) {
    return src; // the common case: an identifier that cannot resolve to anything else
  }
  switch (resolvePlain(src)) {
    case J.Null:
      return null;
    case J.Bool:
      return trueWords.has(src) ? 'true' : 'false';
    case J.Number:
      return numText;
    default:
      return src;
  }
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.source === '<<' && (key.type === 'PLAIN' || key.type === undefined) && !key.tag));
}

// ---------------------------------------------------------------------------

const SEG_FIELD = 0;
const SEG_KEY = 1;
const SEG_INDEX = 2;

/** Enough for any real manifest; stops alias bombs and pathological inputs early. */
const NODE_BUDGET = 200_000;
const MAX_ALIAS_DEPTH = 16;

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

class Checker {
  readonly findings: Finding[] = [];
  private readonly segs: (string | number)[] = [];
  private readonly segKinds: number[] = [];
  /** For field segments: the struct that owns the field (the decoder's "Go struct field" prefix). */
  private readonly segOwners: string[] = [];
  private reported: Set<string> | null = null;
  private budget = NODE_BUDGET;
  private aliasDepth = 0;
  private anchors: Map<string, Node[]> | null = null;

  constructor(
    private readonly root: Node,
    basePath: readonly (string | number)[] = [],
  ) {
    for (const seg of basePath) this.push(seg, typeof seg === 'number' ? SEG_INDEX : SEG_KEY, '');
  }

  /**
   * The keys seen so far of the mappings being checked, innermost last, for
   * go-yaml's duplicate-key error: a mapping of a few keys scans its own part
   * of this stack, a large one keeps a Set. A Set for every mapping of every
   * document showed in the engine's allocation profile.
   */
  private readonly names: string[] = [];

  /** Whether `name` was seen before in the mapping whose names start at `base` (or are in `large`); records it. */
  private repeats(name: string, base: number, large: Set<string> | null): boolean {
    if (large) {
      if (large.has(name)) return true;
      large.add(name);
      return false;
    }
    if (this.names.indexOf(name, base) >= 0) return true;
    this.names.push(name);
    return false;
  }

  private path(extra?: string): string {
    let out = '';
    const n = this.segs.length;
    for (let i = 0; i < n; i++) {
      const s = this.segs[i];
      if (this.segKinds[i] === SEG_INDEX) out += `[${s}]`;
      else out += out === '' ? String(s) : '.' + String(s);
    }
    if (extra !== undefined) out += out === '' ? extra : '.' + extra;
    return out;
  }

  /** The decoder's UnmarshalTypeError context: innermost struct, and the struct fields only. */
  private goField(): string {
    let owner = '';
    let stack = '';
    for (let i = 0; i < this.segs.length; i++) {
      if (this.segKinds[i] !== SEG_FIELD) continue;
      owner = this.segOwners[i];
      stack += stack === '' ? String(this.segs[i]) : '.' + String(this.segs[i]);
    }
    return `${owner}.${stack}`;
  }

  private push(seg: string | number, kind: number, owner: string): void {
    this.segs.push(seg);
    this.segKinds.push(kind);
    this.segOwners.push(owner);
  }

  private pop(): void {
    this.segs.pop();
    this.segKinds.pop();
    this.segOwners.pop();
  }

  private strictError(code: 'unknown-field' | 'duplicate-field', message: string, key: Node, field: string): void {
    // The decoder reports each strict error once: an unknown key repeated is one error.
    this.reported ??= new Set();
    if (this.reported.has(message)) return;
    this.reported.add(message);
    const range = key.range;
    if (!range) return;
    // kubectl converts YAML to JSON keeping the last of duplicated keys without a word
    // (kubernetes/kubernetes#125885, #89303): the object is accepted, the earlier value lost.
    const duplicate = code === 'duplicate-field';
    this.findings.push({
      code,
      severity: duplicate ? 'warning' : 'error',
      message: duplicate ? `${message}: kubectl keeps only this last value and silently drops the earlier one` : message,
      start: range[0],
      end: range[1],
      field,
    });
  }

  private resolveAlias(alias: Node & { source: string }): Node | null {
    if (!this.anchors) this.anchors = indexAnchors(this.root);
    const candidates = this.anchors.get(alias.source);
    if (!candidates) return null;
    const at = alias.range ? alias.range[0] : Infinity;
    let found: Node | null = null;
    // An alias names the closest anchor before it; candidates are in document order.
    for (const c of candidates) {
      if (c.range && c.range[0] < at) found = c;
      else break;
    }
    return found;
  }

  /**
   * Checks a value against a type. `keyNode` is where a shape error is shown
   * when the value is a collection: squiggling a whole block is noise.
   */
  value(node: unknown, t: SchemaT, keyNode: Node | null): void {
    if (--this.budget < 0 || node === null || node === undefined || t.kind === 'any') return;
    if (isAlias(node)) {
      if (this.aliasDepth >= MAX_ALIAS_DEPTH) return;
      const target = this.resolveAlias(node);
      if (!target) return;
      this.aliasDepth++;
      try {
        // A scalar's error belongs where it is used, not where it is anchored.
        if (isScalar(target)) this.scalar(target, t, node);
        else this.value(target, t, keyNode ?? node);
      } finally {
        this.aliasDepth--;
      }
    } else if (isMap(node)) {
      if (t.kind === 'struct' || t.kind === 'map') this.mapping(node.items, t, false);
      else this.typeError(J.Object, t, keyNode ?? node, '');
    } else if (isSeq(node)) {
      if (t.kind !== 'list') {
        this.typeError(J.Array, t, keyNode ?? node, '');
        return;
      }
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        this.push(i, SEG_INDEX, '');
        if (isPair(item)) this.barePair(item, t.elem);
        else this.value(item, t.elem, null);
        this.pop();
      }
    } else if (isScalar(node)) {
      this.scalar(node, t, node);
    }
  }

  /** `[a: 1]` holds a bare pair, which go-yaml reads as a one-entry mapping. */
  private barePair(pair: Pair, t: SchemaT): void {
    if (t.kind === 'any') return;
    if (t.kind === 'struct' || t.kind === 'map') this.mapping([pair], t, false);
    else if (isNodeWithRange(pair.key)) this.typeError(J.Object, t, pair.key, '');
  }

  private scalar(node: Scalar, t: SchemaT, at: Node): void {
    const kind = scalarKind(node);
    if (kind === J.Null) return;
    let ok: boolean;
    switch (t.kind) {
      case 'string':
      case 'time':
        ok = kind === J.String;
        break;
      case 'bool':
        ok = kind === J.Bool;
        break;
      case 'int32':
        ok = kind === J.Number && numFitsInt32;
        break;
      case 'int64':
        ok = kind === J.Number && numFitsInt64;
        break;
      case 'quantity':
        // Strings and numbers reach ParseQuantity, whose errors are the quantity check's business.
        ok = kind !== J.Bool;
        break;
      case 'intOrString':
        ok = kind === J.String || (kind === J.Number && numFitsInt32);
        break;
      case 'any':
        ok = true;
        break;
      default:
        ok = false;
    }
    if (!ok) this.typeError(kind, t, at, sourceOf(node));
  }

  /** A mapping decoded into a struct (known fields only) or a map (any key, each value of its element type). */
  private mapping(items: readonly unknown[], t: StructT | ListT, merged: boolean): void {
    const fields = t.kind === 'struct' ? fieldsOf(t) : null;
    const elem = t.kind === 'struct' ? undefined : t.elem;
    const base = this.names.length;
    const large = !merged && items.length > 32 ? new Set<string>() : null;
    try {
      for (const item of items) {
        if (!isPair(item)) continue;
        if (--this.budget < 0) return;
        const key = item.key;
        if (isMergeKey(key)) {
          this.merge(item.value, t);
          continue;
        }
        const name = keyString(key);
        if (name === null) continue;
        const ft = fields ? fields.get(name) : elem;
        if (ft === undefined) {
          this.strictError('unknown-field', `unknown field "${this.path(name)}"`, key as Node, name);
          continue;
        }
        if (!merged && this.repeats(name, base, large)) this.strictError('duplicate-field', `duplicate field "${this.path(name)}"`, key as Node, name);
        this.push(name, fields ? SEG_FIELD : SEG_KEY, fields ? t.ref : '');
        this.value(item.value, ft, key as Node);
        this.pop();
      }
    } finally {
      this.names.length = base;
    }
  }

  /**
   * `<<: *base` (or a list of them) merges mappings in, as go-yaml v2 does:
   * merged keys are checked like the map's own, but never count as duplicates.
   */
  private merge(value: unknown, t: StructT | ListT): void {
    let node = value;
    if (isAlias(node)) {
      if (this.aliasDepth >= MAX_ALIAS_DEPTH) return;
      node = this.resolveAlias(node);
    }
    this.aliasDepth++;
    try {
      if (isMap(node)) {
        this.mapping(node.items, t, true);
      } else if (isSeq(node)) {
        for (const item of node.items) this.merge(item, t);
      }
    } finally {
      this.aliasDepth--;
    }
  }

  private typeError(kind: J, t: SchemaT, at: Node, source: string): void {
    const range = at.range;
    if (!range) return;
    const end = contentEnd(at);
    const jsonValue = kind === J.Object ? 'object' : kind === J.Array ? 'array' : kind === J.Bool ? 'bool' : kind === J.String ? 'string' : 'number';
    const got =
      kind === J.Object
        ? 'a map'
        : kind === J.Array
          ? 'a list'
          : kind === J.String
            ? 'a string'
            : kind === J.Bool
              ? `the boolean ${source}`
              : `the number ${source}`;
    let want: string;
    let api: string;
    let hint = '';
    switch (t.kind) {
      case 'quantity':
        want = 'a quantity';
        api = QUANTITY_ERROR;
        break;
      case 'intOrString':
        want = 'an integer or a string';
        api = `json: cannot unmarshal ${kind === J.Number ? 'number ' + numText : jsonValue} into Go value of type int32`;
        break;
      case 'time':
        want = 'an RFC 3339 time string';
        api = `json: cannot unmarshal ${jsonValue} into Go value of type string`;
        break;
      default: {
        // Only integer targets quote the number: that is how encoding/json words it.
        const value = kind === J.Number && (t.kind === 'int32' || t.kind === 'int64') ? 'number ' + numText : jsonValue;
        api = `json: cannot unmarshal ${value} into Go struct field ${this.goField()} of type ${t.go}`;
        want = wanted(t);
        if (kind === J.Number && numIntegral && (t.kind === 'int32' || t.kind === 'int64')) {
          want = t.kind === 'int32' ? 'an integer that fits in 32 bits' : 'an integer that fits in 64 bits';
        }
        if (t.kind === 'string' && (kind === J.Number || kind === J.Bool)) hint = ' (quote it to keep it a string)';
      }
    }
    this.findings.push({
      code: 'invalid-type',
      severity: 'error',
      message: `${this.path() || '<root>'}: expected ${want}, got ${got}${hint}: ${api}`,
      start: range[0],
      end: end > range[0] ? end : range[1],
    });
  }
}

/** Where a node's text ends: a block collection's range runs on past its last line break. */
function contentEnd(node: unknown, depth = 0): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && depth < 64) {
    const last = node.items[node.items.length - 1] as unknown;
    if (last !== undefined) {
      const inner = isPair(last) ? (last.value ?? last.key) : last;
      const end = contentEnd(inner, depth + 1);
      if (end >= 0) return end;
    }
  }
  const range = (node as Node | null)?.range;
  return range ? range[1] : -1;
}

function wanted(t: SchemaT): string {
  switch (t.kind) {
    case 'struct':
      return `${/^[AEIOU]/.test(t.ref) ? 'an' : 'a'} ${t.ref} object`;
    case 'list':
      return t.elem.kind === 'struct' ? `a list of ${t.elem.ref}` : `a list of ${plural(wanted(t.elem).replace(/^an? /, ''))}`;
    case 'map':
      return `a map of ${plural(wanted(t.elem).replace(/^an? /, ''))}`;
    case 'string':
      return 'a string';
    case 'bool':
      return 'a boolean';
    case 'int32':
    case 'int64':
      return 'an integer';
    case 'quantity':
      return 'a quantity';
    case 'intOrString':
      return 'an integer or a string';
    case 'time':
      return 'a time';
    default:
      return 'a value';
  }
}

function isNodeWithRange(node: unknown): node is Node {
  return (isScalar(node) || isMap(node) || isSeq(node)) && !!node.range;
}

function plural(noun: string): string {
  return noun.endsWith('y') ? noun.slice(0, -1) + 'ies' : noun + 's';
}

function sourceOf(node: Scalar): string {
  if (typeof node.source === 'string' && node.source !== '') return node.source;
  return String(node.value);
}

/** Every anchored node of the tree, by anchor name, in document order. */
function indexAnchors(root: Node): Map<string, Node[]> {
  const anchors = new Map<string, Node[]>();
  const stack: unknown[] = [root];
  const ordered: Node[] = [];
  let guard = NODE_BUDGET;
  while (stack.length > 0 && --guard > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === 'string' && (isMap(node) || isSeq(node) || isScalar(node))) ordered.push(node);
    if (isMap(node) || isSeq(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  ordered.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  for (const node of ordered) {
    const name = (node as { anchor?: string }).anchor as string;
    let list = anchors.get(name);
    if (!list) anchors.set(name, (list = []));
    list.push(node);
  }
  return anchors;
}

/**
 * Checks an object against its Kubernetes type (a key of K8S_STRUCTS, e.g.
 * 'Deployment'): unknown fields, duplicate fields and values of the wrong
 * shape, anchored at the offending key (unknown, duplicate) or value.
 * Returns no findings for an unknown root type or a root that is not a
 * mapping, and never throws.
 */
/**
 * `basePath`: where `root` sits in its object (a custom resource's pod spec,
 * `spec.workerGroupSpecs[1].template.spec`), for the paths in messages.
 */
export function checkStrictFields(root: Node | Document | null | undefined, rootType: string, basePath: readonly (string | number)[] = []): Finding[] {
  try {
    const node = isDocument(root) ? root.contents : root;
    if (!node || !isMap(node)) return [];
    const t = compile(rootType);
    if (!t || t.kind !== 'struct') return [];
    const checker = new Checker(node, basePath);
    checker.value(node, t, null);
    return checker.findings;
  } catch {
    // A checker bug must not take the whole analysis down with it.
    return [];
  }
}
