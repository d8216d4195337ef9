import type { BriefingMessage, BriefingSender, SendResult } from './briefing-sender.js';

export interface RetryPolicy {
  /** tries in all, the first included */
  attempts: number;
  /** the wait before the second try; each later wait is `factor` times longer, at most `maxDelayMs` */
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, factor: 4, maxDelayMs: 60_000 };

/** waits `ms`; resolves false instead when `signal` aborts first */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<boolean>;

export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

export type RetriedResult = SendResult | { ok: false; reason: 'interrupted'; detail: string };

/**
 * Sends one message, trying again with backoff when the platform says "failed" (429, 5xx, network),
 * at most `policy.attempts` times; "inactive" is final at once. A stop during a wait gives
 * "interrupted", and the message is left for the next start.
 */
export async function sendWithRetry(
  sender: BriefingSender,
  target: string,
  message: BriefingMessage,
  options: { policy: RetryPolicy; sleep: Sleep; signal: AbortSignal },
): Promise<RetriedResult> {
  const { policy } = options;
  let delay = policy.baseDelayMs;
  for (let attempt = 1; ; attempt++) {
    let result: SendResult;
    try {
      result = await sender.send(target, message);
    } catch (error) {
      result = {
        ok: false,
        reason: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    if (result.ok || result.reason === 'inactive' || attempt >= policy.attempts) return result;
    const wait = Math.min(Math.max(delay, result.retryAfterMs ?? 0), policy.maxDelayMs);
    delay = Math.min(delay * policy.factor, policy.maxDelayMs);
    if (!(await options.sleep(wait, options.signal))) {
      return { ok: false, reason: 'interrupted', detail: `stopped while waiting to retry: ${result.detail}` };
    }
  }
}
