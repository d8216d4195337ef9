// the core, assembled: sources, topics and the article store, and one way to refresh them.
import { setMaxListeners } from 'node:events';
import {
  openBriefingService,
  type BriefingOptions,
  type BriefingService,
} from './briefings/briefing-service.js';
import { systemClock, type Clock } from './clock.js';
import { createNodeHttpFetch, type NodeHttpFetchOptions } from './fetch/node-http-fetch.js';
import { createHealthBoard, HEALTH_NAMESPACE, type HealthListener } from './health/health-board.js';
import { logHealthChanges } from './health/log-health-changes.js';
import { healthPolicy, type HealthPolicy, type SourceHealth } from './health/source-health.js';
import { reportSources, type SourceReport } from './health/source-report.js';
import { openChatLanguages, type ChatLanguages } from './i18n/chat-language.js';
import { createFirstFetchLog } from './ingest/first-fetch.js';
import {
  INLINE_PARSER,
  ingestSources,
  type IngestDeps,
  type Parser,
  type SourceOutcome,
} from './ingest/ingest-sources.js';
import { DEFAULT_PARSE_TIMEOUT_MS, sharedParsePool } from './ingest/parse-pool.js';
import type { ReadLimits } from './ingest/read-source.js';
import { silentLogger, type Logger } from './logger.js';
import { openChatSources, type ChatSources, type ChatSourcesOptions } from './sources/chat-sources.js';
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
  /** ALLOW_CHAT_SOURCES (allow), the fetcher for user-given urls, the per-chat limit */
  chatSources?: ChatSourcesOptions;
  /** FETCH_INTERVAL_MINUTES in ms: how often a working source is polled (default 10 min); a feed's
   *  own <ttl> or sy:updatePeriod may make it less often, up to 2 h */
  pollIntervalMs?: number;
  /** the one polite fetcher every source shares (FETCH_HOST_CONCURRENCY → hostConcurrency,
   *  CONTACT_URL → contactUrl) */
  fetch?: BrieferFetchOptions;
  /** parsing runs on the process's parse workers, each parse under a time limit (default 5 s);
   *  `inline` parses on this thread instead, with no limit (benchmarks, one-shot tools) */
  parse?: { timeoutMs?: number; inline?: boolean };
  /** each change of a source's state (ok, failing, disabled), once */
  onHealthChange?: HealthListener;
  /** backoff, interval bounds and the jitter source (tests) */
  health?: Partial<HealthPolicy>;
}

export type BrieferFetchOptions = Pick<
  NodeHttpFetchOptions,
  | 'userAgent'
  | 'contactUrl'
  | 'hostConcurrency'
  | 'hostGapMs'
  | 'connectTimeoutMs'
  | 'maxRedirects'
  | 'resolver'
  | 'trustedHosts'
