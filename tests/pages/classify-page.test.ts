import { describe, expect, it } from 'vitest';
import { classifyPage } from '../../src/pages/classify-page.js';
import { LISTING_URL, fixture, seedArticles } from './seed-pages.js';

const story = (n: number) =>
  `<article class="post"><h2><a href="/2025/09/story-${n}/">Story number ${n}</a></h2><p>The lede of story ${n}, long enough to read.</p></article>`;
const prose = `<p>${'The council met on Monday to discuss the water rights of the districts along the river. '.repeat(12)}</p>`;

describe('classifyPage', () => {
  it('calls the "Latest News" category page a listing (although it shows whole articles)', () => {
    expect(classifyPage(fixture('ariana-latest-news.html'), LISTING_URL)).toBe('listing');
  });

  it('calls each seed article page, and the Dari page, an article', () => {
    for (const article of seedArticles())
      expect(classifyPage(fixture(article.file), article.url)).toBe('article');
    expect(classifyPage(fixture('dari-polio-article.html'), 'https://www.ariananews.af/fa/polio/')).toBe(
      'article',
    );
  });

  it('calls a front page of article blocks a listing', () => {
    expect(classifyPage(fixture('site-with-feeds.html'), 'https://kabultimes.example/')).toBe('listing');
  });

  it('decides by shape when the page has no metadata', () => {
    const listing = `<html><body><main>${[1, 2, 3, 4].map(story).join('')}</main></body></html>`;
    expect(classifyPage(listing, 'https://s.example/')).toBe('listing');
    const article = `<html><body><article><h1>Council meets</h1>${prose}${prose}</article></body></html>`;
    expect(classifyPage(article, 'https://s.example/council')).toBe('article');
  });

  it('trusts og:type article over a "related stories" block of headlines', () => {
    const html = `<html><head><meta property="og:type" content="article"></head><body><h1>Council meets</h1>${prose}
      <div class="more">${[1, 2, 3, 4, 5].map(story).join('')}</div></body></html>`;
    expect(classifyPage(html, 'https://s.example/council')).toBe('article');
  });

  it('trusts a json-ld CollectionPage with entries over og:type', () => {
    const html = `<html><head><meta property="og:type" content="article">
      <script type="application/ld+json">{"@type":"CollectionPage"}</script></head>
      <body>${[1, 2, 3].map(story).join('')}</body></html>`;
    expect(classifyPage(html, 'https://s.example/news/')).toBe('listing');
  });

  it('calls a page with neither prose nor headlines other', () => {
    expect(
      classifyPage('<html><body><form><input name="q"></form></body></html>', 'https://s.example/'),
    ).toBe('other');
    expect(classifyPage('', 'https://s.example/')).toBe('other');
  });
});
