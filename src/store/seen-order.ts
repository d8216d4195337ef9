/**
 * Slots ordered by when their article was first seen (then by slot), for "what arrived between two
 * times". Articles are added as they are first seen, so the common case is a push; the load at start
 * appends in any order and sorts once on settle() or the next read.
 */
export class SeenOrder {
  private slots: number[] = [];
  private sorted = true;

  constructor(private readonly seenOf: (slot: number) => number) {}

  private readonly compare = (a: number, b: number): number => this.seenOf(a) - this.seenOf(b) || a - b;

  get length(): number {
    return this.slots.length;
  }

  insertMany(slots: readonly number[]): void {
    for (const slot of slots) {
      const last = this.slots[this.slots.length - 1];
      if (this.sorted && last !== undefined && this.compare(last, slot) > 0) {
        if (slots.length * 16 > this.slots.length) this.sorted = false;
        else {
          this.slots.splice(
            this.lowerBound((s) => this.compare(s, slot) < 0),
            0,
            slot,
          );
          continue;
        }
      }
      this.slots.push(slot);
    }
  }

  settle(): void {
    if (this.sorted) return;
    this.slots.sort(this.compare);
    this.sorted = true;
  }

  removeWhere(gone: (slot: number) => boolean): void {
    this.slots = this.slots.filter((slot) => !gone(slot));
  }

  /** slots first seen in [from, to), oldest first, at most `limit` */
  between(from: number, to: number, limit = Infinity): number[] {
    this.settle();
    const found: number[] = [];
    for (let i = this.lowerBound((slot) => this.seenOf(slot) < from); i < this.slots.length; i++) {
      if (found.length >= limit) break;
      const slot = this.slots[i] as number;
      if (this.seenOf(slot) >= to) break;
      found.push(slot);
    }
    return found;
  }

  /** how many slots were first seen in [from, to) */
  countBetween(from: number, to: number): number {
    if (!(to > from)) return 0;
    this.settle();
    const start = this.lowerBound((slot) => this.seenOf(slot) < from);
    const end = this.lowerBound((slot) => this.seenOf(slot) < to);
    return Math.max(0, end - start);
  }

  // the first index whose slot is not `before`; `before` holds for a prefix of the order
  private lowerBound(before: (slot: number) => boolean): number {
    let low = 0;
    let high = this.slots.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.slots[middle] as number)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
