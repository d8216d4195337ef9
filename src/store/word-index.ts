import { DensePostingList } from './dense-posting-list.js';
import { PostingList, varintLength } from './posting-list.js';
import { SliceBlocks } from './slice-blocks.js';

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

/** a word's articles: varint gaps, or bit sets once those are smaller (a common word) */
type Postings = PostingList | DensePostingList;

// a growing list is weighed against bit sets every this many postings (a power of two, less one)
const WEIGH_EVERY = 255;

/**
 * Folded word → the slots of the articles that contain it, each flagged when the word occurs in the
 * title or summary; slots only grow, so postings are appended in order. A common word's list turns
 * into bit sets (DensePostingList) when they take less room than its varint gaps. The varint lists
 * share slice blocks; a list that turns into bit sets leaves its few slices there unused until the
 * next compaction, which builds every list again in new blocks.
 */
export class WordIndex {
  private readonly lists = new Map<string, Postings>();
  private blocks = new SliceBlocks();
  private slots = new Int32Array(1024);
  private flags = new Uint8Array(1024);

  get vocabularySize(): number {
    return this.lists.size;
  }

  /** bytes held by the posting lists */
  get byteLength(): number {
    let bytes = 0;
    for (const list of this.lists.values()) bytes += list.byteLength;
    return bytes;
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
      list = new PostingList(this.blocks);
      this.lists.set(ownCopy(word), list);
    } else if (list.lastSlot === slot) {
      return;
    }
    list.push(slot, inTitleOrSummary);
    if (
      (list.count & WEIGH_EVERY) === 0 &&
      list instanceof PostingList &&
      denseIsSmaller(list.count, list.usedBytes, list.lastSlot - list.firstSlot)
    ) {
      this.reserve(list.count);
      const length = list.readInto(this.slots, this.flags);
      this.lists.set(word, this.dense(length));
    }
  }

  /** articles containing every word (distinct, folded), intersected from the rarest word up */
  match(words: readonly string[]): WordMatch {
    const lists: Postings[] = [];
    for (const word of words) {
      const list = this.lists.get(word);
      if (!list) return NO_MATCH;
      lists.push(list);
    }
    if (lists.length === 0) return NO_MATCH;
    lists.sort((a, b) => a.count - b.count);

    const rarest = lists[0] as Postings;
    this.reserve(rarest.count);
    if (lists.every((list) => list instanceof DensePostingList)) {
      const length = (rarest as DensePostingList).readAndInto(
        lists.slice(1) as DensePostingList[],
        this.slots,
        this.flags,
      );
      return { slots: this.slots, inTitleOrSummary: this.flags, length };
    }
    let length = rarest.readInto(this.slots, this.flags);
    for (let l = 1; l < lists.length && length > 0; l++) {
      length = (lists[l] as Postings).intersectInto(this.slots, this.flags, length);
    }
    return { slots: this.slots, inTitleOrSummary: this.flags, length };
  }

  /** gives back the bit sets' room for growth: after a rebuild, most lists are complete */
  trim(): void {
    for (const list of this.lists.values()) if (list instanceof DensePostingList) list.trim();
  }

  /** drops the postings of slots that are gone; words left with none are forgotten. Each list is
   *  rebuilt in whichever form is smaller now, the varint ones in new blocks. */
  compact(isLive: (slot: number) => boolean): void {
    const blocks = new SliceBlocks();
    for (const [word, list] of this.lists) {
      this.reserve(list.count);
      const { slots, flags } = this;
      const length = list.readInto(slots, flags);
      let kept = 0;
      let bytes = 0;
      for (let i = 0, last = -1; i < length; i++) {
        const slot = slots[i]!;
        if (!isLive(slot)) continue;
        const posting = slot * 2 + flags[i]!;
        bytes += varintLength(posting - last);
        last = posting;
        slots[kept] = slot;
        flags[kept++] = flags[i]!;
      }
      if (kept === 0) {
        this.lists.delete(word);
      } else if (denseIsSmaller(kept, bytes, slots[kept - 1]! - slots[0]!)) {
        this.lists.set(word, this.dense(kept));
      } else {
        const sparse = new PostingList(blocks);
        for (let i = 0; i < kept; i++) sparse.push(slots[i]!, flags[i] === 1);
        this.lists.set(word, sparse);
      }
    }
    this.blocks = blocks;
  }

  // bit sets holding slots[0 .. length) and their flags
  private dense(length: number): DensePostingList {
    const { slots, flags } = this;
    const first = slots[0]!;
    const last = slots[length - 1]!;
    const dense = new DensePostingList(first - (first % 32), last - first + 1024);
    for (let i = 0; i < length; i++) dense.push(slots[i]!, flags[i] === 1);
    return dense;
  }

  private reserve(count: number): void {
    if (this.slots.length >= count) return;
    this.slots = new Int32Array(Math.ceil(count * 1.25));
    this.flags = new Uint8Array(this.slots.length);
  }
}

// bit sets take two bits a slot between the list's first and last; varint gaps about a byte a posting
function denseIsSmaller(count: number, varintBytes: number, span: number): boolean {
  return count >= 64 && varintBytes > (span / 4) * 1.25 + 64;
}

// a word cut out of an article's text may be a slice that keeps the whole text alive; a map key must not
function ownCopy(word: string): string {
  return word.length < 13 ? word : (JSON.parse(JSON.stringify(word)) as string);
}
