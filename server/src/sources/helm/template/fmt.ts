/**
 * Go's `fmt` printing (`Sprint`, `Sprintln`, `Sprintf`) over the value model:
 * what `print`, `printf`, `println` and every action's output go through.
 * Verbs `%v %+v %#v %T %t %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s
 * %p %%`, flags `+ - # 0 space`, width, precision, `*`, explicit argument
 * indexes, and the error forms (`%!d(string=x)`, `%!(EXTRA …)`,
 * `%!d(MISSING)`, `%!(NOVERB)`, `%!(BADWIDTH)`, `%!(BADPREC)`,
 * `%!d(BADINDEX)`).
 */
import { canBackquote, formatFloat, isPrint, quote, quoteRune, quoteToASCII, runeCount, utf8Decode, utf8Encode } from './strconv';
import { isIntKind, methodOf, type GoMethod, type GoType } from './types';
import { GoBox, GoFunc, GoMap, GoPointer, GoScalar, GoSlice, GoStruct, isPlainObject, typeOf, type GoMapEntry, type GoObject, type GoValue } from './values';

/** Calls a `String()` or `Error()` method for the printer; throws (a Go panic) with the panic value's text. */
export type MethodCaller = (receiver: GoValue, method: GoMethod) => GoValue | undefined;

const defaultCaller: MethodCaller = () => {
  throw new Error('no method caller');
};

const ldigits = '0123456789abcdefx';
const udigits = '0123456789ABCDEFX';

interface Flags {
  widPresent: boolean;
  precPresent: boolean;
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  prec: number;
}

function newFlags(): Flags {
  return {
    widPresent: false,
    precPresent: false,
    minus: false,
    plus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    prec: 0,
  };
}

/** Byte-order comparison of Go strings (UTF-8 order differs from UTF-16 order only around surrogates). */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) encode above U+E000..U+FFFF in UTF-8.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Sorted keys of a `map[string]interface{}`. */
export function sortedKeys(object: GoObject): string[] {
  return Object.keys(object).sort(compareGoStrings);
}

