// feed bytes → text. the charset comes from the byte-order mark, else the http content-type,
// else the xml declaration (utf-16/32 also sniffed from the first bytes), else utf-8.
// json feeds are utf-8 (or a bom's utf-16/32).
import iconv from 'iconv-lite';
import { FeedError } from '../errors.js';

export interface DecodedFeed {
  text: string;
  /** the charset used, lower case */
  charset: string;
}

// labels that mean a wider charset in practice (as browsers read them)
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949',
  'x-sjis': 'shift_jis',
  'x-mac-roman': 'macintosh',
  utf8: 'utf-8',
  unicode: 'utf-16le',
};

const utf8 = new TextDecoder('utf-8');

function sniffBom(bytes: Uint8Array): { charset: string; length: number } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { charset: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { charset: 'utf-32le', length: 4 };
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'utf-16be', length: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'utf-16le', length: 2 };
  return undefined;
}

// "<?" written in utf-16 or utf-32 without a bom (xml 1.0 appendix f)
function sniffWide(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return 'utf-32be';
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return 'utf-32le';
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0x00 && b3 === 0x00) return 'utf-16le';
  return undefined;
}

/** The charset parameter of a content-type header, if any. */
export function headerCharset(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*("[^"]*"|'[^']*'|[^\s;]+)/i.exec(contentType);
  const value = match?.[1]?.replace(/^["']|["']$/g, '').trim();
  return value ? value : undefined;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString(
    'latin1',
  );
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(head);
  const value = match?.[1]?.trim();
  return value ? value : undefined;
}

function firstByte(bytes: Uint8Array, from: number): number | undefined {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
}

function decodeWith(bytes: Uint8Array, label: string, where: string, origin: string): DecodedFeed {
  const lower = label.trim().toLowerCase();
  const charset = ALIASES[lower] ?? lower;
  if (charset === 'utf-8') return { text: utf8.decode(bytes), charset };
  if (!iconv.encodingExists(charset)) {
    throw new FeedError(`Feed ${where} uses an unknown charset "${label}" (from ${origin})`);
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, {
    stripBOM: true,
  });
  return { text, charset };
}

/** Decodes feed bytes to text; throws FeedError naming an unknown charset. */
export function decodeFeedBytes(
  bytes: Uint8Array,
  contentType: string | undefined,
  where: string,
): DecodedFeed {
  const bom = sniffBom(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.length), bom.charset, where, 'its byte-order mark');
  const wide = sniffWide(bytes);
  if (wide) return decodeWith(bytes, wide, where, 'its first bytes');
  // a json feed is utf-8 whatever the header says
  if (firstByte(bytes, 0) === 0x7b) return decodeWith(bytes, 'utf-8', where, 'JSON Feed');
  const fromHeader = headerCharset(contentType);
  if (fromHeader) return decodeWith(bytes, fromHeader, where, 'the content-type header');
  const declared = declaredCharset(bytes);
  // a document that declares utf-16/32 but has 8-bit bytes was re-encoded without fixing its declaration
  if (declared && !/^(?:utf-?16|utf-?32|ucs-?2|ucs-?4)/i.test(declared)) {
    return decodeWith(bytes, declared, where, 'its XML declaration');
  }
  return { text: utf8.decode(bytes), charset: 'utf-8' };
}
