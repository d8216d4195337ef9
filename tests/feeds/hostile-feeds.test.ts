import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.js';
import { MAX_FEED_BYTES, parseFeed } from '../../src/feeds/parse-feed.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = { sourceId: 'hostile-news', language: 'en', url: 'https://hostile.example/feed.xml' };
const bytes = (text: string) => new TextEncoder().encode(text);

function feedError(
  input: Uint8Array,
  extra: Partial<typeof options> & { headers?: Record<string, string> } = {},
): FeedError {
  try {
    parseFeed(input, { ...options, ...extra });
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    const message = (error as FeedError).message;
    // one line naming the source and the url
    expect(message).not.toContain('\n');
    expect(message).toContain('hostile-news');
    expect(message).toContain('https://hostile.example/feed.xml');
    return error as FeedError;
  }
  throw new Error('expected a FeedError');
}

describe('parseFeed refuses hostile or broken input with a FeedError', () => {
  it('refuses text that is neither XML nor JSON', () => {
    expect(feedError(bytes('Hello, this is not a feed at all.')).message).toMatch(
      /is not a feed: it starts with "Hello, this is not a feed/,
    );
    expect(feedError(bytes('   ')).message).toMatch(/is not a feed: the document is empty/);
  });

  it('refuses an HTML page and XML that is not a feed', () => {
    expect(
      feedError(bytes('<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>')).message,
    ).toMatch(/is not a feed: an HTML page/);
    expect(feedError(bytes('<?xml version="1.0"?><opml version="2.0"><body/></opml>')).message).toMatch(
      /is not a feed: XML with a <opml> root/,
    );
    expect(feedError(bytes('{"hello": "world"}')).message).toMatch(
      /is not a feed: JSON without a JSON Feed version/,
    );
  });

  it('refuses truncated XML and truncated JSON', () => {
    const whole =
      '<rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://a.example/1</link></item><item><title>Two</title></item></channel></rss>';
    for (const cut of [whole.length - 7, whole.length - 30, 60]) {
      expect(feedError(bytes(whole.slice(0, cut))).message).toMatch(/is truncated|is not well-formed XML/);
    }
    expect(
      feedError(bytes('{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"id":"1"'))
        .message,
    ).toMatch(/is not valid JSON/);
  });

  it('does not expand an entity bomb (a DTD of nested entities)', () => {
    const levels = Array.from(
      { length: 9 },
      (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n};`.repeat(10)}">`,
    ).join('\n');
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol0 "lol">
${levels}
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>Bomb &lol9;</title><link>https://hostile.example/1</link><description>before &lol9; after</description></item>
<item><title>Fine</title><link>https://hostile.example/2</link></item>
</channel></rss>`;
    const started = performance.now();
    const feed = parseFeed(bytes(bomb), options);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(feed.articles.map((a) => a.title)).toEqual(['Bomb &lol9;', 'Fine']);
    const size = JSON.stringify(feed).length;
    expect(size).toBeLessThan(5_000);
    expect(JSON.stringify(feed)).not.toContain('lollol');
  });

  it('refuses a 50 MB body before reading it', () => {
    const huge = new Uint8Array(50 * 1024 * 1024);
    expect(feedError(huge).message).toMatch(/is 50\.0 MB, over the 5 MB limit$/);
    expect(feedError(new Uint8Array(MAX_FEED_BYTES + 1)).message).toMatch(/is 5\.0 MB, over the 5 MB limit/);
  });

  it('survives 2,500 levels of nesting, in XML and in JSON, without overflowing the stack', () => {
    const deep = `<rss version="2.0"><channel><title>T</title><item><title>ok</title><link>https://a.example/1</link></item>${'<x>'.repeat(2_500)}${'</x>'.repeat(2_500)}</channel></rss>`;
    const started = performance.now();
    expect(feedError(bytes(deep)).message).toMatch(/is not well-formed XML: Maximum nested tags exceeded/);
    const deepJson = `{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"id":"1","title":"kept","content_text":"a"},{"id":"2","title":${'['.repeat(2_500)}${']'.repeat(2_500)}}]}`;
    const feed = parseFeed(bytes(deepJson), options);
    expect(feed.articles[0]?.title).toBe('kept');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('names an unknown charset, from the header or from the XML declaration', () => {
    const xml = '<rss version="2.0"><channel><title>T</title></channel></rss>';
    expect(
      feedError(bytes(xml), { headers: { 'content-type': 'application/rss+xml; charset=x-klingon' } })
        .message,
    ).toMatch(/unknown charset "x-klingon" \(from the content-type header\)/);
    expect(feedError(bytes(`<?xml version="1.0" encoding="bogus-8"?>${xml}`)).message).toMatch(
      /unknown charset "bogus-8" \(from its XML declaration\)/,
    );
  });

  it('keeps process memory well under 256 MB for a 5 MB feed', () => {
    // a fresh process, so its peak resident size is this parse's and nothing else's
    const script = `
      const { parseFeed } = await import(${JSON.stringify(path.join(repoRoot, 'src/feeds/parse-feed.ts'))});
      const items = [];
      for (let i = 0; i < 4000; i++) items.push('<item><title>Title ' + i + '</title><link>https://m.example/' + i + '?utm_source=x</link><description>&lt;p&gt;' + 'Lorem ipsum &amp; dolor sit amet. '.repeat(34) + '&lt;/p&gt;</description></item>');
      const bytes = new TextEncoder().encode('<rss version="2.0"><channel><title>M</title>' + items.join('') + '</channel></rss>');
      const feed = parseFeed(bytes, { sourceId: 'memory', language: 'en' });
      console.log(JSON.stringify({ bytes: bytes.byteLength, articles: feed.articles.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const result = JSON.parse(output) as { bytes: number; articles: number; maxRssMb: number };
    expect(result.bytes).toBeGreaterThan(4.5 * 1024 * 1024);
    expect(result.bytes).toBeLessThanOrEqual(MAX_FEED_BYTES);
    expect(result.articles).toBe(4000);
    expect(result.maxRssMb).toBeLessThan(200);
  });
});

describe('parseFeed keeps what is good in a flawed feed', () => {
  it('keeps the valid items when one item is broken', () => {
    const feed = parseFeed(
      bytes(`<rss version="2.0"><channel><title>T</title>
        <item><title>First</title><link>https://a.example/1</link></item>
        <item><title></title><link>http://</link><pubDate>yesterday-ish</pubDate><description><![CDATA[<script>x()</script>]]></description></item>
        <item><title>Third</title><link>https://a.example/3</link></item>
      </channel></rss>`),
      options,
    );
    expect(feed.articles.map((a) => a.title)).toEqual(['First', 'Third']);
    expect(feed.skipped.reasons).toEqual(['item 2: an empty item (no link, id or text)']);
  });

  it('mends a root end tag that lost only its ">"', () => {
    const feed = parseFeed(
      bytes(
        '<rss version="2.0"><channel><item><title>A</title><link>https://a.example/a</link></item></channel></rss',
      ),
      options,
    );
    expect(feed.articles[0]?.url).toBe('https://a.example/a');
  });

  it('decodes windows-1256 Dari text declared in the XML declaration or in the header', () => {
    // "کابل" (Kabul) in windows-1256: keheh 0x98, alef 0xc7, beh 0xc8, lam 0xe1; legacy text has
    // arabic yeh (U+064A), as windows-1256 has no farsi yeh
    const kabul = [0x98, 0xc7, 0xc8, 0xe1];
    const head = iconv.encode(
      '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>',
      'windows-1256',
    );
    const rest = iconv.encode(
      '</title><language>fa-AF</language><item><title>خبر تازه از کابل</title><link>https://dari.example/1</link><description>وزارت معارف اعلام کرد که مکاتب باز مي‌شوند.</description></item></channel></rss>',
      'windows-1256',
    );
    const input = new Uint8Array([...head, ...kabul, ...rest]);
    const feed = parseFeed(input, options);
    expect(feed.title).toBe('کابل');
    expect(feed.articles[0]).toMatchObject({
      title: 'خبر تازه از کابل',
      summary: 'وزارت معارف اعلام کرد که مکاتب باز مي‌شوند.',
      language: 'fa-AF',
    });
    const undeclared = new Uint8Array([
      ...iconv.encode('<rss version="2.0"><channel><title>', 'windows-1256'),
      ...kabul,
      ...rest,
    ]);
    const viaHeader = parseFeed(undeclared, {
      ...options,
      headers: { 'content-type': 'text/xml; charset=windows-1256' },
    });
    expect(viaHeader.title).toBe('کابل');
  });
});
