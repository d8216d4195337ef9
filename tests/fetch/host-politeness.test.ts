import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock, systemClock } from '../../src/clock.js';
import { createHostGate } from '../../src/fetch/host-gate.js';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { createStaticResolver } from '../../src/fetch/resolver.js';
import { SMALL_FEED, startLocalServer, type LocalServer } from './local-server.js';

let server: LocalServer;
const names = createStaticResolver({ 'a.test': '127.0.0.1', 'b.test': '127.0.0.1' });

beforeAll(async () => {
  server = await startLocalServer({
    '/hold': (_request, response) => {
      setTimeout(() => response.end(SMALL_FEED), 150);
    },
    '/feed': (_request, response) => response.end(SMALL_FEED),
  });
});

afterAll(async () => {
  await server.close();
});

const many = (fetcher: ReturnType<typeof createNodeHttpFetch>, urls: URL[]) =>
  Promise.all(urls.map((url) => fetcher(url, {})));

describe('politeness per host', () => {
  it('sends at most two requests at once to one host by default', async () => {
    const fetcher = createNodeHttpFetch({ hostGapMs: 0 });
    server.reset();
    await many(
      fetcher,
      Array.from({ length: 6 }, () => server.url('/hold')),
    );
    expect(server.requests).toHaveLength(6);
    expect(server.peak).toBe(2);
    fetcher.close();
  });

  it('follows the configured concurrency', async () => {
    const fetcher = createNodeHttpFetch({ hostGapMs: 0, hostConcurrency: 3 });
    server.reset();
    await many(
      fetcher,
      Array.from({ length: 6 }, () => server.url('/hold')),
    );
    expect(server.peak).toBe(3);
    fetcher.close();
  });

  it('counts each host on its own', async () => {
    const fetcher = createNodeHttpFetch({ hostGapMs: 0, hostConcurrency: 1, resolver: names });
    server.reset();
    const on = (host: string) => new URL(`http://${host}:${server.port}/hold`);
    await many(fetcher, [on('a.test'), on('a.test'), on('b.test'), on('b.test')]);
    expect(server.peak).toBe(2);
    fetcher.close();
  });

  it('leaves the configured gap between the starts of requests to one host', async () => {
    const fetcher = createNodeHttpFetch({ hostGapMs: 200 });
    server.reset();
    await many(
      fetcher,
      Array.from({ length: 3 }, () => server.url('/feed')),
    );
    // seen from the server, a request that arrives late on a busy machine shortens the gap after it;
    // without the gate the three would arrive within a few milliseconds of each other
    const starts = server.requests.map((request) => request.at);
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i++) {
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(140);
    }
    expect((starts[2] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(340);
    fetcher.close();
  });

  it('keeps a connection open for the next request to the same host', async () => {
    const fetcher = createNodeHttpFetch({ hostGapMs: 50 });
    server.reset();
    for (let i = 0; i < 3; i++) await fetcher(server.url('/feed'), {});
    expect(server.requests).toHaveLength(3);
    expect(server.connections).toBe(1);
    fetcher.close();
  });

  it('names the bot and the contact url in the User-Agent', async () => {
    const fetcher = createNodeHttpFetch({ hostGapMs: 0, contactUrl: 'https://example.org/briefer-bot' });
    await fetcher(server.url('/feed'), {});
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(
      'briefer/0.1 (news briefing bot; +https://example.org/briefer-bot)',
    );
    const renamed = createNodeHttpFetch({ hostGapMs: 0, userAgent: 'newsdesk/2.0' });
    await renamed(server.url('/feed'), {});
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('newsdesk/2.0 (news briefing bot)');
    fetcher.close();
    renamed.close();
  });

  it('connects to the address the injected resolver gave, asking it once per request', async () => {
    const asked: string[] = [];
    const resolver = createStaticResolver((name) => {
      asked.push(name);
      return name === 'feeds.test' ? '127.0.0.1' : undefined;
    });
    const fetcher = createNodeHttpFetch({ hostGapMs: 0, resolver });
    // feeds.test is in no real dns: this only works through the pinned lookup
    const result = await fetcher(new URL(`http://feeds.test:${server.port}/feed`), {});
    expect(result.kind).toBe('ok');
    expect(asked).toEqual(['feeds.test']);
    await expect(fetcher(new URL(`http://missing.test:${server.port}/feed`), {})).rejects.toThrow(
      `Cannot fetch http://missing.test:${server.port}/feed: no such host (missing.test)`,
    );
    fetcher.close();
  });
});

describe('the host gate', () => {
  it('gives a waiting request its turn when the caller gives up, without losing the slot', async () => {
    const gate = createHostGate({ concurrency: 1, gapMs: 0, clock: systemClock });
    const release = await gate.acquire('h');
    const controller = new AbortController();
    const waiting = gate.acquire('h', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    release();
    expect(gate.active('h')).toBe(0);
    const again = await gate.acquire('h');
    expect(gate.active('h')).toBe(1);
    again();
    again(); // releasing twice gives back one slot only
    expect(gate.active('h')).toBe(0);
  });

  it('spaces starts by the gap even on a clock that stands still', async () => {
    const gate = createHostGate({ concurrency: 5, gapMs: 60, clock: createFixedClock(0) });
    const start = performance.now();
    const releases = await Promise.all([gate.acquire('h'), gate.acquire('h'), gate.acquire('h')]);
    expect(performance.now() - start).toBeGreaterThanOrEqual(110);
    for (const release of releases) release();
  });

  it('forgets idle hosts, so a thousand sources do not pile up', async () => {
    const clock = createFixedClock(0);
    const gate = createHostGate({ concurrency: 2, gapMs: 1_000, clock });
    for (let i = 0; i < 3_000; i++) {
      (await gate.acquire(`feed-${i}.test`))();
      clock.advance(10);
    }
    // hosts still inside their gap are kept (about 100 here); the rest are dropped as the map grows
    expect(gate.tracked()).toBeLessThanOrEqual(1_024);
    expect(gate.tracked()).toBeGreaterThanOrEqual(100);
  });

  it('refuses a concurrency under one', () => {
    expect(() => createHostGate({ concurrency: 0, gapMs: 0, clock: systemClock })).toThrow(/at least 1/);
  });
});
