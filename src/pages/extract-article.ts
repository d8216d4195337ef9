// one article page → its title, clean text, lede, time, language and byline. readability (the
// firefox reader view's library) on a linkedom document, after the page's own furniture is removed.
import { Readability } from '@mozilla/readability';
import { foldLine } from '../feeds/html-to-text.js';
import { normalizeLanguageTag } from '../feeds/language-tag.js';
import { articleParagraphs } from './article-text.js';
import { inFurniture, isFurnitureElement, isFurnitureLine } from './furniture.js';
import type { PageDocument, PageElement } from './page-dom.js';
import { parsePageDocument, textOf } from './page-dom.js';
import { readPageMetadata } from './page-metadata.js';

export interface ExtractedArticle {
  title: string;
  /** clean text, one paragraph per block, paragraphs separated by a blank line */
  text: string;
  /** the page's standfirst (or its description) */
  lede?: string;
  publishedAt: number | null;
  /** bcp 47 */
  language?: string;
  byline?: string;
  /** the page's canonical url, when it names one on the same site */
  url?: string;
}

// a standfirst under the headline, as news themes mark it (class words, not substrings:
// "field-type-text-with-summary" is drupal's body field)
const LEDE_NAMES =
  /(?:^|\s)(?:[\w-]*[_-])?(?:excerpt|standfirst|subtitle|sub-title|subhead|subheadline|dek|deck|lede|summary|strapline)(?=$|\s)/i;
const MAX_LEDE_CHARS = 600;
// readability is slow on huge documents (about 1.5 s for 60,000 elements); real articles have a few thousand
export const MAX_ARTICLE_ELEMENTS = 30_000;

function paragraphText(scope: PageElement): number {
  let total = 0;
  for (const p of Array.from(scope.querySelectorAll('p'))) total += (p.textContent ?? '').length;
  return total;
}

// quotes and embedded posts are article text, whatever their wrapper is called
function wrapsQuote(element: PageElement): boolean {
  const quote = element.querySelector('blockquote');
  if (!quote) return false;
  const all = (element.textContent ?? '').trim().length;
  return all === 0 || (quote.textContent ?? '').trim().length / all > 0.6;
}

/** Removes furniture containers, never one that holds the article (or most of the page's prose). */
function removeFurniture(document: PageDocument): void {
  const body = document.body;
  if (!body) return;
  const found = Array.from(body.querySelectorAll('*')).filter(isFurnitureElement);
  if (found.length === 0) return;
  const prose = paragraphText(body);
  for (const element of found) {
    if (element.querySelector('h1, article, main, [itemprop="articleBody"]')) continue;
    if (prose > 0 && paragraphText(element) > prose * 0.4) continue;
    if (wrapsQuote(element)) {
      // and readability, which would drop a "social-embed" wrapper, must not see its name either
      element.removeAttribute('class');
      element.removeAttribute('id');
      continue;
    }
    element.remove();
  }
}

// where a standfirst can be: near the headline (up to three levels above it), or an article's header
function ledeRegion(document: PageDocument): PageElement | null {
  const h1 = document.querySelector('article h1') ?? document.querySelector('h1');
  if (!h1) return document.querySelector('article header');
  let region: PageElement = h1;
  for (let level = 0; level < 3; level++) {
    const parent = region.parentElement;
    if (!parent || parent.localName === 'body' || parent.localName === 'html') break;
    region = parent;
  }
  return region;
}

/** The standfirst element's text, removed from the page so it does not open the body as well. */
function takeLede(document: PageDocument, title: string): string | undefined {
  const region = ledeRegion(document);
  if (!region) return undefined;
  const marked = Array.from(region.querySelectorAll('[class], [itemprop="description"]')).filter(
    (element) =>
      element.getAttribute('itemprop') === 'description' ||
      LEDE_NAMES.test(element.getAttribute('class') ?? ''),
  );
  for (const element of marked.slice(0, 20)) {
    if (element.localName === 'meta' || element.closest('a, li') || element.querySelector('a')) continue;
    if (inFurniture(element)) continue;
    const text = textOf(element);
    if (text.length < 20 || text.length > MAX_LEDE_CHARS || text === title || isFurnitureLine(text)) continue;
    element.remove();
    return text;
  }
  return undefined;
}

