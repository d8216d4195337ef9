import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Briefer } from '../../src/index.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  asker,
  chatA,
  chatB,
  fixture,
  onlyLoopbackConnections,
  openTestBriefer,
  rss,
  send,
  startNewsServer,
} from './chat-source-harness.js';

// a site's home page announcing its feeds: the comments feed first, a relative link to the site's own
const SITE = `<!doctype html><html lang="en"><head><title>Kabul Times – News from Afghanistan</title>
<link rel="alternate" type="application/rss+xml" title="Kabul Times » Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="Kabul Times » Feed" href="feed/">
</head><body><h1>Kabul Times</h1><p>Welcome.</p></body></html>`;

let server: LocalServer;
let briefer: Briefer;
let ask: ReturnType<typeof asker>;
let base: string;

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/feed.xml': send(rss('Herat Daily', 'fa', [{ title: 'خبر', link: 'https://herat.example/1' }])),
    '/second.xml': send(rss('Second Feed', 'en')),
    '/third.xml': send(rss('Third Feed', 'en')),
    '/': send(SITE, 'text/html; charset=utf-8'),
    '/feed/': send(rss('Kabul Times', 'en', [{ title: 'One', link: 'https://kabultimes.example/1' }])),
    '/comments/feed/': send(rss('Kabul Times comments', 'en')),
    // a listing page whose announced feeds are on a host that does not resolve here
    '/latest-news/': send(fixture('ariana-latest-news.html'), 'text/html'),
    '/about': send(
      '<!doctype html><html><head><title>About us</title></head><body><p>Hi.</p></body></html>',
      'text/html',
    ),
    '/data.bin': send('\u0000\u0001 not a feed', 'application/octet-stream'),
  });
  base = `http://news.example.test:${server.port}`;
});
afterAll(() => server.close());

