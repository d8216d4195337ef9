// a page source: an article page gives its article; a listing page (a category or front page) its
// entries, and each entry the store has never seen gets its article page fetched (same fetcher,
// same caps) and extracted on the parse worker. a page that announces a feed is reported once,
// with the advice to switch; the source is never switched silently.
import type { FeedArticle } from '../articles/article.js';
import { FeedError } from '../errors.js';
import type { SourceHealth } from '../health/source-health.js';
import type { Source } from '../sources/source.js';
import { DEFAULT_READ_LIMITS, INLINE_PARSER, type IngestDeps, type SourceItems } from './ingest-deps.js';
import { readSource, type SourceBytes } from './read-source.js';

export const DEFAULT_MAX_ARTICLE_PAGES = 30;
// article pages fetched at once for one listing (the fetcher's per-host limit still applies)
const PAGES_AT_ONCE = 3;

export async function readPageItems(
  source: Source,
  read: SourceBytes,
  health: SourceHealth | undefined,
  deps: IngestDeps,
): Promise<SourceItems> {
  const parser = deps.parser ?? INLINE_PARSER;
  const page = await parser.run({
    kind: 'page',
    bytes: read.bytes,
    options: { sourceId: source.id, language: source.language, url: read.url, headers: read.headers },
  });
  const items: SourceItems = { articles: page.articles, skipped: page.skipped };
  const feed = page.feeds[0];
  if (feed !== undefined && health?.feedSuggested !== feed) {
    deps.logger.info('page source announces a feed: reading the feed is faster and more reliable', {
      source: source.id,
      feed,
      advice: 'set the source\'s url to the feed and its kind to "feed"',
    });
    items.feedSuggested = feed;
  }
  if (page.kind === 'other') {
    throw new FeedError(
      `Page ${source.id} (${read.url}) is not a news page: neither an article nor a listing of articles`,
    );
  }
  if (page.kind === 'listing') items.articles = await fillNewEntries(source, page.articles, deps);
  return items;
}

/** The entries with their article pages' text, for those the store has not seen (up to the limit). */
async function fillNewEntries(
  source: Source,
  entries: FeedArticle[],
  deps: IngestDeps,
): Promise<FeedArticle[]> {
  const fresh = await deps.store.unseen(entries);
  const wanted = fresh.slice(0, deps.maxArticlePages ?? DEFAULT_MAX_ARTICLE_PAGES);
  const filled = new Map<string, FeedArticle>();
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < wanted.length && !deps.signal?.aborted) {
      const entry = wanted[next++] as FeedArticle;
      const result = await fillOne(source, entry, deps);
      if (result.failure) {
        failures++;
        deps.logger.debug('could not read an article page', {
          source: source.id,
          url: entry.url,
          reason: result.failure,
        });
      }
      filled.set(entry.id, result.article);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAGES_AT_ONCE, wanted.length) }, worker));
  if (failures > 0) {
    deps.logger.debug('some article pages kept their listing lede', {
      source: source.id,
      failures,
      of: wanted.length,
    });
  }
  // entries already seen go along unchanged: the store recognises them and adds nothing
  return entries.map((entry) => filled.get(entry.id) ?? entry);
}

async function fillOne(
  source: Source,
  entry: FeedArticle,
  deps: IngestDeps,
): Promise<{ article: FeedArticle; failure?: string }> {
  if (entry.url === undefined) return { article: entry, failure: 'no link to the article page' };
  try {
    const read = await readSource(new URL(entry.url), deps.limits ?? DEFAULT_READ_LIMITS, {
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.publicOnly?.(source) ? { publicOnly: true } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    const result = await (deps.parser ?? INLINE_PARSER).run({
      kind: 'article',
      article: entry,
      page: { bytes: read.bytes, headers: read.headers, url: read.url },
    });
    const article = result.articles[0] ?? entry;
    const failure = result.failures[0]?.reason;
    return failure === undefined ? { article } : { article, failure };
  } catch (error) {
    return { article: entry, failure: error instanceof Error ? error.message : String(error) };
  }
}
