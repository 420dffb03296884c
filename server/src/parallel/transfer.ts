import type { DocumentResult } from '../engine/analyze';
import type { DocumentSlice } from '../engine/documents';
import { Quantity } from '../engine/quantity';
import type { ResourceList } from '../engine/resources';

/**
 * What crosses the thread boundary. A result goes back without its slice
 * (the main thread has the text already: sending every document's text back
 * would double the copy), and structured cloning keeps data but not classes:
 * the only class instances in a compact result are the quantities in its
 * resource lists, which get their prototype back here.
 */

export type TransferredResult = Omit<DocumentResult, 'slice'>;

/** The documents of one chunk: the chunk's text and, per document, its index, offsets in the file and how kubectl reads it. */
export interface Chunk {
  /** File offset of `text`'s first character. */
  base: number;
  text: string;
  /** Per document: index, start, end (file offsets), 1 for JSON and 0 for YAML, the JSON value's depth or -1; flattened. */
  documents: Int32Array;
}

const FIELDS = 5;

export function chunkOf(text: string, slices: readonly DocumentSlice[]): Chunk {
  const base = slices[0].start;
  const documents = new Int32Array(slices.length * FIELDS);
  slices.forEach((slice, i) => {
    documents[i * FIELDS] = slice.index;
    documents[i * FIELDS + 1] = slice.start;
    documents[i * FIELDS + 2] = slice.end;
    documents[i * FIELDS + 3] = slice.syntax === 'json' ? 1 : 0;
    documents[i * FIELDS + 4] = slice.depth ?? -1;
  });
  return { base, text: text.slice(base, slices[slices.length - 1].end), documents };
}

/** The slices of a chunk, cut from the chunk's text. */
export function slicesOf(chunk: Chunk): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  const { base, text, documents } = chunk;
  for (let i = 0; i < documents.length; i += FIELDS) {
    const start = documents[i + 1];
    const end = documents[i + 2];
    const slice: DocumentSlice = {
      index: documents[i],
      start,
      end,
      text: text.slice(start - base, end - base),
      syntax: documents[i + 3] === 1 ? 'json' : 'yaml',
    };
    if (documents[i + 4] >= 0) slice.depth = documents[i + 4];
    slices.push(slice);
  }
  return slices;
}

export function toTransfer(result: DocumentResult): TransferredResult {
  const { isKubernetesObject, kind, findings, stops, objects } = result;
  return { isKubernetesObject, kind, findings, stops, objects };
}

function reviveList(list: ResourceList): void {
  for (const quantity of list.values()) Object.setPrototypeOf(quantity, Quantity.prototype);
}

/** The result as the engine made it: the main thread's slice, quantities that are `Quantity` again, the engine's key order. */
export function fromTransfer(transferred: TransferredResult, slice: DocumentSlice): DocumentResult {
  for (const object of transferred.objects) {
    const analysis = object.analysis;
    if (!analysis) continue;
    reviveList(analysis.totals.requests);
    reviveList(analysis.totals.limits);
    for (const container of analysis.containers) {
      reviveList(container.resources.requests);
      reviveList(container.resources.limits);
    }
  }
  const { isKubernetesObject, kind, findings, stops, objects } = transferred;
  return { slice, isKubernetesObject, kind, findings, stops, objects };
}
