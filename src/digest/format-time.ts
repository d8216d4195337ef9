import { t } from '../i18n/translate.js';
import type { Calendar, Locale } from '../i18n/locale.js';
import type { Digest, DigestItem } from './digest.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// [unit, size, use this unit while the distance is below this many ms]
const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['minute', MINUTE, 45 * MINUTE],
  ['hour', HOUR, 22 * HOUR],
  ['day', DAY, 7 * DAY],
  ['week', 7 * DAY, 30 * DAY],
  ['month', 30.44 * DAY, 365 * DAY],
  ['year', 365.25 * DAY, Infinity],
];

// Intl formatters are slow to build and safe to share: one per locale, zone and calendar
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${options.timeZone ?? ''}|${options.timeZoneName ?? ''}|${options.calendar ?? ''}|${options.weekday ?? ''}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

// Intl's name of the calendar; Dari and Pashto default to the Solar Hijri one, so Gregorian is asked for
const intlCalendar = (calendar: Calendar) => (calendar === 'persian' ? 'persian' : 'gregory');
// the bot's own languages take the order of their parts from here; any other locale from Intl
const isOwnRtl = (locale: string) => locale === 'fa-AF' || locale === 'ps';
const isEnglish = (locale: string) => locale === 'en' || locale.startsWith('en-');

/** "3 hours ago", "yesterday", "in 5 minutes"… from `now`, by Intl.RelativeTimeFormat in the locale */
export function formatRelative(at: number, now: number, locale: Locale | string = 'en'): string {
  let format = relativeFormats.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  const distance = at - now;
  const size = Math.abs(distance);
  // a moment ago is "now"; a moment ahead is counted ("in 30 seconds"), so a wait is never shown as over
  if (size < 45 * SECOND) return format.format(distance > 0 ? Math.ceil(distance / SECOND) : 0, 'second');
  for (const [unit, unitSize, below] of RELATIVE_STEPS) {
    if (size < below) {
      const count = Math.max(1, Math.round(size / unitSize));
      return format.format(distance < 0 ? -count : count, unit);
    }
  }
  throw new Error(`formatRelative: no unit for a distance of ${distance} ms`);
}

// formatToParts with a zone name costs more than the rest of an item's rendering, and the same articles
// are shown again and again: answers are kept, the oldest dropped first
const ABSOLUTE_KEPT = 4096;
const absoluteTexts = new Map<string, string>();

/**
 * "24 Sep 2025, 14:12" in the IANA zone (Intl.DateTimeFormat with timeZone), zone abbreviation if short;
 * in Dari "۲ میزان ۱۴۰۴، ۱۴:۱۲" with the Solar Hijri calendar, Afghan month names and Eastern digits.
 */
export function formatAbsolute(
  at: number,
  timeZone: string,
  locale: Locale | string = 'en',
  calendar: Calendar = 'gregorian',
): string {
  const key = `${at}|${timeZone}|${locale}|${calendar}`;
  const known = absoluteTexts.get(key);
  if (known !== undefined) return known;
  const text = absoluteText(at, timeZone, locale, calendar);
  if (absoluteTexts.size >= ABSOLUTE_KEPT) {
    const oldest = absoluteTexts.keys().next();
    if (!oldest.done) absoluteTexts.delete(oldest.value);
  }
  absoluteTexts.set(key, text);
  return text;
}

function absoluteText(at: number, timeZone: string, locale: string, calendar: Calendar): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`formatAbsolute: not a time: ${at}`);
  const options: Intl.DateTimeFormatOptions = {
    timeZone,
    calendar: intlCalendar(calendar),
    day: 'numeric',
    month: isOwnRtl(locale) ? 'long' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  let parts: Intl.DateTimeFormatPart[];
  try {
    if (!isEnglish(locale) && !isOwnRtl(locale)) return dateFormat(locale, options).format(date);
    // en-US spells "Sep" (en-GB says "Sept"); the order is ours, and no era ("AP") is shown
    const intlLocale = isEnglish(locale) ? 'en-US' : locale;
    parts = dateFormat(intlLocale, { ...options, timeZoneName: 'short' }).formatToParts(date);
  } catch (error) {
    throw new RangeError(`formatAbsolute: unknown time zone "${timeZone}" or locale "${locale}"`, {
      cause: error,
    });
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const comma = isOwnRtl(locale) ? '،' : ',';
  const text = `${part('day')} ${part('month')} ${part('year')}${comma} ${part('hour')}:${part('minute')}`;
  // "UTC", "EDT" are worth showing; offsets such as "GMT+4:30" are the reader's own zone and only noise
  const zone = part('timeZoneName');
  return /^[A-Z]{2,5}$/.test(zone) ? `${text} ${zone}` : text;
}

/** "Saturday 28 November" for a local date "2026-11-28"; in Dari "شنبه ۷ قوس" with the Solar Hijri calendar */
export function formatDay(localDate: string, locale: Locale, calendar: Calendar = 'gregorian'): string {
  const day = new Date(`${localDate}T12:00:00Z`);
  if (Number.isNaN(day.getTime())) return localDate;
  const parts = dateFormat(locale === 'en' ? 'en-GB' : locale, {
    timeZone: 'UTC',
    calendar: intlCalendar(calendar),
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).formatToParts(day);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')}`;
}

/**
 * Builds and uses once the formatters for a zone, so the first answer does not pay for loading the
 * locale's data (tens of milliseconds). Throws a RangeError for an unknown zone or locale.
 */
export function warmTimeFormats(timeZone: string, locale: Locale | string = 'en'): void {
  formatRelative(0, HOUR, locale);
  absoluteText(0, timeZone, locale, 'gregorian');
}

/** The time line of a digest item: "3 hours ago · 24 Sep 2025, 14:12", or "seen 3 hours ago · …" */
export function formatItemTime(
  item: DigestItem,
  digest: Pick<Digest, 'generatedAt' | 'timeZone' | 'locale' | 'calendar'>,
): string {
  const locale = digest.locale ?? 'en';
  const at = item.publishedAt ?? item.firstSeenAt;
  const relative = formatRelative(at, digest.generatedAt, locale);
  const absolute = formatAbsolute(at, digest.timeZone, locale, digest.calendar ?? 'gregorian');
  return item.publishedAt === null
    ? `${t(locale, 'time.seen', { relative })} · ${absolute}`
    : `${relative} · ${absolute}`;
}
