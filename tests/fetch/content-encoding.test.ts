import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { SMALL_FEED, startLocalServer, type LocalServer } from './local-server.js';

const FEED = Buffer.from(SMALL_FEED.repeat(20));
let server: LocalServer;
const fetcher = createNodeHttpFetch({ hostGapMs: 0 });

const encoded =
  (encoding: string, body: Buffer): Parameters<typeof startLocalServer>[0][string] =>
  (_request, response) => {
    response.setHeader('content-encoding', encoding);
    response.end(body);
  };

beforeAll(async () => {
  server = await startLocalServer({
    '/gzip': encoded('gzip', gzipSync(FEED)),
    '/x-gzip': encoded('x-gzip', gzipSync(FEED)),
    '/deflate': encoded('deflate', deflateSync(FEED)),
    '/deflate-raw': encoded('deflate', deflateRawSync(FEED)),
    '/br': encoded('br', brotliCompressSync(FEED)),
    '/twice': encoded('deflate, gzip', gzipSync(deflateSync(FEED))),
    '/compress': encoded('compress', FEED),
    '/corrupt': encoded('gzip', Buffer.concat([gzipSync(FEED).subarray(0, 10), Buffer.alloc(200, 7)])),
  });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

const bodyOf = async (path: string) => {
  const result = await fetcher(server.url(path), {});
  if (result.kind !== 'ok') throw new Error(`expected a body from ${path}, got ${result.kind}`);
  return Buffer.from(result.body);
};

describe('compressed bodies', () => {
  it('asks for gzip, deflate and brotli', async () => {
    await bodyOf('/gzip');
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each(['/gzip', '/x-gzip', '/deflate', '/deflate-raw', '/br', '/twice'])(
    'decodes %s to the original bytes',
    async (path) => {
      expect((await bodyOf(path)).equals(FEED)).toBe(true);
    },
  );

  it('refuses an encoding it cannot decode, naming it', async () => {
    await expect(fetcher(server.url('/compress'), {})).rejects.toThrow(
      /\/compress is encoded as "compress", which cannot be decoded/,
    );
  });

  it('says so when the compressed body is corrupt', async () => {
    await expect(fetcher(server.url('/corrupt'), {})).rejects.toThrow(
      /Cannot fetch http:\/\/127\.0\.0\.1:\d+\/corrupt: the compressed body is corrupt/,
    );
  });
});
