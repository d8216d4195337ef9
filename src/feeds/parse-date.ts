// feed dates: rfc 822 and its real-world variants, w3cdtf / iso 8601, asctime, and the localized
// forms of feedparser's suite. impossible values are rejected, never rolled over.
import { MONTHS, WEEKDAYS, ZONES } from './date-names.js';

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** minutes east of utc; utc when absent */
  offset?: number;
}

/** Parses a feed date to milliseconds since the epoch, or null when it is absent, unknown or impossible. */
export function parseFeedDate(input: string | undefined | null): number | null {
  if (input == null) return null;
  const text = input.trim();
  if (text === '' || text.length > 80) return null;
  const parts =
    parseUsualRfc822(text) ??
    parseRfc822(text) ??
    (/[^\x00-\x7f]/.test(text) ? parseKorean(text) : null) ??
    parseIso(text) ??
    parseWords(text);
  return parts ? toInstant(parts) : null;
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

// what most feeds write, read by position without a regex: "Wed, 24 Sep 2025 14:12:00 +0430" or
// "… GMT"; null for anything else (the general readers then try)
function parseUsualRfc822(text: string): DateParts | null {
  const numericZone = text.length === 31;
  if (!numericZone && !(text.length === 29 && text.endsWith(' GMT'))) return null;
  if (!text.startsWith(', ', 3) || text.charCodeAt(7) !== 32 || text.charCodeAt(11) !== 32) return null;
  if (text.charCodeAt(16) !== 32 || text.charCodeAt(19) !== 58 || text.charCodeAt(22) !== 58) return null;
  if (text.charCodeAt(25) !== 32 || !isLetter(text.charCodeAt(0)) || !isLetter(text.charCodeAt(1)))
    return null;
  if (!isLetter(text.charCodeAt(2))) return null;
  const month = monthAt(text, 8);
  const day = digits(text, 5, 2);
  const year = digits(text, 12, 4);
  const hour = digits(text, 17, 2);
  const minute = digits(text, 20, 2);
  const second = digits(text, 23, 2);
  if (month === 0 || day < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) return null;
  let offset = 0;
  if (numericZone) {
    const sign = text.charCodeAt(26);
    const zoneHours = digits(text, 27, 2);
    const zoneMinutes = digits(text, 29, 2);
    if ((sign !== 43 && sign !== 45) || zoneHours < 0 || zoneMinutes < 0) return null;
    if (zoneHours > 23 || zoneMinutes > 59) return null;
    offset = (sign === 45 ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  return { year, month, day, hour, minute, second, offset };
}

// the month of a three-letter english abbreviation at text[at], any case ("Sep", "SEP"); 0 if none
function monthAt(text: string, at: number): number {
  // setting the 0x20 bit lower-cases an ascii letter and never turns anything else into one
  const c0 = text.charCodeAt(at) | 0x20;
  const c1 = text.charCodeAt(at + 1) | 0x20;
  const c2 = text.charCodeAt(at + 2) | 0x20;
  for (let month = 0; month < MONTH_ABBREVIATIONS.length; month++) {
    const name = MONTH_ABBREVIATIONS[month] ?? '';
    if (name.charCodeAt(0) === c0 && name.charCodeAt(1) === c1 && name.charCodeAt(2) === c2) return month + 1;
  }
  return 0;
}
const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

// the common case, read in one step: "Wed, 24 Sep 2025 14:12:00 +0430"
const RFC_822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|[A-Za-z]{1,4})$/;

function parseRfc822(text: string): DateParts | null {
  const match = RFC_822.exec(text);
  if (!match) return null;
  const month = MONTHS.get((match[2] ?? '').toLowerCase());
  const zone = match[7] ?? '';
  const sign = zone.charCodeAt(0);
  // "+0430" read in place; names go through the zone table
  const offset =
    sign === 43 || sign === 45
      ? parseOffset(zone.charAt(0), zone.slice(1, 3), zone.slice(3, 5))
      : zoneOffset(zone);
  if (month === undefined || offset === undefined) return null;
  return {
    year: Number(match[3]),
    month,
    day: Number(match[1]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: match[6] === undefined ? 0 : Number(match[6]),
    offset,
  };
}

function toInstant(parts: DateParts): number | null {
  const { year, month, day } = parts;
  const hour = parts.hour ?? 0;
  const minute = parts.minute ?? 0;
  let second = parts.second ?? 0;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  if (second === 60) second = 59; // a leap second
  const offset = parts.offset ?? 0;
  return Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function twoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function parseOffset(sign: string, hours: string, minutes: string | undefined): number | undefined {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 23 || m > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

// a numeric zone (+0430, -05:00, +05) or a named one (GMT, EST, Z …); undefined when unknown
function zoneOffset(token: string): number | undefined {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(token) ?? /^([+-])(\d)()$/.exec(token);
  if (numeric) return parseOffset(numeric[1] ?? '+', numeric[2] ?? '', numeric[3] || undefined);
  const named = /^(gmt|utc|ut)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(token);
  if (named) return parseOffset(named[2] ?? '+', named[3] ?? '', named[4]);
  return ZONES.get(token.toLowerCase());
}

// 2004-05-25 오후 11:23:17 (nate) and 2004년 05월 28일 01:31:15 (onblog): korean local time
function parseKorean(text: string): DateParts | null {
  const nate = /^(\d{4})-(\d{2})-(\d{2})\s+(오전|오후)\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
  if (nate) {
    const hour = (Number(nate[5]) % 12) + (nate[4] === '오후' ? 12 : 0);
    return {
      year: Number(nate[1]),
      month: Number(nate[2]),
      day: Number(nate[3]),
      hour,
      minute: Number(nate[6]),
      second: Number(nate[7]),
      offset: 540,
    };
  }
  const onblog = /^(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
  if (onblog) {
    return {
      year: Number(onblog[1]),
      month: Number(onblog[2]),
      day: Number(onblog[3]),
      hour: Number(onblog[4]),
      minute: Number(onblog[5]),
      second: Number(onblog[6]),
      offset: 540,
    };
  }
  return null;
}

const ISO =
  /^(\d{4})(?:-?(0?\d{2})-?(\d{2})|-(\d{2}))?(?:(?:T|\s+)(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?$/;
const ISO_ORDINAL = /^(\d{4})-?(\d{3})$/;
const SHORT_YMD = /^(\d{2})-?(\d{2})-?(\d{2})$/;
const SHORT_ORDINAL = /^(\d{2})-?(\d{3})$/;
const SHORT_YM = /^-(\d{2})-?(\d{2})$/;
const LOCALIZED_MONTH_IN_ISO = /^(\d{4})-([^\d\s-]+)-/;

/** w3cdtf and iso 8601 forms; null when the text has another shape or an impossible value */
function parseIso(input: string): DateParts | null {
  let text = input;
  const named = LOCALIZED_MONTH_IN_ISO.exec(text);
  if (named) {
    const month = MONTHS.get((named[2] ?? '').toLowerCase());
    if (month === undefined) return null;
    text = `${named[1]}-${String(month).padStart(2, '0')}-${text.slice(named[0].length)}`;
  }
  const iso = ISO.exec(text);
  if (iso) {
    const month = iso[2] ?? iso[4];
    const parts: DateParts = {
      year: Number(iso[1]),
      month: month === undefined ? 1 : Number(month),
      day: iso[3] === undefined ? 1 : Number(iso[3]),
    };
    if (iso[5] !== undefined) {
      parts.hour = Number(iso[5]);
      parts.minute = Number(iso[6]);
      parts.second = iso[7] === undefined ? 0 : Number(iso[7]);
      if (iso[8] !== undefined) {
        const offset = zoneOffset(iso[8]);
        if (offset === undefined) return null;
        parts.offset = offset;
      }
    }
    return parts;
  }
  const ordinal = ISO_ORDINAL.exec(text) ?? SHORT_ORDINAL.exec(text);
  if (ordinal) {
    const raw = Number(ordinal[1]);
    const year = (ordinal[1] ?? '').length === 2 ? 2000 + raw : raw;
    const dayOfYear = Number(ordinal[2]);
    const leap = daysInMonth(year, 2) === 29;
    if (dayOfYear < 1 || dayOfYear > (leap ? 366 : 365)) return null;
    const date = new Date(Date.UTC(year, 0, dayOfYear));
    return { year, month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  const ymd = SHORT_YMD.exec(text);
  if (ymd) return { year: 2000 + Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
  const ym = SHORT_YM.exec(text);
  if (ym) return { year: 2000 + Number(ym[1]), month: Number(ym[2]), day: 1 };
  return null;
}

const TIME = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?$/;
const SLASHED_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const NUMBER = /^\d{1,4}$/;
const ZONE_GLUED_TO_NAME = /^(gmt|utc|ut)([+-].*)$/i;

/** rfc 822 and friends, read word by word: any unknown word rejects the whole date */
function parseWords(text: string): DateParts | null {
  const tokens = text.replace(/,/g, ' ').split(/\s+/);
  const numbers: string[] = [];
  let month: number | undefined;
  let year: number | undefined;
  let day: number | undefined;
  let time: RegExpExecArray | undefined;
  let offset: number | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  for (const raw of tokens) {
    if (raw === '') continue;
    const token = raw.toLowerCase();
    const clock = TIME.exec(token);
    if (clock) {
      if (time) return null;
      time = clock;
      continue;
    }
    if (NUMBER.test(token)) {
      numbers.push(token);
      continue;
    }
    const slashed = SLASHED_DATE.exec(token);
    if (slashed) {
      year = Number(slashed[1]);
      month = Number(slashed[2]);
      day = Number(slashed[3]);
      continue;
    }
    const monthNumber = MONTHS.get(token.replace(/\.$/, ''));
    if (monthNumber !== undefined && month === undefined) {
      month = monthNumber;
      continue;
    }
    if (WEEKDAYS.has(token.replace(/\.$/, ''))) continue;
    if (token === 'am' || token === 'a.m.' || token === 'pm' || token === 'p.m.') {
      meridiem = token.startsWith('a') ? 'am' : 'pm';
      continue;
    }
    // a zone only counts after the time of day
    if (time && offset === undefined) {
      const glued = ZONE_GLUED_TO_NAME.exec(token);
      const zone = zoneOffset(glued ? (glued[2] ?? '') : token);
      if (zone !== undefined) {
        offset = zone;
        continue;
      }
    }
    return null;
  }
  if (month === undefined) return null;
  if (day === undefined || year === undefined) {
    if (numbers.length !== 2) return null;
    const [first = '', second = ''] = numbers;
    const firstIsYear = first.length > 2 && second.length <= 2;
    const dayText = firstIsYear ? second : first;
    const yearText = firstIsYear ? first : second;
    if (dayText.length > 2 || yearText.length === 1 || yearText.length === 3) return null;
    day = Number(dayText);
    year = yearText.length === 2 ? twoDigitYear(Number(yearText)) : Number(yearText);
  } else if (numbers.length > 0) {
    return null;
  }
  const parts: DateParts = { year, month, day };
  if (time) {
    let hour = Number(time[1]);
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    parts.hour = hour;
    parts.minute = Number(time[2]);
    parts.second = time[3] === undefined ? 0 : Number(time[3]);
  } else if (meridiem) {
    return null;
  }
  if (offset !== undefined) parts.offset = offset;
  return parts;
}
