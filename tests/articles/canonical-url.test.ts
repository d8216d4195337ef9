import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/articles/canonical-url.js';

describe('canonicalUrl', () => {
  it('drops tracking parameters and keeps the others as written, in order', () => {
    expect(
      canonicalUrl('https://news.example/story?id=42&utm_source=rss&utm_medium=feed&UTM_Campaign=x&page=2'),
    ).toBe('https://news.example/story?id=42&page=2');
    expect(
      canonicalUrl('https://news.example/a?fbclid=IwAR0&gclid=abc&msclkid=1&mc_cid=2&xtor=RSS-3208'),
    ).toBe('https://news.example/a');
    expect(canonicalUrl('http://example/?a=1&b=2&c')).toBe('http://example/?a=1&b=2&c');
    expect(canonicalUrl('https://news.example/s?q=a%20b&utm_term=x&tag=caf%C3%A9')).toBe(
      'https://news.example/s?q=a%20b&tag=caf%C3%A9',
    );
  });

  it('resolves a relative link against the base', () => {
    expect(canonicalUrl('/2024/story?utm_source=x', 'https://news.example/feed/')).toBe(
      'https://news.example/2024/story',
    );
    expect(canonicalUrl('story', 'https://news.example/feed/')).toBe('https://news.example/feed/story');
    expect(canonicalUrl('https://other.example/x', 'https://news.example/')).toBe('https://other.example/x');
    expect(canonicalUrl('/x', 'not a base')).toBeUndefined();
  });

  it('lower-cases the host, drops default ports, credentials and empty or tracking fragments', () => {
    expect(canonicalUrl('HTTPS://News.Example:443/Path')).toBe('https://news.example/Path');
    expect(canonicalUrl('http://news.example:8080/a')).toBe('http://news.example:8080/a');
    expect(canonicalUrl('https://user:secret@news.example/a')).toBe('https://news.example/a');
    expect(canonicalUrl('https://news.example/a#')).toBe('https://news.example/a');
    expect(canonicalUrl('https://news.example/a#utm_source=x')).toBe('https://news.example/a');
    expect(canonicalUrl('https://news.example/a#section-2')).toBe('https://news.example/a#section-2');
    expect(canonicalUrl('  https://news.example/a  ')).toBe('https://news.example/a');
  });

  it('is undefined for anything but an http(s) url', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalUrl('mailto:editor@news.example')).toBeUndefined();
    expect(canonicalUrl('ftp://news.example/file')).toBeUndefined();
    expect(canonicalUrl('data:text/html,hi')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
    expect(canonicalUrl('http://')).toBeUndefined();
    expect(canonicalUrl('')).toBeUndefined();
  });

  it('gives one spelling for the same page', () => {
    const spellings = [
      'https://news.example/a?id=1',
      'https://NEWS.example/a?id=1&utm_source=twitter',
      'https://news.example:443/a?fbclid=x&id=1',
    ];
    expect(new Set(spellings.map((url) => canonicalUrl(url))).size).toBe(1);
  });

  it('reads plain links without the url parser to what the url parser gives', () => {
    // the url parser's spelling, tracking parameters and fragments dropped as canonicalUrl does
    const parsed = (raw: string): string | undefined => {
      if (!URL.canParse(raw)) return undefined;
      const url = new URL(raw);
      const pairs = url.search.slice(1).split('&');
      const kept = pairs.filter((pair) => pair !== '' && !/^(?:utm_|fbclid)/i.test(pair.split('=')[0] ?? ''));
      const hash = /^#?$|^#(?:utm_|xtor=)/i.test(url.hash) ? '' : url.hash;
      return `${url.protocol}//${url.host}${url.pathname}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hash}`;
    };
    const hosts = [
      'https://news.example',
      'http://a-b.c0.example',
      'https://x.y',
      'https://1.2.3',
      'https://ex.0x1',
    ];
    hosts.push(
      'https://xn--nxasmq6b.example',
      'https://EX.example',
      'https://ex.example:443',
      'https://u@ex.example',
    );
    const paths = [
      '',
      '/',
      '/a/b',
      '//a',
      '/a/./b',
      '/a/../b',
      '/a/.',
      '/%2e%2E/x',
      '/a b',
      '/é',
      '/a%zz',
      '/a^b',
    ];
    paths.push('/a|b', '/a{b}', '/a`b', '/a\\b', "/it's", '/a;b=c,d!$&()*+~@:');
    const queries = ['', '?', '?id=1', '?utm_source=x&id=1', "?a='b'", '?a b', '?a=%20&&b', '?fbclid=1'];
    const fragments = ['', '#', '#top', '#utm_x', '#a b', '#a#b', '#é'];
    let compared = 0;
    for (const host of hosts) {
      for (const path of paths) {
        for (const query of queries) {
          for (const fragment of fragments) {
            const raw = `${host}${path}${query}${fragment}`;
            expect({ raw, url: canonicalUrl(raw) }).toEqual({ raw, url: parsed(raw) });
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(9 * 18 * 8 * 7);
  });
});
