import { describe, expect, it } from 'vitest';
import { readListingPage } from '../../src/pages/read-listing-page.js';
import { LISTING_URL, SITE, fixture, seedArticles } from './seed-pages.js';

const seed = seedArticles();
const FURNITURE =
  /continue reading|trending|published|copyright|all rights reserved|connect with us|more posts/i;

describe('readListingPage on the Ariana News "Latest News" page', () => {
  const entries = readListingPage(fixture('ariana-latest-news.html'), LISTING_URL);

  it('gives exactly the four seed articles, in page order, with their titles and links', () => {
    expect(entries.map((entry) => entry.title)).toEqual(seed.map((article) => article.title));
    expect(entries.map((entry) => entry.url)).toEqual(seed.map((article) => article.url));
  });

  it('resolves relative links and drops tracking parameters', () => {
    // the fixture links articles 2 and 3 as "/slug/" and article 4 with utm_ parameters
    expect(entries[1]?.url).toBe(
      `${SITE}/central-asia-and-afghanistan-are-key-security-concerns-for-csto-lavrov/`,
    );
    expect(entries[3]?.url).not.toContain('utm_');
  });

  it('gives each article its lede: the standfirst, else the first paragraph', () => {
    expect(entries[0]?.lede).toBe(seed[0]?.lede);
    for (const index of [1, 2, 3]) expect(entries[index]?.lede).toBe(seed[index]?.body[0]);
  });

  it('gives each article its date from the <time datetime> of its block', () => {
    expect(entries.map((entry) => entry.publishedAt)).toEqual(seed.map((article) => article.publishedAt));
  });

  it('leaves out navigation, the category label, the "Trending" sidebar, the footer and other sites', () => {
    const urls = entries.map((entry) => entry.url);
    expect(urls.some((url) => /category|about-us|torkham|water-management|page\/2/.test(url))).toBe(false);
    expect(urls.every((url) => url.startsWith(`${SITE}/`))).toBe(true);
    for (const entry of entries) {
      expect(entry.title).not.toMatch(FURNITURE);
      expect(entry.lede ?? '').not.toMatch(FURNITURE);
    }
  });

  it('ignores the html inside script strings', () => {
    expect(entries.map((entry) => entry.url)).not.toContain(`${SITE}/injected-by-script/`);
  });
});

describe('readListingPage on other shapes', () => {
  it('reads a front page of <article> blocks with entry-summary ledes', () => {
    const entries = readListingPage(fixture('site-with-feeds.html'), 'https://kabultimes.example/');
    expect(entries.map((entry) => [entry.title, entry.url])).toEqual([
      [
        'Council meets on water rights',
        'https://kabultimes.example/2025/09/24/council-meets-on-water-rights/',
      ],
      ['New school year opens in the north', 'https://kabultimes.example/2025/09/23/new-school-year-opens/'],
      ['Saffron harvest begins in Herat', 'https://kabultimes.example/2025/09/22/saffron-harvest-begins/'],
    ]);
    expect(entries[2]?.lede).toBe(
      'Farmers in Herat began picking saffron, with growers expecting a larger crop than last year.',
    );
    expect(entries[0]?.publishedAt).toBeNull();
  });

  it('reads a plain list of headline links, with dates written out', () => {
    const html = `<html><body><ul class="news-list">
      <li><h3><a href="story-one.html">Parliament passes the budget</a></h3><span class="date">24 Sep 2025</span>
        <p>The lower house approved next year's spending plan by a wide margin.</p></li>
      <li><h3><a href="/news/story-two.html#top">Floods hit the east</a></h3><span class="date">2025-09-23</span></li>
      <li><h3><a href="https://elsewhere.example/story">Somebody else's story</a></h3></li>
      <li><h3><a href="javascript:void(0)">Not a link</a></h3></li>
      <li><h3><a href="#comments">Comments</a></h3></li>
    </ul></body></html>`;
    const entries = readListingPage(html, 'https://news.example/news/index.html');
    expect(entries).toEqual([
      {
        url: 'https://news.example/news/story-one.html',
        title: 'Parliament passes the budget',
        lede: "The lower house approved next year's spending plan by a wide margin.",
        publishedAt: Date.UTC(2025, 8, 24),
      },
      {
        url: 'https://news.example/news/story-two.html',
        title: 'Floods hit the east',
        publishedAt: Date.UTC(2025, 8, 23),
      },
    ]);
  });

  it('gives nothing for a page without headline links', () => {
    expect(
      readListingPage('<html><body><p>Just a paragraph.</p></body></html>', 'https://a.example/'),
    ).toEqual([]);
    expect(readListingPage('', 'https://a.example/')).toEqual([]);
  });

  it('lists a story once when two headlines link it', () => {
    const html = `<main><article><h2><a href="/a/">Story A</a></h2></article><article><h2><a href="/b/">Story B</a></h2></article>
      <section class="top"><h3><a href="/a/?utm_source=top">Story A again</a></h3></section></main>`;
    const entries = readListingPage(html, 'https://s.example/');
    expect(entries.map((entry) => entry.url)).toEqual(['https://s.example/a/', 'https://s.example/b/']);
  });
});
