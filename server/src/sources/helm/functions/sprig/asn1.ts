/** The DER encoding and decoding that the certificate functions need. */

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(tag), lengthBytes(content.length), content]);
}

export const sequence = (...parts: Uint8Array[]) => tlv(0x30, concat(parts));
export const set = (...parts: Uint8Array[]) => tlv(0x31, concat(parts));
export const explicit = (n: number, content: Uint8Array) => tlv(0xa0 + n, content);
export const nullValue = () => Uint8Array.of(0x05, 0x00);
export const octetString = (bytes: Uint8Array) => tlv(0x04, bytes);
export const bitString = (bytes: Uint8Array, unusedBits = 0) => tlv(0x03, concat([Uint8Array.of(unusedBits), bytes]));
export const boolean = (v: boolean) => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);

/** A two's-complement INTEGER. */
export function integer(n: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  for (;;) {
    bytes.unshift(Number(BigInt.asUintN(8, v)));
    v >>= 8n;
    if ((v === 0n && (bytes[0] & 0x80) === 0) || (v === -1n && (bytes[0] & 0x80) !== 0)) break;
  }
  return tlv(0x02, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let v = part;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** Go's encoding/asn1 for an untagged string: PrintableString when it can be, else UTF8String. */
export function goString(s: string): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  return tlv(printable.test(s) ? 0x13 : 0x0c, bytes);
}

export const ia5String = (s: string) => tlv(0x16, new TextEncoder().encode(s));

/** UTCTime for 1950–2049, GeneralizedTime otherwise (Go's rule), from Unix seconds. */
export function time(unixSec: number): Uint8Array {
  const d = new Date(unixSec * 1000);
  const year = d.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds()) + 'Z';
  if (year >= 1950 && year < 2050) return tlv(0x17, new TextEncoder().encode(two(year % 100) + rest));
  return tlv(0x18, new TextEncoder().encode(String(year).padStart(4, '0') + rest));
}

// Decoding.

export interface Node {
  readonly tag: number;
  /** The whole encoding (header and content). */
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

export class DerError extends Error {}

/** The element at `offset` and the offset after it. */
export function read(bytes: Uint8Array, offset = 0): { node: Node; end: number } {
  if (offset + 2 > bytes.length) throw new DerError('truncated');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let at = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || at + n > bytes.length) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[at + i];
    at += n;
  }
  const end = at + length;
  if (end > bytes.length) throw new DerError('truncated');
  return { node: { tag, raw: bytes.subarray(offset, end), content: bytes.subarray(at, end) }, end };
}

/** The elements inside a constructed element. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let at = 0; at < node.content.length;) {
    const { node: child, end } = read(node.content, at);
    out.push(child);
    at = end;
  }
  return out;
}

export function toBigInt(node: Node): bigint {
  let v = 0n;
  for (const b of node.content) v = (v << 8n) | BigInt(b);
  if (node.content.length > 0 && node.content[0] & 0x80) v -= 1n << BigInt(8 * node.content.length);
  return v;
}

export function oidString(node: Node): string {
  const b = node.content;
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}
