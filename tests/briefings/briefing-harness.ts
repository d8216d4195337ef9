// a briefing service over a memory store, a fixed clock and a fake sender: no wall-clock waits.
import type { Article } from '../../src/articles/article.js';
import { openBriefingService, type BriefingOptions } from '../../src/briefings/briefing-service.js';
import type { BriefingMessage, BriefingSender, SendResult } from '../../src/briefings/briefing-sender.js';
import { createFixedClock } from '../../src/clock.js';
import { digestItems } from '../../src/digest/digest.js';
import type { Logger } from '../../src/logger.js';
import { openNewsStore, type NewsStore } from '../../src/store/news-store.js';
import { openKeyvStore, type KeyvStore } from '../../src/store/open-keyv.js';
import { loadTopics } from '../../src/topics/load-topics.js';
import { createTopicMatcher, type TopicMatcher } from '../../src/topics/topic-matcher.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const at = (iso: string) => Date.parse(iso);

export interface Sent {
  target: string;
  message: BriefingMessage;
  at: number;
}

export type Behaviour = (
  target: string,
  message: BriefingMessage,
  call: number,
) => SendResult | Promise<SendResult>;

/** records what it sent; `behaviour` decides the result of each call (default: ok) */
export function createFakeSender(clock: { now(): number }, behaviour?: Behaviour) {
  const sent: Sent[] = [];
  let calls = 0;
  let ids = 0;
  const sender: BriefingSender & { sent: Sent[]; calls(): number; to(target: string): Sent[] } = {
    sent,
    calls: () => calls,
    to: (target) => sent.filter((s) => s.target === target),
    async send(target, message) {
      const call = ++calls;
      const result = behaviour ? await behaviour(target, message, call) : undefined;
      if (result && !result.ok) return result;
      sent.push({ target, message, at: clock.now() });
      return result ?? { ok: true, messageIds: [`m${++ids}`] };
    },
  };
  return sender;
}

export function createRecordingLogger() {
  const lines: { level: string; message: string; context?: Record<string, unknown> }[] = [];
  const log = (level: string) => (message: string, context?: Record<string, unknown>) =>
    lines.push({ level, message, ...(context && { context }) });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

let topicMatcher: TopicMatcher | undefined;
export async function bundledTopics(): Promise<TopicMatcher> {
  topicMatcher ??= createTopicMatcher(await loadTopics());
  return topicMatcher;
}

export const noWait = async () => true;

/** a service as after a (re)start: give the same `keyv` to simulate a restart on the same store */
export async function openHarness(options: {
  now: number;
  keyv?: KeyvStore;
  briefings?: BriefingOptions;
  clock?: ReturnType<typeof createFixedClock>;
}) {
  const clock = options.clock ?? createFixedClock(options.now);
  clock.set(options.now);
  const keyv = options.keyv ?? (await openKeyvStore('memory://'));
  const { logger, lines } = createRecordingLogger();
  const store = await openNewsStore({ keyv, retentionDays: 30, clock });
  const topics = await bundledTopics();
  const service = await openBriefingService(
    { keyv, store, topics, sources: new Map(), clock, logger },
    { sleep: noWait, ...options.briefings },
  );
  return { clock, keyv, store, topics, service, logs: lines };
}

let counter = 0;
/** stores articles first seen at the clock's time now */
export async function addArticles(
  store: NewsStore,
  count: number,
  over: Partial<Omit<Article, 'firstSeenAt'>> = {},
): Promise<string[]> {
  const articles = Array.from({ length: count }, () => {
    counter++;
    const url = `https://example.org/story-${counter}`;
    return {
      id: url,
      sourceId: 'example-news',
      title: `Story ${counter} about the region`,
      url,
      publishedAt: null,
      summary: 'A short summary.',
      text: 'The text.',
      language: 'en',
      topics: ['afghanistan'],
      ...over,
    };
  });
  const { added } = await store.add(articles);
  return added.map((article) => article.title);
}

export const titlesOf = (message: BriefingMessage | undefined) =>
  message?.digest ? digestItems(message.digest).map((item) => item.title) : [];
