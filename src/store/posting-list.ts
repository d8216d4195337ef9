/**
 * A growing list of strictly ascending non-negative integers, stored as varint-encoded gaps:
 * about one byte per value when values are dense, a few when they are sparse.
 */
export class PostingList {
  count = 0;
  private bytes: Uint8Array;
  private used = 0;
  private last = -1;

  constructor(capacity = 4) {
    this.bytes = new Uint8Array(capacity);
  }

  get lastValue(): number {
    return this.last;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  push(value: number): void {
    let gap = value - this.last;
    if (!(gap >= 1) || value > 0xffffffff) {
      throw new RangeError(`posting ${value} must be above the last one (${this.last}) and below 2^32`);
    }
    if (this.used + 5 > this.bytes.length) this.grow();
    const bytes = this.bytes;
    while (gap >= 0x80) {
      bytes[this.used++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 0x80);
    }
    bytes[this.used++] = gap;
    this.last = value;
    this.count++;
  }

  cursor(): PostingCursor {
    return new PostingCursor(this.bytes, this.used);
  }

  toArray(): number[] {
    const values: number[] = [];
    const cursor = this.cursor();
    for (let value = cursor.next(); value >= 0; value = cursor.next()) values.push(value);
    return values;
  }

  /** a copy holding only the values `keep` accepts, sized to fit */
  filter(keep: (value: number) => boolean): PostingList {
    const kept = new PostingList(Math.max(4, this.used));
    const cursor = this.cursor();
    for (let value = cursor.next(); value >= 0; value = cursor.next()) if (keep(value)) kept.push(value);
    kept.trim();
    return kept;
  }

  private grow(): void {
    const bigger = new Uint8Array(Math.max(8, Math.ceil(this.bytes.length * 1.5) + 5));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }

  private trim(): void {
    if (this.bytes.length > this.used + 8) this.bytes = this.bytes.slice(0, this.used);
  }
}

/** reads a posting list in order; next() returns -1 at the end */
export class PostingCursor {
  private at = 0;
  private value = -1;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly end: number,
  ) {}

  next(): number {
    if (this.at >= this.end) return -1;
    const bytes = this.bytes;
    let byte = bytes[this.at++] as number;
    let gap = byte & 0x7f;
    let scale = 0x80;
    while (byte & 0x80) {
      byte = bytes[this.at++] as number;
      gap += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    this.value += gap;
    return this.value;
  }
}
