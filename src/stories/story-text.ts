// what a report is compared by: its title and lede folded (foldText/words), stop words out, light
// stemming, numbers kept whole ("2,500" = "۲۵۰۰", "6.0" = "6"). names (english: capitalised words)
// and numbers weigh double: they are what tells one flood, clash or statement from another.
import { foldText, words } from '../text/fold.js';
import { stemmerOf } from './stem.js';
import { stopWordsOf } from './stop-words.js';

export interface StoryTerm {
  term: string;
  /** 2 for a number or a name, else 1 */
  weight: 1 | 2;
}

// dari ("prs") is written and folded as persian; the pashto varieties as pashto
const LANGUAGE_ALIASES: Record<string, string> = { prs: 'fa', pes: 'fa', pbt: 'ps', pbu: 'ps', pst: 'ps' };

/** The language stories are grouped by: the primary subtag of a BCP 47 tag, lower case ("fa-AF" → "fa"). */
export function storyLanguage(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return LANGUAGE_ALIASES[primary] ?? primary;
}

// "U.S." and "US" would fold to the letters u and s, or to the pronoun "us"
const UNITED_STATES = /\bU\.S\.(?:A\.)?|\bUSA?\b/g;
// after foldText every digit is ascii; separators: ascii, arabic thousands/decimal, arabic comma
const NUMBER = /\d+(?:[.,\u066B\u066C\u060C]\d+)*/g;
const THOUSANDS = /[,\u066C\u060C](?=\d{3}(?!\d))/g;

/** The distinct terms of a title and lede: its numbers, then its words in order of first appearance. */
export function storyTerms(title: string, lede: string, language: string): StoryTerm[] {
  const lang = storyLanguage(language);
  const stop = stopWordsOf(lang);
  const stem = stemmerOf(lang);
  const terms = new Map<string, 1 | 2>();
  const names = lang === 'en' ? englishNames(title, lede, stop) : new Set<string>();
  let text = `${title}\n${lede}`;
  if (lang === 'en') text = text.replace(UNITED_STATES, ' usa ');
  const folded = foldText(text).replace(NUMBER, (number) => {
    terms.set(normalNumber(number), 2);
    return ' ';
  });
  for (const word of words(folded)) {
    if (word.length < 2 || stop.has(word)) continue;
    const term = stem(word);
    if (term.length < 2 || stop.has(term) || terms.has(term)) continue;
    terms.set(term, names.has(term) ? 2 : 1);
  }
  return [...terms].map(([term, weight]) => ({ term, weight }));
}

function normalNumber(number: string): string {
  const plain = number.replace(THOUSANDS, '').replace(/[,\u066B\u060C]/g, '.');
  return plain.replace(/\.0+$/, '');
}

// a capitalised word marks a name ("Iran", "Torkham", "UNAMA"); a title in Title Case marks nothing,
// since there every word is capitalised
const WORD_AS_WRITTEN = /[\p{L}\p{N}'’]+/gu;
const UPPER_FIRST = /^\p{Lu}/u;

function englishNames(title: string, lede: string, stop: ReadonlySet<string>): Set<string> {
  const stem = stemmerOf('en');
  const names = new Set<string>();
  const longTitleWords = (title.match(WORD_AS_WRITTEN) ?? []).filter((word) => word.length > 3);
  const titleCase =
    longTitleWords.filter((word) => UPPER_FIRST.test(word)).length >= 0.7 * longTitleWords.length;
  for (const word of `${titleCase ? '' : title} ${lede}`.match(WORD_AS_WRITTEN) ?? []) {
    if (!UPPER_FIRST.test(word)) continue;
    for (const part of words(foldText(word))) if (!stop.has(part)) names.add(stem(part));
  }
  return names;
}
