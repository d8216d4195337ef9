import type { Keyv } from 'keyv';
import { z } from 'zod';
import { ArticleSchema, type Article } from '../articles/article.js';
import type { Clock } from '../clock.js';
import { ConfigError, StoreError } from '../errors.js';
import { ArticleIndex, type ExceptSources, type FilteredQuery, type StoredArticle } from './article-index.js';
import { isUnreadable, type KeyvStore } from './open-keyv.js';
import { createSeenSet, DAY_MS, seenKeys, seenRetentionDays } from './seen-set.js';
import type { StoryIndexOptions } from '../stories/story-index.js';
import { StoryPages, type StoryPage } from './story-pages.js';
import { StoryShelf } from './story-shelf.js';

export type { ExceptSources, FilteredQuery, StoredArticle } from './article-index.js';
export type { StoryPage } from './story-pages.js';

/**
 * Keys: namespace "articles" holds one entry per article, key = article id, value = the Article (with
 * text); iterating it rebuilds the index at start. Namespace "seen" holds "id:<id>" and "url:<url>",
 * value = when last seen (ms): written when an article is added, again when it is pruned, and again
 * when a feed still lists it more than retentionDays after the last write; an entry is kept
 * seenRetentionDays(retentionDays) = max(4 × retentionDays, 90) days after its last write.
 * The articles returned are the index's own objects: read-only (their topic lists are frozen).
 */
export interface NewsStore {
  /** stores articles whose id (or canonical url) was never seen before; sets firstSeenAt = clock.now();
   *  returns those added. Never stores or returns the same article twice, even across restarts. */
  add(articles: Omit<Article, 'firstSeenAt'>[]): Promise<{ added: StoredArticle[]; duplicates: number }>;
  /** those of `items` whose id and canonical url were never stored nor seen: a listing page's new
   *  entries, before their article pages are fetched. Read-only, apart from refreshing old seen marks. */
  unseen<T extends Pick<Article, 'id' | 'url'>>(items: readonly T[]): Promise<T[]>;
  /** newest first (publishedAt, falling back to firstSeenAt), optionally only these sources
   *  (an empty list means no source, so nothing). `exceptSourceIds`, here and below, leaves those
   *  sources' articles out (other chats' own sources). */
  latest(query: FilteredQuery & { sourceIds?: readonly string[] }): StoredArticle[];
  /** newest first among articles tagged with the topic */
  byTopic(topicId: string, query: FilteredQuery): StoredArticle[];
  /** newest first among articles whose title, summary or text contains all the words of `text` (folded
   *  with foldText/words; whole words). With several words, those holding them as a phrase in the title
   *  or summary come first, newest first, then the others; the phrase is checked in the newest 100
   *  articles that have all the words in the title or summary. */
  search(text: string, query: FilteredQuery): StoredArticle[];
  /** counts for the same queries, for "… and N more" lines */
  countLatest(sourceIds?: readonly string[], exceptSourceIds?: ExceptSources): number;
  countByTopic(topicId: string, exceptSourceIds?: ExceptSources): number;
  countSearch(text: string, exceptSourceIds?: ExceptSources): number;
  /** the same three queries by story: each story once, ranked by the one ranking (digest/rank.ts),
   *  led by a report the query matches, with the other outlets' reports as "also" — only reports of
   *  sources the reader may see (`exceptSourceIds` leaves the others out, as lead, as "also" and from
   *  the count). `offset` and `total` count stories. */
  latestStories(query: FilteredQuery & { sourceIds?: readonly string[] }): StoryPage;
  storiesByTopic(topicId: string, query: FilteredQuery): StoryPage;
  searchStories(text: string, query: FilteredQuery): StoryPage;
  /** the story an article belongs to (an id), while the article is stored */
  storyOf(articleId: string): string | undefined;
  /** a story's articles, oldest first, one per outlet (every source: filter for a reader) */
  storyMembers(storyId: string): StoredArticle[];
  /** articles first seen in [from, to), oldest first, at most `limit`: what arrived in a time window */
  firstSeenBetween(from: number, to: number, limit?: number): StoredArticle[];
  countFirstSeenBetween(from: number, to: number): number;
  /** every article first seen before this time is indexed (an add in progress holds it back to its own
   *  start), so a window ending here never misses an article that is still being written */
  settledBefore(): number;
  get(id: string): Promise<Article | undefined>; // with text, from the backing store
  size(): number;
  /** deletes articles first seen more than retentionDays ago (store and index); returns how many */
  prune(): Promise<number>;
  /** waits for writes in progress and refuses new ones; the KeyvStore stays open (its opener closes it) */
  close(): Promise<void>;
}

