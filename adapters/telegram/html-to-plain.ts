import { decodeHTML } from 'entities';
import { TELEGRAM_MAX_LENGTH } from './telegram-length.js';

const LINK = /<a\s+href="([^"]*)"\s*>([\s\S]*?)<\/a>/gi;
const TAG = /<[^>]*>/g;

const strip = (html: string) => decodeHTML(html.replace(TAG, ''));

/**
 * Telegram HTML as plain text, for the one resend after Telegram refused the HTML: tags removed,
 * entities decoded, and each link's address kept after its words when the message still fits.
 */
export function htmlToPlain(html: string): string {
  const plain = strip(html);
  const withLinks = strip(html.replace(LINK, (_whole, href: string, inner: string) => `${inner} (${href})`));
  return withLinks.length <= TELEGRAM_MAX_LENGTH ? withLinks : plain;
}
