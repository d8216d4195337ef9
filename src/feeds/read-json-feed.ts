// json feed 1.0 and 1.1 through feedsmith, read into FeedDocument.
import { detectJsonFeed, parseJsonFeed } from 'feedsmith';
import type { JsonFeed } from 'feedsmith';
import type { EntryText, FeedDocument, FeedEntry } from './feed-entry.js';

type JsonItem = JsonFeed.Item<string>;

function text(value: string | undefined, kind: EntryText['kind']): EntryText | undefined {
  return value === undefined || value.trim() === '' ? undefined : { value, kind };
}

function readItem(item: JsonItem): FeedEntry {
  return {
    guid: item.id === undefined ? undefined : String(item.id),
    guidIsPermaLink: false,
    link: item.url ?? item.external_url,
    title: text(item.title, 'text'),
    summary: text(item.summary, 'text'),
    content: text(item.content_html, 'html') ?? text(item.content_text, 'text'),
    published: item.date_published,
    updated: item.date_modified,
    language: item.language,
  };
}

/** True when a parsed json value looks like a json feed. */
export function isJsonFeed(value: unknown): boolean {
  return detectJsonFeed(value);
}

/** Reads a parsed json feed object. */
export function readJsonFeed(value: unknown): FeedDocument {
  const feed = parseJsonFeed(value);
  return {
    format: 'json',
    title: text(feed.title, 'text'),
    link: feed.home_page_url,
    language: feed.language,
    entries: (feed.items ?? []).map(readItem),
  };
}
