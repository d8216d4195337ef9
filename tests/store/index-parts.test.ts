import { describe, expect, it } from 'vitest';
import { containsPhrase, newestFirst } from '../../src/store/newest-first.js';
import { DensePostingList } from '../../src/store/dense-posting-list.js';
import { PostingList } from '../../src/store/posting-list.js';
import { BLOCK_SIZE, SliceBlocks } from '../../src/store/slice-blocks.js';
import { mergedPage, TimeOrder } from '../../src/store/time-order.js';
import { WordIndex } from '../../src/store/word-index.js';

function read(list: PostingList | DensePostingList): [number, number][] {
  const slots = new Int32Array(list.count);
  const flags = new Uint8Array(list.count);
  const length = list.readInto(slots, flags);
  return Array.from({ length }, (_, i) => [slots[i] as number, flags[i] as number]);
}

describe('PostingList', () => {
  it('round-trips slots with small and very large gaps', () => {
    const list = new PostingList();
    const slots = [0, 1, 2, 63, 64, 200, 16_000, 2_000_000, 300_000_000];
    slots.forEach((slot, i) => list.push(slot, i % 2 === 0));
    expect(list.count).toBe(slots.length);
    expect(list.lastSlot).toBe(300_000_000);
    expect(read(list)).toEqual(slots.map((slot, i) => [slot, i % 2 === 0 ? 1 : 0]));
  });

  it('refuses a slot that is not above the last one, or too large', () => {
    const list = new PostingList();
    list.push(5, false);
    expect(() => list.push(5, false)).toThrow(RangeError);
    expect(() => list.push(4, true)).toThrow(/above the last one/);
    expect(() => list.push(2 ** 30, false)).toThrow(RangeError);
  });

  it('intersects, and-ing the title/summary flags', () => {
    const list = new PostingList();
    for (const slot of [2, 4, 6, 8, 10]) list.push(slot, slot !== 6);
    const slots = Int32Array.from([1, 4, 6, 9, 10, 11]);
    const flags = Uint8Array.from([1, 1, 1, 1, 0, 1]);
    const length = list.intersectInto(slots, flags, slots.length);
    expect([...slots.slice(0, length)]).toEqual([4, 6, 10]);
    expect([...flags.slice(0, length)]).toEqual([1, 0, 0]);
  });

  it('decodes and intersects across its slices, whatever the size of the gaps at their ends', () => {
    let seed = 3;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
    const blocks = new SliceBlocks();
    const list = new PostingList(blocks);
    const expected: [number, number][] = [];
    let slot = -1;
    for (let n = 0; n < 3_000; n++) {
      // gaps of one to five varint bytes, so postings of every length meet the end of a slice
      slot += 1 + Math.floor(rand() ** 4 * [100, 3_000, 300_000, 3_000_000][n % 4]!);
      if (n % 1_000 === 999) slot += 2 ** 27;
      const flag = rand() < 0.5;
      list.push(slot, flag);
      expected.push([slot, flag ? 1 : 0]);
    }
    expect(read(list)).toEqual(expected);
    // every third slot held, and the slot before it (held or not)
    const held = new Map(expected);
    const probe = [...new Set(expected.filter((_, i) => i % 3 === 0).flatMap(([s]) => [s - 1, s]))];
    const slots = Int32Array.from(probe);
    const flags = new Uint8Array(slots.length).fill(1);
    const length = list.intersectInto(slots, flags, slots.length);
    const found = probe.filter((s) => held.has(s));
    expect([...slots.slice(0, length)]).toEqual(found);
    expect([...flags.slice(0, length)]).toEqual(found.map((s) => held.get(s)));
  });

  it('grows by linking slices of shared blocks, holding little more than its bytes', () => {
    const blocks = new SliceBlocks();
    const lists = Array.from({ length: 200 }, () => new PostingList(blocks));
    for (let slot = 0; slot < 3_000; slot++)
      lists.forEach((list, i) => slot % (i + 1) === 0 && list.push(slot, false));
    const used = lists.reduce((sum, list) => sum + list.usedBytes, 0);
    const held = lists.reduce((sum, list) => sum + list.byteLength, 0);
    // at most one slice end a list, and the links
    expect(held).toBeLessThan(used * 1.1 + lists.length * 256);
    expect(blocks.byteLength).toBeLessThan(held + BLOCK_SIZE);
    expect(read(lists[6]!)).toEqual(Array.from({ length: Math.ceil(3_000 / 7) }, (_, i) => [i * 7, 0]));
  });
});

