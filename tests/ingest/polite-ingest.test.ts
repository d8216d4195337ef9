// the acceptance list at the ingest level: sources polled through openBriefer / refresh
// against a real server on 127.0.0.1 (conditional GET, gzip, redirects, timeouts, caps, ssrf).
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticResolver } from '../../src/fetch/resolver.js';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { ingestSources } from '../../src/ingest/ingest-sources.js';
import { openBriefer, createFixedClock, silentLogger } from '../../src/index.js';
import { startLocalServer, type LocalServer, type Route } from '../fetch/local-server.js';
import { items, NOW, openTestBriefer, rss, source } from './ingest-harness.js';

let server: LocalServer;
const feed = rss(items('local', 5, NOW - 3_600_000));
let brokenThenFixed = false;

const redirect =
  (location: () => string): Route =>
  (_request, response) => {
    response.statusCode = 302;
    response.setHeader('location', location());
    response.end();
  };

beforeAll(async () => {
  server = await startLocalServer({
    '/etag': (request, response) => {
      response.setHeader('etag', '"v1"');
      if (request.headers['if-none-match'] === '"v1"') {
        response.statusCode = 304;
        response.end();
        return;
      }
      response.setHeader('content-type', 'application/rss+xml');
      response.end(feed);
    },
    '/modified': (request, response) => {
      const stamp = 'Wed, 25 Nov 2026 10:00:00 GMT';
      response.setHeader('last-modified', stamp);
      if (request.headers['if-modified-since'] === stamp) {
        response.statusCode = 304;
        response.end();
        return;
      }
      response.end(rss(items('modified', 2, NOW - 7_200_000)));
    },
    '/broken-etag': (_request, response) => {
      response.setHeader('etag', brokenThenFixed ? '"fixed"' : '"broken"');
      response.end(brokenThenFixed ? rss(items('fixed', 1, NOW)) : 'Hello, this is not a feed.');
    },
    '/gzip': (request, response) => {
      expect(request.headers['accept-encoding']).toMatch(/gzip/);
      response.setHeader('content-encoding', 'gzip');
      response.setHeader('content-type', 'application/rss+xml');
      response.end(gzipSync(rss(items('gzip', 3, NOW))));
    },
    '/r1': redirect(() => '/r2'),
    '/r2': redirect(() => `${server.base}/r3`),
    '/r3': redirect(() => '/etag'),
    '/loop-a': redirect(() => '/loop-b'),
    '/loop-b': redirect(() => '/loop-a'),
    '/stall': (_request, response) => {
      response.setHeader('content-type', 'application/rss+xml');
      response.write('<rss version="2.0"><channel>'); // and nothing more
    },
    '/endless': (_request, response) => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => response.write(chunk), 1);
      response.on('close', () => clearInterval(timer));
    },
    '/to-loopback': redirect(() => `http://127.0.0.1:${server.port}/etag`),
    '/big': (_request, response) => response.end(bigFeed),
  });
});

afterAll(() => server.close());

// about 4 MB and 20,000 items: parses in far more than 150 ms
const bigFeed = rss(
  Array.from({ length: 20_000 }, (_, i) => ({
    title: `Item ${i}`,
    link: `https://big.example/${i}`,
    date: NOW - i * 60_000,
  })),
);

describe('conditional GET through the briefer', () => {
  it('keeps the ETag and gets a 304 next time: nothing parsed, nothing stored, still a success', async () => {
    const t = await openTestBriefer([source('etag', server.url('/etag'))]);
    try {
      const [first] = await t.briefer.refresh();
      expect(first).toMatchObject({ ok: true, items: 5, added: 5 });
      expect((await t.briefer.sourceHealth('etag'))?.validators).toEqual({ etag: '"v1"' });
      server.reset();
      const [second] = await t.briefer.refresh();
      expect(second).toMatchObject({ ok: true, notModified: true, items: 0, added: 0, state: 'ok' });
      expect(server.requests[0]?.headers['if-none-match']).toBe('"v1"');
      expect(t.briefer.store.size()).toBe(5);
    } finally {
      await t.close();
    }
  });

  it('sends Last-Modified back as If-Modified-Since', async () => {
    const t = await openTestBriefer([source('modified', server.url('/modified'))]);
    try {
      await t.briefer.refresh();
      const [second] = await t.briefer.refresh();
      expect(second).toMatchObject({ ok: true, notModified: true });
    } finally {
      await t.close();
    }
  });

  it('saves validators only after a successful parse, so a broken body is fetched whole next time', async () => {
    brokenThenFixed = false;
    const t = await openTestBriefer([source('broken', server.url('/broken-etag'))]);
    try {
      const [first] = await t.briefer.refresh();
      expect(first).toMatchObject({ ok: false, state: 'failing' });
      expect((await t.briefer.sourceHealth('broken'))?.validators).toBeUndefined();
      expect((await t.briefer.sourceHealth('broken'))?.lastError).toMatch(/^not a feed: it starts with/);
      server.reset();
      brokenThenFixed = true;
      const [second] = await t.briefer.refresh();
      expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
      expect(second).toMatchObject({ ok: true, added: 1, state: 'ok' });
      expect((await t.briefer.sourceHealth('broken'))?.validators).toEqual({ etag: '"fixed"' });
    } finally {
      await t.close();
    }
  });
});

