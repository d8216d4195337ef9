// the core's public entry: commands/ and adapters/ import from here only.
export type { Article, FeedArticle } from './articles/article.js';
export { openBriefer, type Briefer, type BrieferFetchOptions, type BrieferOptions } from './briefer.js';
export type { BriefingMessage, BriefingSender, SendResult } from './briefings/briefing-sender.js';
export {
  BRIEFING_DEFAULTS,
  type BriefingOptions,
  type BriefingService,
  type BriefingStatus,
  type SubscriptionChange,
} from './briefings/briefing-service.js';
export type { TickReport } from './briefings/briefing-scheduler.js';
export { resolveTimeZone, suggestTimeZones, timeZoneChoices } from './briefings/resolve-time-zone.js';
export {
  DEFAULT_BRIEFING_TIME,
  LocalTimeSchema,
  MAX_SUBSCRIBED_TOPICS,
  platformOf,
  type BriefingMode,
  type Subscription,
} from './briefings/subscription.js';
export { systemClock, createFixedClock, type Clock } from './clock.js';
export { loadConfig, type Config } from './config.js';
export { buildDigest, type DigestRequest } from './digest/build-digest.js';
export { digestItems, type Digest, type DigestItem, type DigestSection } from './digest/digest.js';
export { formatAbsolute, formatDay, formatRelative } from './digest/format-time.js';
export { articleTime, rankArticles } from './digest/rank.js';
export { ConfigError, FeedError, StoreError, UserError } from './errors.js';
export { MAX_FEED_BYTES, parseFeed, type ParsedFeed } from './feeds/parse-feed.js';
export type { SourceOutcome } from './ingest/ingest-sources.js';
export { DEFAULT_READ_LIMITS } from './ingest/ingest-sources.js';
export type { HealthChangeDetail, HealthListener } from './health/health-board.js';
export { plainError } from './health/plain-error.js';
export type { HealthState, SourceHealth } from './health/source-health.js';
export type { SourceReport } from './health/source-report.js';
export { readSource } from './ingest/read-source.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './logger.js';
export { loadSources, parseSources } from './sources/load-sources.js';
export type { Source } from './sources/source.js';
export type { NewsStore, StoredArticle } from './store/news-store.js';
export type { Topic } from './topics/topic.js';
export type { TopicMatcher } from './topics/topic-matcher.js';
export { foldText, words } from './text/fold.js';
export { findSources } from './sources/find-sources.js';
export { noteLine, type ImportNote } from './sources/import-note.js';
export { failureInLocale } from './sources/fetch-reason.js';
export { createPoller, POLL_TICK_MS, type Poller } from './ingest/poller.js';
export { loadTopics } from './topics/load-topics.js';
export { createTopicMatcher } from './topics/topic-matcher.js';
export { suggestTopics } from './topics/suggest.js';
export { isTimeZone } from './time-zone.js';
export { formatItemTime } from './digest/format-time.js';
export { httpUrl } from './text/http-url.js';
export { isHighSurrogate, truncateAtWord } from './text/truncate.js';
export type { KeyvStore } from './store/open-keyv.js';
export { createSourceHealthNotices } from './sources/source-health-notices.js';
export { ChatLanguageSchema, type ChatLanguage, type ChatLanguages } from './i18n/chat-language.js';
export * from './i18n/index.js';
