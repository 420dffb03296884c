/**
 * sprig's `b64enc`/`b64dec`/`b32enc`/`b32dec`: Go's standard encodings over
 * the string's UTF-8 bytes. A failed decode returns Go's error text as the
 * result, as sprig does ("illegal base64 data at input byte 4").
 */
import { defineFunc, type FuncDef } from '../../template/funcs';
import { utf8Decode, utf8Encode } from '../../template/strconv';
import { types } from '../../template/types';

const S = types.string;

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const map = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i;
  return map;
}

const b64map = decodeMap(b64);
const b32map = decodeMap(b32);

class CorruptInput extends Error {
  constructor(at: number) {
    super(`illegal base64 data at input byte ${at}`);
  }
}

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** `base64.StdEncoding.DecodeString`; throws Go's CorruptInputError text. */
export function base64Decode(s: string): Uint8Array {
  const src = utf8Encode(s);
  const out: number[] = [];
  let si = 0;
  const isNewline = (c: number) => c === 10 || c === 13;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new Uint8Array(out);
        throw new CorruptInput(si - j);
      }
      const c = src[si++];
      const v = b64map[c];
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 61) throw new CorruptInput(si - 1);
      if (j === 0 || j === 1) throw new CorruptInput(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new CorruptInput(src.length);
        if (src[si] !== 61) throw new CorruptInput(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
    if (trailing !== undefined) throw new CorruptInput(trailing);
    if (dlen < 4) break;
  }
  return new Uint8Array(out);
}

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = [2, 4, 5, 7, 8][chunk.length - 1];
    for (let k = 0; k < 8; k++) out += k < chars ? b32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
  }
  return out;
}

/** `base32.StdEncoding.DecodeString` (newlines removed first, as Go does). */
export function base32Decode(s: string): Uint8Array {
  const src = utf8Encode(s).filter((c) => c !== 10 && c !== 13);
  const olen = src.length;
  const out: number[] = [];
  let p = 0;
  const fail = (at: number) => new Error(`illegal base32 data at input byte ${at}`);
  let end = false;
  while (p < olen && !end) {
    const dbuf = new Array<number>(8).fill(0);
    let dlen = 8;
    for (let j = 0; j < 8;) {
      if (p === olen) throw fail(olen - (olen - p) - j);
      const c = src[p++];
      const left = olen - p;
      if (c === 61 && j >= 2 && left < 8) {
        if (left + j < 7) throw fail(olen);
        for (let k = 0; k < 7 - j; k++) if (left > k && src[p + k] !== 61) throw fail(olen - left + k - 1);
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw fail(olen - left - 1);
        break;
      }
      const v = b32map[c];
      if (v < 0) throw fail(olen - left - 1);
      dbuf[j++] = v;
    }
    let bits = 0n;
    for (let k = 0; k < 8; k++) bits = (bits << 5n) | BigInt(dbuf[k]);
    const count = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen];
    for (let k = 0; k < count; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
  }
  return new Uint8Array(out);
}

function decodeOrError(decode: (s: string) => Uint8Array, s: string): string {
  try {
    return utf8Decode(decode(s));
  } catch (error) {
    return (error as Error).message;
  }
}

export function encodingFunctions(): Record<string, FuncDef> {
  return {
    b64enc: defineFunc({ params: [S], results: [S] }, ([s]) => base64Encode(utf8Encode(s as string))),
    b64dec: defineFunc({ params: [S], results: [S] }, ([s]) => decodeOrError(base64Decode, s as string)),
    b32enc: defineFunc({ params: [S], results: [S] }, ([s]) => base32Encode(utf8Encode(s as string))),
    b32dec: defineFunc({ params: [S], results: [S] }, ([s]) => decodeOrError(base32Decode, s as string)),
  };
}
