// the feed parser's public face: bytes → the feed's articles, in order, with the items it had
// to drop counted and explained. rss 0.9x/2.0, rss 1.0 (rdf), atom 0.3/1.0, json feed 1.0/1.1.
import type { FeedArticle } from '../articles/article.js';
import { readFeed } from './read-feed.js';
import type { ParseFeedOptions } from './read-feed.js';

export { MAX_FEED_BYTES } from './read-feed.js';
export type { ParseFeedOptions } from './read-feed.js';

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  link?: string;
  /** in feed order */
  articles: FeedArticle[];
  /** items dropped, each reason one short line */
  skipped: { count: number; reasons: string[] };
}

/** Parses and normalises a feed; throws FeedError naming the source (and url) and the cause in one line. */
export function parseFeed(bytes: Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const reading = readFeed(bytes, options);
  const articles: FeedArticle[] = [];
  const reasons: string[] = [];
  const seen = new Set<string>();
  reading.entries.forEach((entry, index) => {
    if (entry.skipped !== undefined || !entry.article) {
      reasons.push(`item ${index + 1}: ${entry.skipped ?? 'unreadable'}`);
    } else if (seen.has(entry.article.id)) {
      reasons.push(`item ${index + 1}: repeats an earlier item's id`);
    } else {
      seen.add(entry.article.id);
      articles.push(entry.article);
    }
  });
  const parsed: ParsedFeed = {
    format: reading.format,
    articles,
    skipped: { count: reasons.length, reasons },
  };
  if (reading.title !== undefined) parsed.title = reading.title;
  if (reading.link !== undefined) parsed.link = reading.link;
  return parsed;
}
