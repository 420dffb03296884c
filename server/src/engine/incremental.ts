import { documentIndexAt, type DocumentSlice, type FileFrame, frameDocuments } from './documents';
import { analyzeDocumentDetail, analyzeText, fileReading, summarizeDocument } from './analyze';
import { type AnalyzeOptions, type DocumentDetail, type DocumentResult, type FileReading, type FileResult } from './results';

/**
 * Re-analyzes a new version of a text, reusing the results of the documents
 * outside the one region where the two texts differ.
 */
export function reanalyze(previous: FileResult | null, text: string, options: AnalyzeOptions): FileResult {
  if (!previous) return analyzeText(text, options);
  const documents = new IncrementalDocuments(previous.text, previous.documents, previous.reading);
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
 * be analyzed. An edit frames the new text again (kubectl's framing is one
 * `indexOf` pass over a YAML file, or one scan of a JSON stream: milliseconds
 * for 12 MB) and keeps the results of the documents it did not touch: those
 * wholly before the edit that kept their offsets, and those wholly after it
 * that moved by the edit's length; the documents between whose text did not
 * change keep theirs too. Framing the whole text, not a window around the
 * edit, is what makes a document's place exact when an edit decides how
 * kubectl reads the rest of the file (the first `{` of a JSON stream, an
 * unclosed JSON string, a bad `---` line).
 */
export class IncrementalDocuments {
  private slicesList: DocumentSlice[];
  private results: (DocumentResult | null)[];
  private pendingCount: number;
  private readingOfText: FileReading;
  /** No document before this index waits to be analyzed. */
  private scanFrom = 0;
  /**
   * The windows of the last edits, oldest first, so that a result computed
   * elsewhere for an older generation (a worker thread) can still find its
   * document: see `mapIndex`.
   */
  private changeLog: { first: number; last: number; shift: number }[] = [];
  private droppedChanges = 0;
  /**
   * Told of the detail (the syntax tree, the model, the numbers) of every
   * document analyzed here, which the compact result drops: a caller that
   * keeps a few (the language server's `DetailCache`) answers a hover on the
   * document just edited without parsing it again.
   */
  keepDetail: ((detail: DocumentDetail, result: DocumentResult) => void) | null = null;

  constructor(
    private currentText: string,
    previous?: readonly DocumentResult[],
    reading?: FileReading,
  ) {
    if (previous && reading) {
      this.slicesList = previous.map((result) => result.slice);
      this.results = [...previous];
      this.pendingCount = 0;
      this.readingOfText = reading;
    } else {
      const frame = frameDocuments(currentText);
      this.slicesList = frame.slices;
      this.results = new Array<DocumentResult | null>(this.slicesList.length).fill(null);
      this.pendingCount = this.slicesList.length;
      this.readingOfText = fileReading(frame);
    }
  }

  get text(): string {
    return this.currentText;
  }

  get slices(): readonly DocumentSlice[] {
    return this.slicesList;
  }

  /** What kubectl's reading of the whole current text says beyond its documents. */
  get reading(): FileReading {
    return this.readingOfText;
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
    this.adoptFrame(text, change, frameDocuments(text));
  }

  /** Takes the frame of the new text: results of documents the change did not touch are kept. */
  private adoptFrame(text: string, change: TextChange, frame: FileFrame): void {
    const old = this.slicesList;
    const oldResults = this.results;
    const fresh = frame.slices;
    const delta = change.newEnd - change.end;
    const same = (a: DocumentSlice, b: DocumentSlice, shift: number) =>
      a.start + shift === b.start && a.end + shift === b.end && a.syntax === b.syntax && a.depth === b.depth;
    // Documents wholly before the change that kept their place, and wholly after it that moved by its length:
    // their text is the same, and so is their result.
    let first = 0;
    while (first < old.length && first < fresh.length && old[first].end <= change.start && same(old[first], fresh[first], 0)) first++;
    let tail = 0;
    while (
      tail < old.length - first &&
      tail < fresh.length - first &&
      old[old.length - 1 - tail].start >= change.end &&
      same(old[old.length - 1 - tail], fresh[fresh.length - 1 - tail], delta)
    ) {
      tail++;
    }
    const last = old.length - 1 - tail;
    const freshLast = fresh.length - 1 - tail;

    // Documents between whose text is unchanged keep their results.
    const reusable = new Map<string, DocumentResult[]>();
    for (let i = first; i <= last; i++) {
      const result = oldResults[i];
      if (!result) continue;
      const key = `${result.slice.syntax}${result.slice.depth ?? ''}:${result.slice.text}`;
      const list = reusable.get(key);
      if (list) list.push(result);
      else reusable.set(key, [result]);
    }

    const results: (DocumentResult | null)[] = new Array(fresh.length);
    let pending = 0;
    // Every result points at a slice cut from the new text, so that none keeps an older version of the whole text alive.
    const place = (at: number, previous: DocumentResult | null) => {
      const slice = fresh[at];
      results[at] = previous ? (previous.slice === slice ? previous : { ...previous, slice }) : null;
      if (!previous) pending++;
    };
    for (let i = 0; i < first; i++) place(i, oldResults[i]);
    for (let j = first; j <= freshLast; j++) {
      const slice = fresh[j];
      place(j, reusable.get(`${slice.syntax}${slice.depth ?? ''}:${slice.text}`)?.shift() ?? null);
    }
    const shiftIndex = fresh.length - old.length;
    for (let i = last + 1; i < old.length; i++) place(i + shiftIndex, oldResults[i]);
    this.logChange(first, last, shiftIndex);

    this.slicesList = fresh;
    this.results = results;
    this.currentText = text;
    this.readingOfText = fileReading(frame);
    // Documents outside the changed range cannot be pending unless they were already.
    let stillPending = 0;
    for (let i = 0; i < first; i++) if (!results[i]) stillPending++;
    for (let i = last + 1 + shiftIndex; i < fresh.length; i++) if (!results[i]) stillPending++;
    this.pendingCount = pending;
    this.scanFrom = stillPending > 0 ? 0 : first;
  }

  /** The result of document `index`, analyzed now if it was waiting. */
  resultAt(index: number, options: AnalyzeOptions): DocumentResult {
    let result = this.results[index];
    if (!result) {
      result = this.analyze(this.slicesList[index], options);
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
        results[i] = this.analyze(this.slicesList[i], options);
        this.pendingCount--;
        done++;
      }
      i++;
    }
    this.scanFrom = this.pendingCount > 0 ? i : results.length;
    return done;
  }

  /** `analyzeDocument`, with the detail handed to `keepDetail` on the way. */
  private analyze(slice: DocumentSlice, options: AnalyzeOptions): DocumentResult {
    const detail = analyzeDocumentDetail(slice, options);
    const result = summarizeDocument(detail);
    this.keepDetail?.(detail, result);
    return result;
  }

  /** Every document's result, analyzing those that wait. */
  fileResult(options: AnalyzeOptions): FileResult {
    if (this.pendingCount > 0) {
      this.scanFrom = 0;
      this.analyzeSome(options, Infinity);
    }
    return { text: this.currentText, documents: this.results.slice() as DocumentResult[], reading: this.readingOfText };
  }
}
