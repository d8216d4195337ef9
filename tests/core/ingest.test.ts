import { createServer, type Server } from 'node:http';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock, createLogger, openBriefer, readSource, type Source } from '../../src/index.js';
import { NOW, REPO_ROOT } from '../support/seed-briefer.js';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefer-ingest-'));
  await copyFile(path.join(REPO_ROOT, 'examples/offline/ariana-news.xml'), path.join(dir, 'good.xml'));
  await writeFile(path.join(dir, 'not-a-feed.txt'), 'Hello, this is not a feed at all.');
  await writeFile(
    path.join(dir, 'truncated.xml'),
    '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a',
  );
  const lol = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
  ];
  await writeFile(
    path.join(dir, 'bomb.xml'),
    `<?xml version="1.0"?><!DOCTYPE rss [${lol.join('')}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://example.org/a</link></item></channel></rss>`,
  );
  await writeFile(path.join(dir, 'huge.xml'), Buffer.alloc(50 * 1024 * 1024, 0x61));

  server = createServer((request, response) => {
    if (request.url === '/feed') {
      response.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      response.end(
        '<rss version="2.0"><channel><title>Local</title><item><title>Kabul local item</title><link>https://example.org/local?utm_source=x</link></item></channel></rss>',
      );
    } else if (request.url === '/endless') {
      response.setHeader('content-type', 'application/rss+xml');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => response.write(chunk), 1);
      response.on('close', () => clearInterval(timer));
    } else if (request.url === '/slow') {
      response.write('<rss>'); // then nothing
    } else {
      response.statusCode = 503;
      response.end('busy');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const source = (id: string, url: string): Source => ({
  id,
  name: id,
  url: new URL(url),
  language: 'en',
  kind: 'feed',
});
const file = (name: string) => pathToFileURL(path.join(dir, name)).href;

describe('ingesting sources', () => {
  it('one bad source never stops the others, and each problem is one line naming the source and the cause', async () => {
    const lines: string[] = [];
    const briefer = await openBriefer({
      storeUrl: 'memory://',
      sources: [
        source('not-a-feed', file('not-a-feed.txt')),
        source('truncated', file('truncated.xml')),
        source('bomb', file('bomb.xml')),
        source('huge', file('huge.xml')),
        source('missing', file('missing.xml')),
        source('down', `${base}/down`),
        source('good', file('good.xml')),
        source('local', `${base}/feed`),
      ],
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock: createFixedClock(NOW),
      logger: createLogger({ level: 'warn', write: (line) => lines.push(line) }),
    });
    try {
      const outcomes = await briefer.refresh();
      const byId = Object.fromEntries(outcomes.map((o) => [o.sourceId, o]));
      expect(byId.good).toMatchObject({ ok: true, items: 4, added: 4 });
      expect(byId.local).toMatchObject({ ok: true, added: 1 });
      expect(briefer.store.latest({ limit: 10, sourceIds: ['local'] })[0]?.url).toBe(
        'https://example.org/local',
      );
      // entities declared in a DTD are never expanded: the bomb is either refused or read as plain text
      const bombTitles = briefer.store.latest({ limit: 5, sourceIds: ['bomb'] }).map((a) => a.title);
      expect(byId.bomb?.ok ? bombTitles.every((title) => title.length < 100) : true).toBe(true);
      for (const id of ['not-a-feed', 'truncated', 'huge', 'missing', 'down']) {
        expect(byId[id]?.ok, id).toBe(false);
        expect(byId[id]?.error, id).toMatch(new RegExp(id));
        expect(byId[id]?.error?.includes('\n'), id).toBe(false);
      }
      expect(byId.huge?.error).toMatch(/50\.0 MB, over the 5\.0 MB limit/);
      expect(byId.missing?.error).toMatch(/no such file/);
      expect(byId.down?.error).toMatch(/HTTP 503/);
      expect(lines.filter((line) => line.includes('source is failing'))).toHaveLength(byId.bomb?.ok ? 5 : 6);
      expect(process.memoryUsage().rss).toBeLessThan(512 * 1024 * 1024);
    } finally {
      await briefer.close();
    }
  });

  it('a second refresh stores nothing twice', async () => {
    const briefer = await openBriefer({
      storeUrl: 'memory://',
      sources: [source('good', file('good.xml'))],
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock: createFixedClock(NOW),
    });
    await briefer.refresh();
    const [again] = await briefer.refresh();
    expect(again).toMatchObject({ ok: true, items: 4, added: 0 });
    expect(briefer.store.size()).toBe(4);
    await briefer.close();
  });
});

describe('reading a source over HTTP', () => {
  it('aborts a body that grows past the cap while streaming', async () => {
    await expect(
      readSource(new URL(`${base}/endless`), { maxBytes: 1024 * 1024, timeoutMs: 10_000 }),
    ).rejects.toThrow(/endless is more than 1\.0 MB, over the 1\.0 MB limit/);
  });

  it('gives up on a server that stops answering', async () => {
    await expect(readSource(new URL(`${base}/slow`), { maxBytes: 1024, timeoutMs: 300 })).rejects.toThrow(
      /slow: no answer within 0\.3 s/,
    );
  });
});
