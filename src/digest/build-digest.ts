import type { Calendar, Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Source } from '../sources/source.js';
import type { StoredArticle } from '../store/news-store.js';
import type { Digest, DigestItem } from './digest.js';
import { rankArticles, type RankedStory } from './rank.js';

export interface DigestRequest {
  title: string;
  /** one item each, as ranked (store pages: latestStories, storiesByTopic, searchStories); the lead
   *  is the item and the other reports are "also" */
  stories?: readonly RankedStory[];
  /** or plain articles, each its own story, ranked here (rankArticles) */
  articles?: readonly StoredArticle[];
  /** how many items at most */
  limit: number;
  sources: ReadonlyMap<string, Source>;
  timeZone: string;
  now: number;
  emptyText: string;
  /** how many stories matched in all, for the closing line; defaults to the number given */
  total?: number;
  /** how many matches came before these (paging) */
  offset?: number;
  /** the command that shows more, e.g. "/topic iran 25" */
  moreCommand?: string;
  /** the reader's language and calendar (default English, Gregorian) */
  locale?: Locale;
  calendar?: Calendar;
}

/** Turns ranked stories (or stored articles) into the platform-neutral digest document. */
export function buildDigest(request: DigestRequest): Digest {
  const given = request.stories ?? (request.articles ? rankArticles(request.articles).map(alone) : []);
  const ranked = given.slice(0, request.limit);
  const offset = request.offset ?? 0;
  const total = Math.max(request.total ?? given.length, offset + ranked.length);
  const items = ranked.map((story) => toItem(story, request.sources));
  const more = total - offset - items.length;
  const last = offset + items.length;
  const locale = request.locale ?? 'en';
  const range =
    offset > 0 && items.length
      ? offset + 1 === last
        ? t(locale, 'digest.rangeOne', { to: last, total })
        : t(locale, 'digest.range', { from: offset + 1, to: last, total })
      : '';
  return {
    title: `${request.title}${range}`,
    generatedAt: request.now,
    timeZone: request.timeZone,
    sections: items.length ? [{ items }] : [],
    emptyText: request.emptyText,
    ...(more > 0 && request.moreCommand
      ? { footer: t(locale, 'digest.more', { count: more, command: request.moreCommand }) }
      : {}),
    ...(request.locale && { locale: request.locale }),
    ...(request.calendar && { calendar: request.calendar }),
  };
}

const alone = (article: StoredArticle): RankedStory => ({
  storyId: article.id,
  lead: article,
  also: [],
  score: 0,
});

function toItem({ lead: article, also }: RankedStory, sources: ReadonlyMap<string, Source>): DigestItem {
  const nameOf = (sourceId: string) => sources.get(sourceId)?.name ?? sourceId;
  return {
    articleId: article.id,
    title: article.title,
    ...(article.url ? { url: article.url } : {}),
    sourceId: article.sourceId,
    sourceName: nameOf(article.sourceId),
    publishedAt: article.publishedAt,
    firstSeenAt: article.firstSeenAt,
    summary: article.summary,
    language: article.language,
    topics: article.topics,
    alsoReportedBy: also.map((other) => ({
      sourceName: nameOf(other.sourceId),
      ...(other.url ? { url: other.url } : {}),
    })),
  };
}
