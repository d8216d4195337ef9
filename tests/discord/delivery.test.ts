import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRateLimit, SLOW_DOWN_NOTICE } from '../../commands/index.js';
import { createFixedClock, loadSources, openBriefer, type Briefer } from '../../src/index.js';
import type { DiscordOptions } from '../../adapters/discord/create-discord-bot.js';
import { startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import type { FakeMessage } from '../fakes/discord-server.js';
import { NOW } from '../support/seed-briefer.js';

const EPHEMERAL = 64;
const HEADLINE = '@everyone Kabul: <@123456789012345678> and <@&223456789012345678> say @here matters';

let dir: string;
let services: Briefer;
const open: BotOnFake[] = [];

/** a feed of 30 items, the newest with mentions in its headline, summary and outlet name */
function writeFeed(folder: string): string {
  const items = Array.from({ length: 30 }, (_, i) => {
    const title = i === 0 ? HEADLINE : `Story ${i} from Kabul`;
    const date = new Date(NOW - (i + 1) * 3_600_000).toUTCString();
    return `<item><title>${title.replace(/</g, '&lt;')}</title><link>https://wire.example/story-${i}</link>
      <guid>https://wire.example/story-${i}</guid><pubDate>${date}</pubDate>
      <description>Summary ${i}: @everyone should read this, says &lt;@123456789012345678&gt;.</description></item>`;
  });
  writeFileSync(
    join(folder, 'wire.xml'),
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>
     <link>https://wire.example/</link><description>test</description>${items.join('\n')}</channel></rss>`,
  );
  const sources = join(folder, 'sources.json');
  writeFileSync(
    sources,
    JSON.stringify([{ id: 'mention-wire', name: '@everyone Wire', url: 'wire.xml', language: 'en' }]),
  );
  return sources;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefer-discord-'));
  services = await openBriefer({
    storeUrl: 'memory://',
    sources: await loadSources(writeFeed(dir)),
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock: createFixedClock(NOW),
  });
  await services.refresh();
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const harness of open.splice(0)) {
    expect(harness.fake.problems).toEqual([]);
    await harness.close();
  }
});

async function started(bot: Partial<DiscordOptions> = {}): Promise<BotOnFake> {
  const harness = await startBotOnFake(services, {
    bot: { rateLimit: createCommandRateLimit({ clock: services.clock, limit: 10_000 }), ...bot },
  });
  open.push(harness);
  return harness;
}

const embedsOf = (messages: FakeMessage[]) =>
  messages.flatMap((m) => m.embeds as { title?: string; description?: string; author?: { name: string } }[]);
const buttonsOf = (message: FakeMessage | undefined) =>
  ((message?.components ?? []) as { components: { label: string; custom_id: string }[] }[]).flatMap(
    (r) => r.components,
  );

describe('Discord bot: a headline with @everyone', () => {
  it('shows the mentions as text and sends every message with allowed_mentions { parse: [] }', async () => {
    const { fake, answer } = await started();
    const { conversation, messages } = await answer(fake.command('latest', { count: 25 }));
    expect(conversation.callbacks.map((c) => c.type)).toEqual([4]);
    // 25 embeds: 10 + 10 + 5, the first in the response and the rest as follow-ups
    expect(messages.map((m) => m.embeds.length)).toEqual([10, 10, 5]);
    for (const message of messages) expect(message.sent.allowed_mentions).toEqual({ parse: [] });
    const [first] = embedsOf(messages);
    expect(first?.title).toContain('@\u200Beveryone');
    expect(first?.title).not.toMatch(/@everyone|@here|<@&?\d+>/);
    expect(first?.description).not.toMatch(/@everyone|<@\d+>/);
    expect(first?.author?.name).toBe('@\u200Beveryone Wire');
    // the fake checked each message for live mentions too (afterEach: no problems)
    expect(buttonsOf(messages.at(-1)).map((b) => b.label)).toEqual(['More ▸']);
  });
});

