// a site's feeds, from the <link rel="alternate"> elements of its pages: rss, atom and json
// feed, resolved, in page order, the whole site's feeds before comment feeds.
import type { PageDocument } from './page-dom.js';
import { documentBase, httpUrl, parsePageDocument } from './page-dom.js';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/json',
  'application/x.atom+xml',
  'text/xml',
  'application/xml',
]);
const MAX_FEEDS = 20;
// a feed of one post's comments, or of all comments ("Comments Feed" in wordpress)
const COMMENTS = /\bcomments?\b|\bkommentare\b|\bcommentaires\b|نظرات|تعليقات/i;
const COMMENTS_PATH = /\/comments?\/(?:feed|rss)|\/feed\/comments|[?&]feed=comments/i;

/** The feeds a parsed page announces, best first. */
export function discoverFeedsInDocument(document: PageDocument, url: string | undefined): URL[] {
  const base = documentBase(document, url);
  const site: URL[] = [];
  const comments: URL[] = [];
  const seen = new Set<string>();
  for (const link of Array.from(document.querySelectorAll('link[rel][href]')).slice(0, 500)) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('alternate')) continue;
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!FEED_TYPES.has(type)) continue;
    const href = link.getAttribute('href') ?? '';
    const resolved = base === undefined ? httpUrl(href) : httpUrl(href, base);
    if (resolved === undefined || seen.has(resolved)) continue;
    // "application/json" and xml types are feeds only when they say so
    const title = link.getAttribute('title') ?? '';
    if (
      /^(?:application\/json|text\/xml|application\/xml)$/.test(type) &&
      !/feed|rss|atom/i.test(`${title} ${href}`)
    )
      continue;
    seen.add(resolved);
    (COMMENTS.test(title) || COMMENTS_PATH.test(resolved) ? comments : site).push(new URL(resolved));
  }
  return [...site, ...comments].slice(0, MAX_FEEDS);
}

/** The feeds a page announces with <link rel="alternate">, resolved, the site's own before comment feeds. */
export function discoverFeeds(html: string, url: string): URL[] {
  return discoverFeedsInDocument(parsePageDocument(html), url);
}