/** Go's `fmtsort` order of map keys. */
export function compareKeys(a: GoValue, b: GoValue): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) {
    if (ta === undefined) return -1;
    if (tb === undefined) return 1;
    return compareGoStrings(ta.name, tb.name) || -1;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareGoStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') return compareFloats(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof GoScalar && b instanceof GoScalar) {
    const x = a.value;
    const y = b.value;
    if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
    if (typeof x === 'number' && typeof y === 'number') return compareFloats(x, y);
    if (typeof x === 'string' && typeof y === 'string') return compareGoStrings(x, y);
    if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : x ? 1 : -1;
    if (typeof x === 'object' && typeof y === 'object') return compareFloats(x.re, y.re) || compareFloats(x.im, y.im);
  }
  if (a instanceof GoStruct && b instanceof GoStruct) {
    for (const f of a.type.fields ?? []) {
      const c = compareKeys(a.fields[f.name], b.fields[f.name]);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (a instanceof GoSlice && b instanceof GoSlice) {
    const n = a.items?.length ?? 0;
    for (let i = 0; i < n; i++) {
      const c = compareKeys(a.items?.[i] ?? null, b.items?.[i] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  }
  return 0;
}

function compareFloats(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isStringKind(v: GoValue | undefined): boolean {
  if (typeof v === 'string') return true;
  return v instanceof GoScalar && v.type.kind === 'string';
}

class Printer {
  declare buf: string[];
  declare f: Flags;
  declare arg: GoValue | undefined;
  declare erroring: boolean;
  declare panicking: boolean;
  declare reordered: boolean;
  declare goodArgNum: boolean;
  declare private readonly caller: MethodCaller;

  constructor(caller: MethodCaller) {
    this.buf = [];
    this.f = newFlags();
    this.arg = undefined;
    this.erroring = false;
    this.panicking = false;
    this.reordered = false;
    this.goodArgNum = true;
    this.caller = caller;
  }

  write(s: string): void {
    this.buf.push(s);
  }

  // fmt.go

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf.push((this.f.zero && !this.f.minus ? '0' : ' ').repeat(n));
  }

  pad(s: string): void {
    const f = this.f;
    if (!f.widPresent || f.wid === 0) {
      this.buf.push(s);
      return;
    }
    const width = f.wid - runeCount(s);
    if (!f.minus) {
      this.writePadding(width);
      this.buf.push(s);
    } else {
      this.buf.push(s);
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint): void {
    const f = this.f;
    let prec = 4;
    if (f.precPresent && f.prec > 4) prec = f.prec;
    let tail = '';
    if (f.sharp && u <= 0x10ffffn && isPrint(Number(u))) tail = " '" + String.fromCodePoint(Number(u)) + "'";
    let hex = u.toString(16).toUpperCase();
    if (hex.length < prec) hex = '0'.repeat(prec - hex.length) + hex;
    const oldZero = f.zero;
    f.zero = false;
    this.pad('U+' + hex + tail);
    f.zero = oldZero;
  }

  /** `u` is the value itself (negative allowed when isSigned). */
  fmtIntegerRaw(value: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    const f = this.f;
    const negative = isSigned && value < 0n;
    let u = negative ? -value : value;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = f.zero;
        f.zero = false;
        this.writePadding(f.wid);
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let s = '';
    const b = BigInt(base);
    if (u === 0n) s = '0';
    while (u > 0n) {
      s = digits[Number(u % b)] + s;
      u /= b;
    }
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (f.plus) s = '+' + s;
    else if (f.space) s = ' ' + s;
    const oldZero = f.zero;
    f.zero = false;
    this.pad(s);
    f.zero = oldZero;
  }

  truncateString(s: string): string {
    const f = this.f;
    if (f.precPresent) {
      let n = f.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  fmtSbx(bytes: Uint8Array, digits: string): void {
    const f = this.f;
    let length = bytes.length;
    if (f.precPresent && f.prec < length) length = f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (f.space) {
        if (f.sharp) width *= 2;
        width += length - 1;
      } else if (f.sharp) width += 2;
    } else {
      if (f.widPresent) this.writePadding(f.wid);
      return;
    }
    if (f.widPresent && f.wid > width && !f.minus) this.writePadding(f.wid - width);
    let out = '';
    if (f.sharp) out += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (f.space && i > 0) {
        out += ' ';
        if (f.sharp) out += '0' + digits[16];
      }
      const c = bytes[i];
      out += digits[c >> 4] + digits[c & 15];
    }
    this.buf.push(out);
    if (f.widPresent && f.wid > width && f.minus) this.writePadding(f.wid - width);
  }

  fmtQ(s: string): void {
    const f = this.f;
    s = this.truncateString(s);
    if (f.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(f.plus ? quoteToASCII(s) : quote(s));
  }

  fmtC(c: bigint): void {
    const r = c > 0x10ffffn || (c >= 0xd800n && c <= 0xdfffn) ? 0xfffd : Number(c);
    this.pad(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > 0x10ffffn ? 0xfffd : Number(c);
    this.pad(quoteRune(r, this.f.plus));
  }

  fmtFloatRaw(v: number, size: 32 | 64, verb: string, prec: number): void {
    const f = this.f;
    if (f.precPresent) prec = f.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] === '-' || num[0] === '+') {
      // keep
    } else num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = f.zero;
      f.zero = false;
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.pad(num);
      f.zero = oldZero;
      return;
    }
    if (f.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === '.') {
          hasDecimalPoint = true;
          continue;
        }
        if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (f.plus || num[0] !== '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > num.length) {
        this.buf.push(num[0]);
        this.writePadding(f.wid - num.length);
        this.buf.push(num.slice(1));
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // print.go

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf.push('%!', verb, '(');
    const arg = this.arg;
    if (arg !== null && arg !== undefined) {
      this.buf.push(typeName(arg), '=');
      this.printArg(arg, 'v');
    } else {
      this.buf.push('<nil>');
    }
    this.buf.push(')');
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.f.sharp;
    this.f.sharp = leading0x;
    this.fmtIntegerRaw(v, 16, false, 'v', ldigits);
    this.f.sharp = sharp;
  }

  fmtInteger(v: bigint, isSigned: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !isSigned) this.fmt0x64(v, true);
        else this.fmtIntegerRaw(v, 10, isSigned, verb, ldigits);
        return;
      case 'd':
        this.fmtIntegerRaw(v, 10, isSigned, verb, ldigits);
        return;
      case 'b':
        this.fmtIntegerRaw(v, 2, isSigned, verb, ldigits);
        return;
      case 'o':
      case 'O':
        this.fmtIntegerRaw(v, 8, isSigned, verb, ldigits);
        return;
      case 'x':
        this.fmtIntegerRaw(v, 16, isSigned, verb, ldigits);
        return;
      case 'X':
        this.fmtIntegerRaw(v, 16, isSigned, verb, udigits);
        return;
      case 'c':
        this.fmtC(BigInt.asUintN(64, v));
        return;
      case 'q':
        this.fmtQc(BigInt.asUintN(64, v));
        return;
      case 'U':
        this.fmtUnicode(BigInt.asUintN(64, v));
        return;
      default:
        this.badVerb(verb);
    }
  }

  fmtFloat(v: number, size: 32 | 64, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloatRaw(v, size, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloatRaw(v, size, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloatRaw(v, size, verb, 6);
        return;
      case 'F':
        this.fmtFloatRaw(v, size, 'f', 6);
        return;
      default:
        this.badVerb(verb);
    }
  }

  fmtComplex(re: number, im: number, size: 32 | 64, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.f.plus;
        this.buf.push('(');
        this.fmtFloat(re, size, verb);
        this.f.plus = true;
        this.fmtFloat(im, size, verb);
        this.buf.push('i)');
        this.f.plus = oldPlus;
        return;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case 's':
        this.fmtS(v);
        return;
      case 'x':
        this.fmtSbx(utf8Encode(v), ldigits);
        return;
      case 'X':
        this.fmtSbx(utf8Encode(v), udigits);
        return;
      case 'q':
        this.fmtQ(v);
        return;
      default:
        this.badVerb(verb);
    }
  }

  fmtBytes(bytes: Uint8Array, isNil: boolean, verb: string, typeString: string): boolean {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.f.sharpV) {
          this.buf.push(typeString);
          if (isNil) {
            this.buf.push('(nil)');
            return true;
          }
          this.buf.push('{');
          bytes.forEach((c, i) => {
            if (i > 0) this.buf.push(', ');
            this.fmt0x64(BigInt(c), true);
          });
          this.buf.push('}');
        } else {
          this.buf.push('[');
          bytes.forEach((c, i) => {
            if (i > 0) this.buf.push(' ');
            this.fmtIntegerRaw(BigInt(c), 10, false, verb, ldigits);
          });
          this.buf.push(']');
        }
        return true;
      case 's':
        this.pad(this.truncateString(utf8Decode(bytes)));
        return true;
      case 'x':
        this.fmtSbx(bytes, ldigits);
        return true;
      case 'X':
        this.fmtSbx(bytes, udigits);
        return true;
      case 'q':
        this.fmtQ(utf8Decode(bytes));
        return true;
      default:
        return false;
    }
  }

  fmtPointer(value: GoValue, verb: string): void {
    let u: bigint;
    if (value instanceof GoPointer) u = value.target === undefined ? 0n : fakeAddress(value.target);
    else if (value instanceof GoFunc) u = value.def === null ? 0n : fakeAddress(value);
    else if (value instanceof GoMap) u = value.entries === null ? 0n : fakeAddress(value);
    else if (value instanceof GoSlice && value.type.kind === 'slice') u = value.items === null ? 0n : fakeAddress(value);
    else if (Array.isArray(value) || isPlainObject(value)) u = fakeAddress(value);
    else if (value instanceof GoScalar && value.type.kind === 'unsafepointer') u = BigInt(value.value as bigint);
    else {
      this.badVerb(verb);
      return;
    }
    switch (verb) {
      case 'v':
        if (this.f.sharpV) {
          this.buf.push('(', typeName(value), ')(');
          if (u === 0n) this.buf.push('nil');
          else this.fmt0x64(u, true);
          this.buf.push(')');
        } else if (u === 0n) this.pad('<nil>');
        else this.fmt0x64(u, !this.f.sharp);
        return;
      case 'p':
        this.fmt0x64(u, !this.f.sharp);
        return;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        this.fmtInteger(u, false, verb);
        return;
      default:
        this.badVerb(verb);
    }
  }

  handleMethods(verb: string): boolean {
    if (this.erroring) return false;
    const arg = this.arg;
    if (arg === null || arg === undefined || this.f.sharpV) return false;
    if (!(verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q')) return false;
    const type = typeOf(arg);
    if (!type || (!type.methods && !(type.kind === 'pointer' && type.elem?.methods))) return false;
    for (const name of ['Error', 'String']) {
      const method = methodOf(type, name, false);
      if (!method || method.signature.params.length !== 0 || method.signature.variadic) continue;
      let text: string;
      try {
        const result = this.caller(arg, method);
        text = typeof result === 'string' ? result : result instanceof GoScalar && typeof result.value === 'string' ? result.value : '';
      } catch (error) {
        this.catchPanic(arg, verb, name, error);
        return true;
      }
      this.fmtString(text, verb);
      return true;
    }
    return false;
  }

  catchPanic(arg: GoValue, verb: string, method: string, error: unknown): void {
    if (arg instanceof GoPointer && arg.target === undefined) {
      this.buf.push('<nil>');
      return;
    }
    const oldFlags = this.f;
    this.f = newFlags();
    this.buf.push('%!', verb, '(PANIC=', method, ' method: ');
    this.buf.push(error instanceof Error ? error.message : String(error));
    this.buf.push(')');
    this.f = oldFlags;
  }

  printArg(arg: GoValue | undefined, verb: string): void {
    this.arg = arg;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        this.fmtBool(arg, verb);
        return;
      case 'number':
        this.fmtFloat(arg, 64, verb);
        return;
      case 'string':
        this.fmtString(arg, verb);
        return;
    }
    if (arg instanceof GoScalar && !arg.type.methods) {
      this.printScalar(arg, verb);
      return;
    }
    if (arg instanceof GoSlice && arg.type.name === '[]uint8') {
      // fmt's fast path for the exact type []byte.
      const bytes = Uint8Array.from((arg.items ?? []).map((b) => Number(b instanceof GoScalar ? b.value : 0)));
      if (this.fmtBytes(bytes, arg.items === null, verb, '[]byte')) return;
      this.printValue(arg, verb, 0);
      return;
    }
    if (!this.handleMethods(verb)) this.printValue(arg, verb, 0);
  }

  printScalar(v: GoScalar, verb: string): void {
    const kind = v.type.kind;
    const value = v.value;
    if (typeof value === 'bigint') this.fmtInteger(value, isIntKind(kind), verb);
    else if (typeof value === 'number') this.fmtFloat(value, kind === 'float32' ? 32 : 64, verb);
    else if (typeof value === 'string') this.fmtString(value, verb);
    else if (typeof value === 'boolean') this.fmtBool(value, verb);
    else this.fmtComplex(value.re, value.im, kind === 'complex64' ? 32 : 64, verb);
  }

  printValue(value: GoValue | undefined, verb: string, depth: number): void {
    if (depth > 0 && value !== undefined && value !== null) {
      this.arg = value;
      if (this.handleMethods(verb)) return;
    }
    this.arg = value;
    if (value === undefined) {
      if (depth === 0) this.buf.push('<invalid reflect.Value>');
      else if (verb === 'v') this.buf.push('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (value === null) {
      // An interface holding nil (a map or slice element, a struct field).
      if (this.f.sharpV) this.buf.push('interface {}(nil)');
      else this.buf.push('<nil>');
      return;
    }
    switch (typeof value) {
      case 'boolean':
        this.fmtBool(value, verb);
        return;
      case 'number':
        this.fmtFloat(value, 64, verb);
        return;
      case 'string':
        this.fmtString(value, verb);
        return;
    }
    if (value instanceof GoScalar) {
      this.printScalar(value, verb);
      return;
    }
    if (Array.isArray(value) || value instanceof GoSlice) {
      this.printList(value, verb, depth);
      return;
    }
    if (isPlainObject(value) || value instanceof GoMap) {
      this.printMap(value, verb, depth);
      return;
    }
    if (value instanceof GoStruct) {
      const f = this.f;
      if (f.sharpV) this.buf.push(value.type.name);
      this.buf.push('{');
      (value.type.fields ?? []).forEach((field, i) => {
        if (i > 0) this.buf.push(f.sharpV ? ', ' : ' ');
        if (f.plusV || f.sharpV) this.buf.push(field.name, ':');
        const fieldValue = value.fields[field.name];
        if (fieldValue === null && field.type.kind === 'interface' && f.sharpV) this.buf.push(field.type.name, '(nil)');
        else if (fieldValue === null && field.type.kind === 'interface') this.buf.push('<nil>');
        else this.printValue(fieldValue, verb, depth + 1);
      });
      this.buf.push('}');
      return;
    }
    if (value instanceof GoPointer) {
      const target = value.target;
      if (depth === 0 && target !== undefined) {
        if (Array.isArray(target) || target instanceof GoSlice || target instanceof GoStruct || target instanceof GoMap || isPlainObject(target)) {
          this.buf.push('&');
          this.printValue(target, verb, depth + 1);
          return;
        }
      }
      this.fmtPointer(value, verb);
      return;
    }
    if (value instanceof GoFunc || value instanceof GoBox) {
      this.fmtPointer(value, verb);
      return;
    }
    this.buf.push('?', typeName(value), '?');
  }

  printList(value: GoValue[] | GoSlice, verb: string, depth: number): void {
    const type = typeOf(value) as GoType;
    const items = Array.isArray(value) ? value : value.items;
    if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && type.elem?.kind === 'uint8') {
      const bytes = Uint8Array.from((items ?? []).map((b) => Number(b instanceof GoScalar ? b.value : 0)));
      if (this.fmtBytes(bytes, items === null, verb, type.name)) return;
    }
    const f = this.f;
    if (f.sharpV) {
      this.buf.push(type.name);
      if (type.kind === 'slice' && items === null) {
        this.buf.push('(nil)');
        return;
      }
      this.buf.push('{');
      (items ?? []).forEach((item, i) => {
        if (i > 0) this.buf.push(', ');
        this.printElement(item, type.elem, verb, depth + 1);
      });
      this.buf.push('}');
      return;
    }
    this.buf.push('[');
    (items ?? []).forEach((item, i) => {
      if (i > 0) this.buf.push(' ');
      this.printElement(item, type.elem, verb, depth + 1);
    });
    this.buf.push(']');
  }

  printElement(item: GoValue, elemType: GoType | undefined, verb: string, depth: number): void {
    if (item === null && elemType && elemType.kind === 'interface' && elemType.name !== 'interface {}') {
      this.buf.push(this.f.sharpV ? elemType.name + '(nil)' : '<nil>');
      return;
    }
    this.printValue(item, verb, depth);
  }

  printMap(value: GoObject | GoMap, verb: string, depth: number): void {
    const type = typeOf(value) as GoType;
    const f = this.f;
    if (f.sharpV) {
      this.buf.push(type.name);
      if (value instanceof GoMap && value.entries === null) {
        this.buf.push('(nil)');
        return;
      }
      this.buf.push('{');
    } else this.buf.push('map[');
    const entries: GoMapEntry[] =
      value instanceof GoMap
        ? [...(value.entries?.values() ?? [])].sort((a, b) => compareKeys(a.key, b.key))
        : sortedKeys(value).map((key) => ({ key, value: value[key] }));
    entries.forEach((entry, i) => {
      if (i > 0) this.buf.push(f.sharpV ? ', ' : ' ');
      this.printElement(entry.key, type.key, verb, depth + 1);
      this.buf.push(':');
      this.printElement(entry.value, type.elem, verb, depth + 1);
    });
    this.buf.push(f.sharpV ? '}' : ']');
  }

  // Printf

  intFromArg(a: readonly (GoValue | undefined)[], argNum: number): { num: number; isInt: boolean; newArgNum: number } {
    let num = 0;
    let isInt = false;
    let newArgNum = argNum;
    if (argNum < a.length) {
      const arg = a[argNum];
      if (arg instanceof GoScalar && typeof arg.value === 'bigint') {
        const n = arg.value;
        if (isIntKind(arg.type.kind) || (n >= 0n && n < 1n << 63n)) {
          num = Number(n);
          isInt = true;
        }
      }
      newArgNum = argNum + 1;
      if (num > 1e6 || num < -1e6) {
        num = 0;
        isInt = false;
      }
    }
    return { num, isInt, newArgNum };
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): { argNum: number; i: number; found: boolean } {
    if (format.length <= i || format[i] !== '[') return { argNum, i, found: false };
    this.reordered = true;
    const { index, wid, ok } = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return { argNum: index, i: i + wid, found: true };
    this.goodArgNum = false;
    return { argNum, i: i + wid, found: ok };
  }

  doPrintf(format: string, a: readonly (GoValue | undefined)[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex: boolean;
    this.reordered = false;
    formatLoop: for (let i = 0; i < end;) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf.push(format.slice(lasti, i));
      if (i >= end) break;
      i++;
      this.f = newFlags();
      const f = this.f;
      simpleFormat: for (; i < end; i++) {
        const c = format[i];
        switch (c) {
          case '#':
            f.sharp = true;
            break;
          case '0':
            f.zero = true;
            break;
          case '+':
            f.plus = true;
            break;
          case '-':
            f.minus = true;
            break;
          case ' ':
            f.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v' || c === 'w') {
                f.sharpV = f.sharp;
                f.sharp = false;
                f.plusV = f.plus;
                f.plus = false;
              }
              if (c === 'w') this.badVerbFor(a[argNum], c);
              else this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simpleFormat;
        }
      }
      let r = this.argNumber(argNum, format, i, a.length);
      argNum = r.argNum;
      i = r.i;
      afterIndex = r.found;
      if (i < end && format[i] === '*') {
        i++;
        const w = this.intFromArg(a, argNum);
        f.wid = w.num;
        f.widPresent = w.isInt;
        argNum = w.newArgNum;
        if (!f.widPresent) this.buf.push('%!(BADWIDTH)');
        if (f.wid < 0) {
          f.wid = -f.wid;
          f.minus = true;
          f.zero = false;
        }
        afterIndex = false;
      } else {
        const p = parsenum(format, i, end);
        f.wid = p.num;
        f.widPresent = p.isnum;
        i = p.newi;
        if (afterIndex && f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        r = this.argNumber(argNum, format, i, a.length);
        argNum = r.argNum;
        i = r.i;
        afterIndex = r.found;
        if (i < end && format[i] === '*') {
          i++;
          const p = this.intFromArg(a, argNum);
          f.prec = p.num;
          f.precPresent = p.isInt;
          argNum = p.newArgNum;
          if (f.prec < 0) {
            f.prec = 0;
            f.precPresent = false;
          }
          if (!f.precPresent) this.buf.push('%!(BADPREC)');
          afterIndex = false;
        } else {
          const p = parsenum(format, i, end);
          f.prec = p.num;
          f.precPresent = p.isnum;
          i = p.newi;
          if (!f.precPresent) {
            f.prec = 0;
            f.precPresent = true;
          }
        }
      }
      if (!afterIndex) {
        r = this.argNumber(argNum, format, i, a.length);
        argNum = r.argNum;
        i = r.i;
      }
      if (i >= end) {
        this.buf.push('%!(NOVERB)');
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i) as number);
      i += verb.length;
      if (verb === '%') {
        this.buf.push('%');
      } else if (!this.goodArgNum) {
        this.buf.push('%!', verb, '(BADINDEX)');
      } else if (argNum >= a.length) {
        this.buf.push('%!', verb, '(MISSING)');
      } else {
        if (verb === 'v' || verb === 'w') {
          f.sharpV = f.sharp;
          f.sharp = false;
          f.plusV = f.plus;
          f.plus = false;
        }
        if (verb === 'w') this.badVerbFor(a[argNum], verb);
        else this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.f = newFlags();
      this.buf.push('%!(EXTRA ');
      a.slice(argNum).forEach((arg, i) => {
        if (i > 0) this.buf.push(', ');
        if (arg === null || arg === undefined) this.buf.push('<nil>');
        else {
          this.buf.push(typeName(arg), '=');
          this.printArg(arg, 'v');
        }
      });
      this.buf.push(')');
    }
  }

  /** `%w` outside Errorf is always a bad verb. */
  badVerbFor(arg: GoValue | undefined, verb: string): void {
    this.arg = arg;
    this.badVerb(verb);
  }

  doPrint(a: readonly (GoValue | undefined)[]): void {
    let prevString = false;
    a.forEach((arg, argNum) => {
      const isString = arg !== null && arg !== undefined && isStringKind(arg);
      if (argNum > 0 && !isString && !prevString) this.buf.push(' ');
      this.f = newFlags();
      this.printArg(arg, 'v');
      prevString = isString;
    });
  }

  doPrintln(a: readonly (GoValue | undefined)[]): void {
    a.forEach((arg, argNum) => {
      if (argNum > 0) this.buf.push(' ');
      this.f = newFlags();
      this.printArg(arg, 'v');
    });
    this.buf.push('\n');
  }
}

function parsenum(s: string, start: number, end: number): { num: number; isnum: boolean; newi: number } {
  if (start >= end) return { num: 0, isnum: false, newi: end };
  let num = 0;
  let isnum = false;
  let newi = start;
  for (; newi < end && s[newi] >= '0' && s[newi] <= '9'; newi++) {
    if (num > 1e6 || num < -1e6) return { num: 0, isnum: false, newi: end };
    num = num * 10 + (s.charCodeAt(newi) - 48);
    isnum = true;
  }
  return { num, isnum, newi };
}

function parseArgNumber(format: string): { index: number; wid: number; ok: boolean } {
  if (format.length < 3) return { index: 0, wid: 1, ok: false };
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const p = parsenum(format, 1, i);
      if (!p.isnum || p.newi !== i) return { index: 0, wid: i + 1, ok: false };
      return { index: p.num - 1, wid: i + 1, ok: true };
    }
  }
  return { index: 0, wid: 1, ok: false };
}

