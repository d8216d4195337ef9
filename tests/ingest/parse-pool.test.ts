// the parse workers: results as on the main thread, a time limit that terminates and replaces a
// worker, errors that stay FeedErrors, bytes handed over without detaching anyone else's buffer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { createParsePool } from '../../src/ingest/parse-pool.js';
import { REPO_ROOT } from '../support/seed-briefer.js';
import { fixture } from '../pages/seed-pages.js';
import { NOW, rss } from './ingest-harness.js';

const seedFeed = readFileSync(path.join(REPO_ROOT, 'examples/offline/ariana-news.xml'));
const options = { sourceId: 'ariana-news', language: 'en', url: 'https://www.ariananews.af/feed/' };
const bytes = () => new Uint8Array(seedFeed);
const pool = createParsePool({ size: 2 });

afterAll(() => pool.close());

const bigFeed = () =>
  new TextEncoder().encode(
    rss(
      Array.from({ length: 20_000 }, (_, i) => ({
        title: `Item ${i}`,
        link: `https://big.example/${i}`,
        date: NOW,
      })),
    ),
  );

describe('the parse pool', () => {
  it('gives what parseFeed gives on this thread, with the interval the feed asks for', async () => {
    const ttl = new TextEncoder().encode(
      rss([{ title: 'One', link: 'https://a.example/1', date: NOW }], '<ttl>45</ttl>'),
    );
    const [seed, withTtl] = await Promise.all([
      pool.run({ kind: 'feed', bytes: bytes(), options }),
      pool.run({ kind: 'feed', bytes: ttl, options }),
    ]);
    expect(seed.feed).toEqual(parseFeed(bytes(), options));
    expect(seed.intervalMs).toBeUndefined();
    expect(withTtl.intervalMs).toBe(45 * 60_000);
  });

  it('parses pages and fills a listing entry from its article page', async () => {
    const listing = await pool.run({
      kind: 'page',
      bytes: new TextEncoder().encode(fixture('ariana-latest-news.html')),
      options: { sourceId: 'ariana', language: 'en', url: 'https://www.ariananews.af/category/latest-news/' },
    });
    expect(listing.kind).toBe('listing');
    expect(listing.articles).toHaveLength(4);
    const entry = listing.articles[0]!;
    const filled = await pool.run({
      kind: 'article',
      article: entry,
      page: {
        bytes: new TextEncoder().encode(fixture('ariana-bagram.html')),
        headers: {},
        url: entry.url ?? '',
      },
    });
    expect(filled.failures).toEqual([]);
    expect(filled.articles[0]?.id).toBe(entry.id);
    expect(filled.articles[0]?.text.length).toBeGreaterThan(entry.text.length);
  });

  it('keeps FeedErrors as FeedErrors, with their message', async () => {
    const error = await pool
      .run({ kind: 'feed', bytes: new TextEncoder().encode('Hello, this is not a feed.'), options })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as Error).message).toMatch(
      /^Feed ariana-news \(https:\/\/www\.ariananews\.af\/feed\/\) is not a feed: it starts with "Hello/,
    );
  });

  it('terminates a parse over its time limit, and the next parse gets a fresh worker', async () => {
    const restarts = pool.restarts;
    const started = performance.now();
    await expect(pool.run({ kind: 'feed', bytes: bigFeed(), options }, { timeoutMs: 25 })).rejects.toThrow(
      new FeedError('parsing took longer than 25 ms'),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(pool.restarts).toBe(restarts + 1);
    const again = await pool.run({ kind: 'feed', bytes: bytes(), options });
    expect(again.feed.articles).toHaveLength(4);
  });

  it('fails a parse that runs out of memory, and carries on', async () => {
    const small = createParsePool({ size: 1, maxMemoryMb: 16, timeoutMs: 20_000 });
    try {
      // a 4 MB feed of 20,000 items needs far more than 16 MB of heap
      await expect(small.run({ kind: 'feed', bytes: bigFeed(), options })).rejects.toThrow(
        new FeedError('parsing needed more than 16 MB of memory'),
      );
      const again = await small.run({ kind: 'feed', bytes: bytes(), options });
      expect(again.feed.articles).toHaveLength(4);
    } finally {
      await small.close();
    }
  });

  it('copies bytes that share their buffer, and hands over bytes that own it', async () => {
    const shared = new Uint8Array(seedFeed.byteLength + 16);
    shared.set(seedFeed, 8);
    const view = shared.subarray(8, 8 + seedFeed.byteLength);
    await pool.run({ kind: 'feed', bytes: view, options });
    expect(shared.byteLength).toBe(seedFeed.byteLength + 16);
    const owned = bytes();
    await pool.run({ kind: 'feed', bytes: owned, options });
    expect(owned.byteLength).toBe(0);
  });

  it('refuses work once closed', async () => {
    const closing = createParsePool();
    await closing.close();
    await expect(closing.run({ kind: 'feed', bytes: bytes(), options })).rejects.toThrow(/closed/);
  });
});
