// one raw feed entry → a FeedArticle: clean title, text and summary, canonical url, parsed date,
// language and a stable id. an entry with nothing to identify or show is skipped with a reason.
import { articleId } from '../articles/article-id.js';
import type { FeedArticle } from '../articles/article.js';
import { canonicalUrl } from '../articles/canonical-url.js';
import { summarize } from '../articles/summarize.js';
import type { EntryText, FeedEntry } from './feed-entry.js';
import { foldLine, htmlToText } from './html-to-text.js';
import { normalizeLanguageTag } from './language-tag.js';
import { parseFeedDate } from './parse-date.js';

export const MAX_TEXT_CHARS = 20_000;
const TITLE_WORDS = 10;
const TITLE_MAX_CHARS = 120;

export interface EntryContext {
  sourceId: string;
  /** the feed's language (or the source's), already a bcp 47 tag */
  language: string;
  /** base for relative links when the entry has no xml:base of its own */
  base?: string;
}

/** The article, and why it is skipped when it has nothing to identify it (no link, id or text). */
export interface NormalizedEntry {
  article: FeedArticle;
  skipped?: string;
}

function cleanText(text: EntryText | undefined): string {
  if (!text) return '';
  return text.kind === 'html' ? htmlToText(text.value) : foldLine(text.value);
}

function capText(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  const cut = text.slice(0, MAX_TEXT_CHARS);
  const space = cut.search(/\s\S*$/);
  return (space > MAX_TEXT_CHARS - 200 ? cut.slice(0, space) : cut.replace(/[\uD800-\uDBFF]$/, '')).trimEnd();
}

/** The first words of a text as a stand-in title: about ten words, never cut mid-word, with "…". */
export function titleFromText(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return '';
  const head = words.slice(0, TITLE_WORDS).join(' ');
  const title = words.length > TITLE_WORDS ? `${head.replace(/[,;:.!?\-–—]+$/u, '')}…` : head;
  return title.length > TITLE_MAX_CHARS ? summarize(title, TITLE_MAX_CHARS) : title;
}

function articleUrl(entry: FeedEntry, base: string | undefined): string | undefined {
  if (entry.link !== undefined) {
    const url = canonicalUrl(entry.link, base);
    if (url) return url;
  }
  // an rss guid that is a permalink serves as the link (only an absolute one: guids are opaque)
  if (entry.guid !== undefined && entry.guidIsPermaLink !== false) return canonicalUrl(entry.guid);
  return undefined;
}

/** Normalises one entry; odd values give empty fields, never an exception. */
export function normalizeEntry(entry: FeedEntry, context: EntryContext): NormalizedEntry {
  const base = entry.base ?? context.base;
  const contentText = cleanText(entry.content);
  const summaryText = cleanText(entry.summary);
  const text = capText(contentText.length >= summaryText.length ? contentText : summaryText);
  const guid = entry.guid?.trim() || undefined;
  const url = articleUrl(entry, base);
  const cleanTitle = cleanText(entry.title);
  const title = cleanTitle || titleFromText(text) || url || guid || '';
  const summary = summarize(summaryText) || summarize(contentText);
  const publishedAt = parseFeedDate(entry.published) ?? parseFeedDate(entry.updated);
  const language = normalizeLanguageTag(entry.language) ?? context.language;
  const article: FeedArticle = {
    id: articleId({ sourceId: context.sourceId, guid, url, title, publishedAt, text }),
    sourceId: context.sourceId,
    title,
    publishedAt,
    summary,
    text,
    language,
  };
  if (guid !== undefined) article.guid = guid;
  if (url !== undefined) article.url = url;
  if (!url && !guid && !text) {
    const skipped = cleanTitle
      ? `"${cleanTitle.slice(0, 60)}" has no link, id or text`
      : 'an empty item (no link, id or text)';
    return { article, skipped };
  }
  return { article };
}
