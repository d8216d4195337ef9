// what goes into a briefing: the new stories a subscription follows, ranked, at most maxItems.
import { buildDigest } from '../digest/build-digest.js';
import type { Digest, DigestItem, DigestSection } from '../digest/digest.js';
import type { RankedStory } from '../digest/rank.js';
import { nameIn, type Calendar, type Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Source } from '../sources/source.js';
import type { NewsStore, StoredArticle } from '../store/news-store.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { BriefingMessage } from './briefing-sender.js';
import { follows, speaks, type Subscription } from './subscription.js';
import { windowStories, type WindowStory } from './window-stories.js';

export interface BriefingContent {
  messages: BriefingMessage[];
  /** items shown, and new matching stories in all */
  items: number;
  total: number;
}

export interface SelectRequest {
  subscription: Pick<Subscription, 'topics' | 'languages' | 'timeZone' | 'mode'>;
  /** the window's stories new to the chat, ranked (window-stories.ts storiesForChat) */
  stories: readonly RankedStory[];
  maxItems: number;
  topics: TopicMatcher;
  sources: ReadonlyMap<string, Source>;
  now: number;
  title: string;
  /** the chat's language and calendar (default English, Gregorian) */
  locale?: Locale;
  calendar?: Calendar;
}

/** whether a subscription follows an article (never a source's backlog) */
export function matches(
  subscription: Pick<Subscription, 'topics' | 'languages'>,
  article: Pick<StoredArticle, 'backlog' | 'topics' | 'language'>,
): boolean {
  return (
    article.backlog !== true &&
    follows(subscription, article.topics) &&
    speaks(subscription, article.language)
  );
}

/** the window's articles the subscription follows */
export function matchingArticles(
  subscription: Pick<Subscription, 'topics' | 'languages'>,
  articles: readonly StoredArticle[],
): StoredArticle[] {
  return articles.filter((article) => matches(subscription, article));
}

/** the stories of the articles first seen in [from, to) that the subscription follows */
export function followedStories(
  store: Pick<NewsStore, 'firstSeenBetween' | 'storyOf' | 'storyMembers'>,
  subscription: Pick<Subscription, 'topics' | 'languages'>,
  from: number,
  to: number,
): WindowStory[] {
  const fresh = matchingArticles(subscription, store.firstSeenBetween(from, to));
  return windowStories(store, fresh, from, (article) => matches(subscription, article));
}

const MEMO_ENTRIES = 256;

/**
 * A window's followed stories by window and filter, remembered for one tick: the chats of a tick that
 * follow the same topics since the same time (their previous briefings went out in the same tick)
 * share them; what each chat may see is applied per chat (storiesForChat).
 */
export class TickStories {
  private readonly memo = new Map<string, WindowStory[]>();

  constructor(private readonly store: NewsStore) {}

  get(subscription: Pick<Subscription, 'topics' | 'languages'>, from: number, to: number): WindowStory[] {
    const key = `${from}|${to}|${[...subscription.topics].sort().join(',')}|${[...subscription.languages].sort().join(',')}`;
    let stories = this.memo.get(key);
    if (!stories) {
      stories = followedStories(this.store, subscription, from, to);
      if (this.memo.size >= MEMO_ENTRIES) this.memo.delete(this.memo.keys().next().value as string);
      this.memo.set(key, stories);
    }
    return stories;
  }
}

/**
 * One digest: stories ranked by the core's one ranking, at most maxItems with a "… and N more:
 * /latest" line, in one section per subscribed topic when the subscription follows several.
 */
export function selectBriefing(request: SelectRequest): BriefingContent {
  const { subscription, stories } = request;
  const locale = request.locale ?? 'en';
  const digest = buildDigest({
    title: request.title,
    stories: stories.slice(0, request.maxItems),
    limit: request.maxItems,
    total: stories.length,
    sources: request.sources,
    timeZone: subscription.timeZone,
    now: request.now,
    emptyText: t(locale, subscription.mode === 'live' ? 'briefing.emptyLive' : 'briefing.empty'),
    moreCommand: '/latest',
    locale,
    ...(request.calendar && { calendar: request.calendar }),
  });
  const items = digest.sections.flatMap((section) => section.items);
  const grouped: Digest =
    subscription.topics.length > 1
      ? { ...digest, sections: byTopic(items, subscription.topics, request.topics, locale) }
      : digest;
  return { messages: [{ digest: grouped }], items: items.length, total: stories.length };
}

// each item under the first subscribed topic it has, in the subscription's order
function byTopic(
  items: DigestItem[],
  topicIds: readonly string[],
  topics: TopicMatcher,
  locale: Locale,
): DigestSection[] {
  const groups = new Map<string, DigestItem[]>(topicIds.map((id) => [id, []]));
  for (const item of items) {
    const id = topicIds.find((topic) => item.topics.includes(topic)) ?? (topicIds[0] as string);
    groups.get(id)?.push(item);
  }
  return [...groups.entries()]
    .filter(([, list]) => list.length > 0)
    .map(([id, list]) => {
      const topic = topics.find(id);
      return { heading: topic ? nameIn(topic.names, locale) : id, items: list };
    });
}