function metaDescription(document: PageDocument): string | undefined {
  const value =
    document.querySelector('meta[property="og:description"]')?.getAttribute('content') ??
    document.querySelector('meta[name="description"]')?.getAttribute('content');
  const text = value ? foldLine(value) : '';
  return text.length >= 20 && text.length <= MAX_LEDE_CHARS && !isFurnitureLine(text) ? text : undefined;
}

const comparable = (text: string) =>
  text
    .toLowerCase()
    .replace(/^by\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

// readability sometimes keeps the headline, the byline or the url among the first blocks
function withoutHeadRepeats(paragraphs: string[], repeats: string[]): string[] {
  const known = new Set(repeats.map(comparable).filter((text) => text !== ''));
  return paragraphs.filter((paragraph, index) => index >= 3 || !known.has(comparable(paragraph)));
}

// the article's <h1>: the one in the article, else the page's only one (not the site name in a logo)
function headline(document: PageDocument): string {
  const inArticle = textOf(document.querySelector('article h1'));
  if (inArticle) return inArticle;
  const all = document.querySelectorAll('h1');
  const only = all.length === 1 ? all[0] : undefined;
  if (!only || inFurniture(only)) return '';
  const site = document.querySelector('meta[property="og:site_name"]')?.getAttribute('content')?.trim();
  const text = textOf(only);
  return text === site ? '' : text;
}

interface ReadabilityResult {
  title?: string | null;
  content?: unknown;
  byline?: string | null;
  lang?: string | null;
}

function runReadability(document: PageDocument): ReadabilityResult | null {
  try {
    const reader = new Readability(document as never, { serializer: (node: unknown) => node });
    return reader.parse() as ReadabilityResult | null;
  } catch {
    // a tree readability cannot walk: no article
    return null;
  }
}

/** Extracts the article of a parsed page; the document is changed (furniture removed). */
export function extractFromDocument(document: PageDocument, url: string | undefined): ExtractedArticle {
  const metadata = readPageMetadata(document, url);
  const h1 = headline(document);
  // too big to be one article (readability's own maxElemsToParse counts nothing on linkedom)
  const huge = document.querySelectorAll('*').length > MAX_ARTICLE_ELEMENTS;
  const lede = huge ? undefined : (takeLede(document, h1) ?? metaDescription(document));
  if (!huge) removeFurniture(document);
  const result = huge ? null : runReadability(document);
  const title =
    metadata.headline || h1 || foldLine(result?.title ?? '') || textOf(document.querySelector('title'));
  const content = result?.content as PageElement | undefined;
  const byline = foldLine(result?.byline ?? '');
  const paragraphs = withoutHeadRepeats(
    content && typeof content === 'object' ? articleParagraphs(content) : [],
    [title, h1, foldLine(result?.title ?? ''), byline, url ?? ''],
  );
  const article: ExtractedArticle = {
    title,
    text: paragraphs.join('\n\n'),
    publishedAt: metadata.publishedAt,
  };
  if (lede !== undefined) article.lede = lede;
  const language = metadata.language ?? normalizeLanguageTag(result?.lang ?? undefined);
  if (language) article.language = language;
  if (byline && byline.length <= 200) article.byline = byline;
  if (metadata.canonical) article.url = metadata.canonical;
  return article;
}

/** Extracts one article page: readability's text, cleaned of furniture, with the page's metadata. */
export function extractArticle(html: string, url: string): ExtractedArticle {
  return extractFromDocument(parsePageDocument(html), url);
}
