// how one fetch changes a source's health and schedule, and failures said in plain words.
import { describe, expect, it } from 'vitest';
import { plainError } from '../../src/health/plain-error.js';
import {
  afterFailure,
  afterSuccess,
  healthPolicy,
  type SourceHealth,
} from '../../src/health/source-health.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = Date.UTC(2026, 10, 28, 4, 30);

const policy = (random = 0.5) => healthPolicy(10 * MINUTE, { random: () => random });

function failFor(hours: number, random = 0.5): { health: SourceHealth; waits: number[]; changes: string[] } {
  let health: SourceHealth | undefined;
  let now = T;
  const waits: number[] = [];
  const changes: string[] = [];
  while (now - T <= hours * HOUR) {
    const step = afterFailure(health, { now, error: 'the server answered 503' }, policy(random));
    health = step.health;
    if (step.change) changes.push(`${step.change.from} → ${step.change.to}`);
    waits.push(health.nextCheckAt - now);
    now = health.nextCheckAt;
  }
  return { health: health!, waits, changes };
}

describe('backoff', () => {
  it('starts at a minute and doubles up to six hours, with equal jitter', () => {
    const { waits } = failFor(20, 0.999999);
    expect(waits.slice(0, 10).map((wait) => Math.round(wait / 1000))).toEqual([
      60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 21600,
    ]);
    const low = failFor(20, 0).waits;
    expect(low.slice(0, 3)).toEqual([30_000, 60_000, 120_000]);
    expect(Math.max(...failFor(20, 0.999999).waits)).toBeLessThanOrEqual(6 * HOUR);
  });

  it('disables a source after 24 hours of failures only, then tries it once a day', () => {
    const { health, waits, changes } = failFor(60);
    expect(changes).toEqual(['ok → failing', 'failing → disabled']);
    expect(health.state).toBe('disabled');
    expect(health.failingSince).toBe(T);
    expect(waits.slice(-2)).toEqual([24 * HOUR, 24 * HOUR]);
  });

  it('never comes back before a Retry-After, and never waits more than a day for one', () => {
    const soon = afterFailure(undefined, { now: T, error: 'x', retryAt: T + 10 * MINUTE }, policy());
    expect(soon.health.nextCheckAt).toBe(T + 10 * MINUTE);
    const early = afterFailure(undefined, { now: T, error: 'x', retryAt: T + 1_000 }, policy());
    expect(early.health.nextCheckAt).toBe(T + 45_000);
    const year = afterFailure(undefined, { now: T, error: 'x', retryAt: T + 365 * 24 * HOUR }, policy());
    expect(year.health.nextCheckAt).toBe(T + 24 * HOUR);
  });
});

describe('success', () => {
  it('makes a failing source OK again, keeping what it knew, and reports the change once', () => {
    const failing = failFor(2).health;
    const back = afterSuccess(failing, { now: T + 3 * HOUR, validators: { etag: '"a"' } }, policy());
    expect(back.change).toEqual({ from: 'failing', to: 'ok', nextCheckAt: back.health.nextCheckAt });
    expect(back.health).toMatchObject({ state: 'ok', failures: 0, lastSuccessAt: T + 3 * HOUR });
    expect(back.health.failingSince).toBeUndefined();
    expect(back.health.lastError).toBeUndefined();
    expect(afterSuccess(back.health, { now: T + 4 * HOUR }, policy()).change).toBeUndefined();
    // a 304 gives no validators: the ones known are kept
    expect(afterSuccess(back.health, { now: T + 4 * HOUR }, policy()).health.validators).toEqual({
      etag: '"a"',
    });
  });

  it("keeps a feed's own interval within bounds: never more often than the operator's, at most two hours", () => {
    const at = (feedIntervalMs: number) =>
      afterSuccess(undefined, { now: T, feedIntervalMs }, policy(0)).health.intervalMs;
    expect(at(MINUTE)).toBe(10 * MINUTE);
    expect(at(HOUR)).toBe(HOUR);
    expect(at(7 * 24 * HOUR)).toBe(2 * HOUR);
    // a 304 keeps the interval the feed asked for last time
    const known = afterSuccess(undefined, { now: T, feedIntervalMs: HOUR }, policy(0)).health;
    expect(afterSuccess(known, { now: T + HOUR }, policy(0)).health.nextCheckAt).toBe(T + 2 * HOUR);
  });

  it('spreads sources out: up to a tenth early, never late', () => {
    expect(afterSuccess(undefined, { now: T }, policy(0)).health.nextCheckAt).toBe(T + 10 * MINUTE);
    expect(afterSuccess(undefined, { now: T }, policy(0.999)).health.nextCheckAt).toBeGreaterThan(
      T + 9 * MINUTE,
    );
  });
});

describe('plainError', () => {
  it.each([
    ['http://a.example/feed answered HTTP 503 Service Unavailable', 'the server answered 503'],
    [
      'http://a.example/feed answered HTTP 429 Too Many Requests; try again after 2026-11-28T05:00:00.000Z',
      'the server answered 429 and asked us to wait',
    ],
    ['Cannot fetch http://a.example/feed: no answer within 15 s', 'no answer within 15 s'],
    ['Cannot fetch http://a.example/feed: could not connect within 10 s', 'could not connect within 10 s'],
    ['Cannot fetch http://a.example/feed: connection refused', 'connection refused'],
    [
      'Cannot fetch http://a.example/a: redirect loop http://a.example/a → http://a.example/b',
      'the server redirects in a loop',
    ],
    ['Cannot fetch http://a.example/0: more than 5 redirects a → b', 'more than 5 redirects'],
    ['http://a.example/feed is more than 5.0 MB, over the 5.0 MB limit', 'too large: over the 5.0 MB limit'],
    [
      'Refused http://127.0.0.1/x: it points to a private or local address (127.0.0.1)',
      'refused: it points to a private or local address (127.0.0.1)',
    ],
    ['Feed tolo (https://t.example/rss) is not a feed: an HTML page', 'not a feed: an HTML page'],
    [
      'Feed tolo (https://t.example/rss) is truncated: it ends before </rss>',
      'not a complete feed: it ends before </rss>',
    ],
    ['parsing took longer than 5 s', 'parsing took longer than 5 s'],
  ])('%s → %s', (message, plain) => {
    expect(plainError(message)).toBe(plain);
  });

  it('keeps an unknown message to one short line', () => {
    const plain = plainError(`something odd happened ${'x'.repeat(400)}\nstack`);
    expect(plain.length).toBeLessThanOrEqual(160);
    expect(plain).not.toContain('\n');
  });
});
