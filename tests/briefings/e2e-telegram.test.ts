// end to end on Telegram: readers subscribe by command through the real bot and the fake Bot API, and
// the briefing arrives when the (fixed) clock reaches its local time, as HTML the fake accepted.
import type { Chat, User } from 'grammy/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { privateChat, reader, supergroup, type SentMessage } from '../fakes/telegram-bot-api.js';
import { startHarness, type Harness } from '../telegram/telegram-harness.js';
import { at, DAY } from './briefing-harness.js';
import { openNewsDesk, storedRecords, type NewsDesk, type Story } from '../support/news-desk.js';

const START = at('2026-11-28T00:00:00Z'); // 04:30 in Kabul
const DUE = at('2026-11-28T03:30:00Z'); // 08:00 in Kabul
const COMMAND = '/subscribe iran at 08:00 tz Asia/Kabul';
const IRAN: Story[] = [
  {
    title: 'Iran and Afghanistan agree to reopen the Dogharoun crossing',
    summary: 'Trucks & drivers cheer "at last".',
  },
  { title: 'Tehran hosts talks on the Helmand water treaty' },
];
const OTHER: Story = { title: 'Pakistan wins the cricket series in Lahore' };

let desk: NewsDesk | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  await desk?.close();
  harness = undefined;
  desk = undefined;
});

async function setup() {
  desk = await openNewsDesk(START);
  harness = await startHarness({ services: desk.briefer });
  const { telegram } = harness;
  await desk.briefer.briefings.start({ senders: { telegram: telegram.briefingSender }, ticks: 'manual' });
  return { desk, harness, briefings: desk.briefer.briefings };
}

/** the reader's command, and the bot's answer to it (the chat's next message) */
async function say(h: Harness, chat: Chat, from: User, text: string): Promise<SentMessage> {
  const before = h.fake.messagesIn(chat.id).length;
  h.fake.sendText(chat, from, text);
  const messages = await h.fake.waitForMessages(chat.id, before + 1);
  return messages[before]!;
}

/** the clock moves to `time` and the scheduler ticks there, as node-cron would at that minute */
async function tickAt(d: NewsDesk, time: number) {
  d.clock.set(time);
  return d.briefer.briefings.tick(time);
}

const briefingsIn = (h: Harness, chat: Chat) =>
  h.fake.messagesIn(chat.id).filter((m) => m.text.startsWith('Your briefing'));

describe('Telegram end to end: a subscription made by command', () => {
  it('a private chat and a group (by its administrator) get their briefing at 08:00 Kabul time, not before', async () => {
    const { desk, harness: h, briefings } = await setup();
    const alice = reader();
    const dm = privateChat(alice);
    const group = supergroup(-100_700_001, { title: 'Kabul readers' });
    const admin = reader();
    h.fake.setMember(group.id, admin.id, 'administrator');

    expect((await say(h, dm, alice, COMMAND)).text).toMatch(
      /^Subscribed\. A daily briefing at 08:00 \(Asia\/Kabul\) on Iran\./,
    );
    expect((await say(h, group, admin, COMMAND)).text).toMatch(/^Subscribed\./);
    expect(briefings.subscription(`telegram:${group.id}`)).toMatchObject({ topics: ['iran'], time: '08:00' });

    desk.clock.set(START + 3_600_000);
    await desk.publish([...IRAN, OTHER]);

    expect(await tickAt(desk, DUE - 60_000)).toEqual({ outcomes: {}, skippedOld: 0 });
    expect(briefingsIn(h, dm)).toEqual([]);
    expect(await tickAt(desk, DUE)).toMatchObject({ outcomes: { sent: 2 } });

    for (const chat of [dm, group]) {
      const [briefing, ...more] = briefingsIn(h, chat);
      expect(more).toEqual([]);
      // accepted by the fake, so its HTML parsed and it fits Telegram's length
      expect(briefing!.parse_mode).toBe('HTML');
      expect(briefing!.text).toMatch(/^Your briefing on Iran — Saturday 28 November/);
      for (const story of IRAN) expect(briefing!.text).toContain(story.title);
      expect(briefing!.text).toContain('Trucks & drivers cheer "at last".');
      expect(briefing!.text).not.toContain(OTHER.title);
      expect(briefing!.text).not.toContain('Old story');
      expect(briefing!.entities.some((e) => e.type === 'text_link' && e.url?.startsWith('https://'))).toBe(
        true,
      );
      expect(briefings.status(`telegram:${chat.id}`)).toMatchObject({
        lastSentAt: DUE,
        lastStatus: 'sent',
        nextDueAt: DUE + DAY,
      });
    }
    expect(h.fake.stats.tooManyRequests).toBe(0);
    // a later tick the same day sends nothing more
    expect(await tickAt(desk, DUE + 3_600_000)).toEqual({ outcomes: {}, skippedOld: 0 });
    expect(briefingsIn(h, dm)).toHaveLength(1);
  });

  it('a member who is not an administrator cannot subscribe the group, and is told so', async () => {
    const { harness: h, briefings } = await setup();
    const group = supergroup(-100_700_002);
    const member = reader();
    h.fake.setMember(group.id, member.id, 'member');
    const answer = await say(h, group, member, COMMAND);
    expect(answer.text).toBe(
      "Only this chat's administrators can change its briefings (on Discord: Manage Channels or Manage Server).",
    );
    expect(briefings.subscription(`telegram:${group.id}`)).toBeUndefined();
    // the same reader in a private chat may
    expect((await say(h, privateChat(member), member, COMMAND)).text).toMatch(/^Subscribed\./);
  });
});

