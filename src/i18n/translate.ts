// the bot's own words: ICU messages from the catalogues, compiled once per locale and key.
import { IntlMessageFormat } from 'intl-messageformat';
import en from './catalogues/en.json' with { type: 'json' };
import fa from './catalogues/fa-AF.json' with { type: 'json' };
import ps from './catalogues/ps.json' with { type: 'json' };
import type { Locale } from './locale.js';

/** every message the bot writes, named by its key in the English catalogue */
export type MessageKey = keyof typeof en;
/** a list (string[]) is joined with the locale's comma */
export type MessageValues = Record<string, string | number | readonly string[]>;

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
        typeof value === 'object' ? joinList(locale, value) : value,
      ]),
    );
  const text = compile(locale, key).format<string>(filled);
  return Array.isArray(text) ? text.join('') : String(text);
}

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** "a, b, c" with the locale's comma ("a، b، c" in Dari and Pashto) */
export const joinList = (locale: Locale, items: readonly string[]): string =>
  items.join(t(locale, 'list.separator'));
