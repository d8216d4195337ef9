import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/feeds/parse-date.js';

const iso = (input: string) => {
  const ms = parseFeedDate(input);
  return ms === null ? null : new Date(ms).toISOString();
};

describe('parseFeedDate', () => {
  it('reads rfc 822 with numeric offsets and zone names', () => {
    expect(iso('Wed, 24 Sep 2025 14:12:00 +0430')).toBe('2025-09-24T09:42:00.000Z');
    expect(iso('Thu, 01 Jan 2004 19:48:21 GMT')).toBe('2004-01-01T19:48:21.000Z');
    expect(iso('Tue, 10 Jun 2003 04:00:00 UT')).toBe('2003-06-10T04:00:00.000Z');
    expect(iso('Mon, 05 Feb 2024 09:00:00 EST')).toBe('2024-02-05T14:00:00.000Z');
    expect(iso('Mon, 05 Aug 2024 09:00:00 PDT')).toBe('2024-08-05T16:00:00.000Z');
    expect(iso('Mon, 05 Aug 2024 09:00:00 Z')).toBe('2024-08-05T09:00:00.000Z');
    expect(iso('Mon, 05 Aug 2024 09:00:00 A')).toBe('2024-08-05T10:00:00.000Z');
    expect(iso('Mon, 05 Aug 2024 09:00:00 N')).toBe('2024-08-05T08:00:00.000Z');
    expect(iso('Wed, 19 Feb 2012 22:40:00 GMT-01:01')).toBe('2012-02-19T23:41:00.000Z');
  });

  it('reads the variants real feeds write', () => {
    expect(iso('Thu,  5 Apr 2012 10:00:00 GMT')).toBe('2012-04-05T10:00:00.000Z');
    expect(iso('Mon, 13 Feb, 2012 06:28:00 UTC')).toBe('2012-02-13T06:28:00.000Z');
    expect(iso('Mon, 26 January 2004 16:31:00 PT')).toBe('2004-01-27T00:31:00.000Z');
    expect(iso('Thu Aug 30 2012 17:26:16 +0200')).toBe('2012-08-30T15:26:16.000Z');
    expect(iso('Sun Jan  4 16:29:06 2004')).toBe('2004-01-04T16:29:06.000Z');
    expect(iso('Fri, 2006/09/15 08:19:53 EDT')).toBe('2006-09-15T12:19:53.000Z');
    expect(iso('5 January 2024 10:00 PM')).toBe('2024-01-05T22:00:00.000Z');
    expect(iso('Thu, 01 Jan 2004')).toBe('2004-01-01T00:00:00.000Z');
  });

  it('reads w3cdtf / iso 8601, treating a missing zone as utc', () => {
    expect(iso('2003-12-31T10:14:55Z')).toBe('2003-12-31T10:14:55.000Z');
    expect(iso('2003-12-31T10:14:55-08:00')).toBe('2003-12-31T18:14:55.000Z');
    expect(iso('2007-04-23T23:25:47.538+10:00')).toBe('2007-04-23T13:25:47.000Z');
    expect(iso('2024-01-05T10:00:00.000+0000')).toBe('2024-01-05T10:00:00.000Z');
    expect(iso('2004-07-08 23:56:58')).toBe('2004-07-08T23:56:58.000Z');
    expect(iso('2003-12-31')).toBe('2003-12-31T00:00:00.000Z');
    expect(iso('2003-12')).toBe('2003-12-01T00:00:00.000Z');
  });

  it('reads two-digit years', () => {
    expect(iso('Thu, 01 Jan 04 19:48:21 GMT')).toBe('2004-01-01T19:48:21.000Z');
    expect(iso('03-12-31')).toBe('2003-12-31T00:00:00.000Z');
  });

  it('reads the localized dates of feedparser’s suite (greek, hungarian, korean)', () => {
    expect(iso('Κυρ, 11 Ιούλ 2004 12:00:00 EST')).toBe('2004-07-11T17:00:00.000Z');
    expect(iso('2004-július-13T9:15-05:00')).toBe('2004-07-13T14:15:00.000Z');
    expect(iso('2004-05-25 오후 11:23:17')).toBe('2004-05-25T14:23:17.000Z');
    expect(iso('2004년 05월 28일  01:31:15')).toBe('2004-05-27T16:31:15.000Z');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseFeedDate('Fri, 30 Feb 2024 10:00:00 GMT')).toBeNull();
    expect(parseFeedDate('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseFeedDate('2024-06-31')).toBeNull();
    expect(parseFeedDate('2003-12-31T25:14:55Z')).toBeNull();
    expect(parseFeedDate('2003-12-31T10:61:55Z')).toBeNull();
    expect(parseFeedDate('Sun, 99 Jun 2009 12:00:00 GMT')).toBeNull();
    expect(parseFeedDate('9999-12-31T23:59:59-99:99')).toBeNull();
    expect(parseFeedDate('Sun, 16 Dec 2012 1:2:3:4 GMT')).toBeNull();
  });

  it('rejects years before 1900, garbage and nothing', () => {
    expect(parseFeedDate('Thu, 01 Jan 0100 00:00:01 +0100')).toBeNull();
    expect(parseFeedDate('Mon, 01 Jul 1850 10:00:00 GMT')).toBeNull();
    expect(parseFeedDate('Sun, 16 zzz 2012 11:47:32 GMT')).toBeNull();
    expect(parseFeedDate('2013-01-28T11:30:00-06:00Textra')).toBeNull();
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('')).toBeNull();
    expect(parseFeedDate(undefined)).toBeNull();
  });

  it('accepts a leap day and a leap second', () => {
    expect(iso('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(iso('2016-12-31T23:59:60Z')).toBe('2016-12-31T23:59:59.000Z');
  });

  it('reads the usual rfc 822 layout (read by position) as the general reader does', () => {
    const days = ['01', '24', '29', '30', '31', '00', '32'];
    const months = ['Jan', 'Feb', 'Apr', 'sep', 'DEC', 'Okt', 'Foo'];
    const zones = ['+0000', '+0430', '-1200', '+2359', '+2400', '-0060', '+04:3', 'GMT'];
    const years = ['2023', '2024', '1899', '9999'];
    const times = ['00:00:00', '23:59:59', '23:59:60', '24:00:00', '12:60:00'];
    let read = 0;
    for (const day of days) {
      for (const month of months) {
        for (const zone of zones) {
          for (const [n, year] of years.entries()) {
            const usual = `Mon, ${day} ${month} ${year} ${times[(n + day.length) % times.length] ?? ''} ${zone}`;
            // without the space after the comma the general reader takes the same date
            const general = usual.replace(', ', ',');
            expect({ usual, at: parseFeedDate(usual) }).toEqual({ usual, at: parseFeedDate(general) });
            if (parseFeedDate(usual) !== null) read++;
          }
        }
      }
    }
    expect(read).toBeGreaterThan(100);
    expect(iso('Mon, 31 Apr 2024 10:00:00 GMT')).toBeNull();
    expect(iso('Thu, 29 Feb 2024 23:59:60 -0130')).toBe('2024-03-01T01:29:59.000Z');
  });
});
