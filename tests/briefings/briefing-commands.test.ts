import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, type CommandContext, type Reply } from '../../commands/index.js';
import { createFixedClock, loadSources, openBriefer, type Briefer } from '../../src/index.js';
import { OFFLINE_SOURCES } from '../support/seed-briefer.js';
import { at, createFakeSender, noWait } from './briefing-harness.js';

const NOW = at('2026-11-28T02:00:00Z'); // 06:30 in Kabul
const CHAT = 'telegram:-100200';
let briefer: Briefer;
let clock: ReturnType<typeof createFixedClock>;

beforeEach(async () => {
  clock = createFixedClock(NOW);
  briefer = await openBriefer({
    storeUrl: 'memory://',
    sources: await loadSources(OFFLINE_SOURCES),
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock,
    briefings: { sleep: noWait },
  });
});
afterEach(() => briefer.close());

const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  chat: CHAT,
  user: 'telegram:42',
  timeZone: 'Asia/Kabul',
  ...over,
});

const ask = (line: string, over: Partial<CommandContext> = {}): Promise<Reply> => {
  const [name = '', ...rest] = line.replace(/^\//, '').split(' ');
  return runCommand({ name, text: rest.join(' '), context: context(over) }, briefer);
};
const subscription = () => briefer.briefings.subscription(CHAT);

describe('/subscribe', () => {
  it("with nothing: every topic, daily at 08:00 in the chat's zone", async () => {
    const reply = await ask('/subscribe');
    expect(reply.text).toMatch(/^Subscribed\. A daily briefing at 08:00 \(Asia\/Kabul\) on every topic\./);
    expect(reply.text).toMatch(/Next: 28 Nov 2026, 08:00/);
    expect(subscription()).toMatchObject({
      topics: [],
      mode: 'daily',
      time: '08:00',
      timeZone: 'Asia/Kabul',
    });
  });

  it('topics, a time and a zone by name; topics are added, time and zone replaced', async () => {
    await ask('/subscribe iran central asia at 07:30 tz tehran');
    expect(subscription()).toMatchObject({
      topics: ['iran', 'central-asia'],
      time: '07:30',
      timeZone: 'Asia/Tehran',
    });
    const reply = await ask('/subscribe pakistan at 6:45');
    expect(reply.text).toMatch(/^Updated\./);
    expect(subscription()).toMatchObject({
      topics: ['iran', 'central-asia', 'pakistan'],
      time: '06:45',
      timeZone: 'Asia/Tehran',
    });
    await ask('/subscribe live');
    expect(subscription()?.mode).toBe('live');
    expect((await ask('/subscriptions')).text).toMatch(
      /New stories on Iran, Central Asia, Pakistan as they arrive, at most one message every 15 minutes/,
    );
  });

  it('a topic list in Dari works', async () => {
    const reply = await ask('/subscribe افغانستان، ایران و آسیای میانه');
    expect(reply.text).toMatch(/on Afghanistan, Iran, Central Asia/);
    expect(subscription()?.topics).toEqual(['afghanistan', 'iran', 'central-asia']);
  });

  it('named options, as Discord sends them', async () => {
    const reply = await runCommand(
      {
        name: 'subscribe',
        options: { topics: 'iran, pakistan', time: '06:00', timezone: 'new york', mode: 'daily' },
        context: context({ chat: 'discord:555' }),
      },
      briefer,
    );
    expect(reply.text).toMatch(/^Subscribed/);
    expect(briefer.briefings.subscription('discord:555')).toMatchObject({
      topics: ['iran', 'pakistan'],
      time: '06:00',
      timeZone: 'America/New_York',
    });
  });

  it('bad input gets a clear answer, and nothing is saved', async () => {
    const cases: [string, RegExp][] = [
      ['/subscribe at 25:61', /HH:MM on a 24-hour clock, from 00:00 to 23:59/],
      ['/subscribe at', /HH:MM/],
      [
        '/subscribe iran tz Mars/Olympus',
        /I don't know the time zone "Mars\/Olympus"\. Use a zone such as Asia\/Kabul/,
      ],
      ['/subscribe tz Asia/Kabull', /Did you mean Asia\/Kabul\?/],
      ['/subscribe tz', /give a time zone/i],
      [
        `/subscribe ${Array.from({ length: 500 }, (_, i) => ['iran', 'pakistan', 'china'][i % 3]).join(' ')}`,
        /topic list is too long/,
      ],
      [
        `/subscribe ${Array.from({ length: 130 }, () => 'iran').join(' ')}`,
        /too many topics at once: at most 25/,
      ],
      ['/subscribe iran atlantis at 07:00', /I don't follow a topic called "atlantis"/],
      ['/subscribe afghanistn', /Did you mean Afghanistan\b/],
    ];
    for (const [line, answer] of cases) {
      const reply = await ask(line);
      expect(reply.text, line).toMatch(answer);
      expect(reply.private, line).toBe(true);
      expect(subscription(), line).toBeUndefined();
    }
    await ask('/subscribe iran at 07:00');
    await ask('/subscribe pakistan at 25:61');
    await ask('/subscribe pakistan tz Mars/Olympus');
    expect(subscription()).toMatchObject({ topics: ['iran'], time: '07:00', timeZone: 'Asia/Kabul' });
  });

  it('only those who may manage the chat can change its briefings; anyone may look', async () => {
    for (const line of ['/subscribe iran', '/unsubscribe all', '/forget', '/timezone Tehran']) {
      const reply = await ask(line, { canManage: false });
      expect(reply.text, line).toMatch(/Only this chat's administrators/);
    }
    expect(subscription()).toBeUndefined();
    expect((await ask('/subscriptions', { canManage: false })).text).toMatch(/no briefings/);
    expect((await ask('/timezone', { canManage: false })).text).toMatch(/time zone is Asia\/Kabul/);
  });
});

describe('/unsubscribe, /forget, /timezone, /briefing', () => {
  it('removes topics, and all of it with "all"', async () => {
    await ask('/subscribe iran pakistan');
    expect((await ask('/unsubscribe iran')).text).toMatch(/now follows Pakistan/);
    expect((await ask('/unsubscribe china')).text).toMatch(/does not follow china/);
    expect((await ask('/unsubscribe pakistan')).text).toMatch(/last topic/);
    expect(subscription()).toBeUndefined();
    await ask('/subscribe');
    expect((await ask('/unsubscribe iran')).text).toMatch(/gets every topic/);
    await ask('/timezone Tehran');
    expect((await ask('/unsubscribe all')).text).toMatch(/deleted this chat's settings/);
    expect(subscription()).toBeUndefined();
    expect(briefer.briefings.chatTimeZone(CHAT)).toBeUndefined();
  });

  it("/forget deletes the subscription and the chat's zone", async () => {
    await ask('/timezone kabul');
    await ask('/subscribe iran');
    expect((await ask('/forget')).text).toMatch(/deleted/);
    expect(subscription()).toBeUndefined();
    expect(briefer.briefings.chatTimeZone(CHAT)).toBeUndefined();
  });

  it("/timezone sets the chat's zone, moves a daily briefing with it, and is what later commands use", async () => {
    await ask('/subscribe at 09:00');
    const reply = await ask('/timezone Tehran');
    expect(reply.text).toMatch(/^Time zone set to Asia\/Tehran/);
    expect(reply.text).toMatch(/stays at 09:00 there: next 28 Nov 2026, 09:00/);
    expect(subscription()?.timeZone).toBe('Asia/Tehran');
    expect((await ask('/timezone')).text).toMatch(/time zone is Asia\/Tehran/);
    expect((await ask('/timezone Mars/Olympus')).text).toMatch(/I don't know the time zone/);
    // a new subscription elsewhere follows that chat's own zone
    await ask('/timezone kabul', { chat: 'telegram:9' });
    await ask('/subscribe', { chat: 'telegram:9', timeZone: 'UTC' });
    expect(briefer.briefings.subscription('telegram:9')?.timeZone).toBe('Asia/Kabul');
  });

  it('/briefing previews what is new, even without a subscription', async () => {
    const none = await ask('/briefing');
    expect(none.text).toMatch(/no briefings yet/);
    expect(none.digest?.title).toMatch(/next briefing/);
    await ask('/subscribe iran');
    const reply = await ask('/briefing');
    expect(reply.text).toBeUndefined();
    expect(reply.digest?.timeZone).toBe('Asia/Kabul');
  });
});

describe('pausing and resuming', () => {
  it('any command in a paused chat resumes its briefings', async () => {
    await ask('/subscribe at 07:00');
    let blocked = true;
    const sender = createFakeSender(clock, () =>
      blocked
        ? { ok: false, reason: 'inactive', detail: '403 Forbidden: bot was blocked by the user' }
        : { ok: true, messageIds: ['1'] },
    );
    await briefer.briefings.start({ senders: { telegram: sender }, ticks: 'manual' });
    clock.set(at('2026-11-28T02:30:00Z'));
    await briefer.briefings.tick();
    expect(subscription()?.paused).toBeDefined();
    expect((await ask('/subscriptions', { chat: 'telegram:other' })).text).toMatch(/no briefings/);
    expect(subscription()?.paused).toBeDefined();
    blocked = false;
    await ask('/latest');
    expect(subscription()?.paused).toBeUndefined();
    clock.set(at('2026-11-29T02:30:00Z'));
    await briefer.briefings.tick();
    expect(sender.sent).toHaveLength(1);
  });
});
