/**
 * sprig's `urlParse` and `urlJoin` over Go's `net/url` (`url.Parse`,
 * `URL.String`, `Hostname`, `Userinfo.String`), with Go's escaping rules per
 * URL component and its parse errors.
 */
import { defineFunc, GoError, type FuncDef } from '../../template/funcs';
import { quote, utf8Decode, utf8Encode } from '../../template/strconv';
import { anyMap, types } from '../../template/types';
import { isPlainObject, type GoObject, type GoValue } from '../../template/values';
import { kindName } from './convert';

type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

const upperhex = '0123456789ABCDEF';

function ishex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function unhex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return c - 55;
}

function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return false;
  const ch = String.fromCharCode(c);
  if (mode === 'host' || mode === 'zone') {
    if ('!$&\'()*+,;=:[]<>"'.includes(ch)) return false;
  }
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && (ch === '!' || ch === '(' || ch === ')' || ch === '*')) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  const bytes = utf8Encode(s);
  let out = '';
  for (const c of bytes) {
    if (shouldEscape(c, mode)) {
      if (c === 32 && mode === 'queryComponent') out += '+';
      else out += '%' + upperhex[c >> 4] + upperhex[c & 15];
    } else out += String.fromCharCode(c);
  }
  return out;
}

function unescape(s: string, mode: Mode): string {
  const bytes = utf8Encode(s);
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i];
    if (c === 37) {
      n++;
      if (i + 2 >= bytes.length || !ishex(bytes[i + 1]) || !ishex(bytes[i + 2])) {
        const rest = utf8Decode(bytes.subarray(i, Math.min(i + 3, bytes.length)));
        throw new GoError(`invalid URL escape ${quote(rest)}`);
      }
      if (mode === 'host' && unhex(bytes[i + 1]) < 8 && utf8Decode(bytes.subarray(i, i + 3)) !== '%25')
        throw new GoError(`invalid URL escape ${quote(utf8Decode(bytes.subarray(i, i + 3)))}`);
      i += 3;
    } else {
      if (c === 43) hasPlus = mode === 'queryComponent';
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode))
        throw new GoError(`invalid character ${quote(String.fromCharCode(c))} in host name`);
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 37) {
      out.push((unhex(bytes[i + 1]) << 4) | unhex(bytes[i + 2]));
      i += 2;
    } else if (c === 43 && mode === 'queryComponent') out.push(32);
    else out.push(c);
  }
  return utf8Decode(new Uint8Array(out));
}

interface URL {
  scheme: string;
  opaque: string;
  user: { username: string; password?: string } | undefined;
  host: string;
  path: string;
  rawPath: string;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new GoError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new GoError(`invalid port ${quote(colonPort)} after host`);
    return unescape(host, 'host');
  }
  const i = host.lastIndexOf(':');
  if (i !== -1) {
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new GoError(`invalid port ${quote(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

function parseAuthority(authority: string): Pick<URL, 'user' | 'host'> {
  const i = authority.lastIndexOf('@');
  const host = parseHost(authority.slice(i + 1));
  if (i < 0) return { user: undefined, host };
  const userinfo = authority.slice(0, i);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new GoError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { user: { username: unescape(userinfo, 'userPassword') }, host };
  return { user: { username: unescape(userinfo.slice(0, colon), 'userPassword'), password: unescape(userinfo.slice(colon + 1), 'userPassword') }, host };
}

function parse(rawURL: string): URL {
  const url: URL = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawPath: '', forceQuery: false, rawQuery: '', fragment: '' };
  if (/[\x00-\x1f\x7f]/.test(rawURL)) throw new GoError('net/url: invalid control character in URL');
  if (rawURL === '*') {
    url.path = '*';
    return url;
  }
  let rest: string;
  [url.scheme, rest] = getScheme(rawURL);
  url.scheme = url.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(':')) throw new GoError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    Object.assign(url, parseAuthority(authority));
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.host = '';
  }
  url.path = unescape(rest, 'path');
  const escaped = escape(url.path, 'path');
  url.rawPath = rest === escaped ? '' : rest;
  return url;
}

/** `url.Parse`; errors read as Go's `*url.Error`: `parse "RAW": MESSAGE`. */
export function parseURL(raw: string): URL {
  const hash = raw.indexOf('#');
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  const frag = hash >= 0 ? raw.slice(hash + 1) : '';
  try {
    const url = parse(u);
    if (frag !== '') url.fragment = unescape(frag, 'fragment');
    return url;
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`parse ${quote(raw)}: ${error.message}`);
    throw error;
  }
}

function userString(user: NonNullable<URL['user']>): string {
  let s = escape(user.username, 'userPassword');
  if (user.password !== undefined) s += ':' + escape(user.password, 'userPassword');
  return s;
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const i = host.indexOf(']');
    return i >= 0 ? host.slice(1, i) : host.slice(1);
  }
  const i = host.lastIndexOf(':');
  return i >= 0 && validOptionalPort(host.slice(i)) ? host.slice(0, i) : host;
}

function urlString(u: URL): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (u.host !== '' || u.path !== '' || u.user !== undefined) buf += '//';
      if (u.user) buf += userString(u.user) + '@';
      if (u.host !== '') buf += escape(u.host, 'host');
    }
    const path = escape(u.path, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '') {
      const slash = path.indexOf('/');
      if ((slash < 0 ? path : path.slice(0, slash)).includes(':')) buf += './';
    }
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escape(u.fragment, 'fragment');
  return buf;
}

function getOrEmpty(d: GoObject, key: string): string {
  if (!Object.prototype.hasOwnProperty.call(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') {
    if (v === null) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
    throw new GoError(`unable to parse ${key} key, must be of type string, but ${kindName(v)} found`);
  }
  return v;
}

export function urlFunctions(): Record<string, FuncDef> {
  return {
    urlParse: defineFunc({ params: [types.string], results: [anyMap] }, ([v]) => {
      let u: URL;
      try {
        u = parseURL(v as string);
      } catch (error) {
        if (error instanceof GoError) throw new GoError(`unable to parse url: ${error.message}`);
        throw error;
      }
      const out: GoObject = {
        scheme: u.scheme,
        host: u.host,
        hostname: hostname(u.host),
        path: u.path,
        query: u.rawQuery,
        opaque: u.opaque,
        fragment: u.fragment,
        userinfo: u.user ? userString(u.user) : '',
      };
      return out;
    }),
    urlJoin: defineFunc({ params: [anyMap], results: [types.string] }, ([d]) => {
      const dict = (isPlainObject(d) ? d : {}) as GoObject;
      const u: URL = {
        scheme: getOrEmpty(dict, 'scheme'),
        host: getOrEmpty(dict, 'host'),
        path: getOrEmpty(dict, 'path'),
        rawQuery: getOrEmpty(dict, 'query'),
        opaque: getOrEmpty(dict, 'opaque'),
        fragment: getOrEmpty(dict, 'fragment'),
        user: undefined,
        rawPath: '',
        forceQuery: false,
      };
      const userinfo = getOrEmpty(dict, 'userinfo');
      if (userinfo !== '') {
        try {
          u.user = parseURL(`proto://${userinfo}@host`).user;
        } catch (error) {
          if (error instanceof GoError) throw new GoError(`unable to parse userinfo in dict: ${error.message}`);
          throw error;
        }
      }
      return urlString(u) as GoValue;
    }),
  };
}
