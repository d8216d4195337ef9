// what the format readers hand to the normaliser: the fields we use, still raw (markup, relative
// links and date strings as the feed wrote them).

/** "html" is markup to strip (escaped html, cdata, xhtml); "text" is plain text. */
export interface EntryText {
  value: string;
  kind: 'html' | 'text';
}

export interface FeedEntry {
  /** the feed's own id: rss guid, atom id, rdf:about, json feed id */
  guid?: string;
  /** rss guid isPermaLink (absent means true in rss 2.0) */
  guidIsPermaLink?: boolean;
  link?: string;
  /** xml:base in effect for this entry, already resolved against the feed's */
  base?: string;
  title?: EntryText;
  summary?: EntryText;
  content?: EntryText;
  published?: string;
  updated?: string;
  language?: string;
}

export interface FeedDocument {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: EntryText;
  link?: string;
  /** the root's xml:base, resolved against the document's url */
  base?: string;
  language?: string;
  entries: FeedEntry[];
}

/** Resolves a (maybe relative) reference against a base; undefined if either is unusable. */
export function resolveReference(
  reference: string | undefined,
  base: string | undefined,
): string | undefined {
  if (reference === undefined) return base;
  try {
    return new URL(reference.trim(), base).href;
  } catch {
    return base;
  }
}
