import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopics } from '../../src/topics/load-topics.js';
import { createTopicMatcher } from '../../src/topics/topic-matcher.js';
import type { TopicMatcher } from '../../src/topics/topic-matcher.js';
import type { Topic } from '../../src/topics/topic.js';

let matcher: TopicMatcher;
beforeAll(async () => {
  matcher = createTopicMatcher(await loadTopics());
});

const tag = (text: string): string[] => matcher.tag([text]);

describe('tag: English', () => {
  it('matches demonyms, possessives and plurals', () => {
    expect(tag('An Iranian official arrived.')).toEqual(['iran']);
    expect(tag('An Iranian delegation arrived.')).toEqual(['iran', 'diplomacy']);
    expect(tag("Iran's foreign ministry")).toEqual(['iran', 'diplomacy']);
    expect(tag('Iran’s ambassador')).toEqual(['iran', 'diplomacy']);
    expect(tag('Afghans queue for bread')).toEqual(['afghanistan']);
    expect(tag('Iranians and Russians')).toEqual(['iran', 'russia']);
  });

  it('respects word boundaries', () => {
    expect(tag('The minister flew to Tirana, the capital of Albania.')).toEqual([]);
    expect(tag('Iraq and Iranshahr')).toEqual([]);
    expect(tag('A Kabuli pulao recipe')).toEqual([]);
  });

  it('matches acronyms only in capitals: "us" is a word, "US" is the country', () => {
    expect(tag('Let us know what you think; tell us more.')).toEqual([]);
    expect(tag('Us and them')).toEqual([]);
    expect(tag('US troops left in 2021.')).toEqual(['united-states', 'security']);
    expect(tag('U.S. officials said')).toEqual(['united-states']);
    expect(tag('talks with the U.S')).toEqual(['united-states']);
    expect(tag('The IEA said')).toEqual(['afghanistan']);
    expect(tag('the iea said')).toEqual([]);
    expect(tag('SCO and CSTO members met')).toEqual(['central-asia']);
    expect(tag('IDPs and NGOs in Herat')).toEqual(['afghanistan', 'refugees', 'humanitarian']);
    expect(tag('ISIS claimed it')).toEqual(['security']);
  });

  it('does not trust acronyms in text written in capitals', () => {
    expect(tag('TELL US WHO IS TO BLAME')).toEqual([]);
    expect(tag('IEA REJECTS US CLAIMS ON BAGRAM')).toEqual(['afghanistan']);
  });

  it('matches multi-word aliases as word sequences, across hyphens and case', () => {
    expect(tag('the islamic emirate announced')).toEqual(['afghanistan']);
    expect(tag('Central-Asian states')).toEqual(['central-asia']);
    expect(tag('faculty of prophetic medicine')).toEqual(['health', 'education']);
    expect(tag('an Islamic scholar of the emirate')).toEqual([]);
    expect(tag('Mazar-i-Sharif')).toEqual(['afghanistan']);
  });

  it('ignores Latin diacritics', () => {
    expect(tag('Présidente of the Kremlin’s économie')).toEqual(['russia']);
    expect(tag('IRÁN and CHÍNA')).toEqual(['iran', 'china']);
  });

  it('keeps neutral phrases from tagging: Russian dressing, fine china, food security', () => {
    expect(tag('a salad with Russian dressing')).toEqual([]);
    expect(tag('plates of fine china')).toEqual([]);
    expect(tag('WFP warns on food security')).toEqual(['humanitarian']);
    expect(tag('exports to Latin America')).toEqual(['economy']);
    expect(tag('a Star Wars sequel and a landslide victory')).toEqual([]);
    expect(tag('a Russian diplomat in fine china shop')).toEqual(['russia', 'diplomacy']);
  });

  it('returns ids in taxonomy order, once, across title, summary and text', () => {
    const tags = matcher.tag(['Sports: cricket', 'Kabul hosts', 'Kabul hosts Iran again', '']);
    expect(tags).toEqual(['afghanistan', 'iran', 'sports']);
  });

  it('returns nothing for empty input', () => {
    expect(matcher.tag([])).toEqual([]);
    expect(matcher.tag(['', '   '])).toEqual([]);
  });
});

describe('tag: Dari', () => {
  it('tags a diplomacy sentence', () => {
    const text =
      'امیرخان متقی، وزیر خارجه امارت اسلامی، در کابل با سفیر ایران دیدار کرد و دو طرف روی گسترش روابط دوجانبه گفتگو کردند.';
    expect(tag(text)).toEqual(['afghanistan', 'iran', 'diplomacy']);
  });

  it('tags an earthquake report with attached forms (زمین‌لرزه‌ای، شفاخانه‌ها)', () => {
    const text =
      'زمین‌لرزه‌ای به بزرگی ۶.۳ ریشتر ولایت هرات را لرزاند و صدها خانه ویران شد؛ زخمیان به شفاخانه‌ها منتقل شدند.';
    expect(tag(text)).toEqual(['afghanistan', 'health', 'disasters']);
  });

  it('tags a refugees sentence', () => {
    const text =
      'هزاران مهاجر افغان از ایران و پاکستان اخراج شده‌اند و سازمان ملل از کمبود کمک‌های بشردوستانه هشدار داد.';
    expect(tag(text)).toEqual(['afghanistan', 'iran', 'pakistan', 'diplomacy', 'refugees', 'humanitarian']);
  });

  it('folds Arabic letter variants and ZWNJ (ي/ی، ك/ک)', () => {
    expect(tag('مقام‌هاي ايراني در كابل')).toEqual(['afghanistan', 'iran']);
    expect(tag('ایرانیان و روس‌ها')).toEqual(['iran', 'russia']);
  });

  it('does not take presidents, Monday or deliberation for Russia, Dushanbe or Ghor', () => {
    const text = 'این طرح روز دوشنبه در جلسه کابینه مورد غور قرار گرفت و روسای ادارات حضور داشتند.';
    expect(tag(text)).toEqual([]);
  });

  it('does not take money (پول‌های) for the Pashto word for border', () => {
    expect(tag('پول‌های نقد به بانک‌ها رسید')).toEqual([]);
  });
});

