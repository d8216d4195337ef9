import { describe, expect, it } from 'vitest';
import { planDaily } from '../../src/briefings/plan-daily.js';
import { resolveTimeZone, suggestTimeZones, timeZoneChoices } from '../../src/briefings/resolve-time-zone.js';
import { addDays, instantAt, localDateTime } from '../../src/briefings/zoned-time.js';
import { at, DAY, HOUR } from './briefing-harness.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local time in IANA zones', () => {
  it('08:00 in Kabul is 03:30 UTC', () => {
    expect(iso(instantAt('2026-11-28', '08:00', 'Asia/Kabul'))).toBe('2026-11-28T03:30:00.000Z');
    expect(localDateTime(at('2026-11-28T03:30:00Z'), 'Asia/Kabul')).toEqual({
      date: '2026-11-28',
      time: '08:00',
    });
  });

  it('08:00 in New York on both daylight-saving days', () => {
    expect(iso(instantAt('2026-03-07', '08:00', 'America/New_York'))).toBe('2026-03-07T13:00:00.000Z');
    expect(iso(instantAt('2026-03-08', '08:00', 'America/New_York'))).toBe('2026-03-08T12:00:00.000Z');
    expect(iso(instantAt('2026-11-01', '08:00', 'America/New_York'))).toBe('2026-11-01T13:00:00.000Z');
    expect(iso(instantAt('2026-10-31', '08:00', 'America/New_York'))).toBe('2026-10-31T12:00:00.000Z');
  });

  it('a time skipped by the spring change gives the first minute after the gap', () => {
    // Berlin: 02:00 → 03:00 on 29 March 2026, so 02:30 does not exist: 03:00 CEST
    expect(iso(instantAt('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(localDateTime(at('2026-03-29T01:00:00Z'), 'Europe/Berlin').time).toBe('03:00');
    // Lord Howe springs forward by half an hour: 02:10 → 02:30 local
    expect(
      localDateTime(instantAt('2026-10-04', '02:10', 'Australia/Lord_Howe'), 'Australia/Lord_Howe').time,
    ).toBe('02:30');
  });

  it('a time repeated by the autumn change gives the first of the two', () => {
    // Berlin: 03:00 → 02:00 on 25 October 2026: 02:30 is 00:30 UTC (CEST), then 01:30 UTC (CET)
    expect(iso(instantAt('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantAt('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('what a reader types for a zone', () => {
  it('"kabul", "Tehran", "asia/kabul", "new york" and "کابل" resolve to IANA zones', () => {
    expect(resolveTimeZone('kabul')).toBe('Asia/Kabul');
    expect(resolveTimeZone('Tehran')).toBe('Asia/Tehran');
    expect(resolveTimeZone('asia/kabul')).toBe('Asia/Kabul');
    expect(resolveTimeZone('new york')).toBe('America/New_York');
    expect(resolveTimeZone('کابل')).toBe('Asia/Kabul');
    expect(resolveTimeZone('islamabad')).toBe('Asia/Karachi');
    expect(resolveTimeZone('UTC')).toBe('UTC');
  });

  it('an unknown zone resolves to nothing, and a near miss suggests the closest zones', () => {
    expect(resolveTimeZone('Mars/Olympus')).toBeUndefined();
    expect(resolveTimeZone('')).toBeUndefined();
    expect(resolveTimeZone('x'.repeat(500))).toBeUndefined();
    expect(suggestTimeZones('Asia/Kabull')[0]).toBe('Asia/Kabul');
    expect(suggestTimeZones('tehrn')).toContain('Asia/Tehran');
    expect(suggestTimeZones('Mars/Olympus')).toEqual([]);
  });

  it('offers zones to a reader typing one (autocomplete)', () => {
    expect(timeZoneChoices('teh')).toContain('Asia/Tehran');
    expect(timeZoneChoices('kabul')[0]).toBe('Asia/Kabul');
    expect(timeZoneChoices('america/', 25)).toHaveLength(25);
    expect(timeZoneChoices('')).toEqual([]);
  });
});

describe('when a daily briefing is next due', () => {
  const kabul = { time: '08:00', timeZone: 'Asia/Kabul', since: at('2026-11-28T00:00:00Z') };

  it('today, when the time has not come yet', () => {
    expect(planDaily(kabul, undefined, kabul.since, 6 * HOUR)).toEqual({
      period: '2026-11-28',
      due: at('2026-11-28T03:30:00Z'),
      skipped: 0,
    });
  });

  it("tomorrow, when the subscription began after today's time", () => {
    const late = { ...kabul, since: at('2026-11-28T05:00:00Z') };
    expect(planDaily(late, undefined, late.since, 6 * HOUR).period).toBe('2026-11-29');
  });

  it('the day after the last one settled in the ledger', () => {
    expect(planDaily(kabul, '2026-11-28', at('2026-11-28T04:00:00Z'), 6 * HOUR).period).toBe('2026-11-29');
  });

  it('skips days older than the catch-up window and keeps the latest within it', () => {
    const now = at('2026-11-30T05:00:00Z'); // 09:30 in Kabul, two days after the last briefing
    const plan = planDaily(kabul, '2026-11-28', now, 6 * HOUR);
    expect(plan).toEqual({ period: '2026-11-30', due: at('2026-11-30T03:30:00Z'), skipped: 1 });
    const later = planDaily(kabul, '2026-11-28', now + 10 * HOUR, 6 * HOUR);
    expect(later).toEqual({ period: '2026-12-01', due: at('2026-12-01T03:30:00Z'), skipped: 2 });
    expect(later.due - (now + 10 * HOUR)).toBeLessThan(DAY);
  });
});