describe('transport through the briefer', () => {
  it('reads a gzip-encoded feed', async () => {
    const t = await openTestBriefer([source('gzip', server.url('/gzip'))]);
    try {
      expect((await t.briefer.refresh())[0]).toMatchObject({ ok: true, added: 3 });
    } finally {
      await t.close();
    }
  });

  it('follows a redirect chain, and names a redirect loop in plain words', async () => {
    const t = await openTestBriefer([
      source('chain', server.url('/r1')),
      source('loop', server.url('/loop-a')),
    ]);
    try {
      const [chain, loop] = await t.briefer.refresh();
      expect(chain).toMatchObject({ ok: true, added: 5 });
      expect(loop).toMatchObject({ ok: false, state: 'failing' });
      expect(loop?.error).toMatch(/redirect loop/);
      expect((await t.briefer.sourceHealth('loop'))?.lastError).toBe('the server redirects in a loop');
    } finally {
      await t.close();
    }
  });

  it('gives up on a body that stops arriving, within the time limit', async () => {
    const t = await openTestBriefer([source('stall', server.url('/stall'))], {
      readLimits: { maxBytes: 1024 * 1024, timeoutMs: 300 },
    });
    try {
      const started = performance.now();
      const [stall] = await t.briefer.refresh();
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(stall).toMatchObject({ ok: false, state: 'failing' });
      expect((await t.briefer.sourceHealth('stall'))?.lastError).toBe('no answer within 0.3 s');
    } finally {
      await t.close();
    }
  });

  it('aborts a body at the cap while it streams', async () => {
    server.reset();
    const t = await openTestBriefer([source('endless', server.url('/endless'))], {
      readLimits: { maxBytes: 1024 * 1024, timeoutMs: 10_000 },
    });
    try {
      const [endless] = await t.briefer.refresh();
      expect(endless?.error).toMatch(/more than 1\.0 MB, over the 1\.0 MB limit/);
      expect((await t.briefer.sourceHealth('endless'))?.lastError).toBe('too large: over the 1.0 MB limit');
      await expect.poll(() => server.aborted).toContain('/endless');
    } finally {
      await t.close();
    }
  });
});

describe('closing', () => {
  it('stops fetches in flight at once, and does not hold them against the source', async () => {
    const t = await openTestBriefer([source('stall', server.url('/stall'))], {
      readLimits: { maxBytes: 1024 * 1024, timeoutMs: 15_000 },
    });
    const refreshing = t.briefer.refresh();
    await expect.poll(() => server.requests.some((request) => request.path === '/stall')).toBe(true);
    const started = performance.now();
    await t.close();
    const [outcome] = await refreshing;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome?.error).toMatch(/stall: cancelled/);
    expect(outcome?.state).toBeUndefined();
    expect(t.changes).toEqual([]);
    // a refresh after closing fetches nothing
    expect(await t.briefer.refresh()).toEqual([]);
  });
});

describe('hostile input through the briefer', () => {
  it('marks a source failing when its parse takes longer than the limit, and parses the next one', async () => {
    const t = await openTestBriefer(
      [source('big', server.url('/big')), source('small', server.url('/etag'))],
      {
        parse: { timeoutMs: 150 },
        fetch: { sourcesAtOnce: 1 },
      },
    );
    try {
      const [big, small] = await t.briefer.refresh();
      expect(big).toMatchObject({ ok: false, state: 'failing' });
      expect((await t.briefer.sourceHealth('big'))?.lastError).toBe('parsing took longer than 150 ms');
      expect(small).toMatchObject({ ok: true, added: 5 });
    } finally {
      await t.close();
    }
  });
});

describe('user-given sources are fetched public-only', () => {
  const resolver = createStaticResolver({ 'bridge.test': '127.0.0.1' });

  it('refuses loopback, the metadata address and a public name redirecting to a private address', async () => {
    server.reset();
    const fetch = createNodeHttpFetch({ hostGapMs: 0, resolver, trustedHosts: ['bridge.test'] });
    const briefer = await openBriefer({
      storeUrl: 'memory://',
      sources: [],
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock: createFixedClock(NOW),
    });
    try {
      const outcomes = await ingestSources(
        [
          source('c-loopback', server.url('/etag')),
          source('c-metadata', 'http://169.254.169.254/latest/meta-data/'),
          source('c-bridge', `http://bridge.test:${server.port}/to-loopback`),
        ],
        {
          store: briefer.store,
          matcher: briefer.topics,
          clock: briefer.clock,
          logger: silentLogger,
          fetch,
          publicOnly: () => true,
        },
      );
      const [loopback, metadata, bridge] = outcomes;
      expect(loopback?.error).toMatch(
        /Refused http:\/\/127\.0\.0\.1:\d+\/etag: it points to a private or local address \(127\.0\.0\.1\)/,
      );
      expect(metadata?.error).toMatch(
        /Refused http:\/\/169\.254\.169\.254\/latest\/meta-data\/: it points to a private or local address/,
      );
      expect(bridge?.error).toMatch(
        /redirected from http:\/\/bridge\.test:\d+\/to-loopback\): it points to a private or local address \(127\.0\.0\.1\)/,
      );
      expect(outcomes.every((outcome) => !outcome.ok)).toBe(true);
      // only the trusted name was ever asked; the loopback urls never were
      expect(server.requests.map((request) => request.path)).toEqual(['/to-loopback']);
      expect(briefer.store.size()).toBe(0);
    } finally {
      fetch.close();
      await briefer.close();
    }
  });
});
