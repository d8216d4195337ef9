// the parsing ingest hands to the parse worker: a feed, a page, or one listing entry's article page.
// plain data in and out, so it crosses a worker boundary (structured clone) unchanged.
import type { FeedArticle } from '../articles/article.js';
import { readFeedInterval } from '../fetch/feed-interval.js';
import { parseFeed, type ParsedFeed, type ParseFeedOptions } from '../feeds/parse-feed.js';
import type { FillResult } from '../pages/fill-listing-articles.js';
import type { ParsedPage, ParsePageOptions } from '../pages/parse-page.js';

export interface FetchedBytes {
  bytes: Uint8Array;
  /** lower-case names */
  headers: Record<string, string>;
  /** after redirects */
  url: string;
}

export type ParseTask =
  | { kind: 'feed'; bytes: Uint8Array; options: ParseFeedOptions }
  | { kind: 'page'; bytes: Uint8Array; options: ParsePageOptions }
  /** a listing entry and its fetched article page: the entry with the page's text filled in */
  | { kind: 'article'; article: FeedArticle; page: FetchedBytes };

export interface ParseResults {
  /** `intervalMs`: what the feed asks for (<ttl>, sy:updatePeriod), before any bounds */
  feed: { feed: ParsedFeed; intervalMs?: number };
  page: ParsedPage;
  article: FillResult;
}

export type ParseResult<T extends ParseTask> = ParseResults[T['kind']];

/** Runs one task on this thread; throws FeedError for input that is not a feed or page. */
export async function runParseTask<T extends ParseTask>(task: T): Promise<ParseResult<T>> {
  return (await run(task)) as ParseResult<T>;
}

async function run(task: ParseTask): Promise<ParseResults[ParseTask['kind']]> {
  switch (task.kind) {
    case 'feed': {
      const feed = parseFeed(task.bytes, task.options);
      const intervalMs = readFeedInterval(task.bytes);
      return intervalMs === undefined ? { feed } : { feed, intervalMs };
    }
    // the page modules (a dom, readability) load on first use: a feed-only worker starts faster
    case 'page': {
      const { parsePage } = await import('../pages/parse-page.js');
      return parsePage(task.bytes, task.options);
    }
    case 'article': {
      const { fillListingArticles } = await import('../pages/fill-listing-articles.js');
      return fillListingArticles([task.article], async () => task.page, { concurrency: 1 });
    }
  }
}

/** The buffers a task can hand over to a worker instead of copying them. */
export function taskBytes(task: ParseTask): Uint8Array {
  return task.kind === 'article' ? task.page.bytes : task.bytes;
}
