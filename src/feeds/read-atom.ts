// atom 0.3 and 1.0 through feedsmith, read into FeedDocument.
import { parseAtomFeed } from 'feedsmith';
import type { AtomFeed } from 'feedsmith';
import { itunesSummary, mediaDescription, mediaTitle } from './extension-text.js';
import type { EntryText, FeedDocument, FeedEntry } from './feed-entry.js';
import { resolveReference } from './feed-entry.js';

type AtomEntry = AtomFeed.Entry<string>;
interface AtomLinkLike {
  href?: string;
  rel?: string;
  type?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

// base64 text, decoded, when it decodes to readable utf-8; undefined otherwise
function fromBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !BASE64.test(value)) return undefined;
  try {
    const text = utf8.decode(Buffer.from(compact, 'base64'));
    return /[\u0000-\u0008\u000E-\u001F]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * An atom text construct: html and xhtml are markup (feedsmith leaves xhtml entities encoded), other
 * text types are text; a non-text mime type is base64 (atom 1.0), as is atom 0.3's mode="base64",
 * which feedsmith does not keep: in a 0.3 feed, text that decodes cleanly is taken as base64.
 */
export function atomText(
  text: { value?: string; type?: string } | undefined,
  atom03 = false,
): EntryText | undefined {
  if (text?.value === undefined) return undefined;
  const type = text.type?.trim().toLowerCase();
  const markup = type !== undefined && (type === 'html' || type === 'xhtml' || type.includes('html'));
  const textual =
    type === undefined || type === 'text' || type.startsWith('text/') || type.includes('xml') || markup;
  if (!textual || atom03) {
    const decoded = fromBase64(text.value);
    if (decoded !== undefined) return { value: decoded, kind: 'html' };
    if (!textual) return undefined;
  }
  return { value: text.value, kind: markup ? 'html' : 'text' };
}

/** The alternate link, preferring an html one. */
export function atomLink(links: AtomLinkLike[] | undefined): string | undefined {
  if (!links) return undefined;
  let fallback: string | undefined;
  for (const link of links) {
    if (!link.href) continue;
    const rel = link.rel?.trim().toLowerCase() ?? 'alternate';
    if (rel !== 'alternate' && rel !== 'http://www.iana.org/assignments/relation/alternate') continue;
    const type = link.type?.toLowerCase();
    if (type === undefined || type.includes('html')) return link.href;
    fallback ??= link.href;
  }
  return fallback;
}

function readEntry(entry: AtomEntry, feedBase: string | undefined, atom03: boolean): FeedEntry {
  return {
    guid: entry.id,
    link: atomLink(entry.links),
    base: resolveReference(entry.xml?.base, feedBase),
    title: atomText(entry.title, atom03) ?? mediaTitle(entry.media),
    summary: atomText(entry.summary, atom03) ?? itunesSummary(entry.itunes) ?? mediaDescription(entry.media),
    content: atomText(entry.content, atom03),
    published: entry.published,
    updated: entry.updated,
    language: entry.xml?.lang,
  };
}

/** Reads an atom 1.0 or 0.3 document (feedsmith throws on malformed xml). */
export function readAtom(xml: string, documentBase: string | undefined, atom03: boolean): FeedDocument {
  const feed = parseAtomFeed(xml);
  const base = resolveReference(feed.xml?.base, documentBase);
  return {
    format: 'atom',
    title: atomText(feed.title, atom03),
    link: atomLink(feed.links),
    base,
    language: feed.xml?.lang,
    entries: (feed.entries ?? []).map((entry) => readEntry(entry, base, atom03)),
  };
}
