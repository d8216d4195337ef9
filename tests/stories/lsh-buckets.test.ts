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

  it('keeps finding exactly the items sharing a band as a window of items slides through new time slots, in a table sized to the buckets held', () => {
    const bands = 3;
    const buckets = new LshBuckets(bands, 2);
    const model = new Map<number, { hashes: Int32Array; slot: number }>();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647);
    const window = 400;
    const capacities = new Set<number>();
    for (let item = 0; item < 20_000; item++) {
      // items move through time slots; most buckets hold one item, some several
      const entry = { hashes: Int32Array.from({ length: bands }, () => next() % 2000), slot: item >> 6 };
      model.set(item, entry);
      buckets.add(item, entry.hashes, 0, entry.slot);
      const leaving = model.get(item - window);
      if (leaving) {
        buckets.delete(item - window, leaving.hashes, 0, leaving.slot);
        model.delete(item - window);
      }
      if (item >= 4 * window) capacities.add(buckets.capacity);
      if (item % 997 === 0 && item >= window) {
        for (const probe of [item, item - 1, item - window + 1]) {
          const held = model.get(probe)!;
          const slots = [held.slot - 1, held.slot, held.slot + 1];
          const seen = new Set<number>();
          buckets.forEachCandidate(held.hashes, 0, slots, (found) => seen.add(found));
          expect(seen).toEqual(candidatesOf(model, held.hashes, slots));
        }
      }
    }
    // 60,000 buckets were made, at most window × bands held at once: once grown to those, the table
    // is never made again
    expect(buckets.bucketCount).toBeLessThanOrEqual(window * bands);
    expect(capacities.size).toBe(1);
    expect(buckets.capacity).toBeLessThanOrEqual(Math.ceil((window * bands) / 0.55));
  });

  it('holds as many items as it made room for without making its table again', () => {
    const buckets = new LshBuckets(4, 2);
    buckets.reserve(500);
    const capacity = buckets.capacity;
    const hashesOf = (item: number) => Int32Array.from([item, item * 7 + 1, item * 13 + 2, item * 31 + 3]);
    for (let item = 0; item < 500; item++) buckets.add(item, hashesOf(item), 0, 0);
    expect(buckets.bucketCount).toBe(2_000);
    expect(buckets.capacity).toBe(capacity);
    const found: number[] = [];
    buckets.forEachCandidate(hashesOf(123), 0, [0], (item) => found.push(item));
    expect(found).toEqual([123, 123, 123, 123]);
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
    expect(buckets.bucketCount).toBe(0);
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