describe('DensePostingList', () => {
  it('round-trips slots from its base on, across words of bits, and grows', () => {
    const list = new DensePostingList(64, 32);
    const slots = [64, 65, 95, 96, 127, 500, 5_000];
    slots.forEach((slot, i) => list.push(slot, i % 3 === 0));
    expect(list.count).toBe(slots.length);
    expect(list.lastSlot).toBe(5_000);
    expect(read(list)).toEqual(slots.map((slot, i) => [slot, i % 3 === 0 ? 1 : 0]));
    expect(list.flagsOf(63)).toBe(0);
    expect(list.flagsOf(64)).toBe(3);
    expect(list.flagsOf(65)).toBe(1);
    expect(list.flagsOf(66)).toBe(0);
    expect(list.flagsOf(1_000_000)).toBe(0);
  });

  it('refuses a slot below its base or not above the last one, and a base not a multiple of 32', () => {
    const list = new DensePostingList(32);
    expect(() => list.push(31, false)).toThrow(RangeError);
    list.push(40, false);
    expect(() => list.push(40, true)).toThrow(/above the last one/);
    expect(() => new DensePostingList(33)).toThrow(/multiple of 32/);
  });

  it('intersects like the varint list does, and-ing the title/summary flags', () => {
    const dense = new DensePostingList(0);
    const sparse = new PostingList();
    for (const slot of [2, 4, 6, 8, 10, 31, 32, 33]) {
      dense.push(slot, slot !== 6);
      sparse.push(slot, slot !== 6);
    }
    const run = (list: PostingList | DensePostingList) => {
      const slots = Int32Array.from([1, 4, 6, 9, 10, 11, 32, 40]);
      const flags = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1]);
      const length = list.intersectInto(slots, flags, slots.length);
      return [[...slots.slice(0, length)], [...flags.slice(0, length)]];
    };
    expect(run(dense)).toEqual([
      [4, 6, 10, 32],
      [1, 0, 0, 1],
    ]);
    expect(run(dense)).toEqual(run(sparse));
  });
});

describe('WordIndex', () => {
  // a model to check against: every word's slots and flags, as plain sets
  function check(index: WordIndex, model: Map<string, Map<number, boolean>>, queries: string[][]) {
    for (const query of queries) {
      const expected = [...(model.get(query[0]!) ?? new Map<number, boolean>()).keys()]
        .filter((slot) => query.every((word) => model.get(word)?.has(slot)))
        .sort((a, b) => a - b);
      const match = index.match(query);
      expect([...match.slots.slice(0, match.length)], query.join(' ')).toEqual(expected);
      const flags = expected.map((slot) => (query.every((word) => model.get(word)!.get(slot)) ? 1 : 0));
      expect([...match.inTitleOrSummary.slice(0, match.length)]).toEqual(flags);
    }
  }

  it('gives the same matches whether a common word is kept as bit sets or varint gaps, before and after compaction', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
    // "common" is in most articles (bit sets), "often" in a third, "rare" in a few; slots skip some numbers
    const chance: Record<string, number> = { common: 0.9, often: 0.35, rare: 0.01, title: 0.5 };
    const index = new WordIndex();
    const model = new Map<string, Map<number, boolean>>();
    let slot = 0;
    for (let n = 0; n < 6_000; n++) {
      slot += rand() < 0.1 ? 3 : 1;
      const head: string[] = [];
      const body: string[] = [];
      for (const [word, p] of Object.entries(chance)) {
        if (rand() >= p) continue;
        const inTitle = rand() < 0.3;
        (inTitle ? head : body).push(word);
        if (!model.has(word)) model.set(word, new Map());
        model.get(word)!.set(slot, inTitle);
      }
      index.addDocument(slot, head, body);
    }
    const queries = [
      ['common'],
      ['often'],
      ['rare'],
      ['common', 'often'],
      ['rare', 'common'],
      ['common', 'title'],
      ['title', 'common', 'often'],
    ];
    check(index, model, queries);
    index.compact((s) => s % 5 !== 0 && s < 5_000);
    for (const slots of model.values())
      for (const s of [...slots.keys()]) if (s % 5 === 0 || s >= 5_000) slots.delete(s);
    check(index, model, queries);
    index.compact(() => false);
    expect(index.vocabularySize).toBe(0);
  });

  it('keeps a common word in less memory as bit sets', () => {
    const index = new WordIndex();
    for (let slot = 0; slot < 20_000; slot++)
      index.addDocument(slot, [], slot % 2 === 0 ? ['even', 'word'] : ['word']);
    index.trim();
    // 20,000 slots: bit sets take 2 × 2,500 bytes; varint gaps would take 20,000 and 10,000
    expect(index.byteLength).toBeLessThan(12_000);
  });

  it('matches every word from the rarest up, flagging title/summary hits', () => {
    const index = new WordIndex();
    index.addDocument(0, ['central', 'asia'], ['trade']);
    index.addDocument(1, ['central', 'bank'], ['asia', 'central']);
    index.addDocument(2, ['asia'], ['cup']);
    index.addDocument(3, ['x'.repeat(80)], ['central']);
    const match = index.match(['asia', 'central']);
    expect([...match.slots.slice(0, match.length)]).toEqual([0, 1]);
    expect([...match.inTitleOrSummary.slice(0, match.length)]).toEqual([1, 0]);
    expect(index.match(['asia', 'nowhere']).length).toBe(0);
    expect(index.match(['x'.repeat(80)]).length).toBe(0);
    expect(index.vocabularySize).toBe(5);
  });

  it('forgets the postings of removed slots, and words left with none', () => {
    const index = new WordIndex();
    index.addDocument(0, ['kabul'], ['herat']);
    index.addDocument(1, ['kabul'], []);
    index.compact((slot) => slot !== 0);
    expect(index.match(['herat']).length).toBe(0);
    expect(index.vocabularySize).toBe(1);
    const kabul = index.match(['kabul']);
    expect([...kabul.slots.slice(0, kabul.length)]).toEqual([1]);
  });
});

