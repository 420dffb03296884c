/**
 * What kubectl makes of a YAML scalar on its way to the API server.
 *
 * kubectl converts YAML to JSON with sigs.k8s.io/yaml (go-yaml v2 resolution,
 * then encoding/json.Marshal), decodes that into unstructured objects
 * (k8s.io/apimachinery/pkg/util/json: integers that fit int64 stay int64,
 * every other number becomes float64) and marshals again to send it. The API
 * server decodes each field from the JSON token it receives.
 */

const INT64_MAX = (1n << 63n) - 1n;
import { goParseDecimalFloat, goParseInt, goParseUint, mayBeGoNumber } from '../go/strconv';

/** A value encoding/json refuses to marshal (NaN, ±Inf): kubectl fails before sending anything. */
export class JsonConversionError {
  constructor(readonly message: string) {}
}

/**
 * The body of encoding/json's string encoding. UnmarshalJSON strips the quotes
 * but does NOT unescape, so e.g. a tab becomes the two characters `\t`, which
 * TrimSpace keeps and the parser rejects.
 */
export function goJsonStringBody(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1]!;
        i++;
      } else {
        out += '\\ufffd'; // invalid UTF-8 is replaced by encoding/json
      }
    } else out += ch;
  }
  return out;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export type YamlValue =
  { kind: 'string'; value: string } | { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'bool'; value: boolean } | { kind: 'null' };

const YAML_MAP = new Map<string, YamlValue>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) YAML_MAP.set(s, { kind: 'bool', value: true });
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) YAML_MAP.set(s, { kind: 'bool', value: false });
for (const s of ['', '~', 'null', 'Null', 'NULL']) YAML_MAP.set(s, { kind: 'null' });
for (const s of ['.nan', '.NaN', '.NAN']) YAML_MAP.set(s, { kind: 'float', value: NaN });
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) YAML_MAP.set(s, { kind: 'float', value: Infinity });
for (const s of ['-.inf', '-.Inf', '-.INF']) YAML_MAP.set(s, { kind: 'float', value: -Infinity });

/** go-yaml v2 resolve() for an untagged plain scalar, as decoded into interface{}. */
const UNDERSCORES = /_/g;

export function resolvePlainYamlScalar(plainText: string): YamlValue {
  const first = plainText[0];
  let hint: string;
  if (first === undefined) hint = 'N';
  else if (first === '+' || first === '-') hint = 'S';
  else if (first >= '0' && first <= '9') hint = 'D';
  else if ('yYnNtTfFoO~'.includes(first)) hint = 'M';
  else if (first === '.') hint = '.';
  else return { kind: 'string', value: plainText };

  const mapped = YAML_MAP.get(plainText);
  if (mapped) return mapped;
  if (hint === '.') {
    // Straight to ParseFloat, underscores and all (".5_0" is 0.5).
    const f = goParseDecimalFloat(plainText);
    return f === null ? { kind: 'string', value: plainText } : { kind: 'float', value: f };
  }
  if ((hint === 'D' || hint === 'S') && mayBeGoNumber(plainText)) {
    // Timestamps ("2001-12-14") are resolved first but decode into
    // interface{} as their original string, so they need no case here.
    const plain = plainText.includes('_') ? plainText.replace(UNDERSCORES, '') : plainText;
    const i = goParseInt(plain, 0);
    if (i !== null) return { kind: 'int', value: i };
    const u = goParseUint(plain, 0);
    if (u !== null) return { kind: 'int', value: u };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = goParseDecimalFloat(plain);
      if (f !== null) return { kind: 'float', value: f };
    }
    // go-yaml's extra 0b/-0b branches are already covered by ParseInt base 0.
  }
  return { kind: 'string', value: plainText };
}

/** encoding/json's float64 text: ES6 number formatting, e-09 cleaned to e-9 — i.e. JS's String(). */
function goJsonFloat(f: number): string {
  return Object.is(f, -0) ? '-0' : String(f);
}

/** The JSON token the API server receives for a resolved YAML value. */
export function jsonTokenFor(v: YamlValue): string | JsonConversionError {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'string':
      return '"' + goJsonStringBody(v.value) + '"';
    case 'int':
      // A uint64 beyond int64 becomes float64 in kubectl's unstructured round trip.
      return v.value > INT64_MAX ? goJsonFloat(Number(v.value)) : v.value.toString();
    case 'float': {
      if (!Number.isFinite(v.value)) {
        const shown = Number.isNaN(v.value) ? 'NaN' : v.value > 0 ? '+Inf' : '-Inf';
        return new JsonConversionError(`json: unsupported value: ${shown}`);
      }
      const text = goJsonFloat(v.value);
      // The unstructured round trip turns an integral token that fits int64 ("-0", "1") into an int64.
      if (!text.includes('.')) {
        const i = goParseInt(text, 10);
        if (i !== null) return i.toString();
      }
      return text;
    }
  }
}
