import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { createFixedClock } from '../../src/clock.js';
import { openNewsStore, type NewsStore, type StoryPage } from '../../src/store/news-store.js';
import { openKeyvStore, type KeyvStore } from '../../src/store/open-keyv.js';
import { loadLabelledSet, type LabelledArticle } from '../stories/labelled-set.js';

type NewArticle = Omit<Article, 'firstSeenAt'>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const labelled = loadLabelledSet();
const byId = new Map(labelled.map((article) => [article.id, article]));

/** a labelled report as a feed would give it */
function stored(id: string, over: Partial<NewArticle> = {}): NewArticle {
  const article = byId.get(id);
  if (!article) throw new Error(`no labelled article "${id}"`);
  return asNew(article, over);
}

function asNew(article: LabelledArticle, over: Partial<NewArticle> = {}): NewArticle {
  return {
    id: article.id,
    sourceId: article.sourceId,
    title: article.title,
    url: `https://${article.sourceId}.example/${article.id}`,
    publishedAt: article.publishedAt,
    summary: article.summary,
    text: article.summary,
    language: article.language,
    topics: [],
    ...over,
  };
}

// in the order they happened (the last one has no published time: it happened when first seen)
const TORKHAM = [
  'en-torkham-tolo',
  'en-torkham-pajhwok',
  'en-torkham-dawn',
  'en-torkham-amu',
  'en-torkham-afintl',
];
const BOLDAK = ['en-boldak-dawn', 'en-boldak-khaama', 'en-boldak-ariana'];
const SAFFRON = 'en-saffron-pajhwok';
const IMRAN = 'en-imran-aljazeera';
const seenAt = (id: string) => byId.get(id)!.firstSeenAt;

