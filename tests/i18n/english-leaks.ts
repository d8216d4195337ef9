// what the no-English tests share: the words of the English catalogue that Dari or Pashto does not keep
// on purpose, what a reader sees of a reply on every platform, and the Latin words left in it.
import { IntlMessageFormat } from 'intl-messageformat';
import { renderText } from '../../adapters/console/render-text.js';
import { renderDiscord } from '../../adapters/discord/render-embeds.js';
import { renderTelegram } from '../../adapters/telegram/render-html.js';
import type { Reply } from '../../commands/index.js';
import { CATALOGUES, digestItems, type Locale } from '../../src/index.js';
import { parseTelegramHtml } from '../support/telegram-html-check.js';

// a Latin word as the strict check reads it: "base64", "central-asia", "xmlUrl"
const LATIN = /[A-Za-z][A-Za-z0-9-]+/g;

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

// the literal text of every message: commands ("/latest …") and placeholders' angle brackets left out
function literalWords(locale: Locale, caseSensitive = false, words = /[A-Za-z]{3,}/g): Set<string> {
  const found = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type === 0 && element.value !== undefined) {
        const text = element.value.replace(/\/[a-z_]+/g, ' ').replace(/<[^>]*>/g, ' ');
        for (const word of text.match(words) ?? []) {
          found.add(caseSensitive ? word : word.toLowerCase());
        }
      }
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  for (const message of Object.values(CATALOGUES[locale])) {
    walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as Element[]);
  }
  return found;
}

/** the English catalogue's words that the `locale` catalogue does not keep on purpose, lower case */
export const englishOnly = (locale: Locale): Set<string> => {
  const kept = literalWords(locale);
  return new Set([...literalWords('en')].filter((word) => !kept.has(word)));
};

/** the Latin words the `locale` catalogue keeps on purpose ("Discord", "OPML", "HTTP"), as written */
export const keptLatin = (locale: Locale): Set<string> => literalWords(locale, true, LATIN);

/**
 * What a reader sees of a reply on each platform, with the news, `data` (a file's name, what the reader
 * typed), web addresses and commands with their arguments taken out.
 */
export function visibleText(reply: Reply, data: readonly string[] = []): string {
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
  // Discord escapes markdown ("\<url\>"): the reader sees the character alone
  let text = [renderText(reply), ...telegram, ...discord, ...buttons]
    .join('\n')
    .replace(/\\(?=[<>*_~`|])/g, '');
  const news = reply.digest
    ? digestItems(reply.digest).flatMap((item) => [
        item.title,
        item.summary,
        item.sourceName,
        ...item.alsoReportedBy.map((other) => other.sourceName),
      ])
    : [];
  for (const piece of [...news, ...data, 'Ariana News'].filter((piece) => piece.trim() !== '')) {
    for (const part of piece.split(/\s+/)) if (part.length > 2) text = text.split(part).join(' ');
  }
  return text
    .replace(/[\u2068\u2069]/g, '')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\/[a-z_]+(?:@\w+)?(?:[ \t]+[A-Za-z0-9:._@-]+)*/g, ' ');
}

/** the English catalogue's words (of those Dari or Pashto does not keep) in what a reader sees */
export function englishLeaks(locale: Locale) {
  const english = englishOnly(locale);
  return (reply: Reply, data: readonly string[] = []): string[] =>
    (visibleText(reply, data).match(/[A-Za-z]{3,}/g) ?? []).filter((word) => english.has(word.toLowerCase()));
}

/**
 * Stricter: every Latin word a reader sees must be one they can type (a topic or source id, as
 * written) or one the catalogue keeps on purpose; a topic's English name is caught even where it is
 * spelled like its id ("Afghanistan" is not "afghanistan").
 */
export function untypedLatin(locale: Locale, typeable: Iterable<string>) {
  const allowed = new Set([...keptLatin(locale), ...typeable]);
  return (reply: Reply, data: readonly string[] = []): string[] =>
    (visibleText(reply, data).match(LATIN) ?? []).filter((word) => !allowed.has(word));
}
