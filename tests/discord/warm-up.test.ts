import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { warmUp } from '../../adapters/discord/warm-up.js';
import { createCommandRateLimit } from '../../commands/index.js';
import { createFixedClock, openBriefer, type Briefer } from '../../src/index.js';
import { startBotOnFake } from '../fakes/discord/bot-harness.js';
import { NOW, openSeedBriefer } from '../support/seed-briefer.js';

let services: Briefer;
beforeAll(async () => {
  services = await openSeedBriefer();
});
afterAll(() => services.close());

const listeningServers = () =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;

describe('Discord warm-up at start', () => {
  it('answers commands on the seed articles through REST to a stand-in in this process, then closes it', async () => {
    const servers = listeningServers();
    const report = await warmUp(services, { interactions: 30, atOnce: 10, deferWhenWaiting: 4 });
    expect(report.interactions).toBe(30);
    // ten at once, as in a burst: four wait their turn and are answered directly, the rest deferred and edited
    expect(report.edits).toBe(18);
    // one callback each, and an edit for each deferred one: the seed digests fit in one message
    expect(report.requests).toBe(30 + report.edits);
    // closed handles leave the list once libuv has released them
    await vi.waitFor(() => expect(listeningServers()).toBe(servers), { timeout: 1_000 });
  });

  it('stops when its time is up, and does nothing when asked for nothing', async () => {
    expect((await warmUp(services, { interactions: 1_000, budgetMs: 0 })).interactions).toBe(0);
    expect(await warmUp(services, { interactions: 0 })).toEqual({
      interactions: 0,
      requests: 0,
      edits: 0,
      ms: 0,
    });
  });

  it('works on an empty store too', async () => {
    const empty = await openBriefer({
      storeUrl: 'memory://',
      sources: [],
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock: createFixedClock(NOW),
    });
    try {
      const report = await warmUp(empty, { interactions: 6 });
      expect(report.requests).toBe(6 + report.edits);
    } finally {
      await empty.close();
    }
  });

  it('runs in start() without a request to Discord, a button or a rate-limit count of its own', async () => {
    const logged: { message: string; context?: Record<string, unknown> }[] = [];
    const logger = {
      ...services.logger,
      debug: (message: string, context?: Record<string, unknown>) => void logged.push({ message, context }),
    };
    const rateLimit = createCommandRateLimit({ clock: services.clock, limit: 1 });
    const on = await startBotOnFake(services, { bot: { logger, rateLimit, warmUp: { interactions: 20 } } });
    try {
      const warmed = logged.find((entry) => entry.message === 'discord answer path warmed up');
      expect(warmed?.context).toMatchObject({ interactions: 20 });
      expect(warmed?.context?.requests).toBe(20 + (warmed?.context?.edits as number));
      expect(on.fake.requests.filter((r) => /^\/(interactions|webhooks)\//.test(r.path))).toEqual([]);
      // the reader's first command is still within their limit of one
      const { messages } = await on.answer(on.fake.command('latest', { count: 3 }));
      expect(messages[0]!.content).toBe('**Latest news**');
    } finally {
      await on.close();
    }
  });
});
