import { describe, expect, it } from 'vitest';
import {
  addArticles,
  at,
  createFakeSender,
  DAY,
  HOUR,
  MINUTE,
  openHarness,
  titlesOf,
} from './briefing-harness.js';

type Harness = Awaited<ReturnType<typeof openHarness>>;

/** ticks once a minute from the clock's time to `until`, as node-cron would */
async function runUntil(h: Harness, until: number): Promise<void> {
  for (let t = h.clock.now() + MINUTE; t <= until; t += MINUTE) {
    h.clock.set(t);
    await h.service.tick(t);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

async function daily(now: string, time: string, timeZone: string) {
  const h = await openHarness({ now: at(now) });
  const sender = createFakeSender(h.clock);
  await h.service.subscribe('telegram:1', { time, timeZone }, { timeZone: 'UTC' });
  await h.service.start({ senders: { telegram: sender }, ticks: 'manual' });
  return { h, sender };
}

describe('daily briefings at local time', () => {
  it('08:00 in Asia/Kabul fires at 03:30 UTC, once', async () => {
    const { h, sender } = await daily('2026-11-28T00:00:00Z', '08:00', 'Asia/Kabul');
    await runUntil(h, at('2026-11-28T12:00:00Z'));
    expect(sender.sent.map((s) => iso(s.at))).toEqual(['2026-11-28T03:30:00.000Z']);
    expect(h.service.status('telegram:1')?.lastSentAt).toBe(at('2026-11-28T03:30:00Z'));
    expect(h.service.status('telegram:1')?.nextDueAt).toBe(at('2026-11-29T03:30:00Z'));
  });

  it('08:00 in America/New_York follows both daylight-saving switches', async () => {
    const spring = await daily('2026-03-07T06:00:00Z', '08:00', 'America/New_York');
    await runUntil(spring.h, at('2026-03-09T14:00:00Z'));
    expect(spring.sender.sent.map((s) => iso(s.at))).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z', // the switch day: already EDT at 08:00
      '2026-03-09T12:00:00.000Z',
    ]);
    const autumn = await daily('2026-10-31T06:00:00Z', '08:00', 'America/New_York');
    await runUntil(autumn.h, at('2026-11-02T14:00:00Z'));
    expect(autumn.sender.sent.map((s) => iso(s.at))).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z', // the switch day: already EST at 08:00
      '2026-11-02T13:00:00.000Z',
    ]);
  });

  it('02:30 on the spring-forward day in Europe/Berlin fires once, at 03:00', async () => {
    const { h, sender } = await daily('2026-03-28T12:00:00Z', '02:30', 'Europe/Berlin');
    await runUntil(h, at('2026-03-29T12:00:00Z'));
    expect(sender.sent.map((s) => iso(s.at))).toEqual(['2026-03-29T01:00:00.000Z']);
  });

  it('02:30 on the fall-back day in Europe/Berlin fires once, at the first 02:30', async () => {
    const { h, sender } = await daily('2026-10-24T12:00:00Z', '02:30', 'Europe/Berlin');
    await runUntil(h, at('2026-10-25T12:00:00Z'));
    expect(sender.sent.map((s) => iso(s.at))).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it("a subscription made after today's time starts tomorrow", async () => {
    const { h, sender } = await daily('2026-11-28T05:00:00Z', '08:00', 'Asia/Kabul');
    await runUntil(h, at('2026-11-28T23:00:00Z'));
    expect(sender.sent).toHaveLength(0);
    await runUntil(h, at('2026-11-29T04:00:00Z'));
    expect(sender.sent.map((s) => iso(s.at))).toEqual(['2026-11-29T03:30:00.000Z']);
  });

  it('moving the time later on the same day does not send a second briefing that day', async () => {
    const { h, sender } = await daily('2026-11-28T00:00:00Z', '08:00', 'Asia/Kabul');
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    await h.service.subscribe('telegram:1', { time: '20:00' }, { timeZone: 'UTC' });
    await runUntil(h, at('2026-11-28T23:00:00Z'));
    expect(sender.sent).toHaveLength(1);
    await runUntil(h, at('2026-11-29T16:00:00Z'));
    expect(sender.sent.map((s) => iso(s.at))).toEqual([
      '2026-11-28T03:30:00.000Z',
      '2026-11-29T15:30:00.000Z',
    ]);
  });
});

