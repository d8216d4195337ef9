// feed bytes → every entry normalised (skipped ones marked, not dropped). feedsmith reads rss,
// atom, rdf and json feed (well-formed rss goes faster through scan-rss.ts); this layer decodes the
// bytes, refuses hostile input and normalises each entry on its own, so one bad item never loses the
// others. parseFeed is the public face.
import { DetectError, MalformedError, ParseError } from 'feedsmith';
import { canonicalUrl } from '../articles/canonical-url.js';
import { FeedError } from '../errors.js';
import { decodeFeedBytes } from './decode-feed-bytes.js';
import type { FeedDocument } from './feed-entry.js';
import { resolveReference } from './feed-entry.js';
import { foldLine, htmlToText } from './html-to-text.js';
import { normalizeLanguageTag } from './language-tag.js';
import { normalizeEntry } from './normalize-entry.js';
import type { NormalizedEntry } from './normalize-entry.js';
import { prepareXml } from './prepare-xml.js';
import { readAtom } from './read-atom.js';
import { isJsonFeed, readJsonFeed } from './read-json-feed.js';
import { readRdf, readRss } from './read-rss.js';

export const MAX_FEED_BYTES = 5 * 1024 * 1024;

export interface ParseFeedOptions {
  /** e.g. "ariana-news" */
  sourceId: string;
  /** the source's bcp 47 tag, used when the feed and item give none */
  language: string;
  /** where the bytes came from: base for relative links */
  url?: string;
  /** http response headers, lower-case names (content-type charset, content-location, content-language) */
  headers?: Record<string, string>;
}

export interface FeedReading {
  format: FeedDocument['format'];
  title?: string;
  link?: string;
  /** one per feed entry, in feed order; an entry that threw has only a skip reason */
  entries: (NormalizedEntry | { article?: undefined; skipped: string })[];
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) lower[name.toLowerCase()] = value;
  return lower;
}

function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return /^https?:$/.test(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split('\n')[0] ?? message;
}

function readJson(text: string, where: string): FeedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedError(`Feed ${where} is not valid JSON: ${describe(error)}`, { cause: error });
  }
  if (!isJsonFeed(value))
    throw new FeedError(`Feed ${where} is not a feed: JSON without a JSON Feed version`);
  try {
    return readJsonFeed(value);
  } catch (error) {
    throw new FeedError(`Feed ${where} is not a usable JSON Feed: ${describe(error)}`, { cause: error });
  }
}

function readXml(text: string, base: string | undefined, where: string): FeedDocument {
  const { xml, root, rootTag } = prepareXml(text, where);
  const format = root === 'rss' ? 'rss' : root === 'feed' ? 'atom' : root === 'rdf' ? 'rdf' : undefined;
  if (!format) {
    const kind =
      root === 'html' ? 'an HTML page' : `XML with a <${root}> root, not <rss>, <feed> or <rdf:RDF>`;
    throw new FeedError(`Feed ${where} is not a feed: ${kind}`);
  }
  try {
    if (format === 'rss') return readRss(xml, base);
    if (format === 'rdf') return readRdf(xml, base);
    return readAtom(xml, base, /purl\.org\/atom\/ns#|version\s*=\s*["']0\.3/i.test(rootTag));
  } catch (error) {
    // a root with no channel or entries at all: an empty feed, not an error
    if (error instanceof ParseError) return { format, entries: [] };
    if (error instanceof DetectError)
      throw new FeedError(`Feed ${where} is not a feed: no ${format} elements`);
    if (error instanceof MalformedError) {
      throw new FeedError(`Feed ${where} is not well-formed XML: ${describe(error)}`, { cause: error });
    }
    throw new FeedError(`Feed ${where} could not be read: ${describe(error)}`, { cause: error });
  }
}

/** Reads and normalises every entry; throws FeedError naming the source (and url) and the cause in one line. */
export function readFeed(bytes: Uint8Array, options: ParseFeedOptions): FeedReading {
  const where = options.url ? `${options.sourceId} (${options.url})` : options.sourceId;
  if (bytes.byteLength > MAX_FEED_BYTES) {
    const mb = (bytes.byteLength / (1024 * 1024)).toFixed(1);
    throw new FeedError(`Feed ${where} is ${mb} MB, over the ${MAX_FEED_BYTES / (1024 * 1024)} MB limit`);
  }
  const headers = lowerCaseKeys(options.headers);
  const { text } = decodeFeedBytes(bytes, headers['content-type'], where);
  const documentUrl = httpUrl(options.url);
  const documentBase = httpUrl(resolveReference(headers['content-location'], documentUrl)) ?? documentUrl;
  const doc =
    text.charAt(text.search(/\S/)) === '{' ? readJson(text, where) : readXml(text, documentBase, where);

  const feedLink = doc.link === undefined ? undefined : canonicalUrl(doc.link, doc.base ?? documentBase);
  const language =
    normalizeLanguageTag(doc.language) ??
    normalizeLanguageTag(headers['content-language']?.split(',')[0]) ??
    normalizeLanguageTag(options.language) ??
    options.language;
  const context = { sourceId: options.sourceId, language, base: doc.base ?? documentBase ?? feedLink };
  const entries = doc.entries.map((entry) => {
    try {
      return normalizeEntry(entry, context);
    } catch (error) {
      return { skipped: describe(error) };
    }
  });

  const reading: FeedReading = { format: doc.format, entries };
  const title = !doc.title
    ? ''
    : doc.title.kind === 'html'
      ? htmlToText(doc.title.value)
      : foldLine(doc.title.value);
  if (title) reading.title = title;
  if (feedLink) reading.link = feedLink;
  return reading;
}
