import type { Keyv } from 'keyv';
import { z } from 'zod';
import type { Article } from '../articles/article.js';
import type { Clock } from '../clock.js';
import { StoreError } from '../errors.js';

export const DAY_MS = 86_400_000;

/**
 * How long an article id or canonical url is remembered after it was last seen (in a feed, or when its
 * article was pruned): four retention periods and at least 90 days, so an item that stays in a feed
 * after its article was pruned is not stored and announced again.
 */
export function seenRetentionDays(retentionDays: number): number {
  return Math.max(4 * retentionDays, 90);
}

/** the seen-set keys of an article: "id:<id>" and, when it has one, "url:<canonical url>" */
export function seenKeys(article: Pick<Article, 'id' | 'url'>): string[] {
  return article.url === undefined ? [`id:${article.id}`] : [`id:${article.id}`, `url:${article.url}`];
}

// the value of a seen key: when it was last seen, ms since the epoch
const SeenAtSchema = z.number().int();

export interface SeenSet {
  /** the keys seen within the retention; refreshes those last seen more than `refreshAfterMs` ago */
  seen(keys: readonly string[]): Promise<Set<string>>;
  mark(keys: readonly string[]): Promise<void>;
  /** the keys not seen within the retention (a listing: nothing is deleted) */
  expired(): Promise<string[]>;
  /** deletes those of `keys` that are still expired; returns how many */
  deleteExpired(keys: readonly string[]): Promise<number>;
}

export function createSeenSet(options: {
  keyv: Keyv;
  keepMs: number;
  refreshAfterMs: number;
  clock: Clock;
  onInvalid: (key: string, problem: string) => void;
}): SeenSet {
  const { keyv, keepMs, refreshAfterMs, clock, onInvalid } = options;

  async function mark(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const at = clock.now();
    await storeCall(`mark ${keys.length} keys seen`, () =>
      keyv.setMany(keys.map((key) => ({ key, value: at }))),
    );
  }

  return {
    async seen(keys) {
      if (keys.length === 0) return new Set();
      const values = await storeCall(`look up ${keys.length} seen keys`, () => keyv.getMany([...keys]));
      const now = clock.now();
      const seen = new Set<string>();
      const stale: string[] = [];
      keys.forEach((key, i) => {
        const value: unknown = values[i];
        if (value === undefined) return;
        const at = SeenAtSchema.safeParse(value);
        if (!at.success) {
          // unreadable, but present: the safe reading is "seen"
          onInvalid(`seen:${key}`, `expected a time in ms, found ${JSON.stringify(value)}`);
          seen.add(key);
          stale.push(key);
        } else if (now - at.data <= keepMs) {
          seen.add(key);
          if (now - at.data > refreshAfterMs) stale.push(key);
        }
      });
      await mark(stale);
      return seen;
    },

    mark,

    async expired() {
      const iterator = keyv.iterator;
      if (!iterator) return [];
      const cutoff = clock.now() - keepMs;
      const expired: string[] = [];
      await storeCall('list the seen set', async () => {
        for await (const [key, value] of iterator(undefined) as AsyncGenerator<[string, unknown]>) {
          if (typeof value === 'number' && value < cutoff) expired.push(key);
        }
      });
      return expired;
    },

    async deleteExpired(keys) {
      if (keys.length === 0) return 0;
      const cutoff = clock.now() - keepMs;
      const values = await storeCall(`look up ${keys.length} seen keys`, () => keyv.getMany([...keys]));
      const still = keys.filter((_, i) => {
        const value: unknown = values[i];
        return typeof value === 'number' && value < cutoff;
      });
      if (still.length > 0) await storeCall(`forget ${still.length} seen keys`, () => keyv.deleteMany(still));
      return still.length;
    },
  };
}

async function storeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StoreError(`Could not ${what} (store namespace "seen"): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