let keyv: KeyvStore | undefined;
let dir: string | undefined;
afterEach(async () => {
  await keyv?.close();
  keyv = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function openStore(start: number, options: { url?: string; retentionDays?: number } = {}) {
  keyv ??= await openKeyvStore(options.url ?? 'memory://');
  const clock = createFixedClock(start);
  const store = await openNewsStore({ keyv, retentionDays: options.retentionDays ?? 30, clock });
  return { store, clock };
}

/** adds labelled articles one poll each, when the labelled set says they were first seen */
async function arrive(store: NewsStore, clock: ReturnType<typeof createFixedClock>, items: NewArticle[]) {
  for (const item of [...items].sort((a, b) => seenAt(a.id) - seenAt(b.id))) {
    clock.set(seenAt(item.id));
    await store.add([item]);
  }
}

const leads = (page: StoryPage) => page.stories.map((story) => story.lead.id);
const also = (page: StoryPage, lead: string) =>
  page.stories.find((story) => story.lead.id === lead)?.also.map((article) => article.id);

describe('news store stories', () => {
  it('clusters each article as it is stored: other outlets’ reports of the event join its story', async () => {
    const { store, clock } = await openStore(0);
    await arrive(
      store,
      clock,
      [...TORKHAM, SAFFRON].map((id) => stored(id)),
    );
    const story = store.storyOf(TORKHAM[0]!)!;
    for (const id of TORKHAM) expect(store.storyOf(id)).toBe(story);
    expect(store.storyOf(SAFFRON)).not.toBe(story);
    expect(store.storyMembers(story).map((article) => article.id)).toEqual(TORKHAM);
    expect(store.storyOf('never-stored')).toBeUndefined();
    expect(store.storyMembers('never-a-story')).toEqual([]);
  });

  it('finds the same stories after a restart, replaying arrivals in the order first seen', async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefer-stories-'));
    const url = `sqlite://${join(dir, 'stories.sqlite')}`;
    const first = await openStore(0, { url, retentionDays: 3650 });
    // as the labelled set was seen, one poll per first-seen time
    const byTime = new Map<number, NewArticle[]>();
    for (const article of labelled) {
      byTime.set(article.firstSeenAt, [...(byTime.get(article.firstSeenAt) ?? []), asNew(article)]);
    }
    for (const [time, batch] of [...byTime].sort((a, b) => a[0] - b[0])) {
      first.clock.set(time);
      await first.store.add(batch);
    }
    const before = labelled.map((article) => first.store.storyOf(article.id));
    const shared = new Set(before).size;
    expect(shared).toBeLessThan(labelled.length - 40); // many reports share a story
    await first.store.close();
    await keyv!.close();

    keyv = await openKeyvStore(url);
    const again = await openStore(first.clock.now(), { retentionDays: 3650 });
    expect(labelled.map((article) => again.store.storyOf(article.id))).toEqual(before);
    const page = again.store.latestStories({ limit: 100 });
    expect(page.total).toBe(shared);
    expect(page.stories).toHaveLength(shared);
  });

  it('forgets pruned articles in their stories', async () => {
    const start = seenAt(TORKHAM[0]!);
    const { store, clock } = await openStore(start, { retentionDays: 1 });
    await store.add([stored(TORKHAM[0]!)]);
    clock.set(start + 20 * HOUR);
    await store.add([stored(TORKHAM[1]!)]);
    const story = store.storyOf(TORKHAM[1]!)!;
    expect(store.storyMembers(story)).toHaveLength(2);
    clock.set(start + DAY + HOUR);
    expect(await store.prune()).toBe(1);
    expect(store.storyOf(TORKHAM[0]!)).toBeUndefined();
    expect(store.storyMembers(story).map((article) => article.id)).toEqual([TORKHAM[1]]);
    expect(store.latestStories({ limit: 5 }).total).toBe(1);
  });

  it('pages each story once, led by its earliest report, with the other outlets as also', async () => {
    const { store, clock } = await openStore(0);
    await arrive(
      store,
      clock,
      [...TORKHAM, ...BOLDAK, SAFFRON, IMRAN].map((id) => stored(id)),
    );
    const page = store.latestStories({ limit: 10 });
    expect(page.total).toBe(4);
    expect(leads(page)).toHaveLength(4);
    expect(leads(page)).toEqual(expect.arrayContaining([TORKHAM[0], BOLDAK[0], SAFFRON, IMRAN]));
    expect(also(page, TORKHAM[0]!)).toEqual(TORKHAM.slice(1));
    expect(also(page, SAFFRON)).toEqual([]);
    // one outlet's page: its own report leads, the others are also
    const dawn = store.latestStories({ limit: 10, sourceIds: ['dawn'] });
    expect(leads(dawn)).toEqual([BOLDAK[0], TORKHAM[2]]);
    expect(also(dawn, TORKHAM[2]!)).toEqual([TORKHAM[0], TORKHAM[1], ...TORKHAM.slice(3)]);
    expect(dawn.total).toBe(2);
  });

  it('pages never repeat or skip a story', async () => {
    const { store, clock } = await openStore(0);
    await arrive(
      store,
      clock,
      labelled.filter((a) => a.language === 'en').map((a) => asNew(a)),
    );
    const all = store.latestStories({ limit: 100 });
    expect(all.total).toBe(all.stories.length);
    for (const size of [1, 3, 7]) {
      const paged: string[] = [];
      for (let offset = 0; offset < all.total; offset += size) {
        const page = store.latestStories({ limit: size, offset });
        expect(page.total).toBe(all.total);
        paged.push(...page.stories.map((story) => story.storyId));
      }
      expect(paged).toEqual(all.stories.map((story) => story.storyId));
    }
    expect(store.latestStories({ limit: 5, offset: all.total }).stories).toEqual([]);
  });

  it('never shows a hidden source: not as lead, not as also, not in the count', async () => {
    const { store, clock } = await openStore(0);
    // TOLOnews' report of the clash is the earliest; the saffron story is TOLOnews' alone
    const own = 'tolonews-en';
    await arrive(store, clock, [...TORKHAM.map((id) => stored(id)), stored(SAFFRON, { sourceId: own })]);
    const hidden = [own];
    const seen = store.latestStories({ limit: 10, exceptSourceIds: hidden });
    expect(seen.total).toBe(1);
    expect(leads(seen)).toEqual([TORKHAM[1]]);
    expect(also(seen, TORKHAM[1]!)).toEqual(TORKHAM.slice(2));
    const everything = store.latestStories({ limit: 10 });
    expect(everything.total).toBe(2);
    expect(also(everything, TORKHAM[0]!)).toEqual(TORKHAM.slice(1));
    const test = (sourceId: string) => sourceId === own;
    expect(store.latestStories({ limit: 10, exceptSourceIds: test }).total).toBe(1);
    expect(store.latestStories({ limit: 10, sourceIds: [own], exceptSourceIds: hidden })).toEqual({
      stories: [],
      total: 0,
    });
    const search = store.searchStories('torkham', { limit: 10, exceptSourceIds: hidden });
    expect(search.total).toBe(1);
    const sources = [search.stories[0]!.lead, ...search.stories[0]!.also].map((article) => article.sourceId);
    expect(sources).toHaveLength(4);
    expect(sources).not.toContain(own);
    expect(store.searchStories('saffron', { limit: 10, exceptSourceIds: hidden }).total).toBe(0);
  });

  it('by topic: a report tagged with the topic leads, untagged ones of the story are also', async () => {
    const { store, clock } = await openStore(0);
    await arrive(store, clock, [
      ...TORKHAM.map((id, n) => stored(id, { topics: n >= 2 ? ['borders'] : [] })),
      stored(SAFFRON, { topics: ['borders'] }),
    ]);
    const page = store.storiesByTopic('borders', { limit: 10 });
    expect(page.total).toBe(2);
    // the clash leads at 06:10 with four more outlets (+3 h); the saffron report is from 07:00
    expect(leads(page)).toEqual([TORKHAM[2], SAFFRON]);
    expect(also(page, TORKHAM[2]!)).toEqual([TORKHAM[0], TORKHAM[1], ...TORKHAM.slice(3)]);
    expect(store.storiesByTopic('sports', { limit: 10 })).toEqual({ stories: [], total: 0 });
  });
});

describe('the one ranking over stored stories', () => {
  const at = Date.UTC(2026, 10, 27, 6);
  const single = (id: string, time: number, title: string, text = title): NewArticle => ({
    id,
    sourceId: id,
    title,
    url: `https://${id}.example/`,
    publishedAt: time,
    summary: title,
    text,
    language: 'en',
    topics: [],
  });

  it('lets recency dominate: a story two days old never passes this morning’s for its outlets', async () => {
    const { store, clock } = await openStore(at);
    const old = TORKHAM.map((id) => stored(id, { publishedAt: at - 2 * DAY + HOUR }));
    const morning = single('morning', at, 'Saffron harvest starts in Herat');
    clock.set(at - 2 * DAY + 2 * HOUR);
    await store.add(old);
    clock.set(at + HOUR);
    await store.add([morning]);
    const page = store.latestStories({ limit: 5 });
    expect(page.stories.map((story) => story.lead.id)[0]).toBe('morning');
    expect(page.stories[1]?.also).toHaveLength(4);
  });

  it('among stories of the same hours, the one more outlets carried comes first', async () => {
    const { store, clock } = await openStore(at);
    const clash = TORKHAM.map((id) => stored(id, { publishedAt: at }));
    clock.set(at + HOUR);
    await store.add(clash);
    await store.add([single('later', at + 2 * HOUR, 'Saffron harvest starts in Herat')]);
    await store.add([single('much-later', at + 5 * HOUR, 'Kabul bus line opens to Paghman')]);
    // the clash counts as at + 3 h (four outlets beyond the first, three of them counted)
    const page = store.latestStories({ limit: 5 });
    expect(page.stories.map((story) => story.also.length)).toEqual([0, 4, 0]);
    expect(page.stories.map((story) => story.lead.id)).toEqual([
      'much-later',
      page.stories[1]!.lead.id,
      'later',
    ]);
  });

  it('for words: a headline that holds them beats a mention deep in a text of the same hours', async () => {
    const { store, clock } = await openStore(at);
    clock.set(at + 3 * HOUR);
    await store.add([
      single('headline', at, 'Bagram air base talks resume', 'Talks resume.'),
      single('in-text', at + HOUR, 'Talks in Doha continue', 'Talks in Doha continue. Bagram came up.'),
      single('newest', at + 6 * HOUR, 'Ministers meet', 'Ministers met. Bagram was not discussed.'),
    ]);
    const page = store.searchStories('bagram', { limit: 5 });
    expect(page.stories.map((story) => story.lead.id)).toEqual(['newest', 'headline', 'in-text']);
    expect(page.total).toBe(3);
  });
});
