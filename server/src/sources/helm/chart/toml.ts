/**
 * `toToml` and `fromToml`: TOML as Helm's BurntSushi/toml writes and reads
 * it. Reading uses smol-toml; writing follows BurntSushi's encoder layout
 * (plain keys first in sorted order, then tables, nested tables indented by
 * two spaces, floats always with a decimal point, nil values left out).
 */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { types } from '../template/types';
import { GoMap, type GoObject, GoPointer, GoScalar, GoSlice, GoStruct, type GoValue, isPlainObject } from '../template/values';

function goCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

type TomlValue = { kind: 'scalar'; text: string } | { kind: 'table'; entries: [string, TomlValue][] } | { kind: 'array'; items: TomlValue[] } | { kind: 'nil' };

class TomlError extends Error {}

function quoteString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += char;
  }
  return out + '"';
}

/** strconv.FormatFloat(f, 'f', -1, 64) with a decimal point added, as BurntSushi/toml writes floats. */
function tomlFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  let text: string;
  if (exponent < 0) text = '0.' + '0'.repeat(-exponent - 1) + digits;
  else if (digits.length <= exponent + 1) text = digits + '0'.repeat(exponent + 1 - digits.length);
  else text = digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1);
  if (!text.includes('.')) text += '.0';
  return (value < 0 ? '-' : '') + text;
}

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : quoteString(key);
}

function toToml(value: GoValue | undefined): TomlValue {
  if (value === null || value === undefined) return { kind: 'nil' };
  if (typeof value === 'string') return { kind: 'scalar', text: quoteString(value) };
  if (typeof value === 'boolean') return { kind: 'scalar', text: String(value) };
  if (typeof value === 'number') return { kind: 'scalar', text: tomlFloat(value) };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toToml) };
  if (value instanceof GoScalar) {
    const v = value.value;
    if (typeof v === 'bigint') return { kind: 'scalar', text: v.toString() };
    if (typeof v === 'number') return { kind: 'scalar', text: tomlFloat(v) };
    if (typeof v === 'string') return { kind: 'scalar', text: quoteString(v) };
    if (typeof v === 'boolean') return { kind: 'scalar', text: String(v) };
    throw new TomlError(`toml: cannot encode a value of type ${value.type.name}`);
  }
  if (value instanceof GoSlice) return value.items === null ? { kind: 'nil' } : { kind: 'array', items: value.items.map(toToml) };
  if (value instanceof GoMap) {
    const entries: [string, TomlValue][] = [];
    for (const entry of value.entries?.values() ?? []) entries.push([String(entry.key instanceof GoScalar ? entry.key.value : entry.key), toToml(entry.value)]);
    return { kind: 'table', entries };
  }
  if (value instanceof GoStruct) return { kind: 'table', entries: Object.entries(value.fields).map(([k, v]) => [k, toToml(v)]) };
  if (value instanceof GoPointer) return toToml(value.target);
  if (isPlainObject(value)) return { kind: 'table', entries: Object.keys(value).map((key) => [key, toToml(value[key])]) };
  throw new TomlError(`toml: cannot encode a value of type ${(value as { type?: { name: string } }).type?.name ?? 'unknown'}`);
}

function inline(value: TomlValue): string {
  switch (value.kind) {
    case 'scalar':
      return value.text;
    case 'array':
      return (
        '[' +
        value.items
          .filter((item) => item.kind !== 'nil')
          .map(inline)
          .join(', ') +
        ']'
      );
    case 'table':
      return (
        '{' +
        value.entries
          .filter(([, v]) => v.kind !== 'nil')
          .map(([k, v]) => `${quoteKey(k)} = ${inline(v)}`)
          .join(', ') +
        '}'
      );
    default:
      return '';
  }
}

const isArrayOfTables = (value: TomlValue): boolean => value.kind === 'array' && value.items.length > 0 && value.items.every((item) => item.kind === 'table');

function writeTable(entries: [string, TomlValue][], path: string[], out: string[], indent: string): void {
  const sorted = entries.filter(([, v]) => v.kind !== 'nil').sort((a, b) => goCompare(a[0], b[0]));
  for (const [key, value] of sorted) {
    if (value.kind === 'table' || isArrayOfTables(value)) continue;
    out.push(`${indent}${quoteKey(key)} = ${inline(value)}\n`);
  }
  for (const [key, value] of sorted) {
    const childPath = [...path, quoteKey(key)];
    if (value.kind === 'table') {
      // Only top-level tables get a blank line before them.
      if (out.length > 0 && path.length === 0) out.push('\n');
      out.push(`${' '.repeat(2 * path.length)}[${childPath.join('.')}]\n`);
      writeTable(value.entries, childPath, out, ' '.repeat(2 * (path.length + 1)));
    } else if (isArrayOfTables(value) && value.kind === 'array') {
      for (const item of value.items) {
        if (item.kind !== 'table') continue;
        if (out.length > 0) out.push('\n');
        out.push(`${' '.repeat(2 * path.length)}[[${childPath.join('.')}]]\n`);
        writeTable(item.entries, childPath, out, ' '.repeat(2 * (path.length + 1)));
      }
    }
  }
}

/** toToml: the TOML text, or the encoder's error text (Helm prints that instead). */
export function encodeToml(value: GoValue): string {
  try {
    const toml = toToml(value);
    if (toml.kind !== 'table') return 'toml: top-level values must be Go maps or structs';
    const out: string[] = [];
    writeTable(toml.entries, [], out, '');
    return out.join('');
  } catch (error) {
    if (error instanceof TomlError) return error.message;
    throw error;
  }
}

function fromParsed(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return new GoScalar(types.int64, value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromParsed);
  const out: GoObject = Object.create(null);
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = fromParsed(item);
  return out;
}

/** fromToml: the table, or the parser's error text. */
export function parseToml(text: string): { value: GoObject } | { error: string } {
  // smol-toml ships CommonJS beside its ES module; TypeScript only sees the latter's types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('smol-toml') as typeof SmolToml;
  try {
    return { value: fromParsed(parse(text, { integersAsBigInt: true })) as GoObject };
  } catch (error) {
    return { error: `toml: ${(error as Error).message.split('\n')[0]}` };
  }
}