describe('/source add, list and remove', () => {
  beforeAll(async () => {
    briefer = await openTestBriefer(server);
    ask = asker(briefer);
  });
  afterAll(() => briefer.close());

  it('adds a feed by its url, named and in the language the feed gives', async () => {
    const reply = await ask(`/source add ${base}/feed.xml`);
    expect(reply.private).toBeUndefined();
    expect(reply.text).toMatch(/^Added Herat Daily \(c-[0-9a-f]{10}, fa\) for this chat only: a feed\./);
    const [source] = briefer.chatSources.list(chatA.chat);
    expect(source).toMatchObject({
      name: 'Herat Daily',
      url: `${base}/feed.xml`,
      language: 'fa',
      kind: 'feed',
      addedBy: chatA.user,
    });
    expect(reply.choices).toEqual([{ label: 'Latest from Herat Daily', command: `/latest ${source!.id}` }]);
  });

  it('lists the chat’s own sources, and no other chat’s', async () => {
    const list = await ask('/source list');
    expect(list.text).toContain("This chat's own sources (1 of 20)");
    expect(list.text).toMatch(/• Herat Daily \(c-[0-9a-f]{10}, fa, feed\): 0 articles, not fetched yet/);
    expect((await ask('/source', chatB)).text).toMatch(/^This chat has no sources of its own/);
  });

  it('refuses the same feed twice, and one the operator already reads for every chat', async () => {
    expect((await ask(`/source add ${base}/feed.xml`)).text).toMatch(/is already added here as Herat Daily/);
    expect((await ask(`/source add ${base}/operator.xml`)).text).toMatch(
      /already one of my sources for every chat: Kabul Desk \(kabul-desk\)/,
    );
  });

  it('finds the feed a site’s home page announces and says which it added', async () => {
    const reply = await ask(`/source add ${base}`, chatB);
    expect(reply.text).toContain(`the first feed that ${base}/ announces`);
    expect(briefer.chatSources.list(chatB.chat)).toMatchObject([
      { name: 'Kabul Times', url: `${base}/feed/`, kind: 'feed' },
    ]);
  });

  it('adds a news listing page without a feed that reads as a page source', async () => {
    const reply = await ask(`/source add ${base}/latest-news/`, chatB);
    expect(reply.text).toMatch(/a news listing page \(it has no feed, so I read the page/);
    expect(briefer.chatSources.list(chatB.chat).at(-1)).toMatchObject({
      name: 'Latest News Archives - Ariana News',
      url: `${base}/latest-news/`,
      kind: 'page',
    });
  });

  it('explains a page that is neither a feed nor news, and bytes that are neither', async () => {
    expect((await ask(`/source add ${base}/about`)).text).toMatch(
      /is a web page that announces no feed and is not a news listing or article/,
    );
    expect((await ask(`/source add ${base}/data.bin`)).text).toMatch(/is neither a news feed nor a web page/);
    expect((await ask(`/source add ${base}/missing.xml`)).text).toMatch(/answered HTTP 404/);
  });

  it('removes a source by id (or name), and says when there is none', async () => {
    const [source] = briefer.chatSources.list(chatA.chat);
    expect((await ask(`/source remove ${source!.id}`)).text).toBe(
      `Removed Herat Daily (${source!.id}). Its articles no longer show in this chat.`,
    );
    expect(briefer.chatSources.list(chatA.chat)).toEqual([]);
    expect((await ask(`/source remove ${source!.id}`)).text).toMatch(/has no sources of its own/);
    expect((await ask('/source remove Kabul Times', chatB)).text).toMatch(/^Removed Kabul Times/);
    expect((await ask('/source remove c-0000000000', chatB)).text).toMatch(
      /no source with the id "c-0000000000"\. Its sources: c-/,
    );
  });

  it('explains an unknown action and a missing address', async () => {
    expect((await ask('/source frobnicate')).text).toMatch(
      /^The action must be add, remove, list, import or export/,
    );
    expect((await ask('/source add')).text).toMatch(/Give the address of a feed or a news site/);
    expect((await ask('/source add not a url at all')).text).toMatch(/is not a web address/);
  });
});

describe('who may add sources', () => {
  afterEach(() => briefer.close());

  it('only administrators in groups and servers; anyone in a private chat', async () => {
    briefer = await openTestBriefer(server);
    ask = asker(briefer);
    const member = { ...chatA, canManage: false };
    for (const line of [
      `/source add ${base}/feed.xml`,
      '/source remove c-0000000000',
      `/source import ${base}/x`,
    ]) {
      expect((await ask(line, member)).text).toMatch(
        /^Only this chat's administrators can change its sources/,
      );
    }
    expect(server.requests.some((r) => r.path === '/x')).toBe(false);
    // reading the list is for everyone
    expect((await ask('/source list', member)).text).toMatch(/no sources of its own/);
    expect((await ask(`/source add ${base}/feed.xml`, { ...chatA, canManage: true })).text).toMatch(/^Added/);
    expect((await ask(`/source add ${base}/second.xml`, { ...chatB, canManage: undefined })).text).toMatch(
      /^Added/,
    );
  });

  it('nobody when the operator switched chat sources off (ALLOW_CHAT_SOURCES=false)', async () => {
    briefer = await openTestBriefer(server, { allow: false });
    ask = asker(briefer);
    server.reset();
    expect((await ask(`/source add ${base}/feed.xml`)).text).toBe(
      'Adding sources in chats is switched off on this bot by its operator.',
    );
    expect((await ask(`/source import ${base}/list.opml`)).text).toMatch(/switched off/);
    // checked before what the reader gave: no address, or an attached file, still hears why
    expect((await ask('/source add')).text).toMatch(/switched off/);
    expect((await ask('/source import')).text).toMatch(/switched off/);
    expect((await ask('/source', chatA, { action: 'import', file: Buffer.from('<opml/>') })).text).toMatch(
      /switched off/,
    );
    expect((await ask('/source list')).text).toMatch(/switched off on this bot/);
    expect(server.requests).toHaveLength(0);
    expect(briefer.chatSources.allSources()).toEqual([]);
  });

  it('at most maxPerChat sources in one chat, refused before anything is fetched', async () => {
    briefer = await openTestBriefer(server, { maxPerChat: 2 });
    ask = asker(briefer);
    await ask(`/source add ${base}/feed.xml`);
    await ask(`/source add ${base}/second.xml`);
    server.reset();
    expect((await ask(`/source add ${base}/third.xml`)).text).toMatch(
      /^This chat has 2 sources of its own, the most it can have\. Remove one/,
    );
    expect(server.requests).toHaveLength(0);
    // two adds at once cannot both take the last place
    await ask(`/source remove ${briefer.chatSources.list(chatA.chat)[1]!.id}`);
    const replies = await Promise.all([
      ask(`/source add ${base}/second.xml`),
      ask(`/source add ${base}/third.xml`),
    ]);
    expect(replies.filter((reply) => reply.text?.startsWith('Added'))).toHaveLength(1);
    expect(briefer.chatSources.list(chatA.chat)).toHaveLength(2);
  });
});
