import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/articles/summarize.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const lede =
  'A senior Iranian official has dismissed U.S. President Donald Trump’s recent remarks about regaining control of the Bagram Air Base in Afghanistan, saying the Islamic Emirate of Afghanistan (IEA) has made clear it will not cede territory to Washington.';
const second =
  'Ali Larijani told state media on Wednesday that “not even an inch of Afghan soil” would be handed over.';
const third = 'He added that any attempt would face “serious resistance.”';

// every word of the summary (the last one before an ellipsis included) is a whole word of the text
function wholeWords(summary: string, text: string): boolean {
  const words = new Set(text.split(/\s+/));
  return summary
    .replace(/…$/, '')
    .split(/\s+/)
    .every(
      (word) =>
        words.has(word) ||
        [...words].some((w) => w.startsWith(word) && /^[,;:.!?)”’"']+$/.test(w.slice(word.length))),
    );
}

describe('summarize', () => {
  it('returns a short text whole, whitespace folded', () => {
    expect(summarize('  Short   text.\n\nSecond  line. ')).toBe('Short text. Second line.');
  });

  it('cuts after the last whole sentence that fits', () => {
    const text = `${lede} ${second} ${third}`;
    expect(summarize(text)).toBe(lede);
    expect(summarize(text, 400)).toBe(`${lede} ${second}`);
  });

  it('does not end a sentence at an abbreviation or an initial', () => {
    const text =
      'Officials met Mr. Smith and the U.S. envoy in Doha on Monday. ' +
      'More words follow here. '.repeat(20);
    expect(summarize(text, 80)).toBe('Officials met Mr. Smith and the U.S. envoy in Doha on Monday.');
  });

  it('falls back to a word boundary and "…" when the first sentence is too long', () => {
    const summary = summarize(lede, 100);
    expect(summary.length).toBeLessThanOrEqual(100);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).toBe(
      'A senior Iranian official has dismissed U.S. President Donald Trump’s recent remarks about…',
    );
  });

  it('never cuts a word, whatever the limit', () => {
    const text = `${lede} ${second} ${third}`;
    for (let max = 20; max <= 320; max += 7) {
      const summary = summarize(text, max);
      expect(summary.length).toBeLessThanOrEqual(max);
      expect(wholeWords(summary, text)).toBe(true);
    }
  });

  it('drops feed boilerplate: "Continue reading", "The post … appeared first on …", "[…]", "Published on"', () => {
    expect(summarize('Prices rose. Continue reading →')).toBe('Prices rose.');
    expect(summarize('Prices rose. Read more')).toBe('Prices rose.');
    expect(summarize('Prices rose. The post Prices rose appeared first on Ariana News.')).toBe(
      'Prices rose.',
    );
    expect(summarize('Prices rose on Monday […]')).toBe('Prices rose on Monday');
    expect(summarize('Published on September 24, 2025: Prices rose.')).toBe('Prices rose.');
    expect(summarize('Published research shows a rise.')).toBe('Published research shows a rise.');
  });

  it('cuts persian text at its own sentence marks', () => {
    const text =
      'وزارت معارف اعلام کرد که مکاتب باز می‌شوند. ' + 'این خبر مهم است؟ ' + 'متن بیشتر '.repeat(40);
    expect(summarize(text, 80)).toBe('وزارت معارف اعلام کرد که مکاتب باز می‌شوند. این خبر مهم است؟');
  });

  it('cuts text without spaces where it must, keeping characters whole', () => {
    const summary = summarize('長'.repeat(400), 50);
    expect(summary.length).toBeLessThanOrEqual(50);
    expect(summary.endsWith('…')).toBe(true);
  });
});

// the seed page (a copy of /work/shared/fixtures/seed/ariana-latest-news.txt) as a reader splits it:
// "Latest News", the title, maybe a standfirst, "Published / on", the body, "Continue Reading"
interface SeedArticle {
  title: string;
  lede: string | undefined;
  body: string;
  /** the article's block as the page gives it, "Published", "on" and "Continue Reading" included */
  block: string;
}

function seedArticles(): SeedArticle[] {
  const page = readFileSync(path.join(repoRoot, 'tests/fixtures/pages/ariana-latest-news.seed.txt'), 'utf8');
  return page
    .split(/\n\nLatest News\n\n/)
    .slice(1)
    .map((chunk) => {
      const [head = '', rest = ''] = chunk.split(/\n\nPublished\n\non\n\n/);
      const [title = '', ...lede] = head.split('\n\n');
      const body = rest.split(/\n\n(?:Continue Reading|Trending)\b/)[0] ?? '';
      const block = `Published\n\non\n\n${rest.split(/\n\nTrending\b/)[0] ?? ''}`;
      return { title, lede: lede.length > 0 ? lede.join(' ') : undefined, body, block };
    });
}

