import type { StoredArticle } from '../store/news-store.js';
import { foldText, words } from '../text/fold.js';

/** When an article happened, as far as we know: its published time, else when we first saw it. */
export const articleTime = (article: Pick<StoredArticle, 'publishedAt' | 'firstSeenAt'>): number =>
  article.publishedAt ?? article.firstSeenAt;

/**
 * The one ranking of articles for every digest: newest first, each story once.
 * Two articles are the same story when they share a url or, within one outlet, the same headline.
 */
export function rankArticles<T extends StoredArticle>(articles: readonly T[]): T[] {
  const sorted = [...articles].sort((a, b) => articleTime(b) - articleTime(a) || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  return sorted.filter((article) => {
    const keys = [
      `id:${article.id}`,
      `title:${article.sourceId}:${words(foldText(article.title)).join(' ')}`,
    ];
    if (article.url) keys.push(`url:${article.url}`);
    if (keys.some((key) => seen.has(key))) return false;
    for (const key of keys) seen.add(key);
    return true;
  });
}
