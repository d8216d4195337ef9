import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { suggestSources, suggestTopics } from '../../adapters/discord/autocomplete.js';
import { createButtonStore } from '../../adapters/discord/button-store.js';
import { channelIdOf } from '../../adapters/discord/discord-sender.js';
import { contextOf, optionValues } from '../../adapters/discord/handle-interaction.js';
import { replyMessages } from '../../adapters/discord/reply-messages.js';
import { definitionsHash, slashCommandDefinitions } from '../../adapters/discord/slash-commands.js';
import { commandList, type Command, type Services } from '../../commands/index.js';
import { createFixedClock, type Source, type Topic } from '../../src/index.js';
import { builderProblems, commandProblems, componentProblems } from '../fakes/discord/checks.js';

type Definition = ReturnType<typeof slashCommandDefinitions>[number];
const byName = (definitions: Definition[], name: string) => definitions.find((d) => d.name === name)!;

describe('slash command definitions', () => {
  const global = slashCommandDefinitions(commandList(), { guild: false });

  it('offers every command of the registry with typed, limited options that Discord accepts', () => {
    expect(global.map((d) => d.name)).toEqual(commandList().map((c) => c.name));
    expect(commandProblems(global)).toEqual([]);
    expect(byName(global, 'topic').options).toEqual([
      expect.objectContaining({ name: 'name', type: 3, required: true, max_length: 100, autocomplete: true }),
      expect.objectContaining({ name: 'count', type: 4, required: false, min_value: 1, max_value: 25 }),
    ]);
    expect(byName(global, 'latest').options).toEqual([
      expect.objectContaining({ name: 'count', type: 4, min_value: 1, max_value: 25 }),
      expect.objectContaining({ name: 'source', type: 3, max_length: 100, autocomplete: true }),
    ]);
    expect(byName(global, 'help').options ?? []).toEqual([]);
    // an OPML file to import is attached, not typed
    expect(byName(global, 'source').options).toEqual([
      expect.objectContaining({ name: 'action', type: 3, required: true }),
      expect.objectContaining({ name: 'target', type: 3, required: false }),
      expect.objectContaining({ name: 'file', type: 11, required: false }),
    ]);
  });

  it('offers global commands in servers and DMs, and gives server commands no contexts', () => {
    expect(byName(global, 'latest')).toMatchObject({ contexts: [0, 1], integration_types: [0] });
    const guild = slashCommandDefinitions(commandList(), { guild: true });
    expect(byName(guild, 'latest').contexts).toBeUndefined();
  });

  it('puts required options first, shortens long descriptions, and refuses a name Discord would refuse', () => {
    const base = commandList()[0]!;
    const odd: Command<unknown> = {
      ...base,
      name: 'odd',
      description: 'd'.repeat(150),
      options: [
        { name: 'later', description: 'optional', type: 'string' },
        { name: 'first', description: 'required', type: 'integer', required: true },
      ],
    };
    const [definition] = slashCommandDefinitions([odd], { guild: false });
    expect(definition!.options!.map((o) => o.name)).toEqual(['first', 'later']);
    expect(definition!.description).toHaveLength(100);
    expect(commandProblems([definition])).toEqual([]);
    expect(() => slashCommandDefinitions([{ ...odd, name: 'Has Spaces' }], { guild: false })).toThrow();
  });

  it('hashes the same definitions the same, and differently for another application, server or definition', () => {
    const hash = definitionsHash(global, { applicationId: '1' });
    expect(
      definitionsHash(slashCommandDefinitions(commandList(), { guild: false }), { applicationId: '1' }),
    ).toBe(hash);
    expect(definitionsHash(global, { applicationId: '2' })).not.toBe(hash);
    expect(definitionsHash(global, { applicationId: '1', guildId: '5' })).not.toBe(hash);
    expect(definitionsHash(global.slice(1), { applicationId: '1' })).not.toBe(hash);
  });
});

