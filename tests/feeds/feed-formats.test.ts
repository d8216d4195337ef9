import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import type { ParseFeedOptions } from '../../src/feeds/parse-feed.js';

const options: ParseFeedOptions = { sourceId: 'test-news', language: 'en' };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseFeed on atom, rdf and json feed', () => {
  it('reads atom 1.0: xml:base, html and xhtml text, published before updated', () => {
    const feed = parseFeed(
      bytes(`<?xml version="1.0"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/" xml:lang="en-gb">
        <title type="html">Blog &amp;lt;3</title>
        <entry xml:base="posts/">
          <id>tag:blog.example,2024:1</id>
          <title type="html">&lt;b&gt;First&lt;/b&gt; post</title>
          <link rel="self" href="https://blog.example/self/1"/>
          <link rel="alternate" type="text/html" href="first?utm_medium=atom"/>
          <published>2024-03-01T10:00:00+01:00</published>
          <updated>2024-03-05T10:00:00Z</updated>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b> &amp; friends.</p></div></content>
        </entry>
        <entry>
          <id>tag:blog.example,2024:2</id>
          <title type="text">Plain &lt;title&gt;</title>
          <link href="/second"/>
          <updated>2024-03-06T10:00:00Z</updated>
          <summary>Second summary.</summary>
        </entry>
      </feed>`),
      options,
    );
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Blog <3');
    const [first, second] = feed.articles;
    expect(first).toMatchObject({
      guid: 'tag:blog.example,2024:1',
      title: 'First post',
      url: 'https://blog.example/posts/first',
      publishedAt: Date.UTC(2024, 2, 1, 9),
      text: 'Hello world & friends.',
      summary: 'Hello world & friends.',
      language: 'en-GB',
    });
    expect(second).toMatchObject({
      title: 'Plain <title>',
      url: 'https://blog.example/second',
      publishedAt: Date.UTC(2024, 2, 6, 10),
      summary: 'Second summary.',
    });
  });

  it('reads rss 1.0 (rdf) with dublin core dates', () => {
    const feed = parseFeed(
      bytes(`<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><dc:language>de</dc:language></channel>
        <item rdf:about="https://rdf.example/1"><title>Eins</title><link>https://rdf.example/1</link>
          <description>Erster Text.</description><dc:date>2024-01-02T03:04:05Z</dc:date></item>
      </rdf:RDF>`),
      options,
    );
    expect(feed.format).toBe('rdf');
    expect(feed.articles[0]).toMatchObject({
      title: 'Eins',
      url: 'https://rdf.example/1',
      publishedAt: Date.UTC(2024, 0, 2, 3, 4, 5),
      summary: 'Erster Text.',
      language: 'de',
    });
  });

  it('reads json feed 1.1, html content included', () => {
    const feed = parseFeed(
      bytes(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'JSON',
          home_page_url: 'https://json.example/',
          language: 'fa',
          items: [
            {
              id: '1',
              url: 'https://json.example/1?utm_source=json',
              title: 'یک',
              content_html: '<p>متن <b>اول</b>.</p>',
              date_published: '2024-05-06T07:08:09+04:30',
            },
            { id: '2', content_text: 'A micro post without a title.' },
          ],
        }),
      ),
      options,
    );
    expect(feed.format).toBe('json');
    expect(feed.articles[0]).toMatchObject({
      guid: '1',
      title: 'یک',
      url: 'https://json.example/1',
      text: 'متن اول.',
      language: 'fa',
      publishedAt: Date.UTC(2024, 4, 6, 2, 38, 9),
    });
    expect(feed.articles[1]?.title).toBe('A micro post without a title.');
  });
});
