// no English of the bot's own in what /source says to a Dari or Pashto reader: its refusals, the
// fetcher's failures, an import's report, an OPML file that is not one, and the mistakes about files
// attached on Telegram and Discord. Every Latin word left must be an address, an id, what the reader
// typed or sent (a file's name and type), or one the catalogue keeps on purpose (OPML, HTTP, Discord).
import type { Api } from 'grammy';
import type { Document } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentReader } from '../../adapters/discord/attachments.js';
import { attachedFiles } from '../../adapters/discord/handle-interaction.js';
import type { RawInteraction } from '../../adapters/discord/raw-interaction.js';
import { createDocumentDownload } from '../../adapters/telegram/attached-document.js';
import type { Reply } from '../../commands/index.js';
import { silentLogger, t, UserError, type Briefer, type Locale } from '../../src/index.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  asker,
  onlyLoopbackConnections,
  openTestBriefer,
  redirect,
  rss,
  send,
  startNewsServer,
} from '../sources/chat-source-harness.js';
import { englishLeaks, untypedLatin } from './english-leaks.js';

const status =
  (code: number): Parameters<typeof startNewsServer>[0][string] =>
  (_request, response) => {
    response.statusCode = code;
    response.end();
  };

const opml = (outlines: string) =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>${outlines}</body></opml>`;

let server: LocalServer;
let base: string;
const briefers: Briefer[] = [];

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/feed.xml': send(rss('Herat Daily', 'fa')),
    '/second.xml': send(rss('Herat Daily', 'fa')),
    '/third.xml': send(rss('Herat Daily', 'fa')),
    '/missing': status(404),
    '/busy': status(503),
    '/data.bin': send('\u0000\u0001\u0002 binary', 'application/octet-stream'),
    '/about': send(
      '<!doctype html><html><head><title>x</title></head><body><p>Hi.</p></body></html>',
      'text/html',
    ),
    // a page whose announced feeds are on a private address, missing, and not a feed
    '/site': (_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        '<!doctype html><html><head><title>x</title>' +
          `<link rel="alternate" type="application/rss+xml" href="http://sneaky.example.test:${server.port}/feed.xml">` +
          '<link rel="alternate" type="application/rss+xml" href="/missing">' +
          '<link rel="alternate" type="application/rss+xml" href="/about">' +
          '</head><body></body></html>',
      );
    },
    '/loop': redirect(() => `${base}/loop`),
    '/to-loopback': redirect(() => `http://127.0.0.1:${server.port}/feed.xml`),
    '/big': send('x'.repeat(5 * 1024 * 1024 + 1), 'application/rss+xml'),
    '/list.opml': (request, response, local) =>
      send(
        opml(
          `<outline text="a" xmlUrl="${base}/feed.xml"/><outline text="b" xmlUrl="${base}/second.xml"/>` +
            `<outline text="b" xmlUrl="${base}/third.xml"/>` +
            `<outline text="c" xmlUrl="http://intranet.example.test:${local.port}/x.xml"/>` +
            '<outline text="d" xmlUrl="gopher://news.example.test/feed"/>' +
            `<outline text="e" xmlUrl="${base}/operator.xml"/>`,
        ),
        'text/x-opml',
      )(request, response, local),
    '/not-opml.xml': send(rss('A feed', 'en'), 'application/rss+xml'),
    // files as a platform's file server serves them
    '/gone.opml': status(404),
    '/slow.opml': () => undefined,
    '/endless.opml': (_request, response) => {
      response.write('x'.repeat(2048));
      response.end('x'.repeat(2048));
    },
  });
  base = `http://news.example.test:${server.port}`;
});
afterAll(async () => {
  for (const briefer of briefers) await briefer.close();
  await server.close();
});

async function open(options: Parameters<typeof openTestBriefer>[1] = {}) {
  const briefer = await openTestBriefer(server, options);
  briefers.push(briefer);
  return briefer;
}

// what the reader typed or sent, said back as it is
const TYPED = [
  'not a url',
  'ftp://news.example.test/feed',
  'c-0000000000',
  'frobnicate',
  'gopher://news.example.test/feed',
];
const FILES = [
  ...['cat.png', 'feeds.opml', 'huge.opml', 'photo.jpg', 'image/jpeg', 'empty.opml', 'cut.opml'],
  ...['gone.opml', 'slow.opml', 'endless.opml'],
  // the root element of a document sent as OPML
  'rss',
];
// a source's language, as /language news takes it
const LANGUAGES = ['en', 'fa', 'ps'];
// an outlet's name, like news text
const NAMES = ['Herat Daily', 'Kabul Desk'];

