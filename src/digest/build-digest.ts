import type { Calendar, Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Source } from '../sources/source.js';
import type { StoredArticle } from '../store/news-store.js';
import type { Digest, DigestItem } from './digest.js';
import { rankArticles } from './rank.js';

export interface DigestRequest {
  title: string;
  articles: readonly StoredArticle[];
  /** how many items at most */
  limit: number;
  sources: ReadonlyMap<string, Source>;
  timeZone: string;
  now: number;
  emptyText: string;
  /** how many matched in all, for the closing line; defaults to the number of articles given */
  total?: number;
  /** how many matches came before these (paging) */
  offset?: number;
  /** the command that shows more, e.g. "/topic iran 25" */
  moreCommand?: string;
  /** the reader's language and calendar (default English, Gregorian) */
  locale?: Locale;
  calendar?: Calendar;
}

/** Turns stored articles into the platform-neutral digest document. */
export function buildDigest(request: DigestRequest): Digest {
  const ranked = rankArticles(request.articles).slice(0, request.limit);
  const offset = request.offset ?? 0;
  const total = Math.max(request.total ?? request.articles.length, offset + ranked.length);
  const items = ranked.map((article) => toItem(article, request.sources));
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

function toItem(article: StoredArticle, sources: ReadonlyMap<string, Source>): DigestItem {
  return {
    articleId: article.id,
    title: article.title,
    ...(article.url ? { url: article.url } : {}),
    sourceId: article.sourceId,
    sourceName: sources.get(article.sourceId)?.name ?? article.sourceId,
    publishedAt: article.publishedAt,
    firstSeenAt: article.firstSeenAt,
    summary: article.summary,
    language: article.language,
    topics: article.topics,
    alsoReportedBy: [],
  };
}
