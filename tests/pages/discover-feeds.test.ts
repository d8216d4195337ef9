import { describe, expect, it } from 'vitest';
import { discoverFeeds } from '../../src/pages/discover-feeds.js';
import { LISTING_URL, SITE, fixture } from './seed-pages.js';

const hrefs = (urls: URL[]) => urls.map((url) => url.href);

describe('discoverFeeds', () => {
  it('lists rss, atom and json feed links resolved (against <base>), the site feeds before the comments feed', () => {
    expect(hrefs(discoverFeeds(fixture('site-with-feeds.html'), 'https://kabultimes.example/'))).toEqual([
      'https://kabultimes.example/feed/',
      'https://kabultimes.example/feed/atom/',
      'https://kabultimes.example/feed/json/',
      'https://kabultimes.example/comments/feed/',
    ]);
  });

  it('keeps page order among the site feeds: the whole site before a category', () => {
    expect(hrefs(discoverFeeds(fixture('ariana-latest-news.html'), LISTING_URL))).toEqual([
      `${SITE}/feed/`,
      `${SITE}/category/latest-news/feed/`,
      `${SITE}/comments/feed/`,
    ]);
  });

  it("puts a post's own comments feed last", () => {
    const urls = hrefs(discoverFeeds(fixture('ariana-csto.html'), `${SITE}/central-asia/`));
    expect(urls[0]).toBe(`${SITE}/feed/`);
    expect(urls[1]).toMatch(/central-asia-and-afghanistan.*\/feed\/$/);
  });

  it('resolves relative links against the page url', () => {
    const html = '<head><link rel="alternate" type="application/atom+xml" href="../atom.xml"></head>';
    expect(hrefs(discoverFeeds(html, 'https://b.example/blog/post/'))).toEqual([
      'https://b.example/blog/atom.xml',
    ]);
  });

  it('ignores other alternates, other link types and non-http links', () => {
    const html = `<head>
      <link rel="alternate" hreflang="fa" href="/fa/">
      <link rel="alternate" type="application/json+oembed" href="/oembed">
      <link rel="alternate" type="text/html" href="/print/">
      <link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="ftp://files.example/feed">
    </head>`;
    expect(discoverFeeds(html, 'https://b.example/')).toEqual([]);
    expect(discoverFeeds('', 'https://b.example/')).toEqual([]);
  });
});
