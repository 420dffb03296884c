/**
 * Where each character of a text the engine analyzes came from.
 *
 * A chart template is rendered and an overlay is built before the engine sees
 * them; the engine analyzes that output unchanged, and the service layer moves
 * every span it reports through the output's source map to the file the user
 * edits. For a plain file the map is the identity.
 *
 * A map is data, not a callback: runs (segments) of output offsets, each with
 * the file and offsets it came from. Offsets are UTF-16 code units, as
 * everywhere in the engine; files are POSIX paths relative to the source's
 * root (the chart directory, the kustomization directory).
 */

/** A place in one source file. */
export interface SourceLocation {
  file: string;
  start: number;
  end: number;
}

/**
 * How a run of output relates to its origin:
 * - `text`: copied character for character from `[srcStart, srcStart + (outEnd - outStart))`
 *   (template text, a line of a patch); an edit there is an edit of the output.
 * - `value`: the printed form of one scalar written at `[srcStart, srcEnd)` (a values-file
 *   scalar, a `--set` value, a patch's scalar), possibly re-quoted or re-formatted; a fix
 *   replaces the scalar there.
 * - `computed`: produced by an expression at `[srcStart, srcEnd)` (`printf`, arithmetic,
 *   a hash suffix); findings are shown there, and no fix edits it.
 */
export type SegmentOrigin = 'text' | 'value' | 'computed';

export interface Segment {
  outStart: number;
  outEnd: number;
  file: string;
  srcStart: number;
  srcEnd: number;
  origin: SegmentOrigin;
}

/** Segments sorted by `outStart`, never overlapping; output outside every segment has no known origin. */
export interface SourceMap {
  segments: Segment[];
}

/** The segment holding an output offset (binary search), or null. */
export function segmentAt(map: SourceMap, offset: number): Segment | null {
  const segments = map.segments;
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const segment = segments[mid];
    if (offset < segment.outStart) high = mid - 1;
    else if (offset >= segment.outEnd) low = mid + 1;
    else return segment;
  }
  return null;
}

/**
 * Where an output span came from: a `text` segment maps offset for offset, a
 * `value` or `computed` segment maps to its whole origin. Null when the span's
 * start has no origin, or it runs across segments of different files.
 */
export function originOf(map: SourceMap, start: number, end: number): (SourceLocation & { origin: SegmentOrigin }) | null {
  const first = segmentAt(map, start);
  if (!first) return null;
  const last = end > start ? (segmentAt(map, end - 1) ?? first) : first;
  if (last.file !== first.file) return null;
  const from = first.origin === 'text' ? first.srcStart + (start - first.outStart) : first.srcStart;
  const to = last.origin === 'text' ? last.srcStart + (Math.max(end, start) - last.outStart) : last.srcEnd;
  return { file: first.file, start: from, end: Math.max(from, to), origin: first === last ? first.origin : 'computed' };
}