const REBUILD_BATCH = 100;
const BATCH = 500;

export async function openNewsStore(options: {
  keyv: KeyvStore;
  retentionDays: number;
  clock: Clock;
  onInvalid?: (key: string, problem: string) => void; // a value read back that fails ArticleSchema: skipped, reported
  /** story clustering settings (tests); the defaults are measured by scripts/story-quality.ts */
  stories?: StoryIndexOptions;
}): Promise<NewsStore> {
  const { keyv, retentionDays, clock } = options;
  if (!(retentionDays > 0)) {
    throw new ConfigError(
      `Article retention must be a positive number of days, e.g. 30; got ${retentionDays}.`,
    );
  }
  const onInvalid = options.onInvalid ?? (() => {});
  const retentionMs = retentionDays * DAY_MS;
  const articles = keyv.namespace('articles');
  const seen = createSeenSet({
    keyv: keyv.namespace('seen'),
    keepMs: seenRetentionDays(retentionDays) * DAY_MS,
    refreshAfterMs: retentionMs,
    clock,
    onInvalid,
  });
  const index = new ArticleIndex();
  const shelf = new StoryShelf(index, options.stories);
  const pages = new StoryPages(index, shelf);
  await rebuild(articles, index, onInvalid);
  // stories depend on the order articles arrived in: replayed in that order (see StoryShelf)
  shelf.arrive(index.firstSeenBefore(Infinity));

  // add and prune read, then write: one at a time, so two overlapping polls cannot both store an article
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let closing = false;
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const guarded = () => {
      if (closed) throw new StoreError('The news store is closed: open it again to add or prune articles.');
      return task();
    };
    const run = queue.then(guarded, guarded);
    queue = run.catch(() => {});
    return run;
  }
  let lastSweep = -Infinity;
  // the firstSeenAt of the add in progress: its articles are not all indexed yet
  let adding: number | undefined;

  async function addFresh(input: Omit<Article, 'firstSeenAt'>[], now: number) {
    const inBatch = new Set<string>();
    const candidates: Article[] = [];
    let duplicates = 0;
    for (const item of input) {
      const parsed = ArticleSchema.safeParse({ ...item, firstSeenAt: now });
      if (!parsed.success) {
        onInvalid(`articles:${item.id}`, `refused to store: ${problemOf(parsed.error)}`);
        continue;
      }
      const article = parsed.data;
      const keys = seenKeys(article);
      if (keys.some((key) => inBatch.has(key)) || index.hasId(article.id) || hasUrl(index, article.url)) {
        duplicates++;
        continue;
      }
      for (const key of keys) inBatch.add(key);
      candidates.push(article);
    }
    const seenBefore = await seen.seen(candidates.flatMap(seenKeys));
    // a copy made of fresh strings: the index must not keep a whole feed document alive through a slice
    const fresh = candidates
      .filter((article) => !seenKeys(article).some((key) => seenBefore.has(key)))
      .map((article) => JSON.parse(JSON.stringify(article)) as Article);
    duplicates += candidates.length - fresh.length;
    if (fresh.length > 0) {
      await storeCall(`write ${fresh.length} articles`, () =>
        articles.setMany(fresh.map((article) => ({ key: article.id, value: article }))),
      );
    }
    const added = index.addMany(fresh);
    shelf.arrive(added);
    await seen.mark(fresh.flatMap(seenKeys));
    return { added, duplicates };
  }

  return {
    add: (input) =>
      exclusive(async () => {
        const now = clock.now();
        adding = now;
        try {
          return await addFresh(input, now);
        } finally {
          adding = undefined;
        }
      }),

    async unseen(items) {
      const candidates = items.filter((item) => !index.hasId(item.id) && !hasUrl(index, item.url));
      const seenBefore = await seen.seen(candidates.flatMap(seenKeys));
      return candidates.filter((item) => !seenKeys(item).some((key) => seenBefore.has(key)));
    },

    latest: (query) => index.latest(query),
    byTopic: (topicId, query) => index.byTopic(topicId, query),
    search: (text, query) => index.searchPage(text, query),
    countLatest: (sourceIds, except) => index.countLatest(sourceIds, except),
    countByTopic: (topicId, except) => index.countByTopic(topicId, except),
    countSearch: (text, except) => index.countSearch(text, except),
    latestStories: (query) => pages.latest(query),
    storiesByTopic: (topicId, query) => pages.byTopic(topicId, query),
    searchStories: (text, query) => pages.search(text, query),
    storyOf: (articleId) => shelf.index.storyOf(articleId),
    storyMembers: (storyId) => shelf.index.members(storyId),
    firstSeenBetween: (from, to, limit) => index.firstSeenBetween(from, to, limit),
    countFirstSeenBetween: (from, to) => index.countFirstSeenBetween(from, to),
    settledBefore: () => adding ?? clock.now(),
    size: () => index.size,

    async get(id) {
      const value: unknown = await storeCall(`read article "${id}"`, () => articles.get(id));
      return value === undefined ? undefined : readArticle(id, value, onInvalid);
    },

    async prune() {
      const pruned = await exclusive(async () => {
        const old = index.firstSeenBefore(clock.now() - retentionMs);
        if (old.length === 0) return 0;
        // remembered first, so a crash between the two steps can only leave an article stored, never forgotten
        await seen.mark(old.flatMap(seenKeys));
        const ids = old.map((article) => article.id);
        await storeCall(`delete ${ids.length} old articles`, async () => {
          for (let start = 0; start < ids.length; start += BATCH) {
            await articles.deleteMany(ids.slice(start, start + BATCH));
          }
        });
        shelf.remove(ids);
        index.removeMany(ids);
        return old.length;
      });
      // the seen-set is listed without holding up add(), then trimmed a batch at a time
      if (clock.now() - lastSweep >= DAY_MS) {
        lastSweep = clock.now();
        const expired = await seen.expired();
        for (let start = 0; start < expired.length && !closing; start += BATCH) {
          await exclusive(() => seen.deleteExpired(expired.slice(start, start + BATCH)));
        }
      }
      return pruned;
    },

    close() {
      closing = true;
      const done = queue.then(() => {
        closed = true;
      });
      queue = done;
      return done;
    },
  };
}