describe('tag: Pashto', () => {
  it('tags a diplomacy sentence', () => {
    const text =
      'د افغانستان اسلامي امارت د بهرنیو چارو وزیر امیرخان متقي په کابل کې د چین له سفیر سره ولیدل.';
    expect(tag(text)).toEqual(['afghanistan', 'china', 'diplomacy']);
  });

  it('tags floods and health with plural and oblique forms (سېلابونو، روغتون)', () => {
    const text =
      'په ننګرهار کې سېلابونو لسګونه کورونه ویجاړ کړي او د عامې روغتیا وزارت وايي چې ټپیان روغتون ته وړل شوي.';
    expect(tag(text)).toEqual(['afghanistan', 'health', 'disasters']);
  });

  it('tags a border and trade sentence', () => {
    const text =
      'د پاکستان او افغانستان ترمنځ د تورخم پوله د درې ورځو بندېدو وروسته بېرته پرانیستل شوه او سوداګرو یې هرکلی وکړ.';
    expect(tag(text)).toEqual(['afghanistan', 'pakistan', 'economy', 'borders']);
  });

  it("tags girls' education and women's rights", () => {
    const text =
      'د نجونو د زده کړې پر بندیز د ملګرو ملتونو استازي نیوکه وکړه او د ښځو حقونو ته یې د درناوي غوښتنه وکړه.';
    expect(tag(text)).toEqual(['diplomacy', 'education', 'women-rights']);
  });
});

describe('find', () => {
  const id = (name: string): string | undefined => matcher.find(name)?.id;

  it('finds by id and display name, folded', () => {
    expect(id('afghanistan')).toBe('afghanistan');
    expect(id('Central Asia')).toBe('central-asia');
    expect(id('central-asia')).toBe('central-asia');
    expect(id('Central-Asia')).toBe('central-asia');
    expect(id('United States')).toBe('united-states');
    expect(id("women's rights")).toBe('women-rights');
  });

  it('does not take a place or a demonym for a whole topic: "/topic bagram" is a search', () => {
    expect(id('Bagram')).toBeUndefined();
    expect(id('Kabul')).toBeUndefined();
    expect(id('Afghans')).toBeUndefined();
  });

  it('finds acronyms as written, and case-insensitively (a reader types "/topic us")', () => {
    expect(id('US')).toBe('united-states');
    expect(id('U.S.')).toBe('united-states');
    expect(id('us')).toBe('united-states');
    expect(id('CSTO')).toBe('central-asia');
  });

  it('finds Dari and Pashto names with letter variants', () => {
    expect(id('افغانستان')).toBe('afghanistan');
    expect(id('ایران')).toBe('iran');
    expect(id('ايران')).toBe('iran');
    expect(id('آسیای میانه')).toBe('central-asia');
    expect(id('منځنۍ آسیا')).toBe('central-asia');
    expect(id('روغتیا')).toBe('health');
  });

  it('returns undefined for a misspelling or nothing', () => {
    expect(matcher.find('afghanistn')).toBeUndefined();
    expect(matcher.find('Atlantis')).toBeUndefined();
    expect(matcher.find('')).toBeUndefined();
    expect(matcher.find('!!')).toBeUndefined();
  });
});

describe('suggest', () => {
  const ids = (topics: Topic[]): string[] => topics.map((topic) => topic.id);

  it('puts the closest topic first', () => {
    expect(matcher.suggest('afghanistn')[0]?.id).toBe('afghanistan');
    expect(matcher.suggest('Centrl Asia')[0]?.id).toBe('central-asia');
    expect(matcher.suggest('pakistn')[0]?.id).toBe('pakistan');
    expect(matcher.suggest('افغانستن')[0]?.id).toBe('afghanistan');
  });

  it('leaves out guesses far worse than the best one', () => {
    // "afghani" (an economy alias) is 3 edits from "afghanistn"; afghanistan is 1
    expect(ids(matcher.suggest('afghanistn'))).toEqual(['afghanistan']);
  });

  it('includes iran for "irn" and respects the limit', () => {
    expect(ids(matcher.suggest('irn'))).toContain('iran');
    expect(matcher.suggest('afghanistn', 1)).toHaveLength(1);
    expect(matcher.suggest('irn', 0)).toEqual([]);
  });

  it('suggests by prefix', () => {
    expect(ids(matcher.suggest('humanit'))).toContain('humanitarian');
  });

  it('suggests nothing for a far-off name', () => {
    expect(matcher.suggest('zzzzzzzz')).toEqual([]);
    expect(matcher.suggest('')).toEqual([]);
  });
});

describe('speed', () => {
  it('tags a 20,000-character article quickly (linear scan)', () => {
    const paragraph =
      'Officials in Kabul met an Iranian minister to discuss trade, refugees and border crossings, while ' +
      'analysts in Washington and Moscow watched the talks closely. ';
    const text = paragraph.repeat(Math.ceil(20_000 / paragraph.length)).slice(0, 20_000);
    const start = performance.now();
    for (let i = 0; i < 20; i += 1) matcher.tag([text]);
    const perArticle = (performance.now() - start) / 20;
    expect(perArticle).toBeLessThan(50);
    expect(matcher.tag([text])).toEqual([
      'afghanistan',
      'iran',
      'russia',
      'united-states',
      'economy',
      'refugees',
      'borders',
    ]);
  });
});
