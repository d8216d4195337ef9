import type { StoredArticle } from '../store/article-index.js';

/** What clustering reads of an article. */
export type StoryArticle = Pick<
  StoredArticle,
  'id' | 'sourceId' | 'title' | 'summary' | 'language' | 'publishedAt' | 'firstSeenAt'
>;
