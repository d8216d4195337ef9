import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { startLocalServer, type LocalServer } from './local-server.js';

const MB = 1024 * 1024;
let server: LocalServer;
const fetcher = createNodeHttpFetch({ hostGapMs: 0, maxBytes: MB });
// 64 MB of spaces squeezed into about 64 kB
const bomb = gzipSync(Buffer.alloc(64 * MB, 0x20), { level: 9 });
let endlessSent = 0;

beforeAll(async () => {
  server = await startLocalServer({
    '/declared': (_request, response) => {
      response.setHeader('content-length', 2 * MB);
      response.write(Buffer.alloc(1024, 0x20)); // and the rest never comes
    },
    '/endless': (_request, response) => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => {
        endlessSent += chunk.byteLength;
        response.write(chunk);
      }, 1);
      response.on('close', () => clearInterval(timer));
    },
    '/exact': (_request, response) => response.end(Buffer.alloc(MB, 0x20)),
    '/bomb': (_request, response) => {
      response.setHeader('content-encoding', 'gzip');
      response.end(bomb);
    },
  });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

describe('the body cap', () => {
  it('refuses a body whose declared length is over the cap without reading it', async () => {
    await expect(fetcher(server.url('/declared'), {})).rejects.toThrow(
      /\/declared is 2\.0 MB, over the 1\.0 MB limit/,
    );
  });

  it('aborts a streamed body as it passes the cap, and hangs up on the server', async () => {
    endlessSent = 0;
    await expect(fetcher(server.url('/endless'), {})).rejects.toThrow(
      /\/endless is more than 1\.0 MB, over the 1\.0 MB limit/,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.aborted).toContain('/endless');
    // the server may have a few chunks in its socket buffers; it did not get to send much more
    expect(endlessSent).toBeLessThan(16 * MB);
  });

  it('takes a body exactly at the cap', async () => {
    const result = await fetcher(server.url('/exact'), {});
    expect(result.kind === 'ok' && result.body.byteLength).toBe(MB);
  });

  it('stops a gzip bomb at the cap on the decoded bytes', async () => {
    expect(bomb.byteLength).toBeLessThan(MB);
    const before = process.memoryUsage().rss;
    await expect(fetcher(server.url('/bomb'), {})).rejects.toThrow(
      /\/bomb decompresses to more than 1\.0 MB, over the 1\.0 MB limit/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * MB);
  });

  it('lets a caller raise the cap for one request', async () => {
    const result = await fetcher(server.url('/declared'), { maxBytes: 4 * MB, timeoutMs: 300 }).catch(
      (error: Error) => error,
    );
    // past the cap check, the body stalls: the timeout ends it, not the cap
    expect(String(result)).toMatch(/no answer within 0\.3 s/);
  });
});
