import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Offsets ↔ LSP positions for one version of a file's text.
 *
 * Engine results carry offsets relative to their YAML document (so that an
 * unchanged document's results survive edits elsewhere); every conversion here
 * therefore takes the document's base offset in the file. Lines end at `\n`,
 * `\r\n` or a lone `\r`, as LSP defines them; characters are UTF-16 code units,
 * which is what JavaScript string offsets already are.
 */
export class LineMap {
  // Offsets fit in 32 bits; a typed array is copied by memcpy when an edit moves the lines after it.
  private readonly lineStarts: Int32Array;

  constructor(
    readonly text: string,
    lineStarts?: Int32Array,
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    scanLineStarts(text, 0, text.length, starts);
    this.lineStarts = Int32Array.from(starts);
  }

  /**
   * The map of a new version of the text in which `[start, end)` of this
   * version became `[start, newEnd)`: line starts before the change are
   * kept, those after it move by the change's length, and only the changed
   * region is scanned (a line start depends on the two characters around it,
   * so the scan begins one character early for a `\r\n` split by the edit).
   */
  edited(text: string, start: number, end: number, newEnd: number): LineMap {
    const old = this.lineStarts;
    const delta = newEnd - end;
    const before = Math.max(1, lowerBound(old, start));
    const after = lowerBound(old, end + 1);
    const region: number[] = [];
    scanLineStarts(text, Math.max(0, start - 1), newEnd, region);
    const starts = new Int32Array(before + region.length + (old.length - after));
    starts.set(old.subarray(0, before));
    for (let i = 0; i < region.length; i++) starts[before + i] = region[i];
    let at = before + region.length;
    if (delta === 0) starts.set(old.subarray(after), at);
    else for (let i = after; i < old.length; i++) starts[at++] = old[i] + delta;
    return new LineMap(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /**
   * An offset between the `\r` and the `\n` of a line break (the parser can
   * end an error there) has no position of its own: it is the end of its line.
   */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    if (clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low] };
  }

  /** Offset just past a line's content (before its line break). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /**
   * The offset of a position, or null when it lies outside the text (a line
   * past the last one, or a character past its line's end): requests there
   * have nothing to answer about.
   */
  offsetAt(position: Position): number | null {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return null;
    if (position.line < 0 || position.character < 0 || position.line >= this.lineStarts.length) return null;
    const start = this.lineStarts[position.line];
    if (start + position.character > this.lineContentEnd(position.line)) return null;
    return start + position.character;
  }

  /** Like `offsetAt`, but a position past a line's end or the text's end means its end (LSP's rule for ranges). */
  clampedOffsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineContentEnd(position.line));
  }

  /** The range of `[start, end)` given relative to a YAML document that begins at `base` in the file. */
  range(base: number, start: number, end: number): Range {
    return { start: this.positionAt(base + start), end: this.positionAt(base + Math.max(start, end)) };
  }
}

/** Appends the line starts in `(from, to]` (a start right after a line break found at `from`..`to - 1`). */
function scanLineStarts(text: string, from: number, to: number, starts: number[]): void {
  // Without a CR in a long range (a whole file) only line feeds end lines: the native search finds them many times faster than a loop over the characters.
  const cr = to - from > 4096 ? text.indexOf('\r', from) : from;
  if (cr === -1 || cr >= to) {
    for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return;
  }
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === 13 /* \r */) {
      if (text.charCodeAt(at + 1) === 10) at++;
      if (at + 1 <= to || to === text.length) starts.push(at + 1);
    } else if (code === 10 /* \n */) {
      starts.push(at + 1);
    }
  }
}

/** The first index whose value is at least `value` (values ascending). */
function lowerBound(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
