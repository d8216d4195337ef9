// the bot's own words: ICU messages from the catalogues, compiled once per locale and key.
import { IntlMessageFormat } from 'intl-messageformat';
import en from './catalogues/en.json' with { type: 'json' };
import fa from './catalogues/fa-AF.json' with { type: 'json' };
import ps from './catalogues/ps.json' with { type: 'json' };
import type { Locale } from './locale.js';

/** every message the bot writes, named by its key in the English catalogue */
export type MessageKey = keyof typeof en;

/**
 * One of the bot's messages not yet put in a language: kept as a key and its values where it is
 * decided (deep in the core, in an error), and written in the reader's language where it is shown.
 */
export interface Said {
  readonly key: MessageKey;
  readonly values?: MessageValues;
}

/** words that depend on the reader's language but come from elsewhere: a topic's own names */
export type InLocale = (locale: Locale) => string;

type MessageItem = string | Said | InLocale;
/** a Said inside a message is written in the same language; a list is joined with the locale's comma */
export type MessageValue = number | MessageItem | readonly MessageItem[];
export type MessageValues = Record<string, MessageValue>;

/** a message to write later, in the reader's language */
export const said = (key: MessageKey, values?: MessageValues): Said => (values ? { key, values } : { key });

export const isSaid = (value: unknown): value is Said =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { key?: unknown }).key === 'string' &&
  isMessageKey((value as { key: string }).key);

// typed against the English keys: a catalogue missing a key does not compile
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, 'fa-AF': fa, ps };

const compiled = new Map<string, IntlMessageFormat>();

function compile(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (format === undefined) {
    // ignoreTag: "<url>" and "<zone>" in usage lines are text, not markup
    format = new IntlMessageFormat(CATALOGUES[locale][key], locale, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/** The message `key` in `locale`, with its placeholders filled; numbers come out in the locale's digits. */
export function t(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const filled =
    values &&
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        typeof value === 'number'
          ? value
          : isList(value)
            ? joinList(
                locale,
                value.map((item) => written(locale, item)),
              )
            : written(locale, value),
      ]),
    );
  const text = compile(locale, key).format<string>(filled);
  return Array.isArray(text) ? text.join('') : String(text);
}

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

const isList = (value: MessageValue): value is readonly MessageItem[] => Array.isArray(value);

function written(locale: Locale, item: MessageItem): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'function') return item(locale);
  return t(locale, item.key, item.values);
}

/** "a, b, c" with the locale's comma ("a، b، c" in Dari and Pashto) */
export const joinList = (locale: Locale, items: readonly string[]): string =>
  items.join(t(locale, 'list.separator'));
