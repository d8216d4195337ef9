// what a page says about itself: published time, language, canonical url, og:type and json-ld
// types. read before readability touches the document (it removes the scripts).
import { normalizeLanguageTag } from '../feeds/language-tag.js';
import { parseFeedDate } from '../feeds/parse-date.js';
import type { PageDocument, PageElement } from './page-dom.js';
import { httpUrl, sameSite } from './page-dom.js';

export interface PageMetadata {
  publishedAt: number | null;
  language?: string;
  /** the page's own canonical url (same site only) */
  canonical?: string;
  /** og:type, lower case */
  ogType?: string;
  /** @type values of the page's json-ld objects (and of their @graph members) */
  jsonLdTypes: string[];
  /** json-ld headline, when the page has one */
  headline?: string;
}

const MAX_JSON_LD_CHARS = 200_000;
const MAX_JSON_LD_NODES = 200;

function meta(document: PageDocument, selector: string): string | undefined {
  const value = document.querySelector(selector)?.getAttribute('content')?.trim();
  return value ? value : undefined;
}

interface JsonLdNode {
  types: string[];
  datePublished?: string;
  headline?: string;
  inLanguage?: string;
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// the objects of a json-ld value, breadth first: top-level arrays and @graph members
function jsonLdNodes(value: unknown): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  const queue: unknown[] = [value];
  while (queue.length > 0 && nodes.length < MAX_JSON_LD_NODES) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item.slice(0, MAX_JSON_LD_NODES));
    else if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const node: JsonLdNode = { types: asStrings(record['@type']) };
      const date = asStrings(record.datePublished)[0] ?? asStrings(record.dateCreated)[0];
      if (date !== undefined) node.datePublished = date;
      const headline = asStrings(record.headline)[0];
      if (headline !== undefined) node.headline = headline;
      const language = asStrings(record.inLanguage)[0];
      if (language !== undefined) node.inLanguage = language;
      nodes.push(node);
      if (Array.isArray(record['@graph'])) queue.push(record['@graph']);
    }
  }
  return nodes;
}

function readJsonLd(document: PageDocument): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARS) continue;
    try {
      // some sites wrap the json in a cdata section or an html comment
      nodes.push(...jsonLdNodes(JSON.parse(text.replace(/^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$/g, ''))));
    } catch {
      // a broken json-ld block says nothing
    }
  }
  return nodes;
}

const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|NewsArticle)$/;

/** Whether a json-ld @type names an article. */
export function isArticleType(type: string): boolean {
  return ARTICLE_TYPES.test(type);
}

function firstTime(scope: PageElement | null): number | null {
  if (!scope) return null;
  for (const time of Array.from(scope.querySelectorAll('time[datetime]')).slice(0, 20)) {
    const at = parseFeedDate(time.getAttribute('datetime'));
    if (at !== null) return at;
  }
  return null;
}

function publishedTime(document: PageDocument, jsonLd: JsonLdNode[]): number | null {
  const metaTime =
    meta(document, 'meta[property="article:published_time"]') ??
    meta(document, 'meta[name="article:published_time"]') ??
    meta(document, 'meta[property="og:published_time"]');
  const fromJsonLd = jsonLd.find((node) => node.types.some(isArticleType) && node.datePublished);
  const itemprop = document.querySelector('[itemprop="datePublished"]');
  const candidates = [
    metaTime,
    fromJsonLd?.datePublished,
    jsonLd.find((node) => node.datePublished)?.datePublished,
    itemprop?.getAttribute('content') ?? itemprop?.getAttribute('datetime'),
    meta(document, 'meta[name="pubdate"]') ?? meta(document, 'meta[name="date"]'),
  ];
  for (const candidate of candidates) {
    const at = parseFeedDate(candidate);
    if (at !== null) return at;
  }
  return firstTime(document.querySelector('article') ?? document.querySelector('main') ?? document.body);
}

function language(document: PageDocument, jsonLd: JsonLdNode[]): string | undefined {
  const candidates = [
    document.documentElement?.getAttribute('lang'),
    meta(document, 'meta[http-equiv="content-language" i]')?.split(',')[0],
    jsonLd.find((node) => node.inLanguage)?.inLanguage,
    meta(document, 'meta[property="og:locale"]'),
  ];
  for (const candidate of candidates) {
    const tag = normalizeLanguageTag(candidate ?? undefined);
    if (tag) return tag;
  }
  return undefined;
}

/** Reads the page's metadata; absent or odd values are left out, never thrown. */
export function readPageMetadata(document: PageDocument, pageUrl: string | undefined): PageMetadata {
  const jsonLd = readJsonLd(document);
  const metadata: PageMetadata = {
    publishedAt: publishedTime(document, jsonLd),
    jsonLdTypes: jsonLd.flatMap((node) => node.types),
  };
  const lang = language(document, jsonLd);
  if (lang) metadata.language = lang;
  const base = httpUrl(pageUrl);
  const canonical =
    httpUrl(document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'), base) ??
    httpUrl(meta(document, 'meta[property="og:url"]'), base);
  if (canonical && (base === undefined || sameSite(canonical, base))) metadata.canonical = canonical;
  const ogType = meta(document, 'meta[property="og:type"]')?.toLowerCase();
  if (ogType) metadata.ogType = ogType;
  const headline = jsonLd.find((node) => node.types.some(isArticleType) && node.headline)?.headline;
  if (headline) metadata.headline = headline;
  return metadata;
}
