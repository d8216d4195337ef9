import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { startLocalServer, type LocalServer } from './local-server.js';

let server: LocalServer;
let silent: Server;
let silentPort: number;
const silentSockets: Socket[] = [];
const fetcher = createNodeHttpFetch({ hostGapMs: 0 });

beforeAll(async () => {
  server = await startLocalServer({
    '/no-headers': () => {}, // never answers
    '/trickle': (_request, response) => {
      response.write('<rss version="2.0"><channel>');
      const timer = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(timer));
    },
    '/quick': (_request, response) => response.end('<rss/>'),
  });
  // accepts tcp connections and never says a word: a tls handshake there never completes
  silent = createServer((socket) => silentSockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as AddressInfo).port;
});

afterAll(async () => {
  fetcher.close();
  await server.close();
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const elapsed = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  const outcome = await run().catch((error: unknown) => error);
  return { outcome, ms: performance.now() - start };
};

describe('timeouts', () => {
  it('gives up on a server that never sends its headers', async () => {
    const { outcome, ms } = await elapsed(() => fetcher(server.url('/no-headers'), { timeoutMs: 300 }));
    expect(String(outcome)).toMatch(
      /Cannot fetch http:\/\/127\.0\.0\.1:\d+\/no-headers: no answer within 0\.3 s/,
    );
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(2_000);
  });

  it('gives up on a body that keeps trickling in, the total time counted', async () => {
    const { outcome, ms } = await elapsed(() => fetcher(server.url('/trickle'), { timeoutMs: 400 }));
    expect(String(outcome)).toMatch(/\/trickle: no answer within 0\.4 s/);
    expect(ms).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.aborted).toContain('/trickle');
  });

  it('gives up on a connection that never completes, with the connect timeout', async () => {
    const connectLimited = createNodeHttpFetch({ hostGapMs: 0, connectTimeoutMs: 200, timeoutMs: 10_000 });
    try {
      const { outcome, ms } = await elapsed(() =>
        connectLimited(new URL(`https://127.0.0.1:${silentPort}/feed`), {}),
      );
      expect(String(outcome)).toMatch(
        /Cannot fetch https:\/\/127\.0\.0\.1:\d+\/feed: could not connect within 0\.2 s/,
      );
      expect(ms).toBeLessThan(2_000);
    } finally {
      connectLimited.close();
    }
  });

  it('says so when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetcher(new URL(`http://127.0.0.1:${port}/feed`), {})).rejects.toThrow(
      `Cannot fetch http://127.0.0.1:${port}/feed: connection refused`,
    );
  });

  it('stops when the caller cancels, and says so', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(fetcher(server.url('/no-headers'), { signal: controller.signal })).rejects.toThrow(
      /no-headers: cancelled/,
    );
  });

  it('a fast answer is not held up by the timer', async () => {
    const { outcome, ms } = await elapsed(() => fetcher(server.url('/quick'), { timeoutMs: 5_000 }));
    expect(outcome).toMatchObject({ kind: 'ok' });
    expect(ms).toBeLessThan(1_000);
  });
});
