import type { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { createFixedClock } from '../../src/clock.js';
import { ArticleIndex } from '../../src/store/article-index.js';
import { openNewsStore } from '../../src/store/news-store.js';
import { openKeyvStore, type KeyvStore } from '../../src/store/open-keyv.js';

const T0 = Date.UTC(2026, 10, 1);
const MINUTE = 60_000;

function article(i: number, firstSeenAt: number): Article {
  return {
    id: `https://example.af/${i}`,
    sourceId: 'example-news',
    title: `Report ${i}`,
    url: `https://example.af/${i}`,
    publishedAt: T0 - i * MINUTE, // published order is the reverse of first-seen order
    firstSeenAt,
    summary: '',
    text: '',
    language: 'en',
    topics: [],
  };
}

const ids = (list: readonly { id: string }[]) => list.map((a) => Number(a.id.split('/').pop()));

describe('articles first seen in a time window', () => {
  it('gives [from, to) oldest first, with a limit and a count, whatever order they were loaded in', () => {
    const index = new ArticleIndex();
    // loaded in a scrambled order, as a rebuild from the store does
    const all = Array.from({ length: 1000 }, (_, i) => article(i, T0 + i * MINUTE));
    const scrambled = all.map((_, i) => all[(i * 7919) % 1000]!);
    for (let i = 0; i < 1000; i += 100) index.addMany(scrambled.slice(i, i + 100), { settle: false });
    index.settle();
    expect(ids(index.firstSeenBetween(T0 + 10 * MINUTE, T0 + 15 * MINUTE))).toEqual([10, 11, 12, 13, 14]);
    expect(ids(index.firstSeenBetween(T0 + 10 * MINUTE, T0 + 15 * MINUTE, 2))).toEqual([10, 11]);
    expect(index.countFirstSeenBetween(T0 + 10 * MINUTE, T0 + 15 * MINUTE)).toBe(5);
    expect(index.firstSeenBetween(T0 + 5000 * MINUTE, T0 + 6000 * MINUTE)).toEqual([]);
    expect(index.countFirstSeenBetween(T0 + 15 * MINUTE, T0 + 10 * MINUTE)).toBe(0);
    // several first seen in the same batch (same time) come in the order they were added
    index.addMany([article(2000, T0 + 2000 * MINUTE), article(2001, T0 + 2000 * MINUTE)]);
    expect(ids(index.firstSeenBetween(T0 + 2000 * MINUTE, T0 + 2001 * MINUTE))).toEqual([2000, 2001]);
    index.removeMany([`https://example.af/11`]);
    expect(ids(index.firstSeenBetween(T0 + 10 * MINUTE, T0 + 13 * MINUTE))).toEqual([10, 12]);
  });

  it('stays fast with 100,000 articles', () => {
    const index = new ArticleIndex();
    const batch: Article[] = [];
    for (let i = 0; i < 100_000; i++) batch.push(article(i, T0 + Math.floor(i / 50) * MINUTE));
    index.addMany(batch);
    const started = performance.now();
    let found = 0;
    for (let q = 0; q < 1000; q++) {
      const from = T0 + ((q * 37) % 1900) * MINUTE;
      found += index.firstSeenBetween(from, from + 60 * MINUTE).length;
    }
    const perQueryMs = (performance.now() - started) / 1000;
    expect(found).toBe(1000 * 60 * 50);
    expect(perQueryMs).toBeLessThan(5);
  });
});

describe("the store's window", () => {
  // a store whose article writes wait until released, to catch a window taken during an add
  function slowWrites(inner: KeyvStore) {
    let release: () => void = () => {};
    const gate = { wait: false };
    const store: KeyvStore = {
      namespace(name) {
        const keyv = inner.namespace(name);
        if (name !== 'articles') return keyv;
        return new Proxy(keyv, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (property !== 'setMany' || typeof value !== 'function') return value;
            return async (...args: unknown[]) => {
              if (gate.wait) await new Promise<void>((resolve) => (release = resolve));
              return value.apply(target, args);
            };
          },
        }) as Keyv;
      },
      close: () => inner.close(),
    };
    return { store, gate, release: () => release() };
  }

  it('settledBefore() holds back to the start of an add in progress, so no window misses its articles', async () => {
    const clock = createFixedClock(T0);
    const { store: keyv, gate, release } = slowWrites(await openKeyvStore('memory://'));
    const store = await openNewsStore({ keyv, retentionDays: 30, clock });
    expect(store.settledBefore()).toBe(T0);
    gate.wait = true;
    const { firstSeenAt: _drop, ...input } = article(1, 0);
    const adding = store.add([input]);
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(5 * MINUTE);
    expect(store.settledBefore()).toBe(T0); // the article being written will be first seen at T0
    expect(store.firstSeenBetween(T0 - MINUTE, T0 + 10 * MINUTE)).toEqual([]);
    release();
    await adding;
    expect(store.settledBefore()).toBe(T0 + 5 * MINUTE);
    expect(ids(store.firstSeenBetween(T0, store.settledBefore()))).toEqual([1]);
    expect(store.countFirstSeenBetween(T0, store.settledBefore())).toBe(1);
  });

  it('keeps the backlog mark of an article, and an article without it stays valid', async () => {
    const clock = createFixedClock(T0);
    const store = await openNewsStore({ keyv: await openKeyvStore('memory://'), retentionDays: 30, clock });
    const { firstSeenAt: _a, ...old } = article(1, 0);
    const { firstSeenAt: _b, ...fresh } = article(2, 0);
    await store.add([{ ...old, backlog: true }, fresh]);
    const [one, two] = store.firstSeenBetween(T0, T0 + 1);
    expect(one?.backlog).toBe(true);
    expect(two && 'backlog' in two).toBe(false);
  });
});
