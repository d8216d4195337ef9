import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.js';
import { classifyPage } from '../../src/pages/classify-page.js';
import { discoverFeeds } from '../../src/pages/discover-feeds.js';
import { extractArticle } from '../../src/pages/extract-article.js';
import { MAX_PAGE_BYTES, parsePage } from '../../src/pages/parse-page.js';
import { readListingPage } from '../../src/pages/read-listing-page.js';

const URL_ = 'https://hostile.example/news/';
const options = { sourceId: 'hostile-news', language: 'en', url: URL_ };

// runs the public entry points on the page (all five, or the two that cover them for big pages):
// none may throw, and they must come back within the budget
function survive(html: string, budgetMs: number, all = true): ReturnType<typeof parsePage> {
  const start = performance.now();
  const parsed = parsePage(html, options);
  extractArticle(html, URL_);
  if (all) {
    readListingPage(html, URL_);
    classifyPage(html, URL_);
    discoverFeeds(html, URL_);
  }
  expect(performance.now() - start).toBeLessThan(budgetMs);
  return parsed;
}

describe('hostile pages are handled without crash or hang', () => {
  it('100,000 nested elements, closed or never closed', () => {
    const text = 'The story survives the nesting. '.repeat(30);
    const closed = `<html><body>${'<div>'.repeat(100_000)}<p>${text}</p>${'</div>'.repeat(100_000)}</body></html>`;
    const parsed = survive(closed, 5_000);
    expect(parsed.articles.every((article) => article.text.length < 2_000)).toBe(true);
    survive(`<html><body>${'<div><span><b>'.repeat(50_000)}tail`, 5_000);
    survive(`<html><body>${'<article><h2><a href="/a">x'.repeat(30_000)}`, 5_000);
  });

  // measured on a busy two-core machine: about 3 s each for parsePage and extractArticle on the junk markup
  it(
    '5 MB of junk markup or stray "<" (just under the cap), a megabyte of headlines',
    { timeout: 120_000 },
    () => {
      const size = MAX_PAGE_BYTES - 1_000;
      const junk = Array.from(
        { length: 70_000 },
        (_, i) => `<div class="x${i}"><p>junk ${i} lorem</p><a href="/a${i}">l</a></div>`,
      )
        .join('')
        .slice(0, size);
      survive(`<html><body>${junk}`, 30_000, false);
      const links = Array.from(
        { length: 10_000 },
        (_, i) =>
          `<article><h2><a href="/story-${i}/">Story ${i} is here</a></h2><p>Lede of story ${i}, long enough.</p></article>`,
      ).join('');
      const listing = survive(`<html><body>${links}`, 30_000, false);
      expect(listing.kind).toBe('listing');
      expect(listing.articles.length).toBe(200);
      survive('<'.repeat(size), 10_000, false);
      survive(`<div ${'a="b" '.repeat(size / 6)}>x</div>`, 10_000, false);
    },
  );

  it('script, style and template contents that look like articles are not read as html', () => {
    const html = `<html><head>
      <script>var articles = "<article><h2><a href='/fake-1/'>Fake one</a></h2></article>";</script>
      <script type="application/json">{"articles":[{"title":"<h2><a href='/fake-2/'>Fake two</a></h2>"}]}</script>
      <style>h2::before { content: "<article><h2><a href='/fake-3/'>x</a></h2>"; }</style>
      </head><body><main>
      <article><h2><a href="/real-1/">Real one</a></h2></article>
      <article><h2><a href="/real-2/">Real two</a></h2></article>
      <template><article><h2><a href="/fake-4/">Fake four</a></h2></article></template>
      <script>document.write("<article><h2><a href='/fake-5/'>Fake five</a></h2></article>")</script>
      </main><script>unterminated("<article><h2><a href='/fake-6/'>`;
    const urls = readListingPage(html, URL_).map((entry) => entry.url);
    expect(urls).toEqual(['https://hostile.example/real-1/', 'https://hostile.example/real-2/']);
    expect(extractArticle(html, URL_).text).not.toMatch(/fake/i);
  });

  it('binary garbage, control characters and broken json-ld', () => {
    const garbage = new Uint8Array(200_000).map((_, i) => (i * 2654435761) % 251);
    expect(() => parsePage(garbage, options)).not.toThrow();
    survive(
      `<html><head><script type="application/ld+json">{"@graph":[${'['.repeat(10_000)}</script></head>\u0000\u0001<body>\u0007</body>`,
      5_000,
    );
    survive(
      `<html lang="${'x'.repeat(10_000)}"><head><base href="javascript:alert(1)"><link rel="canonical" href="http://[::1"></head></html>`,
      5_000,
    );
  });

  it('refuses more than 5 MB with a one-line FeedError naming the source and url', () => {
    let error: unknown;
    try {
      parsePage('x'.repeat(MAX_PAGE_BYTES + 1), options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).message).toBe(`Page hostile-news (${URL_}) is 5.0 MB, over the 5 MB limit`);
  });
});
