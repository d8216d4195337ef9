import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { articleId } from '../../src/articles/article-id.js';
import { ArticleSchema } from '../../src/articles/article.js';
import { FeedError } from '../../src/errors.js';
import { fillListingArticles } from '../../src/pages/fill-listing-articles.js';
import type { FetchPage, FetchedPage } from '../../src/pages/fill-listing-articles.js';
import { parsePage } from '../../src/pages/parse-page.js';
import { LISTING_URL, SITE, fixture, seedArticles } from './seed-pages.js';

const FeedArticleSchema = ArticleSchema.omit({ firstSeenAt: true, topics: true });
const seed = seedArticles();
const options = { sourceId: 'ariana-news', language: 'en', url: LISTING_URL };
const bytes = (text: string) => new TextEncoder().encode(text);

// the first one or two sentences of what a reader sees: the standfirst (if any), then the body
function opening(article: (typeof seed)[number]): string[] {
  const text = [article.lede, ...article.body].filter(Boolean).join(' ');
  const sentences = text.match(/[^.!?]+[.!?]+["”’]?(?=\s|$)/g) ?? [];
  return [sentences[0] ?? '', `${sentences[0] ?? ''} ${sentences[1]?.trim() ?? ''}`.trim()].map((s) =>
    s.trim(),
  );
}

describe('parsePage on the listing page', () => {
  const parsed = parsePage(bytes(fixture('ariana-latest-news.html')), options);

  it('reads it as a listing and gives one FeedArticle per seed article, valid by the schema', () => {
    expect(parsed.format).toBe('html');
    expect(parsed.kind).toBe('listing');
    expect(parsed.articles.map((article) => article.title)).toEqual(seed.map((article) => article.title));
    for (const article of parsed.articles) FeedArticleSchema.parse(article);
    expect(parsed.skipped).toEqual({ count: 0, reasons: [] });
    expect(parsed.title).toBe('Latest News Archives - Ariana News');
    expect(parsed.link).toBe(LISTING_URL);
  });

  it('gives ids from articleId and the canonical urls, dates, and the page language', () => {
    parsed.articles.forEach((article, index) => {
      const expected = seed[index];
      expect(article.url).toBe(expected?.url);
      expect(article.id).toBe(
        articleId({ sourceId: 'ariana-news', url: expected?.url, title: '', publishedAt: null, text: '' }),
      );
      expect(article.publishedAt).toBe(expected?.publishedAt);
      expect(article.language).toBe('en-US');
    });
  });

  it('gives summaries that read as the first one or two sentences of each article', () => {
    parsed.articles.forEach((article, index) => {
      expect(opening(seed[index] as (typeof seed)[number])).toContain(article.summary);
      expect(article.summary.length).toBeLessThanOrEqual(300);
    });
  });

  it('names the feeds the page announces', () => {
    expect(parsed.feeds[0]).toBe(`${SITE}/feed/`);
  });
});

describe('parsePage on an article page', () => {
  it('gives one FeedArticle with the body as text and the standfirst as summary', () => {
    const article = seed[0] as (typeof seed)[number];
    const parsed = parsePage(fixture(article.file), { ...options, url: article.url });
    expect(parsed.kind).toBe('article');
    expect(parsed.articles).toHaveLength(1);
    const [only] = parsed.articles;
    FeedArticleSchema.parse(only);
    expect(only?.text).toBe(article.body.join('\n\n'));
    expect(only?.summary).toBe(article.lede);
    expect(only?.url).toBe(article.url);
    expect(only?.publishedAt).toBe(article.publishedAt);
  });

  it('summarises an article without a standfirst by its opening sentences', () => {
    for (const article of seed.slice(1)) {
      const [only] = parsePage(fixture(article.file), { ...options, url: article.url }).articles;
      expect(opening(article)).toContain(only?.summary);
    }
  });

  it('takes the canonical url over the fetched url, and the source language when the page gives none', () => {
    const html = `<html><head><link rel="canonical" href="/news/story/"></head><body><article><h1>Story</h1>
      <p>${'Words of the story go here for a while. '.repeat(20)}</p></article></body></html>`;
    const parsed = parsePage(html, {
      ...options,
      language: 'ps',
      url: 'https://s.example/news/story/?utm_source=x',
    });
    expect(parsed.articles[0]?.url).toBe('https://s.example/news/story/');
    expect(parsed.articles[0]?.language).toBe('ps');
  });

  it('follows "as" over its own classification', () => {
    const parsed = parsePage(fixture('ariana-latest-news.html'), { ...options, as: 'article' });
    expect(parsed.kind).toBe('article');
    expect(parsed.articles).toHaveLength(1);
  });

  it('decodes the charset a page declares in <meta>', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Новости</title></head>
      <body><article><h1>Новости Кабула</h1><p>${'Совет провёл заседание в понедельник. '.repeat(20)}</p></article></body></html>`;
    const parsed = parsePage(iconv.encode(html, 'windows-1251'), { ...options, url: 'https://ru.example/a' });
    expect(parsed.articles[0]?.title).toBe('Новости Кабула');
    expect(parsed.articles[0]?.text).toContain('Совет провёл заседание');
  });

  it('refuses a page over 5 MB with a FeedError naming the source and url', () => {
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    expect(() => parsePage(huge, options)).toThrow(FeedError);
    expect(() => parsePage(huge, options)).toThrow(
      /ariana-news \(https:\/\/www\.ariananews\.af\/category\/latest-news\/\) is 5\.0 MB/,
    );
  });
});

describe('fillListingArticles', () => {
  const pages = new Map(seed.map((article) => [article.url, fixture(article.file)]));

  it("fetches each entry's page and fills its text, keeping id, url, title and summary", async () => {
    const listing = parsePage(fixture('ariana-latest-news.html'), options).articles;
    const fetchPage: FetchPage = async (url) => bytes(pages.get(url) ?? '');
    const { articles, failures } = await fillListingArticles(listing, fetchPage);
    expect(failures).toEqual([]);
    articles.forEach((article, index) => {
      const before = listing[index];
      expect(article.text).toBe(seed[index]?.body.join('\n\n'));
      expect(article.id).toBe(before?.id);
      expect(article.url).toBe(before?.url);
      expect(article.title).toBe(before?.title);
      expect(article.summary).toBe(before?.summary);
      FeedArticleSchema.parse(article);
    });
  });

  it('never loses the other pages when one fails, and reports the failure in one line', async () => {
    const listing = parsePage(fixture('ariana-latest-news.html'), options).articles;
    const broken = seed[1]?.url;
    const fetchPage: FetchPage = async (url): Promise<FetchedPage> => {
      if (url === broken) throw new Error(`${url} answered HTTP 404 Not Found`);
      if (url === seed[2]?.url) return { bytes: bytes('<html><body></body></html>'), headers: {} };
      return { bytes: bytes(pages.get(url) ?? ''), headers: { 'Content-Type': 'text/html; charset=utf-8' } };
    };
    const { articles, failures } = await fillListingArticles(listing, fetchPage);
    expect(failures).toEqual([
      { url: broken, reason: `${broken} answered HTTP 404 Not Found` },
      { url: seed[2]?.url, reason: 'no article text found on the page' },
    ]);
    expect(articles).toHaveLength(4);
    expect(articles[0]?.text).toBe(seed[0]?.body.join('\n\n'));
    expect(articles[3]?.text).toBe(seed[3]?.body.join('\n\n'));
    // the failed ones keep their listing lede
    expect(articles[1]).toEqual(listing[1]);
    expect(articles[2]?.text).toBe(listing[2]?.text);
  });

  it('fetches at most `concurrency` pages at once', async () => {
    const listing = parsePage(fixture('ariana-latest-news.html'), options).articles;
    let inFlight = 0;
    let most = 0;
    const fetchPage: FetchPage = async (url) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return pages.get(url) ?? '';
    };
    await fillListingArticles([...listing, ...listing], fetchPage, { concurrency: 2 });
    expect(most).toBe(2);
  });

  it('does nothing for no entries', async () => {
    const fetchPage: FetchPage = async () => {
      throw new Error('not called');
    };
    expect(await fillListingArticles([], fetchPage)).toEqual({ articles: [], failures: [] });
  });
});
