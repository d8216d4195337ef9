// when a daily briefing falls due: its local time on the first local date after the last one settled.
import type { Subscription } from './subscription.js';
import { dateToDay, dayToDate, instantAt, localDay } from './zoned-time.js';

export interface DailyPlan {
  /** the local date the briefing is for, "YYYY-MM-DD": its ledger period */
  period: string;
  due: number;
  /** local dates passed over because they were more than the catch-up window old */
  skipped: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CACHE_LIMIT = 10_000;

// many subscriptions share a zone and a time: each (zone, time, day) is worked out once
const instants = new Map<string, Map<string, Map<number, number>>>();

function cachedInstant(day: number, time: string, zone: string): number {
  let byTime = instants.get(zone);
  if (!byTime) instants.set(zone, (byTime = new Map()));
  let byDay = byTime.get(time);
  if (!byDay) byTime.set(time, (byDay = new Map()));
  let instant = byDay.get(day);
  if (instant === undefined) {
    if (byDay.size >= CACHE_LIMIT) byDay.clear();
    instant = instantAt(dayToDate(day), time, zone);
    byDay.set(day, instant);
  }
  return instant;
}

/**
 * The next daily briefing: the first local date after `lastPeriod` (the latest date settled in the
 * ledger) whose local time comes at or after `subscription.since`. When that is more than
 * `catchUpMs` before `now`, it and any later dates as old are skipped, so a long downtime never
 * ends in a flood: the result is the latest date whose time is within the window, else the next one.
 */
export function planDaily(
  subscription: Pick<Subscription, 'time' | 'timeZone' | 'since'>,
  lastPeriod: string | undefined,
  now: number,
  catchUpMs: number,
): DailyPlan {
  const { time, timeZone: zone, since } = subscription;
  const at = (day: number) => cachedInstant(day, time, zone);
  let day = localDay(since, zone);
  if (lastPeriod && DATE.test(lastPeriod)) day = Math.max(day, dateToDay(lastPeriod) + 1);
  while (at(day) < since) day++;
  if (at(day) >= now - catchUpMs) return { period: dayToDate(day), due: at(day), skipped: 0 };
  // too old: start from the latest local date whose time has come
  const first = day;
  let latest = localDay(now, zone);
  if (at(latest) > now) latest--;
  day = Math.max(first, latest);
  while (at(day) < now - catchUpMs) day++;
  return { period: dayToDate(day), due: at(day), skipped: day - first };
}
