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
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(at + 1) === 10) at++;
        starts.push(at + 1);
      } else if (code === 10 /* \n */) {
        starts.push(at + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
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