describe('Discord bot: deferred answers', () => {
  it('defers publicly, edits the original (URL-encoded %40original) and sends the rest as follow-ups', async () => {
    const { fake, answer } = await started({ deferAfterMs: 0 });
    const interaction = fake.command('latest', { count: 25 });
    const { conversation, messages } = await answer(interaction);
    expect(conversation.callbacks).toEqual([{ type: 5, data: { flags: 0 } }]);
    const edit = fake.requests.find((r) => r.method === 'PATCH');
    expect(edit?.rawUrl).toContain(
      `/webhooks/${fake.applicationId}/${interaction.token}/messages/%40original`,
    );
    expect(edit?.headers.authorization).toBeUndefined();
    expect(messages.map((m) => m.embeds.length)).toEqual([10, 10, 5]);
    expect(messages[0]!.content).toBe('**Latest news**');
    const followUps = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${interaction.token}`,
    );
    expect(followUps).toHaveLength(2);
  });

  it('defers only when the answer is slow: after deferAfterMs, then edits the original', async () => {
    // runCommand waits on the briefings store first: make that wait long
    const briefings = new Proxy(services.briefings, {
      get: (target, key) =>
        key === 'resume'
          ? () => new Promise((resolve) => setTimeout(() => resolve(false), 300))
          : Reflect.get(target, key),
    });
    const harness = await startBotOnFake(
      { ...services, briefings },
      { bot: { deferAfterMs: 50, rateLimit: createCommandRateLimit({ clock: services.clock, limit: 100 }) } },
    );
    open.push(harness);
    const interaction = harness.fake.command('latest', { count: 2 });
    const { conversation, messages } = await harness.answer(interaction);
    const [callback] = harness.fake.requests.filter((r) => r.path.endsWith('/callback'));
    expect(callback!.at - interaction.sentAt).toBeLessThan(250);
    expect(conversation.callbacks.map((c) => c.type)).toEqual([5]);
    expect(messages).toHaveLength(1);
    expect(embedsOf(messages)).toHaveLength(2);
    // a mistake that is slow to answer is still not deferred: it is answered, privately, when ready
    const mistake = await harness.answer(harness.fake.command('latest', { count: 99 }));
    expect(
      mistake.conversation.callbacks.map((c) => [c.type, (c.data?.flags as number) & EPHEMERAL]),
    ).toEqual([[4, EPHEMERAL]]);
  });

  it('turns a mistake found after deferring into an ephemeral follow-up, removing the public placeholder', async () => {
    const { fake, answer } = await started({ deferAfterMs: 0 });
    const { conversation, messages } = await answer(fake.command('latest', { source: 'no-such-outlet' }));
    expect(conversation.callbacks.map((c) => c.type)).toEqual([5]);
    expect(conversation.originalDeleted).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messages[0]!.content).toMatch(/I don't know a source called "no-such-outlet"/);
  });

  it('never defers a mistake in the arguments: it is answered at once', async () => {
    const { fake, answer } = await started({ deferAfterMs: 0 });
    const { conversation } = await answer(fake.command('latest', { count: 99 }));
    expect(conversation.callbacks.map((c) => [c.type, (c.data?.flags as number) & EPHEMERAL])).toEqual([
      [4, EPHEMERAL],
    ]);
  });
});

describe('Discord bot: failures inside a command', () => {
  it('apologises ephemerally when the store fails, logs it, and keeps answering', async () => {
    const errors: string[] = [];
    const store = new Proxy(services.store, {
      get: (target, key) =>
        key === 'latestStories' // what /latest reads
          ? () => {
              throw new Error('disk on fire');
            }
          : Reflect.get(target, key),
    });
    const logger = { ...services.logger, error: (message: string) => void errors.push(message) };
    const broken = { ...services, store, logger };
    const harness = await startBotOnFake(broken, {
      bot: { rateLimit: createCommandRateLimit({ clock: services.clock, limit: 10_000 }) },
    });
    open.push(harness);
    const { messages } = await harness.answer(harness.fake.command('latest'));
    expect(messages[0]!.content).toMatch(/^Sorry, something went wrong while answering \/latest/);
    expect(messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(errors).toContain('command failed');
    const still = await harness.answer(harness.fake.command('topics'));
    expect(still.messages[0]!.content).toMatch(/^Topics\./);
  });
});

describe('Discord bot: rate limits', () => {
  it('waits out a 429 on the interaction callback, then answers', async () => {
    const { fake, answer } = await started();
    fake.failNext(
      { method: 'POST', path: /^\/interactions\/.*\/callback$/ },
      { status: 429, retryAfterSec: 0.3 },
    );
    const interaction = fake.command('latest', { count: 2 });
    const { messages } = await answer(interaction);
    const attempts = fake.requests.filter(
      (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(290);
    expect(embedsOf(messages)).toHaveLength(2);
  });

  it('waits out a 429 on a follow-up, then sends it', async () => {
    const { fake, answer } = await started();
    fake.failNext({ method: 'POST', path: /^\/webhooks\// }, { status: 429, retryAfterSec: 0.2 });
    const { messages } = await answer(fake.command('latest', { count: 25 }));
    expect(messages.map((m) => m.embeds.length)).toEqual([10, 10, 5]);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('tells a reader who sends too many commands to slow down, only them, and never for autocomplete', async () => {
    const { fake, answer } = await started({
      rateLimit: createCommandRateLimit({ clock: services.clock, limit: 2 }),
    });
    const reader = { userId: '1444444444444444444' };
    for (let i = 0; i < 2; i += 1) {
      const { messages } = await answer(fake.command('topics', {}, reader));
      expect(messages[0]!.content).toMatch(/^Topics\./);
    }
    for (let i = 0; i < 2; i += 1) {
      const { messages } = await answer(fake.command('topics', {}, reader));
      expect(messages[0]!.content).toBe(SLOW_DOWN_NOTICE);
      expect(messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
    const suggest = await answer(fake.autocomplete('topic', { name: 'ir' }, 'name', reader));
    expect(suggest.conversation.callbacks[0]!.type).toBe(8);
    const other = await answer(fake.command('topics', {}, { userId: '1555555555555555555' }));
    expect(other.messages[0]!.content).toMatch(/^Topics\./);
  });
});

describe('Discord sender', () => {
  const digestReply = async () => ({
    digest: (await import('../../src/index.js')).buildDigest({
      title: 'Morning briefing',
      articles: services.store.latest({ limit: 12 }),
      limit: 12,
      sources: services.sourcesById,
      timeZone: 'Asia/Kabul',
      now: NOW,
      emptyText: 'nothing',
    }),
    next: { name: 'latest', options: { count: 12, offset: 12 } },
  });

  it('posts a briefing to a channel within the limits, with a working "More" button', async () => {
    const { fake, bot, answer } = await started();
    const result = await bot.sender.send(`discord:${fake.channelId}`, await digestReply());
    expect(result).toEqual({ ok: true, messageIds: [expect.any(String), expect.any(String)] });
    const posts = fake.requests.filter((r) => r.path === `/channels/${fake.channelId}/messages`);
    expect(posts.map((r) => r.headers.authorization)).toEqual([`Bot ${fake.token}`, `Bot ${fake.token}`]);
    expect(posts.map((r) => (r.body as { allowed_mentions?: unknown }).allowed_mentions)).toEqual([
      { parse: [] },
      { parse: [] },
    ]);
    const last = fake.message(result.ok ? result.messageIds[1]! : '')!;
    const [more] = buttonsOf(last);
    expect(more?.label).toBe('More ▸');
    const page = await answer(fake.click(last, more!.custom_id));
    expect(embedsOf(page.messages)).toHaveLength(12);
  });

  it('reports a channel it may not post in (403) or that is gone (404) as inactive, without retrying', async () => {
    const { fake, bot } = await started();
    const forbidden = '1666666666666666666';
    fake.addChannel(forbidden, fake.guild.id);
    fake.forbid(forbidden);
    const blocked = await bot.sender.send(`discord:${forbidden}`, { text: 'hello' });
    expect(blocked).toMatchObject({ ok: false, reason: 'inactive', detail: expect.stringContaining('403') });
    const gone = await bot.sender.send('discord:1777777777777777777', { text: 'hello' });
    expect(gone).toMatchObject({ ok: false, reason: 'inactive', detail: expect.stringContaining('404') });
    expect(fake.requests.filter((r) => r.path.startsWith('/channels/'))).toHaveLength(2);
  });

  it('waits out a short 429 and delivers', async () => {
    const { fake, bot } = await started();
    fake.failNext({ method: 'POST', path: /^\/channels\// }, { status: 429, retryAfterSec: 0.1 });
    expect(await bot.sender.send(fake.channelId, { text: 'hello' })).toMatchObject({ ok: true });
  });

  it('gives up instead of waiting a long Retry-After, or retrying 429s past its deadline', async () => {
    const { fake, bot } = await started({ maxRateLimitWaitMs: 1_000, sendDeadlineMs: 600 });
    fake.failNext({ method: 'POST', path: /^\/channels\// }, { status: 429, retryAfterSec: 120 });
    const started1 = performance.now();
    expect(await bot.sender.send(fake.channelId, { text: 'hello' })).toMatchObject({
      ok: false,
      reason: 'failed',
      detail: expect.stringMatching(/rate limited/),
    });
    expect(performance.now() - started1).toBeLessThan(1_000);

    fake.failNext({ method: 'POST', path: /^\/channels\// }, { status: 429, retryAfterSec: 0.05 }, 1_000);
    const started2 = performance.now();
    expect(await bot.sender.send(fake.channelId, { text: 'hello' })).toMatchObject({
      ok: false,
      reason: 'failed',
      detail: expect.stringMatching(/gave up after 600 ms/),
    });
    expect(performance.now() - started2).toBeLessThan(2_000);
  });

  it('refuses a chat that is not a Discord channel', async () => {
    const { bot } = await started();
    expect(await bot.sender.send('telegram:-100123', { text: 'x' })).toMatchObject({
      ok: false,
      reason: 'failed',
    });
  });
});
