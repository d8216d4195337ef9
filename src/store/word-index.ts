import { PostingList } from './posting-list.js';

// longer "words" are ids, hashes or run-together urls: not worth a posting list
export const MAX_WORD_LENGTH = 64;

/** slots holding every word, ascending, in [0, length); `inTitleOrSummary[i]` is 1 when every word
 *  occurs there. The arrays are reused by the next match(). */
export interface WordMatch {
  slots: Int32Array;
  inTitleOrSummary: Uint8Array;
  length: number;
}

const NO_MATCH: WordMatch = { slots: new Int32Array(0), inTitleOrSummary: new Uint8Array(0), length: 0 };

/**
 * Folded word → the slots of the articles that contain it. A posting is slot × 2 + 1 when the word
 * occurs in the title or summary, slot × 2 otherwise; slots only grow, so postings are appended in order.
 */
export class WordIndex {
  private readonly lists = new Map<string, PostingList>();
  private slots = new Int32Array(1024);
  private flags = new Uint8Array(1024);

  get vocabularySize(): number {
    return this.lists.size;
  }

  /** `slot` must be above every slot added before */
  addDocument(slot: number, titleAndSummaryWords: readonly string[], textWords: readonly string[]): void {
    for (const word of titleAndSummaryWords) this.post(word, slot, true);
    for (const word of textWords) this.post(word, slot, false);
  }

  // a word already posted for this slot (its list ends with the slot) is not posted again
  private post(word: string, slot: number, inTitleOrSummary: boolean): void {
    if (word.length > MAX_WORD_LENGTH) return;
    let list = this.lists.get(word);
    if (!list) {
      list = new PostingList();
      this.lists.set(ownCopy(word), list);
    } else if (list.lastSlot === slot) {
      return;
    }
    list.push(slot, inTitleOrSummary);
  }

  /** articles containing every word (distinct, folded), intersected from the rarest word up */
  match(words: readonly string[]): WordMatch {
    const lists: PostingList[] = [];
    for (const word of words) {
      const list = this.lists.get(word);
      if (!list) return NO_MATCH;
      lists.push(list);
    }
    if (lists.length === 0) return NO_MATCH;
    lists.sort((a, b) => a.count - b.count);

    const rarest = lists[0] as PostingList;
    if (this.slots.length < rarest.count) {
      this.slots = new Int32Array(Math.ceil(rarest.count * 1.25));
      this.flags = new Uint8Array(this.slots.length);
    }
    let length = rarest.readInto(this.slots, this.flags);
    for (let l = 1; l < lists.length && length > 0; l++) {
      length = (lists[l] as PostingList).intersectInto(this.slots, this.flags, length);
    }
    return { slots: this.slots, inTitleOrSummary: this.flags, length };
  }

  /** gives back every list's room for growth: after a rebuild, most lists are complete */
  trim(): void {
    for (const list of this.lists.values()) list.trim();
  }

  /** drops the postings of slots that are gone; words left with none are forgotten */
  compact(isLive: (slot: number) => boolean): void {
    for (const [word, list] of this.lists) {
      const kept = list.filter(isLive);
      if (kept.count === 0) this.lists.delete(word);
      else this.lists.set(word, kept);
    }
  }
}

// a word cut out of an article's text may be a slice that keeps the whole text alive; a map key must not
function ownCopy(word: string): string {
  return word.length < 13 ? word : (JSON.parse(JSON.stringify(word)) as string);
}
