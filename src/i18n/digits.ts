// the bot's own numbers in the reader's digits: Eastern Arabic-Indic (۰–۹) in Dari and Pashto.
import type { Locale } from './locale.js';

const EASTERN = '۰۱۲۳۴۵۶۷۸۹';

/** "08:00" → "۰۸:۰۰" in Dari and Pashto; unchanged in English */
export function localDigits(text: string, locale: Locale): string {
  if (locale === 'en') return text;
  return text.replace(/[0-9]/g, (digit) => EASTERN[Number(digit)] as string);
}

/** what a reader typed, with Persian (۰–۹) and Arabic (٠–٩) digits read as 0–9 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}
