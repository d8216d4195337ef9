// one source's health and schedule, and how a fetch changes them: a success makes it OK and due
// again after its interval; failures back off exponentially with jitter (1 min doubling to 6 h),
// a Retry-After is never undercut, and 24 h of nothing but failures disables the source, which is
// then tried once a day until it answers again.
import { z } from 'zod';

export type HealthState = 'ok' | 'failing' | 'disabled';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SourceHealthSchema = z.object({
  state: z.enum(['ok', 'failing', 'disabled']),
  /** the last fetch, successful or not */
  checkedAt: z.number().int(),
  lastSuccessAt: z.number().int().optional(),
  /** the first failure of the current run of failures */
  failingSince: z.number().int().optional(),
  /** failures in a row */
  failures: z.number().int().min(0),
  /** the last failure in plain words */
  lastError: z.string().optional(),
  nextCheckAt: z.number().int(),
  /** how often to poll while it works: the operator's interval, or the feed's own within bounds */
  intervalMs: z.number().int().positive().optional(),
  /** the url the validators belong to: a source whose url changed is fetched whole */
  url: z.string().optional(),
  /** for the next conditional GET; written only after a successful parse */
  validators: z.object({ etag: z.string().optional(), lastModified: z.string().optional() }).optional(),
  /** the feed a page source announced, already suggested in the log */
  feedSuggested: z.string().optional(),
});

export type SourceHealth = z.infer<typeof SourceHealthSchema>;

export interface HealthPolicy {
  /** the poll interval when the feed says nothing (FETCH_INTERVAL_MINUTES) */
  intervalMs: number;
  /** a feed's own interval (<ttl>, sy:updatePeriod) is kept within these */
  minIntervalMs: number;
  maxIntervalMs: number;
  backoffStartMs: number;
  backoffMaxMs: number;
  /** failing this long without a success disables a source */
  disableAfterMs: number;
  /** a disabled source is tried this often */
  disabledRetryMs: number;
  /** in [0, 1): jitter */
  random: () => number;
}

export function healthPolicy(intervalMs: number, overrides: Partial<HealthPolicy> = {}): HealthPolicy {
  return {
    intervalMs,
    minIntervalMs: intervalMs,
    maxIntervalMs: Math.max(intervalMs, 2 * HOUR),
    backoffStartMs: MINUTE,
    backoffMaxMs: 6 * HOUR,
    disableAfterMs: 24 * HOUR,
    disabledRetryMs: 24 * HOUR,
    random: Math.random,
    ...overrides,
  };
}

/** A change of state, for the log and for chats that added the source. */
export interface HealthChange {
  from: HealthState;
  to: HealthState;
  /** the failure in plain words (to failing or disabled) */
  error?: string;
  nextCheckAt: number;
}

export interface Success {
  now: number;
  /** what the feed asked for this time; the interval known before when undefined (a 304) */
  feedIntervalMs?: number;
  validators?: { etag?: string; lastModified?: string };
  /** the url fetched */
  url?: string;
  /** a page source's announced feed, now suggested in the log */
  feedSuggested?: string;
}

export interface Failure {
  now: number;
  /** in plain words */
  error: string;
  /** the server's Retry-After, as a time on the same clock as `now` */
  retryAt?: number;
}

// a source never fetched counts as working: its first failure is news
const fresh = (now: number): SourceHealth => ({ state: 'ok', checkedAt: now, failures: 0, nextCheckAt: now });

export function afterSuccess(
  previous: SourceHealth | undefined,
  success: Success,
  policy: HealthPolicy,
): { health: SourceHealth; change?: HealthChange } {
  const { now } = success;
  const before = previous ?? fresh(now);
  const intervalMs =
    success.feedIntervalMs === undefined
      ? (before.intervalMs ?? policy.intervalMs)
      : clamp(success.feedIntervalMs, policy.minIntervalMs, policy.maxIntervalMs);
  // up to a tenth early, so sources started together drift apart
  const wait = Math.round(intervalMs * (1 - 0.1 * policy.random()));
  const health: SourceHealth = {
    state: 'ok',
    checkedAt: now,
    lastSuccessAt: now,
    failures: 0,
    nextCheckAt: now + wait,
    intervalMs,
  };
  const url = success.url ?? before.url;
  const validators = success.validators ?? (url === before.url ? before.validators : undefined);
  if (url !== undefined) health.url = url;
  if (validators && (validators.etag !== undefined || validators.lastModified !== undefined)) {
    health.validators = validators;
  }
  const feedSuggested = success.feedSuggested ?? before.feedSuggested;
  if (feedSuggested !== undefined) health.feedSuggested = feedSuggested;
  if (before.state === 'ok') return { health };
  return { health, change: { from: before.state, to: 'ok', nextCheckAt: health.nextCheckAt } };
}

export function afterFailure(
  previous: SourceHealth | undefined,
  failure: Failure,
  policy: HealthPolicy,
): { health: SourceHealth; change?: HealthChange } {
  const { now } = failure;
  const before = previous ?? fresh(now);
  const failures = before.failures + 1;
  const failingSince = before.failingSince ?? now;
  const disabled = now - failingSince >= policy.disableAfterMs;
  let wait: number;
  if (disabled) {
    wait = policy.disabledRetryMs;
  } else {
    // equal jitter: half the backoff for sure, the other half at random
    const backoff = Math.min(policy.backoffMaxMs, policy.backoffStartMs * 2 ** Math.min(failures - 1, 30));
    wait = Math.round(backoff / 2 + (backoff / 2) * policy.random());
  }
  if (failure.retryAt !== undefined) {
    wait = Math.max(wait, Math.min(failure.retryAt - now, policy.disabledRetryMs));
  }
  const state: HealthState = disabled ? 'disabled' : 'failing';
  const health: SourceHealth = {
    ...before,
    state,
    checkedAt: now,
    failingSince,
    failures,
    lastError: failure.error,
    nextCheckAt: now + wait,
  };
  if (before.state === state) return { health };
  return {
    health,
    change: { from: before.state, to: state, error: failure.error, nextCheckAt: health.nextCheckAt },
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
