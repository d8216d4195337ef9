// a page source's bytes → the same shape parseFeed gives for a feed: an article page gives one
// article, a listing page (category or front page) one article per entry, with the entry's lede
// as text until fillListingArticles fetches the article pages.
import type { FeedArticle } from '../articles/article.js';
import { FeedError } from '../errors.js';
import { normalizeLanguageTag } from '../feeds/language-tag.js';
import type { ParseFeedOptions, ParsedFeed } from '../feeds/parse-feed.js';
import type { PageKind } from './classify-page.js';
import { classifyDocument } from './classify-page.js';
import { decodePageBytes } from './decode-page-bytes.js';
import { discoverFeedsInDocument } from './discover-feeds.js';
import { extractFromDocument } from './extract-article.js';
import { articleFromEntry, articleFromPage } from './page-article.js';
import { httpUrl, parsePageDocument, textOf } from './page-dom.js';

export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

export interface ParsePageOptions extends ParseFeedOptions {
  /** skip classification: the source is known to be one article, or a listing */
  as?: 'article' | 'listing';
}

/** parseFeed's result for a page: format "html" and what kind of page it was. */
export interface ParsedPage extends Omit<ParsedFeed, 'format'> {
  format: 'html';
  kind: PageKind;
  /** feeds the page announces (<link rel="alternate">), best first: a source should prefer them */
  feeds: string[];
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) lower[name.toLowerCase()] = value;
  return lower;
}

/** Parses a page source; throws FeedError (naming the source and url) when it is too large or undecodable. */
export function parsePage(input: Uint8Array | string, options: ParsePageOptions): ParsedPage {
  const where = options.url ? `${options.sourceId} (${options.url})` : options.sourceId;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_PAGE_BYTES) {
    const mb = (size / (1024 * 1024)).toFixed(1);
    throw new FeedError(`Page ${where} is ${mb} MB, over the ${MAX_PAGE_BYTES / (1024 * 1024)} MB limit`);
  }
  const headers = lowerCaseKeys(options.headers);
  const html = typeof input === 'string' ? input : decodePageBytes(input, headers['content-type'], where);
  const url = httpUrl(options.url);
  const document = parsePageDocument(html);
  const classified = classifyDocument(document, url);
  const kind = options.as ?? classified.kind;
  const language =
    classified.metadata.language ??
    normalizeLanguageTag(headers['content-language']?.split(',')[0]) ??
    normalizeLanguageTag(options.language) ??
    options.language;
  const context = { sourceId: options.sourceId, language };
  const parsed: ParsedPage = {
    format: 'html',
    kind,
    articles: [],
    skipped: { count: 0, reasons: [] },
    feeds: discoverFeedsInDocument(document, url).map((feed) => feed.href),
  };
  const title = textOf(document.querySelector('title'));
  if (title) parsed.title = title;
  const link = classified.metadata.canonical ?? url;
  if (link) parsed.link = link;

  let articles: FeedArticle[] = [];
  if (kind === 'listing') {
    articles = classified.entries.map((entry) => articleFromEntry(entry, context));
  } else if (kind === 'article') {
    const article = articleFromPage(extractFromDocument(document, url), url, context);
    if (article) articles = [article];
    else parsed.skipped.reasons.push('the article page has neither a title nor text');
  }
  parsed.articles = articles;
  parsed.skipped.count = parsed.skipped.reasons.length;
  return parsed;
}
