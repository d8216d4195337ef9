// how many reports of each language hold each term, so the signature can leave out the terms that
// half the news shares ("afghanistan", "taliban"): they make every report a candidate of every other.

// keys kept to 30 bits so the Map holds small integers
const KEY_MASK = 0x3fffffff;

export class TermCounts {
  private readonly counts = new Map<number, number>();
  private readonly reports = new Map<number, number>();
  // what rare() returns: one array reused, not a new one for every report
  private kept = new Uint32Array(64);

  constructor(
    private readonly share: number,
    private readonly minimum: number,
  ) {}

  /** counts (or, with -1, uncounts) a report's terms: its even elements (odd ones are twins) */
  update(elements: Uint32Array, languageHash: number, delta: 1 | -1): void {
    this.reports.set(languageHash, (this.reports.get(languageHash) ?? 0) + delta);
    for (const element of elements) {
      if (element & 1) continue;
      const key = keyOf(element, languageHash);
      const count = (this.counts.get(key) ?? 0) + delta;
      if (count > 0) this.counts.set(key, count);
      else this.counts.delete(key);
    }
  }

  /** the elements whose term is not frequent in the language; all of them if fewer than `least` remain.
   *  What it returns may be overwritten by the next call: read it first. */
  rare(elements: Uint32Array, languageHash: number, least: number): Uint32Array {
    const limit = Math.max(this.minimum, this.share * (this.reports.get(languageHash) ?? 0));
    if (this.kept.length < elements.length) this.kept = new Uint32Array(elements.length * 2);
    const kept = this.kept;
    let length = 0;
    for (const element of elements) {
      if ((this.counts.get(keyOf(element & ~1, languageHash)) ?? 0) <= limit) kept[length++] = element;
    }
    return length >= least ? kept.subarray(0, length) : elements;
  }
}

function keyOf(element: number, languageHash: number): number {
  return ((element >>> 1) ^ languageHash) & KEY_MASK;
}
