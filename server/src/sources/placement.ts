import { type OutputDocument } from './index';
import { originOf, type SegmentOrigin, type SourceMap } from './source-map';

/**
 * Where a span of rendered or built output is shown: the file the user edits
 * and the offsets there. A span whose text came from a file (template text, a
 * values scalar, a patch line) lands on it; one the renderer made up (a
 * computed name, generated text between values) lands just after the nearest
 * text before it from the same document, and failing that on the start of the
 * file the document came from.
 */
export interface Placement {
  file: string;
  start: number;
  end: number;
  /** How the output relates to the place: copied text, a value written there, or computed from what is written there. */
  origin: SegmentOrigin | 'nearby';
}

export class Placer {
  constructor(
    private readonly map: SourceMap,
    private readonly documents: readonly OutputDocument[],
  ) {}

  place(start: number, end: number): Placement | null {
    const origin = originOf(this.map, start, end);
    if (origin) return origin;
    const document = this.documentAt(start);
    const near = this.segmentBefore(start, document?.start ?? 0);
    if (near) return { file: near.file, start: near.srcEnd, end: near.srcEnd, origin: 'nearby' };
    return document?.file ? { file: document.file, start: 0, end: 0, origin: 'nearby' } : null;
  }

  private documentAt(offset: number): OutputDocument | null {
    for (const document of this.documents) if (offset >= document.start && offset <= document.end) return document;
    return null;
  }

  /** The last segment that starts at or before `offset` and not before `floor`. */
  private segmentBefore(offset: number, floor: number) {
    const segments = this.map.segments;
    let low = 0;
    let high = segments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (segments[mid].outStart <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    const segment = found >= 0 ? segments[found] : null;
    return segment && segment.outStart >= floor ? segment : null;
  }
}
