import { documentIndexAt, type DocumentSlice, splitDocuments } from './documents';
import { analyzeDocument, analyzeText } from './analyze';
import { type AnalyzeOptions, type DocumentResult, type FileResult } from './results';

/**
 * Re-analyzes a new version of a text, reusing the results of the documents
 * outside the one region where the two texts differ.
 */
export function reanalyze(previous: FileResult | null, text: string, options: AnalyzeOptions): FileResult {
  if (!previous) return analyzeText(text, options);
  const documents = new IncrementalDocuments(previous.text, previous.documents);
  documents.applyChange(text, changedRegion(previous.text, text));
  return documents.fileResult(options);
}

/**
 * `[start, end)` of an older text became `[start, newEnd)` of the newer one;
 * everything before `start` and after `end` is unchanged.
 */
export interface TextChange {
  start: number;
  end: number;
  newEnd: number;
}

/** The one region where two versions of a text differ, from their common prefix and suffix. */
export function changedRegion(before: string, after: string): TextChange {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newEnd: after.length - suffix };
}

/**
 * The documents of one text, each with its result or null while it waits to
 * be analyzed. An edit re-splits only a window around the changed region and
 * shifts the documents after it; the results of documents outside the window,
 * and of window documents whose text did not change, are kept.
 *
 * Why the window is exact: slices tile the text and a boundary between two
 * slices is the end of a piece (cut before a `---` line or after a `...`
 * line) that has content and is followed by another piece with content. The
 * window starts at the start of the document before the first touched one
 * and ends at the end of the document after the last touched one (unless
 * that is the last document): both stay boundaries, because the pieces on
 * either side of them lie wholly in unchanged text, so splitting the window
 * alone gives the same slices as splitting the whole new text.
 */
export class IncrementalDocuments {
  private slicesList: DocumentSlice[];
  private results: (DocumentResult | null)[];
  private pendingCount: number;
  /** No document before this index waits to be analyzed. */
  private scanFrom = 0;
  /**
   * The windows of the last edits, oldest first, so that a result computed
   * elsewhere for an older generation (a worker thread) can still find its
   * document: see `mapIndex`.
   */
  private changeLog: { first: number; last: number; shift: number }[] = [];
  private droppedChanges = 0;

  constructor(
    private currentText: string,
    previous?: readonly DocumentResult[],
  ) {
    if (previous) {
      this.slicesList = previous.map((result) => result.slice);
      this.results = [...previous];
      this.pendingCount = 0;
    } else {
      this.slicesList = splitDocuments(currentText);
      this.results = new Array<DocumentResult | null>(this.slicesList.length).fill(null);
      this.pendingCount = this.slicesList.length;
    }
  }

  get text(): string {
    return this.currentText;
  }

  get slices(): readonly DocumentSlice[] {
    return this.slicesList;
  }

  get pending(): number {
    return this.pendingCount;
  }

  /** How many changes were applied: the generation a document index belongs to. */
  get generation(): number {
    return this.droppedChanges + this.changeLog.length;
  }

  /**
   * Where document `index` of generation `generation` is now, or -1 when an
   * edit since then re-split it (its text may have changed). A document
   * outside every window since then has the same text, so a result computed
   * for it then is still its result.
   */
  mapIndex(index: number, generation: number): number {
    if (generation < this.droppedChanges) return -1;
    for (let g = generation - this.droppedChanges; g < this.changeLog.length; g++) {
      const { first, last, shift } = this.changeLog[g];
      if (index < first) continue;
      if (index <= last) return -1;
      index += shift;
    }
    return index;
  }

  /**
   * Takes a result computed for document `index` of generation `generation`
   * (by `analyzeDocument` on that document's text) if the document still
   * waits; returns whether it did.
   */
  adopt(index: number, generation: number, result: DocumentResult): boolean {
    const at = this.mapIndex(index, generation);
    if (at < 0 || at >= this.results.length || this.results[at]) return false;
    const slice = this.slicesList[at];
    // The result's slice may be cut from an older version of the text: point it at the current one.
    this.results[at] = result.slice === slice ? result : { ...result, slice };
    this.pendingCount--;
    return true;
  }

  private logChange(first: number, last: number, shift: number): void {
    this.changeLog.push({ first, last, shift });
    if (this.changeLog.length > 256) {
      this.changeLog.shift();
      this.droppedChanges++;
    }
  }

  /** The result of document `index` if it is analyzed, else null. */
  peek(index: number): DocumentResult | null {
    return this.results[index] ?? null;
  }

  /** Whether the result at `index` was computed for the current text (not waiting). */
  isAnalyzed(index: number): boolean {
    return this.results[index] !== null && this.results[index] !== undefined;
  }