describe('Telegram end to end: unreachable and removed chats', () => {
  it('a chat that blocked the bot is paused while the others get theirs on time; /start resumes it', async () => {
    const { desk, harness: h, briefings } = await setup();
    const readers = [reader(), reader(), reader()];
    for (const r of readers) await say(h, privateChat(r), r, COMMAND);
    const [first, blocker, third] = readers as [User, User, User];
    desk.clock.set(START + 3_600_000);
    await desk.publish(IRAN);
    h.fake.blockBot(blocker.id);

    expect(await tickAt(desk, DUE)).toMatchObject({ outcomes: { sent: 2, inactive: 1 } });
    for (const r of [first, third]) {
      expect(briefingsIn(h, privateChat(r))).toHaveLength(1);
      expect(briefings.status(`telegram:${r.id}`)?.lastSentAt).toBe(DUE);
    }
    expect(briefingsIn(h, privateChat(blocker))).toEqual([]);
    expect(briefings.subscription(`telegram:${blocker.id}`)?.paused).toMatchObject({
      at: DUE,
      reason: expect.stringContaining('403'),
    });

    // the next day it is left alone: one refused send, not one a day
    const refusedBefore = h.fake.stats.refusals.length;
    desk.clock.set(DUE + 3_600_000);
    await desk.publish([{ title: 'Iranian envoy visits Herat' }]);
    expect(await tickAt(desk, DUE + DAY)).toMatchObject({ outcomes: { sent: 2 } });
    expect(h.fake.stats.refusals.length).toBe(refusedBefore);

    // the reader unblocks the bot and sends /start: the subscription resumes
    h.fake.unblockBot(blocker.id);
    expect((await say(h, privateChat(blocker), blocker, '/start')).text).toMatch(/^Hello/);
    expect(briefings.subscription(`telegram:${blocker.id}`)?.paused).toBeUndefined();
    desk.clock.set(DUE + DAY + 3_600_000);
    await desk.publish([{ title: 'Iran opens a consulate in Mazar-i-Sharif' }]);
    await tickAt(desk, DUE + 2 * DAY);
    const [resumed, ...more] = briefingsIn(h, privateChat(blocker));
    expect(more).toEqual([]);
    // nothing it missed while blocked is lost
    for (const title of [
      ...IRAN.map((s) => s.title),
      'Iranian envoy visits Herat',
      'Iran opens a consulate in Mazar-i-Sharif',
    ]) {
      expect(resumed!.text).toContain(title);
    }
    expect(h.fake.stats.tooManyRequests).toBe(0);
  });

  it('removed from a group (my_chat_member: kicked), the group’s subscription, settings and ledger are deleted', async () => {
    const { desk, harness: h, briefings } = await setup();
    const group = supergroup(-100_700_003);
    const admin = reader();
    const alice = reader();
    h.fake.setMember(group.id, admin.id, 'administrator');
    await say(h, group, admin, COMMAND);
    await say(h, privateChat(alice), alice, COMMAND);
    desk.clock.set(START + 3_600_000);
    await desk.publish(IRAN);
    await tickAt(desk, DUE);
    expect((await say(h, group, admin, '/timezone Asia/Tehran')).text).toMatch(/Asia\/Tehran/);
    const target = `telegram:${group.id}`;
    const before = await storedRecords(desk.briefer.keyv, target, '2026-11-28');
    expect(before).toMatchObject({
      subscription: { target },
      settings: { timeZone: 'Asia/Tehran' },
      state: { lastStatus: 'sent' },
      entry: { status: 'sent' },
    });

    h.fake.removeBot(group, admin, 'kicked');
    await vi.waitFor(() => expect(briefings.subscription(target)).toBeUndefined(), { timeout: 5_000 });
    expect(briefings.chatTimeZone(target)).toBeUndefined();
    expect(await storedRecords(desk.briefer.keyv, target, '2026-11-28')).toEqual({
      subscription: undefined,
      settings: undefined,
      state: undefined,
      entry: undefined,
    });
    // the other chat keeps its subscription and gets the next briefing; the group gets nothing more
    desk.clock.set(DUE + 3_600_000);
    await desk.publish([{ title: 'Iranian envoy visits Herat' }]);
    expect(await tickAt(desk, DUE + DAY)).toMatchObject({ outcomes: { sent: 1 } });
    expect(briefingsIn(h, privateChat(alice))).toHaveLength(2);
    expect(briefingsIn(h, group)).toHaveLength(1);
  });

  it('a reader who blocks the bot in a private chat (my_chat_member: kicked) keeps the subscription for /start', async () => {
    const { harness: h, briefings } = await setup();
    const alice = reader();
    const chat = privateChat(alice);
    await say(h, chat, alice, COMMAND);
    const target = `telegram:${chat.id}`;
    h.fake.removeBot(chat, alice, 'kicked');
    // give the update time to arrive and be handled, then check nothing was deleted
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(briefings.subscription(target)).toBeDefined();
  });
});
