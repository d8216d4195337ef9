// lsh banding: a signature cut into bands of `rows` values; two reports that agree on a whole band
// land in the same bucket, so similar reports meet without scanning the window. buckets are keyed by
// time slot too (slot = time / window): a lookup reads only the slots a window can reach.
// storage is typed arrays, not Maps (a Map entry costs ~40 bytes, this ~24): an open-addressing table
// from bucket key to its newest node, and each node (item × band) linked both ways in its bucket, so a
// report leaves in constant time however full its bucket. a bucket left empty leaves the table at once
// (its key, with a time slot in it, never comes back), so the table holds live buckets only and is
// reallocated only to grow: rebuilding it each time dead keys piled up allocated megabytes a time, and
// those freed blocks left holes in the process's heap. a lookup reads at most `maxPerBucket` of a
// bucket's newest nodes: an outlet's templated headlines ("Exchange rates for …") share every bucket,
// and reading them all would make each new report cost as much as the window is long.
import { mix32 } from './min-hash.js';

const KEY_MASK = 0x3fffffff;
const NONE = -1;
const MAX_LOAD = 0.75;
// a table grown leaves it this full: the table is a good part of the window's memory
const GROWN_LOAD = 0.55;

export class LshBuckets {
  /** bucket key + 1; 0 marks a free cell */
  private keys = new Int32Array(1024);
  private heads = new Int32Array(1024).fill(NONE);
  /** cells holding a key: buckets with at least one node */
  private used = 0;
  private next = new Int32Array(0);
  private prev = new Int32Array(0);

  constructor(
    readonly bands: number,
    readonly rows: number,
    readonly maxPerBucket = 32,
  ) {}

  /** One hash per band of a signature, salted with the language so languages never share a bucket. */
  bandHashes(signature: Uint32Array, languageHash: number, into: Int32Array, offset: number): void {
    for (let band = 0; band < this.bands; band++) {
      let h = languageHash;
      for (let row = 0; row < this.rows; row++) h = mix32(h ^ signature[band * this.rows + row]!);
      into[offset + band] = h | 0;
    }
  }

  /** makes room for items numbered below `items`, and their buckets (one a node at most) */
  reserve(items: number): void {
    const nodes = items * this.bands;
    if (nodes > this.next.length) {
      this.next = grown(this.next, nodes);
      this.prev = grown(this.prev, nodes);
    }
    const capacity = Math.ceil(nodes / MAX_LOAD) + 1;
    if (capacity > this.keys.length) this.rebuild(capacity);
  }

  add(item: number, hashes: Int32Array, offset: number, timeSlot: number): void {
    const last = (item + 1) * this.bands;
    if (last > this.next.length) {
      const size = Math.max(last, Math.ceil(this.next.length * 1.5));
      this.next = grown(this.next, size);
      this.prev = grown(this.prev, size);
    }
    for (let band = 0; band < this.bands; band++) {
      const key = bucketKey(hashes[offset + band]!, band, timeSlot);
      let cell = this.find(key);
      if (this.keys[cell] === 0) {
        if (this.used + 1 > MAX_LOAD * this.keys.length) {
          this.rebuild(Math.ceil((this.used + 1) / GROWN_LOAD));
          cell = this.find(key);
        }
        this.keys[cell] = key + 1;
        this.heads[cell] = NONE;
        this.used++;
      }
      const node = item * this.bands + band;
      const head = this.heads[cell]!;
      this.next[node] = head;
      this.prev[node] = NONE;
      if (head !== NONE) this.prev[head] = node;
      this.heads[cell] = node;
    }
  }

  delete(item: number, hashes: Int32Array, offset: number, timeSlot: number): void {
    for (let band = 0; band < this.bands; band++) {
      const cell = this.find(bucketKey(hashes[offset + band]!, band, timeSlot));
      const node = item * this.bands + band;
      if (this.keys[cell] === 0 || node >= this.next.length) continue;
      const before = this.prev[node]!;
      const after = this.next[node]!;
      if (before === NONE && this.heads[cell] !== node) continue; // not in this bucket
      if (before === NONE) this.heads[cell] = after;
      else this.next[before] = after;
      if (after !== NONE) this.prev[after] = before;
      this.prev[node] = NONE;
      this.next[node] = NONE;
      if (this.heads[cell] === NONE) this.empty(cell);
    }
  }

  /** buckets holding at least one item */
  get bucketCount(): number {
    return this.used;
  }

  /** cells of the table: it grows with the buckets held at once, never with the buckets ever made */
  get capacity(): number {
    return this.keys.length;
  }

  /** Calls `visit` for the items sharing a band with these hashes in one of the time slots (repeats
   *  included), at most maxPerBucket of each bucket, the last added first. */
  forEachCandidate(
    hashes: Int32Array,
    offset: number,
    timeSlots: readonly number[],
    visit: (item: number) => void,
  ): void {
    for (let band = 0; band < this.bands; band++) {
      for (const timeSlot of timeSlots) {
        const cell = this.find(bucketKey(hashes[offset + band]!, band, timeSlot));
        if (this.keys[cell] === 0) continue;
        let left = this.maxPerBucket;
        for (let node = this.heads[cell]!; node !== NONE && left-- > 0; node = this.next[node]!) {
          visit((node / this.bands) | 0);
        }
      }
    }
  }

  // the key's cell, or the free cell where it would go (linear probing)
  private find(key: number): number {
    const capacity = this.keys.length;
    let cell = mix32(key) % capacity;
    const stored = key + 1;
    while (this.keys[cell] !== 0 && this.keys[cell] !== stored) cell = nextCell(cell, capacity);
    return cell;
  }

  // frees a cell, moving back the cells after it in its probe run that may stand there, so that every
  // key stays reachable from its home cell with no marker left behind (backward-shift deletion)
  private empty(cell: number): void {
    const { keys, heads } = this;
    const capacity = keys.length;
    let hole = cell;
    for (let at = nextCell(cell, capacity); keys[at] !== 0; at = nextCell(at, capacity)) {
      const home = mix32(keys[at]! - 1) % capacity;
      // the key at `at` must stay when its home lies cyclically in (hole, at]
      const stays = hole <= at ? hole < home && home <= at : hole < home || home <= at;
      if (stays) continue;
      keys[hole] = keys[at]!;
      heads[hole] = heads[at]!;
      hole = at;
    }
    keys[hole] = 0;
    heads[hole] = NONE;
    this.used--;
  }

  // a larger table for the buckets held
  private rebuild(capacity: number): void {
    const { keys, heads } = this;
    this.keys = new Int32Array(capacity);
    this.heads = new Int32Array(capacity).fill(NONE);
    for (let cell = 0; cell < keys.length; cell++) {
      if (keys[cell] === 0) continue;
      const target = this.find(keys[cell]! - 1);
      this.keys[target] = keys[cell]!;
      this.heads[target] = heads[cell]!;
    }
  }
}

const nextCell = (cell: number, capacity: number): number => (cell + 1 === capacity ? 0 : cell + 1);

function grown(from: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(size);
  to.set(from);
  return to;
}

// a bucket is one band's value in one time slot
function bucketKey(bandHash: number, band: number, timeSlot: number): number {
  return mix32(bandHash ^ mix32(Math.imul(timeSlot, 0x2545f491) + band)) & KEY_MASK;
}
