import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, t, type Locale, type MessageKey } from '../../src/i18n/index.js';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

// argument names of an ICU message, with the kind of each (plain, number, select, plural…)
function placeholders(message: string, locale: Locale): string[] {
  const found = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type >= 1 && element.type <= 6 && element.value !== undefined) {
        found.add(`${element.value}:${element.type}`);
      }
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as Element[]);
  return [...found].sort();
}

const keys = Object.keys(CATALOGUES.en) as MessageKey[];

// a value for every placeholder: numbers where the message formats a number
function sampleValues(key: MessageKey): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const placeholder of placeholders(CATALOGUES.en[key], 'en')) {
    const [name = '', type] = placeholder.split(':');
    values[name] = type === '1' || type === '5' ? 'x' : 7;
  }
  return values;
}

describe('the message catalogues', () => {
  it('have the same keys in English, Dari and Pashto', () => {
    for (const locale of LOCALES) expect(Object.keys(CATALOGUES[locale]).sort()).toEqual([...keys].sort());
  });

  it('have the same placeholders, of the same kinds, in every language', () => {
    for (const key of keys) {
      const english = placeholders(CATALOGUES.en[key], 'en');
      for (const locale of LOCALES) {
        expect(placeholders(CATALOGUES[locale][key], locale), `${locale} ${key}`).toEqual(english);
      }
    }
  });

  it('format every message in every language, with no placeholder left unfilled', () => {
    for (const key of keys) {
      for (const locale of LOCALES) {
        const text = t(locale, key, sampleValues(key));
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('write the bot’s numbers in Eastern Arabic-Indic digits in Dari and Pashto', () => {
    expect(t('en', 'sources.heading', { count: 12 })).toBe('Sources (12). Ask with /latest <source>');
    expect(t('fa-AF', 'sources.heading', { count: 12 })).toContain('۱۲');
    expect(t('ps', 'topics.entry', { name: 'a', others: 'b', id: 'c', count: 3 })).toContain('۳ مقالې');
    expect(t('fa-AF', 'args.topicListLong', { max: 1000 })).toContain('۱۰۰۰');
  });

  it('are Dari and Pashto, not English left untranslated', () => {
    for (const locale of ['fa-AF', 'ps'] as const) {
      const same = keys.filter(
        (key) => CATALOGUES[locale][key] === CATALOGUES.en[key] && /[A-Za-z]{3}/.test(CATALOGUES.en[key]),
      );
      // usage lines made only of command names and their English keywords are the same in every language
      expect(
        same.filter((key) => !key.endsWith('.usage')),
        locale,
      ).toEqual([]);
    }
  });

  it('refuse a key that is not in the catalogue at compile time, and an unfilled placeholder at run time', () => {
    // @ts-expect-error: not a message key
    expect(() => t('en', 'no.such.key')).toThrow();
    expect(() => t('en', 'latest.titleFrom')).toThrow(/names/);
  });
});
