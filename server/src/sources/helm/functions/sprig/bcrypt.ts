/**
 * bcrypt as golang.org/x/crypto/bcrypt writes it: `$2a$`, the cost, the
 * salt and the hash in bcrypt's base64. Blowfish's initial state is the
 * hexadecimal digits of π, computed once on first use (Machin's formula
 * over BigInt) instead of carried as a table.
 */
import { GoError } from '../../template/funcs';

let piWords: Uint32Array | undefined;

/** The first `count` 32-bit words of π's fractional part. */
function piFraction(count: number): Uint32Array {
  const bits = BigInt(count * 32 + 64);
  const one = 1n << bits;
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let power = one / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; power !== 0n; k += 2n, sign = -sign) {
      sum += (sign * power) / k;
      power /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  let frac = (pi - 3n * one) >> 64n;
  const out = new Uint32Array(count);
  for (let i = count - 1; i >= 0; i--) {
    out[i] = Number(frac & 0xffffffffn);
    frac >>= 32n;
  }
  return out;
}

function initialState(): Uint32Array {
  piWords ??= piFraction(18 + 1024);
  return piWords.slice();
}

class Blowfish {
  declare readonly p: Uint32Array;
  declare readonly s0: Uint32Array;
  declare readonly s1: Uint32Array;
  declare readonly s2: Uint32Array;
  declare readonly s3: Uint32Array;

  constructor() {
    const state = initialState();
    this.p = state.subarray(0, 18);
    this.s0 = state.subarray(18, 18 + 256);
    this.s1 = state.subarray(18 + 256, 18 + 512);
    this.s2 = state.subarray(18 + 512, 18 + 768);
    this.s3 = state.subarray(18 + 768, 18 + 1024);
  }

  /** Encrypts the block (l, r) in place in `lr`. */
  encrypt(lr: Uint32Array): void {
    const { p, s0, s1, s2, s3 } = this;
    let l = lr[0];
    let r = lr[1];
    for (let i = 0; i < 16; i += 2) {
      l ^= p[i];
      r ^= (((s0[l >>> 24] + s1[(l >>> 16) & 0xff]) ^ s2[(l >>> 8) & 0xff]) + s3[l & 0xff]) >>> 0;
      r ^= p[i + 1];
      l ^= (((s0[r >>> 24] + s1[(r >>> 16) & 0xff]) ^ s2[(r >>> 8) & 0xff]) + s3[r & 0xff]) >>> 0;
    }
    lr[0] = (r ^ p[17]) >>> 0;
    lr[1] = (l ^ p[16]) >>> 0;
  }

  /** Blowfish's key expansion, with an optional salt (bcrypt's ExpandKey). */
  expandKey(key: Uint8Array, salt: Uint8Array | undefined): void {
    let k = 0;
    const keyWord = (): number => {
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = (w << 8) | key[k];
        k = (k + 1) % key.length;
      }
      return w >>> 0;
    };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i] ^ keyWord()) >>> 0;
    let j = 0;
    const saltWord = (): number => {
      if (!salt) return 0;
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = (w << 8) | salt[j];
        j = (j + 1) % salt.length;
      }
      return w >>> 0;
    };
    const lr = new Uint32Array(2);
    const fill = (box: Uint32Array) => {
      for (let i = 0; i < box.length; i += 2) {
        lr[0] ^= saltWord();
        lr[1] ^= saltWord();
        this.encrypt(lr);
        box[i] = lr[0];
        box[i + 1] = lr[1];
      }
    };
    fill(this.p);
    fill(this.s0);
    fill(this.s1);
    fill(this.s2);
    fill(this.s3);
  }
}

const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's base64 (no padding). */
export function bcryptBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += alphabet[b0 >> 2] + alphabet[((b0 & 3) << 4) | (b1 >> 4)];
    if (i + 1 < bytes.length) out += alphabet[((b1 & 15) << 2) | (b2 >> 6)];
    if (i + 2 < bytes.length) out += alphabet[b2 & 63];
  }
  return out;
}

export function bcryptBase64Decode(s: string): Uint8Array {
  const out: number[] = [];
  const v = [...s].map((c) => alphabet.indexOf(c));
  for (let i = 0; i < v.length; i += 4) {
    out.push(((v[i] << 2) | (v[i + 1] >> 4)) & 255);
    if (i + 2 < v.length) out.push(((v[i + 1] << 4) | (v[i + 2] >> 2)) & 255);
    if (i + 3 < v.length) out.push(((v[i + 2] << 6) | v[i + 3]) & 255);
  }
  return new Uint8Array(out);
}

const magic = new TextEncoder().encode('OrpheanBeholderScryDoubt');

/** The bcrypt hash of `password` with a 16-byte salt: `$2a$CC$<salt><hash>`. */
export function bcryptHash(password: Uint8Array, salt: Uint8Array, cost: number): string {
  if (password.length > 72) throw new GoError('bcrypt: password length exceeds 72 bytes');
  const key = new Uint8Array(password.length + 1);
  key.set(password);
  const bf = new Blowfish();
  bf.expandKey(key, salt);
  for (let i = 0, rounds = 2 ** cost; i < rounds; i++) {
    bf.expandKey(key, undefined);
    bf.expandKey(salt, undefined);
  }
  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = (magic[4 * i] << 24) | (magic[4 * i + 1] << 16) | (magic[4 * i + 2] << 8) | magic[4 * i + 3];
  const block = new Uint32Array(2);
  for (let i = 0; i < 6; i += 2) {
    block[0] = words[i];
    block[1] = words[i + 1];
    for (let n = 0; n < 64; n++) bf.encrypt(block);
    words[i] = block[0];
    words[i + 1] = block[1];
  }
  const hash = new Uint8Array(24);
  for (let i = 0; i < 6; i++) {
    hash[4 * i] = words[i] >>> 24;
    hash[4 * i + 1] = (words[i] >>> 16) & 255;
    hash[4 * i + 2] = (words[i] >>> 8) & 255;
    hash[4 * i + 3] = words[i] & 255;
  }
  return `$2a$${String(cost).padStart(2, '0')}$${bcryptBase64(salt)}${bcryptBase64(hash.subarray(0, 23))}`;
}
