import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeDocument, type AnalyzeOptions, type DocumentResult } from '../engine/analyze';
import type { DocumentSlice } from '../engine/documents';
import { chunkOf, fromTransfer } from './transfer';
import type { ChunkRequest, ChunkResponse } from './worker';

/**
 * Analysis of many documents on worker threads. Every document is analyzed
 * on its own, so a big file splits into chunks of consecutive documents,
 * smaller toward the end, that the workers take as they go, holding two at a
 * time (a slow core, or a machine busy with other work, then gets fewer
 * chunks, and both finish together). The engine stays as it is: a worker runs
 * `analyzeDocument` and sends the compact results back by structured clone.
 *
 * Each worker loads the engine and then runs it cold (its JIT warms up on its
 * own), its results are copied back, and on a machine with two cores two busy
 * threads do not double the throughput of this allocation-heavy work. The
 * open of the 5000-object benchmark file in the server took 3.8–4.9 s on two
 * workers and 3.5–4.0 s in the server's own thread, within this VM's noise of
 * each other; but in its own thread the server's heap kept the parse garbage
 * of the whole file, about 80 MiB more peak RSS (405 against 322 MiB). The workers' heaps end with the
 * open. `POD_LENS_WORKERS` sets the number of workers (0 for none).
 */

/** Below this many characters, analyzing in the calling thread is as fast as starting workers. */
export const parallelThreshold = 4 << 20;

/** The number of worker threads for a big file: `POD_LENS_WORKERS` if set, else one per core, at most two. */
export function poolSize(): number {
  const configured = process.env.POD_LENS_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured.trim())) return Math.min(Number(configured.trim()), 8);
  return Math.min(2, availableParallelism());
}

const workerFile = path.join(__dirname, 'worker.js');

/**
 * A worker keeps one chunk's text and results at a time; everything else it
 * allocates is parse garbage, which the young generation collects. A young
 * generation of 48 MiB (16 MiB semi-spaces, V8's own maximum) made the open of
 * the 5000-object benchmark file about 10% faster than 16 MiB (4.0–4.3 s
 * against 4.5–4.9 s, interleaved runs) at the same peak RSS of the server
 * (304–309 MiB against 310–317 MiB). Larger ones gained nothing more (96 MiB: 3.4–3.6 s against 3.5–3.7 s) and
 * cost 25 MiB. A document too big for the old generation makes the worker
 * fail, and its chunk is analyzed in this thread.
 */
const workerLimits = { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 128 };

interface Slot {
  worker: Worker;
  /** Chunks sent and not answered yet. */
  inFlight: number;
}

/**
 * Chunks a worker holds at once: the one it analyzes and the next, already
 * in its port when it posts the results of the first. With one at a time, a
 * worker waited for this thread to take its results and send it more, about
 * 6% of its time during the open of the 5000-object benchmark file.
 */
const CHUNKS_IN_FLIGHT = 2;

interface Job {
  slices: readonly DocumentSlice[];
  text: string;
  options: AnalyzeOptions;
  cancelled: (() => boolean) | null;
  resolve: (results: DocumentResult[]) => void;
}

export interface PoolOptions {
  size?: number;
  /** Idle workers end after this long (their heaps are given back); the next run starts new ones. */
  idleMilliseconds?: number;
  /** Characters per chunk (default: guided, a quarter of each worker's share of what is left, 64 KiB to 2 MiB). */
  chunkCharacters?: number;
}

