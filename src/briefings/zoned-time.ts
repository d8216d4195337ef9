// wall-clock time in IANA zones: the local date and time of an instant, and the instant of a local time.

const MINUTE = 60_000;
const DAY = 86_400_000;

// Intl formatters are slow to build and safe to share: one per zone
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** the wall clock of `instant` in `zone`, read as if it were UTC (ms) */
function wallClock(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  // whole seconds: the sub-second part of the instant is kept as it is
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((instant % 1000) + 1000) % 1000);
}

/** how far `zone`'s wall clock is ahead of UTC at `instant`, in ms */
export function zoneOffset(instant: number, zone: string): number {
  // one answer per zone and quarter hour, when the offset holds all through it (Intl is slow)
  const bucket = Math.floor(instant / QUARTER);
  let byBucket = offsets.get(zone);
  if (!byBucket) offsets.set(zone, (byBucket = new Map()));
  const known = byBucket.get(bucket);
  if (known !== undefined) return known;
  const start = bucket * QUARTER;
  const end = start + QUARTER - 1000;
  const offset = wallClock(start, zone) - start;
  if (wallClock(end, zone) - end !== offset) return wallClock(instant, zone) - instant; // it changes inside
  if (byBucket.size >= OFFSETS_PER_ZONE) byBucket.clear();
  byBucket.set(bucket, offset);
  return offset;
}

const QUARTER = 15 * MINUTE;
const OFFSETS_PER_ZONE = 20_000;
const offsets = new Map<string, Map<number, number>>();

/** the local day of `instant` in `zone`, as days since 1970-01-01 */
export function localDay(instant: number, zone: string): number {
  return Math.floor((instant + zoneOffset(instant, zone)) / DAY);
}

/** day number ↔ "YYYY-MM-DD" */
export const dayToDate = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
export const dateToDay = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);

export interface LocalDateTime {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
}

/** the local date and HH:MM of `instant` in `zone` */
export function localDateTime(instant: number, zone: string): LocalDateTime {
  const iso = new Date(instant + zoneOffset(instant, zone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** "2026-03-29" plus `days` days */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The instant `zone`'s clocks show `time` on `date`. A time skipped by a daylight-saving change
 * (02:30 when clocks jump from 02:00 to 03:00) gives the first minute after the gap; a time that
 * happens twice (clocks turned back) gives the first of the two.
 */
export function instantAt(date: string, time: string, zone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`instantAt: not a date and time: ${date} ${time}`);
  const offsets = [
    ...new Set([zoneOffset(wall - DAY, zone), zoneOffset(wall, zone), zoneOffset(wall + DAY, zone)]),
  ];
  const candidates = offsets.map((offset) => wall - offset).sort((a, b) => a - b);
  for (const instant of candidates) {
    if (instant + zoneOffset(instant, zone) === wall) return instant;
  }
  // in a gap: the first minute whose wall clock is at or past the wanted time
  let low = Math.floor((candidates[0] as number) / MINUTE);
  let high = Math.ceil((candidates[candidates.length - 1] as number) / MINUTE);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (wallClock(middle * MINUTE, zone) >= wall) high = middle;
    else low = middle + 1;
  }
  return low * MINUTE;
}
