import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatItemTime, formatRelative } from '../../src/digest/format-time.js';
import { KABUL, KABUL_NOW, SEED_ITEMS } from '../support/sample-digest.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatRelative', () => {
  it.each([
    [-10_000, 'now'],
    [0, 'now'],
    [30_000, 'in 30 seconds'],
    [400, 'in 1 second'],
    [-3 * HOUR, '3 hours ago'],
    [-(2 * HOUR + 50 * MINUTE), '3 hours ago'],
    [-26 * HOUR, 'yesterday'],
    [-(47 * HOUR + 30 * MINUTE), '2 days ago'],
    [5 * MINUTE, 'in 5 minutes'],
    [-1 * MINUTE, '1 minute ago'],
    [-10 * DAY, 'last week'],
    [-17 * DAY, '2 weeks ago'],
    [-90 * DAY, '3 months ago'],
    [-800 * DAY, '2 years ago'],
  ])('says %d ms from now as "%s"', (distance, expected) => {
    expect(formatRelative(KABUL_NOW + distance, KABUL_NOW)).toBe(expected);
  });
});

describe('formatAbsolute', () => {
  it('shows a time in Kabul (+04:30) without an offset', () => {
    expect(formatAbsolute(Date.UTC(2025, 8, 24, 9, 42), KABUL)).toBe('24 Sep 2025, 14:12');
  });

  it('moves to the next day in Kabul when UTC is still on the day before', () => {
    expect(formatAbsolute(Date.UTC(2025, 8, 23, 20, 0), KABUL)).toBe('24 Sep 2025, 00:30');
  });

  it('adds the zone when it has a short name', () => {
    expect(formatAbsolute(Date.UTC(2025, 8, 24, 9, 42), 'UTC')).toBe('24 Sep 2025, 09:42 UTC');
    expect(formatAbsolute(Date.UTC(2025, 8, 24, 9, 42), 'America/New_York')).toBe('24 Sep 2025, 05:42 EDT');
  });

  it('names an unknown zone in its error', () => {
    expect(() => formatAbsolute(KABUL_NOW, 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });

  it('refuses a time that is not a number of milliseconds', () => {
    expect(() => formatAbsolute(Number.NaN, KABUL)).toThrow(RangeError);
  });
});

describe('formatItemTime', () => {
  const digest = { generatedAt: KABUL_NOW, timeZone: KABUL };
  const item = SEED_ITEMS[0]!;

  it('gives the published time, relative and absolute, in the reader zone', () => {
    expect(formatItemTime(item, digest)).toBe('3 hours ago · 24 Sep 2025, 14:12');
  });

  it('says "seen" and uses the first-seen time when the feed gave no date', () => {
    const undated = { ...item, publishedAt: null, firstSeenAt: KABUL_NOW - 40 * MINUTE };
    expect(formatItemTime(undated, digest)).toBe('seen 40 minutes ago · 24 Sep 2025, 16:32');
  });
});
