// OPML files on Discord, end to end: the real discord.js client against the fake Discord, which
// serves the files readers attach (as Discord's CDN does) and reads the bot's multipart uploads.
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRateLimit } from '../../commands/index.js';
import type { Briefer } from '../../src/index.js';
import { readOpml } from '../../src/sources/opml.js';
import type { LocalServer } from '../fetch/local-server.js';
import { startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import type { FakeMessage } from '../fakes/discord-server.js';
import { onlyLoopbackConnections, openTestBriefer, startNewsServer } from '../sources/chat-source-harness.js';

const EPHEMERAL = 64;
/** Manage Channels: who may change a server channel's sources */
const MODERATOR = {
  permissions: String(PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ViewChannel),
};

let news: LocalServer;
let briefer: Briefer;
let on: BotOnFake;

const opml = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>My feeds</title></head><body>` +
  urls.map((url, i) => `<outline type="rss" text="Feed ${i + 1}" xmlUrl="${url}"/>`).join('') +
  '</body></opml>';

beforeAll(async () => {
  // every socket goes to 127.0.0.1: the fake, the news server, nothing else
  onlyLoopbackConnections();
  news = await startNewsServer({});
  briefer = await openTestBriefer(news);
  on = await startBotOnFake(briefer, {
    bot: { rateLimit: createCommandRateLimit({ clock: briefer.clock, limit: 10_000 }) },
  });
});
afterAll(async () => {
  await on.close();
  await briefer.close();
  await news.close();
});
afterEach(() => {
  // every message and upload the bot sent passed the fake's checks
  expect(on.fake.problems).toEqual([]);
});

const chatOf = (channelId: string) => `discord:${channelId}`;
const downloads = () => on.fake.requests.filter((r) => r.path.startsWith('/attachments/'));
const privately = (message: FakeMessage | undefined) => (message?.flags ?? 0) & EPHEMERAL;

describe('Discord: /source import with an attached OPML file', () => {
  it('adds the feeds the file lists, refusing a private address, and fetches only the attachment', async () => {
    const base = `http://news.example.test:${news.port}`;
    const file = on.fake.attach({
      name: 'feeds.opml',
      contentType: 'text/x-opml',
      data: opml([
        `${base}/feed.xml`,
        `http://feeds.example.test:${news.port}/second.xml`,
        'http://127.0.0.1/x',
      ]),
    });
    const before = downloads().length;
    const { messages } = await on.answer(on.fake.command('source', { action: 'import', file }, MODERATOR));
    expect(messages).toHaveLength(1);
    expect(privately(messages[0])).toBe(0);
    expect(messages[0]!.content).toMatch(/^Added 2 sources for this chat:/);
    expect(messages[0]!.content).toMatch(/Refused 1:/);
    expect(briefer.chatSources.list(chatOf(on.fake.channelId)).map((s) => s.url)).toEqual([
      `${base}/feed.xml`,
      `http://feeds.example.test:${news.port}/second.xml`,
    ]);
    expect(
      downloads()
        .slice(before)
        .map((r) => [r.path, r.status]),
    ).toEqual([[new URL(file.url).pathname, 200]]);
    // importing is not fetching: no feed was read yet
    expect(news.requests).toEqual([]);
  });

  it('exports the channel’s sources as an attached OPML file that imports back whole elsewhere', async () => {
    const interaction = on.fake.command('source', { action: 'export' });
    const { messages } = await on.answer(interaction);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.content).toMatch(/^This chat's 2 sources as an OPML file/);
    const [attachment] = messages[0]!.attachments;
    expect(attachment).toMatchObject({ filename: 'briefer-sources.opml', content_type: 'text/x-opml' });
    // sent as multipart: the body in payload_json, the file as files[0]
    const callback = on.fake.requests.find((r) => r.path.endsWith(`/${interaction.token}/callback`));
    expect(callback?.files.map((f) => f.field)).toEqual(['files[0]']);
    const bytes = on.fake.fileOf(attachment!)!;
    const listed = readOpml(bytes, 'the export').outlines.map((outline) => outline.url);
    expect(listed).toEqual(briefer.chatSources.list(chatOf(on.fake.channelId)).map((s) => s.url));

    // the exported file, attached in a DM, adds the same sources there
    const again = on.fake.attach({ name: 'briefer-sources.opml', contentType: 'text/x-opml', data: bytes });
    const dm = on.fake.command('source', { action: 'import', file: again }, { dm: true });
    const imported = await on.answer(dm);
    expect(imported.messages[0]!.content).toMatch(/^Added 2 sources for this chat:/);
    const dmChat = chatOf(on.fake.conversation(dm).channelId);
    expect(briefer.chatSources.list(dmChat).map((s) => s.url)).toEqual(listed);
  });

  it('sends the file with the edited answer when the answer was deferred', async () => {
    const deferred = await startBotOnFake(briefer, {
      bot: { deferAfterMs: 0, rateLimit: createCommandRateLimit({ clock: briefer.clock, limit: 100 }) },
      fake: {},
    });
    try {
      const file = deferred.fake.attach({
        name: 'one.opml',
        contentType: 'text/x-opml',
        data: opml([`http://other.example.test:${news.port}/third.xml`]),
      });
      await deferred.answer(deferred.fake.command('source', { action: 'import', file }, MODERATOR));
      const interaction = deferred.fake.command('source', { action: 'export' }, MODERATOR);
      const { conversation, messages } = await deferred.answer(interaction);
      expect(conversation.callbacks.map((c) => c.type)).toEqual([5]);
      const edit = deferred.fake.requests.find(
        (r) => r.method === 'PATCH' && r.path.includes(interaction.token),
      );
      expect(edit?.files.map((f) => f.field)).toEqual(['files[0]']);
      const [attachment] = messages[0]!.attachments;
      expect(deferred.fake.fileOf(attachment!)?.toString('utf8')).toContain('third.xml');
      expect(deferred.fake.problems).toEqual([]);
    } finally {
      await deferred.close();
    }
  });
});

