// a listing page (a category or front page) → its articles in page order: the links of the
// headlines in the page's post blocks, each with its title, date and lede. navigation, sidebars
// ("Trending"), footers and links to other sites are left out.
import { canonicalUrl } from '../articles/canonical-url.js';
import { summarize } from '../articles/summarize.js';
import { parseFeedDate } from '../feeds/parse-date.js';
import { inFurniture, isContinueLink, isFurnitureLine } from './furniture.js';
import type { PageDocument, PageElement } from './page-dom.js';
import { documentBase, httpUrl, parsePageDocument, sameSite, textOf } from './page-dom.js';

export interface ListingEntry {
  /** canonical url of the article page */
  url: string;
  title: string;
  lede?: string;
  publishedAt: number | null;
}

export const MAX_LISTING_ENTRIES = 200;
// links examined at most: a page of 5 MB of links stays cheap
const MAX_LINKS = 2_000;
const MAX_LEDE_CHARS = 1_000;

// a headline link: a link in a heading, or a link (or its wrapper) marked as a title
const HEADLINE_LINKS = [
  'h1 a[href]',
  'h2 a[href]',
  'h3 a[href]',
  'h4 a[href]',
  'h5 a[href]',
  'h6 a[href]',
  '[class*="title"] a[href]',
  'a[href][class*="title"]',
  '[class*="headline"] a[href]',
  'a[href][class*="headline"]',
].join(', ');
const LEDE_SELECTOR = [
  '[class*="excerpt"]',
  '[class*="summary"]',
  '[class*="dek"]',
  '[class*="standfirst"]',
  '[class*="lede"]',
  '[class*="teaser-text"]',
  '[itemprop="description"]',
].join(', ');
// links to other listings, not to articles
const NOT_ARTICLE_PATH =
  /\/(?:category|categories|tag|tags|author|authors|topics?|section|page|search|feed|wp-login\.php)(?:\/|$)|[?&](?:cat|tag|s|page|paged)=/i;

interface Headline {
  link: PageElement;
  /** the heading (or title element) holding the link */
  heading: PageElement;
  url: string;
  title: string;
}

function headingOf(link: PageElement): PageElement {
  return (
    link.closest('h1, h2, h3, h4, h5, h6') ?? link.closest('[class*="title"], [class*="headline"]') ?? link
  );
}

function isArticleLink(url: string, page: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.pathname === '/' || parsed.pathname === '') return false;
  if (NOT_ARTICLE_PATH.test(`${parsed.pathname}${parsed.search}`)) return false;
  if (page === undefined) return true;
  const self = new URL(page);
  if (`${parsed.host}${parsed.pathname}${parsed.search}` === `${self.host}${self.pathname}${self.search}`)
    return false;
  return sameSite(url, page);
}

function findHeadlines(document: PageDocument, page: string | undefined): Headline[] {
  const base = documentBase(document, page);
  const headlines: Headline[] = [];
  const seen = new Set<string>();
  const links = Array.from(document.querySelectorAll(HEADLINE_LINKS)).slice(0, MAX_LINKS);
  for (const link of links) {
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#') || /^\s*(?:javascript|mailto|tel):/i.test(href)) continue;
    const resolved = base === undefined ? httpUrl(href) : httpUrl(href, base);
    const url = resolved === undefined ? undefined : canonicalUrl(resolved.replace(/#.*$/, ''));
    if (url === undefined || seen.has(url) || !isArticleLink(url, page)) continue;
    const heading = headingOf(link);
    const title = textOf(link) || textOf(heading);
    if (title.length < 3 || isContinueLink(title) || isFurnitureLine(title)) continue;
    if (inFurniture(heading)) continue;
    seen.add(url);
    headlines.push({ link, heading, url, title });
    if (headlines.length >= MAX_LISTING_ENTRIES) break;
  }
  return headlines;
}

/** Each headline's post block: its highest ancestor that holds no other headline. */
function postBlocks(headlines: Headline[]): PageElement[] {
  const owners = new Map<PageElement, number>();
  for (const headline of headlines) {
    for (let node = headline.heading.parentElement; node; node = node.parentElement)
      owners.set(node, (owners.get(node) ?? 0) + 1);
  }
  return headlines.map(({ heading }) => {
    let block = heading;
    for (let node = heading.parentElement; node; node = node.parentElement) {
      if (owners.get(node) !== 1 || ['body', 'html', 'main'].includes(node.localName)) break;
      block = node;
    }
    // a page with one headline: its block is its article or list item, not the whole page
    if (block === heading) block = heading.closest('article, li') ?? heading.parentElement ?? heading;
    return block;
  });
}

function ledeOf(block: PageElement, headline: Headline): string | undefined {
  const candidates = [
    ...Array.from(block.querySelectorAll(LEDE_SELECTOR)).slice(0, 5),
    ...Array.from(block.querySelectorAll('p')).slice(0, 10),
  ];
  for (const element of candidates) {
    if (headline.heading.contains(element) || element.contains(headline.heading)) continue;
    if (inFurniture(element)) continue;
    const text = textOf(element);
    if (text.length < 20 || text === headline.title || isFurnitureLine(text)) continue;
    return text.length > MAX_LEDE_CHARS ? summarize(text, MAX_LEDE_CHARS) : text;
  }
  return undefined;
}

function dateOf(block: PageElement): number | null {
  for (const time of Array.from(block.querySelectorAll('time[datetime], [itemprop="datePublished"]')).slice(
    0,
    5,
  )) {
    const at = parseFeedDate(
      time.getAttribute('datetime') ?? time.getAttribute('content') ?? time.textContent,
    );
    if (at !== null) return at;
  }
  for (const element of Array.from(block.querySelectorAll('time, [class*="date"]')).slice(0, 5)) {
    const at = parseFeedDate(textOf(element).replace(/^(?:published|updated|posted)(?:\s+on)?\s*:?\s*/i, ''));
    if (at !== null) return at;
  }
  return null;
}

/** The article entries of a parsed listing page, in page order. */
export function readListingDocument(document: PageDocument, url: string | undefined): ListingEntry[] {
  const headlines = findHeadlines(document, url);
  const blocks = postBlocks(headlines);
  return headlines.map((headline, index) => {
    const block = blocks[index] ?? headline.heading;
    const entry: ListingEntry = { url: headline.url, title: headline.title, publishedAt: dateOf(block) };
    const lede = ledeOf(block, headline);
    if (lede !== undefined) entry.lede = lede;
    return entry;
  });
}

/** Reads a listing page (a category or front page): its article links, titles, dates and ledes. */
export function readListingPage(html: string, url: string): ListingEntry[] {
  return readListingDocument(parsePageDocument(html), url);
}