> & {
  /** sources fetched at once (default 16) */
  sourcesAtOnce?: number;
  /** article pages one listing poll may fetch (default 30) */
  maxArticlePages?: number;
};

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
  /** sources added by chats (/source): each visible to its chat only */
  readonly chatSources: ChatSources;
  /** each chat's /language settings: the bot's language there, the news languages, the calendar */
  readonly languages: ChatLanguages;
  /** the last fetch of each source, by source id */
  readonly outcomes: ReadonlyMap<string, SourceOutcome>;
  /** subscriptions and their delivery; built here, started by the composition root with the senders */
  readonly briefings: BriefingService;
  /** fetches every source once (due or not) and stores what is new; never throws for a failing source */
  refresh(): Promise<SourceOutcome[]>;
  /** fetches the sources whose next check has come (for the poller's tick); never throws for a failing source */
  refreshDue(): Promise<SourceOutcome[]>;
  /** everything about a chat goes: its subscription, settings, delivery records and own sources */
  forgetChat(chat: string): Promise<void>;
  /** a chat changed its id (a Telegram group became a supergroup): everything about it moves */
  moveChat(from: string, to: string): Promise<void>;
  /** a source's health and schedule; undefined before its first fetch */
  sourceHealth(sourceId: string): Promise<SourceHealth | undefined>;
  /** state, last success, last error, items of the last 24 h and next check, for these sources (default: the operator's) */
  reportSources(sources?: readonly Source[]): Promise<SourceReport[]>;
  /** listens to every change of a source's state; returns the function that stops listening */
  onHealthChange(listener: HealthListener): () => void;
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
  const languages = await openChatLanguages(keyv, (key, problem) =>
    logger.warn('skipped an invalid stored chat language record', { key, problem }),
  );
  const briefings = await openBriefingService(
    {
      keyv,
      store,
      topics,
      sources: sourcesById,
      clock,
      logger,
      // a chat's own sources are for its briefings only (chatSources is opened below, before any delivery)
      isVisible: (chat, sourceId) => chatSources.isVisible(chat, sourceId),
      chatLanguage: (chat) => languages.get(chat),
    },
    options.briefings,
  );
  const policy = healthPolicy(options.pollIntervalMs ?? 10 * 60_000, options.health);
  const health = createHealthBoard({
    keyv: keyv.namespace(HEALTH_NAMESPACE),
    policy,
    onInvalid: (key, problem) =>
      logger.warn('skipped an invalid stored source health record', { key, problem }),
    onListenerError: (error) => logger.error('a source health listener failed', { error }),
  });
  const operator = new Set(options.sources.map((source) => source.id));
  health.onChange(logHealthChanges(logger, (sourceId) => operator.has(sourceId)));
  if (options.onHealthChange) health.onChange(options.onHealthChange);
  const chatSources = await openChatSources(
    { keyv, clock, logger, operatorSources: options.sources },
    options.chatSources,
  );
  const { sourcesAtOnce, maxArticlePages, ...fetchOptions } = options.fetch ?? {};
  // chats' sources are polled with this fetcher too (public-only): the same test hooks apply
  const userFetch = options.chatSources?.fetch;
  const resolver = fetchOptions.resolver ?? userFetch?.resolver;
  const trustedHosts = [...(fetchOptions.trustedHosts ?? []), ...(userFetch?.trustedHosts ?? [])];
  const fetcher = createNodeHttpFetch({
    ...fetchOptions,
    ...(resolver ? { resolver } : {}),
    ...(trustedHosts.length ? { trustedHosts } : {}),
  });
  const timeoutMs = options.parse?.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const parser: Parser = options.parse?.inline
    ? INLINE_PARSER
    : { run: (task) => sharedParsePool().run(task, { timeoutMs }) };
  const stopping = new AbortController();
  // every fetch in flight listens to it (and stops listening when done): no leak to warn about
  setMaxListeners(0, stopping.signal);
  const deps: IngestDeps = {
    store,
    matcher: topics,
    clock,
    logger,
    firstFetches,
    health,
    fetch: fetcher,
    parser,
    inFlight: new Map(),
    signal: stopping.signal,
    // only the operator's own sources may point at private addresses
    publicOnly: (source) => !operator.has(source.id),
    ...(options.readLimits ? { limits: options.readLimits } : {}),
    ...(sourcesAtOnce !== undefined ? { concurrency: sourcesAtOnce } : {}),
    ...(maxArticlePages !== undefined ? { maxArticlePages } : {}),
  };
  const allSources = (): readonly Source[] => {
    const extra = chatSources.allSources();
    return extra.length
      ? [...options.sources, ...extra.filter((source) => !operator.has(source.id))]
      : options.sources;
  };
  const outcomes = new Map<string, SourceOutcome>();
  const ingest = async (sources: readonly Source[]) => {
    if (closed) return [];
    const results = await ingestSources(sources, deps);
    for (const outcome of results) outcomes.set(outcome.sourceId, outcome);
    if (results.length > 0 && !closed) {
      const pruned = await store.prune();
      if (pruned) logger.info('pruned old articles', { count: pruned });
    }
    return results;
  };
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
    languages,
    keyv,
    chatSources,
    refresh: () => ingest(allSources()),
    async refreshDue() {
      const now = clock.now();
      const due: Source[] = [];
      for (const source of allSources()) {
        const known = await health.get(source.id);
        if (!known || known.nextCheckAt <= now) due.push(source);
      }
      return ingest(due);
    },
    sourceHealth: (sourceId) => health.get(sourceId),
    reportSources: (sources = options.sources) => reportSources(sources, { health, store, now: clock.now() }),
    onHealthChange: (listener) => health.onChange(listener),
    async forgetChat(chat) {
      await briefings.forget(chat);
      await chatSources.forget(chat);
      await languages.forget(chat);
    },
    async moveChat(from, to) {
      await briefings.move(from, to);
      await chatSources.move(from, to);
      await languages.move(from, to);
    },
    async close() {
      if (closed) return;
      closed = true;
      // fetches in flight stop now; what they already read is stored before the store closes
      stopping.abort();
      await Promise.allSettled([...(deps.inFlight?.values() ?? [])]);
      fetcher.close();
      await briefings.stop();
      await store.close();
      await keyv.close();
    },
  };
}