describe('Discord: attachments that cannot be imported, answered only to the one who sent them', () => {
  const refusal = async (options: Parameters<typeof on.fake.command>[1]) => {
    const { messages } = await on.answer(on.fake.command('source', options, MODERATOR));
    expect(messages).toHaveLength(1);
    expect(privately(messages[0])).toBe(EPHEMERAL);
    return messages[0]!.content;
  };

  it('a file that is not OPML', async () => {
    const picture = on.fake.attach({
      name: 'cat.png',
      contentType: 'image/png',
      data: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    // named, and never a byte of what it holds
    expect(await refusal({ action: 'import', file: picture })).toBe(
      'I cannot read the attached file “cat.png” as OPML: it is not XML. Send the .opml file your feed reader exported.',
    );
    const rss = on.fake.attach({ name: 'feed.xml', data: '<rss version="2.0"><channel></channel></rss>' });
    // the renderer escapes Discord markdown: "\\<rss\\>" shows as "<rss>"
    expect((await refusal({ action: 'import', file: rss })).replace(/\\/g, '')).toBe(
      'I cannot read the attached file “feed.xml” as OPML: it is XML with a <rss> root, not <opml>. Send the .opml file your feed reader exported.',
    );
  });

  it('a file over the size limit: refused by its declared size before any download, or cut off while reading', async () => {
    const before = downloads().length;
    const declared = on.fake.attach({ name: 'huge.opml', data: opml([]) }, { size: 6 * 1024 * 1024 });
    const advice = 'Export fewer feeds, or put the file on the web and send /source import \\<url\\>.';
    expect(await refusal({ action: 'import', file: declared })).toBe(
      `An OPML file to import can be at most 5 MB (5,120 KB), and the attached file “huge.opml” is 6,144 KB. ${advice}`,
    );
    expect(downloads().length).toBe(before);
    // a size that lies, and a server that does not say: the cap holds while reading
    const padding = `<!-- ${'x'.repeat(6 * 1024 * 1024)} -->`;
    const lying = on.fake.attach(
      { name: 'lying.opml', data: opml([]) + padding, streamed: true },
      { size: 2_000 },
    );
    expect(await refusal({ action: 'import', file: lying })).toBe(
      `An OPML file to import can be at most 5 MB (5,120 KB), and the attached file “lying.opml” is larger. ${advice}`,
    );
    const told = on.fake.attach({ name: 'told.opml', data: opml([]) + padding }, { size: 2_000 });
    expect(await refusal({ action: 'import', file: told })).toMatch(
      /the attached file “told\.opml” is 6,145 KB\./,
    );
  });

  it('an attachment whose address is not Discord’s file server is never fetched', async () => {
    const elsewhere = on.fake.attach(
      { name: 'feeds.opml', data: opml([]) },
      { url: `${news.base}/feeds.opml` },
    );
    expect(await refusal({ action: 'import', file: elsewhere })).toBe(
      "I did not fetch the attached file “feeds.opml”: it is not on Discord's file server. Attach it again.",
    );
    expect(news.requests).toEqual([]);
  });

  it('an attachment Discord did not describe, or one gone from its server', async () => {
    const missing = on.fake.interaction(
      2,
      {
        id: '1222222222222222224',
        name: 'source',
        type: 1,
        options: [
          { name: 'action', type: 3, value: 'import' },
          { name: 'file', type: 11, value: '1333333333333333333' },
        ],
      },
      MODERATOR,
    );
    const { messages } = await on.answer(missing);
    expect(messages[0]!.content).toBe('The attached file did not come through. Attach it again.');
    const gone = on.fake.attach(
      { name: 'gone.opml', data: opml([]) },
      { url: `${on.fake.cdnOrigin}/attachments/0/1/gone.opml` },
    );
    expect(await refusal({ action: 'import', file: gone })).toBe(
      'I could not download the attached file “gone.opml” from Discord: the server answered HTTP 404. Try again.',
    );
  });

  it('a plain member of a server may not import', async () => {
    const file = on.fake.attach({
      name: 'feeds.opml',
      data: opml([`http://news.example.test:${news.port}/x.xml`]),
    });
    const before = downloads().length;
    const { messages } = await on.answer(on.fake.command('source', { action: 'import', file }));
    expect(privately(messages[0])).toBe(EPHEMERAL);
    expect(messages[0]!.content).toMatch(/^Only this chat's administrators can change its sources/);
    // the file the command refuses is never fetched
    expect(downloads().length).toBe(before);
  });

  it('a bot whose operator switched chat sources off says so, and fetches no file', async () => {
    const off = await openTestBriefer(news, { allow: false });
    const bot = await startBotOnFake(off, {
      bot: { rateLimit: createCommandRateLimit({ clock: off.clock, limit: 100 }) },
    });
    try {
      const file = bot.fake.attach({ name: 'feeds.opml', data: opml([`${news.base}/x.xml`]) });
      const { messages } = await bot.answer(
        bot.fake.command('source', { action: 'import', file }, MODERATOR),
      );
      expect(messages[0]!.content).toBe(
        'Adding sources in chats is switched off on this bot by its operator.',
      );
      expect(bot.fake.requests.filter((r) => r.path.startsWith('/attachments/'))).toEqual([]);
      expect(off.chatSources.list(chatOf(bot.fake.channelId))).toEqual([]);
    } finally {
      await bot.close();
      await off.close();
    }
  });
});

describe('Discord sender: a reply with a file', () => {
  it('posts the file to the channel as an attachment of the message', async () => {
    const result = await on.bot.sender.send(chatOf(on.fake.channelId), {
      text: 'Your sources',
      file: { name: 'sources.opml', mimeType: 'text/x-opml', content: opml([]) },
    });
    expect(result.ok).toBe(true);
    const id = result.ok ? result.messageIds[0]! : '';
    const [attachment] = on.fake.message(id)!.attachments;
    expect(attachment?.filename).toBe('sources.opml');
    expect(on.fake.fileOf(attachment!)?.toString('utf8')).toBe(opml([]));
  });
});
