// posting lists take their room from a few shared blocks, a slice at a time, instead of each holding an
// array that grows by copying itself: every such copy left the old array behind as a hole in the
// process's heap, which the heap keeps (tens of megabytes after a rebuild of 100,000 articles). the
// blocks live as long as the lists that use them; slices are never given back one by one.

export const BLOCK_BITS = 16;
export const BLOCK_SIZE = 1 << BLOCK_BITS;
export const BLOCK_MASK = BLOCK_SIZE - 1;
// offsets are int32: block index × BLOCK_SIZE + position
const MAX_BLOCKS = 2 ** (31 - BLOCK_BITS);

/** Bytes handed out in slices, each named by its offset; a slice never spans two blocks. */
export class SliceBlocks {
  readonly blocks: Uint8Array[] = [];
  private free = 0; // position of the first free byte in the last block

  /** a slice of `size` bytes (at most BLOCK_SIZE), zero-filled; returns its offset */
  take(size: number): number {
    if (this.blocks.length === 0 || this.free + size > BLOCK_SIZE) {
      if (this.blocks.length >= MAX_BLOCKS)
        throw new RangeError(`slice blocks are full (${MAX_BLOCKS} blocks)`);
      this.blocks.push(new Uint8Array(BLOCK_SIZE));
      this.free = 0;
    }
    const offset = (this.blocks.length - 1) * BLOCK_SIZE + this.free;
    this.free += size;
    return offset;
  }

  /** the block holding the byte at `offset` (its position there: offset & BLOCK_MASK) */
  blockOf(offset: number): Uint8Array {
    return this.blocks[offset >>> BLOCK_BITS]!;
  }

  get byteLength(): number {
    return this.blocks.length * BLOCK_SIZE;
  }
}
