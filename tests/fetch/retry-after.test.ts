import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.js';
import { RetryLaterError } from '../../src/fetch/fetch-errors.js';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { parseRetryAfter } from '../../src/fetch/retry-after.js';
import { readSource } from '../../src/ingest/read-source.js';
import { startLocalServer, type LocalServer, type Route } from './local-server.js';

const NOW = Date.UTC(2025, 9, 21, 7, 0, 0);
const LATER = 'Tue, 21 Oct 2025 09:30:00 GMT';
let server: LocalServer;
const fetcher = createNodeHttpFetch({ hostGapMs: 0, clock: createFixedClock(NOW) });

const status =
  (code: number, retryAfter?: string): Route =>
  (_request, response) => {
    response.statusCode = code;
    if (retryAfter !== undefined) response.setHeader('retry-after', retryAfter);
    response.end('go away');
  };

beforeAll(async () => {
  server = await startLocalServer({
    '/busy-seconds': status(429, '120'),
    '/busy-date': status(503, LATER),
    '/busy-bare': status(429),
    '/busy-nonsense': status(503, 'soon, maybe'),
    '/gone': status(404),
  });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

describe('Retry-After', () => {
  it('tells when to come back after a 429 with a delay in seconds', async () => {
    const result = await fetcher(server.url('/busy-seconds'), {});
    expect(result).toMatchObject({ kind: 'retry-later', status: 429, retryAt: NOW + 120_000 });
    expect(result.kind === 'retry-later' && result.message).toMatch(
      /busy-seconds answered HTTP 429 Too Many Requests; try again after 2025-10-21T07:02:00\.000Z/,
    );
  });

  it('tells when to come back after a 503 with an HTTP-date', async () => {
    const result = await fetcher(server.url('/busy-date'), {});
    expect(result).toMatchObject({ kind: 'retry-later', status: 503, retryAt: Date.parse(LATER) });
  });

  it('leaves the time open when the server gives none, or nonsense', async () => {
    for (const path of ['/busy-bare', '/busy-nonsense']) {
      const result = await fetcher(server.url(path), {});
      expect(result.kind).toBe('retry-later');
      expect(result).not.toHaveProperty('retryAt');
    }
  });

  it('readSource throws a RetryLaterError carrying the time', async () => {
    const error = await readSource(
      server.url('/busy-seconds'),
      { maxBytes: 1024, timeoutMs: 5_000 },
      { fetch: fetcher },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).retryAt).toBe(NOW + 120_000);
  });

  it('reports other statuses as HTTP errors, named', async () => {
    const result = await fetcher(server.url('/gone'), {});
    expect(result).toMatchObject({ kind: 'http-error', status: 404 });
    expect(result.kind === 'http-error' && result.message).toBe(
      `${server.base}/gone answered HTTP 404 Not Found`,
    );
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['0', NOW],
    ['3600', NOW + 3_600_000],
    [' 5 ', NOW + 5_000],
    ['Tue, 21 Oct 2025 09:30:00 GMT', Date.UTC(2025, 9, 21, 9, 30)],
    // a date already past means now
    ['Mon, 20 Oct 2025 09:30:00 GMT', NOW],
    ['-5', undefined],
    ['1.5', undefined],
    ['2025-10-21', undefined],
    ['tomorrow', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
