// how the bot names a file a reader attached, and its size, in the reader's language.
import { said, type Said } from './translate.js';

const KB = 1024;
const MB = 1024 * KB;
const MAX_NAME = 80;

/** "the attached file “feeds.opml”", or "the attached file" when its name is unknown or empty */
export function attachedFile(name?: string): Said {
  // a file's name is the reader's text: one line, no control characters, not too long
  const clean = (name ?? '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean === '') return said('file.attached');
  return said('file.attachedNamed', {
    name: clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1)}…` : clean,
  });
}

/**
 * A size: kilobytes (rounded up) below 10 MB, so a file just over a 1 MB limit never reads "1.0 MB,
 * at most 1.0 MB"; megabytes to one decimal above.
 */
export function fileSize(bytes: number): Said {
  return bytes < 10 * MB
    ? said('size.kb', { kb: Math.ceil(bytes / KB) })
    : said('size.mb', { mb: Math.round((bytes / MB) * 10) / 10 });
}

/** a limit: "1 MB (1,024 KB)" when it is whole megabytes, else as fileSize */
export function sizeLimit(bytes: number): Said {
  return bytes % MB === 0 ? said('size.limit', { mb: bytes / MB, kb: bytes / KB }) : fileSize(bytes);
}
