// html bytes → text: the charset from the byte-order mark, else the http content-type, else the
// page's <meta charset> (or http-equiv) in its first 1024 bytes, else utf-8.
import { decodeFeedBytes, headerCharset } from '../feeds/decode-feed-bytes.js';

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** Decodes an html page; throws FeedError naming an unknown charset. */
export function decodePageBytes(bytes: Uint8Array, contentType: string | undefined, where: string): string {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe);
  if (hasBom || headerCharset(contentType)) return decodeFeedBytes(bytes, contentType, where).text;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString(
    'latin1',
  );
  const declared = META_CHARSET.exec(head)?.[1];
  // a page that says utf-16 in ascii bytes is not utf-16 (the html standard reads it as utf-8)
  const charset = declared && !/^utf-?16/i.test(declared) ? declared : 'utf-8';
  return decodeFeedBytes(bytes, `text/html; charset=${charset}`, where).text;
}