describe.each(['fa-AF', 'ps'] as const)('what /source says in %s', (locale: Locale) => {
  const leaks = englishLeaks(locale);
  let untyped: ReturnType<typeof untypedLatin>;
  const clean = (reply: Reply, what: string, ids: readonly string[] = []) => {
    expect(reply.text, what).toBeTruthy();
    expect(leaks(reply, [...TYPED, ...FILES, ...NAMES]), what).toEqual([]);
    untyped = untypedLatin(locale, ['kabul-desk', ...LANGUAGES, ...ids]);
    expect(untyped(reply, [...TYPED, ...FILES, ...NAMES]), what).toEqual([]);
  };
  const context = (chat: string) => ({
    chat: `telegram:-${locale === 'ps' ? 2 : 1}${chat}`,
    user: 'telegram:9',
    timeZone: 'Asia/Kabul',
    locale,
  });

  it('refusing a url, failing to read one, and what it found there', async () => {
    const ask = asker(await open());
    const here = context('01');
    const lines = [
      '/source add',
      '/source add not a url',
      '/source add ftp://news.example.test/feed',
      `/source add http://user:secret@news.example.test:${server.port}/feed.xml`,
      '/source add http://127.0.0.1/feed',
      `/source add ${base}/to-loopback`,
      `/source add ${base}/missing`,
      `/source add ${base}/busy`,
      `/source add ${base}/data.bin`,
      `/source add ${base}/about`,
      `/source add ${base}/site`,
      `/source add ${base}/loop`,
      `/source add ${base}/big`,
      '/source add http://nowhere.example.test/feed',
      `/source add ${base}/operator.xml`,
      `/source add ${base}/feed.xml`,
      `/source add ${base}/feed.xml`,
      '/source remove',
      '/source remove c-0000000000',
      '/source frobnicate',
    ];
    const replies: string[] = [];
    for (const line of lines) {
      const reply = await ask(line, here);
      const ids = (reply.text ?? '').match(/c-[0-9a-f]{10}/g) ?? [];
      clean(reply, line, ids);
      replies.push(reply.text ?? '');
    }
    // each line got its own answer: the check saw real refusals, not one message over and over
    expect(new Set(replies).size).toBe(lines.length);
    expect(replies[6]).toContain(t(locale, 'reason.http', { status: 404 }));
    const fresh = context('02');
    clean(await ask('/source remove c-0000000000', fresh), 'remove, none here');
    clean(await ask('/source export', fresh), 'export, none here');
  });

  it('importing OPML: the report, and a file or address that is not OPML', async () => {
    const briefer = await open({ maxPerChat: 2 });
    const ask = asker(briefer);
    const here = context('03');
    await ask(`/source add ${base}/feed.xml`, here);
    const report = await ask(`/source import ${base}/list.opml`, here);
    const ids = briefer.chatSources.list(here.chat).map((source) => source.id);
    clean(report, 'import report', ids);
    // refused (private, not http), skipped (already here, the operator's, over the limit)
    expect((report.text ?? '').split('\n').filter((line) => line.startsWith('• '))).toHaveLength(6);
    clean(await ask(`/source import ${base}/not-opml.xml`, here), 'not OPML');
    clean(await ask('/source import', here), 'no file');
    for (const [name, bytes] of [
      ['cat.png', '\u0089PNG\r\n\u001a\n\u0000'],
      ['empty.opml', ''],
      ['cut.opml', '<?xml version="1.0"?><opml version="2.0"><body>'],
      ['feeds.opml', opml('<outline text="x"/>')],
    ] as const) {
      const file = { action: 'import', file: Buffer.from(bytes, 'latin1'), fileName: name };
      clean(await ask('/source', here, file), name);
    }
    clean(await ask('/source', here, { action: 'import', file: '%%%' }), 'bad base64');
    clean(await ask(`/source add ${base}/second.xml`, here), 'full');
  });

  it('switched off by the operator', async () => {
    const ask = asker(await open({ allow: false }));
    for (const line of ['/source add x', '/source import', '/source list'])
      clean(await ask(line, context('04')), line);
  });

  it('files attached on Telegram and Discord that cannot be read', async () => {
    const said = async (work: () => Promise<unknown>) => {
      const error = await work().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserError);
      // as the adapters answer it: a message without a key is shown as it is
      const { key, values, message } = error as UserError;
      return { text: key ? t(locale, key, values) : message, locale };
    };
    const telegram = (getFile: () => Promise<unknown>) =>
      createDocumentDownload({
        api: { getFile } as unknown as Api,
        apiRoot: server.base,
        token: 'token',
        logger: silentLogger,
        maxBytes: 1024,
      });
    const document = (extra: Partial<Document>): Document => ({
      file_id: 'f',
      file_unique_id: 'u',
      ...extra,
    });
    const failing = telegram(() => Promise.reject(new Error('down')));
    clean(await said(() => failing(document({ file_name: 'photo.jpg', mime_type: 'image/jpeg' }))), 'type');
    clean(await said(() => failing(document({ file_name: 'huge.opml', file_size: 4096 }))), 'size');
    clean(await said(() => failing(document({ file_name: 'feeds.opml' }))), 'getFile');
    const endless = telegram(() =>
      Promise.resolve({ file_id: 'f', file_unique_id: 'u', file_path: 'x.opml' }),
    );
    clean(await said(() => endless(document({}))), 'download');

    const read = createAttachmentReader({ origins: [server.base], maxBytes: 1024, timeoutMs: 300 });
    const attachment = (name: string, extra: object = {}) =>
      ({
        id: '1',
        filename: name,
        size: 10,
        url: `${server.base}/${name}`,
        proxy_url: '',
        ...extra,
      }) as never;
    clean(await said(() => read(attachment('huge.opml', { size: 4096 }))), 'declared size');
    clean(await said(() => read(attachment('feeds.opml', { url: 'https://elsewhere.example/f' }))), 'origin');
    clean(await said(() => read(attachment('gone.opml'))), 'gone');
    clean(await said(() => read(attachment('slow.opml'))), 'slow');
    clean(await said(() => read(attachment('endless.opml'))), 'endless');
    const undescribed: RawInteraction = {
      id: '1',
      token: 't',
      application_id: 'a',
      type: 2,
      data: { id: '2', name: 'source', type: 1, options: [{ name: 'file', type: 11, value: '3' }] },
    } as RawInteraction;
    clean(await said(() => attachedFiles(undescribed, read)), 'not through');
  });
});
