import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArticleSchema } from '../../src/articles/article.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import type { ParseFeedOptions } from '../../src/feeds/parse-feed.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options: ParseFeedOptions = { sourceId: 'test-news', language: 'en' };
const bytes = (text: string) => new TextEncoder().encode(text);

function rss(items: string, channel = '<title>Test</title><link>https://news.example/</link>'): Uint8Array {
  return bytes(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}${items}</channel></rss>`,
  );
}

describe('parseFeed on the seed feed (examples/offline/ariana-news.xml)', () => {
  const feed = parseFeed(readFileSync(path.join(repoRoot, 'examples/offline/ariana-news.xml')), {
    sourceId: 'ariana-news',
    language: 'en',
  });

  it('gives exactly its four articles, in feed order, each a valid article', () => {
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Ariana News – Latest News');
    expect(feed.skipped).toEqual({ count: 0, reasons: [] });
    expect(feed.articles.map((a) => a.title)).toEqual([
      'Iran rejects US return to Bagram Air Base in Afghanistan, citing regional security concerns',
      'Central Asia and Afghanistan are key security concerns for CSTO: Lavrov',
      'Afghanistan to establish first-ever faculty of ‘prophetic medicine’',
      'Renovation of Afghanistan–Iran border markers to begin in the near future',
    ]);
    for (const article of feed.articles) {
      expect(() => ArticleSchema.parse({ ...article, firstSeenAt: 0, topics: [] })).not.toThrow();
    }
    expect(new Set(feed.articles.map((a) => a.id)).size).toBe(4);
  });

  it('keeps the links and dates (+0430 read as Kabul time)', () => {
    expect(feed.articles.map((a) => a.url)).toEqual([
      'https://www.ariananews.af/iran-rejects-us-return-to-bagram-air-base-in-afghanistan-citing-regional-security-concerns/',
      'https://www.ariananews.af/central-asia-and-afghanistan-are-key-security-concerns-for-csto-lavrov/',
      'https://www.ariananews.af/afghanistan-to-establish-first-ever-faculty-of-prophetic-medicine/',
      'https://www.ariananews.af/renovation-of-afghanistan-iran-border-markers-to-begin-in-the-near-future/',
    ]);
    expect(feed.articles.map((a) => a.publishedAt && new Date(a.publishedAt).toISOString())).toEqual([
      '2025-09-24T09:42:00.000Z',
      '2025-09-22T13:10:00.000Z',
      '2025-09-21T06:35:00.000Z',
      '2025-09-20T05:00:00.000Z',
    ]);
    expect(feed.articles.every((a) => a.language === 'en-US')).toBe(true);
  });

  it('summarises each article with the start of its lede, clean', () => {
    const [bagram, csto, medicine, border] = feed.articles;
    expect(bagram?.summary).toBe(
      'Russia, China, and Iran have all publicly warned that the return of any American military installations in Afghanistan could undermine regional security.',
    );
    expect(csto?.summary.startsWith('Russian Foreign Minister Sergey Lavrov said on Monday')).toBe(true);
    expect(medicine?.summary).toBe(
      'The Ministry of Higher Education of Afghanistan has announced that the leader of the Islamic Emirate has approved the establishment of a faculty dedicated to “Prophetic Medicine.”',
    );
    expect(
      border?.summary.startsWith('Afghanistan’s Minister of Borders and Tribal Affairs, Noorullah Noori'),
    ).toBe(true);
    for (const article of feed.articles) {
      expect(article.summary.length).toBeLessThanOrEqual(300);
      expect(article.text.startsWith(article.summary.replace(/…$/, ''))).toBe(true);
      expect(article.summary).not.toMatch(/Published|Continue Reading|<|&[a-z]+;/i);
      expect(article.text).not.toMatch(/<\/?p>|<strong>/);
    }
    expect(bagram?.text).toContain(
      'Ali Larijani, Secretary-General of Iran’s Supreme National Security Council',
    );
  });
});

describe('parseFeed normalisation', () => {
  it('removes tracking parameters and wordpress boilerplate', () => {
    const feed = parseFeed(
      rss(`<item><title>Markets &amp;amp; more</title>
        <link>https://news.example/a?id=7&amp;utm_source=rss&amp;utm_medium=feed&amp;fbclid=XYZ</link>
        <description><![CDATA[<p>Prices rose again on Monday.</p> <a href="https://news.example/a">Continue reading <span>→</span></a>]]></description>
      </item>
      <item><title>Second</title><link>https://news.example/b?gclid=1</link>
        <description>&lt;p&gt;The council met.&lt;/p&gt;&lt;p&gt;The post &lt;a href="x"&gt;Second&lt;/a&gt; appeared first on Example News.&lt;/p&gt;</description></item>`),
      options,
    );
    expect(feed.articles.map((a) => a.url)).toEqual([
      'https://news.example/a?id=7',
      'https://news.example/b',
    ]);
    expect(feed.articles.map((a) => a.summary)).toEqual(['Prices rose again on Monday.', 'The council met.']);
    // rss titles are html: a double-escaped ampersand is still an ampersand
    expect(feed.articles[0]?.title).toBe('Markets & more');
  });

  it('strips markup from titles and keeps their words, escaped or in CDATA', () => {
    const feed = parseFeed(
      rss(`<item><title>&lt;b&gt;Breaking:&lt;/b&gt; talks &lt;i&gt;resume&lt;/i&gt;</title><link>https://news.example/1</link></item>
        <item><title><![CDATA[<em>Kabul</em> &amp; Herat]]></title><link>https://news.example/2</link></item>`),
      options,
    );
    expect(feed.articles.map((a) => a.title)).toEqual(['Breaking: talks resume', 'Kabul & Herat']);
  });

  it('prefers content:encoded for the text and the description for the summary, capped', () => {
    const long = '<p>' + 'Word '.repeat(6000) + '</p>';
    const feed = parseFeed(
      rss(`<item><title>T</title><link>https://news.example/1</link><description>Short lede. More words here.</description>
        <content:encoded><![CDATA[${long}]]></content:encoded></item>`),
      options,
    );
    const [article] = feed.articles;
    expect(article?.summary).toBe('Short lede. More words here.');
    expect(article?.text.length).toBeLessThanOrEqual(20_000);
    expect(article?.text.length).toBeGreaterThan(19_000);
    expect(article?.text.endsWith('Word')).toBe(true);
  });

  it('gives an item without a title the first words of its text', () => {
    const feed = parseFeed(
      rss(`<item><link>https://news.example/1</link><description>One two three four five six seven eight nine ten eleven twelve.</description></item>
        <item><link>https://news.example/2</link><description>Just three words</description></item>`),
      options,
    );
    expect(feed.articles.map((a) => a.title)).toEqual([
      'One two three four five six seven eight nine ten…',
      'Just three words',
    ]);
  });

  it('keeps the valid items when others lack a title or a link, and counts what it drops', () => {
    const feed = parseFeed(
      rss(`<item><title>Good one</title><link>https://news.example/1</link></item>
        <item><title>Only a title</title></item>
        <item><description>No title, no link, but text.</description></item>
        <item><guid isPermaLink="false">abc-123</guid><title>Only an id</title></item>
        <item></item>
        <item><title>Bad link</title><link>javascript:alert(1)</link><description>Text.</description></item>
        <item><title>Good two</title><link>https://news.example/2</link></item>`),
      options,
    );
    expect(feed.articles.map((a) => a.title)).toEqual([
      'Good one',
      'No title, no link, but text.',
      'Only an id',
      'Bad link',
      'Good two',
    ]);
    expect(feed.articles[3]?.url).toBeUndefined();
    expect(feed.skipped.count).toBe(1);
    expect(feed.skipped.reasons).toEqual(['item 2: "Only a title" has no link, id or text']);
  });

  it('ids come from the guid, prefixed by the source, else from the canonical url', () => {
    const items = `<item><guid isPermaLink="false">post-1</guid><title>A</title></item>
      <item><title>B</title><link>https://news.example/b?utm_campaign=x</link></item>`;
    const a = parseFeed(rss(items), { ...options, sourceId: 'one' });
    const b = parseFeed(rss(items), { ...options, sourceId: 'two' });
    expect(a.articles[0]?.guid).toBe('post-1');
    expect(a.articles[0]?.id.startsWith('one:')).toBe(true);
    expect(a.articles[0]?.id).not.toBe(b.articles[0]?.id);
    expect(parseFeed(rss(items), { ...options, sourceId: 'one' }).articles.map((x) => x.id)).toEqual(
      a.articles.map((x) => x.id),
    );
  });

  it('uses a permalink guid as the link, but never an opaque one', () => {
    const feed = parseFeed(
      rss(`<item><title>A</title><guid>https://news.example/a</guid></item>
        <item><title>B</title><guid isPermaLink="false">https://news.example/b</guid></item>
        <item><title>C</title><guid>12345</guid></item>`),
      { ...options, url: 'https://news.example/feed' },
    );
    expect(feed.articles.map((a) => a.url)).toEqual(['https://news.example/a', undefined, undefined]);
  });

  it('rejects impossible dates instead of rolling them over, and keeps the item', () => {
    const feed = parseFeed(
      rss(`<item><title>A</title><link>https://news.example/a</link><pubDate>Fri, 30 Feb 2024 10:00:00 GMT</pubDate></item>
        <item><title>B</title><link>https://news.example/b</link><pubDate>2024-06-31T10:00:00Z</pubDate></item>
        <item><title>C</title><link>https://news.example/c</link><pubDate>Mon, 01 Jul 2024 25:00:00 GMT</pubDate></item>
        <item><title>D</title><link>https://news.example/d</link><pubDate>Mon, 01 Jul 1850 10:00:00 GMT</pubDate></item>
        <item><title>E</title><link>https://news.example/e</link><pubDate>Mon, 01 Jul 2024 10:00:00 EDT</pubDate></item>`),
      options,
    );
    expect(feed.articles.map((a) => a.publishedAt)).toEqual([
      null,
      null,
      null,
      null,
      Date.UTC(2024, 6, 1, 14),
    ]);
  });

  it('resolves relative links against the feed url, and against the channel link without one', () => {
    const items = '<item><title>A</title><link>/2024/a?utm_source=x</link></item>';
    expect(
      parseFeed(rss(items), { ...options, url: 'https://feeds.example/news/rss' }).articles[0]?.url,
    ).toBe('https://feeds.example/2024/a');
    expect(parseFeed(rss(items), options).articles[0]?.url).toBe('https://news.example/2024/a');
  });

  it('takes the language of the item, else of the feed, else of the source, in BCP 47 case', () => {
    const feed = parseFeed(
      rss(
        `<item xml:lang="PS-af"><title>A</title><link>https://news.example/a</link></item>
        <item><title>B</title><link>https://news.example/b</link></item>`,
        '<title>T</title><language>fa_AF</language>',
      ),
      options,
    );
    expect(feed.articles.map((a) => a.language)).toEqual(['ps-AF', 'fa-AF']);
    const bare = parseFeed(rss('<item><title>C</title><link>https://news.example/c</link></item>'), {
      ...options,
      language: 'fa',
    });
    expect(bare.articles[0]?.language).toBe('fa');
  });
});
