// the time formats the bot prepares at start, and the kept answers of formatAbsolute
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot } from '../../adapters/discord/create-discord-bot.js';
import { formatAbsolute, warmTimeFormats } from '../../src/digest/format-time.js';
import type { Briefer } from '../../src/index.js';
import { memoryHashStore } from '../fakes/discord/bot-harness.js';
import { startFakeDiscord } from '../fakes/discord-server.js';
import { openSeedBriefer } from '../support/seed-briefer.js';

const AT = Date.UTC(2025, 8, 24, 9, 42);

describe('warmTimeFormats', () => {
  it('prepares a zone without changing what is shown', () => {
    warmTimeFormats('America/New_York');
    expect(formatAbsolute(AT, 'America/New_York')).toBe('24 Sep 2025, 05:42 EDT');
  });

  it('names an unknown zone', () => {
    expect(() => warmTimeFormats('Mars/Olympus')).toThrow(RangeError);
    expect(() => warmTimeFormats('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('formatAbsolute: kept answers', () => {
  it('gives the same text again, and keeps zones and locales apart', () => {
    const kabul = formatAbsolute(AT, 'Asia/Kabul');
    expect(kabul).toBe('24 Sep 2025, 14:12');
    expect(formatAbsolute(AT, 'Asia/Kabul')).toBe(kabul);
    expect(formatAbsolute(AT, 'UTC')).toBe('24 Sep 2025, 09:42 UTC');
    expect(formatAbsolute(AT, 'UTC', 'de-DE')).not.toBe(formatAbsolute(AT, 'UTC'));
  });

  it('stays right after many different times have pushed the first ones out', () => {
    const first = formatAbsolute(AT, 'Asia/Kabul');
    for (let i = 1; i <= 5_000; i += 1) formatAbsolute(AT + i * 60_000, 'Asia/Kabul');
    expect(formatAbsolute(AT + 5_000 * 60_000, 'Asia/Kabul')).toBe('28 Sep 2025, 01:32');
    expect(formatAbsolute(AT, 'Asia/Kabul')).toBe(first);
  });

  it('keeps no answer for a time that is not one', () => {
    expect(() => formatAbsolute(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => formatAbsolute(Number.NaN, 'UTC')).toThrow(RangeError);
  });
});

describe('Discord bot: time formats at start', () => {
  let services: Briefer;
  beforeAll(async () => {
    services = await openSeedBriefer();
  });
  afterAll(async () => {
    await services.close();
  });

  it('starts anyway with a zone it cannot prepare, and says so', async () => {
    const fake = await startFakeDiscord();
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
    const bot = createDiscordBot(
      { token: fake.token, apiRoot: fake.apiRoot, registry: memoryHashStore(), logger },
      { ...services, timeZone: 'Mars/Olympus' },
    );
    try {
      await bot.start();
      expect(bot.client.isReady()).toBe(true);
      expect(warnings).toContain('could not prepare the time formats');
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
