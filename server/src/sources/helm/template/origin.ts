/**
 * Where rendered text came from.
 *
 * The engine tracks an {@link Origin} beside every value it evaluates:
 * - a {@link Place}: the whole printed value comes from one place (a values-file
 *   scalar as `value`, a template literal as `text` or `value`, an expression as
 *   `computed`);
 * - or, for a string, {@link Segment}s relative to the string itself: a string
 *   built of pieces from different places (what `include`, `indent` or
 *   `toYaml` return).
 *
 * Values from values files get their origins from a {@link ValueLocations}
 * side table, filled by whoever builds the values tree: for each map or array
 * object, per key or index, the origin of the value written there and of its
 * key. The tree itself stays plain JSON-shaped data.
 */
import type { Segment, SegmentOrigin, SourceLocation } from '../../source-map';
import { viewTarget } from './values';

/** The whole of a value comes from one place. */
export interface Place extends SourceLocation {
  readonly origin: SegmentOrigin;
}

/** A segment with every field written out (one object shape keeps the hot paths fast). */
export function segment(outStart: number, outEnd: number, file: string, srcStart: number, srcEnd: number, origin: SegmentOrigin): Segment {
  return { outStart, outEnd, file, srcStart, srcEnd, origin };
}

/** A whole-value place, or the runs of a string (segments with offsets relative to the string, sorted, not overlapping). */
export type Origin = Place | readonly Segment[];

/** A string with the origins of its runs (segment offsets relative to `text`); a `SourceMap` of that text. */
export interface MappedString {
  readonly text: string;
  readonly segments: Segment[];
}

export interface ValueLocation {
  /** Where the value at this key or index was written (a scalar, or a whole subtree). */
  readonly value: Origin;
  /** Where its key was written (maps only). */
  readonly key?: Origin;
}

/** The side table of where each entry of a values tree was written; keyed by the container object, so merged trees can share entries. */
export class ValueLocations {
  private readonly table = new WeakMap<object, Map<string | number, ValueLocation>>();

  set(container: object, key: string | number, location: ValueLocation): void {
    let entries = this.table.get(viewTarget(container));
    if (!entries) {
      entries = new Map();
      this.table.set(viewTarget(container), entries);
    }
    entries.set(key, location);
  }

  get(container: object, key: string | number): ValueLocation | undefined {
    return this.table.get(viewTarget(container))?.get(key);
  }

  /** Every entry recorded for a container (e.g. to copy them onto a merged copy). */
  entries(container: object): ReadonlyMap<string | number, ValueLocation> | undefined {
    return this.table.get(viewTarget(container));
  }
}

export function isPlace(origin: Origin | undefined): origin is Place {
  return origin !== undefined && !Array.isArray(origin);
}

/** The segments that a string of `length` UTF-16 units with this origin occupies when written at `offset`. */
export function segmentsFor(origin: Origin | undefined, length: number, offset = 0): Segment[] {
  if (origin === undefined || length === 0) return [];
  if (isPlace(origin)) {
    // A `text` run maps offset for offset: only when the printed text has the length of its source.
    const kind: SegmentOrigin = origin.origin === 'text' && origin.end - origin.start !== length ? 'value' : origin.origin;
    return [segment(offset, offset + length, origin.file, origin.start, origin.end, kind)];
  }
  const out: Segment[] = [];
  for (const s of origin as readonly Segment[]) {
    if (s.outStart >= length) break;
    out.push(segment(s.outStart + offset, Math.min(s.outEnd, length) + offset, s.file, s.srcStart, s.srcEnd, s.origin));
  }
  return out;
}

/** A string value and its origin as a mapped string. */
export function toMapped(text: string, origin: Origin | undefined): MappedString {
  return { text, segments: segmentsFor(origin, text.length) };
}

/** Builds a mapped string piece by piece. */
export class MappedBuilder {
  declare private readonly parts: string[];
  declare private readonly segments: Segment[];
  declare private length: number;

  constructor() {
    this.parts = [];
    this.segments = [];
    this.length = 0;
  }

  get size(): number {
    return this.length;
  }

