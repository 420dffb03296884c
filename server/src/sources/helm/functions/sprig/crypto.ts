/**
 * sprig's `crypto.go` on node's crypto: hashes, `bcrypt`/`htpasswd`,
 * `derivePassword` (Master Password over scrypt), `genPrivateKey`, the
 * certificate functions (`genCA`, `genSelfSignedCert`, `genSignedCert`, their
 * `WithKey` forms and `buildCustomCert`, X.509 v3 built as Go's
 * `x509.CreateCertificate` builds it), `encryptAES`/`decryptAES`,
 * `randBytes` and `uuidv4`. Errors and PEM block types are Go's.
 *
 * Key generation is slow by nature (RSA 4096 for `genPrivateKey`, RSA 2048
 * for `genCA`); random results differ on every render, as in Helm.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  scryptSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { formatValue } from '../../template/fmt';
import { defineFunc, GoError, type CallContext, type FuncDef } from '../../template/funcs';
import { utf8Decode, utf8Encode } from '../../template/strconv';
import { anySlice, structType, types, type GoType } from '../../template/types';
import { type GoStruct, goStruct } from '../../template/values';
import type { SprigEnvironment } from '../index';
import * as asn1 from './asn1';
import { bcryptHash } from './bcrypt';
import { intArg, listItems, type Arg } from './convert';
import { base64Decode, base64Encode } from './encoding';

const S = types.string;
const I = types.int;
const E = types.error;

// Hashes.

const hex = (algorithm: string, input: string) => createHash(algorithm).update(utf8Encode(input)).digest('hex');

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// PEM.

export function pemEncode(type: string, der: Uint8Array): string {
  const body = base64Encode(der).replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${type}-----\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}-----END ${type}-----\n`;
}

/** Go's `pem.Decode`: the first well-formed block. */
export function pemDecode(text: string): { type: string; bytes: Uint8Array } | undefined {
  const re = /-----BEGIN ([^\r\n]*?)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]
      .split(/\r?\n/)
      .filter((line) => !line.includes(':'))
      .join('');
    try {
      return { type: m[1], bytes: base64Decode(body.replace(/\s/g, '')) };
    } catch {
      continue;
    }
  }
  return undefined;
}

// Private keys.

type PrivateKey = { kind: 'node'; key: KeyObject } | { kind: 'dsa'; p: bigint; q: bigint; g: bigint; y: bigint; x: bigint };

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  for (; exp > 0n; exp >>= 1n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
  }
  return result;
}

function dsaPem(key: Extract<PrivateKey, { kind: 'dsa' }>): string {
  const der = asn1.sequence(asn1.integer(0n), asn1.integer(key.p), asn1.integer(key.q), asn1.integer(key.g), asn1.integer(key.y), asn1.integer(key.x));
  return pemEncode('DSA PRIVATE KEY', der);
}

/** sprig's `pemBlockForKey`: PKCS#1 for RSA, SEC 1 for ECDSA, sprig's own sequence for DSA, PKCS#8 otherwise. */
/**
 * An editor renders a chart on every keystroke with the same keys (see
 * `GeneratedKeys`) and the same PEM arguments: what is derived from a key
 * alone (its PEM, its public key, a signature of given bytes) is remembered
 * per key object, and keys parsed from PEM text per text. None of it changes
 * an output: RSA and Ed25519 signatures are deterministic, and any ECDSA
 * signature of the bytes is as valid as a fresh one.
 */
const pemOfKey = new WeakMap<KeyObject, string>();
const spkiOfKey = new WeakMap<KeyObject, Uint8Array>();
const signaturesByKey = new WeakMap<KeyObject, Map<string, Uint8Array>>();
const keysByPem = new Map<string, PrivateKey>();
const REMEMBERED_PER_KIND = 64;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= REMEMBERED_PER_KIND) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

function publicKeyDer(key: KeyObject): Uint8Array {
  let der = spkiOfKey.get(key);
  if (!der) {
    der = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
    spkiOfKey.set(key, der);
  }
  return der;
}

