/** negative when slot a is older than slot b; never 0 for two different slots */
export type CompareAge = (a: number, b: number) => number;

/**
 * Slots kept in age order (oldest first in memory, so the common case, a new newest article, is a push).
 * Many slots at once are appended and sorted on the next read or settle(), instead of spliced in one by one.
 */
export class TimeOrder {
  private slots: number[] = [];
  private sorted = true;

  constructor(private readonly compare: CompareAge) {}

  get length(): number {
    return this.slots.length;
  }

  /** the slot `index` places from the newest */
  newest(index: number): number | undefined {
    this.settle();
    return this.slots[this.slots.length - 1 - index];
  }

  insertMany(slots: readonly number[]): void {
    if (!this.sorted || slots.length * 16 > this.slots.length) {
      for (const slot of slots) this.slots.push(slot);
      this.sorted = false;
      return;
    }
    for (const slot of slots) this.insert(slot);
  }

  settle(): void {
    if (this.sorted) return;
    this.slots.sort(this.compare);
    this.sorted = true;
  }

  private insert(slot: number): void {
    const list = this.slots;
    const last = list[list.length - 1];
    if (last === undefined || this.compare(last, slot) < 0) {
      list.push(slot);
      return;
    }
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(list[middle] as number, slot) < 0) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, slot);
  }

  removeWhere(gone: (slot: number) => boolean): void {
    this.slots = this.slots.filter((slot) => !gone(slot));
  }

  /** newest first */
  page(offset: number, limit: number): number[] {
    this.settle();
    const page: number[] = [];
    const end = Math.max(0, this.slots.length - offset);
    for (let i = end - 1; i >= 0 && page.length < limit; i--) page.push(this.slots[i] as number);
    return page;
  }
}

/** newest first across several orders (each slot in at most one), walking only offset + limit slots */
export function mergedPage(
  orders: readonly TimeOrder[],
  compare: CompareAge,
  offset: number,
  limit: number,
): number[] {
  if (orders.length === 1) return (orders[0] as TimeOrder).page(offset, limit);
  const next = orders.map(() => 0);
  const page: number[] = [];
  for (let taken = 0; taken < offset + limit; taken++) {
    let best = -1;
    let bestSlot = -1;
    for (let o = 0; o < orders.length; o++) {
      const slot = (orders[o] as TimeOrder).newest(next[o] as number);
      if (slot !== undefined && (best < 0 || compare(slot, bestSlot) > 0)) {
        best = o;
        bestSlot = slot;
      }
    }
    if (best < 0) break;
    next[best] = (next[best] as number) + 1;
    if (taken >= offset) page.push(bestSlot);
  }
  return page;
}
