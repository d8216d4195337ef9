/** the k newest of slots[0 .. length), newest first */
export type SelectNewest = (slots: ArrayLike<number>, length: number, k: number) => number[];

/**
 * The matches of one search, paged lazily: first the candidates that hold the words as a phrase
 * (checked newest first, only as far as a page needs), then every other match, newest first.
 */
export class SearchResult {
  private readonly preferred: number[] = [];
  private checked = 0;
  private others: Int32Array | undefined;

  constructor(
    /** every live match, in no order */
    private readonly matches: Int32Array,
    /** the matches worth a phrase check, newest first */
    private readonly candidates: readonly number[],
    private readonly hasPhrase: (slot: number) => boolean,
    private readonly newest: SelectNewest,
  ) {}

  get count(): number {
    return this.matches.length;
  }

  page(offset: number, limit: number): number[] {
    const wanted = offset + limit;
    while (this.preferred.length < wanted && this.checked < this.candidates.length) {
      const slot = this.candidates[this.checked++] as number;
      if (this.hasPhrase(slot)) this.preferred.push(slot);
    }
    const page = this.preferred.slice(offset, wanted);
    if (page.length === limit) return page;
    // every candidate is checked by now: the rest of the page comes from the other matches
    const others = this.otherMatches();
    const skip = Math.max(0, offset - this.preferred.length);
    return page.concat(
      newestFirst(others, others.length, skip + limit - page.length, this.compare).slice(skip),
    );
  }

  private otherMatches(): Int32Array {
    if (this.others) return this.others;
    if (this.preferred.length === 0) return (this.others = this.matches);
    const preferred = new Set(this.preferred);
    return (this.others = this.matches.filter((slot) => !preferred.has(slot)));
  }
}
