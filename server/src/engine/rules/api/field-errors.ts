/**
 * The API server's validation messages: `field.Error.Error()` from
 * k8s.io/apimachinery/pkg/util/validation/field/errors.go (release-1.36),
 * i.e. `<path>: <type>[: <value>][: <detail>]`.
 *
 * How the bad value prints depends on its Go type: plain `string` values are
 * `%q`-quoted, integers print bare, and named string types (ResourceName,
 * RestartPolicy, resource.Quantity) go through json.Marshal. For the values
 * these rules report the two quotings agree except on `<`, `>`, `&` and
 * U+2028/9, which json.Marshal escapes: `jsonQuoted` keeps that difference.
 */

/** A value as the error prints it: strings are quoted by the caller's choice of Go type. */
export type BadValue = { quoted: string } | number | bigint;

/** strconv.Quote (`%q`): escapes quotes, backslashes and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** encoding/json's string form, HTML-safe escaping included. */
export function jsonQuote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** A Go `string` value. */
export function quoted(s: string): BadValue {
  return { quoted: goQuote(s) };
}

/** A value of a named string type or a Quantity: json.Marshal. */
export function jsonQuoted(s: string): BadValue {
  return { quoted: jsonQuote(s) };
}

function show(value: BadValue): string {
  return typeof value === 'object' ? value.quoted : value.toString();
}

export function invalid(path: string, value: BadValue, detail: string): string {
  return `${path}: Invalid value: ${show(value)}${detail ? `: ${detail}` : ''}`;
}

export function required(path: string, detail = ''): string {
  return `${path}: Required value${detail ? `: ${detail}` : ''}`;
}

export function forbidden(path: string, detail: string): string {
  return `${path}: Forbidden${detail ? `: ${detail}` : ''}`;
}

export function notFound(path: string, value: BadValue, detail = ''): string {
  return `${path}: Not found: ${show(value)}${detail ? `: ${detail}` : ''}`;
}

export function duplicate(path: string, value: BadValue): string {
  return `${path}: Duplicate value: ${show(value)}`;
}

/** field.NotSupported: the supported values are strconv.Quote'd and joined in the order given. */
export function notSupported(path: string, value: BadValue, supported: readonly string[]): string {
  const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return `${path}: Unsupported value: ${show(value)}${detail ? `: ${detail}` : ''}`;
}