describe('TimeOrder', () => {
  const time = [50, 10, 30, 30, 70, 20];
  const compare = (a: number, b: number) => (time[a] as number) - (time[b] as number) || a - b;

  it('pages newest first whatever the insertion order, one by one or in bulk', () => {
    const one = new TimeOrder(compare);
    const bulk = new TimeOrder(compare);
    one.insertMany([0]);
    one.insertMany([1]);
    one.insertMany([4]);
    one.insertMany([2]);
    one.insertMany([3]);
    one.insertMany([5]);
    bulk.insertMany([0, 1, 2, 3, 4, 5]);
    for (const order of [one, bulk]) {
      expect(order.page(0, 10)).toEqual([4, 0, 3, 2, 5, 1]);
      expect(order.page(2, 2)).toEqual([3, 2]);
      expect(order.page(6, 2)).toEqual([]);
      expect(order.newest(1)).toBe(0);
    }
    one.removeWhere((slot) => slot === 0 || slot === 5);
    expect(one.page(0, 10)).toEqual([4, 3, 2, 1]);
  });

  it('merges several orders newest first, with offset', () => {
    const even = new TimeOrder(compare);
    const odd = new TimeOrder(compare);
    even.insertMany([0, 2, 4]);
    odd.insertMany([1, 3, 5]);
    expect(mergedPage([even, odd], compare, 0, 10)).toEqual([4, 0, 3, 2, 5, 1]);
    expect(mergedPage([even, odd], compare, 1, 3)).toEqual([0, 3, 2]);
    expect(mergedPage([], compare, 0, 3)).toEqual([]);
  });
});

describe('newestFirst', () => {
  it('agrees with a full sort, for any k', () => {
    let seed = 42;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const time = Array.from({ length: 500 }, () => Math.floor(random() * 100));
    const compare = (a: number, b: number) => (time[a] as number) - (time[b] as number) || a - b;
    const slots = Int32Array.from({ length: 300 }, (_, i) => i * 1 + 100);
    const sorted = [...slots].sort((a, b) => compare(b, a));
    for (const k of [0, 1, 5, 37, 299, 300, 400]) {
      expect(newestFirst(slots, slots.length, k, compare)).toEqual(sorted.slice(0, k));
    }
    expect(newestFirst(slots, 0, 5, compare)).toEqual([]);
  });
});

describe('containsPhrase', () => {
  it('needs the words next to each other, in order', () => {
    expect(containsPhrase(['leaders', 'of', 'central', 'asia', 'met'], ['central', 'asia'])).toBe(true);
    expect(containsPhrase(['asia', 'central'], ['central', 'asia'])).toBe(false);
    expect(containsPhrase(['central', 'bank', 'asia'], ['central', 'asia'])).toBe(false);
    expect(containsPhrase(['central'], ['central', 'asia'])).toBe(false);
  });
});
