// what a button does, kept in memory under a short random key: callback data holds at most 64 bytes,
// and a next-page request does not fit. keys expire; a button pressed after that is answered kindly.
import { randomBytes } from 'node:crypto';

export interface ButtonStore<T> {
  /** keeps `value` and returns its key (8 url-safe characters) */
  put(value: T): string;
  /** the value for `key`, once: a pressed button does not work twice */
  take(key: string): T | undefined;
  readonly size: number;
}

export function createButtonStore<T>(
  options: { ttlMs?: number; max?: number; now?: () => number } = {},
): ButtonStore<T> {
  const ttlMs = options.ttlMs ?? 60 * 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? (() => Date.now());
  // insertion order is expiry order, so the oldest entries are always first
  const entries = new Map<string, { value: T; expires: number }>();

  const sweep = () => {
    const at = now();
    for (const [key, entry] of entries) {
      if (entry.expires > at && entries.size <= max) break;
      entries.delete(key);
    }
  };

  return {
    put(value) {
      let key = randomBytes(6).toString('base64url');
      while (entries.has(key)) key = randomBytes(6).toString('base64url');
      entries.set(key, { value, expires: now() + ttlMs });
      sweep();
      return key;
    },
    take(key) {
      const entry = entries.get(key);
      entries.delete(key);
      return entry !== undefined && entry.expires > now() ? entry.value : undefined;
    },
    get size() {
      return entries.size;
    },
  };
}
