import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { readSource } from '../../src/ingest/read-source.js';
import { SMALL_FEED, startLocalServer, type LocalServer } from './local-server.js';

const MODIFIED = 'Wed, 21 Oct 2025 07:28:00 GMT';
let server: LocalServer;
let version = 'v1';
const fetcher = createNodeHttpFetch({ hostGapMs: 0 });

beforeAll(async () => {
  server = await startLocalServer({
    '/etag': (request, response) => {
      const etag = `"${version}"`;
      response.setHeader('etag', etag);
      if (request.headers['if-none-match'] === etag) {
        response.statusCode = 304;
        response.end();
      } else response.end(SMALL_FEED.replace('Local', `Local ${version}`));
    },
    '/modified': (request, response) => {
      if (request.headers['if-modified-since'] === MODIFIED) {
        response.statusCode = 304;
        response.end();
      } else {
        response.setHeader('last-modified', MODIFIED);
        response.end(SMALL_FEED);
      }
    },
  });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

describe('conditional GET', () => {
  it('sends the ETag back and takes a 304 as "not modified", with no body to parse', async () => {
    version = 'v1';
    const first = await fetcher(server.url('/etag'), {});
    expect(first).toMatchObject({ kind: 'ok', status: 200, validators: { etag: '"v1"' } });
    const second = await fetcher(server.url('/etag'), {
      validators: first.kind === 'ok' ? first.validators : {},
    });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304, validators: { etag: '"v1"' } });
    expect(second).not.toHaveProperty('body');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('gets the new body when the ETag has changed', async () => {
    version = 'v2';
    const result = await fetcher(server.url('/etag'), { validators: { etag: '"v1"' } });
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(Buffer.from(result.body).toString()).toContain('Local v2');
    expect(result.validators).toEqual({ etag: '"v2"' });
  });

  it('sends Last-Modified back as If-Modified-Since and takes the 304', async () => {
    const first = await fetcher(server.url('/modified'), {});
    expect(first).toMatchObject({ kind: 'ok', validators: { lastModified: MODIFIED } });
    const second = await fetcher(server.url('/modified'), { validators: { lastModified: MODIFIED } });
    expect(second.kind).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(MODIFIED);
  });

  it('sends no conditional headers when there is nothing to compare', async () => {
    await fetcher(server.url('/modified'), {});
    const headers = server.requests.at(-1)?.headers ?? {};
    expect(headers['if-none-match']).toBeUndefined();
    expect(headers['if-modified-since']).toBeUndefined();
  });

  it('readSource passes validators through and marks a 304 as notModified, keeping the old validators', async () => {
    const limits = { maxBytes: 1024 * 1024, timeoutMs: 5_000 };
    const first = await readSource(server.url('/modified'), limits, { fetch: fetcher });
    expect(first.notModified).toBeUndefined();
    expect(first.validators).toEqual({ lastModified: MODIFIED });
    expect(first.bytes.byteLength).toBeGreaterThan(50);
    // the 304 carries no Last-Modified of its own; the one given is kept
    const again = await readSource(server.url('/modified'), limits, {
      fetch: fetcher,
      validators: { lastModified: MODIFIED, etag: '"old"' },
    });
    expect(again).toMatchObject({ notModified: true, validators: { lastModified: MODIFIED, etag: '"old"' } });
    expect(again.bytes.byteLength).toBe(0);
  });
});
