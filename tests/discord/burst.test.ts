import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRateLimit } from '../../commands/index.js';
import type { Briefer } from '../../src/index.js';
import { startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import type { FakeMessage } from '../fakes/discord-server.js';
import { openSeedBriefer } from '../support/seed-briefer.js';

const EPHEMERAL = 64;
let services: Briefer;
const open: BotOnFake[] = [];

beforeAll(async () => {
  services = await openSeedBriefer();
});
afterAll(() => services.close());
afterEach(async () => {
  for (const harness of open.splice(0)) {
    expect(harness.fake.problems).toEqual([]);
    await harness.close();
  }
});

/**
 * The bot on the fake. The fake runs in this thread, so the interactions a test sends at once are all
 * on the bot's socket before it reads any: they arrive together, as in a burst.
 */
async function started(deferWhenWaiting: number, briefer: Briefer = services): Promise<BotOnFake> {
  const harness = await startBotOnFake(briefer, {
    bot: { deferWhenWaiting, rateLimit: createCommandRateLimit({ clock: services.clock, limit: 10_000 }) },
  });
  open.push(harness);
  return harness;
}

const reader = (i: number) => ({ userId: String(1_400_000_000_000_000_000n + BigInt(i)) });
/** what a reader sees of an answer: its text and embeds, buttons aside (each answer has its own) */
const shown = (messages: FakeMessage[]) =>
  messages.map((message) => ({ content: message.content, embeds: message.embeds, flags: message.flags }));

describe('Discord bot: a burst of commands', () => {
  it('answers a lone command directly, with the answer in its one callback', async () => {
    const { fake, answer } = await started(2);
    const { conversation, messages } = await answer(fake.command('latest', { count: 3 }, reader(0)));
    expect(conversation.callbacks.map((c) => c.type)).toEqual([4]);
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.embeds).toHaveLength(3);
  });

  it('defers the commands that find many answers waiting, then edits in the same answer a lone one gets', async () => {
    const { fake, bot, answer } = await started(2);
    const lone = await answer(fake.command('latest', { count: 3 }, reader(0)));
    const burst = Array.from({ length: 12 }, (_, i) => fake.command('latest', { count: 3 }, reader(i + 1)));
    await Promise.all(burst.map((interaction) => fake.waitForCallback(interaction)));
    await bot.idle();
    const conversations = burst.map((interaction) => fake.conversation(interaction));
    // two answers waiting their turn crowd the thread: the first two are answered directly, the rest deferred
    expect(conversations.map((c) => c.callbacks.map((callback) => callback.type))).toEqual([
      [4],
      [4],
      ...Array.from({ length: 10 }, () => [5]),
    ]);
    expect(conversations.slice(2).map((c) => c.callbacks[0]!.data)).toEqual(
      Array.from({ length: 10 }, () => ({ flags: 0 })),
    );
    // each deferred one edited into the lone answer: the same text and embeds, public
    for (const interaction of burst) {
      expect(shown(fake.messagesOf(interaction))).toEqual(shown(lone.messages));
    }
    const edits = fake.requests.filter((r) => r.method === 'PATCH');
    expect(edits).toHaveLength(10);
    expect(edits.every((r) => r.path.endsWith('/messages/@original'))).toBe(true);
  });

  it('still answers a mistake at once and privately when the thread is crowded', async () => {
    const { fake, bot } = await started(1);
    const valid = fake.command('latest', { count: 3 }, reader(1));
    const mistake = fake.command('latest', { count: 99 }, reader(2));
    const deferred = fake.command('latest', { count: 3 }, reader(3));
    await Promise.all([valid, mistake, deferred].map((interaction) => fake.waitForCallback(interaction)));
    await bot.idle();
    const callbacks = [valid, mistake, deferred].map(
      (interaction) => fake.conversation(interaction).callbacks,
    );
    expect(callbacks.map((list) => list.map((c) => c.type))).toEqual([[4], [4], [5]]);
    expect((callbacks[1]![0]!.data!.flags as number) & EPHEMERAL).toBe(EPHEMERAL);
    expect(fake.messagesOf(deferred)[0]!.embeds).toHaveLength(3);
  });

  it('works the answers out in turn: the first is sent before the last is worked out', async () => {
    const events: string[] = [];
    // what /latest reads, once per answer
    const store = new Proxy(services.store, {
      get: (target, key) =>
        key === 'latestStories'
          ? (query: Parameters<Briefer['store']['latestStories']>[0]) => {
              events.push('worked out');
              return target.latestStories(query);
            }
          : Reflect.get(target, key),
    });
    const onSent = (message: unknown) => {
      const path = (message as { request?: { path?: string } }).request?.path ?? '';
      if (path.endsWith('/callback')) events.push('sent');
    };
    const { fake, bot } = await started(Infinity, { ...services, store });
    subscribe('undici:request:bodySent', onSent);
    try {
      const burst = Array.from({ length: 6 }, (_, i) => fake.command('latest', { count: 2 }, reader(i)));
      await Promise.all(burst.map((interaction) => fake.waitForCallback(interaction)));
      await bot.idle();
    } finally {
      unsubscribe('undici:request:bodySent', onSent);
    }
    expect(events.filter((event) => event === 'sent')).toHaveLength(6);
    // all at once, every answer would be worked out before the first was sent
    expect(events.indexOf('sent')).toBeLessThan(events.lastIndexOf('worked out'));
  });

  it('never defers for a crowd when told not to', async () => {
    const { fake, bot } = await started(Infinity);
    const burst = Array.from({ length: 8 }, (_, i) => fake.command('latest', { count: 2 }, reader(i)));
    await Promise.all(burst.map((interaction) => fake.waitForCallback(interaction)));
    await bot.idle();
    expect(burst.map((interaction) => fake.conversation(interaction).callbacks[0]!.type)).toEqual(
      Array.from({ length: 8 }, () => 4),
    );
  });
});