  /** The index of the document holding a file offset (the end of the text belongs to the last one), or -1. */
  indexAt(offset: number): number {
    return offset > this.currentText.length ? -1 : documentIndexAt(this.slicesList, offset);
  }

  applyChange(text: string, change: TextChange): void {
    const old = this.slicesList;
    const oldResults = this.results;
    const delta = change.newEnd - change.end;
    if (old.length === 0) {
      this.logChange(0, Infinity, 0);
      this.slicesList = splitDocuments(text);
      this.results = new Array<DocumentResult | null>(this.slicesList.length).fill(null);
      this.pendingCount = this.slicesList.length;
      this.scanFrom = 0;
      this.currentText = text;
      return;
    }
    const n = old.length;
    // First document touched: the first whose end reaches the change (an insertion at a boundary touches both sides).
    let k: number;
    {
      let low = 0;
      let high = n - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (old[mid].end >= change.start) high = mid;
        else low = mid + 1;
      }
      k = low;
    }
    // Last document touched: the last that starts at or before the change's end.
    let m: number;
    {
      let low = 0;
      let high = n - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (old[mid].start <= change.end) low = mid;
        else high = mid - 1;
      }
      m = low;
    }
    const first = Math.max(0, k - 1);
    const last = m + 2 < n ? m + 1 : n - 1;
    const windowStart = first === 0 ? 0 : old[first].start;
    const windowEnd = last === n - 1 ? text.length : old[last].end + delta;
    const fresh = splitDocuments(text.slice(windowStart, windowEnd));

    // Documents of the window whose text is unchanged keep their results.
    const reusable = new Map<string, DocumentResult[]>();
    for (let i = first; i <= last; i++) {
      const result = oldResults[i];
      if (!result) continue;
      const list = reusable.get(result.slice.text);
      if (list) list.push(result);
      else reusable.set(result.slice.text, [result]);
    }

    const slices: DocumentSlice[] = new Array(first + fresh.length + (n - 1 - last));
    const results: (DocumentResult | null)[] = new Array(slices.length);
    let pending = 0;
    // Every slice is cut again from the new text, so that no result keeps an older version of the whole text alive.
    const place = (at: number, start: number, end: number, previous: DocumentResult | null) => {
      const slice: DocumentSlice = { index: at, start, end, text: text.slice(start, end) };
      slices[at] = slice;
      results[at] = previous ? { ...previous, slice } : null;
      if (!previous) pending++;
    };
    for (let i = 0; i < first; i++) place(i, old[i].start, old[i].end, oldResults[i]);
    for (let j = 0; j < fresh.length; j++) {
      const start = windowStart + fresh[j].start;
      const end = windowStart + fresh[j].end;
      const previous = reusable.get(fresh[j].text)?.shift() ?? null;
      place(first + j, start, end, previous);
    }
    const shiftIndex = first + fresh.length - (last + 1);
    for (let i = last + 1; i < n; i++) place(i + shiftIndex, old[i].start + delta, old[i].end + delta, oldResults[i]);
    this.logChange(first, last, shiftIndex);

    this.slicesList = slices;
    this.results = results;
    this.currentText = text;
    // Documents before the window cannot be pending unless they were already.
    let stillPending = 0;
    for (let i = 0; i < first; i++) if (!results[i]) stillPending++;
    for (let i = last + 1 + shiftIndex; i < slices.length; i++) if (!results[i]) stillPending++;
    this.pendingCount = pending;
    this.scanFrom = stillPending > 0 ? 0 : first;
  }

  /** The result of document `index`, analyzed now if it was waiting. */
  resultAt(index: number, options: AnalyzeOptions): DocumentResult {
    let result = this.results[index];
    if (!result) {
      result = analyzeDocument(this.slicesList[index], options);
      this.results[index] = result;
      this.pendingCount--;
    }
    return result;
  }

  /** Analyzes up to `limit` waiting documents, in file order; returns how many it analyzed. */
  analyzeSome(options: AnalyzeOptions, limit: number): number {
    let done = 0;
    let i = this.scanFrom;
    const results = this.results;
    while (done < limit && this.pendingCount > 0 && i < results.length) {
      if (!results[i]) {
        results[i] = analyzeDocument(this.slicesList[i], options);
        this.pendingCount--;
        done++;
      }
      i++;
    }
    this.scanFrom = this.pendingCount > 0 ? i : results.length;
    return done;
  }

  /** Every document's result, analyzing those that wait. */
  fileResult(options: AnalyzeOptions): FileResult {
    if (this.pendingCount > 0) {
      this.scanFrom = 0;
      this.analyzeSome(options, Infinity);
    }
    return { text: this.currentText, documents: this.results.slice() as DocumentResult[] };
  }
}
