// page findings → FeedArticle, the shape ingest takes from feeds: canonical url, clean text
// (capped), a summary cut by summarize(), a stable id from articleId().
import { articleId } from '../articles/article-id.js';
import type { FeedArticle } from '../articles/article.js';
import { canonicalUrl } from '../articles/canonical-url.js';
import { summarize } from '../articles/summarize.js';
import { MAX_TEXT_CHARS, titleFromText } from '../feeds/normalize-entry.js';
import type { ExtractedArticle } from './extract-article.js';
import type { ListingEntry } from './read-listing-page.js';

export interface PageArticleContext {
  sourceId: string;
  /** the source's bcp 47 tag, used when the page gives none */
  language: string;
}

/** Text of at most MAX_TEXT_CHARS, cut at a paragraph or word boundary. */
export function capText(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  const cut = text.slice(0, MAX_TEXT_CHARS);
  const paragraph = cut.lastIndexOf('\n\n');
  if (paragraph > MAX_TEXT_CHARS / 2) return cut.slice(0, paragraph);
  const space = cut.search(/\s\S*$/);
  return (space > MAX_TEXT_CHARS - 200 ? cut.slice(0, space) : cut.replace(/[\uD800-\uDBFF]$/, '')).trimEnd();
}

/** An article page as one FeedArticle; undefined when it has neither a title nor text. */
export function articleFromPage(
  page: ExtractedArticle,
  pageUrl: string | undefined,
  context: PageArticleContext,
): FeedArticle | undefined {
  const text = capText(page.text);
  const title = page.title || titleFromText(text);
  if (title === '' && text === '') return undefined;
  const url = canonicalUrl(page.url ?? pageUrl ?? '') ?? (pageUrl ? canonicalUrl(pageUrl) : undefined);
  const article: FeedArticle = {
    id: articleId({ sourceId: context.sourceId, url, title, publishedAt: page.publishedAt, text }),
    sourceId: context.sourceId,
    title: title || url || '',
    publishedAt: page.publishedAt,
    summary: summarize(page.lede ?? '') || summarize(text),
    text,
    language: page.language ?? context.language,
  };
  if (url !== undefined) article.url = url;
  return article;
}

/** A listing entry as a FeedArticle: title, link, date, and its lede as summary and text until filled. */
export function articleFromEntry(entry: ListingEntry, context: PageArticleContext): FeedArticle {
  const text = entry.lede ?? '';
  return {
    id: articleId({
      sourceId: context.sourceId,
      url: entry.url,
      title: entry.title,
      publishedAt: entry.publishedAt,
      text,
    }),
    sourceId: context.sourceId,
    title: entry.title,
    url: entry.url,
    publishedAt: entry.publishedAt,
    summary: summarize(text),
    text,
    language: context.language,
  };
}

/** A listing's article with its page's text filled in; id, url and listing title are kept. */
export function withPageText(article: FeedArticle, page: ExtractedArticle): FeedArticle {
  const text = capText(page.text);
  if (text === '') return article;
  return {
    ...article,
    title: article.title || page.title,
    publishedAt: article.publishedAt ?? page.publishedAt,
    summary: article.summary || summarize(page.lede ?? '') || summarize(text),
    text,
    language: page.language ?? article.language,
  };
}
