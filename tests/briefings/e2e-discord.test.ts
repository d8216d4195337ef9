// end to end on Discord: a member with Manage Channels subscribes a channel with the slash command and
// its named options, through the real discord.js client and the fake Discord; the briefing is posted
// when the (fixed) clock reaches its local time, within Discord's embed limits and pinging no one.
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCommandRateLimit } from '../../commands/index.js';
import { startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import { commandOptions, makeUser, snowflake, type OptionValue } from '../fakes/discord/payloads.js';
import type { FakeMessage } from '../fakes/discord-server.js';
import { at, DAY } from './briefing-harness.js';
import { openNewsDesk, storedRecords, type NewsDesk, type Story } from '../support/news-desk.js';

const START = at('2026-11-28T00:00:00Z'); // 04:30 in Kabul
const DUE = at('2026-11-28T03:30:00Z'); // 08:00 in Kabul
const EPHEMERAL = 64;
const IRAN: Story[] = [
  {
    title: 'Iran and Afghanistan agree to reopen the Dogharoun crossing',
    summary: '@everyone at the border cheers.',
  },
  { title: 'Tehran hosts talks on the Helmand water treaty' },
];
const OTHER: Story = { title: 'Pakistan wins the cricket series in Lahore' };
const OPTIONS = { topics: 'iran', time: '08:00', timezone: 'Asia/Kabul' };

const kabul = {
  id: snowflake(),
  name: 'Kabul Readers',
  channels: ['news', 'world', 'desk'].map((name) => ({ id: snowflake(), name })),
};
const herat = { id: snowflake(), name: 'Herat Readers', channels: [{ id: snowflake(), name: 'general' }] };
const [NEWS, WORLD, DESK] = kabul.channels.map((c) => c.id) as [string, string, string];
const HERAT = herat.channels[0]!.id;

let desk: NewsDesk | undefined;
let on: BotOnFake | undefined;
afterEach(async () => {
  // every message the bot sent passed the fake's checks: embed limits, allowed_mentions, no live pings
  const problems = on?.fake.problems ?? [];
  await on?.close();
  await desk?.close();
  on = undefined;
  desk = undefined;
  expect(problems).toEqual([]);
});

async function setup() {
  desk = await openNewsDesk(START);
  // fresh copies: a test may delete channels and leave servers
  const guilds = [kabul, herat].map((g) => ({ ...g, channels: g.channels.map((c) => ({ ...c })) }));
  on = await startBotOnFake(desk.briefer, {
    fake: { guilds },
    bot: { rateLimit: createCommandRateLimit({ clock: desk.briefer.clock, limit: 10_000 }) },
  });
  await desk.briefer.briefings.start({ senders: { discord: on.bot.sender }, ticks: 'manual' });
  return { desk, on, briefings: desk.briefer.briefings };
}

/** a slash command in a server channel from a member with exactly these permissions */
async function slash(
  h: BotOnFake,
  name: string,
  options: Record<string, OptionValue>,
  where: { guildId: string; channelId: string },
  permissions: bigint,
) {
  const userId = snowflake();
  const member = {
    user: makeUser(userId, `member-${userId.slice(-4)}`),
    roles: [],
    permissions: String(permissions),
    joined_at: new Date(START).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
  };
  const interaction = h.fake.interaction(
    2,
    { id: snowflake(), name, type: 1, options: commandOptions(options) },
    { ...where, userId },
    { member },
  );
  const { messages } = await h.answer(interaction);
  return messages;
}

const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
const subscribe = (h: BotOnFake, guildId: string, channelId: string, permissions = MANAGER) =>
  slash(h, 'subscribe', OPTIONS, { guildId, channelId }, permissions);

async function tickAt(d: NewsDesk, time: number) {
  d.clock.set(time);
  return d.briefer.briefings.tick(time);
}

/** messages the bot posted in a channel outside any interaction: the briefings */
const postedIn = (h: BotOnFake, channelId: string): FakeMessage[] =>
  h.fake.requests
    .filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200)
    .map((r) => r.body as { content?: string; embeds?: unknown[]; allowed_mentions?: unknown })
    .map((body) => ({ ...body, embeds: body.embeds ?? [] }) as unknown as FakeMessage);
const embedTitles = (messages: FakeMessage[]) =>
  messages.flatMap((m) => (m.embeds as { title?: string }[]).map((e) => e.title ?? ''));

