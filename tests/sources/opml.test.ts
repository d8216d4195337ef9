import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.js';
import type { Briefer } from '../../src/index.js';
import { readOpml } from '../../src/sources/opml.js';
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
let base: string;

const opml = (outlines: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>My feeds</title></head><body>${outlines}</body></opml>`;

function subscriptions(port: number): string {
  const at = (host: string, path: string) => `http://${host}:${port}${path}`;
  return opml(`
    <outline text="Kabul" title="Kabul Daily" type="rss" xmlUrl="${at('news.example.test', '/kabul.xml')}" language="fa-AF"/>
    <outline text="Region">
      <outline text="Tehran Times" type="rss" xmlUrl="${at('feeds.example.test', '/tehran.xml')}"/>
      <outline text="Kabul again" type="rss" xmlUrl="${at('news.example.test', '/kabul.xml')}"/>
      <outline text="Intranet" type="rss" xmlUrl="${at('intranet.example.test', '/secret.xml')}"/>
      <outline text="Metadata" type="rss" xmlUrl="http://169.254.169.254/latest/"/>
    </outline>
    <outline text="Gopher" type="rss" xmlUrl="gopher://news.example.test/feed"/>
    <outline text="A bookmark, not a feed" type="link" url="https://example.org/"/>
    <outline text="Bagram page" type="page" url="${at('other.example.test', '/bagram.html')}" language="en"/>`);
}

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/list.opml': (_request, response) => {
      response.setHeader('content-type', 'text/x-opml');
      response.end(subscriptions(server.port));
    },
    '/not-opml.xml': send(rss('A feed, not a list', 'en')),
    '/feed.xml': send(rss('Herat Daily', 'fa')),
  });
  base = `http://news.example.test:${server.port}`;
});
afterAll(() => server.close());
beforeEach(async () => {
  briefer = await openTestBriefer(server);
  ask = asker(briefer);
  server.reset();
  return () => briefer.close();
});

