/**
 * Prints the built objects as one YAML stream (block style, kustomize's list
 * indentation) and records, for every scalar and key printed, the segment of
 * the output it occupies and where it came from.
 */
import type { Segment } from '../source-map';
import { type KMap, type KNode, type KScalar, type Origin, resolvePlain } from './model';

export interface Emitted {
  text: string;
  segments: Segment[];
  /** Output offsets of each document: [start, end). */
  documents: Array<{ start: number; end: number }>;
}

class Writer {
  parts: string[] = [];
  length = 0;
  segments: Segment[] = [];

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  /** Writes a scalar's printed form and the segments that map it. */
  writeScalar(printed: string, node: KScalar, plainPrinted: boolean): void {
    const start = this.length;
    if (plainPrinted && node.pieces && node.pieces.length > 1 && node.pieces.map((p) => p.text).join('') === printed) {
      let offset = start;
      for (const piece of node.pieces) {
        if (piece.origin && piece.text.length > 0) this.addSegment(offset, offset + piece.text.length, piece.origin, piece.text);
        offset += piece.text.length;
      }
    } else if (node.origin) {
      this.addSegment(start, start + printed.length, node.origin, printed);
    }
    this.write(printed);
  }

  private addSegment(outStart: number, outEnd: number, origin: Origin, printed: string): void {
    if (outEnd <= outStart) return;
    const exact = origin.kind === 'value' && origin.raw !== undefined && origin.raw === printed;
    this.segments.push({
      outStart,
      outEnd,
      file: origin.file,
      srcStart: origin.start,
      srcEnd: exact ? origin.start + printed.length : origin.end,
      origin: exact ? 'text' : origin.kind,
    });
  }
}

export function emitStream(objects: KMap[]): Emitted {
  const writer = new Writer();
  const documents: Array<{ start: number; end: number }> = [];
  objects.forEach((object, index) => {
    if (index > 0) writer.write('---\n');
    const start = writer.length;
    if (object.entries.length === 0) writer.write('{}\n');
    else writeMapBody(writer, object, 0);
    documents.push({ start, end: writer.length });
  });
  return { text: writer.parts.join(''), segments: writer.segments, documents };
}

/** A map's entries, each on its own line at `indent` (the first line's indent already written when `firstInline`). */
function writeMapBody(writer: Writer, map: KMap, indent: number, firstInline = false): void {
  const pad = ' '.repeat(indent);
  map.entries.forEach((entry, i) => {
    if (i > 0 || !firstInline) writer.write(pad);
    writeKey(writer, entry.key);
    writeValueAfterKey(writer, entry.value, indent);
  });
}

function writeKey(writer: Writer, key: KScalar): void {
  const printed = printString(key.value, true);
  writer.writeScalar(printed, key, printed === key.value);
  writer.write(':');
}

function writeValueAfterKey(writer: Writer, value: KNode, indent: number): void {
  if (value.kind === 'map') {
    if (value.entries.length === 0) writer.write(' {}\n');
    else {
      writer.write('\n');
      writeMapBody(writer, value, indent + 2);
    }
  } else if (value.kind === 'seq') {
    if (value.items.length === 0) writer.write(' []\n');
    else {
      writer.write('\n');
      writeSeqBody(writer, value.items, indent);
    }
  } else {
    writer.write(' ');
    writeScalarValue(writer, value, indent);
    writer.write('\n');
  }
}

function writeSeqBody(writer: Writer, items: KNode[], indent: number): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    writer.write(pad + '-');
    if (item.kind === 'map') {
      if (item.entries.length === 0) writer.write(' {}\n');
      else {
        writer.write(' ');
        writeMapBody(writer, item, indent + 2, true);
      }
    } else if (item.kind === 'seq') {
      if (item.items.length === 0) writer.write(' []\n');
      else {
        writer.write('\n');
        writeSeqBody(writer, item.items, indent + 2);
      }
    } else {
      writer.write(' ');
      writeScalarValue(writer, item, indent + 2);
      writer.write('\n');
    }
  }
}

function writeScalarValue(writer: Writer, node: KScalar, indent: number): void {
  if (node.tag === 'str') {
    if (node.value.includes('\n') && canBeLiteral(node.value)) {
      writer.writeScalar(literalBlock(node.value, indent), node, false);
      return;
    }
    const printed = printString(node.value, false);
    writer.writeScalar(printed, node, printed === node.value);
    return;
  }
  if (node.tag === 'null') {
    writer.writeScalar('null', node, false);
    return;
  }
  if (node.tag === 'int' || node.tag === 'float' || node.tag === 'bool') {
    writer.writeScalar(node.value, node, true);
    return;
  }
  // A custom or non-core tag keeps its tag; its value is printed as a string.
  const tag = node.tag.startsWith('!!') || node.tag.startsWith('!') ? node.tag : '!<' + node.tag + '>';
  writer.write(tag + ' ');
  const printed = printString(node.value, false);
  writer.writeScalar(printed, node, printed === node.value);
}

const YAML11_SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<)$/;

/** A string printed plain when YAML (1.1 or 1.2) reads it back as the same string, else double-quoted. */
export function printString(value: string, isKey: boolean): string {
  if (isPlainSafe(value, isKey)) return value;
  return doubleQuote(value);
}

function isPlainSafe(value: string, isKey: boolean): boolean {
  if (value === '') return false;
  if (resolvePlain(value) !== 'str') return false;
  if (YAML11_SPECIAL.test(value)) return false;
  // Numbers in forms YAML 1.1 reads as numbers (1_000, 0b1, 1:20, 1e3).
  if (
    /^[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?$/.test(value) ||
    /^[-+]?0b[01_]+$/.test(value) ||
    /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(value)
  )
    return false;
  // Timestamps, which YAML 1.1 readers (kubectl's JSON step, go-yaml v2) would turn into dates.
  if (
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/.test(
      value,
    )
  )
    return false;
  if (/^[\s]|[\s]$/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/^[-?:][^\s,[\]{}]/.test(value)) return false;
  if (/^(---|\.\.\.)/.test(value)) return false;
  if (/: |:$| #|\t/.test(value)) return false;
  if (isKey && /[,[\]{}]/.test(value)) return false;
  if (/[,[\]{}]/.test(value) && /^[[{]/.test(value)) return false;

  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return false;
  return true;
}

function doubleQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff)
      out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function canBeLiteral(value: string): boolean {
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return false;
  if (/^[ \t]/.test(value) || /^\n/.test(value)) return false;
  // Trailing spaces on a line are kept by a literal block, but a line of only spaces before content is fine too.
  return true;
}

function literalBlock(value: string, indent: number): string {
  let chomp = '-';
  let body = value;
  if (value.endsWith('\n')) {
    const stripped = value.replace(/\n+$/, '');
    chomp = value.length - stripped.length === 1 ? '' : '+';
    body = chomp === '' ? stripped : value.slice(0, -1);
  }
  const pad = ' '.repeat(indent + 2);
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  return '|' + chomp + '\n' + lines.join('\n');
}
