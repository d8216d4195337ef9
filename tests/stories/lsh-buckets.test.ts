import { describe, expect, it } from 'vitest';
import { LshBuckets } from '../../src/stories/lsh-buckets.js';

// a model of the buckets: item → its band hashes and time slot; candidates are the items agreeing on a band
function candidatesOf(
  model: Map<number, { hashes: Int32Array; slot: number }>,
  hashes: Int32Array,
  slots: number[],
) {
  const found = new Set<number>();
  for (const [item, held] of model) {
    if (!slots.includes(held.slot)) continue;
    if (held.hashes.some((hash, band) => hash === hashes[band])) found.add(item);
  }
  return found;
}

describe('lsh buckets', () => {
  it('finds exactly the items sharing a band in the slots asked, through growth, rehashing and deletion', () => {
    const bands = 4;
    const buckets = new LshBuckets(bands, 2);
    const model = new Map<number, { hashes: Int32Array; slot: number }>();
    let seed = 1;
    const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647);
    // few distinct hashes, so buckets hold many items
    const hashesFor = () => Int32Array.from({ length: bands }, () => next() % 300);
    for (let item = 0; item < 6000; item++) {
      const entry = { hashes: hashesFor(), slot: next() % 5 };
      model.set(item, entry);
      buckets.add(item, entry.hashes, 0, entry.slot);
    }
    for (let item = 0; item < 6000; item += 3) {
      const entry = model.get(item)!;
      buckets.delete(item, entry.hashes, 0, entry.slot);
      model.delete(item);
    }
    for (let probe = 0; probe < 50; probe++) {
      const hashes = hashesFor();
      const slots = [probe % 5, (probe + 1) % 5];
      const seen = new Set<number>();
      buckets.forEachCandidate(hashes, 0, slots, (item) => seen.add(item));
      expect(seen).toEqual(candidatesOf(model, hashes, slots));
    }
  });

  it('finds nothing in a slot it was not asked for, nor after deletion', () => {
    const buckets = new LshBuckets(2, 2);
    const hashes = Int32Array.from([7, 9]);
    buckets.add(3, hashes, 0, 10);
    const found = (slots: number[]) => {
      const items: number[] = [];
      buckets.forEachCandidate(hashes, 0, slots, (item) => items.push(item));
      return items;
    };
    expect(found([10])).toEqual([3, 3]);
    expect(found([11])).toEqual([]);
    buckets.delete(3, hashes, 0, 10);
    expect(found([10])).toEqual([]);
  });

  it('reads at most maxPerBucket items of a bucket, the last added first', () => {
    const buckets = new LshBuckets(1, 2, 4);
    const hashes = Int32Array.from([5]);
    for (let item = 0; item < 10; item++) buckets.add(item, hashes, 0, 0);
    buckets.delete(8, hashes, 0, 0);
    const items: number[] = [];
    buckets.forEachCandidate(hashes, 0, [0], (item) => items.push(item));
    expect(items).toEqual([9, 7, 6, 5]);
  });
});
