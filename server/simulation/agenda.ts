/**
 * What is due when: a min-heap of actions by virtual time, ties in the order they were
 * scheduled. That order, not the timer's granularity, decides which action runs first, so a
 * run driven in big steps makes the same decisions as one driven in small steps.
 */
export interface Due<T> {
  at: number;
  seq: number;
  item: T;
}

export class Agenda<T> {
  private readonly heap: Due<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: number, item: T): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The next action due at or before `now`, removed; undefined when none is. */
  takeDue(now: number): Due<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top || top.at > now) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

const before = <T>(a: Due<T>, b: Due<T>): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
