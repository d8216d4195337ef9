// politeness per host: at most `concurrency` requests at once, and each request starts at least
// `gapMs` after the one before it to the same host.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';

export interface HostGate {
  /** waits for a slot and for the gap; resolves to the function that gives the slot back */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  /** requests holding a slot, per host (for tests and diagnostics) */
  active(host: string): number;
  /** hosts remembered: busy ones and those whose gap has not passed, plus idle ones not yet pruned */
  tracked(): number;
}

interface HostState {
  active: number;
  nextStart: number;
  waiters: (() => void)[];
}

const PRUNE_ABOVE = 512;

export function createHostGate(options: { concurrency: number; gapMs: number; clock: Clock }): HostGate {
  const { concurrency, gapMs, clock } = options;
  if (!(concurrency >= 1)) throw new RangeError(`host concurrency must be at least 1, not ${concurrency}`);
  const hosts = new Map<string, HostState>();
  // idle hosts are forgotten once the map doubles, so pruning stays linear overall
  let pruneAbove = PRUNE_ABOVE;

  const prune = () => {
    const now = clock.now();
    for (const [host, state] of hosts) {
      if (state.active === 0 && state.waiters.length === 0 && state.nextStart <= now) hosts.delete(host);
    }
  };

  const waitForSlot = (state: HostState, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        state.waiters.splice(state.waiters.indexOf(granted), 1);
        reject(signal?.reason);
      };
      const granted = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      state.waiters.push(granted);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  return {
    async acquire(host, signal) {
      signal?.throwIfAborted();
      if (hosts.size > pruneAbove) {
        prune();
        pruneAbove = Math.max(PRUNE_ABOVE, hosts.size * 2);
      }
      let state = hosts.get(host);
      if (!state) {
        state = { active: 0, nextStart: 0, waiters: [] };
        hosts.set(host, state);
      }
      // a released slot is handed straight to the next waiter, so `active` counts it throughout
      if (state.active < concurrency) state.active++;
      else await waitForSlot(state, signal);
      const held = state;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = held.waiters.shift();
        if (next) next();
        else held.active--;
      };
      const now = clock.now();
      const start = Math.max(now, held.nextStart);
      held.nextStart = start + gapMs;
      if (start > now) {
        try {
          await sleep(start - now, undefined, { signal });
        } catch (error) {
          release();
          throw error;
        }
      }
      return release;
    },
    active: (host) => hosts.get(host)?.active ?? 0,
    tracked: () => hosts.size,
  };
}
