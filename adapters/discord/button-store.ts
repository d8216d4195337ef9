// what a button does when pressed, kept in memory under a short random key: custom_id holds only the key.
import { randomBytes } from 'node:crypto';
import type { NextPage } from '../../commands/command.js';
import type { Clock } from '../../src/index.js';

export type ButtonAction =
  /** the next page of a list */
  | { kind: 'next'; page: NextPage }
  /** a command line to run, from a reply's choices ("/topic iran") */
  | { kind: 'run'; line: string };

export interface ButtonStore {
  /** keeps the action and returns the custom_id for its button (at most 100 characters) */
  put(action: ButtonAction): string;
  /** the action behind a custom_id, or undefined when it is unknown or has expired */
  get(customId: string): ButtonAction | undefined;
  readonly size: number;
}

export const CUSTOM_ID_PREFIX = 'briefer:';
export const DEFAULT_BUTTON_TTL_MS = 30 * 60_000;
export const DEFAULT_MAX_BUTTONS = 10_000;

const KEY_BYTES = 9;
// random bytes are drawn for many keys at once: one call into the system's generator per key cost more
// than the rest of keeping a button
let pool = Buffer.alloc(0);
let used = 0;
function randomKey(): string {
  if (used + KEY_BYTES > pool.length) {
    pool = randomBytes(KEY_BYTES * 256);
    used = 0;
  }
  used += KEY_BYTES;
  return pool.toString('base64url', used - KEY_BYTES, used);
}

export function createButtonStore(options: { clock: Clock; ttlMs?: number; max?: number }): ButtonStore {
  const ttlMs = options.ttlMs ?? DEFAULT_BUTTON_TTL_MS;
  const max = options.max ?? DEFAULT_MAX_BUTTONS;
  const entries = new Map<string, { action: ButtonAction; expiresAt: number }>();

  const sweep = (now: number) => {
    // the map keeps insertion order, and every entry lives as long: expired ones are at the front
    for (const [key, entry] of entries) {
      if (entry.expiresAt > now && entries.size <= max) break;
      entries.delete(key);
    }
  };

  return {
    put(action) {
      const now = options.clock.now();
      const key = randomKey();
      entries.set(key, { action, expiresAt: now + ttlMs });
      sweep(now);
      return `${CUSTOM_ID_PREFIX}${key}`;
    },
    get(customId) {
      if (!customId.startsWith(CUSTOM_ID_PREFIX)) return undefined;
      const entry = entries.get(customId.slice(CUSTOM_ID_PREFIX.length));
      if (!entry || entry.expiresAt <= options.clock.now()) return undefined;
      return entry.action;
    },
    get size() {
      return entries.size;
    },
  };
}
