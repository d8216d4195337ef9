/**
 * The articles holding one word: postings (slot × 2 + 1 when the word is in the title or summary,
 * slot × 2 otherwise) in ascending order, stored as varint-encoded gaps, about one byte a posting
 * when the word is common. Decoding is written out inline in the loops: they run on every search.
 */
export class PostingList {
  count = 0;
  /** the first slot pushed (-1 while empty) */
  firstSlot = -1;
  private bytes: Uint8Array;
  private used = 0;
  private last = -1;

  constructor(capacity = 4) {
    this.bytes = new Uint8Array(capacity);
  }

  get lastSlot(): number {
    return this.last >>> 1;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  get usedBytes(): number {
    return this.used;
  }

  push(slot: number, inTitleOrSummary: boolean): void {
    const posting = slot * 2 + (inTitleOrSummary ? 1 : 0);
    let gap = posting - this.last;
    if (!(gap >= 1) || posting > 0x7fffffff) {
      throw new RangeError(`slot ${slot} must be above the last one (${this.lastSlot}) and below 2^30`);
    }
    if (this.used + 5 > this.bytes.length) this.grow();
    const bytes = this.bytes;
    while (gap >= 0x80) {
      bytes[this.used++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    bytes[this.used++] = gap;
    if (this.count === 0) this.firstSlot = slot;
    this.last = posting;
    this.count++;
  }

  /** writes every slot and its title/summary flag; returns how many */
  readInto(slots: Int32Array, flags: Uint8Array): number {
    const bytes = this.bytes;
    const end = this.used;
    let at = 0;
    let posting = -1;
    let length = 0;
    while (at < end) {
      let byte = bytes[at++] as number;
      let gap = byte & 0x7f;
      for (let shift = 7; byte & 0x80; shift += 7) {
        byte = bytes[at++] as number;
        gap |= (byte & 0x7f) << shift;
      }
      posting += gap;
      slots[length] = posting >>> 1;
      flags[length++] = posting & 1;
    }
    return length;
  }

  /** keeps in slots[0 .. length) those this list holds too (flags and-ed); returns how many are left */
  intersectInto(slots: Int32Array, flags: Uint8Array, length: number): number {
    const bytes = this.bytes;
    const end = this.used;
    let at = 0;
    let posting = -1;
    let kept = 0;
    let i = 0;
    while (i < length && at < end) {
      let byte = bytes[at++] as number;
      let gap = byte & 0x7f;
      for (let shift = 7; byte & 0x80; shift += 7) {
        byte = bytes[at++] as number;
        gap |= (byte & 0x7f) << shift;
      }
      posting += gap;
      const slot = posting >>> 1;
      while (i < length && (slots[i] as number) < slot) i++;
      if (i < length && slots[i] === slot) {
        slots[kept] = slot;
        flags[kept++] = (flags[i] as number) & posting & 1;
        i++;
      }
    }
    return kept;
  }

  /** gives back the room kept for growth (after a rebuild, when most lists are complete) */
  trim(): void {
    if (this.bytes.length > this.used + 4) this.bytes = this.bytes.slice(0, this.used);
  }

  private grow(): void {
    const bigger = new Uint8Array(Math.max(8, Math.ceil(this.bytes.length * 1.5) + 5));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }
}
