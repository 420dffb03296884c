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

/** The documents of one chunk: the chunk's text and, per document, its index and offsets in the file. */
export interface Chunk {
  /** File offset of `text`'s first character. */
  base: number;
  text: string;
  /** Per document: index, start, end (file offsets), flattened. */
  documents: Int32Array;
}

export function chunkOf(text: string, slices: readonly DocumentSlice[]): Chunk {
  const base = slices[0].start;
  const documents = new Int32Array(slices.length * 3);
  slices.forEach((slice, i) => {
    documents[i * 3] = slice.index;
    documents[i * 3 + 1] = slice.start;
    documents[i * 3 + 2] = slice.end;
  });
  return { base, text: text.slice(base, slices[slices.length - 1].end), documents };
}

/** The slices of a chunk, cut from the chunk's text. */
export function slicesOf(chunk: Chunk): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  const { base, text, documents } = chunk;
  for (let i = 0; i < documents.length; i += 3) {
    const start = documents[i + 1];
    const end = documents[i + 2];
    slices.push({ index: documents[i], start, end, text: text.slice(start - base, end - base) });
  }
  return slices;
}

export function toTransfer(result: DocumentResult): TransferredResult {
  const { isKubernetesObject, kind, findings, object } = result;
  return { isKubernetesObject, kind, findings, object };
}

function reviveList(list: ResourceList): void {
  for (const quantity of list.values()) Object.setPrototypeOf(quantity, Quantity.prototype);
}

/** The result as the engine made it: the main thread's slice, quantities that are `Quantity` again, the engine's key order. */
export function fromTransfer(transferred: TransferredResult, slice: DocumentSlice): DocumentResult {
  const analysis = transferred.object?.analysis;
  if (analysis) {
    reviveList(analysis.totals.requests);
    reviveList(analysis.totals.limits);
    for (const container of analysis.containers) {
      reviveList(container.resources.requests);
      reviveList(container.resources.limits);
    }
  }
  return { slice, isKubernetesObject: transferred.isKubernetesObject, kind: transferred.kind, findings: transferred.findings, object: transferred.object };
}
