// the ingest loop: each source fetched (conditionally), parsed, tagged and stored, its health and
// next check recorded; one failing source never stops the others.
import { systemClock, type Clock } from '../clock.js';
import { FeedError } from '../errors.js';
import { RetryLaterError } from '../fetch/fetch-errors.js';
import { plainError } from '../health/plain-error.js';
import type { SourceHealth } from '../health/source-health.js';
import type { Source } from '../sources/source.js';
import {
  DEFAULT_READ_LIMITS,
  INLINE_PARSER,
  type IngestDeps,
  type SourceItems,
  type SourceOutcome,
} from './ingest-deps.js';
import { readPageItems } from './ingest-page.js';
import { readSource, type SourceBytes } from './read-source.js';

export {
  DEFAULT_READ_LIMITS,
  INLINE_PARSER,
  type IngestDeps,
  type Parser,
  type SourceItems,
  type SourceOutcome,
} from './ingest-deps.js';

/** Fetches every source once and stores what is new; one failing source never stops the others. */
export async function ingestSources(sources: readonly Source[], deps: IngestDeps): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = new Array(sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length && !deps.signal?.aborted) {
      const index = next++;
      outcomes[index] = await ingestOnce(sources[index]!, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 16, sources.length) }, worker));
  // on shutdown, the sources never started have no outcome
  return outcomes.filter((outcome) => outcome !== undefined);
}

function ingestOnce(source: Source, deps: IngestDeps): Promise<SourceOutcome> {
  const running = deps.inFlight?.get(source.id);
  if (running) return running;
  const fetching = ingestSource(source, deps).finally(() => deps.inFlight?.delete(source.id));
  deps.inFlight?.set(source.id, fetching);
  return fetching;
}

/** One fetch of one source; never throws. */
export async function ingestSource(source: Source, deps: IngestDeps): Promise<SourceOutcome> {
  const at = deps.clock.now();
  let health: SourceHealth | undefined;
  try {
    health = await deps.health?.get(source.id);
    // validators belong to the url they came from: a source whose url changed is fetched whole
    const validators = health?.url === source.url.href ? health.validators : undefined;
    const read = await readSource(source.url, deps.limits ?? DEFAULT_READ_LIMITS, {
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(validators ? { validators } : {}),
      ...(deps.publicOnly?.(source) ? { publicOnly: true } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (read.notModified) return await unchanged(source, read, at, deps);
    const items =
      source.kind === 'page'
        ? await readPageItems(source, read, health, deps)
        : await readFeedItems(source, read, deps);
    return await store(source, read, items, at, health, deps);
  } catch (error) {
    return failed(source, error, at, deps);
  }
}

async function readFeedItems(source: Source, read: SourceBytes, deps: IngestDeps): Promise<SourceItems> {
  const { feed, intervalMs } = await (deps.parser ?? INLINE_PARSER).run({
    kind: 'feed',
    bytes: read.bytes,
    options: { sourceId: source.id, language: source.language, url: read.url, headers: read.headers },
  });
  const items: SourceItems = { articles: feed.articles, skipped: feed.skipped };
  if (intervalMs !== undefined) items.feedIntervalMs = intervalMs;
  return items;
}

async function store(
  source: Source,
  read: SourceBytes,
  items: SourceItems,
  at: number,
  health: SourceHealth | undefined,
  deps: IngestDeps,
): Promise<SourceOutcome> {
  // a source's first fetch, and its first after being disabled, bring its backlog: stored, never "new"
  const backlog = health?.state === 'disabled' || (await isFirstFetch(source.id, deps));
  const tagged = items.articles.map((article) => ({
    ...article,
    topics: deps.matcher.tag([article.title, article.summary, article.text]),
    ...(backlog && { backlog: true }),
  }));
  const { added } = await deps.store.add(tagged);
  await deps.firstFetches?.record(source.id, at);
  // validators only now: a body that failed to parse or store is fetched whole next time
  const after = await deps.health?.succeeded(source.id, {
    now: deps.clock.now(),
    url: source.url.href,
    ...(read.validators ? { validators: read.validators } : {}),
    ...(items.feedIntervalMs !== undefined ? { feedIntervalMs: items.feedIntervalMs } : {}),
    ...(items.feedSuggested !== undefined ? { feedSuggested: items.feedSuggested } : {}),
  });
  for (const reason of items.skipped.reasons.slice(0, 3)) {
    deps.logger.debug('skipped a feed item', { source: source.id, reason });
  }
  const context = {
    source: source.id,
    items: items.articles.length,
    added: added.length,
    skipped: items.skipped.count || undefined,
    backlog: backlog || undefined,
  };
  if (added.length > 0) deps.logger.info('fetched source', context);
  else deps.logger.debug('fetched source', context);
  return {
    sourceId: source.id,
    at,
    ok: true,
    items: items.articles.length,
    added: added.length,
    skipped: items.skipped.count,
    ...healthPart(after),
  };
}

async function unchanged(
  source: Source,
  read: SourceBytes,
  at: number,
  deps: IngestDeps,
): Promise<SourceOutcome> {
  const after = await deps.health?.succeeded(source.id, {
    now: deps.clock.now(),
    url: source.url.href,
    ...(read.validators ? { validators: read.validators } : {}),
  });
  deps.logger.debug('source not modified', { source: source.id });
  return {
    sourceId: source.id,
    at,
    ok: true,
    items: 0,
    added: 0,
    skipped: 0,
    notModified: true,
    ...healthPart(after),
  };
}

async function failed(source: Source, error: unknown, at: number, deps: IngestDeps): Promise<SourceOutcome> {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.includes(source.id) ? message : `${source.id}: ${message}`;
  // each failure at debug level: the log hears of a change of state once (logHealthChanges)
  deps.logger.debug('source failed', { source: source.id, error: line });
  if (!(error instanceof FeedError)) deps.logger.debug('source failure detail', { source: source.id, error });
  const outcome: SourceOutcome = {
    sourceId: source.id,
    at,
    ok: false,
    items: 0,
    added: 0,
    skipped: 0,
    error: line,
  };
  // shutting down is not the source's fault
  if (deps.signal?.aborted) return outcome;
  if (!deps.health) {
    deps.logger.warn('source failed', { source: source.id, error: line });
    return outcome;
  }
  const now = deps.clock.now();
  try {
    const after = await deps.health.failed(source.id, {
      now,
      error: plainError(message),
      ...retryAtPart(error, now, deps.fetchClock ?? systemClock),
    });
    return { ...outcome, ...healthPart(after) };
  } catch (storeError) {
    deps.logger.error('could not record a source failure', { source: source.id, error: storeError });
    return outcome;
  }
}

// the fetcher dates Retry-After on its own clock; the schedule runs on the briefer's
function retryAtPart(error: unknown, now: number, fetchClock: Clock): { retryAt?: number } {
  if (!(error instanceof RetryLaterError) || error.retryAt === undefined) return {};
  return { retryAt: now + Math.max(0, error.retryAt - fetchClock.now()) };
}

function healthPart(health: SourceHealth | undefined): Pick<SourceOutcome, 'state' | 'nextCheckAt'> {
  return health ? { state: health.state, nextCheckAt: health.nextCheckAt } : {};
}

// a source never fetched before; one whose articles are already stored (a store older than this log) is not
async function isFirstFetch(sourceId: string, deps: IngestDeps): Promise<boolean> {
  if (!deps.firstFetches) return false;
  if ((await deps.firstFetches.firstFetchAt(sourceId)) !== undefined) return false;
  return deps.store.countLatest([sourceId]) === 0;
}
