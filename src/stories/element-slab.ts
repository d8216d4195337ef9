// the term sets of the reports in the clustering window are views into a few large blocks rather than
// arrays of their own: a hundred thousand small arrays, each a separate allocation freed only when the
// garbage collector got round to it, left the process's heap full of holes as reports came and went.
// a report leaving the window gives its room back, and the next set of the same size takes it, so
// the blocks are as many as the window needs at its fullest and are never freed one by one.

const BLOCK_BITS = 14;
const BLOCK_ELEMENTS = 1 << BLOCK_BITS; // 64 KB
// room is handed out in steps of this many elements, each step a size class with its own free list
const STEP = 8;
// a set this long gets an array of its own, as if there were no slab
const OWN_ARRAY_FROM = BLOCK_ELEMENTS / 8;
const EMPTY = new Uint32Array(0);

/** Hands out Uint32Arrays that are views into shared blocks, and takes their room back. */
export class ElementSlab {
  private readonly blocks: Uint32Array[] = [];
  private readonly blockOf = new Map<ArrayBufferLike, number>();
  private used = BLOCK_ELEMENTS; // elements handed out from the last block
  /** by size class: the offsets (block × BLOCK_ELEMENTS + position) of room given back */
  private readonly free: number[][] = [];

  /** room for `length` elements, zero-filled */
  take(length: number): Uint32Array {
    if (length === 0) return EMPTY;
    if (length >= OWN_ARRAY_FROM) return new Uint32Array(length);
    const size = Math.ceil(length / STEP);
    let offset = this.free[size]?.pop();
    if (offset === undefined) {
      if (this.used + size * STEP > BLOCK_ELEMENTS) this.addBlock();
      offset = (this.blocks.length - 1) * BLOCK_ELEMENTS + this.used;
      this.used += size * STEP;
    }
    const at = offset & (BLOCK_ELEMENTS - 1);
    const view = this.blocks[offset >>> BLOCK_BITS]!.subarray(at, at + length);
    view.fill(0);
    return view;
  }

  /** gives back the room of a view from take() (or of a shorter view at its start) once nothing reads
   *  it any more; anything else is ignored */
  giveBack(view: Uint32Array): void {
    const block = this.blockOf.get(view.buffer);
    if (block === undefined || view.length === 0) return;
    const size = Math.ceil(view.length / STEP);
    (this.free[size] ??= []).push(block * BLOCK_ELEMENTS + view.byteOffset / 4);
  }

  /** bytes of the blocks */
  get byteLength(): number {
    return this.blocks.length * BLOCK_ELEMENTS * 4;
  }

  private addBlock(): void {
    const block = new Uint32Array(BLOCK_ELEMENTS);
    this.blockOf.set(block.buffer, this.blocks.length);
    this.blocks.push(block);
    this.used = 0;
  }
}
