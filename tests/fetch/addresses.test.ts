import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { createStaticResolver } from '../../src/fetch/resolver.js';
import { startLocalServer, type LocalServer } from './local-server.js';

// the server listens on 127.0.0.1 only: a connection to 127.0.0.2 on its port is refused
let server: LocalServer;
const fetcher = createNodeHttpFetch({
  hostGapMs: 0,
  resolver: createStaticResolver({
    'one.test': '127.0.0.1',
    'second-works.test': ['127.0.0.2', '127.0.0.1'],
    'none-works.test': ['127.0.0.2', '127.0.0.3'],
  }),
});

beforeAll(async () => {
  server = await startLocalServer({ '/feed': (_request, response) => response.end('<rss/>') });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

const at = (host: string) => new URL(`http://${host}:${server.port}/feed`);

describe('the addresses a host name resolves to', () => {
  it('connects to the only address of a host', async () => {
    const result = await fetcher(at('one.test'), {});
    expect(result.kind).toBe('ok');
  });

  it('tries the next address when the first refuses the connection', async () => {
    const result = await fetcher(at('second-works.test'), {});
    expect(result.kind).toBe('ok');
    expect(server.requests.at(-1)?.headers.host).toBe(`second-works.test:${server.port}`);
  });

  it('names the host when no address takes the connection', async () => {
    const outcome = await fetcher(at('none-works.test'), {}).catch((error: unknown) => error);
    expect(String(outcome)).toMatch(/Cannot fetch http:\/\/none-works\.test:\d+\/feed/);
  });
});