async function rebuild(
  articles: Keyv,
  index: ArticleIndex,
  onInvalid: (key: string, problem: string) => void,
): Promise<void> {
  const iterator = articles.iterator;
  if (!iterator)
    throw new StoreError('The store cannot list the "articles" namespace, so the index cannot be built.');
  let batch: Article[] = [];
  try {
    for await (const [key, value] of iterator(undefined) as AsyncGenerator<[string, unknown]>) {
      const article = readArticle(key, value, onInvalid);
      if (article) batch.push(article);
      if (batch.length >= REBUILD_BATCH) {
        index.addMany(batch, { settle: false });
        batch = [];
      }
    }
  } catch (error) {
    throw new StoreError(
      `Could not read the "articles" namespace to build the index: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  index.addMany(batch, { settle: false });
  index.settle();
  index.words.trim();
}

function readArticle(key: string, value: unknown, onInvalid: (key: string, problem: string) => void) {
  if (isUnreadable(value)) {
    onInvalid(`articles:${key}`, value.unreadable);
    return undefined;
  }
  const parsed = ArticleSchema.safeParse(value);
  if (!parsed.success) {
    onInvalid(`articles:${key}`, problemOf(parsed.error));
    return undefined;
  }
  if (parsed.data.id !== key) {
    onInvalid(`articles:${key}`, `the article's id is "${parsed.data.id}", not its key`);
    return undefined;
  }
  return parsed.data;
}

function hasUrl(index: ArticleIndex, url: string | undefined): boolean {
  return url !== undefined && index.hasUrl(url);
}

function problemOf(error: z.ZodError): string {
  return z.prettifyError(error).replace(/\s*\n\s*/g, '; ');
}

async function storeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StoreError(`Could not ${what} (store namespace "articles"): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
