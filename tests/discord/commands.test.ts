import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRateLimit } from '../../commands/index.js';
import { MORE_LABEL } from '../../adapters/discord/reply-messages.js';
import { STALE_BUTTON, UNSUPPORTED } from '../../adapters/discord/handle-interaction.js';
import type { Briefer } from '../../src/index.js';
import { startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import type { FakeMessage } from '../fakes/discord-server.js';
import { openSeedBriefer, SEED_TITLES } from '../support/seed-briefer.js';

let services: Briefer;
let on: BotOnFake;
const EPHEMERAL = 64;
const warnings: string[] = [];
const logger = { debug() {}, info() {}, error() {}, warn: (message: string) => void warnings.push(message) };

beforeAll(async () => {
  services = await openSeedBriefer();
  // a generous limit here: the rate limit has its own tests
  on = await startBotOnFake(services, {
    bot: { rateLimit: createCommandRateLimit({ clock: services.clock, limit: 10_000 }), logger },
  });
});
afterAll(async () => {
  await on.close();
  await services.close();
});
afterEach(() => {
  // every message the bot sent passed the limits check and discord.js's builders
  expect(on.fake.problems).toEqual([]);
});

const titles = (messages: FakeMessage[]) =>
  messages.flatMap((m) => (m.embeds as { title?: string }[]).map((e) => e.title?.replace(/\\/g, '')));
const buttonsOf = (message: FakeMessage | undefined) =>
  ((message?.components ?? []) as { components: { label: string; custom_id: string }[] }[]).flatMap(
    (row) => row.components,
  );

describe('Discord bot: /latest and /topic', () => {
  it('answers /latest at once with the four seed articles as embeds, pinging no one', async () => {
    const { conversation, messages } = await on.answer(on.fake.command('latest'));
    expect(conversation.callbacks.map((c) => c.type)).toEqual([4]);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.flags & EPHEMERAL).toBe(0);
    expect(message!.content).toBe('**Latest news**');
    expect(new Set(titles(messages))).toEqual(new Set(Object.values(SEED_TITLES)));
    expect(message!.sent.allowed_mentions).toEqual({ parse: [] });
    expect(buttonsOf(message)).toEqual([]);
  });

  it('answers /topic afghanistan with the four seed articles', async () => {
    const { messages } = await on.answer(on.fake.command('topic', { name: 'afghanistan' }));
    expect(messages[0]!.content).toBe('**Afghanistan**');
    expect(new Set(titles(messages))).toEqual(new Set(Object.values(SEED_TITLES)));
    const embed = (
      messages[0]!.embeds as { author?: { name: string }; url?: string; timestamp?: string }[]
    )[0];
    expect(embed?.author?.name).toBe('Ariana News');
    expect(embed?.url).toMatch(/^https:\/\//);
    expect(embed?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('answers at the option limits: count 1 and count 25, and a 100-character name', async () => {
    const one = await on.answer(on.fake.command('latest', { count: 1 }));
    expect(titles(one.messages)).toHaveLength(1);
    const all = await on.answer(on.fake.command('latest', { count: 25 }));
    expect(titles(all.messages)).toHaveLength(4);
    const long = await on.answer(on.fake.command('topic', { name: 'x'.repeat(100) }));
    expect(long.messages[0]!.content).toMatch(/^Nothing matches/);
  });

  it('pages with a "More" button, each page a new answer, until nothing is left', async () => {
    const first = await on.answer(on.fake.command('latest', { count: 3 }));
    const [more] = buttonsOf(first.messages.at(-1));
    expect(more?.label).toBe(MORE_LABEL);
    expect(more!.custom_id.length).toBeLessThanOrEqual(100);
    const second = await on.answer(on.fake.click(first.messages.at(-1)!, more!.custom_id));
    expect(second.conversation.callbacks.map((c) => c.type)).toEqual([4]);
    expect(second.messages[0]!.flags & EPHEMERAL).toBe(0);
    expect(titles(second.messages)).toHaveLength(1);
    expect(buttonsOf(second.messages.at(-1))).toEqual([]);
    expect(new Set([...titles(first.messages), ...titles(second.messages)])).toEqual(
      new Set(Object.values(SEED_TITLES)),
    );
  });

  it('pages /topic the same way, keeping the topic', async () => {
    const first = await on.answer(on.fake.command('topic', { name: 'afghanistan', count: 2 }));
    const second = await on.answer(
      on.fake.click(first.messages.at(-1)!, buttonsOf(first.messages.at(-1))[0]!.custom_id),
    );
    expect(second.messages[0]!.content).toBe('**Afghanistan (3–4 of 4)**');
    expect(titles(second.messages)).toHaveLength(2);
    expect(new Set([...titles(first.messages), ...titles(second.messages)]).size).toBe(4);
  });

  it('answers a stale or unknown button kindly and only to the one who pressed it', async () => {
    const first = await on.answer(on.fake.command('latest', { count: 2 }));
    const stale = await on.answer(on.fake.click(first.messages.at(-1)!, 'briefer:gone-after-a-restart'));
    expect(stale.messages).toHaveLength(1);
    expect(stale.messages[0]!.content).toBe(STALE_BUTTON.replace(/\//g, '/'));
    expect(stale.messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    const foreign = await on.answer(on.fake.click(first.messages.at(-1)!, 'someone-elses-button'));
    expect(foreign.messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('offers close topics as buttons for a misspelt topic, and a button runs its command', async () => {
    const { messages } = await on.answer(on.fake.command('topic', { name: 'afganistan' }));
    expect(messages[0]!.content).toMatch(/Did you mean/);
    const buttons = buttonsOf(messages.at(-1));
    const afghanistan = buttons.find((b) => b.label === 'Afghanistan');
    expect(afghanistan).toBeDefined();
    const picked = await on.answer(on.fake.click(messages.at(-1)!, afghanistan!.custom_id));
    expect(picked.messages[0]!.content).toBe('**Afghanistan**');
    expect(titles(picked.messages)).toHaveLength(4);
  });
});

describe('Discord bot: autocomplete', () => {
  const choices = async (name: string, options: Record<string, string>, focused: string) => {
    const { conversation } = await on.answer(on.fake.autocomplete(name, options, focused));
    expect(conversation.callbacks.map((c) => c.type)).toEqual([8]);
    return conversation.callbacks[0]!.data!.choices as { name: string; value: string }[];
  };

  it('suggests topics ranked by the typed prefix, in English, Dari or Pashto', async () => {
    const af = await choices('topic', { name: 'af' }, 'name');
    expect(af[0]).toEqual({ name: 'Afghanistan', value: 'afghanistan' });
    const central = await choices('topic', { name: 'cent' }, 'name');
    expect(central[0]?.value).toBe('central-asia');
    const dari = await choices('topic', { name: 'ایر' }, 'name');
    expect(dari[0]).toEqual({ name: 'ایران — Iran', value: 'iran' });
    const everything = await choices('topic', { name: '' }, 'name');
    expect(everything.length).toBe(services.topics.topics.length);
    expect(everything.length).toBeLessThanOrEqual(25);
  });

  it('suggests sources for /latest source, and nothing for an option without suggestions', async () => {
    const sources = await choices('latest', { source: 'ari' }, 'source');
    expect(sources).toEqual([{ name: 'Ariana News (ariana-news)', value: 'ariana-news' }]);
    expect(await choices('latest', { source: 'zzz' }, 'source')).toEqual([]);
    expect(await choices('nosuch', { thing: 'a' }, 'thing')).toEqual([]);
  });

  it("suggests the channel's own sources too, and no other channel's", async () => {
    const original = services.chatSources.sourcesOf;
    const own = { id: 'c-0123456789', name: 'Kabul Daily', language: 'en', kind: 'feed' as const };
    services.chatSources.sourcesOf = (chat) =>
      chat === `discord:${on.fake.channelId}` ? [{ ...own, url: new URL('https://kabul.example/feed') }] : [];
    try {
      expect(await choices('latest', { source: 'kab' }, 'source')).toEqual([
        { name: 'Kabul Daily (c-0123456789)', value: 'c-0123456789' },
      ]);
      const elsewhere = on.fake.autocomplete('latest', { source: 'kab' }, 'source', { dm: true });
      const { conversation } = await on.answer(elsewhere);
      expect(conversation.callbacks[0]!.data!.choices).toEqual([]);
    } finally {
      services.chatSources.sourcesOf = original;
    }
  });
});

describe('Discord bot: mistakes and odd interactions', () => {
  const privately = async (interaction: ReturnType<typeof on.fake.command>) => {
    const { conversation, messages } = await on.answer(interaction);
    expect(conversation.callbacks.map((c) => c.type)).toEqual([4]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messages[0]!.content.length).toBeLessThan(300);
    return messages[0]!.content;
  };

  it('answers option values beyond their limits at once, ephemerally, with the usage', async () => {
    expect(await privately(on.fake.command('latest', { count: 0 }))).toMatch(
      /count must be from 1 to 25.*Usage: \/latest/,
    );
    expect(await privately(on.fake.command('latest', { count: 26 }))).toMatch(/count must be from 1 to 25/);
    expect(await privately(on.fake.command('topic', { name: 'x'.repeat(101) }))).toMatch(/too long/);
    expect(await privately(on.fake.command('topic', {}))).toMatch(/give a topic name/i);
    expect(await privately(on.fake.command('latest', { count: 'five' }))).toMatch(/count must be a number/);
    expect(await privately(on.fake.command('latest', { source: 'no-such-outlet' }))).toMatch(
      /I don't know a source/,
    );
  });

  it('answers an unknown command ephemerally', async () => {
    expect(await privately(on.fake.command('nosuchcommand', { when: '08:00' }))).toMatch(
      /I don't know the command \/nosuchcommand/,
    );
  });

  it('answers a command from a DM and from a server it has not seen, as in any channel', async () => {
    const dm = await on.answer(on.fake.command('latest', { count: 1 }, { dm: true }));
    expect(dm.messages[0]!.flags & EPHEMERAL).toBe(0);
    expect(titles(dm.messages)).toHaveLength(1);
    const [more] = buttonsOf(dm.messages.at(-1));
    const next = await on.answer(on.fake.click(dm.messages.at(-1)!, more!.custom_id));
    expect(titles(next.messages)).toHaveLength(1);
    expect(next.messages[0]!.guild_id).toBeUndefined();
    const unknown = await on.answer(
      on.fake.command('topics', {}, { guildId: '1999999999999999999', channelId: '1999999999999999998' }),
    );
    expect(unknown.messages[0]!.content).toMatch(/^Topics\./);
  });

  it('answers interactions it does not handle with a short ephemeral note', async () => {
    const select = on.fake.interaction(3, { custom_id: 'pick', component_type: 3, values: ['a'] });
    const modal = on.fake.interaction(5, { custom_id: 'form', components: [] });
    const target = {
      id: '1333333333333333333',
      username: 'someone',
      discriminator: '0',
      avatar: null,
      global_name: null,
    };
    const userCommand = on.fake.interaction(2, {
      id: '1222222222222222222',
      name: 'Profile',
      type: 2,
      target_id: target.id,
      resolved: { users: { [target.id]: target } },
    });
    for (const interaction of [select, modal, userCommand]) {
      const { messages } = await on.answer(interaction);
      expect(messages[0]!.content).toBe(UNSUPPORTED);
      expect(messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
  });

  it('answers interactions discord.js could not read, skips those no one can answer, and keeps going', async () => {
    const before = warnings.length;
    // read from the raw payload: no entitlements, or a button without its message, are still answered
    const noEntitlements = on.fake.interaction(
      2,
      { id: '1222222222222222223', name: 'latest', type: 1, options: [] },
      {},
      { entitlements: undefined },
    );
    const bareButton = on.fake.interaction(
      3,
      { custom_id: 'briefer:x', component_type: 2 },
      {},
      { message: undefined },
    );
    expect(titles((await on.answer(noEntitlements)).messages)).toHaveLength(4);
    const stale = await on.answer(bareButton);
    expect(stale.messages[0]!.content).toBe(STALE_BUTTON);
    expect(stale.messages[0]!.flags & EPHEMERAL).toBe(EPHEMERAL);
    // a kind with no answer over the gateway, and payloads with no one to answer: skipped
    const unknownKind = on.fake.interaction(99, { whatever: true });
    on.fake.interaction(2, { name: 'latest', type: 1 }, {}, { token: undefined });
    on.fake.interaction(2, 'not an object');
    on.fake.interaction(2, { name: 'latest', type: 1, options: 'count 3' });
    // an event discord.js itself cannot read
    expect(on.fake.dispatch('CHANNEL_CREATE', null)).toBe(true);
    const nested = on.fake.rawCommand('latest', [
      { name: 'sub', type: 1, options: [{ name: 'count', type: 4, value: 3 }] },
    ]);
    const { messages } = await on.answer(nested);
    expect(titles(messages)).toHaveLength(4);
    const after = await on.answer(on.fake.command('latest', { count: 1 }));
    expect(titles(after.messages)).toHaveLength(1);
    expect(on.fake.conversation(unknownKind).callbacks).toEqual([]);
    expect(on.bot.client.isReady()).toBe(true);
    const logged = warnings.slice(before);
    expect(logged.filter((w) => w === 'skipped an interaction that cannot be answered')).toHaveLength(3);
    expect(logged.filter((w) => w === 'skipped a gateway event discord.js could not read')).toHaveLength(1);
  });
});