describe('autocomplete suggestions', () => {
  const topic = (id: string, en: string, fa: string, ps = fa): Topic => ({
    id,
    names: { en, fa, ps },
    aliases: { en: [], fa: [], ps: [] },
  });
  const topics = [
    topic('pakistan', 'Pakistan', 'پاکستان'),
    topic('central-asia', 'Central Asia', 'آسیای میانه', 'منځنۍ آسیا'),
    topic('asia-pacific', 'Asia Pacific', 'آسیا و اقیانوسیه'),
    topic('afghanistan', 'Afghanistan', 'افغانستان'),
  ];

  it('ranks an exact or prefix match before a later word, before a match inside', () => {
    expect(suggestTopics(topics, 'asia').map((c) => c.value)).toEqual(['asia-pacific', 'central-asia']);
    expect(suggestTopics(topics, 'stan').map((c) => c.value)).toEqual(['pakistan', 'afghanistan']);
    expect(suggestTopics(topics, 'AFG')).toEqual([{ name: 'Afghanistan', value: 'afghanistan' }]);
    expect(suggestTopics(topics, 'منځ')).toEqual([
      { name: 'منځنۍ آسیا — Central Asia', value: 'central-asia' },
    ]);
    expect(suggestTopics(topics, 'nothing like it')).toEqual([]);
  });

  it('gives at most 25 choices, each name and value within 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      topic(`t-${i}`, `Topic ${'long '.repeat(30)}${i}`, `موضوع ${i}`),
    );
    const choices = suggestTopics(many, 'topic');
    expect(choices).toHaveLength(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
    expect(suggestTopics(many, 'x'.repeat(500))).toEqual([]);
  });

  it('suggests sources by id or name', () => {
    const source = (id: string, name: string) =>
      ({ id, name, language: 'en', kind: 'feed', url: new URL('https://x.example/') }) as Source;
    const sources = [
      source('tolonews-en', 'TOLOnews'),
      source('ariana-news', 'Ariana News'),
      source('pajhwok', 'Pajhwok Afghan News'),
    ];
    expect(suggestSources(sources, 'tolo')).toEqual([
      { name: 'TOLOnews (tolonews-en)', value: 'tolonews-en' },
    ]);
    // a word that starts with it comes before a name that only contains it
    expect(suggestSources(sources, 'news').map((c) => c.value)).toEqual([
      'ariana-news',
      'pajhwok',
      'tolonews-en',
    ]);
  });
});

describe('buttons', () => {
  it('keep their action under a custom_id of at most 100 characters, until they expire', () => {
    const clock = createFixedClock(0);
    const store = createButtonStore({ clock, ttlMs: 1_000 });
    const id = store.put({
      kind: 'next',
      page: { name: 'latest', options: { count: 5, offset: 5, source: 'x'.repeat(100) } },
    });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(store.get(id)).toMatchObject({ kind: 'next' });
    expect(store.get('briefer:unknown')).toBeUndefined();
    expect(store.get('another-bot:abc')).toBeUndefined();
    clock.advance(1_000);
    expect(store.get(id)).toBeUndefined();
  });

  it('forget the oldest when there are too many, and sweep the expired', () => {
    const clock = createFixedClock(0);
    const store = createButtonStore({ clock, ttlMs: 1_000, max: 3 });
    const ids = [1, 2, 3, 4].map((n) => store.put({ kind: 'run', line: `/topic ${n}` }));
    expect(store.size).toBe(3);
    expect(store.get(ids[0]!)).toBeUndefined();
    expect(store.get(ids[3]!)).toEqual({ kind: 'run', line: '/topic 4' });
    clock.advance(2_000);
    store.put({ kind: 'run', line: '/help' });
    expect(store.size).toBe(1);
  });

  it('are laid out in rows of five, choices first and "More" last, valid for discord.js', () => {
    const store = createButtonStore({ clock: createFixedClock(0) });
    const choices = Array.from({ length: 7 }, (_, i) => ({
      label: `Choice ${i} ${'x'.repeat(100)}`,
      command: `/topic t${i}`,
    }));
    const [message] = replyMessages(
      { text: 'Pick one', choices, next: { name: 'latest', options: {} } },
      store,
    );
    const rows = message!.components!;
    expect(rows.map((row) => row.components.length)).toEqual([5, 3]);
    expect(rows[1]!.components.at(-1)).toMatchObject({ label: 'More ▸', style: 1 });
    expect(componentProblems(rows)).toEqual([]);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
  });

  it('never gives an empty message', () => {
    const store = createButtonStore({ clock: createFixedClock(0) });
    expect(replyMessages({}, store)).toEqual([
      { content: 'Done.', embeds: [], allowed_mentions: { parse: [] } },
    ]);
  });
});

