// is a page one article, a listing of articles (a category or front page), or something else?
// the page's own metadata decides first (og:type, json-ld @type), then its shape.
import { isProbablyReaderable } from '@mozilla/readability';
import type { ListingEntry } from './read-listing-page.js';
import { readListingDocument } from './read-listing-page.js';
import type { PageDocument } from './page-dom.js';
import { parsePageDocument } from './page-dom.js';
import type { PageMetadata } from './page-metadata.js';
import { isArticleType, readPageMetadata } from './page-metadata.js';

export type PageKind = 'article' | 'listing' | 'other';

export interface PageClassification {
  kind: PageKind;
  metadata: PageMetadata;
  /** the listing entries the page shows (read for every page: the shape depends on them) */
  entries: ListingEntry[];
}

const LISTING_TYPES = new Set(['CollectionPage', 'ItemList', 'SearchResultsPage', 'Blog']);
const MIN_LISTING_ENTRIES = 3;
// the prose a single article has at least
const ARTICLE_PROSE_CHARS = 500;

function longestProse(document: PageDocument): number {
  let best = 0;
  for (const scope of Array.from(document.querySelectorAll('article, [itemprop="articleBody"]')).slice(
    0,
    50,
  )) {
    let total = 0;
    for (const p of Array.from(scope.querySelectorAll('p')).slice(0, 500))
      total += (p.textContent ?? '').length;
    best = Math.max(best, total);
  }
  return best;
}

function readerable(document: PageDocument): boolean {
  try {
    return isProbablyReaderable(document as never);
  } catch {
    return false;
  }
}

/** Classifies a parsed page; reads nothing twice for the caller (metadata and entries come back). */
export function classifyDocument(document: PageDocument, url: string | undefined): PageClassification {
  const metadata = readPageMetadata(document, url);
  const entries = readListingDocument(document, url);
  const result = (kind: PageKind): PageClassification => ({ kind, metadata, entries });
  const articleMeta =
    metadata.ogType === 'article' ||
    metadata.jsonLdTypes.some(isArticleType) ||
    metadata.headline !== undefined;
  const listingMeta = metadata.jsonLdTypes.some((type) => LISTING_TYPES.has(type));
  if (listingMeta && entries.length >= 2) return result('listing');
  if (articleMeta && !listingMeta) return result('article');
  const articles = document.querySelectorAll('article').length;
  if (articles >= MIN_LISTING_ENTRIES && entries.length >= MIN_LISTING_ENTRIES) return result('listing');
  if (articles === 1 && longestProse(document) >= ARTICLE_PROSE_CHARS) return result('article');
  if (entries.length >= MIN_LISTING_ENTRIES && metadata.ogType !== 'article') return result('listing');
  if (readerable(document)) return result('article');
  return result(entries.length >= 2 ? 'listing' : 'other');
}

/** Whether a page is one article, a listing of articles, or neither. */
export function classifyPage(html: string, url: string): PageKind {
  return classifyDocument(parsePageDocument(html), url).kind;
}
