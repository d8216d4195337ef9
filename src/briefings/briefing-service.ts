// the briefings feature, assembled: subscriptions and chat settings, the ledger, the scheduler.
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { ChatLanguage } from '../i18n/chat-language.js';
import type { Calendar, Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Logger } from '../logger.js';
import type { Source } from '../sources/source.js';
import type { NewsStore } from '../store/news-store.js';
import type { KeyvStore } from '../store/open-keyv.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { BriefingMessage, BriefingSender } from './briefing-sender.js';
import { BriefingScheduler, type TickReport } from './briefing-scheduler.js';
import { openDeliveryLedger, type DeliveryState } from './delivery-ledger.js';
import { readerOf, windowStart } from './deliver-briefing.js';
import { planDaily } from './plan-daily.js';
import { followedStories, selectBriefing } from './select-briefing.js';
import { storiesForChat } from './window-stories.js';
import { DEFAULT_RETRY, timerSleep, type RetryPolicy, type Sleep } from './send-with-retry.js';
import { applyChange, defaultSubscription, type SubscriptionChange } from './subscription-change.js';
import { openSubscriptionRepository } from './subscription-repository.js';
import { SubscriptionSchema, TimeZoneSchema, type Subscription } from './subscription.js';

export type { SubscriptionChange } from './subscription-change.js';

export interface BriefingOptions {
  /** live chats get at most one batch per this many minutes (LIVE_BATCH_MINUTES, default 15) */
  liveBatchMinutes?: number;
  /** at start, briefings due within this many hours and not sent are sent once (CATCH_UP_HOURS, 6) */
  catchUpHours?: number;
  /** items per briefing at most (BRIEFING_MAX_ITEMS, default 10) */
  maxItems?: number;
  /** deliveries in flight at once (default 16) */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** how retries wait; tests pass one that does not */
  sleep?: Sleep;
}

export const BRIEFING_DEFAULTS = { liveBatchMinutes: 15, catchUpHours: 6, maxItems: 10, concurrency: 16 };

export interface BriefingStatus {
  subscription: Subscription;
  lastSentAt?: number;
  lastStatus?: DeliveryState['lastStatus'];
  /** when the next briefing is due (daily), when the scheduler knows */
  nextDueAt?: number;
}

export interface BriefingService {
  /** live chats get at most one batch per this many minutes */
  readonly liveBatchMinutes: number;
  subscription(chat: string): Subscription | undefined;
  /** the chat's own zone (/timezone), if it set one */
  chatTimeZone(chat: string): string | undefined;
  status(chat: string): BriefingStatus | undefined;
  /** the chat's next briefing as it stands now (not recorded); a chat without a subscription gets the
   *  default; in the reader's language and calendar when given, else the chat's (/language) */
  preview(
    chat: string,
    timeZone: string,
    reader?: { locale?: Locale; calendar?: Calendar },
  ): { message: BriefingMessage; items: number; total: number };
  /** creates or updates; checks everything before writing anything (UserError when something is wrong) */
  subscribe(chat: string, change: SubscriptionChange, defaults: { timeZone: string }): Promise<Subscription>;
  /** removes topics; removing the last one ends the subscription (undefined; the chat's zone stays) */
  removeTopics(chat: string, topicIds: readonly string[]): Promise<Subscription | undefined>;
  /** sets the chat's zone and moves its subscription to it */
  setTimeZone(chat: string, zone: string): Promise<Subscription | undefined>;
  /** un-pauses a subscription paused because the chat was unreachable; true when it was paused */
  resume(chat: string): Promise<boolean>;
  /** deletes the chat's subscription, settings and ledger, and those of its threads ("telegram:-100123:7") */
  forget(chat: string): Promise<void>;
  /** a chat that changed its id (a Telegram group become a supergroup): its subscription, settings and
   *  place in the ledger move to the new id */
  move(from: string, to: string): Promise<void>;
  /** a platform's sender; chats on a platform without one wait until it is given */
  useSender(platform: string, sender: BriefingSender): void;
  /** settles what a previous run left pending, catches up, then ticks every minute ('cron') or on tick() */
  start(options?: {
    senders?: Record<string, BriefingSender>;
    ticks?: 'cron' | 'manual';
  }): Promise<TickReport>;
  tick(now?: number): Promise<TickReport>;
  /** no new deliveries; waits for those in flight */
  stop(): Promise<void>;
}

export interface BriefingDeps {
  keyv: KeyvStore;
  store: NewsStore;
  /** whether a chat may see a source's articles (chat-added sources are their chat's only); default all */
  isVisible?: (chat: string, sourceId: string) => boolean;
  topics: TopicMatcher;
  sources: ReadonlyMap<string, Source>;
  clock: Clock;
  logger: Logger;
  /** the chat's /language settings, for the language, calendar and news languages of its briefings */
  chatLanguage?: (chat: string) => ChatLanguage | undefined;
}

const HOUR = 3_600_000;
const everyone = () => true;

