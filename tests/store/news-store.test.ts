import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { createFixedClock } from '../../src/clock.js';
import { StoreError } from '../../src/errors.js';
import { openNewsStore, type NewsStore } from '../../src/store/news-store.js';
import { openKeyvStore, type KeyvStore } from '../../src/store/open-keyv.js';

const T0 = Date.UTC(2025, 8, 24, 6, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

type NewArticle = Omit<Article, 'firstSeenAt'>;
let counter = 0;
function article(over: Partial<NewArticle> = {}): NewArticle {
  counter++;
  const url = `https://www.ariananews.af/story-${counter}/`;
  return {
    id: url,
    sourceId: 'ariana-news',
    title: `Story number ${counter}`,
    url,
    publishedAt: T0 + counter * MINUTE,
    summary: 'A short summary of the story.',
    text: 'The full text of the story, somewhat longer than its summary.',
    language: 'en',
    topics: [],
    ...over,
  };
}
const ids = (articles: readonly { id: string }[]) => articles.map((a) => a.id);

interface Backend {
  name: string;
  /** the same data, as after a restart */
  reopen(): Promise<KeyvStore>;
  cleanup(): Promise<void>;
}

function memoryBackend(): Backend {
  let store: KeyvStore | undefined;
  return {
    name: 'memory://',
    async reopen() {
      store ??= await openKeyvStore('memory://');
      return store;
    },
    async cleanup() {},
  };
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'briefer-news-'));
  let store: KeyvStore | undefined;
  return {
    name: 'sqlite',
    async reopen() {
      await store?.close();
      store = await openKeyvStore(`sqlite://${join(dir, 'data', 'briefer.sqlite')}`);
      return store;
    },
    async cleanup() {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['memory://', memoryBackend],
  ['sqlite', sqliteBackend],
] as const)('news store on %s', (_, make) => {
  let backend: Backend;
  let keyv: KeyvStore;
  let clock: ReturnType<typeof createFixedClock>;
  let problems: [string, string][];
  let news: NewsStore;

  async function reopen(retentionDays = 30): Promise<NewsStore> {
    await news?.close();
    keyv = await backend.reopen();
    news = await openNewsStore({
      keyv,
      retentionDays,
      clock,
      onInvalid: (key, problem) => problems.push([key, problem]),
    });
    return news;
  }

  beforeEach(async () => {
    backend = make();
    clock = createFixedClock(T0);
    problems = [];
    await reopen();
  });
  afterEach(async () => {
    await news.close();
    await backend.cleanup();
  });

  it('adds articles and answers latest, byTopic, get and the counts', async () => {
    const a = article({ topics: ['afghanistan', 'security'], text: 'Long text about Bagram.' });
    const b = article({ topics: ['afghanistan'] });
    const c = article({ sourceId: 'tolo-news' });
    const { added, duplicates } = await news.add([a, b, c]);

    expect(ids(added)).toEqual([a.id, b.id, c.id]);
    expect(duplicates).toBe(0);
    expect(added[0]).toMatchObject({ id: a.id, firstSeenAt: T0, topics: ['afghanistan', 'security'] });
    expect(added[0]).not.toHaveProperty('text');
    expect(ids(news.latest({ limit: 10 }))).toEqual([c.id, b.id, a.id]);
    expect(ids(news.byTopic('afghanistan', { limit: 10 }))).toEqual([b.id, a.id]);
    expect(news.byTopic('sports', { limit: 10 })).toEqual([]);
    expect([
      news.size(),
      news.countLatest(),
      news.countByTopic('afghanistan'),
      news.countByTopic('sports'),
    ]).toEqual([3, 3, 2, 0]);
    expect(await news.get(a.id)).toEqual({ ...a, firstSeenAt: T0 });
    expect(await news.get('https://nowhere.example/')).toBeUndefined();
  });

  it('orders newest first, falling back to firstSeenAt when publishedAt is unknown', async () => {
    clock.set(T0 + 10 * MINUTE);
    const undated = article({ publishedAt: null });
    const older = article({ publishedAt: T0 + 5 * MINUTE });
    const newer = article({ publishedAt: T0 + 20 * MINUTE });
    await news.add([older, undated, newer]);
    expect(ids(news.latest({ limit: 5 }))).toEqual([newer.id, undated.id, older.id]);

    clock.set(T0 + 30 * MINUTE);
    const later = article({ publishedAt: null });
    await news.add([later]);
    expect(ids(news.latest({ limit: 5 }))).toEqual([later.id, newer.id, undated.id, older.id]);
    await reopen();
    expect(ids(news.latest({ limit: 5 }))).toEqual([later.id, newer.id, undated.id, older.id]);
  });

  it('pages with offset and limit, and filters by sources', async () => {
    const all = Array.from({ length: 12 }, (_, i) =>
      article({
        sourceId: ['ariana-news', 'tolo-news', 'bbc-persian'][i % 3] as string,
        topics: ['afghanistan'],
      }),
    );
    await news.add(all);
    const newestFirst = ids([...all].reverse());
    expect(ids(news.latest({ limit: 5 }))).toEqual(newestFirst.slice(0, 5));
    expect(ids(news.latest({ limit: 5, offset: 5 }))).toEqual(newestFirst.slice(5, 10));
    expect(ids(news.latest({ limit: 5, offset: 10 }))).toEqual(newestFirst.slice(10));
    expect(news.latest({ limit: 5, offset: 12 })).toEqual([]);
    expect(news.latest({ limit: 0 })).toEqual([]);
    expect(ids(news.byTopic('afghanistan', { limit: 3, offset: 3 }))).toEqual(newestFirst.slice(3, 6));

    const twoSources = all.filter((a) => a.sourceId !== 'tolo-news').reverse();
    expect(ids(news.latest({ limit: 3, offset: 2, sourceIds: ['ariana-news', 'bbc-persian'] }))).toEqual(
      ids(twoSources.slice(2, 5)),
    );
    expect(news.countLatest(['ariana-news', 'bbc-persian', 'ariana-news', 'unknown'])).toBe(8);
    expect(news.latest({ limit: 5, sourceIds: [] })).toEqual([]);
    expect(news.countLatest([])).toBe(0);
  });

  it('counts a repeated id, a repeated canonical url and a repeat within one batch as duplicates', async () => {
    const first = article();
    await news.add([first]);
    const sameId = { ...article(), id: first.id };
    const sameUrl = { ...article(), url: first.url };
    const twin = article();
    const result = await news.add([sameId, sameUrl, twin, { ...twin, title: 'Twin again' }]);
    expect(ids(result.added)).toEqual([twin.id]);
    expect(result.duplicates).toBe(3);
    expect(news.size()).toBe(2);
  });

  it('never stores or returns an article twice, even across a restart', async () => {
    const a = article();
    const b = article();
    await news.add([a, b]);
    await reopen();
    expect(ids(news.latest({ limit: 5 }))).toEqual([b.id, a.id]);
    const c = article();
    const again = await news.add([a, { ...article(), url: b.url }, c]);
    expect(ids(again.added)).toEqual([c.id]);
    expect(again.duplicates).toBe(2);
    expect(news.size()).toBe(3);
  });

  it('stores an article once when two adds overlap', async () => {
    const a = article();
    const [one, two] = await Promise.all([news.add([a]), news.add([a])]);
    expect(one.added.length + two.added.length).toBe(1);
    expect(one.duplicates + two.duplicates).toBe(1);
  });

  it('prunes by firstSeenAt, not publishedAt, from the store and the index', async () => {
    const old = article({
      publishedAt: T0 - 400 * DAY,
      topics: ['iran'],
      title: 'Larijani speaks on Bagram',
    });
    await news.add([old]);
    clock.advance(20 * DAY);
    const recent = article({ publishedAt: T0 - 500 * DAY, topics: ['iran'] });
    await news.add([recent]);

    clock.advance(10 * DAY); // old is exactly 30 days old: kept
    expect(await news.prune()).toBe(0);
    clock.advance(1);
    expect(await news.prune()).toBe(1);
    expect(ids(news.latest({ limit: 5 }))).toEqual([recent.id]);
    expect(news.countByTopic('iran')).toBe(1);
    expect(news.search('larijani', { limit: 5 })).toEqual([]);
    expect(await news.get(old.id)).toBeUndefined();
    await reopen();
    expect(ids(news.latest({ limit: 5 }))).toEqual([recent.id]);
  });

  it('remembers pruned articles, so a feed still listing one does not bring it back', async () => {
    const a = article();
    await news.add([a]);
    clock.advance(31 * DAY);
    expect(await news.prune()).toBe(1);
    await reopen();
    const again = await news.add([a, { ...article(), url: a.url }]);
    expect(again).toEqual({ added: [], duplicates: 2 });
  });

  it('remembers a pruned article for the seen retention counted from the prune, not from its first sighting', async () => {
    const a = article();
    await news.add([a]);
    clock.advance(31 * DAY);
    expect(await news.prune()).toBe(1);
    clock.advance(94 * DAY); // day 125: 125 days after it was first seen, 94 after the prune
    expect(await news.add([a])).toEqual({ added: [], duplicates: 1 });
  });

  it('keeps remembering an article while its feed keeps listing it, and forgets one gone long enough', async () => {
    const staying = article();
    const leaving = article();
    await news.add([staying, leaving]);
    clock.advance(31 * DAY);
    await news.prune(); // both pruned and remembered from day 31 for 120 days (4 × retention)
    clock.advance(69 * DAY);
    expect((await news.add([staying])).duplicates).toBe(1); // still listed on day 100: remembered anew
    clock.advance(52 * DAY); // day 152
    await news.prune(); // sweeps the seen-set
    expect(await keyv.namespace('seen').get(`id:${leaving.id}`)).toBeUndefined();
    const result = await news.add([staying, leaving]);
    expect(ids(result.added)).toEqual([leaving.id]);
    expect(result.duplicates).toBe(1);
  });

  it('skips and reports an invalid value at reopen, keeping the rest', async () => {
    const good = article();
    await news.add([good]);
    const articles = keyv.namespace('articles');
    await articles.set('broken', { id: 'broken', title: 42 });
    await articles.set('moved', { ...article(), id: 'elsewhere', firstSeenAt: T0 });
    await reopen();
    expect(ids(news.latest({ limit: 5 }))).toEqual([good.id]);
    expect(problems.map(([key]) => key).sort()).toEqual(['articles:broken', 'articles:moved']);
    expect(problems.find(([key]) => key === 'articles:broken')?.[1]).toMatch(/title/);
    expect(await news.get('broken')).toBeUndefined();
  });

  it('refuses to store an article that fails the schema, and reports it', async () => {
    const bad = article({ sourceId: 'Not A Source Id' });
    const good = article();
    const result = await news.add([bad, good]);
    expect(ids(result.added)).toEqual([good.id]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.[0]).toBe(`articles:${bad.id}`);
    expect(problems[0]?.[1]).toMatch(/sourceId/);
  });

  it('refuses to add after it is closed', async () => {
    await news.close();
    await expect(news.add([article()])).rejects.toThrow(StoreError);
  });

  describe('search', () => {
    it('finds "bagram" as a whole word in title, summary or text, newest first', async () => {
      const inTitle = article({ title: 'Iran rejects US return to Bagram Air Base in Afghanistan' });
      const inText = article({ text: 'Bagram, once the largest American military base in the country…' });
      const partOfWord = article({ title: 'Bagrami district gets a new road' });
      const unrelated = article({ title: 'Wheat prices fall in Kabul' });
      await news.add([inTitle, inText, partOfWord, unrelated]);
      expect(ids(news.search('bagram', { limit: 5 }))).toEqual([inText.id, inTitle.id]);
      expect(ids(news.search('BAGRAM!', { limit: 5 }))).toEqual([inText.id, inTitle.id]);
      expect(news.countSearch('bagram')).toBe(2);
      expect(news.search('bagram kandahar', { limit: 5 })).toEqual([]);
      expect(news.search('', { limit: 5 })).toEqual([]);
      expect(news.countSearch('  ')).toBe(0);
    });

    it('needs every word of "central asia", and puts the phrase in a title or summary first', async () => {
      const phrase = article({ title: 'Central Asia trade corridor opens' });
      const scattered = article({
        title: 'Central bank holds rates',
        text: 'Markets across Asia reacted calmly.',
      });
      const inSummary = article({ summary: 'Leaders of Central Asia met in Tashkent.' });
      const onlyAsia = article({ title: 'Asia Cup: Afghanistan beat Hong Kong' });
      await news.add([phrase, scattered, inSummary, onlyAsia]);
      expect(ids(news.search('central asia', { limit: 5 }))).toEqual([inSummary.id, phrase.id, scattered.id]);
      expect(ids(news.search('Central  Asia', { limit: 1, offset: 2 }))).toEqual([scattered.id]);
      expect(news.countSearch('central asia')).toBe(3);
      expect(ids(news.search('asia central', { limit: 5 }))).toEqual([inSummary.id, scattered.id, phrase.id]);
    });

    it('matches Dari words whatever the variant letters (ي / ی, ك / ک)', async () => {
      const persianLetters = article({ title: 'انفجار در ولایت کابل', language: 'fa' });
      const arabicLetters = article({ title: 'نشست ولايت هرات', summary: 'در كابل', language: 'fa' });
      await news.add([persianLetters, arabicLetters]);
      expect(ids(news.search('ولايت', { limit: 5 }))).toEqual([arabicLetters.id, persianLetters.id]);
      expect(ids(news.search('ولایت کابل', { limit: 5 }))).toEqual([persianLetters.id, arabicLetters.id]);
      expect(ids(news.search('كابل', { limit: 5 }))).toEqual([arabicLetters.id, persianLetters.id]);
      expect(news.countSearch('هرات')).toBe(1);
    });

    it('pages through many matches newest first, and survives a reopen', async () => {
      const all = Array.from({ length: 25 }, (_, i) =>
        article({ title: i % 2 === 0 ? `Kabul update ${i}` : `Herat update ${i}` }),
      );
      await news.add(all);
      const kabul = ids(all.filter((_, i) => i % 2 === 0).reverse());
      expect(ids(news.search('kabul', { limit: 5 }))).toEqual(kabul.slice(0, 5));
      expect(ids(news.search('kabul', { limit: 5, offset: 10 }))).toEqual(kabul.slice(10, 13));
      await reopen();
      expect(ids(news.search('kabul update', { limit: 4, offset: 4 }))).toEqual(kabul.slice(4, 8));
      expect(news.countSearch('update')).toBe(25);
    });
  });
});
