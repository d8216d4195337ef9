// the core, assembled: sources, topics and the article store, and one way to refresh them.
import {
  openBriefingService,
  type BriefingOptions,
  type BriefingService,
} from './briefings/briefing-service.js';
import { systemClock, type Clock } from './clock.js';
import { createFirstFetchLog } from './ingest/first-fetch.js';
import { ingestSources, type SourceOutcome } from './ingest/ingest-sources.js';
import type { ReadLimits } from './ingest/read-source.js';
import { silentLogger, type Logger } from './logger.js';
import type { Source } from './sources/source.js';
import type { NewsStore } from './store/news-store.js';
import { openNewsStore } from './store/news-store.js';
import { openKeyvStore, type KeyvStore } from './store/open-keyv.js';
import { loadTopics } from './topics/load-topics.js';
import { createTopicMatcher, type TopicMatcher } from './topics/topic-matcher.js';

export interface BrieferOptions {
  storeUrl: string;
  sources: readonly Source[];
  topicsFile?: string | undefined;
  retentionDays: number;
  /** the zone readers see times in unless their chat has its own */
  timeZone: string;
  clock?: Clock;
  logger?: Logger;
  readLimits?: ReadLimits;
  /** LIVE_BATCH_MINUTES, CATCH_UP_HOURS, BRIEFING_MAX_ITEMS and test hooks */
  briefings?: BriefingOptions;
}

export interface Briefer {
  readonly sources: readonly Source[];
  readonly sourcesById: ReadonlyMap<string, Source>;
  readonly topics: TopicMatcher;
  readonly store: NewsStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timeZone: string;
  /** the store's namespaces, for adapters' own small state (e.g. the registered Discord commands) */
  readonly keyv: KeyvStore;
  /** the last fetch of each source, by source id */
  readonly outcomes: ReadonlyMap<string, SourceOutcome>;
  /** subscriptions and their delivery; built here, started by the composition root with the senders */
  readonly briefings: BriefingService;
  /** fetches every source once and stores what is new; never throws for a failing source */
  refresh(): Promise<SourceOutcome[]>;
  close(): Promise<void>;
}

export async function openBriefer(options: BrieferOptions): Promise<Briefer> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const topics = createTopicMatcher(await loadTopics(options.topicsFile));
  const keyv: KeyvStore = await openKeyvStore(options.storeUrl);
  const store = await openNewsStore({
    keyv,
    retentionDays: options.retentionDays,
    clock,
    onInvalid: (key, problem) => logger.warn('skipped an invalid stored article', { key, problem }),
  });
  const firstFetches = createFirstFetchLog(keyv.namespace('sources'), (key, problem) =>
    logger.warn('skipped an invalid stored source record', { key, problem }),
  );
  const sourcesById = new Map(options.sources.map((source) => [source.id, source]));
  const briefings = await openBriefingService(
    { keyv, store, topics, sources: sourcesById, clock, logger },
    options.briefings,
  );
  const outcomes = new Map<string, SourceOutcome>();
  let closed = false;
  return {
    sources: options.sources,
    sourcesById,
    topics,
    store,
    clock,
    logger,
    timeZone: options.timeZone,
    outcomes,
    briefings,
    keyv,
    async refresh() {
      const results = await ingestSources(options.sources, {
        store,
        matcher: topics,
        clock,
        logger,
        firstFetches,
        ...(options.readLimits ? { limits: options.readLimits } : {}),
      });
      for (const outcome of results) outcomes.set(outcome.sourceId, outcome);
      const pruned = await store.prune();
      if (pruned) logger.info('pruned old articles', { count: pruned });
      return results;
    },
    async close() {
      if (closed) return;
      closed = true;
      await briefings.stop();
      await store.close();
      await keyv.close();
    },
  };
}
