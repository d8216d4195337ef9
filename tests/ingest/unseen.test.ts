// NewsStore.unseen: which of a listing page's entries are new, so only their pages are fetched.
import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.js';
import { openNewsStore } from '../../src/store/news-store.js';
import { openKeyvStore } from '../../src/store/open-keyv.js';
import { NOW } from './ingest-harness.js';

const DAY = 86_400_000;

const entry = (n: number, url = `https://outlet.example/story-${n}/`) => ({
  id: `listing-${n}`,
  sourceId: 'outlet',
  title: `Story ${n} on the Kabul water talks`,
  url,
  publishedAt: NOW,
  summary: '',
  text: '',
  language: 'en',
  topics: [],
});

describe('unseen entries', () => {
  it('are those whose id and url were never stored, even once their articles were pruned', async () => {
    const clock = createFixedClock(NOW);
    const store = await openNewsStore({ keyv: await openKeyvStore('memory://'), retentionDays: 30, clock });
    await store.add([entry(1), entry(2)]);
    // same url, another id: a listing that changed a headline is not news
    const renamed = { ...entry(9), url: entry(2).url };
    expect((await store.unseen([entry(1), renamed, entry(3)])).map((one) => one.id)).toEqual(['listing-3']);
    clock.advance(31 * DAY);
    expect(await store.prune()).toBe(2);
    expect(store.size()).toBe(0);
    expect((await store.unseen([entry(1), entry(2), entry(4)])).map((one) => one.id)).toEqual(['listing-4']);
    // asking adds nothing
    expect(store.size()).toBe(0);
    expect((await store.unseen([entry(4)])).map((one) => one.id)).toEqual(['listing-4']);
  });
});
