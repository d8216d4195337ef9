import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDiscord } from '../../adapters/discord/render-embeds.js';
import { renderTelegram } from '../../adapters/telegram/render-html.js';
import type { Reply } from '../../commands/index.js';
import type { Locale } from '../../src/index.js';
import { checkDiscordMessage } from '../support/discord-limits-check.js';
import { expectGoldenFile } from '../support/golden.js';
import { checkTelegramMessage } from '../support/telegram-html-check.js';
import { GOLDEN_LOCALES, goldenReplies, RENDERERS } from './replies.js';

const DIR = path.join(import.meta.dirname, 'files');
const replies = new Map<Locale, Awaited<ReturnType<typeof goldenReplies>>>();

beforeAll(async () => {
  for (const locale of GOLDEN_LOCALES) replies.set(locale, await goldenReplies(locale));
});

describe.each(GOLDEN_LOCALES)('golden replies in %s', (locale) => {
  const names = ['help', 'topic', 'briefing'] as const;
  it.each(names)('%s on every renderer, byte for byte', (name) => {
    const reply = replies.get(locale)![name] as Reply;
    for (const [format, render] of Object.entries(RENDERERS)) {
      expectGoldenFile(path.join(DIR, `${name}.${locale}.${format}.txt`), render(reply));
    }
  });

  it.each(names)('%s stays valid Telegram HTML and within Discord’s limits, isolates counted', (name) => {
    const reply = replies.get(locale)![name] as Reply;
    for (const message of renderTelegram(reply)) expect(checkTelegramMessage(message)).toEqual([]);
    for (const message of renderDiscord(reply)) expect(checkDiscordMessage(message)).toEqual([]);
  });

  it('speaks the language of the reader, with its digits and the chosen calendar', () => {
    const { topic, briefing } = replies.get(locale)!;
    expect(topic.locale).toBe(locale);
    expect(briefing.digest?.locale).toBe(locale);
    const title = briefing.digest?.title ?? '';
    // 28 November 2026: 7 Qaws 1405 in the Solar Hijri calendar, "قوس" in Dari and "لیندۍ" in Pashto
    if (locale === 'en') expect(title).toBe('Your briefing — Saturday 28 November');
    if (locale === 'fa-AF') expect(title).toBe('خلاصهٔ خبری شما — شنبه ۷ قوس');
    if (locale === 'ps') expect(title).toMatch(/^ستاسو لنډیز — .+ ۷ لیندۍ$/);
  });
});
