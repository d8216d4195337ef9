const MINUTE = 60_000;

/**
 * Chats by their next due instant, in per-minute buckets (ticks come once a minute): scheduling,
 * cancelling and popping a chat are each a few map operations, and a tick costs nothing for the
 * chats not due. Only the distinct minutes are kept in order (a small min-heap).
 */
export class DueQueue {
  private readonly dueOf = new Map<string, number>();
  private readonly buckets = new Map<number, Set<string>>();
  private readonly minutes: number[] = [];

  get size(): number {
    return this.dueOf.size;
  }

  dueAt(target: string): number | undefined {
    return this.dueOf.get(target);
  }

  schedule(target: string, due: number): void {
    this.cancel(target);
    this.dueOf.set(target, due);
    const minute = Math.ceil(due / MINUTE);
    let bucket = this.buckets.get(minute);
    if (!bucket) {
      this.buckets.set(minute, (bucket = new Set()));
      this.push(minute);
    }
    bucket.add(target);
  }

  cancel(target: string): void {
    const due = this.dueOf.get(target);
    if (due === undefined) return;
    this.dueOf.delete(target);
    this.buckets.get(Math.ceil(due / MINUTE))?.delete(target); // an emptied bucket goes when its minute comes
  }

  /** removes and returns the chats due at or before `now`, earliest minute first */
  popDue(now: number): { target: string; due: number }[] {
    const due: { target: string; due: number }[] = [];
    const last = Math.floor(now / MINUTE);
    for (let minute = this.minutes[0]; minute !== undefined && minute <= last; minute = this.minutes[0]) {
      this.pop();
      const bucket = this.buckets.get(minute);
      this.buckets.delete(minute);
      for (const target of bucket ?? []) {
        const at = this.dueOf.get(target) as number;
        this.dueOf.delete(target);
        due.push({ target, due: at });
      }
    }
    return due;
  }

  private push(minute: number): void {
    const heap = this.minutes;
    heap.push(minute);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as number) <= minute) break;
      heap[i] = heap[parent] as number;
      heap[parent] = minute;
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.minutes;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < heap.length && (heap[left] as number) < (heap[first] as number)) first = left;
      if (right < heap.length && (heap[right] as number) < (heap[first] as number)) first = right;
      if (first === i) return;
      [heap[i], heap[first]] = [heap[first] as number, heap[i] as number];
      i = first;
    }
  }
}
