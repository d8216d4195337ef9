// one briefing to one chat, made idempotent by the ledger: read the entry, plan it once (pending),
// record each message as it goes, settle it (sent or failed); a restart resumes where it stopped.
import type { Clock } from '../clock.js';
import { formatDay } from '../digest/format-time.js';
import type { ChatLanguage } from '../i18n/chat-language.js';
import { nameIn, type Calendar, type Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Logger } from '../logger.js';
import type { Source } from '../sources/source.js';
import type { NewsStore } from '../store/news-store.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { BriefingSender } from './briefing-sender.js';
import { emptyState, type DeliveryLedger, type DeliveryState, type LedgerEntry } from './delivery-ledger.js';
import { selectBriefing, type TickStories } from './select-briefing.js';
import { sendWithRetry, type RetryPolicy, type Sleep } from './send-with-retry.js';
import type { SubscriptionRepository } from './subscription-repository.js';
import type { Subscription } from './subscription.js';
import { storiesForChat } from './window-stories.js';

/** how far back the first briefing of a subscription looks */
export const FIRST_WINDOW_MS = 24 * 3_600_000;

export interface DeliveryDeps {
  ledger: DeliveryLedger;
  subscriptions: SubscriptionRepository;
  store: NewsStore;
  /** whether a chat may see a source's articles (chat-added sources are their chat's only) */
  isVisible: (chat: string, sourceId: string) => boolean;
  topics: TopicMatcher;
  sources: ReadonlyMap<string, Source>;
  clock: Clock;
  logger: Logger;
  maxItems: number;
  retry: RetryPolicy;
  sleep: Sleep;
  /** aborted when the service stops: no new message is started */
  signal: AbortSignal;
  /** a pending briefing older than this is not resumed at start but settled as failed */
  staleAfterMs: number;
  /** the chat's /language settings: the language of its briefings, its news languages, its calendar */
  chatLanguage?: (chat: string) => ChatLanguage | undefined;
}

/** a subscription as a chat's /language settings shape it: its language, calendar and news languages */
export function readerOf(
  subscription: Subscription,
  language: ChatLanguage | undefined,
): { subscription: Subscription; locale: Locale; calendar: Calendar } {
  const news = language?.news;
  return {
    subscription: news && news.length > 0 ? { ...subscription, languages: news } : subscription,
    locale: language?.locale ?? 'en',
    calendar: language?.calendar ?? 'gregorian',
  };
}

export type DeliveryOutcome =
  | 'sent' // every message sent
  | 'empty' // nothing to say, and the subscription stays silent then
  | 'failed' // the platform kept failing; the articles roll into the next briefing
  | 'inactive' // the chat is gone or blocked the bot: subscription paused
  | 'interrupted' // stopped part way: left pending for the next start
  | 'settled' // the ledger already had this period settled: nothing sent
  | 'skipped'; // no subscription, or a paused one

/** where a subscription's next briefing starts: its last one's end, else 24 h back (live: its start) */
export function windowStart(
  subscription: Subscription,
  state: DeliveryState | undefined,
  now: number,
): number {
  if (state?.cursor !== undefined) return state.cursor;
  return subscription.mode === 'live' ? subscription.since : now - FIRST_WINDOW_MS;
}

/** the tick a delivery belongs to: its time, where its window ends, and the stories it shares */
export interface TickWindow {
  now: number;
  /** the end of every window planned in this tick: min(now, store.settledBefore()) at its start */
  to: number;
  stories: TickStories;
}

export async function deliverBriefing(
  deps: DeliveryDeps,
  sender: BriefingSender,
  target: string,
  period: string,
  tick: TickWindow,
): Promise<DeliveryOutcome> {
  const { ledger, logger } = deps;
  const subscription = deps.subscriptions.get(target);
  if (!subscription || subscription.paused) return 'skipped';
  const state = ledger.state(target) ?? emptyState();
  const found = await ledger.entry(target, period);
  if (found && found.status !== 'pending') {
    await settleState(deps, found);
    return 'settled';
  }
  if (found && found.createdAt < deps.clock.now() - deps.staleAfterMs) {
    const dropped: LedgerEntry = {
      ...found,
      status: 'failed',
      messages: [],
      reason: 'interrupted, then too old to send',
    };
    await ledger.writeEntry(dropped);
    await settleState(deps, dropped);
    logger.info('dropped a briefing left pending too long ago', { chat: target, period });
    return 'failed';
  }
  const planned = found ?? (await plan(deps, subscription, state, period, tick));
  if (planned === 'empty' || planned === 'interrupted') return planned;
  let entry: LedgerEntry = planned;
  for (let part = entry.sentParts; part < entry.messages.length; part++) {
    if (deps.signal.aborted) return 'interrupted';
    const result = await sendWithRetry(sender, target, entry.messages[part]!, {
      policy: deps.retry,
      sleep: deps.sleep,
      signal: deps.signal,
    });
    if (!result.ok && result.reason === 'interrupted') return 'interrupted';
    const now = deps.clock.now();
    if (!result.ok) {
      entry = {
        ...entry,
        status: 'failed',
        messages: [],
        reason: `${result.reason}: ${result.detail}`,
        updatedAt: now,
      };
      await ledger.writeEntry(entry);
      await settleState(deps, entry);
      if (result.reason === 'inactive') {
        await pause(deps, subscription, result.detail, now);
        return 'inactive';
      }
      logger.warn('a briefing could not be delivered', { chat: target, period, error: result.detail });
      return 'failed';
    }
    const done: boolean = part + 1 === entry.messages.length;
    entry = {
      ...entry,
      status: done ? 'sent' : 'pending',
      sentParts: part + 1,
      messageIds: [...entry.messageIds, ...result.messageIds],
      ...(done && { messages: [] }),
      updatedAt: now,
    };
    // written after each message: a crash can repeat only the message in flight
    await ledger.writeEntry(entry);
  }
  if (entry.status === 'pending') {
    // nothing was left to send (a plan with no messages): settle it as sent
    entry = { ...entry, status: 'sent', messages: [], updatedAt: deps.clock.now() };
    await ledger.writeEntry(entry);
  }
  await settleState(deps, entry);
  logger.debug('briefing sent', { chat: target, period, items: entry.items });
  return 'sent';
}