  /** Append text whose origin is unknown (or given). */
  add(text: string, origin?: Origin): this {
    if (text.length === 0) return this;
    if (origin !== undefined) this.pushSegments(segmentsFor(origin, text.length, this.length));
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  /** Append a mapped string. */
  addMapped(piece: MappedString): this {
    if (piece.text.length === 0) return this;
    const shift = this.length;
    this.pushSegments(piece.segments.map((s) => segment(s.outStart + shift, s.outEnd + shift, s.file, s.srcStart, s.srcEnd, s.origin)));
    this.parts.push(piece.text);
    this.length += piece.text.length;
    return this;
  }

  private pushSegments(segments: Segment[]): void {
    for (const s of segments) {
      const last = this.segments[this.segments.length - 1];
      // Merge adjacent runs of the same text origin, so copied text stays one segment.
      if (last && last.origin === 'text' && s.origin === 'text' && last.file === s.file && last.outEnd === s.outStart && last.srcEnd === s.srcStart) {
        this.segments[this.segments.length - 1] = segment(last.outStart, s.outEnd, last.file, last.srcStart, s.srcEnd, 'text');
      } else {
        this.segments.push(s);
      }
    }
  }

  build(): MappedString {
    return { text: this.parts.join(''), segments: this.segments.slice() };
  }
}

/** Concatenate mapped strings. */
export function concatMapped(pieces: readonly MappedString[]): MappedString {
  const builder = new MappedBuilder();
  for (const piece of pieces) builder.addMapped(piece);
  return builder.build();
}

/** `s[start:end]` with its segments cut to match (UTF-16 offsets). */
export function sliceMapped(s: MappedString, start: number, end = s.text.length): MappedString {
  return { text: s.text.slice(start, end), segments: sliceSegments(s.segments, start, end) };
}

/** The segments of `[start, end)` of a text, relative to `start`; `text` runs are cut offset for offset. */
export function sliceSegments(segments: readonly Segment[], start: number, end: number): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    if (seg.outEnd <= start) continue;
    if (seg.outStart >= end) break;
    const from = Math.max(seg.outStart, start);
    const to = Math.min(seg.outEnd, end);
    if (seg.origin === 'text')
      out.push(segment(from - start, to - start, seg.file, seg.srcStart + (from - seg.outStart), seg.srcStart + (to - seg.outStart), 'text'));
    else out.push(segment(from - start, to - start, seg.file, seg.srcStart, seg.srcEnd, seg.origin));
  }
  return out;
}

/**
 * Insert `prefix` at the start of every line (sprig's `indent`: the first line
 * too, every line after a `\n`); inserted text has no origin.
 */
export function indentMapped(s: MappedString, prefix: string): MappedString {
  const builder = new MappedBuilder();
  let lineStart = 0;
  const text = s.text;
  for (;;) {
    builder.add(prefix);
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    builder.addMapped(sliceMapped(s, lineStart, lineEnd));
    if (newline === -1) break;
    lineStart = lineEnd;
  }
  return builder.build();
}

/** Delete every occurrence of `needle` (Helm deletes `<no value>` from rendered output), keeping the rest's origins. */
export function removeAllMapped(s: MappedString, needle: string): MappedString {
  if (!needle || s.text.indexOf(needle) === -1) return s;
  const builder = new MappedBuilder();
  let from = 0;
  for (let at = s.text.indexOf(needle); at !== -1; at = s.text.indexOf(needle, from)) {
    builder.addMapped(sliceMapped(s, from, at));
    from = at + needle.length;
  }
  builder.addMapped(sliceMapped(s, from));
  return builder.build();
}

/** What an action prints for no value; Helm deletes it from its output ({@link removeNoValue}). */
export const NO_VALUE = '<no value>';

/** Helm's post-processing of every rendered template (and of `tpl`'s result): delete `<no value>`. */
export function removeNoValue(s: MappedString): MappedString {
  return removeAllMapped(s, NO_VALUE);
}

/** Trim characters in `cut` from both ends (sprig's `trim` with Go's `strings.TrimSpace` set, or any set). */
export function trimMapped(s: MappedString, isCut: (ch: string) => boolean, left = true, right = true): MappedString {
  let start = 0;
  let end = s.text.length;
  if (left) while (start < end && isCut(s.text[start])) start++;
  if (right) while (end > start && isCut(s.text[end - 1])) end--;
  return start === 0 && end === s.text.length ? s : sliceMapped(s, start, end);
}