export class AnalysisPool {
  private readonly size: number;
  private readonly idleMs: number;
  private readonly chunkCharacters: number | null;
  private slots: Slot[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, Job>();
  private queue: Job[] = [];
  private running = 0;

  constructor(options: PoolOptions = {}) {
    this.size = options.size ?? poolSize();
    this.idleMs = options.idleMilliseconds ?? 5000;
    this.chunkCharacters = options.chunkCharacters ?? null;
  }

  /** Whether more than one thread would share the work (one worker only frees the calling thread). */
  get parallel(): boolean {
    return this.size >= 2 && this.available;
  }

  /** Whether worker threads can be used here (a bundle without the worker script cannot). */
  get available(): boolean {
    return this.size > 0 && existsSync(workerFile);
  }

  /**
   * The results of `slices` (documents of `text`), in their order. `onChunk`
   * sees each chunk's results as they arrive; `cancelled` is asked before
   * each chunk is sent, and a cancelled run resolves with what it has
   * (the rest of the array stays empty).
   */
  analyze(
    text: string,
    slices: readonly DocumentSlice[],
    options: AnalyzeOptions,
    onChunk?: (results: DocumentResult[]) => void,
    cancelled?: () => boolean,
  ): Promise<DocumentResult[]> {
    const all: DocumentResult[] = new Array(slices.length);
    if (slices.length === 0) return Promise.resolve(all);
    const chunks = this.chunkCharacters ? chunked(slices, () => this.chunkCharacters!) : chunked(slices, (left) => this.guidedLength(left));
    let left = chunks.length;
    return new Promise((resolveAll) => {
      let offset = 0;
      for (const chunk of chunks) {
        const at = offset;
        offset += chunk.length;
        this.queue.push({
          slices: chunk,
          text,
          options,
          cancelled: cancelled ?? null,
          resolve: (results) => {
            for (let i = 0; i < results.length; i++) all[at + i] = results[i];
            if (results.length > 0) onChunk?.(results);
            if (--left === 0) resolveAll(all);
          },
        });
      }
      this.pump();
    });
  }

  /**
   * Starts the workers before there is work for them: each loads the engine
   * (a tenth of a second or more) while the caller still reads the file. Left
   * without work, they end after the idle time (a second at least).
   */
  start(): void {
    if (!this.available) return;
    while (this.slots.length < this.size && this.spawn());
    if (this.running === 0 && this.queue.length === 0 && !this.idleTimer) {
      this.idleTimer = setTimeout(() => void this.close(), Math.max(this.idleMs, 1000));
      this.idleTimer.unref();
    }
  }

  /** Ends the workers (the CLI when it is done, the server on shutdown). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /**
   * Guided sizes: each chunk a share of what is left, so chunks shrink toward
   * the end and the workers finish together (with even chunks, one worker
   * finished its last one about a chunk's time before the other), large
   * enough early on that messages stay few.
   */
  private guidedLength(left: number): number {
    return Math.min(2 << 20, Math.max(64 << 10, Math.ceil(left / (Math.max(1, this.size) * 4))));
  }

  private pump(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (this.queue.length > 0) {
      const job = this.queue[0];
      if (job.cancelled?.()) {
        this.queue.shift();
        job.resolve([]);
        continue;
      }
      const slot = this.idleSlot();
      if (!slot) {
        if (this.slots.length === 0 && this.running === 0) {
          // No worker could start: the caller's thread does the work.
          this.queue.shift();
          job.resolve(job.slices.map((slice) => analyzeDocument(slice, job.options)));
          continue;
        }
        return;
      }
      this.queue.shift();
      this.send(slot, job);
    }
    if (this.running === 0 && this.slots.length > 0) {
      this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  /** An idle worker, else a new one while there are fewer than `size`, else the least loaded with room for another chunk. */
  private idleSlot(): Slot | null {
    let least: Slot | null = null;
    for (const slot of this.slots) {
      if (slot.inFlight === 0) return slot;
      if (slot.inFlight < CHUNKS_IN_FLIGHT && (!least || slot.inFlight < least.inFlight)) least = slot;
    }
    if (this.slots.length >= this.size || !this.available) return least;
    return this.spawn() ?? least;
  }

  private spawn(): Slot | null {
    try {
      const worker = new Worker(workerFile, { resourceLimits: workerLimits });
      const slot: Slot = { worker, inFlight: 0 };
      worker.unref();
      this.slots.push(slot);
      return slot;
    } catch {
      return null;
    }
  }

  private send(slot: Slot, job: Job): void {
    const id = this.nextId++;
    const request: ChunkRequest = { id, chunk: chunkOf(job.text, job.slices), options: job.options };
    slot.inFlight++;
    this.running++;
    this.waiting.set(id, job);
    const worker = slot.worker;
    // A busy worker keeps the process alive until its answer is in; an idle one does not.
    worker.ref();
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onFailure);
      this.waiting.delete(id);
      this.running--;
    };
    const onMessage = (response: ChunkResponse) => {
      if (response.id !== id) return;
      done();
      // An idle worker does not keep the process alive.
      if (--slot.inFlight === 0) worker.unref();
      job.resolve(response.results.map((result, i) => fromTransfer(result, job.slices[i])));
      this.pump();
    };
    // A worker that dies (out of memory, a crash) is dropped; its chunk is analyzed here instead.
    const onFailure = () => {
      done();
      this.slots = this.slots.filter((s) => s !== slot);
      void worker.terminate();
      job.resolve(job.slices.map((slice) => analyzeDocument(slice, job.options)));
      this.pump();
    };
    worker.on('message', onMessage);
    worker.once('error', onFailure);
    worker.once('exit', onFailure);
    worker.postMessage(request);
  }
}

/** Consecutive documents in chunks of about `length(characters left)` characters. */
function chunked(slices: readonly DocumentSlice[], length: (left: number) => number): DocumentSlice[][] {
  const chunks: DocumentSlice[][] = [];
  let left = slices[slices.length - 1].end - slices[0].start;
  let current: DocumentSlice[] = [];
  let size = 0;
  let target = length(left);
  for (const slice of slices) {
    current.push(slice);
    size += slice.end - slice.start;
    if (size >= target) {
      chunks.push(current);
      left -= size;
      current = [];
      size = 0;
      target = length(left);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
