import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/index.js';
import { digestItems, type Article, type Briefer } from '../../src/index.js';
import type { LocalServer } from '../fetch/local-server.js';
import { NOW } from '../support/seed-briefer.js';
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
let base: string;
const chatC = { ...chatB, chat: 'telegram:-300', user: 'telegram:3' };

const HOUR = 3_600_000;
function article(sourceId: string, n: number, title: string): Omit<Article, 'firstSeenAt'> {
  return {
    id: `https://${sourceId}.example/${n}`,
    sourceId,
    title,
    url: `https://${sourceId}.example/${n}`,
    publishedAt: NOW - n * HOUR,
    summary: `${title}.`,
    text: `${title}. Reported from Afghanistan.`,
    language: 'en',
    topics: ['afghanistan'],
  };
}

const titles = (reply: Reply) => (reply.digest ? digestItems(reply.digest).map((item) => item.title) : []);

let herat: string;
beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({ '/herat.xml': send(rss('Herat Daily', 'en')) });
  base = `http://news.example.test:${server.port}`;
  briefer = await openTestBriefer(server);
  ask = asker(briefer);
  await ask(`/source add ${base}/herat.xml`, chatA);
  herat = briefer.chatSources.list(chatA.chat)[0]!.id;
  // what the poll would store: the operator's articles, and many from chat A's own source
  await briefer.store.add([
    article('kabul-desk', 1, 'Kabul desk report on Bagram'),
    article('kabul-desk', 3, 'Kabul desk report on the border markers'),
    ...Array.from({ length: 30 }, (_, i) => article(herat, i * 0.1, `Herat exclusive ${i} on Bagram`)),
  ]);
});
afterAll(async () => {
  await briefer.close();
  await server.close();
});

describe("a chat's own sources are seen in that chat only", () => {
  it('/latest: chat A sees its source beside the operator’s, named; chat B never sees it', async () => {
    const inA = await ask('/latest 25', chatA);
    expect(titles(inA)).toHaveLength(25);
    expect(titles(inA)).toContain('Herat exclusive 0 on Bagram');
    expect(digestItems(inA.digest!).find((item) => item.sourceId === herat)?.sourceName).toBe('Herat Daily');
    const inB = await ask('/latest 25', chatB);
    expect(titles(inB)).toEqual(['Kabul desk report on Bagram', 'Kabul desk report on the border markers']);
    expect(inB.next).toBeUndefined();
    expect(inB.digest?.footer).toBeUndefined();
    expect((await ask('/latest 1', chatB)).digest?.footer).toMatch(/and 1 more/);
    expect((await ask('/latest 1', chatA)).digest?.footer).toMatch(/and 31 more/);
  });

  it('/latest <source>: chat A can name its source, chat B cannot', async () => {
    expect(titles(await ask('/latest 3 herat daily', chatA))).toEqual([
      'Herat exclusive 0 on Bagram',
      'Herat exclusive 1 on Bagram',
      'Herat exclusive 2 on Bagram',
    ]);
    expect((await ask(`/latest ${herat}`, chatB)).text).toMatch(/^I don't know a source called "c-/);
  });

  it('/topic by topic and by search: the same split, with counts and pages that match', async () => {
    const topicA = await ask('/topic afghanistan 5', chatA);
    expect(titles(topicA)).toHaveLength(5);
    expect(topicA.next).toBeDefined();
    const topicB = await ask('/topic afghanistan 5', chatB);
    expect(titles(topicB)).toEqual([
      'Kabul desk report on Bagram',
      'Kabul desk report on the border markers',
    ]);
    expect(topicB.next).toBeUndefined();

    expect(titles(await ask('/topic bagram 25', chatA))).toHaveLength(25);
    expect(titles(await ask('/topic bagram 25', chatB))).toEqual(['Kabul desk report on Bagram']);
    // words only chat A's source has find nothing in chat B
    expect(titles(await ask('/topic exclusive', chatA))).toHaveLength(5);
    const inB = await ask('/topic exclusive', chatB);
    expect(inB.digest).toBeUndefined();
    expect(inB.text).toMatch(/^Nothing matches "exclusive"/);
  });

  it('a source two chats added is read once and seen by both, and by no third chat', async () => {
    await ask(`/source add ${base}/herat.xml`, chatC);
    expect(briefer.chatSources.list(chatC.chat)[0]!.id).toBe(herat);
    expect(briefer.chatSources.allSources().map((s) => [s.id, s.url.href])).toEqual([
      [herat, `${base}/herat.xml`],
    ]);
    expect(titles(await ask('/latest 1', chatC))).toEqual(['Herat exclusive 0 on Bagram']);
    expect(titles(await ask('/latest 1', chatB))).toEqual(['Kabul desk report on Bagram']);
    expect(briefer.chatSources.isVisible(chatC.chat, herat)).toBe(true);
    expect(briefer.chatSources.isVisible(chatB.chat, herat)).toBe(false);
    expect(briefer.chatSources.isVisible(chatB.chat, 'kabul-desk')).toBe(true);
    expect(briefer.chatSources.chatsOf(herat)).toEqual([chatA.chat, chatC.chat]);
    expect(briefer.chatSources.chatsOf('kabul-desk')).toEqual([]);
  });

  it('once removed everywhere, its stored articles are seen by no chat, and it is no longer polled', async () => {
    await ask(`/source remove ${herat}`, chatA);
    expect(titles(await ask('/latest 1', chatA))).toEqual(['Kabul desk report on Bagram']);
    expect(titles(await ask('/latest 1', chatC))).toEqual(['Herat exclusive 0 on Bagram']);
    await ask(`/source remove ${herat}`, chatC);
    for (const chat of [chatA, chatB, chatC]) {
      expect(titles(await ask('/latest 25', chat))).toHaveLength(2);
      expect(titles(await ask('/topic bagram', chat))).toEqual(['Kabul desk report on Bagram']);
    }
    expect(briefer.chatSources.allSources()).toEqual([]);
  });
});