describe('/source import', () => {
  it('adds every feed outline of an OPML file fetched from its url, and says what it refused', async () => {
    const reply = await ask(`/source import ${base}/list.opml`);
    expect(server.requests.map((r) => r.path)).toEqual(['/list.opml']);
    expect(briefer.chatSources.list(chatA.chat)).toMatchObject([
      { name: 'Kabul Daily', url: `${base}/kabul.xml`, language: 'fa-AF', kind: 'feed' },
      { name: 'Tehran Times', url: `http://feeds.example.test:${server.port}/tehran.xml`, language: 'en' },
      { name: 'Bagram page', url: `http://other.example.test:${server.port}/bagram.html`, kind: 'page' },
    ]);
    const text = reply.text ?? '';
    expect(text).toMatch(/^Added 3 sources for this chat:\n• Kabul Daily \(c-[0-9a-f]{10}, fa-AF\)/);
    const privately = 'a private or local address';
    expect(text).toContain(
      [
        'Refused 3:',
        '• gopher://news.example.test/feed: only http and https addresses can be added',
        `• http://intranet.example.test:${server.port}/secret.xml: it points to ${privately} (10.0.0.5). I only read public web addresses`,
        `• http://169.254.169.254/latest/: it points to ${privately} (169.254.169.254). I only read public web addresses`,
      ].join('\n'),
    );
  });

  it('adds from an attached file, as base64 or as bytes, skipping what the chat already has', async () => {
    const file = Buffer.from(subscriptions(server.port)).toString('base64');
    const first = await ask('/source', chatA, { action: 'import', file });
    expect(first.text).toMatch(/^Added 3 sources/);
    const again = await ask('/source', chatA, {
      action: 'import',
      file: new Uint8Array(Buffer.from(file, 'base64')),
    });
    expect(again.text).toMatch(/^Added no sources\./);
    expect(again.text).toMatch(
      /Skipped 3:\n• http:\/\/news\.example\.test:\d+\/kabul\.xml: already added here as Kabul Daily \(c-[0-9a-f]{10}\)\n/,
    );
    expect(briefer.chatSources.list(chatA.chat)).toHaveLength(3);
    // the outlines were checked, never fetched
    expect(server.requests).toHaveLength(0);
  });

  it('stops at the chat’s limit and says how many were left out', async () => {
    await briefer.close();
    briefer = await openTestBriefer(server, { maxPerChat: 2 });
    ask = asker(briefer);
    const reply = await ask('/source', chatA, {
      action: 'import',
      file: Buffer.from(subscriptions(server.port)),
    });
    expect(briefer.chatSources.list(chatA.chat)).toHaveLength(2);
    expect(reply.text).toMatch(/Skipped 1:\n• 1 more: a chat can have at most 2 sources of its own/);
  });

  it('explains a file that is not OPML, an empty list, and bad base64', async () => {
    const exported = 'Send the .opml file your feed reader exported.';
    expect((await ask(`/source import ${base}/not-opml.xml`)).text).toBe(
      `I cannot read ${base}/not-opml.xml as OPML: it is XML with a <rss> root, not <opml>. ${exported}`,
    );
    const file = (bytes: string, fileName?: string) => ({
      action: 'import',
      file: Buffer.from(bytes, 'latin1'),
      ...(fileName === undefined ? {} : { fileName }),
    });
    expect((await ask('/source', chatA, file('hello'))).text).toBe(
      `I cannot read the attached file as OPML: it is not XML. ${exported}`,
    );
    // a binary file is named, never quoted: none of its bytes reach the reader
    const binary = (await ask('/source', chatA, file('\x89PNG\r\n\x1a\n\x00\x00IHDR', 'cat.png'))).text ?? '';
    expect(binary).toBe(`I cannot read the attached file “cat.png” as OPML: it is not XML. ${exported}`);
    expect((await ask('/source', chatA, file('', 'empty.opml'))).text).toBe(
      'I cannot read the attached file “empty.opml” as OPML: it is empty.',
    );
    expect((await ask('/source', chatA, file('<?xml version="1.0"?><opml version="2.0"><body>'))).text).toBe(
      'I cannot read the attached file as OPML: it breaks off before its end. Export it again.',
    );
    // a file name is one short line, whatever the platform passed
    expect((await ask('/source', chatA, file('hello', `a\nb\u202e${'x'.repeat(5000)}`))).text).toMatch(
      /^I cannot read the attached file “a b x{75}…” as OPML/,
    );
    expect((await ask('/source', chatA, file(opml('<outline text="x"/>'), 'bookmarks.opml'))).text).toBe(
      'I found no feeds in the attached file “bookmarks.opml”: none of its outlines has an xmlUrl.',
    );
    expect((await ask('/source', chatA, { action: 'import', file: '%%%' })).text).toMatch(
      /^The attached file is not base64/,
    );
    expect((await ask('/source import')).text).toMatch(/Attach an OPML file/);
  });
});

describe('/source export', () => {
  it('sends the chat’s sources as an OPML file that imports back whole in another chat', async () => {
    await ask(`/source add ${base}/feed.xml`);
    await ask('/source', chatA, { action: 'import', file: Buffer.from(subscriptions(server.port)) });
    const reply = await ask('/source export');
    expect(reply.text).toBe("This chat's 4 sources as an OPML file, for /source import or any feed reader.");
    expect(reply.file).toMatchObject({ name: 'briefer-sources.opml', mimeType: 'text/x-opml' });
    const content = reply.file!.content;
    expect(readOpml(Buffer.from(content), 'export').outlines).toHaveLength(4);

    const imported = await ask('/source', chatB, {
      action: 'import',
      file: Buffer.from(content).toString('base64'),
    });
    expect(imported.text).toMatch(/^Added 4 sources/);
    const strip = (list: readonly object[]) =>
      list.map((source) => {
        const { addedBy: _by, addedAt: _at, ...rest } = source as Record<string, unknown>;
        return rest;
      });
    expect(strip(briefer.chatSources.list(chatB.chat))).toEqual(strip(briefer.chatSources.list(chatA.chat)));
  });

  it('shows the document in the terminal, and says when there is nothing to export', async () => {
    await ask(`/source add ${base}/feed.xml`);
    const shown = renderText(await ask('/source export'));
    expect(shown).toMatch(/── briefer-sources\.opml \(text\/x-opml\) ──\n<\?xml version="1\.0"/);
    expect(shown).toContain(`xmlUrl="${base}/feed.xml"`);
    expect(shown).toMatch(/── end of briefer-sources\.opml ──$/);
    expect((await ask('/source export', chatB)).text).toMatch(/no sources of its own to export/);
  });
});
