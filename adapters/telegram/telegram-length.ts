import { isHighSurrogate } from '../../src/index.js';
/** Telegram's limit for a message's text, after entity parsing, in UTF-16 code units. */
export const TELEGRAM_MAX_LENGTH = 4096;

const TAG = /<[^>]*>/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot));/gi;

/** Length of an HTML message as Telegram counts it: tags removed, each entity one character, UTF-16 units. */
export function telegramLength(html: string): number {
  const text = html.replace(TAG, '').replace(ENTITY, (_match, dec?: string, hex?: string) => {
    if (dec === undefined && hex === undefined) return '_';
    const codePoint = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    return codePoint > 0xffff ? '__' : '_';
  });
  return text.length;
}

const SPACE = /\s/;

/**
 * Splits text into pieces of at most `max` UTF-16 units: at blank lines if it can, else at line
 * breaks, else at spaces, else at a character boundary. Pieces are trimmed and non-empty.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut <= 0) cut = window.lastIndexOf('\n');
    if (cut <= 0) cut = lastSpaceBefore(rest, max);
    if (cut <= 0) cut = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces.filter((piece) => piece.length > 0);
}

function lastSpaceBefore(text: string, end: number): number {
  for (let i = Math.min(end, text.length - 1); i > 0; i -= 1) {
    if (SPACE.test(text.charAt(i))) return i;
  }
  return -1;
}