describe('catching up after downtime', () => {
  const briefingAt8 = async (now: string) => {
    const h = await openHarness({ now: at(now) });
    await h.service.subscribe('telegram:1', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    return h;
  };

  it('down from 07:00 to 09:30 with a briefing at 08:00: one catch-up at start', async () => {
    const first = await briefingAt8('2026-11-28T02:30:00Z'); // 07:00 in Kabul
    const before = createFakeSender(first.clock);
    await first.service.start({ senders: { telegram: before }, ticks: 'manual' });
    await first.service.stop();
    const again = await openHarness({ now: at('2026-11-28T05:00:00Z'), keyv: first.keyv }); // 09:30
    const after = createFakeSender(again.clock);
    const report = await again.service.start({ senders: { telegram: after }, ticks: 'manual' });
    expect(report.outcomes.sent).toBe(1);
    await runUntil(again, at('2026-11-28T20:00:00Z'));
    expect(before.sent).toHaveLength(0);
    expect(after.sent.map((s) => iso(s.at))).toEqual(['2026-11-28T05:00:00.000Z']);
  });

  it('down for two days: no flood of old briefings, one for today only', async () => {
    const first = await briefingAt8('2026-11-28T00:00:00Z');
    const before = createFakeSender(first.clock);
    await first.service.start({ senders: { telegram: before }, ticks: 'manual' });
    await runUntil(first, at('2026-11-28T04:00:00Z'));
    await first.service.stop();
    expect(before.sent).toHaveLength(1);
    // back on the 30th at 09:30: the 29th is more than 6 hours old, the 30th is not
    const again = await openHarness({ now: at('2026-11-30T05:00:00Z'), keyv: first.keyv });
    const after = createFakeSender(again.clock);
    const report = await again.service.start({ senders: { telegram: after }, ticks: 'manual' });
    await runUntil(again, at('2026-11-30T20:00:00Z'));
    expect(after.sent.map((s) => iso(s.at))).toEqual(['2026-11-30T05:00:00.000Z']);
    expect(report.skippedOld).toBe(1);
    expect(again.logs.some((l) => l.message.includes('skipped briefings older than'))).toBe(true);
  });

  it("back after the day's window has passed: nothing at start, the next one on time", async () => {
    const first = await briefingAt8('2026-11-28T00:00:00Z');
    await first.service.start({ senders: { telegram: createFakeSender(first.clock) }, ticks: 'manual' });
    await first.service.stop();
    const again = await openHarness({ now: at('2026-11-28T03:30:00Z') + 7 * HOUR, keyv: first.keyv });
    const after = createFakeSender(again.clock);
    await again.service.start({ senders: { telegram: after }, ticks: 'manual' });
    await runUntil(again, at('2026-11-29T04:00:00Z'));
    expect(after.sent.map((s) => iso(s.at))).toEqual(['2026-11-29T03:30:00.000Z']);
  });
});

describe('failing chats', () => {
  const chats = ['telegram:1', 'telegram:2', 'discord:3'];

  async function threeChats(behaviour: Parameters<typeof createFakeSender>[1], options = {}) {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z'), briefings: options });
    for (const chat of chats) {
      await h.service.subscribe(chat, { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    }
    const sender = createFakeSender(h.clock, behaviour);
    await h.service.start({ senders: { telegram: sender, discord: sender }, ticks: 'manual' });
    return { h, sender };
  }

  it('an inactive chat is paused and logged; the others are delivered on time', async () => {
    const { h, sender } = await threeChats((target) =>
      target === 'telegram:2'
        ? { ok: false, reason: 'inactive', detail: '403: bot was blocked by the user' }
        : { ok: true, messageIds: ['x'] },
    );
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    expect(sender.sent.map((s) => [s.target, iso(s.at)])).toEqual([
      ['telegram:1', '2026-11-28T03:30:00.000Z'],
      ['discord:3', '2026-11-28T03:30:00.000Z'],
    ]);
    expect(h.service.subscription('telegram:2')?.paused?.reason).toMatch(/blocked/);
    expect(h.logs.some((l) => l.level === 'warn' && l.message.startsWith('paused'))).toBe(true);
    // the next day: still paused, not even tried
    const calls = sender.calls();
    await runUntil(h, at('2026-11-29T04:00:00Z'));
    expect(sender.calls()).toBe(calls + 2);
    // resumed (any command in the chat does this): delivered again from the next due time
    expect(await h.service.resume('telegram:2')).toBe(true);
    expect(await h.service.resume('telegram:2')).toBe(false);
    expect(h.service.subscription('telegram:2')?.paused).toBeUndefined();
  });

  it('a resumed chat gets the briefing it missed today (within the catch-up window), then the next on time', async () => {
    let blocked = true;
    const { h, sender } = await threeChats((target) =>
      target === 'telegram:2' && blocked
        ? { ok: false, reason: 'inactive', detail: 'chat not found' }
        : { ok: true, messageIds: ['x'] },
    );
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    blocked = false;
    await runUntil(h, at('2026-11-29T04:00:00Z'));
    expect(sender.to('telegram:2')).toHaveLength(0);
    await h.service.resume('telegram:2'); // half an hour after the 29th's briefing time
    await runUntil(h, at('2026-11-30T04:00:00Z'));
    expect(sender.to('telegram:2').map((s) => iso(s.at))).toEqual([
      '2026-11-29T04:01:00.000Z',
      '2026-11-30T03:30:00.000Z',
    ]);
  });

  it('a failing send is retried with growing waits, a bounded number of times', async () => {
    const waits: number[] = [];
    let failures = 0;
    const { h, sender } = await threeChats(
      (target) => {
        if (target !== 'telegram:1') return { ok: true, messageIds: ['x'] };
        failures++;
        return failures <= 2
          ? { ok: false, reason: 'failed', detail: '502 Bad Gateway' }
          : { ok: true, messageIds: ['y'] };
      },
      { sleep: async (ms: number) => (waits.push(ms), true) },
    );
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    expect(sender.to('telegram:1')).toHaveLength(1);
    expect(waits).toEqual([2000, 8000]);
  });

  it('a chat that keeps failing gives up after four tries; its stories roll into the next briefing', async () => {
    let calls = 0;
    const { h, sender } = await threeChats((target, _message, call) => {
      if (target === 'telegram:1' && call <= 6) {
        calls++;
        return { ok: false, reason: 'failed', detail: 'socket hang up' };
      }
      return { ok: true, messageIds: ['x'] };
    });
    h.clock.set(at('2026-11-28T01:00:00Z'));
    const story = await addArticles(h.store, 1);
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    expect(calls).toBe(4);
    expect(sender.to('telegram:1')).toHaveLength(0);
    expect(h.service.status('telegram:1')?.lastStatus).toBe('failed');
    await runUntil(h, at('2026-11-29T04:00:00Z'));
    expect(titlesOf(sender.to('telegram:1')[0]?.message)).toEqual(story);
  });

  it('one chat that hangs never delays the others', async () => {
    let release: () => void = () => {};
    const { h, sender } = await threeChats((target) =>
      target === 'telegram:1'
        ? new Promise((resolve) => {
            release = () => resolve({ ok: true, messageIds: ['late'] });
          })
        : { ok: true, messageIds: ['x'] },
    );
    h.clock.set(at('2026-11-28T03:30:00Z'));
    const tick = h.service.tick();
    for (let i = 0; i < 50 && sender.sent.length < 2; i++) await new Promise((r) => setImmediate(r));
    expect(sender.sent.map((s) => s.target).sort()).toEqual(['discord:3', 'telegram:2']);
    release();
    await tick;
    expect(sender.sent.map((s) => s.target)).toContain('telegram:1');
  });
});

describe('leaving', () => {
  it('forget deletes everything kept about the chat, and nothing more is sent', async () => {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z') });
    const sender = createFakeSender(h.clock);
    await h.service.subscribe('telegram:1', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    await h.service.subscribe('telegram:2', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    await h.service.setTimeZone('telegram:1', 'Asia/Kabul');
    await h.service.start({ senders: { telegram: sender }, ticks: 'manual' });
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    expect(sender.sent).toHaveLength(2);
    await h.service.forget('telegram:1');
    expect(h.service.subscription('telegram:1')).toBeUndefined();
    expect(h.service.chatTimeZone('telegram:1')).toBeUndefined();
    expect(h.service.status('telegram:1')).toBeUndefined();
    for (const name of ['subscriptions', 'chat-settings', 'briefing-state', 'briefing-ledger']) {
      const keys: string[] = [];
      for await (const [key] of h.keyv.namespace(name).iterator!(undefined) as AsyncGenerator<[string]>)
        keys.push(key);
      expect(keys.filter((key) => key.startsWith('telegram:1'))).toEqual([]);
      if (name !== 'chat-settings') expect(keys.some((key) => key.startsWith('telegram:2'))).toBe(true);
    }
    await runUntil(h, at('2026-11-29T04:00:00Z'));
    expect(sender.to('telegram:1')).toHaveLength(1);
    expect(sender.to('telegram:2')).toHaveLength(2);
  });
});

describe('a chat that leaves or changes its id', () => {
  it('forgetting a chat forgets its threads too, and no other chat', async () => {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z') });
    for (const chat of ['telegram:-1001', 'telegram:-1001:7', 'telegram:-10012']) {
      await h.service.subscribe(chat, {}, { timeZone: 'UTC' });
    }
    await h.service.setTimeZone('telegram:-1001:9', 'Asia/Kabul');
    await h.service.forget('telegram:-1001');
    expect(h.service.subscription('telegram:-1001')).toBeUndefined();
    expect(h.service.subscription('telegram:-1001:7')).toBeUndefined();
    expect(h.service.chatTimeZone('telegram:-1001:9')).toBeUndefined();
    expect(h.service.subscription('telegram:-10012')).toBeDefined();
  });

  it('a group that became a supergroup keeps its briefings under the new id, and its place', async () => {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z') });
    const sender = createFakeSender(h.clock);
    await h.service.subscribe('telegram:-42', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    await h.service.setTimeZone('telegram:-42', 'Asia/Kabul');
    await h.service.start({ senders: { telegram: sender }, ticks: 'manual' });
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    await h.service.move('telegram:-42', 'telegram:-1009942');
    expect(h.service.subscription('telegram:-42')).toBeUndefined();
    expect(h.service.subscription('telegram:-1009942')).toMatchObject({
      time: '08:00',
      timeZone: 'Asia/Kabul',
    });
    expect(h.service.chatTimeZone('telegram:-1009942')).toBe('Asia/Kabul');
    await runUntil(h, at('2026-11-29T04:00:00Z'));
    expect(sender.sent.map((s) => [s.target, iso(s.at)])).toEqual([
      ['telegram:-42', '2026-11-28T03:30:00.000Z'],
      ['telegram:-1009942', '2026-11-29T03:30:00.000Z'],
    ]);
  });
});

describe('leaving while a briefing is on its way', () => {
  it('forget during a delivery leaves nothing behind', async () => {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z') });
    let release: () => void = () => {};
    const sender = createFakeSender(
      h.clock,
      () => new Promise((resolve) => (release = () => resolve({ ok: true, messageIds: ['x'] }))),
    );
    await h.service.subscribe('telegram:1', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    await h.service.start({ senders: { telegram: sender }, ticks: 'manual' });
    h.clock.set(at('2026-11-28T03:30:00Z'));
    const tick = h.service.tick();
    for (let i = 0; i < 50 && sender.calls() < 1; i++) await new Promise((r) => setImmediate(r));
    await h.service.forget('telegram:1');
    release();
    await tick;
    for (const name of ['subscriptions', 'briefing-state', 'briefing-ledger']) {
      const keys: string[] = [];
      for await (const [key] of h.keyv.namespace(name).iterator!(undefined) as AsyncGenerator<[string]>)
        keys.push(key);
      expect(keys, name).toEqual([]);
    }
  });
});

describe('a platform without a sender', () => {
  it('keeps its chats waiting, and delivers once its sender is given', async () => {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z') });
    await h.service.subscribe('discord:9', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
    await h.service.start({ senders: {}, ticks: 'manual' });
    await runUntil(h, at('2026-11-28T04:00:00Z'));
    const sender = createFakeSender(h.clock);
    h.service.useSender('discord', sender);
    await runUntil(h, at('2026-11-28T04:02:00Z'));
    expect(sender.sent.map((s) => iso(s.at))).toEqual(['2026-11-28T04:01:00.000Z']);
    expect(sender.sent[0]!.at - at('2026-11-28T03:30:00Z')).toBeLessThan(DAY);
  });
});
