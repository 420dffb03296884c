/** The simulation's clock: actions ordered by time, then by the order they were scheduled in (a tie keeps cause before effect). */

export interface Action {
  t: number;
  seq: number;
  run: () => void;
}

/** A binary heap of actions ordered by time, then by scheduling order. */
export class ActionQueue {
  private heap: Action[] = [];
  private seq = 0;

  push(t: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ t, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  peekTime(): number | null {
    return this.heap.length > 0 ? this.heap[0].t : null;
  }

  pop(): Action | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && this.before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }

  private before(a: Action, b: Action): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
}

export function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}