function signBytes(hash: string | null, data: Uint8Array, key: KeyObject): Uint8Array {
  let signatures = signaturesByKey.get(key);
  if (!signatures) {
    signatures = new Map();
    signaturesByKey.set(key, signatures);
  }
  const id = `${hash}:${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
  return signatures.get(id) ?? remember(signatures, id, new Uint8Array(sign(hash, data, key)));
}

function privateKeyPem(key: PrivateKey): string {
  if (key.kind === 'dsa') return dsaPem(key);
  let pem = pemOfKey.get(key.key);
  if (pem === undefined) {
    pem = privateKeyPemUncached(key.key);
    pemOfKey.set(key.key, pem);
  }
  return pem;
}

function privateKeyPemUncached(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }) as string;
    default:
      return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  }
}

function generateDsa(): PrivateKey {
  const { privateKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  // PKCS#8: { version, { dsa, { p, q, g } }, OCTET STRING { INTEGER x } }
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const [, algorithm, octets] = asn1.children(asn1.read(der).node);
  const [p, q, g] = asn1.children(asn1.children(algorithm)[1]).map(asn1.toBigInt);
  const x = asn1.toBigInt(asn1.read(octets.content).node);
  return { kind: 'dsa', p, q, g, x, y: modPow(g, x, p) };
}

/** sprig's `parsePrivateKeyPEM`. */
function parsePrivateKeyPem(text: string): PrivateKey {
  return keysByPem.get(text) ?? remember(keysByPem, text, parsePrivateKeyPemUncached(text));
}

function parsePrivateKeyPemUncached(text: string): PrivateKey {
  const block = pemDecode(text);
  if (!block) throw new GoError('no PEM data in input');
  const der = Buffer.from(block.bytes);
  if (block.type === 'PRIVATE KEY') {
    try {
      return { kind: 'node', key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
    } catch {
      throw new GoError('decoding PEM as PKCS#8: x509: failed to parse private key');
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY')) throw new GoError(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -12)) {
    case 'RSA':
      try {
        return { kind: 'node', key: createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }) };
      } catch {
        throw new GoError('parsing RSA private key from PEM: x509: failed to parse private key');
      }
    case 'EC':
      try {
        return { kind: 'node', key: createPrivateKey({ key: der, format: 'der', type: 'sec1' }) };
      } catch {
        throw new GoError('parsing EC private key from PEM: x509: failed to parse EC private key');
      }
    case 'DSA':
      try {
        const [, p, q, g, y, x] = asn1.children(asn1.read(der).node).map(asn1.toBigInt);
        return { kind: 'dsa', p, q, g, y, x };
      } catch {
        throw new GoError('parsing DSA private key from PEM: asn1: structure error');
      }
    default:
      throw new GoError(`invalid private key type ${block.type}`);
  }
}

// Certificates.

const certificateType: GoType = structType('sprig.certificate', [
  { name: 'Cert', type: S },
  { name: 'Key', type: S },
]);

const certificate = (cert: string, key: string): GoStruct => goStruct(certificateType, { Cert: cert, Key: key });

interface ParsedCertificate {
  subject: Uint8Array;
  subjectKeyId: Uint8Array | undefined;
  spki: Uint8Array;
}

/** What CreateCertificate reads of a parent certificate: its subject, SubjectKeyId and public key. */
function parseCertificate(der: Uint8Array): ParsedCertificate {
  try {
    const [tbs] = asn1.children(asn1.read(der).node);
    const fields = asn1.children(tbs);
    const offset = fields[0].tag === 0xa0 ? 1 : 0;
    const subject = fields[offset + 4].raw;
    const spki = fields[offset + 5].raw;
    let subjectKeyId: Uint8Array | undefined;
    for (const field of fields.slice(offset + 6))
      if (field.tag === 0xa3)
        for (const ext of asn1.children(asn1.children(field)[0])) {
          const [id, ...rest] = asn1.children(ext);
          if (asn1.oidString(id) === '2.5.29.14') subjectKeyId = asn1.read(rest[rest.length - 1].content).node.content;
        }
    return { subject, subjectKeyId, spki };
  } catch {
    throw new GoError('x509: malformed certificate');
  }
}

const oids = {
  commonName: '2.5.4.3',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? asn1.sequence(asn1.oid(id), asn1.boolean(true), asn1.octetString(value)) : asn1.sequence(asn1.oid(id), asn1.octetString(value));
}

/** Go's marshalKeyUsage: the bits reversed into a BIT STRING of the used length. */
function keyUsage(bits: number): Uint8Array {
  const reverse = (b: number) => {
    let r = 0;
    for (let i = 0; i < 8; i++) if (b & (1 << i)) r |= 0x80 >> i;
    return r;
  };
  const bytes = [reverse(bits & 0xff), reverse((bits >> 8) & 0xff)];
  const used = bytes[1] !== 0 ? 2 : 1;
  const data = Uint8Array.from(bytes.slice(0, used));
  let bitLength = used * 8;
  for (let i = used - 1; i >= 0; i--) {
    const b = data[i];
    if (b === 0) {
      bitLength -= 8;
      continue;
    }
    let trailing = 0;
    while (!(b & (1 << trailing))) trailing++;
    bitLength -= trailing;
    break;
  }
  return asn1.bitString(data, used * 8 - bitLength);
}

/** `net.ParseIP` in the form Go's x509 writes it (IPv4 as 4 bytes). */
export function parseIP(s: string): Uint8Array | undefined {
  const v4 = (text: string): number[] | undefined => {
    const parts = text.split('.');
    if (parts.length !== 4) return undefined;
    const out: number[] = [];
    for (const p of parts) {
      if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0') || Number(p) > 255) return undefined;
      out.push(Number(p));
    }
    return out;
  };
  const four = v4(s);
  if (four) return Uint8Array.from(four);
  if (!s.includes(':')) return undefined;
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const embedded = v4(text.slice(lastColon + 1));
    if (!embedded) return undefined;
    tail = embedded;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (part: string) => (part === '' ? [] : part.split(':'));
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  const groups = halves.length === 2 ? [...head, ...Array(8 - head.length - rest.length).fill('0'), ...rest] : head;
  if (groups.length !== 8 || (halves.length === 2 && head.length + rest.length > 7)) return undefined;
  const out: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const v = parseInt(g, 16);
    out.push(v >> 8, v & 255);
  }
  if (tail.length) out.splice(12, 4, ...tail);
  return Uint8Array.from(out);
}

interface Template {
  cn: string;
  ips: Uint8Array[];
  dnsNames: string[];
  days: number;
  isCA: boolean;
}

function templateOf(cn: string, ips: Arg, dns: Arg, days: number, isCA: boolean, ctx: CallContext): Template {
  const ipItems = listItems(ips) ?? [];
  const parsedIps = ipItems.map((ip) => {
    if (typeof ip !== 'string') throw new GoError(`error parsing ip: ${formatValue(ip)} is not a string`);
    const bytes = parseIP(ip);
    if (!bytes) throw new GoError(`error parsing ip: ${ip}`);
    return bytes;
  });
  const dnsNames = (listItems(dns) ?? []).map((name) => {
    if (typeof name !== 'string') throw new GoError(`error processing alternate dns name: ${formatValue(name)} is not a string`);
    return name;
  });
  void ctx;
  return { cn, ips: parsedIps, dnsNames, days, isCA };
}

function subjectName(cn: string): Uint8Array {
  if (cn === '') return asn1.sequence();
  return asn1.sequence(asn1.set(asn1.sequence(asn1.oid(oids.commonName), asn1.goString(cn))));
}

function signingParams(key: KeyObject): { algorithm: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algorithm: asn1.sequence(asn1.oid('1.2.840.113549.1.1.11'), asn1.nullValue()), hash: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { algorithm: asn1.sequence(asn1.oid('1.2.840.10045.4.3.3')), hash: 'sha384' };
      if (curve === 'secp521r1') return { algorithm: asn1.sequence(asn1.oid('1.2.840.10045.4.3.4')), hash: 'sha512' };
      return { algorithm: asn1.sequence(asn1.oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    }
    case 'ed25519':
      return { algorithm: asn1.sequence(asn1.oid('1.3.101.112')), hash: null };
  }
  throw new GoError('x509: only RSA, ECDSA and Ed25519 keys supported');
}

/** sprig's `getCertAndKey`: `x509.CreateCertificate` of the template signed by the parent's key, and both PEMs. */
function certAndKey(
  template: Template,
  signee: PrivateKey,
  parent: ParsedCertificate | undefined,
  signer: PrivateKey,
  nowSec: number,
  random: SprigEnvironment['random'],
): GoStruct {
  if (signer.kind === 'dsa') throw new GoError('error creating certificate: x509: certificate private key does not implement crypto.Signer');
  if (signee.kind === 'dsa') throw new GoError('error creating certificate: x509: unsupported public key type: *dsa.PublicKey');
  const { algorithm, hash } = signingParams(signer.key);
  const spki = publicKeyDer(signee.key);
  const publicKeyBits = asn1.children(asn1.read(spki).node)[1].content.subarray(1);
  const subject = subjectName(template.cn);
  const issuer = parent ? parent.subject : subject;
  if (parent) {
    const signerSpki = publicKeyDer(signer.key);
    if (Buffer.compare(Buffer.from(signerSpki), Buffer.from(parent.spki)) !== 0)
      throw new GoError("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey");
  }
  const authorityKeyId = parent && Buffer.compare(Buffer.from(issuer), Buffer.from(subject)) !== 0 ? parent.subjectKeyId : undefined;
  const subjectKeyId = template.isCA ? new Uint8Array(createHash('sha256').update(publicKeyBits).digest()).subarray(0, 20) : undefined;

  const extensions: Uint8Array[] = [];
  // KeyUsageDigitalSignature | KeyUsageKeyEncipherment (| KeyUsageCertSign for a CA).
  extensions.push(extension(oids.keyUsage, true, keyUsage(template.isCA ? 1 | 4 | 32 : 1 | 4)));
  extensions.push(extension(oids.extKeyUsage, false, asn1.sequence(asn1.oid(oids.serverAuth), asn1.oid(oids.clientAuth))));
  extensions.push(extension(oids.basicConstraints, true, template.isCA ? asn1.sequence(asn1.boolean(true)) : asn1.sequence()));
  if (subjectKeyId) extensions.push(extension(oids.subjectKeyId, false, asn1.octetString(subjectKeyId)));
  if (authorityKeyId && authorityKeyId.length > 0) extensions.push(extension(oids.authorityKeyId, false, asn1.sequence(asn1.tlv(0x80, authorityKeyId))));
  if (template.dnsNames.length > 0 || template.ips.length > 0) {
    const names = [...template.dnsNames.map((n) => asn1.tlv(0x82, utf8Encode(n))), ...template.ips.map((ip) => asn1.tlv(0x87, ip))];
    extensions.push(extension(oids.subjectAltName, template.cn === '', asn1.sequence(...names)));
  }

  const serialBytes = random.bytes(16);
  let serial = 0n;
  for (const b of serialBytes) serial = (serial << 8n) | BigInt(b);
  const notAfter = nowSec + template.days * 86400;
  const tbs = asn1.sequence(
    asn1.explicit(0, asn1.integer(2n)),
    asn1.integer(serial),
    algorithm,
    issuer,
    asn1.sequence(asn1.time(nowSec), asn1.time(notAfter)),
    subject,
    spki,
    asn1.explicit(3, asn1.sequence(...extensions)),
  );
  const signature = signBytes(hash, tbs, signer.key);
  const der = asn1.sequence(tbs, algorithm, asn1.bitString(signature));
  return certificate(pemEncode('CERTIFICATE', der), privateKeyPem(signee));
}

function rsa(bits: number): PrivateKey {
  return { kind: 'node', key: generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 }).privateKey };
}

function withKeyError<T>(run: () => T, prefix: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`${prefix}${error.message}`);
    throw error;
  }
}

// Master Password.

const passwordTemplates: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const templateCharacters: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function uint32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = passwordTemplates[passwordType];
  if (!templates) return `cannot find password template ${passwordType}`;
  const seed = utf8Encode('com.lyndir.masterpassword');
  const userBytes = utf8Encode(user);
  const salt = asn1.concat([seed, uint32(userBytes.length), userBytes]);
  const key = scryptSync(utf8Encode(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const siteBytes = utf8Encode(site);
  const message = asn1.concat([seed, uint32(siteBytes.length), siteBytes, uint32(counter)]);
  const digest = createHmac('sha256', key).update(message).digest();
  const template = templates[digest[0] % templates.length];
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = templateCharacters[template[i]];
    out += chars[digest[i + 1] % chars.length];
  }
  return out;
}

// AES.

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(utf8Encode(password)).copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string, random: SprigEnvironment['random']): string {
  if (plaintext === '') return '';
  const content = utf8Encode(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = asn1.concat([content, new Uint8Array(padding).fill(padding)]);
  const iv = random.bytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv).setAutoPadding(false);
  return base64Encode(asn1.concat([iv, cipher.update(padded), cipher.final()]));
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = base64Decode(crypt64);
  if (crypt.length < 16) throw new GoError(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new GoError('crypto/cipher: input not full blocks');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16)).setAutoPadding(false);
  const decrypted = asn1.concat([decipher.update(body), decipher.final()]);
  if (decrypted.length === 0) throw new GoError('runtime error: index out of range [-1]');
  const cut = decrypted.length - decrypted[decrypted.length - 1];
  if (cut < 0) throw new GoError(`runtime error: slice bounds out of range [:${cut}]`);
  return utf8Decode(decrypted.subarray(0, cut));
}

// The functions.

export function cryptoFunctions(env: SprigEnvironment): Record<string, FuncDef> {
  // An editor re-renders on every keystroke: it may keep the keys of the last render (by kind and order), as generating them takes seconds.
  const generated = (kind: string, make: () => PrivateKey): PrivateKey => (env.keys ? env.keys.reuse(kind, make) : make());
  const nowSec = (ctx: CallContext) => Math.floor(env.now(ctx.scratch) / 1000);
  const bcrypt = (input: string): string => {
    try {
      return bcryptHash(utf8Encode(input), env.random.bytes(16), 10);
    } catch (error) {
      if (error instanceof GoError) return `failed to encrypt string with bcrypt: ${error.message}`;
      throw error;
    }
  };
  const caFromKey = (ctx: CallContext, cn: string, days: number, key: PrivateKey) =>
    certAndKey({ cn, ips: [], dnsNames: [], days, isCA: true }, key, undefined, key, nowSec(ctx), env.random);
  const selfSigned = (ctx: CallContext, cn: string, ips: Arg, dns: Arg, days: number, key: () => PrivateKey) => {
    const template = templateOf(cn, ips, dns, days, false, ctx);
    const k = key();
    return certAndKey(template, k, undefined, k, nowSec(ctx), env.random);
  };
  const signed = (ctx: CallContext, cn: string, ips: Arg, dns: Arg, days: number, ca: Arg, key: () => PrivateKey) => {
    const caCert = (ca as GoStruct).fields.Cert as string;
    const caKey = (ca as GoStruct).fields.Key as string;
    const block = pemDecode(caCert);
    if (!block) throw new GoError('unable to decode certificate');
    let parent: ParsedCertificate;
    try {
      parent = parseCertificate(block.bytes);
    } catch (error) {
      throw new GoError(`error parsing certificate: decodedSignerCert.Bytes: ${(error as Error).message}`);
    }
    const signer = withKeyError(() => parsePrivateKeyPem(caKey), 'error parsing private key: ');
    const template = templateOf(cn, ips, dns, days, false, ctx);
    return certAndKey(template, key(), parent, signer, nowSec(ctx), env.random);
  };
  const pemKey = (pem: string) => () => withKeyError(() => parsePrivateKeyPem(pem), 'parsing private key: ');
  const list = anySlice;
  const cert = certificateType;

  return {
    sha1sum: defineFunc({ params: [S], results: [S] }, ([s]) => hex('sha1', s as string)),
    sha256sum: defineFunc({ params: [S], results: [S] }, ([s]) => hex('sha256', s as string)),
    sha512sum: defineFunc({ params: [S], results: [S] }, ([s]) => hex('sha512', s as string)),
    adler32sum: defineFunc({ params: [S], results: [S] }, ([s]) => String(adler32(utf8Encode(s as string)))),
    bcrypt: defineFunc({ params: [S], results: [S] }, ([s]) => bcrypt(s as string)),
    htpasswd: defineFunc({ params: [S, S], results: [S] }, ([user, password]) =>
      (user as string).includes(':') ? `invalid username: ${user}` : `${user}:${bcrypt(password as string)}`,
    ),
    randBytes: defineFunc({ params: [I], results: [S, E] }, ([count]) => {
      const n = intArg(count);
      if (n < 0) throw new GoError('runtime error: makeslice: len out of range');
      if (n > 1 << 24) throw new GoError(`randBytes: ${n} bytes exceeds the limit (${1 << 24})`);
      return base64Encode(env.random.bytes(n));
    }),
    uuidv4: defineFunc({ params: [], results: [S] }, () => uuid(env.random)),
    derivePassword: defineFunc({ params: [types.uint32, S, S, S, S], results: [S] }, ([counter, type, password, user, site]) =>
      derivePassword(intArg(counter), type as string, password as string, user as string, site as string),
    ),
    genPrivateKey: defineFunc({ params: [S], results: [S] }, ([type]) => {
      let key: PrivateKey;
      switch (type) {
        case '':
        case 'rsa':
          key = generated('rsa4096', () => rsa(4096));
          break;
        case 'dsa':
          key = generated('dsa', generateDsa);
          break;
        case 'ecdsa':
          key = generated('ecdsa', () => ({ kind: 'node', key: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey }));
          break;
        case 'ed25519':
          key = generated('ed25519', () => ({ kind: 'node', key: generateKeyPairSync('ed25519').privateKey }));
          break;
        default:
          return 'Unknown type ' + type;
      }
      return privateKeyPem(key);
    }),
    buildCustomCert: defineFunc({ params: [S, S], results: [cert, E] }, ([b64cert, b64key]) => {
      let certText: string;
      let keyText: string;
      try {
        certText = utf8Decode(base64Decode(b64cert as string));
      } catch {
        throw new GoError('unable to decode base64 certificate');
      }
      try {
        keyText = utf8Decode(base64Decode(b64key as string));
      } catch {
        throw new GoError('unable to decode base64 private key');
      }
      const block = pemDecode(certText);
      if (!block) throw new GoError('unable to decode certificate');
      withKeyError(() => parseCertificate(block.bytes), 'error parsing certificate: decodedCert.Bytes: ');
      withKeyError(() => parsePrivateKeyPem(keyText), 'error parsing private key: ');
      return certificate(certText, keyText);
    }),
    genCA: defineFunc({ params: [S, I], results: [cert, E] }, ([cn, days], ctx) =>
      caFromKey(
        ctx,
        cn as string,
        intArg(days),
        generated('rsa2048', () => rsa(2048)),
      ),
    ),
    genCAWithKey: defineFunc({ params: [S, I, S], results: [cert, E] }, ([cn, days, pem], ctx) =>
      caFromKey(ctx, cn as string, intArg(days), pemKey(pem as string)()),
    ),
    genSelfSignedCert: defineFunc({ params: [S, list, list, I], results: [cert, E] }, ([cn, ips, dns, days], ctx) =>
      selfSigned(ctx, cn as string, ips, dns, intArg(days), () => generated('rsa2048', () => rsa(2048))),
    ),
    genSelfSignedCertWithKey: defineFunc({ params: [S, list, list, I, S], results: [cert, E] }, ([cn, ips, dns, days, pem], ctx) =>
      selfSigned(ctx, cn as string, ips, dns, intArg(days), pemKey(pem as string)),
    ),
    genSignedCert: defineFunc({ params: [S, list, list, I, cert], results: [cert, E] }, ([cn, ips, dns, days, ca], ctx) =>
      signed(ctx, cn as string, ips, dns, intArg(days), ca, () => generated('rsa2048', () => rsa(2048))),
    ),
    genSignedCertWithKey: defineFunc({ params: [S, list, list, I, cert, S], results: [cert, E] }, ([cn, ips, dns, days, ca, pem], ctx) =>
      signed(ctx, cn as string, ips, dns, intArg(days), ca, pemKey(pem as string)),
    ),
    encryptAES: defineFunc({ params: [S, S], results: [S, E] }, ([password, text]) => encryptAES(password as string, text as string, env.random)),
    decryptAES: defineFunc({ params: [S, S], results: [S, E] }, ([password, text]) => {
      try {
        return decryptAES(password as string, text as string);
      } catch (error) {
        if (error instanceof Error && !(error instanceof GoError)) throw new GoError(error.message);
        throw error;
      }
    }),
  };
}

/** A version 4 UUID from the random source (google/uuid's `New().String()`). */
function uuid(random: SprigEnvironment['random']): string {
  const b = random.bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
