import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/errors.js';
import { decodeFeedBytes, headerCharset } from '../../src/feeds/decode-feed-bytes.js';

const where = 'test-source';
const encode = (text: string, charset: string) => new Uint8Array(iconv.encode(text, charset));

describe('decodeFeedBytes', () => {
  it('reads a legacy code page named by the XML declaration (windows-1256 Dari)', () => {
    // "افغانستان" in windows-1256, written out byte by byte
    const afghanistan = [0xc7, 0xdd, 0xdb, 0xc7, 0xe4, 0xd3, 0xca, 0xc7, 0xe4];
    const input = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="windows-1256"?><t>'),
      ...afghanistan,
      ...new TextEncoder().encode('</t>'),
    ]);
    const decoded = decodeFeedBytes(input, undefined, where);
    expect(decoded.charset).toBe('windows-1256');
    expect(decoded.text).toContain('<t>افغانستان</t>');
  });

  it('lets a byte-order mark win over the header, and the header over the declaration', () => {
    const xml = '<?xml version="1.0" encoding="iso-8859-1"?><t>ñ</t>';
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
    expect(decodeFeedBytes(withBom, 'text/xml; charset=windows-1256', where).text).toBe(xml);
    const latin = encode(xml, 'latin1');
    expect(decodeFeedBytes(latin, undefined, where).text).toContain('<t>ñ</t>');
    const utf8 = new TextEncoder().encode(xml);
    expect(decodeFeedBytes(utf8, 'application/rss+xml; charset="utf-8"', where).text).toContain('<t>ñ</t>');
  });

  it('reads utf-16 with a bom, and utf-16 and utf-32 sniffed without one', () => {
    const xml = '<?xml version="1.0"?><t>Dari: کابل</t>';
    const le = new Uint8Array([0xff, 0xfe, ...encode(xml, 'utf-16le')]);
    expect(decodeFeedBytes(le, undefined, where).text).toBe(xml);
    expect(decodeFeedBytes(encode(xml, 'utf-16be'), undefined, where)).toEqual({
      text: xml,
      charset: 'utf-16be',
    });
    expect(decodeFeedBytes(encode(xml, 'utf-32le'), undefined, where).text).toBe(xml);
  });

  it('reads windows-1252 smart quotes behind an iso-8859-1 label, as browsers do', () => {
    const input = new Uint8Array([
      ...new TextEncoder().encode('<t>don'),
      0x92,
      ...new TextEncoder().encode('t</t>'),
    ]);
    expect(decodeFeedBytes(input, 'text/xml; charset=ISO-8859-1', where).text).toBe('<t>don’t</t>');
  });

  it('reads a json feed as utf-8 whatever the header claims', () => {
    const json = '{"title":"کابل"}';
    expect(
      decodeFeedBytes(new TextEncoder().encode(json), 'application/json; charset=windows-1256', where).text,
    ).toBe(json);
  });

  it('throws a FeedError naming an unknown charset', () => {
    expect(() =>
      decodeFeedBytes(new TextEncoder().encode('<t/>'), 'text/xml; charset=klingon-8', where),
    ).toThrow(FeedError);
    expect(() =>
      decodeFeedBytes(new TextEncoder().encode('<t/>'), 'text/xml; charset=klingon-8', where),
    ).toThrow('Feed test-source uses an unknown charset "klingon-8" (from the content-type header)');
  });
});

describe('headerCharset', () => {
  it('reads quoted, spaced and bare charset parameters, and ignores malformed ones', () => {
    expect(headerCharset("application/atom+xml;charset='us-ascii'")).toBe('us-ascii');
    expect(headerCharset('text/xml;charset = "windows-1256"')).toBe('windows-1256');
    expect(headerCharset('text/xml; qs=0.9; charset=UTF-8')).toBe('UTF-8');
    expect(headerCharset('text/xml; charset:iso-8859-1')).toBeUndefined();
    expect(headerCharset('text/xml;')).toBeUndefined();
    expect(headerCharset(undefined)).toBeUndefined();
  });
});
