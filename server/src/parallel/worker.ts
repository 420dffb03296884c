import { parentPort } from 'node:worker_threads';
import { analyzeDocument, type AnalyzeOptions } from '../engine/analyze';
import { type Chunk, slicesOf, toTransfer, type TransferredResult } from './transfer';
import { useEnvironmentSnapshot } from '../runtime/environment';

useEnvironmentSnapshot();

/** A pool worker: analyzes the documents of one chunk at a time and sends their compact results back. */

export interface ChunkRequest {
  id: number;
  chunk: Chunk;
  options: AnalyzeOptions;
}

export interface ChunkResponse {
  id: number;
  results: TransferredResult[];
}

parentPort?.on('message', (request: ChunkRequest) => {
  const results = slicesOf(request.chunk).map((slice) => toTransfer(analyzeDocument(slice, request.options)));
  parentPort!.postMessage({ id: request.id, results } satisfies ChunkResponse);
});
