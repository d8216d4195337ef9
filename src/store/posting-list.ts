import { BLOCK_MASK, SliceBlocks } from './slice-blocks.js';

// a list's slices double from the first size up to the last, then stay there: a rare word takes a
// few bytes, a common one wastes at most one slice's end
const FIRST_SLICE = 16;
const LAST_SLICE = 256;
// a slice ends with the offset of the next one
const LINK = 4;

/**
 * The articles holding one word: postings (slot × 2 + 1 when the word is in the title or summary,
 * slot × 2 otherwise) in ascending order, stored as varint-encoded gaps, about one byte a posting
 * when the word is common. The bytes are a chain of slices from shared blocks (SliceBlocks): the
 * list grows by linking a new slice, never by copying itself. A posting never straddles two slices:
 * the bytes a slice leaves unused are zero, and no varint starts with a zero byte (a gap is at least
 * one). Decoding is written out inline in the loops: they run on every search.
 */
export class PostingList {
  count = 0;
  /** the first slot pushed (-1 while empty) */
  firstSlot = -1;
  private last = -1;
  private readonly head: number;
  private tail: number;
  private tailSize = FIRST_SLICE;
  /** offset of the next byte to write, in the tail slice */
  private end: number;
  private used = 0;
  private held = FIRST_SLICE;

  constructor(private readonly blocks: SliceBlocks = new SliceBlocks()) {
    this.head = this.tail = this.end = blocks.take(FIRST_SLICE);
  }

  get lastSlot(): number {
    return this.last >>> 1;
  }

  /** bytes of the slices held */
  get byteLength(): number {
    return this.held;
  }

  /** bytes of the postings */
  get usedBytes(): number {
    return this.used;
  }

  push(slot: number, inTitleOrSummary: boolean): void {
    const posting = slot * 2 + (inTitleOrSummary ? 1 : 0);
    let gap = posting - this.last;
    if (!(gap >= 1) || posting > 0x7fffffff) {
      throw new RangeError(`slot ${slot} must be above the last one (${this.lastSlot}) and below 2^30`);
    }
    const size = varintLength(gap);
    if (this.end + size > this.tail + this.tailSize - LINK) this.link();
    const bytes = this.blocks.blockOf(this.end);
    let at = this.end & BLOCK_MASK;
    while (gap >= 0x80) {
      bytes[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    bytes[at] = gap;
    this.end += size;
    this.used += size;
    if (this.count === 0) this.firstSlot = slot;
    this.last = posting;
    this.count++;
  }

  /** writes every slot and its title/summary flag; returns how many */
  readInto(slots: Int32Array, flags: Uint8Array): number {
    let posting = -1;
    let length = 0;
    for (let slice = this.head, size = FIRST_SLICE; ; size = Math.min(size * 2, LAST_SLICE)) {
      const bytes = this.blocks.blockOf(slice);
      const start = slice & BLOCK_MASK;
      const isTail = slice === this.tail;
      const end = start + (isTail ? this.end - slice : size - LINK);
      let at = start;
      while (at < end) {
        let byte = bytes[at++] as number;
        if (byte === 0) break; // the rest of the slice is unused
        let gap = byte & 0x7f;
        for (let shift = 7; byte & 0x80; shift += 7) {
          byte = bytes[at++] as number;
          gap |= (byte & 0x7f) << shift;
        }
        posting += gap;
        slots[length] = posting >>> 1;
        flags[length++] = posting & 1;
      }
      if (isTail) return length;
      slice = linkAt(bytes, start + size - LINK);
    }
  }

  /** keeps in slots[0 .. length) those this list holds too (flags and-ed); returns how many are left */
  intersectInto(slots: Int32Array, flags: Uint8Array, length: number): number {
    let posting = -1;
    let kept = 0;
    let i = 0;
    for (let slice = this.head, size = FIRST_SLICE; i < length; size = Math.min(size * 2, LAST_SLICE)) {
      const bytes = this.blocks.blockOf(slice);
      const start = slice & BLOCK_MASK;
      const isTail = slice === this.tail;
      const end = start + (isTail ? this.end - slice : size - LINK);
      let at = start;
      while (i < length && at < end) {
        let byte = bytes[at++] as number;
        if (byte === 0) break; // the rest of the slice is unused
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
      if (isTail) break;
      slice = linkAt(bytes, start + size - LINK);
    }
    return kept;
  }

  // a new tail slice, its offset written at the end of the old one
  private link(): void {
    const size = Math.min(this.tailSize * 2, LAST_SLICE);
    const slice = this.blocks.take(size);
    const bytes = this.blocks.blockOf(this.tail);
    const at = (this.tail & BLOCK_MASK) + this.tailSize - LINK;
    bytes[at] = slice & 0xff;
    bytes[at + 1] = (slice >>> 8) & 0xff;
    bytes[at + 2] = (slice >>> 16) & 0xff;
    bytes[at + 3] = slice >>> 24;
    this.tail = this.end = slice;
    this.tailSize = size;
    this.held += size;
  }
}

/** bytes a gap takes as a varint (seven bits a byte) */
export function varintLength(gap: number): number {
  return gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5;
}

function linkAt(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) |
    ((bytes[at + 1] as number) << 8) |
    ((bytes[at + 2] as number) << 16) |
    ((bytes[at + 3] as number) << 24)
  );
}
