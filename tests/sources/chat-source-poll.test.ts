// end to end: a chat adds a feed, the poll reads it (public-only), and only that chat sees its articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/index.js';
import { digestItems, type Briefer } from '../../src/index.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  asker,
  chatA,
  chatB,
  onlyLoopbackConnections,
  openTestBriefer,
  rss,
  send,
  startNewsServer,
} from './chat-source-harness.js';

let server: LocalServer;
let briefer: Briefer;
let ask: ReturnType<typeof asker>;

const titles = (reply: Reply) => (reply.digest ? digestItems(reply.digest).map((item) => item.title) : []);

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/operator.xml': send(
      rss('Kabul Desk', 'en', [{ title: 'Operator story from Kabul', link: 'https://kabul.example/1' }]),
    ),
    '/herat.xml': send(
      rss('Herat Daily', 'en', [{ title: 'Herat story about Afghanistan', link: 'https://herat.example/1' }]),
    ),
  });
  briefer = await openTestBriefer(server);
  ask = asker(briefer);
});
afterAll(async () => {
  await briefer.close();
  await server.close();
});

describe('a chat source through the poll', () => {
  it('is fetched by refresh() and shown in its chat only', async () => {
    await ask(`/source add http://news.example.test:${server.port}/herat.xml`);
    server.reset();
    await briefer.refresh();
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/herat.xml', '/operator.xml']);
    expect(titles(await ask('/latest', chatA))).toEqual(
      expect.arrayContaining(['Herat story about Afghanistan', 'Operator story from Kabul']),
    );
    expect(titles(await ask('/latest', chatB))).toEqual(['Operator story from Kabul']);
    expect((await ask('/source list')).text).toMatch(
      /Herat Daily \(c-[0-9a-f]{10}, en, feed\): 1 article, fetched/,
    );
  });
});
