import { foldText, words } from '../text/fold.js';
import { containsPhrase } from './newest-first.js';
import type { WordIndex } from './word-index.js';

// a multi-word search checks the phrase in this many of its newest title/summary matches
export const PHRASE_CHECKS = 100;
const CACHED_COUNTS = 16;

/** what a search needs from the article index */
export interface Searchable {
  readonly words: WordIndex;
  titleAndSummary(slot: number): [string, string];
  /** the k newest of slots[0 .. length), newest first */
  newest(slots: ArrayLike<number>, length: number, k: number): number[];
}

/** leaves some matches out (other chats' sources); `key` names the filter in the count cache */
export interface SearchFilter {
  keep(slot: number): boolean;
  key: string;
}

/**
 * Search pages: articles holding every word, newest first; with several words, those holding them as
 * a phrase in the title or summary come first. Works in reused scratch arrays and keeps no result
 * but its count, so a query leaves no large garbage behind (which would cost full collections).
 */
export class ArticleSearch {
  private titled = new Int32Array(1024);
  private readonly counts = new Map<string, number>();

  constructor(private readonly index: Searchable) {}

  /** call when articles come or go */
  forget(): void {
    this.counts.clear();
  }

  count(text: string, filter?: SearchFilter): number {
    const phrase = words(foldText(text));
    return this.counts.get(cacheKey(phrase, filter)) ?? this.matches(phrase, filter).length;
  }

  /** the live matches in slots[0 .. length), ascending, those holding every word in a title or summary
   *  in titled[0 .. titledLength), ascending too, and the folded words; the next search reuses the arrays */
  matching(text: string, filter?: SearchFilter) {
    const phrase = words(foldText(text));
    const { slots, length, titled } = this.matches(phrase, filter);
    return { slots, length, titled: this.titled, titledLength: titled, words: phrase };
  }

  page(text: string, offset: number, limit: number, filter?: SearchFilter): number[] {
    const phrase = words(foldText(text));
    const { slots, length, titled } = this.matches(phrase, filter);
    if (limit <= 0 || length === 0) return [];
    const preferred: number[] = [];
    if (phrase.length > 1 && titled > 0) {
      for (const slot of this.index.newest(this.titled, titled, PHRASE_CHECKS)) {
        if (preferred.length >= offset + limit) break;
        if (this.hasPhrase(slot, phrase)) preferred.push(slot);
      }
    }
    const page = preferred.slice(offset, offset + limit);
    if (page.length === limit) return page;
    // every candidate was checked: the rest of the page comes from the other matches
    const skip = Math.max(0, offset - preferred.length);
    const wanted = limit - page.length;
    const isPreferred = new Set(preferred);
    const others = this.index
      .newest(slots, length, skip + wanted + preferred.length)
      .filter((slot) => !isPreferred.has(slot));
    return page.concat(others.slice(skip, skip + wanted));
  }

  /** live matches in slots[0 .. length); those with every word in the title or summary in this.titled */
  private matches(
    phrase: readonly string[],
    filter: SearchFilter | undefined,
  ): { slots: Int32Array; length: number; titled: number } {
    const match = this.index.words.match([...new Set(phrase)]);
    if (this.titled.length < match.length) this.titled = new Int32Array(Math.ceil(match.length * 1.25));
    const { slots, inTitleOrSummary } = match;
    let length = 0;
    let titled = 0;
    // the word index holds live slots only (the article index compacts it as it removes articles)
    if (filter) {
      for (let i = 0; i < match.length; i++) {
        const slot = slots[i] as number;
        if (!filter.keep(slot)) continue;
        slots[length++] = slot;
        if (inTitleOrSummary[i] === 1) this.titled[titled++] = slot;
      }
    } else {
      length = match.length;
      for (let i = 0; i < length; i++)
        if (inTitleOrSummary[i] === 1) this.titled[titled++] = slots[i] as number;
    }
    if (this.counts.size >= CACHED_COUNTS) this.counts.clear();
    this.counts.set(cacheKey(phrase, filter), length);
    return { slots, length, titled };
  }

  /** whether the title or summary holds the words in this order */
  hasPhrase(slot: number, phrase: readonly string[]): boolean {
    const [title, summary] = this.index.titleAndSummary(slot);
    return containsPhrase(words(foldText(title)), phrase) || containsPhrase(words(foldText(summary)), phrase);
  }
}

const cacheKey = (phrase: readonly string[], filter: SearchFilter | undefined) =>
  filter ? `${filter.key}\u0000${phrase.join(' ')}` : phrase.join(' ');
