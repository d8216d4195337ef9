/**
 * The articles holding a common word, as two bit sets over slots from `base` on: one bit for "holds
 * the word", one for "in the title or summary". A word in more than about one article in five costs
 * less this way than as varint gaps (two bits a slot against about a byte a posting), and a search
 * tests an article's bit at once instead of decoding the whole list: "kabul said" reads the few Kabul
 * articles and looks each up here.
 */
export class DensePostingList {
  count = 0;
  private last = -1;
  private words: Uint32Array;
  private titled: Uint32Array;

  /** `base`: the first slot it may hold, rounded down to a multiple of 32 */
  constructor(
    private readonly base: number,
    capacitySlots = 1024,
  ) {
    if (base % 32 !== 0) throw new RangeError(`base ${base} must be a multiple of 32`);
    this.words = new Uint32Array(Math.ceil(capacitySlots / 32));
    this.titled = new Uint32Array(this.words.length);
  }

  get lastSlot(): number {
    return this.last;
  }

  get byteLength(): number {
    return this.words.byteLength * 2;
  }

  push(slot: number, inTitleOrSummary: boolean): void {
    if (!(slot > this.last) || slot < this.base) {
      throw new RangeError(`slot ${slot} must be above the last one (${this.last}) and from ${this.base} on`);
    }
    const at = slot - this.base;
    const word = at >>> 5;
    if (word >= this.words.length) this.grow(word + 1);
    const bit = 1 << (at & 31);
    this.words[word]! |= bit;
    if (inTitleOrSummary) this.titled[word]! |= bit;
    this.last = slot;
    this.count++;
  }

  /** whether the slot is here, and then (2) whether in the title or summary: 0, 1 or 3 */
  flagsOf(slot: number): number {
    const at = slot - this.base;
    if (at < 0) return 0;
    const word = at >>> 5;
    if (word >= this.words.length) return 0;
    const shift = at & 31;
    return ((this.words[word]! >>> shift) & 1) | (((this.titled[word]! >>> shift) & 1) << 1);
  }

  /** writes every slot, ascending, and its title/summary flag; returns how many */
  readInto(slots: Int32Array, flags: Uint8Array): number {
    return this.readAndInto([], slots, flags);
  }

  /** readInto for the slots that every one of `others` holds too (flags and-ed): the bit sets are
   *  and-ed a word at a time, so a search for two common words never looks at slots one by one */
  readAndInto(others: readonly DensePostingList[], slots: Int32Array, flags: Uint8Array): number {
    const { words, titled, base } = this;
    let length = 0;
    for (let w = 0; w < words.length; w++) {
      let bits = words[w]!;
      let inTitle = titled[w]!;
      for (let o = 0; o < others.length && bits !== 0; o++) {
        const other = others[o]!;
        const at = w + ((base - other.base) >> 5);
        bits &= other.words[at] ?? 0;
        inTitle &= other.titled[at] ?? 0;
      }
      while (bits !== 0) {
        const lowest = bits & -bits;
        const shift = 31 - Math.clz32(lowest);
        slots[length] = base + w * 32 + shift;
        flags[length++] = (inTitle >>> shift) & 1;
        bits ^= lowest;
      }
    }
    return length;
  }

  /** keeps in slots[0 .. length) those this list holds too (flags and-ed); returns how many are left */
  intersectInto(slots: Int32Array, flags: Uint8Array, length: number): number {
    let kept = 0;
    for (let i = 0; i < length; i++) {
      const slot = slots[i]!;
      const here = this.flagsOf(slot);
      if (here === 0) continue;
      slots[kept] = slot;
      flags[kept++] = flags[i]! & (here >>> 1);
    }
    return kept;
  }

  /** gives back the room kept for growth */
  trim(): void {
    const used = this.last < 0 ? 0 : ((this.last - this.base) >>> 5) + 1;
    if (this.words.length > used + 8) {
      this.words = this.words.slice(0, used);
      this.titled = this.titled.slice(0, used);
    }
  }

  private grow(minimum: number): void {
    const size = Math.max(minimum, Math.ceil(this.words.length * 1.5));
    const words = new Uint32Array(size);
    const titled = new Uint32Array(size);
    words.set(this.words);
    titled.set(this.titled);
    this.words = words;
    this.titled = titled;
  }
}
