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

// Intl formatters are slow to build and safe to share: one per locale and zone
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${options.timeZone ?? ''}|${options.timeZoneName ?? ''}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** "3 hours ago", "yesterday", "in 5 minutes"… from `now` (Intl.RelativeTimeFormat, English for now) */
export function formatRelative(at: number, now: number, locale = 'en'): string {
  let format = relativeFormats.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  const distance = at - now;
  const size = Math.abs(distance);
  if (size < 45 * SECOND) return format.format(0, 'second');
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

/** "24 Sep 2025, 14:12" in the IANA zone (Intl.DateTimeFormat with timeZone), zone abbreviation if short */
export function formatAbsolute(at: number, timeZone: string, locale = 'en'): string {
  const key = `${at}|${timeZone}|${locale}`;
  const known = absoluteTexts.get(key);
  if (known !== undefined) return known;
  const text = absoluteText(at, timeZone, locale);
  if (absoluteTexts.size >= ABSOLUTE_KEPT) {
    const oldest = absoluteTexts.keys().next();
    if (!oldest.done) absoluteTexts.delete(oldest.value);
  }
  absoluteTexts.set(key, text);
  return text;
}

function absoluteText(at: number, timeZone: string, locale: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`formatAbsolute: not a time: ${at}`);
  const options: Intl.DateTimeFormatOptions = {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  let parts: Intl.DateTimeFormatPart[];
  try {
    // en-US spells "Sep" (en-GB says "Sept"); the order is ours
    const english = locale === 'en' || locale.startsWith('en-');
    if (!english) return dateFormat(locale, options).format(date);
    parts = dateFormat('en-US', { ...options, timeZoneName: 'short' }).formatToParts(date);
  } catch (error) {
    throw new RangeError(`formatAbsolute: unknown time zone "${timeZone}" or locale "${locale}"`, {
      cause: error,
    });
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
  // "UTC", "EDT" are worth showing; offsets such as "GMT+4:30" are the reader's own zone and only noise
  const zone = part('timeZoneName');
  return /^[A-Z]{2,5}$/.test(zone) ? `${text} ${zone}` : text;
}

/**
 * Builds and uses once the formatters for a zone, so the first answer does not pay for loading the
 * locale's data (tens of milliseconds). Throws a RangeError for an unknown zone or locale.
 */
export function warmTimeFormats(timeZone: string, locale = 'en'): void {
  formatRelative(0, HOUR, locale);
  absoluteText(0, timeZone, locale);
}

/** The time line of a digest item: "3 hours ago · 24 Sep 2025, 14:12", or "seen 3 hours ago · …" */
export function formatItemTime(item: DigestItem, digest: Pick<Digest, 'generatedAt' | 'timeZone'>): string {
  const at = item.publishedAt ?? item.firstSeenAt;
  const relative = formatRelative(at, digest.generatedAt);
  const absolute = formatAbsolute(at, digest.timeZone);
  return item.publishedAt === null ? `seen ${relative} · ${absolute}` : `${relative} · ${absolute}`;
}
