import { describe, expect, it } from 'vitest';
import {
  asciiDigits,
  findCalendar,
  findLocale,
  isolateField,
  isolateRuns,
  localDigits,
  localeFromLanguageCode,
} from '../../src/i18n/index.js';

// ⟦ ⟧ stand for the isolates, so expectations can be read
const shown = (text: string) => text.replace(/\u2068/g, '⟦').replace(/\u2069/g, '⟧');

describe('isolates around text of the other direction', () => {
  it('wrap each Latin run of a Dari line, commands with their arguments, outside quotes and stops', () => {
    expect(shown(isolateRuns('مثال: /latest، /latest 10', 'rtl'))).toBe('مثال: ⟦/latest⟧، ⟦/latest 10⟧');
    expect(shown(isolateRuns('منطقهٔ زمانی این چت Asia/Kabul است.', 'rtl'))).toBe(
      'منطقهٔ زمانی این چت ⟦Asia/Kabul⟧ است.',
    );
  });

  it('keep brackets paired in the line’s own direction', () => {
    expect(shown(isolateRuns('• Ariana News (ariana-news، en): ۴ مقاله', 'rtl'))).toBe(
      '• ⟦Ariana News⟧ (⟦ariana-news⟧، ⟦en⟧): ۴ مقاله',
    );
  });

  it('wrap a Dari word in an English line, and leave lines of one direction alone', () => {
    expect(shown(isolateRuns('Nothing matches "افغان". See /topics.', 'ltr'))).toBe(
      'Nothing matches "⟦افغان⟧". See /topics.',
    );
    expect(isolateRuns('Latest news', 'ltr')).toBe('Latest news');
    expect(isolateRuns('تازه‌ترین خبرها (۱۲)', 'rtl')).toBe('تازه‌ترین خبرها (۱۲)');
  });

  it('never wrap a web address, so a client’s link detection keeps the whole of it', () => {
    expect(isolateRuns('نشانی https://example.com/feed', 'rtl')).toBe('نشانی https://example.com/feed');
  });

  it('wrap a headline whole when it holds letters of the other direction', () => {
    expect(shown(isolateField('Iran rejects US return to Bagram', 'rtl'))).toBe(
      '⟦Iran rejects US return to Bagram⟧',
    );
    expect(shown(isolateField('طالبان', 'ltr'))).toBe('⟦طالبان⟧');
    expect(isolateField('Iran rejects US', 'ltr')).toBe('Iran rejects US');
    expect(isolateField('', 'rtl')).toBe('');
  });
});

describe('digits and language names', () => {
  it('write the bot’s numbers in Eastern digits in Dari and Pashto, and read them back', () => {
    expect(localDigits('08:00', 'fa-AF')).toBe('۰۸:۰۰');
    expect(localDigits('08:00', 'en')).toBe('08:00');
    expect(asciiDigits('/latest ۱۰ ٣')).toBe('/latest 10 3');
  });

  it('default from a platform’s language code: fa → Dari, ps → Pashto, anything else → English', () => {
    expect(localeFromLanguageCode('fa')).toBe('fa-AF');
    expect(localeFromLanguageCode('fa-IR')).toBe('fa-AF');
    expect(localeFromLanguageCode('ps')).toBe('ps');
    expect(localeFromLanguageCode('en-US')).toBe('en');
    expect(localeFromLanguageCode('de')).toBe('en');
    expect(localeFromLanguageCode(undefined)).toBe('en');
  });

  it('know each language by its names in any of the three languages', () => {
    expect(findLocale('دری')).toBe('fa-AF');
    expect(findLocale('دري')).toBe('fa-AF');
    expect(findLocale('Dari')).toBe('fa-AF');
    expect(findLocale('پښتو')).toBe('ps');
    expect(findLocale('پشتو')).toBe('ps');
    expect(findLocale('English')).toBe('en');
    expect(findLocale('انګلیسي')).toBe('en');
    expect(findLocale('klingon')).toBeUndefined();
    expect(findCalendar('solar')).toBe('persian');
    expect(findCalendar('هجری شمسی')).toBe('persian');
    expect(findCalendar('gregorian')).toBe('gregorian');
    expect(findCalendar('lunar')).toBeUndefined();
  });
});
