import type { Clock } from '../clock.js';
import { FeedError } from '../errors.js';
import { MAX_FEED_BYTES, parseFeed } from '../feeds/parse-feed.js';
import type { Logger } from '../logger.js';
import type { Source } from '../sources/source.js';
import type { NewsStore } from '../store/news-store.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { FirstFetchLog } from './first-fetch.js';
import { readSource, type ReadLimits } from './read-source.js';

/** What one fetch of one source gave. */
export interface SourceOutcome {
  sourceId: string;
  at: number;
  ok: boolean;
  /** items the feed had, new ones, and items dropped as unusable */
  items: number;
  added: number;
  skipped: number;
  /** one line naming the cause, when ok is false */
  error?: string;
}

export interface IngestDeps {
  store: NewsStore;
  matcher: TopicMatcher;
  clock: Clock;
  logger: Logger;
  limits?: ReadLimits;
  /** sources fetched at once */
  concurrency?: number;
  /** when given, what a source lists at its first successful fetch is stored as backlog (never "new") */
  firstFetches?: FirstFetchLog;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: MAX_FEED_BYTES, timeoutMs: 15_000 };

/** Fetches every source once and stores what is new; one failing source never stops the others. */
export async function ingestSources(sources: readonly Source[], deps: IngestDeps): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = new Array(sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const index = next++;
      outcomes[index] = await ingestSource(sources[index]!, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 8, sources.length) }, worker));
  return outcomes;
}

export async function ingestSource(source: Source, deps: IngestDeps): Promise<SourceOutcome> {
  const at = deps.clock.now();
  try {
    if (source.kind === 'page') {
      throw new FeedError(
        `${source.url.href} is a page source; reading pages without a feed is not supported yet`,
      );
    }
    const read = await readSource(source.url, deps.limits ?? DEFAULT_READ_LIMITS);
    const feed = parseFeed(read.bytes, {
      sourceId: source.id,
      language: source.language,
      url: read.url,
      headers: read.headers,
    });
    const backlog = await isFirstFetch(source.id, deps);
    const tagged = feed.articles.map((article) => ({
      ...article,
      topics: deps.matcher.tag([article.title, article.summary, article.text]),
      ...(backlog && { backlog: true }),
    }));
    const { added } = await deps.store.add(tagged);
    await deps.firstFetches?.record(source.id, at);
    for (const reason of feed.skipped.reasons.slice(0, 3)) {
      deps.logger.debug('skipped a feed item', { source: source.id, reason });
    }
    deps.logger.info('fetched source', {
      source: source.id,
      items: feed.articles.length,
      added: added.length,
      skipped: feed.skipped.count || undefined,
    });
    return {
      sourceId: source.id,
      at,
      ok: true,
      items: feed.articles.length,
      added: added.length,
      skipped: feed.skipped.count,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = message.includes(source.id) ? message : `${source.id}: ${message}`;
    deps.logger.warn('source failed', { source: source.id, error: line });
    if (!(error instanceof FeedError))
      deps.logger.debug('source failure detail', { source: source.id, error });
    return { sourceId: source.id, at, ok: false, items: 0, added: 0, skipped: 0, error: line };
  }
}

// a source never fetched before; one whose articles are already stored (a store older than this log) is not
async function isFirstFetch(sourceId: string, deps: IngestDeps): Promise<boolean> {
  if (!deps.firstFetches) return false;
  if ((await deps.firstFetches.firstFetchAt(sourceId)) !== undefined) return false;
  return deps.store.countLatest([sourceId]) === 0;
}
