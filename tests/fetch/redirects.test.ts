import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { createStaticResolver } from '../../src/fetch/resolver.js';
import { SMALL_FEED, startLocalServer, type LocalServer, type Route } from './local-server.js';

let server: LocalServer;
const fetcher = createNodeHttpFetch({
  hostGapMs: 0,
  resolver: createStaticResolver({ 'other.test': '127.0.0.1' }),
});

const redirect =
  (status: number, location: string): Route =>
  (_request, response) => {
    response.statusCode = status;
    response.setHeader('location', location);
    response.end();
  };

beforeAll(async () => {
  const routes: Record<string, Route> = {
    '/hop0': (_request, response) => response.end(SMALL_FEED),
    '/loop-a': redirect(302, '/loop-b'),
    '/loop-b': redirect(301, '/loop-a'),
    '/self': redirect(302, '/self'),
    '/to-ftp': redirect(302, 'ftp://127.0.0.1/feed'),
    '/nowhere': (_request, response) => {
      response.statusCode = 302;
      response.end();
    },
  };
  // hop n redirects to hop n-1, with every redirect status in turn and a relative location
  const statuses = [301, 302, 303, 307, 308];
  for (let n = 1; n <= 7; n++) routes[`/hop${n}`] = redirect(statuses[n % 5] ?? 302, `hop${n - 1}`);
  server = await startLocalServer(routes);
  routes['/to-other-host'] = redirect(302, `http://other.test:${server.port}/hop0`);
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

describe('redirects', () => {
  it('follows a chain of five, relative locations and every redirect status included', async () => {
    const result = await fetcher(server.url('/hop5'), {});
    expect(result.kind).toBe('ok');
    expect(result.url).toBe(`${server.base}/hop0`);
    expect(result.redirects).toEqual([5, 4, 3, 2, 1].map((n) => `${server.base}/hop${n}`));
  });

  it('refuses a sixth redirect, naming the whole chain', async () => {
    server.reset();
    const chain = [6, 5, 4, 3, 2, 1, 0].map((n) => `${server.base}/hop${n}`).join(' → ');
    await expect(fetcher(server.url('/hop6'), {})).rejects.toThrow(
      `Cannot fetch ${server.base}/hop6: more than 5 redirects ${chain}`,
    );
    // the seventh url is never asked for
    expect(server.requests.map((r) => r.path)).not.toContain('/hop0');
  });

  it('refuses a redirect loop, naming it', async () => {
    await expect(fetcher(server.url('/loop-a'), {})).rejects.toThrow(
      `Cannot fetch ${server.base}/loop-a: redirect loop ${server.base}/loop-a → ${server.base}/loop-b → ${server.base}/loop-a`,
    );
    await expect(fetcher(server.url('/self'), {})).rejects.toThrow(/redirect loop .*\/self → .*\/self$/);
  });

  it('follows a redirect to another host name', async () => {
    const result = await fetcher(server.url('/to-other-host'), {});
    expect(result).toMatchObject({ kind: 'ok', url: `http://other.test:${server.port}/hop0` });
    expect(server.requests.at(-1)?.headers.host).toBe(`other.test:${server.port}`);
  });

  it('refuses a redirect to anything but http(s)', async () => {
    await expect(fetcher(server.url('/to-ftp'), {})).rejects.toThrow(
      `Refused ftp://127.0.0.1/feed (redirected from ${server.base}/to-ftp): only http and https URLs can be fetched`,
    );
  });

  it('reports a redirect with no Location as an HTTP error', async () => {
    const result = await fetcher(server.url('/nowhere'), {});
    expect(result).toMatchObject({ kind: 'http-error', status: 302 });
    expect(result.kind === 'http-error' && result.message).toMatch(
      /\/nowhere answered HTTP 302 without saying where/,
    );
  });
});
