// what a reader's url is: a feed (added as is), a site whose page announces feeds (the first that
// reads is added), or a news listing or article page (added as a page source); else a plain refusal.
import { FeedError, UserError } from '../errors.js';
import type { HttpFetch } from '../fetch/http-fetch.js';
import { parseFeed, type ParsedFeed } from '../feeds/parse-feed.js';
import { said } from '../i18n/translate.js';
import { parsePage, type ParsedPage } from '../pages/parse-page.js';
import { SourceSchema } from './source.js';
import { sourceName } from './chat-source.js';
import { fetchReason } from './fetch-reason.js';
import { noteLine, type ImportNote } from './import-note.js';
import { fetchUserUrl, shorten, type UserBytes } from './fetch-user-url.js';

export interface DiscoveredSource {
  /** the feed's or page's url, after redirects */
  url: string;
  name: string;
  language: string;
  kind: 'feed' | 'page';
  /** the page the feed was found on, when the reader gave a site rather than a feed */
  foundOn?: string;
  /** for a page source: a listing (front or category page) or one article */
  pageKind?: 'listing' | 'article';
}

/** announced feeds tried, in the page's order, before giving up on them */
const FEEDS_TRIED = 3;
const UNKNOWN = 'und';
const PROBE_ID = 'new-source';

/** Fetches `url` (public-only) and says what source it makes; throws UserError when it makes none. */
export async function discoverSource(
  url: URL,
  options: { fetch: HttpFetch; fallbackLanguage: string },
): Promise<DiscoveredSource> {
  const fetched = await fetchUserUrl(options.fetch, url);
  const html = looksLikeHtml(fetched);
  const feed = html ? undefined : tryFeed(fetched);
  if (feed && !(feed instanceof Error)) return fromFeed(fetched, feed, options.fallbackLanguage);
  // what the parser said is for the log: it may quote the first bytes of a binary file
  if (!html) throw UserError.say('source.notFeedOrPage', { url: shorten(fetched.url) });
  let page: ParsedPage;
  try {
    page = parsePage(fetched.bytes, {
      sourceId: PROBE_ID,
      language: UNKNOWN,
      url: fetched.url,
      headers: fetched.headers,
    });
  } catch (error) {
    throw UserError.say('source.pageUnreadable', { url: shorten(fetched.url) }, { cause: error });
  }
  const problems: ImportNote[] = [];
  for (const feedUrl of page.feeds.slice(0, FEEDS_TRIED)) {
    let fetchedFeed: UserBytes;
    try {
      fetchedFeed = await fetchUserUrl(options.fetch, new URL(feedUrl));
    } catch (error) {
      if (!(error instanceof UserError || error instanceof FeedError)) throw error;
      problems.push({ url: shorten(feedUrl), reason: fetchReason(error) });
      continue;
    }
    const parsed = tryFeed(fetchedFeed);
    if (parsed instanceof Error) {
      problems.push({ url: shorten(feedUrl), reason: said('reason.notFeed') });
      continue;
    }
    const fallback = languageOf(page.articles) ?? options.fallbackLanguage;
    return { ...fromFeed(fetchedFeed, parsed, fallback), foundOn: fetched.url };
  }
  if (page.kind === 'listing' || page.kind === 'article') {
    return {
      url: fetched.url,
      name: sourceName(page.title) ?? new URL(fetched.url).hostname,
      language: languageOf(page.articles) ?? options.fallbackLanguage,
      kind: 'page',
      pageKind: page.kind,
    };
  }
  const shown = shorten(fetched.url);
  throw problems.length > 0
    ? UserError.say('source.pageFeedsFailed', { url: shown, problems: problems.map(noteLine) })
    : UserError.say('source.pageNoNews', { url: shown });
}

function tryFeed(fetched: UserBytes): ParsedFeed | FeedError {
  try {
    return parseFeed(fetched.bytes, {
      sourceId: PROBE_ID,
      language: UNKNOWN,
      url: fetched.url,
      headers: fetched.headers,
    });
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
}

function fromFeed(fetched: UserBytes, feed: ParsedFeed, fallbackLanguage: string): DiscoveredSource {
  return {
    url: fetched.url,
    name: sourceName(feed.title) ?? new URL(fetched.url).hostname,
    language: languageOf(feed.articles) ?? fallbackLanguage,
    kind: 'feed',
  };
}

/** the language most articles are in, when they say; a valid source language or undefined */
function languageOf(articles: readonly { language: string }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { language } of articles) {
    if (language !== UNKNOWN) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best !== undefined && SourceSchema.shape.language.safeParse(best).success ? best : undefined;
}

// the body decides first (servers label feeds text/html, and pages text/xml), then the content type
function looksLikeHtml(fetched: UserBytes): boolean {
  const start = new TextDecoder('latin1').decode(fetched.bytes.subarray(0, 2048));
  const html = start.search(/<!doctype\s+html|<html[\s>]/i);
  const feed = /^\s*\{/.test(start) ? 0 : start.search(/<(?:[\w-]+:)?(?:rss|feed|rdf)[\s>]/i);
  if (html >= 0 || feed >= 0) return feed < 0 || (html >= 0 && html < feed);
  return (fetched.headers['content-type']?.toLowerCase() ?? '').includes('html');
}