// each seed article's first sentence(s), as a reader would quote them
const SEED_OPENINGS = [
  'A senior Iranian official has dismissed U.S. President Donald Trump’s recent remarks about regaining control of the Bagram Air Base in Afghanistan, saying the Islamic Emirate of Afghanistan (IEA) has made clear it will not cede territory to Washington.',
  'Russian Foreign Minister Sergey Lavrov said on Monday that security risks in Central Asia and developments in Afghanistan are among the primary concerns for the Collective Security Treaty Organization (CSTO).',
  'The Ministry of Higher Education of Afghanistan has announced that the leader of the Islamic Emirate has approved the establishment of a faculty dedicated to “Prophetic Medicine.”',
  'Afghanistan’s Minister of Borders and Tribal Affairs, Noorullah Noori, has announced that the long-delayed demarcation and renovation of border markers along the Afghanistan–Iran frontier will officially begin in the near future.',
];
const BAGRAM_LEDE =
  'Russia, China, and Iran have all publicly warned that the return of any American military installations in Afghanistan could undermine regional security.';
const DEBRIS = /Published|Continue Reading|Latest News|Trending|Copyright|\bon A\b/;

describe('summarize on the four seed articles', () => {
  const seed = seedArticles();

  it('finds the four articles in the seed page', () => {
    expect(seed.map((article) => article.title)).toEqual([
      'Iran rejects US return to Bagram Air Base in Afghanistan, citing regional security concerns',
      'Central Asia and Afghanistan are key security concerns for CSTO: Lavrov',
      'Afghanistan to establish first-ever faculty of ‘prophetic medicine’',
      'Renovation of Afghanistan–Iran border markers to begin in the near future',
    ]);
    expect(seed.map((article) => article.lede)).toEqual([BAGRAM_LEDE, undefined, undefined, undefined]);
  });

  it('summarises the lede, or else the body, as its first sentence', () => {
    expect(seed.map((article) => summarize(article.lede ?? '') || summarize(article.body))).toEqual([
      BAGRAM_LEDE,
      ...SEED_OPENINGS.slice(1),
    ]);
    expect(seed.map((article) => summarize(article.body))).toEqual(SEED_OPENINGS);
  });

  it('summarises each block as the page gives it, without "Published", "on" or "Continue Reading"', () => {
    for (const [index, article] of seed.entries()) {
      const summary = summarize(article.block);
      expect(summary).toBe(SEED_OPENINGS[index]);
      expect(summary).not.toMatch(DEBRIS);
    }
  });

  it('takes two sentences where they fit the budget', () => {
    const medicine = seed[2]?.body ?? '';
    const [first = '', second = ''] = medicine.split('\n\n');
    expect(summarize(medicine, 400)).toBe(`${first} ${second}`);
    expect(summarize(`${medicine}\n\nContinue Reading`, 400)).toBe(`${first} ${second}`);
  });

  it('summarises the seed feed (examples/offline/ariana-news.xml) the same way', () => {
    const feed = parseFeed(readFileSync(path.join(repoRoot, 'examples/offline/ariana-news.xml')), {
      sourceId: 'ariana-news',
      language: 'en',
    });
    expect(feed.articles.map((article) => article.summary)).toEqual([BAGRAM_LEDE, ...SEED_OPENINGS.slice(1)]);
  });
});

