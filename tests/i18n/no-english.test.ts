// no English words of the bot's own in a Dari or Pashto reply: the words of the English catalogue
// that its Dari or Pashto counterpart does not keep on purpose (command keywords, zone names,
// "Discord") must not show; news text, outlet names and commands with their arguments are left out.
import { IntlMessageFormat } from 'intl-messageformat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.js';
import { renderDiscord } from '../../adapters/discord/render-embeds.js';
import { renderTelegram } from '../../adapters/telegram/render-html.js';
import { runCommand, type Reply } from '../../commands/index.js';
import { CATALOGUES, digestItems, t, type Briefer, type Locale } from '../../src/index.js';
import { goldenReplies } from '../golden/replies.js';
import { openSeedBriefer } from '../support/seed-briefer.js';
import { parseTelegramHtml } from '../support/telegram-html-check.js';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

// the literal text of every message: commands ("/latest …") and placeholders' angle brackets left out
function literalWords(locale: Locale): Set<string> {
  const found = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type === 0 && element.value !== undefined) {
        const text = element.value.replace(/\/[a-z_]+/g, ' ').replace(/<[^>]*>/g, ' ');
        for (const word of text.match(/[A-Za-z]{3,}/g) ?? []) found.add(word.toLowerCase());
      }
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  for (const message of Object.values(CATALOGUES[locale])) {
    walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as Element[]);
  }
  return found;
}

const englishOnly = (locale: Locale) => {
  const kept = literalWords(locale);
  return new Set([...literalWords('en')].filter((word) => !kept.has(word)));
};

// what a reader sees of a reply on each platform, news and commands taken out
function visibleText(reply: Reply): string {
  const telegram = renderTelegram(reply).map((message) => parseTelegramHtml(message.text).text);
  const discord = renderDiscord(reply).flatMap((message) => [
    message.content ?? '',
    ...message.embeds.flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      embed.author?.name ?? '',
      embed.footer?.text ?? '',
    ]),
  ]);
  // /language offers each language in its own name ("English" to a Dari reader, on purpose)
  const buttons = (reply.choices ?? [])
    .filter((choice) => !choice.command.startsWith('/language '))
    .map((choice) => choice.label);
  let text = [renderText(reply), ...telegram, ...discord, ...buttons].join('\n');
  const news = reply.digest
    ? digestItems(reply.digest).flatMap((item) => [
        item.title,
        item.summary,
        item.sourceName,
        ...item.alsoReportedBy.map((other) => other.sourceName),
      ])
    : [];
  for (const piece of [...news, 'Ariana News'].filter((piece) => piece.trim() !== '')) {
    for (const part of piece.split(/\s+/)) if (part.length > 2) text = text.split(part).join(' ');
  }
  return text
    .replace(/[\u2068\u2069]/g, '')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\/[a-z_]+(?:@\w+)?(?:[ \t]+[A-Za-z0-9:._@-]+)*/g, ' ');
}

const LINES = [
  '/topics',
  '/sources',
  '/latest 2',
  '/language',
  '/subscriptions',
  '/timezone',
  '/briefing',
  '/topic xyzzyq',
  '/topic afghanistn',
  '/latest 99',
  '/nosuch',
  '/source list',
  '/subscribe iran at 07:30',
  '/subscriptions',
  '/unsubscribe pakistan',
  '/timezone Tehran',
];

let briefer: Briefer;
beforeAll(async () => {
  briefer = await openSeedBriefer();
});
afterAll(() => briefer.close());

describe.each(['fa-AF', 'ps'] as const)('a reply in %s', (locale) => {
  const english = englishOnly(locale);
  const leaks = (reply: Reply) =>
    (visibleText(reply).match(/[A-Za-z]{3,}/g) ?? []).filter((word) => english.has(word.toLowerCase()));

  it('has English words to look for (the check is not empty)', () => {
    expect(english.has('briefing')).toBe(true);
    expect(english.has('also')).toBe(true);
    expect(leaks({ text: t('en', 'latest.empty'), locale })).not.toEqual([]);
  });

  it('of /help, /topic afghanistan and a briefing holds none of the bot’s English words', async () => {
    const replies = await goldenReplies(locale);
    for (const [name, reply] of Object.entries(replies)) expect(leaks(reply), name).toEqual([]);
    // a story other outlets carried too: "also:" and "… more" in the reader's language
    const digest = replies.topic.digest!;
    const [first, ...rest] = digest.sections[0]!.items;
    const others = ['Tolo', 'Pajhwok', 'Khaama', 'Shamshad', 'Hasht-e Subh', 'Etilaatroz', 'Kabul Now'];
    const story = { ...first!, alsoReportedBy: others.map((sourceName) => ({ sourceName })) };
    const withStory = { ...replies.topic, digest: { ...digest, sections: [{ items: [story, ...rest] }] } };
    expect(leaks(withStory)).toEqual([]);
    expect(visibleText(withStory)).toContain(t(locale, 'render.also'));
  });

  it('of every other command, its mistakes and its suggestions, holds none either', async () => {
    const chat = `telegram:-${locale === 'ps' ? 2 : 1}0077`;
    for (const line of LINES) {
      const [name = '', ...rest] = line.slice(1).split(' ');
      const context = { chat, user: 'telegram:9', timeZone: 'Asia/Kabul', locale };
      const reply = await runCommand({ name, text: rest.join(' '), context }, briefer);
      expect(leaks(reply), line).toEqual([]);
    }
  });
});