const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;

/** Go prints addresses of pointers, maps and funcs; a stable fake one per object keeps output deterministic. */
function fakeAddress(value: GoValue): bigint {
  if (value === null || typeof value !== 'object') return 0xc000000000n;
  let address = addresses.get(value);
  if (address === undefined) {
    address = nextAddress;
    nextAddress += 0x10n;
    addresses.set(value, address);
  }
  return address;
}

/** The type as `%T` prints it (`<nil>` for nil). */
export function typeName(value: GoValue | undefined): string {
  return typeOf(value)?.name ?? '<nil>';
}

/** `fmt.Sprint`. */
export function sprint(args: readonly (GoValue | undefined)[], caller: MethodCaller = defaultCaller): string {
  if (args.length === 1) {
    const only = args[0];
    if (typeof only === 'string') return only;
  }
  const p = new Printer(caller);
  p.doPrint(args);
  return p.buf.join('');
}

/** `fmt.Sprintln`. */
export function sprintln(args: readonly (GoValue | undefined)[], caller: MethodCaller = defaultCaller): string {
  const p = new Printer(caller);
  p.doPrintln(args);
  return p.buf.join('');
}

/** `fmt.Sprintf`. */
export function sprintf(format: string, args: readonly (GoValue | undefined)[], caller: MethodCaller = defaultCaller): string {
  const p = new Printer(caller);
  p.doPrintf(format, args);
  return p.buf.join('');
}

/** How an action prints a value with `%v` (fast paths for the common JSON-shaped values). */
export function formatValue(value: GoValue | undefined, caller: MethodCaller = defaultCaller): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // Where Go's %v prints plain decimals, its shortest digits are JavaScript's.
      if ((value === 0 && !Object.is(value, -0)) || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6)) return String(value);
      return formatFloat(value, 'g', -1, 64);
  }
  return sprint([value], caller);
}
