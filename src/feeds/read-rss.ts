// rss 0.9x/2.0 and rss 1.0 (rdf) read into FeedDocument: well-formed rss by scanRss (a streaming
// parser, several times faster), the rest through feedsmith, which reads broken xml too.
import { ParseError, parseRdfFeed, parseRssFeed } from 'feedsmith';
import type { RdfFeed, RssFeed } from 'feedsmith';
import { itunesSummary, mediaDescription, mediaTitle } from './extension-text.js';
import { atomLink, atomText } from './read-atom.js';
import { scanRss } from './scan-rss.js';
import type { EntryText, FeedDocument, FeedEntry } from './feed-entry.js';
import { resolveReference } from './feed-entry.js';

type RssItem = RssFeed.Item<string>;
type RdfItem = RdfFeed.Item<string>;

function html(value: string | undefined): EntryText | undefined {
  return value === undefined ? undefined : { value, kind: 'html' };
}

function first<T>(values: T[] | undefined): T | undefined {
  return values?.[0];
}

function readRssItem(item: RssItem, feedBase: string | undefined): FeedEntry {
  const atom = item.atom;
  return {
    guid: item.guid?.value,
    guidIsPermaLink: item.guid?.isPermaLink,
    link: item.link ?? atomLink(atom?.links),
    base: resolveReference(item.xml?.base, feedBase),
    title:
      html(item.title) ?? html(first(item.dc?.titles)) ?? atomText(atom?.title) ?? mediaTitle(item.media),
    summary:
      html(item.description) ??
      html(first(item.dc?.descriptions)) ??
      atomText(atom?.summary) ??
      itunesSummary(item.itunes) ??
      mediaDescription(item.media),
    content: html(item.content?.encoded) ?? atomText(atom?.content),
    published:
      item.pubDate ??
      first(item.dc?.dates) ??
      first(item.dcterms?.issued) ??
      first(item.dcterms?.created) ??
      atom?.published,
    updated: first(item.dcterms?.modified) ?? atom?.updated,
    language: item.xml?.lang ?? first(item.dc?.languages),
  };
}

// old rss extensions carry the full text in <body>, <xhtml:body> or <fullitem>, which feedsmith does
// not know: they are read as content:encoded (a raw, markup-keeping element for feedsmith)
const BODY_ELEMENT = /<(\/?)(?:[A-Za-z][\w.-]*:)?(?:body|fullitem)(?=[\s>/])/g;

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 45 ||
    code === 46 ||
    code === 95
  );
}

// a fast test for <body>, <x:body>, <fullitem>: feeds write every item alike, so the first item
// (or the whole document when it has none) tells; indexOf only, no regex over the document
function hasBodyElement(xml: string): boolean {
  const first = xml.indexOf('<item');
  const end = first === -1 ? -1 : xml.indexOf('</item', first);
  const region = first === -1 ? xml : xml.slice(first, end === -1 ? undefined : end);
  for (const name of ['body', 'fullitem']) {
    for (let i = region.indexOf(name); i !== -1; i = region.indexOf(name, i + 1)) {
      const after = region.charCodeAt(i + name.length);
      if (after !== 62 && after !== 32 && after !== 9 && after !== 10 && after !== 13) continue;
      let j = i - 1;
      if (region.charCodeAt(j) === 58) {
        j--;
        while (j >= 0 && isNameChar(region.charCodeAt(j))) j--;
      }
      if (region.charCodeAt(j) === 60) return true;
    }
  }
  return false;
}

function parseRss(xml: string): RssFeed.Feed<string> {
  const mapped = hasBodyElement(xml) ? xml.replace(BODY_ELEMENT, '<$1content:encoded') : xml;
  try {
    return parseRssFeed(mapped);
  } catch (error) {
    // rss 0.9x without a <channel>: items straight under <rss>
    if (!(error instanceof ParseError) || /<(?:[\w.-]+:)?channel[\s>]/.test(mapped)) throw error;
    const end = mapped.lastIndexOf('</');
    const wrapped = mapped.replace(/<((?:[\w.-]+:)?rss)\b[^>]*>/, '$&<channel>');
    return parseRssFeed(
      `${wrapped.slice(0, end + wrapped.length - mapped.length)}</channel>${wrapped.slice(end + wrapped.length - mapped.length)}`,
    );
  }
}

/** Reads an rss 0.9x/2.0 document (feedsmith throws on malformed xml). */
export function readRss(xml: string, documentBase: string | undefined): FeedDocument {
  return scanRss(xml, documentBase) ?? readRssThroughFeedsmith(xml, documentBase);
}

/** Reads an rss 0.9x/2.0 document through feedsmith alone. */
export function readRssThroughFeedsmith(xml: string, documentBase: string | undefined): FeedDocument {
  const feed = parseRss(xml);
  const base = resolveReference(feed.xml?.base, documentBase);
  return {
    format: 'rss',
    title: html(feed.title),
    link: feed.link,
    base,
    language: feed.language ?? first(feed.dc?.languages) ?? feed.xml?.lang,
    entries: (feed.items ?? []).map((item) => readRssItem(item, base)),
  };
}

function readRdfItem(item: RdfItem, feedBase: string | undefined): FeedEntry {
  return {
    guid: item.rdf?.about,
    guidIsPermaLink: false,
    link: item.link ?? atomLink(item.atom?.links),
    base: resolveReference(item.xml?.base, feedBase),
    title: html(item.title) ?? html(first(item.dc?.titles)) ?? mediaTitle(item.media),
    summary: html(item.description) ?? html(first(item.dc?.descriptions)) ?? mediaDescription(item.media),
    content: html(item.content?.encoded),
    published: first(item.dc?.dates) ?? first(item.dcterms?.issued) ?? first(item.dcterms?.created),
    updated: first(item.dcterms?.modified),
    language: item.xml?.lang ?? first(item.dc?.languages),
  };
}

/** Reads an rss 1.0 (rdf) document. */
export function readRdf(xml: string, documentBase: string | undefined): FeedDocument {
  const feed = parseRdfFeed(xml);
  const base = resolveReference(feed.xml?.base, documentBase);
  return {
    format: 'rdf',
    title: html(feed.title),
    link: feed.link,
    base,
    language: first(feed.dc?.languages) ?? feed.xml?.lang,
    entries: (feed.items ?? []).map((item) => readRdfItem(item, base)),
  };
}
