// what ingest works with: its dependencies, what one fetch gives, and the defaults.
import type { FeedArticle } from '../articles/article.js';
import type { Clock } from '../clock.js';
import type { HttpFetch } from '../fetch/http-fetch.js';
import { MAX_FEED_BYTES } from '../feeds/parse-feed.js';
import type { HealthBoard } from '../health/health-board.js';
import type { HealthState } from '../health/source-health.js';
import type { Logger } from '../logger.js';
import type { Source } from '../sources/source.js';
import type { NewsStore } from '../store/news-store.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { FirstFetchLog } from './first-fetch.js';
import type { ParsePool } from './parse-pool.js';
import { runParseTask } from './parse-tasks.js';
import type { ReadLimits } from './read-source.js';

/** What one fetch of one source gave. */
export interface SourceOutcome {
  sourceId: string;
  at: number;
  ok: boolean;
  /** items the feed had, new ones, and items dropped as unusable */
  items: number;
  added: number;
  skipped: number;
  /** the server answered 304: nothing changed, nothing parsed */
  notModified?: boolean;
  /** one line naming the source and the cause, when ok is false */
  error?: string;
  /** health after this fetch, when health is kept */
  state?: HealthState;
  nextCheckAt?: number;
}

/** Parsing, on a worker under a time limit (ParsePool) or on this thread. */
export type Parser = Pick<ParsePool, 'run'>;

export const INLINE_PARSER: Parser = { run: (task) => runParseTask(task) };

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
  /** the shared, polite fetcher; readSource's own default when absent */
  fetch?: HttpFetch;
  /** the clock the fetcher stamps Retry-After times with (system time by default) */
  fetchClock?: Clock;
  /** INLINE_PARSER when absent */
  parser?: Parser;
  /** when given, each fetch updates the source's health and schedule, and validators are kept */
  health?: HealthBoard;
  /** sources given by users: their urls (and their article pages) must resolve to public addresses */
  publicOnly?: (source: Source) => boolean;
  /** article pages one listing poll may fetch; the other new entries keep their listing lede */
  maxArticlePages?: number;
  /** fetches running now, shared by overlapping refreshes so a source is never fetched twice at once */
  inFlight?: Map<string, Promise<SourceOutcome>>;
  /** aborted on shutdown: fetches in flight stop, no new source is started, and nothing is held
   *  against a source's health */
  signal?: AbortSignal;
}

/** What a feed or page source gave, before tagging and storing. */
export interface SourceItems {
  articles: FeedArticle[];
  skipped: { count: number; reasons: string[] };
  /** what the feed asks for (<ttl>, sy:updatePeriod), unbounded */
  feedIntervalMs?: number;
  /** a page source's announced feed, suggested in the log this time */
  feedSuggested?: string;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: MAX_FEED_BYTES, timeoutMs: 15_000 };