// a new entry: the window's articles chosen once, written pending before anything is sent
async function plan(
  deps: DeliveryDeps,
  subscription: Subscription,
  state: DeliveryState,
  period: string,
  tick: TickWindow,
): Promise<LedgerEntry | 'empty' | 'interrupted'> {
  if (deps.signal.aborted) return 'interrupted';
  const now = deps.clock.now();
  const { to } = tick;
  const from = Math.min(windowStart(subscription, state, tick.now), to);
  const reader = readerOf(subscription, deps.chatLanguage?.(subscription.target));
  const content = selectBriefing({
    subscription: reader.subscription,
    locale: reader.locale,
    calendar: reader.calendar,
    // a window's stories are shared between chats with the same topics; what a chat may see is its own
    stories: storiesForChat(
      tick.stories.get(reader.subscription, from, to),
      reader.subscription,
      (sourceId) => deps.isVisible(subscription.target, sourceId),
    ),
    maxItems: deps.maxItems,
    topics: deps.topics,
    sources: deps.sources,
    now,
    title: briefingTitle(subscription, period, deps.topics, reader.locale, reader.calendar),
  });
  if (content.items === 0 && (subscription.mode === 'live' || subscription.quiet)) {
    await deps.ledger.writeState(subscription.target, { ...state, lastPeriod: period, lastStatus: 'empty' });
    return 'empty';
  }
  const entry: LedgerEntry = {
    target: subscription.target,
    period,
    status: 'pending',
    window: { from, to },
    messages: content.messages,
    sentParts: 0,
    messageIds: [],
    items: content.items,
    createdAt: now,
    updatedAt: now,
  };
  await deps.ledger.writeEntry(entry);
  await deps.ledger.writeState(subscription.target, {
    ...state,
    pending: period,
    recent: withPeriod(state.recent, period),
  });
  return entry;
}

/** brings the chat's state up to a settled entry (also after a crash between the two writes) */
async function settleState(deps: DeliveryDeps, entry: LedgerEntry): Promise<void> {
  if (!deps.subscriptions.get(entry.target)) return; // forgotten meanwhile: write nothing back
  const state = deps.ledger.state(entry.target) ?? emptyState();
  const sent = entry.status === 'sent';
  const next: DeliveryState = {
    ...state,
    lastPeriod:
      entry.period > (state.lastPeriod ?? '') || !state.lastPeriod ? entry.period : state.lastPeriod,
    lastStatus: sent ? 'sent' : 'failed',
    // sent: the next window starts where this one ended; failed: where this one started, so nothing is lost
    cursor: sent ? Math.max(state.cursor ?? -Infinity, entry.window.to) : (state.cursor ?? entry.window.from),
    ...(sent && { lastSentAt: entry.updatedAt }),
    recent: withPeriod(state.recent, entry.period),
  };
  if (next.pending === entry.period) delete next.pending;
  await deps.ledger.writeState(entry.target, next);
}

async function pause(deps: DeliveryDeps, subscription: Subscription, reason: string, at: number) {
  const current = deps.subscriptions.get(subscription.target);
  if (!current) return;
  await deps.subscriptions.put({ ...current, paused: { at, reason }, updatedAt: at });
  deps.logger.warn('paused a briefing subscription: the chat is gone or blocked the bot', {
    chat: subscription.target,
    reason,
  });
}

const withPeriod = (recent: readonly string[], period: string) =>
  recent.includes(period) ? [...recent] : [...recent, period];

// "Saturday 28 November", once per date, language and calendar
const dateLabels = new Map<string, string>();

function briefingTitle(
  subscription: Subscription,
  period: string,
  topics: TopicMatcher,
  locale: Locale,
  calendar: Calendar,
): string {
  const only = subscription.topics.length === 1 ? topics.find(subscription.topics[0]!) : undefined;
  const topic = only ? nameIn(only.names, locale) : undefined;
  if (subscription.mode === 'live') {
    return topic ? t(locale, 'briefing.liveOn', { topic }) : t(locale, 'briefing.live');
  }
  const labelKey = `${period}|${locale}|${calendar}`;
  let date = dateLabels.get(labelKey);
  if (date === undefined) {
    date = formatDay(period, locale, calendar);
    if (dateLabels.size > 1000) dateLabels.clear();
    dateLabels.set(labelKey, date);
  }
  return topic ? t(locale, 'briefing.titleOn', { topic, date }) : t(locale, 'briefing.title', { date });
}