describe('the pieces around an interaction', () => {
  it('reads options as named values, leaving out subcommand groups and attachment ids, and keeping "__proto__" a plain key', () => {
    const values = optionValues([
      { name: 'count', type: 4, value: 5 },
      { name: 'sub', type: 1, options: [] },
      { name: '__proto__', type: 3, value: 'x' },
      // an attachment's value is its id, which must never be read as the file (base64 text is a file too)
      { name: 'file', type: 11, value: '1234567890123456789' },
    ]);
    expect(values).toEqual({ count: 5, ['__proto__']: 'x' });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });

  it('addresses the chat by channel (a DM is a channel too) and the reader by user, in the briefer’s zone', () => {
    const services = { timeZone: 'Asia/Kabul' } as Services;
    const reader = { id: '2234567890123456789' };
    const dm = { id: '1', token: 't', application_id: '2', type: 2, channel_id: '1234567890123456789' };
    expect(contextOf({ ...dm, user: reader }, services)).toEqual({
      chat: 'discord:1234567890123456789',
      user: 'discord:2234567890123456789',
      timeZone: 'Asia/Kabul',
      // no locale from Discord, and none of Discord's is Dari or Pashto: English
      locale: 'en',
    });
    // in a server: who may change the channel's briefings, from the member's permissions in the channel
    const inServer = (permissions?: bigint[] | string) => ({
      ...dm,
      guild_id: '3234567890123456789',
      channel: { id: '1234567890123456789' },
      member: {
        user: reader,
        ...(permissions === undefined
          ? {}
          : {
              permissions: Array.isArray(permissions)
                ? new PermissionsBitField(permissions).bitfield.toString()
                : permissions,
            }),
      },
    });
    expect(contextOf(inServer([PermissionFlagsBits.SendMessages]), services)).toEqual({
      chat: 'discord:1234567890123456789',
      user: 'discord:2234567890123456789',
      timeZone: 'Asia/Kabul',
      locale: 'en',
      canManage: false,
    });
    const moderator = [PermissionFlagsBits.SendMessages, PermissionFlagsBits.ManageChannels];
    expect(contextOf(inServer(moderator), services).canManage).toBe(true);
    expect(contextOf(inServer([PermissionFlagsBits.ManageGuild]), services).canManage).toBe(true);
    expect(contextOf(inServer([PermissionFlagsBits.Administrator]), services).canManage).toBe(true);
    // a server interaction whose permissions are missing or unreadable grants nothing
    expect(contextOf(inServer(), services).canManage).toBe(false);
    expect(contextOf(inServer('all of them'), services).canManage).toBe(false);
    const { member: _member, ...memberless } = inServer();
    expect(contextOf(memberless, services)).toMatchObject({ user: 'discord:unknown', canManage: false });
  });

  it('knows a Discord channel from any other chat', () => {
    expect(channelIdOf('discord:1234567890123456789')).toBe('1234567890123456789');
    expect(channelIdOf('1234567890123456789')).toBe('1234567890123456789');
    expect(channelIdOf('discord:1234567890123456789:1234567890123456790')).toBe('1234567890123456790');
    expect(channelIdOf('telegram:-1001234')).toBeUndefined();
    expect(channelIdOf('discord:general')).toBeUndefined();
  });
});

describe("the fake's checks (so a passing test means something)", () => {
  it("refuse what discord.js's EmbedBuilder refuses", () => {
    expect(
      builderProblems([{ title: 'ok', description: 'fine', url: 'https://x.example/', color: 0x123456 }]),
    ).toEqual([]);
    expect(builderProblems([{ title: 't'.repeat(257) }])).toHaveLength(1);
    expect(builderProblems([{ title: 'x', url: 'javascript:alert(1)' }])).toHaveLength(1);
    expect(builderProblems(Array.from({ length: 2 }, () => ({ description: 'd'.repeat(3_500) })))).toEqual([
      'embeds hold 7000 characters by embedLength, over 6000',
    ]);
  });

  it('refuse buttons and command definitions Discord would refuse', () => {
    const button = { type: 2, style: 1, label: 'l'.repeat(81), custom_id: 'x' };
    expect(componentProblems([{ type: 1, components: [button] }])).toHaveLength(1);
    expect(commandProblems([{ name: 'Bad Name', description: '' }])).toHaveLength(2);
    expect(
      commandProblems([
        {
          name: 'a',
          description: 'a',
          options: [
            { name: 'o', description: 'o', type: 3 },
            { name: 'r', description: 'r', type: 3, required: true },
          ],
        },
      ]),
    ).toEqual(['/a r: a required option after an optional one']);
  });
});
