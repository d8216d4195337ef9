import { t, type Clock, type Locale } from '../src/index.js';

export type RateDecision = 'allow' | 'notice' | 'silent';

export interface CommandRateLimit {
  /** whether this user may run a command now; 'notice' once when they pass the limit, then 'silent' */
  check(user: string): RateDecision;
}

/** what a reader who passed the limit hears, once, in their language */
export const slowDownNotice = (locale: Locale = 'en'): string => t(locale, 'run.slowDown');
export const SLOW_DOWN_NOTICE = slowDownNotice();

/** At most `limit` commands per user in any `windowMs`; one notice when they pass it, then silence. */
export function createCommandRateLimit(options: {
  clock: Clock;
  limit?: number;
  windowMs?: number;
}): CommandRateLimit {
  const limit = options.limit ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const users = new Map<string, { times: number[]; noticed: boolean }>();
  let lastSweep = options.clock.now();
  return {
    check(user) {
      const now = options.clock.now();
      if (now - lastSweep > windowMs) {
        // forget users who have been quiet for a whole window, so the map stays small
        for (const [key, entry] of users) if (now - (entry.times.at(-1) ?? 0) >= windowMs) users.delete(key);
        lastSweep = now;
      }
      const entry = users.get(user) ?? { times: [], noticed: false };
      users.set(user, entry);
      entry.times = entry.times.filter((t) => now - t < windowMs);
      if (entry.times.length < limit) {
        entry.times.push(now);
        entry.noticed = false;
        return 'allow';
      }
      if (entry.noticed) return 'silent';
      entry.noticed = true;
      return 'notice';
    },
  };
}