describe('Discord end to end: a subscription made by slash command', () => {
  it('a channel subscribed by a member with Manage Channels gets its briefing at 08:00 Kabul time, not before', async () => {
    const { desk, on: h, briefings } = await setup();
    const [answer] = await subscribe(h, kabul.id, NEWS);
    expect(answer!.content).toMatch(/^Subscribed\. A daily briefing at 08:00 \(Asia\/Kabul\) on Iran\./);
    expect(answer!.flags & EPHEMERAL).toBe(0);
    expect(briefings.subscription(`discord:${NEWS}`)).toMatchObject({
      topics: ['iran'],
      time: '08:00',
      timeZone: 'Asia/Kabul',
    });

    desk.clock.set(START + 3_600_000);
    await desk.publish([...IRAN, OTHER]);
    expect(await tickAt(desk, DUE - 60_000)).toEqual({ outcomes: {}, skippedOld: 0 });
    expect(postedIn(h, NEWS)).toEqual([]);
    expect(await tickAt(desk, DUE)).toMatchObject({ outcomes: { sent: 1 } });

    const posted = postedIn(h, NEWS);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toMatch(/Your briefing on Iran — Saturday 28 November/);
    const titles = embedTitles(posted).map((title) => title.replace(/\\/g, ''));
    expect(new Set(titles)).toEqual(new Set(IRAN.map((s) => s.title)));
    // no ping, even with "@everyone" in a summary; the fake checked every limit (afterEach: no problems)
    expect((posted[0] as unknown as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(posted[0]!.embeds)).not.toMatch(/@everyone/);
    expect(briefings.status(`discord:${NEWS}`)).toMatchObject({
      lastSentAt: DUE,
      lastStatus: 'sent',
      nextDueAt: DUE + DAY,
    });
    expect(await tickAt(desk, DUE + 3_600_000)).toEqual({ outcomes: {}, skippedOld: 0 });
    expect(postedIn(h, NEWS)).toHaveLength(1);
  });

  it('a member without Manage Channels or Manage Server cannot subscribe the channel, and is told so privately', async () => {
    const { on: h, briefings } = await setup();
    const [answer] = await subscribe(h, kabul.id, NEWS, PermissionFlagsBits.SendMessages);
    expect(answer!.content).toMatch(/^Only this chat's administrators can change its briefings/);
    expect(answer!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(briefings.subscription(`discord:${NEWS}`)).toBeUndefined();
    // Manage Server is enough too
    await subscribe(h, kabul.id, NEWS, PermissionFlagsBits.ManageGuild);
    expect(briefings.subscription(`discord:${NEWS}`)).toBeDefined();
  });
});

describe('Discord end to end: unreachable and removed channels', () => {
  it('a channel the bot may no longer post in (403) is paused while the others get theirs on time', async () => {
    const { desk, on: h, briefings } = await setup();
    for (const channel of [NEWS, WORLD, DESK]) await subscribe(h, kabul.id, channel);
    await subscribe(h, herat.id, HERAT);
    desk.clock.set(START + 3_600_000);
    await desk.publish(IRAN);
    h.fake.forbid(WORLD);

    expect(await tickAt(desk, DUE)).toMatchObject({ outcomes: { sent: 3, inactive: 1 } });
    for (const channel of [NEWS, DESK, HERAT]) {
      expect(postedIn(h, channel)).toHaveLength(1);
      expect(briefings.status(`discord:${channel}`)?.lastSentAt).toBe(DUE);
    }
    expect(postedIn(h, WORLD)).toEqual([]);
    expect(briefings.subscription(`discord:${WORLD}`)?.paused).toMatchObject({
      at: DUE,
      reason: expect.stringContaining('403'),
    });
    // paused: the next day it is not tried again
    const tries = h.fake.requests.filter((r) => r.path === `/channels/${WORLD}/messages`).length;
    desk.clock.set(DUE + 3_600_000);
    await desk.publish([{ title: 'Iranian envoy visits Herat' }]);
    expect(await tickAt(desk, DUE + DAY)).toMatchObject({ outcomes: { sent: 3 } });
    expect(h.fake.requests.filter((r) => r.path === `/channels/${WORLD}/messages`)).toHaveLength(tries);
  });

  it('a deleted channel (CHANNEL_DELETE) and a server that removed the bot (GUILD_DELETE) lose their data', async () => {
    const { desk, on: h, briefings } = await setup();
    for (const channel of [NEWS, DESK]) await subscribe(h, kabul.id, channel);
    await subscribe(h, herat.id, HERAT);
    await slash(h, 'timezone', { zone: 'Asia/Tehran' }, { guildId: herat.id, channelId: HERAT }, MANAGER);
    desk.clock.set(START + 3_600_000);
    await desk.publish(IRAN);
    await tickAt(desk, DUE);
    expect(await storedRecords(desk.briefer.keyv, `discord:${DESK}`, '2026-11-28')).toMatchObject({
      subscription: { target: `discord:${DESK}` },
      state: { lastStatus: 'sent' },
      entry: { status: 'sent' },
    });
    expect(briefings.chatTimeZone(`discord:${HERAT}`)).toBe('Asia/Tehran');

    // an outage is not a removal: the server comes back, and its channels keep their briefings
    expect(h.fake.dispatch('GUILD_DELETE', { id: kabul.id, unavailable: true })).toBe(true);
    expect(h.fake.deleteChannel(DESK)).toBe(true);
    expect(h.fake.removeFromGuild(herat.id)).toBe(true);
    const gone = { subscription: undefined, settings: undefined, state: undefined, entry: undefined };
    await vi.waitFor(
      async () => {
        expect(await storedRecords(desk.briefer.keyv, `discord:${DESK}`, '2026-11-28')).toEqual(gone);
        expect(await storedRecords(desk.briefer.keyv, `discord:${HERAT}`, '2026-11-28')).toEqual(gone);
      },
      { timeout: 5_000 },
    );
    expect(briefings.subscription(`discord:${DESK}`)).toBeUndefined();
    expect(briefings.subscription(`discord:${HERAT}`)).toBeUndefined();
    expect(briefings.subscription(`discord:${NEWS}`)).toBeDefined();
    expect(briefings.chatTimeZone(`discord:${HERAT}`)).toBeUndefined();

    // the channel left standing keeps its subscription and gets the next briefing
    desk.clock.set(DUE + 3_600_000);
    await desk.publish([{ title: 'Iranian envoy visits Herat' }]);
    expect(await tickAt(desk, DUE + DAY)).toMatchObject({ outcomes: { sent: 1 } });
    expect(postedIn(h, NEWS)).toHaveLength(2);
  });
});
