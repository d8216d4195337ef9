// OPML files on Telegram, end to end with the real grammY bot against the fake Bot API: /source export
// answers with a document, and /source import reads one attached to the command or replied to.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../adapters/telegram/attached-document.js';
import { createButtonStore } from '../../adapters/telegram/button-store.js';
import { deliverReply } from '../../adapters/telegram/deliver-reply.js';
import type { ButtonAction } from '../../adapters/telegram/reply-buttons.js';
import { readOpml } from '../../src/sources/opml.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  onlyLoopbackConnections,
  openTestBriefer,
  rss,
  send,
  startNewsServer,
} from '../sources/chat-source-harness.js';
import { privateChat, reader, supergroup, type SentMessage } from '../fakes/telegram-bot-api.js';
import { startHarness, type Harness } from './telegram-harness.js';

let server: LocalServer;
let base: string;
let harness: Harness | undefined;

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/herat.xml': send(rss('Herat Daily', 'fa')),
    '/kabul.xml': send(rss('Kabul Times', 'en')),
  });
  base = `http://feeds.example.test:${server.port}`;
});
afterAll(() => server.close());
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const opml = (urls: string[]) =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>${urls
    .map((url, i) => `<outline text="Feed ${i}" type="rss" xmlUrl="${url}"/>`)
    .join('')}</body></opml>`;

async function open(options: { allow?: boolean } = {}) {
  harness = await startHarness({ services: await openTestBriefer(server, options) });
  return harness;
}

const urlsOf = (h: Harness, chatId: number) =>
  h.services.chatSources.list(`telegram:${chatId}`).map((source) => source.url);
const download = (h: Harness) =>
  h.fake.calls.filter((call) => call.method === 'getFile').length + h.fake.downloads.length;

describe('/source export on Telegram', () => {
  it("sends the chat's sources as an OPML document, uploaded as a file, with the answer as its caption", async () => {
    const h = await open();
    const user = reader();
    const by = { user: `telegram:${user.id}`, fallbackLanguage: 'en' };
    await h.services.chatSources.add(`telegram:${user.id}`, `${base}/herat.xml`, by);
    await h.services.chatSources.add(`telegram:${user.id}`, `${base}/kabul.xml`, by);
    h.fake.sendText(privateChat(user), user, '/source export');
    const [message] = await h.fake.waitForMessages(user.id, 1);
    expect(message!.document?.file_name).toBe('briefer-sources.opml');
    expect(message!.text).toMatch(/^This chat's 2 sources as an OPML file/);
    expect(message!.parse_mode).toBe('HTML');
    const upload = h.fake.calls.find((call) => call.method === 'sendDocument')!.params.document;
    expect(upload).toMatchObject({ filename: 'briefer-sources.opml' });
    const reading = readOpml(message!.document!.bytes, 'the export');
    expect(reading.outlines.map((o) => [o.url, o.name])).toEqual([
      [`${base}/herat.xml`, 'Herat Daily'],
      [`${base}/kabul.xml`, 'Kabul Times'],
    ]);
    expect(h.fake.messagesIn(user.id)).toHaveLength(1);
  });

  it('says so, without a document, when the chat has no sources of its own', async () => {
    const h = await open();
    const user = reader();
    h.fake.sendText(privateChat(user), user, '/source export');
    const [message] = await h.fake.waitForMessages(user.id, 1);
    expect(message!.text).toMatch(/no sources of its own to export/);
    expect(message!.document).toBeUndefined();
  });

  it('sends an answer too long for a caption first, then the document, paced like any message', async () => {
    const h = await open();
    const user = reader();
    h.fake.addChat(privateChat(user));
    const long = `${'A line of the answer. '.repeat(60)}\n\n${'Another paragraph. '.repeat(20)}`;
    const file = { name: 'list.opml', mimeType: 'text/x-opml', content: opml([`${base}/herat.xml`]) };
    const buttons = createButtonStore<ButtonAction>();
    const receipts = await deliverReply(
      h.telegram.sender,
      { chatId: user.id },
      { text: long, file },
      buttons,
    );
    expect(receipts.every((receipt) => receipt.ok)).toBe(true);
    const [text, document] = h.fake.messagesIn(user.id);
    expect(text!.document).toBeUndefined();
    expect(text!.text).toContain('Another paragraph.');
    expect(document!.document?.bytes.toString('utf8')).toBe(file.content);
    expect(document!.text).toBe('');
    // the fake's window is one message a chat every 100 ms: the pacer waited, Telegram never refused
    expect(document!.at - text!.at).toBeGreaterThanOrEqual(90);
    expect(h.fake.stats.tooManyRequests).toBe(0);
  });
});

describe('/source import on Telegram', () => {
  it('adds the feeds of an OPML file sent with /source import as its caption', async () => {
    const h = await open();
    const user = reader();
    h.fake.sendDocument(privateChat(user), user, {
      name: 'feeds.opml',
      bytes: opml([`${base}/herat.xml`, `${base}/kabul.xml`]),
      caption: '/source import',
    });
    const [message] = await h.fake.waitForMessages(user.id, 1);
    expect(message!.text).toMatch(/^Added 2 sources for this chat:/);
    expect(urlsOf(h, user.id)).toEqual([`${base}/herat.xml`, `${base}/kabul.xml`]);
    expect(h.fake.downloads).toHaveLength(1);
  });

  it('reads the file of the message that /source import replies to, and an export imports back whole', async () => {
    const h = await open();
    const owner = reader();
    const by = { user: `telegram:${owner.id}`, fallbackLanguage: 'en' };
    await h.services.chatSources.add(`telegram:${owner.id}`, `${base}/herat.xml`, by);
    h.fake.sendText(privateChat(owner), owner, '/source export');
    const [exported] = await h.fake.waitForMessages(owner.id, 1);

    const other = reader();
    const file = h.fake.sendDocument(privateChat(other), other, {
      name: exported!.document!.file_name,
      bytes: exported!.document!.bytes,
    });
    h.fake.sendText(privateChat(other), other, '/source import', { replyTo: file });
    const [message] = await h.fake.waitForMessages(other.id, 1);
    expect(message!.text).toMatch(/^Added 1 source for this chat:\n• Herat Daily/);
    expect(urlsOf(h, other.id)).toEqual([`${base}/herat.xml`]);
  });

  it('refuses a file over 1 MB with a clear message, without downloading it', async () => {
    const h = await open();
    const user = reader();
    const padding = `<!-- ${'x'.repeat(MAX_IMPORT_BYTES)} -->`;
    h.fake.sendDocument(privateChat(user), user, {
      name: 'huge.opml',
      bytes: opml([`${base}/herat.xml`]).replace('<body>', `<body>${padding}`),
      caption: '/source import',
    });
    const [message] = await h.fake.waitForMessages(user.id, 1);
    expect(message!.text).toBe(
      'An OPML file to import can be at most 1 MB (1,024 KB), and the attached file “huge.opml” is 1,025 KB. Export fewer feeds, or put the file on the web and send /source import <url>.',
    );
    expect(download(h)).toBe(0);
    expect(urlsOf(h, user.id)).toEqual([]);
  });

  it('says what is wrong with a document that is not OPML', async () => {
    const h = await open();
    const user = reader();
    h.fake.sendDocument(privateChat(user), user, {
      name: 'feed.xml',
      bytes: rss('Just a feed', 'en'),
      caption: '/source import',
    });
    h.fake.sendDocument(privateChat(user), user, {
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
      caption: '/source import',
    });
    const [xml, jpeg] = await h.fake.waitForMessages(user.id, 2);
    expect(xml!.text).toBe(
      'I cannot read the attached file “feed.xml” as OPML: it is XML with a <rss> root, not <opml>. Send the .opml file your feed reader exported.',
    );
    expect(jpeg!.text).toBe(
      'This is not an OPML file: Telegram says the attached file “photo.jpg” is image/jpeg. Send the .opml or .xml file your feed reader exported.',
    );
    // the feed was downloaded and read; the photo was refused by its type alone
    expect(h.fake.downloads).toHaveLength(1);
    expect(urlsOf(h, user.id)).toEqual([]);
  });

  it('in a group, refuses a member who is not an administrator without fetching the file, and takes it from one', async () => {
    const h = await open();
    const group = supergroup(-100_777);
    const member = reader();
    const admin = reader();
    h.fake.setMember(group.id, admin.id, 'administrator');
    const file = { name: 'feeds.opml', bytes: opml([`${base}/kabul.xml`]), caption: '/source import' };
    h.fake.sendDocument(group, member, file);
    const [refused] = await h.fake.waitForMessages(group.id, 1);
    expect(refused!.text).toMatch(/^Only this chat's administrators can change its sources/);
    expect(download(h)).toBe(0);

    h.fake.sendDocument(group, admin, file);
    const [, added] = await h.fake.waitForMessages(group.id, 2);
    expect(added!.text).toMatch(/^Added 1 source for this chat:/);
    expect(urlsOf(h, group.id)).toEqual([`${base}/kabul.xml`]);
  });

  it('says chat sources are switched off when the operator set ALLOW_CHAT_SOURCES=false, fetching no file', async () => {
    const h = await open({ allow: false });
    const user = reader();
    h.fake.sendDocument(privateChat(user), user, {
      name: 'feeds.opml',
      bytes: opml([`${base}/kabul.xml`]),
      caption: '/source import',
    });
    const file = h.fake.sendDocument(privateChat(user), user, {
      name: 'other.opml',
      bytes: opml([`${base}/herat.xml`]),
    });
    h.fake.sendText(privateChat(user), user, '/source import', { replyTo: file });
    const messages = await h.fake.waitForMessages(user.id, 2);
    expect(messages.map((message) => message.text)).toEqual([
      'Adding sources in chats is switched off on this bot by its operator.',
      'Adding sources in chats is switched off on this bot by its operator.',
    ]);
    // neither document was asked for (getFile) nor downloaded
    expect(h.fake.calls.filter((call) => call.method === 'getFile')).toEqual([]);
    expect(h.fake.downloads).toEqual([]);
    expect(urlsOf(h, user.id)).toEqual([]);
  });

  it('fetches no file for a document without a caption, or with another command', async () => {
    const h = await open();
    const user = reader();
    const chat = privateChat(user);
    h.fake.sendDocument(chat, user, { name: 'feeds.opml', bytes: opml([`${base}/kabul.xml`]) });
    h.fake.sendDocument(chat, user, {
      name: 'feeds.opml',
      bytes: opml([`${base}/kabul.xml`]),
      caption: '/source list',
    });
    // updates are handled in order: once the second is answered, the first was passed over
    const messages: SentMessage[] = await h.fake.waitForMessages(user.id, 1);
    expect(messages.map((m) => m.text)).toEqual([
      expect.stringMatching(/^This chat has no sources of its own/),
    ]);
    expect(download(h)).toBe(0);
  });
});
