// the languages the bot speaks, how a chat's language is chosen by default, and the names readers type.
import { z } from 'zod';

export const LOCALES = ['en', 'fa-AF', 'ps'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LocaleSchema = z.enum(LOCALES);

/** gregorian is the default; persian is the Solar Hijri calendar Afghanistan uses (Intl's "persian") */
export const CALENDARS = ['gregorian', 'persian'] as const;
export type Calendar = (typeof CALENDARS)[number];
export const CalendarSchema = z.enum(CALENDARS);

export type Direction = 'ltr' | 'rtl';

export const directionOf = (locale: Locale): Direction => (locale === 'en' ? 'ltr' : 'rtl');

/** the primary language tag of a locale, as articles carry it: "fa-AF" → "fa" */
export const primaryTag = (locale: Locale): 'en' | 'fa' | 'ps' => (locale === 'fa-AF' ? 'fa' : locale);

/**
 * A platform's language code → the bot's locale: "fa", "fa-IR", "prs" → Dari; "ps", "pbt" → Pashto;
 * anything else (Discord's "en-US", "de", none) → English.
 */
export function localeFromLanguageCode(code: string | undefined | null): Locale {
  const primary = (code ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'fa' || primary === 'prs' || primary === 'per' || primary === 'fas') return 'fa-AF';
  if (primary === 'ps' || primary === 'pbt' || primary === 'pbu' || primary === 'pus') return 'ps';
  return 'en';
}

// names a reader may type for each language, in any of the three languages (folded: lower case)
const NAMES: Record<Locale, readonly string[]> = {
  en: ['en', 'eng', 'english', 'انگلیسی', 'انګلیسي', 'انگليسي', 'انګریزي'],
  'fa-AF': ['fa', 'fa-af', 'prs', 'dari', 'farsi', 'persian', 'دری', 'دري', 'فارسی', 'فارسي', 'پارسی'],
  ps: ['ps', 'pbt', 'pashto', 'pushto', 'pakhto', 'پښتو', 'پشتو', 'پختو'],
};

// Arabic and Persian forms of yeh and kaf are one letter to a reader
const foldName = (text: string) =>
  text.trim().toLowerCase().replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(/ى/g, 'ی');

/** "دری", "Pashto", "fa" → the locale; undefined when it names none of the three */
export function findLocale(text: string): Locale | undefined {
  const folded = foldName(text);
  return LOCALES.find((locale) => NAMES[locale].some((name) => foldName(name) === folded));
}

/** "English", "پښتو", "ar" → a content language tag ("en", "ps", "ar"); undefined when it is none */
export function findNewsLanguage(text: string): string | undefined {
  const locale = findLocale(text);
  if (locale) return primaryTag(locale);
  const code = text.trim().toLowerCase();
  return /^[a-z]{2,3}$/.test(code) ? code : undefined;
}

/** "solar", "shamsi", "هجری شمسی", "gregorian", "میلادی" → the calendar */
export function findCalendar(text: string): Calendar | undefined {
  const folded = foldName(text).replace(/\s+/g, ' ');
  if (
    /^(solar|solar hijri|shamsi|hijri|persian|jalali|هجری شمسی|شمسی|هجری|خورشیدی|لمریز|لمریز هجری)$/.test(
      folded,
    )
  )
    return 'persian';
  if (/^(gregorian|gregory|western|میلادی|عیسوی)$/.test(folded)) return 'gregorian';
  return undefined;
}

/** the one of a thing's three names (a topic's) in the reader's language */
export const nameIn = (names: { en: string; fa: string; ps: string }, locale: Locale): string =>
  names[primaryTag(locale)];