describe('summarize: sentences', () => {
  it('takes at most two sentences, even when a third would fit', () => {
    expect(summarize('Prices rose. Markets fell. Traders left.')).toBe('Prices rose. Markets fell.');
  });

  it('does not stop at "U.S." before a name, and does stop there before a new sentence', () => {
    expect(summarize('U.S. President Donald Trump spoke. He left. Then more.')).toBe(
      'U.S. President Donald Trump spoke. He left.',
    );
    expect(summarize('Kabul will not hand the base to the U.S. He said so on Monday. More.')).toBe(
      'Kabul will not hand the base to the U.S. He said so on Monday.',
    );
    expect(
      summarize('Dr. Ahmad and D. Trump met at 3.5 km from Gen. Miller’s post on Jan. 5. It rained.'),
    ).toBe('Dr. Ahmad and D. Trump met at 3.5 km from Gen. Miller’s post on Jan. 5. It rained.');
  });

  it('summarises a dari paragraph as its first two sentences, never at "،" or "؛"', () => {
    const first = 'وزارت صحت عامه روز دوشنبه اعلام کرد که کمپاین واکسین پولیو در ۱۶ ولایت کشور آغاز شده است.';
    const second =
      'به گفته این وزارت، بیش از ۶ میلیون کودک زیر پنج سال واکسین می‌شوند؛ این کمپاین چهار روز ادامه دارد.';
    const third = 'سخنگوی این وزارت گفت: «از همه والدین می‌خواهیم همکاری کنند.»';
    expect(summarize(`${first} ${second} ${third}`)).toBe(`${first} ${second}`);
    expect(summarize(`${first} ${second} ${third}`, 150)).toBe(first);
  });

  it('summarises a pashto paragraph as its first two sentences, at "۔" and "؟"', () => {
    const first = 'د کابل ښاروالۍ ویلي چې د ښار د سړکونو د بیا جوړولو کار به په راتلونکې اونۍ کې پیل شي۔';
    const second = 'ایا اوسېدونکي له دې پروژې راضي دي؟';
    const third = 'یوه اوسېدونکي وویل: «موږ له ډېرې مودې راهیسې همدې ورځې ته سترګې په لار وو.»';
    expect(summarize(`${first} ${second} ${third}`)).toBe(`${first} ${second}`);
  });

  it('skips a heading or byline paragraph before the first sentence', () => {
    expect(summarize('Latest News\n\nBy Ahmad Shah\n\nPrices rose. Markets fell.')).toBe(
      'Prices rose. Markets fell.',
    );
  });

  it('does not run a second sentence on from an unfinished first one', () => {
    expect(summarize('Kabul traders say bread prices rose sharply on Monday\n\nMarkets fell.')).toBe(
      'Kabul traders say bread prices rose sharply on Monday',
    );
  });

  it('cuts a text with no sentence end at a word, with "…", within the budget', () => {
    const text = 'traders in kabul say the price of bread and flour rose again this week '.repeat(10).trim();
    const summary = summarize(text);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.endsWith('…')).toBe(true);
    expect(wholeWords(summary, text)).toBe(true);
    const dari = 'قیمت آرد و روغن در بازارهای کابل این هفته دوباره بالا رفت و مردم نگران هستند '.repeat(8);
    const cut = summarize(dari, 120);
    expect(cut.length).toBeLessThanOrEqual(120);
    expect(cut.endsWith('…')).toBe(true);
    expect(wholeWords(cut, dari)).toBe(true);
  });

  it('keeps every summary of a long text within the budget', () => {
    const text = `${lede} ${second} ${third} `.repeat(30);
    for (const max of [40, 120, 200, 300, 500]) expect(summarize(text, max).length).toBeLessThanOrEqual(max);
  });

  it('gives an empty summary for empty text or boilerplate alone', () => {
    expect(summarize('')).toBe('');
    expect(summarize('  \n\n ')).toBe('');
    expect(summarize('Continue Reading')).toBe('');
    expect(summarize('Published\n\non')).toBe('');
  });
});

describe('summarize: boilerplate', () => {
  it('stops at "Continue Reading", "Read more", "Share this" and their dari and pashto forms', () => {
    expect(summarize('Prices rose.\n\nContinue Reading\n\nLatest News')).toBe('Prices rose.');
    expect(summarize('Prices rose. Share this: Facebook Twitter')).toBe('Prices rose.');
    expect(summarize('Prices rose. Read more: markets in Kabul.')).toBe('Prices rose.');
    expect(summarize('قیمت‌ها بالا رفت. ادامه مطلب')).toBe('قیمت‌ها بالا رفت.');
    expect(summarize('بیه لوړه شوه. نور ولولئ')).toBe('بیه لوړه شوه.');
  });

  it('drops "Published on" with its date and time, but not prose that starts with those words', () => {
    expect(summarize('Published\n\non\n\nPrices rose.')).toBe('Prices rose.');
    expect(summarize('Published on 24 September 2025, 10:30 AM - Prices rose.')).toBe('Prices rose.');
    expect(summarize('Updated: Sep 24, 2025 at 4:12 pm | Prices rose.')).toBe('Prices rose.');
    expect(summarize('Posted on September 24, 2025 Prices rose.')).toBe('Prices rose.');
    expect(summarize('Posted on social media, the video spread.')).toBe(
      'Posted on social media, the video spread.',
    );
  });

  it('drops a leading dateline, in english and in dari', () => {
    expect(summarize('KABUL (Reuters) - The Taliban said on Monday that talks would resume.')).toBe(
      'The Taliban said on Monday that talks would resume.',
    );
    expect(summarize('KABUL, Afghanistan (AP) — Schools reopened.')).toBe('Schools reopened.');
    expect(summarize('HERAT — Floods hit the city.')).toBe('Floods hit the city.');
    expect(summarize('Kabul (Pajhwok): Schools reopened.')).toBe('Schools reopened.');
    expect(summarize('کابل (پژواک): مکاتب باز شدند.')).toBe('مکاتب باز شدند.');
    expect(summarize('BREAKING: Schools reopened.')).toBe('Schools reopened.');
  });

  it('keeps openings that only look like a dateline', () => {
    expect(summarize('Russia, China, and Iran (the three neighbours) warned Washington.')).toBe(
      'Russia, China, and Iran (the three neighbours) warned Washington.',
    );
    expect(summarize('NATO said on Monday it would stay.')).toBe('NATO said on Monday it would stay.');
    expect(summarize('Kabul Airport reopened on Monday.')).toBe('Kabul Airport reopened on Monday.');
  });
});
