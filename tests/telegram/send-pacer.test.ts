import { describe, expect, it } from 'vitest';
import {
  createSendPacer,
  isGroupChat,
  windowsFromRates,
  type SendWindow,
  type SendWindows,
} from '../../adapters/telegram/send-pacer.js';

const windows = (overall: SendWindow, chat: SendWindow, group: SendWindow): SendWindows => ({
  overall,
  chat,
  group,
});

/** acquires a slot for each chat in turn, answers at once, and gives the time each was answered */
async function run(pacer: ReturnType<typeof createSendPacer>, chats: (number | string)[]) {
  const start = performance.now();
  return Promise.all(
    chats.map(async (chat) => {
      const release = await pacer.acquire(chat);
      const at = performance.now() - start;
      release();
      return { chat, at };
    }),
  );
}

/** the largest number of times inside any window of `ms` */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const inside = sorted.filter((t) => t >= sorted[i]! && t < sorted[i]! + ms).length;
    most = Math.max(most, inside);
  }
  return most;
}

describe('the send pacer', () => {
  it('never lets more than the overall limit through in any window, and keeps up with it', async () => {
    const pacer = createSendPacer(
      windows({ limit: 5, ms: 100 }, { limit: 1, ms: 100 }, { limit: 20, ms: 1000 }),
    );
    const slots = await run(
      pacer,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(
      busiest(
        slots.map((s) => s.at),
        100,
      ),
    ).toBeLessThanOrEqual(5);
    // 20 at 5 per 100 ms need three more windows after the first
    expect(Math.max(...slots.map((s) => s.at))).toBeGreaterThanOrEqual(300);
    expect(Math.max(...slots.map((s) => s.at))).toBeLessThan(1000);
  });

  it('spaces one chat by its window without holding back other chats', async () => {
    const pacer = createSendPacer(
      windows({ limit: 30, ms: 1000 }, { limit: 1, ms: 150 }, { limit: 20, ms: 1000 }),
    );
    const slots = await run(pacer, [1, 1, 1, 2, 3]);
    const ones = slots.filter((s) => s.chat === 1).map((s) => s.at);
    expect(ones[1]! - ones[0]!).toBeGreaterThanOrEqual(149);
    expect(ones[2]! - ones[1]!).toBeGreaterThanOrEqual(149);
    for (const other of slots.filter((s) => s.chat !== 1)) expect(other.at).toBeLessThan(ones[1]!);
  });

  it('holds a group to its own window on top of the chat window', async () => {
    const pacer = createSendPacer(
      windows({ limit: 30, ms: 1000 }, { limit: 5, ms: 10 }, { limit: 2, ms: 200 }),
    );
    const slots = await run(pacer, [-5, -5, -5, 7, 7, 7]);
    const group = slots.filter((s) => s.chat === -5).map((s) => s.at);
    expect(group[2]!).toBeGreaterThanOrEqual(199);
    expect(slots.filter((s) => s.chat === 7).every((s) => s.at < group[2]!)).toBe(true);
  });

  it('counts a message from its answer: a slow request keeps its slot until answered', async () => {
    const pacer = createSendPacer(
      windows({ limit: 1, ms: 50 }, { limit: 1, ms: 50 }, { limit: 20, ms: 1000 }),
    );
    const release = await pacer.acquire(1);
    let second = false;
    const next = pacer.acquire(2).then((r) => {
      second = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(second).toBe(false);
    const answered = performance.now();
    release();
    (await next)();
    expect(performance.now() - answered).toBeGreaterThanOrEqual(49);
  });

  it('pauses one chat, or every chat, for a while', async () => {
    const pacer = createSendPacer(
      windows({ limit: 30, ms: 1000 }, { limit: 5, ms: 1000 }, { limit: 20, ms: 1000 }),
    );
    pacer.pause(1, 120);
    const slots = await run(pacer, [1, 2]);
    expect(slots[0]!.at).toBeGreaterThanOrEqual(119);
    expect(slots[1]!.at).toBeLessThan(slots[0]!.at);
    pacer.pause(undefined, 80);
    const later = await run(pacer, [3]);
    expect(later[0]!.at).toBeGreaterThanOrEqual(79);
  });

  it('drops a cancelled wait, and rejects whatever still waits when closed', async () => {
    const pacer = createSendPacer(
      windows({ limit: 1, ms: 10_000 }, { limit: 1, ms: 10_000 }, { limit: 1, ms: 10_000 }),
    );
    (await pacer.acquire(1))();
    const controller = new AbortController();
    const cancelled = pacer.acquire(2, controller.signal);
    const waiting = pacer.acquire(3);
    expect(pacer.waiting).toBe(2);
    controller.abort();
    await expect(cancelled).rejects.toThrow(/cancelled/);
    expect(pacer.waiting).toBe(1);
    pacer.close();
    await expect(waiting).rejects.toThrow(/stopped/);
    await expect(pacer.acquire(4)).rejects.toThrow(/stopped/);
  });

  it('forgets chats whose windows have passed', async () => {
    let clock = 0;
    const pacer = createSendPacer(
      windows({ limit: 100, ms: 1000 }, { limit: 1, ms: 1000 }, { limit: 20, ms: 60_000 }),
      () => clock,
    );
    for (let chat = 1; chat <= 50; chat += 1) (await pacer.acquire(chat))();
    expect(pacer.tracked).toBe(51);
    clock = 120_000;
    (await pacer.acquire(999))();
    expect(pacer.tracked).toBe(2);
  });

  it('turns configured rates into windows, and refuses rates that cannot work', () => {
    expect(windowsFromRates({ perSecond: 30, chatPerSecond: 1, groupPerMinute: 20 })).toEqual({
      overall: { limit: 30, ms: 1000 },
      chat: { limit: 1, ms: 1000 },
      group: { limit: 20, ms: 60_000 },
    });
    expect(windowsFromRates({ perSecond: 30, chatPerSecond: 0.5, groupPerMinute: 20 }).chat).toEqual({
      limit: 1,
      ms: 2000,
    });
    expect(() => windowsFromRates({ perSecond: 30, chatPerSecond: 0, groupPerMinute: 20 })).toThrow(
      /chatPerSecond/,
    );
    expect(() => windowsFromRates({ perSecond: NaN, chatPerSecond: 1, groupPerMinute: 20 })).toThrow(
      /perSecond/,
    );
  });

  it('knows groups and channels by their ids', () => {
    expect(isGroupChat(-1001234)).toBe(true);
    expect(isGroupChat('@channel')).toBe(true);
    expect(isGroupChat('-42')).toBe(true);
    expect(isGroupChat(42)).toBe(false);
    expect(isGroupChat('42')).toBe(false);
  });
});