export async function openBriefingService(
  deps: BriefingDeps,
  options: BriefingOptions = {},
): Promise<BriefingService> {
  const settings = { ...BRIEFING_DEFAULTS, ...options };
  const { clock, logger } = deps;
  const onInvalid = (key: string, problem: string) =>
    logger.warn('skipped an invalid stored briefing record', { key, problem });
  const subscriptions = await openSubscriptionRepository(deps.keyv, onInvalid);
  const ledger = await openDeliveryLedger(deps.keyv, onInvalid);
  const catchUpMs = settings.catchUpHours * HOUR;
  const scheduler = new BriefingScheduler(
    {
      ledger,
      subscriptions,
      store: deps.store,
      isVisible: deps.isVisible ?? everyone,
      topics: deps.topics,
      sources: deps.sources,
      clock,
      logger,
      maxItems: settings.maxItems,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      sleep: options.sleep ?? timerSleep,
      staleAfterMs: catchUpMs,
      ...(deps.chatLanguage && { chatLanguage: deps.chatLanguage }),
    },
    { liveBatchMs: settings.liveBatchMinutes * 60_000, catchUpMs, concurrency: settings.concurrency },
  );

  // the subscription and its ledger; the chat's settings stay
  const remove = async (chat: string) => {
    scheduler.cancel(chat);
    await subscriptions.delete(chat);
    await ledger.forget(chat);
  };

  const save = async (subscription: Subscription) => {
    await subscriptions.put(subscription);
    scheduler.reschedule(subscription.target);
    return subscription;
  };

  return {
    liveBatchMinutes: settings.liveBatchMinutes,
    subscription: (chat) => subscriptions.get(chat),
    chatTimeZone: (chat) => subscriptions.settings(chat)?.timeZone,

    status(chat) {
      const subscription = subscriptions.get(chat);
      if (!subscription) return undefined;
      const state = ledger.state(chat);
      const now = clock.now();
      const due =
        scheduler.nextDue(chat) ??
        (subscription.mode === 'daily' && !subscription.paused
          ? planDaily(subscription, state?.lastPeriod, now, catchUpMs).due
          : undefined);
      const nextDueAt = due === undefined ? undefined : Math.max(now, due);
      return {
        subscription,
        ...(state?.lastSentAt !== undefined && { lastSentAt: state.lastSentAt }),
        ...(state?.lastStatus !== undefined && { lastStatus: state.lastStatus }),
        ...(nextDueAt !== undefined && { nextDueAt }),
      };
    },

    preview(chat, timeZone, asked = {}) {
      const now = clock.now();
      const subscribed = subscriptions.get(chat) ?? defaultSubscription(chat, timeZone, now);
      const reader = readerOf(subscribed, deps.chatLanguage?.(chat));
      const { subscription } = reader;
      const locale = asked.locale ?? reader.locale;
      const from = windowStart(subscription, ledger.state(chat), now);
      const content = selectBriefing({
        subscription,
        locale,
        calendar: asked.calendar ?? reader.calendar,
        // not recorded, so everything indexed so far counts
        stories: storiesForChat(
          followedStories(deps.store, subscription, from, Number.MAX_SAFE_INTEGER),
          subscription,
          (sourceId) => (deps.isVisible ?? everyone)(chat, sourceId),
        ),
        maxItems: settings.maxItems,
        topics: deps.topics,
        sources: deps.sources,
        now,
        title: t(locale, 'briefing.preview'),
      });
      return { message: content.messages[0] ?? {}, items: content.items, total: content.total };
    },

    async subscribe(chat, change, defaults) {
      const existing = subscriptions.get(chat);
      const zone = subscriptions.settings(chat)?.timeZone ?? defaults.timeZone;
      const now = clock.now();
      return save(applyChange(existing ?? defaultSubscription(chat, zone, now), !existing, change, now));
    },

    async removeTopics(chat, topicIds) {
      const existing = subscriptions.get(chat);
      if (!existing) return undefined;
      const topics = existing.topics.filter((topic) => !topicIds.includes(topic));
      if (topics.length === 0) {
        await remove(chat);
        return undefined;
      }
      return save({ ...existing, topics, updatedAt: clock.now() });
    },

    async setTimeZone(chat, zone) {
      if (!TimeZoneSchema.safeParse(zone).success) throw UserError.say('zone.notIana', { zone });
      await subscriptions.putSettings(chat, { timeZone: zone });
      const existing = subscriptions.get(chat);
      if (!existing || existing.timeZone === zone) return existing;
      const now = clock.now();
      return save({ ...existing, timeZone: zone, since: now, updatedAt: now });
    },

    async resume(chat) {
      const existing = subscriptions.get(chat);
      if (!existing?.paused) return false;
      const { paused: _paused, ...rest } = existing;
      await save({ ...rest, updatedAt: clock.now() });
      logger.info('resumed a paused briefing subscription', { chat });
      return true;
    },

    async forget(chat) {
      const inChat = (target: string) => target === chat || target.startsWith(`${chat}:`);
      const targets = new Set([chat]);
      for (const subscription of subscriptions.all())
        if (inChat(subscription.target)) targets.add(subscription.target);
      for (const target of subscriptions.settingsTargets()) if (inChat(target)) targets.add(target);
      for (const target of targets) {
        await remove(target);
        await subscriptions.deleteSettings(target);
      }
    },

    async move(from, to) {
      if (from === to) return;
      const subscription = subscriptions.get(from);
      const chatSettings = subscriptions.settings(from);
      const state = ledger.state(from);
      // written under the new id first: a crash in between leaves a copy, never nothing
      if (chatSettings) await subscriptions.putSettings(to, chatSettings);
      if (state) {
        const { pending: _pending, ...kept } = state;
        await ledger.writeState(to, { ...kept, recent: [] });
      }
      if (subscription) {
        const parsed = SubscriptionSchema.safeParse({ ...subscription, target: to });
        if (!parsed.success) throw UserError.say('briefing.cannotMove', { to });
        await save(parsed.data);
      }
      await remove(from);
      await subscriptions.deleteSettings(from);
      logger.info("moved a chat's briefings to its new id", { from, to });
    },

    useSender: (platform, sender) => scheduler.useSender(platform, sender),

    async start(startOptions = {}) {
      for (const [platform, sender] of Object.entries(startOptions.senders ?? {})) {
        scheduler.useSender(platform, sender);
      }
      return scheduler.start({ ticks: startOptions.ticks ?? 'cron' });
    },
    tick: (now) => scheduler.tick(now),
    stop: () => scheduler.stop(),
  };
}
