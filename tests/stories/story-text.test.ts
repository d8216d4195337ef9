import { describe, expect, it } from 'vitest';
import { stemEnglish, stemPashto, stemPersian } from '../../src/stories/stem.js';
import { storyLanguage, storyTerms } from '../../src/stories/story-text.js';

const terms = (title: string, lede: string, language: string) =>
  storyTerms(title, lede, language).map(({ term }) => term);
const weights = (title: string, lede: string, language: string) =>
  Object.fromEntries(storyTerms(title, lede, language).map(({ term, weight }) => [term, weight]));

describe('story terms', () => {
  it('folds arabic letter variants and ZWNJ so two spellings of a dari word agree', () => {
    expect(terms('علی لاريجاني', '', 'fa')).toEqual(terms('علی لاریجانی', '', 'fa'));
    expect(terms('ميله‌هاي مرزي', '', 'fa')).toEqual(terms('میلههای مرزی', '', 'fa'));
  });

  it('drops stop words in english, dari and pashto', () => {
    expect(terms('The', 'He said that it was on them, with us.', 'en')).toEqual([]);
    expect(terms('و در به از', 'که را با این است می‌گوید', 'fa')).toEqual([]);
    expect(terms('د په کې او', 'چې له ته وايي', 'ps')).toEqual([]);
    expect(terms('Floods in Baghlan', '', 'en')).toEqual(['flood', 'baghlan']);
  });

  it('keeps numbers whole, in any digits, with or without separators', () => {
    expect(terms('2,500 injured', '', 'en')).toContain('2500');
    expect(terms('۲۵۰۰ زخمی', '', 'fa')).toContain('2500');
    expect(terms('۵٫۲ ریشتر', '', 'fa')).toContain('5.2');
    expect(terms('a 6.0 magnitude quake', '', 'en')).toContain('6');
    expect(terms('a 5.2 magnitude quake', '', 'en')).toContain('5.2');
  });

  it('reads "U.S." and "US" as the country, and "us" as a pronoun', () => {
    expect(terms('U.S. return to Bagram', '', 'en')).toContain('usa');
    expect(terms('US return to Bagram', '', 'en')).toContain('usa');
    expect(terms('tell us more', '', 'en')).not.toContain('usa');
    expect(terms('tell us more', '', 'en')).not.toContain('us');
  });

  it('weighs names and numbers double, and a Title Case title marks no names', () => {
    const sentenceCase = weights('Flash floods kill 50 in Baghlan', 'The rain hit the province.', 'en');
    expect(sentenceCase).toMatchObject({ flash: 2, baghlan: 2, 50: 2, flood: 1, rain: 1 });
    const titleCase = weights(
      'Flash Floods Kill Dozens in Baghlan',
      'At least 50 died as floods hit Baghlan.',
      'en',
    );
    expect(titleCase).toMatchObject({ flash: 1, flood: 1, dozen: 1, baghlan: 2, 50: 2 });
  });

  it('counts no names outside english, where letters have no case', () => {
    const dari = weights('سیلاب در بغلان', 'سیلاب ۵۰ کشته برجا گذاشت', 'fa');
    expect(dari['50']).toBe(2);
    expect(Object.values(dari).filter((weight) => weight === 2)).toHaveLength(1);
  });

  it('keeps each term once: numbers, then words in order of first appearance', () => {
    expect(terms('Kabul floods', 'Floods in Kabul kill 12', 'en')).toEqual(['12', 'kabul', 'flood', 'kill']);
  });
});

describe('light stemmers', () => {
  it('make english inflections agree', () => {
    for (const word of ['kill', 'kills', 'killed', 'killing']) expect(stemEnglish(word)).toBe('kill');
    for (const word of ['close', 'closed', 'closing']) expect(stemEnglish(word)).toBe('clos');
    expect(stemEnglish('stopped')).toBe('stop');
    expect(stemEnglish('casualties')).toBe('casualty');
    expect(stemEnglish('news')).toBe('new');
    // short words are left alone
    expect(stemEnglish('bus')).toBe('bus');
  });

  it('take the persian plural and pashto endings off, never the whole word', () => {
    expect(stemPersian('میلههای')).toBe(stemPersian('میله'));
    expect(stemPersian('ها')).toBe('ها');
    expect(stemPashto('زلزلې')).toBe(stemPashto('زلزله'));
    expect(stemPashto('ځواکونو')).toBe(stemPashto('ځواکونه'));
    expect(stemPashto('ده')).toBe('ده');
  });
});

describe('story language', () => {
  it('groups by primary subtag, with dari and pashto varieties as fa and ps', () => {
    expect(storyLanguage('fa-AF')).toBe('fa');
    expect(storyLanguage('prs')).toBe('fa');
    expect(storyLanguage('ps-AF')).toBe('ps');
    expect(storyLanguage('pbt')).toBe('ps');
    expect(storyLanguage('EN-gb')).toBe('en');
    expect(storyLanguage('ur')).toBe('ur');
  });
});
