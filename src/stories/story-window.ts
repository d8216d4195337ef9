// the clustering window: the reports a new report may still join, each with its term set, its lsh
// buckets and its share of the term statistics. a report leaves the window once its time falls behind
// the horizon (the latest arrival's first-seen time less `keepMs`); its story keeps it as a member. so
// term sets and signatures cost memory for the window's reports only, not for the whole store.
// window slots are reused: the arrays grow to the largest window, not to the number of reports seen.
import { ElementSlab } from './element-slab.js';
import { LshBuckets } from './lsh-buckets.js';
import { hashString, minHashSeeds, minHashSignature } from './min-hash.js';
import type { StoryArticle } from './story-article.js';
import { TermCounts } from './term-counts.js';

const EMPTY = new Uint32Array(0);

export interface StoryWindowOptions {
  windowMs: number;
  keepMs: number;
  bands: number;
  rows: number;
  minShared: number;
  frequentShare: number;
  frequentCount: number;
}

/** when a report happened: published, else first seen (as articleTime in digest/rank.ts) */
export const reportTime = (article: StoryArticle): number => article.publishedAt ?? article.firstSeenAt;

export class StoryWindow<T extends StoryArticle, S> {
  /** reports whose time is before this are out of the window, swept or not */
  horizon = -Infinity;
  private arrivedAt = -Infinity;
  private sweptAt = -Infinity;
  private readonly slotById = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly articles: (T | undefined)[] = [];
  private readonly stories: (S | undefined)[] = [];
  private readonly languages: string[] = [];
  private readonly elements: Uint32Array[] = [];
  private times = new Float64Array(256);
  private stamps = new Uint32Array(256);
  private hashes: Int32Array;
  private stamp = 0;
  private readonly seeds: Uint32Array;
  private readonly signature: Uint32Array;
  private readonly buckets: LshBuckets;
  private readonly termCounts: TermCounts;
  private readonly languageHashes = new Map<string, number>();
  private readonly slab = new ElementSlab();
  private readonly sweepEvery: number;

  constructor(private readonly options: StoryWindowOptions) {
    const { bands, rows } = options;
    this.sweepEvery = options.windowMs / 8;
    this.seeds = minHashSeeds(bands * rows);
    this.signature = new Uint32Array(bands * rows);
    this.buckets = new LshBuckets(bands, rows);
    this.hashes = new Int32Array(256 * bands);
    this.termCounts = new TermCounts(options.frequentShare, options.frequentCount);
  }

  /** reports held in the window (some may be behind the horizon until the next sweep) */
  get size(): number {
    return this.slotById.size;
  }

  /** moves the horizon with an arrival; every window/8 of progress, the reports behind it leave */
  arrive(firstSeenAt: number): void {
    if (!(firstSeenAt > this.arrivedAt)) return;
    this.arrivedAt = firstSeenAt;
    this.horizon = firstSeenAt - this.options.keepMs;
    if (this.horizon - this.sweptAt < this.sweepEvery) return;
    this.sweptAt = this.horizon;
    for (let slot = 0; slot < this.articles.length; slot++) {
      const article = this.articles[slot];
      if (article && this.times[slot]! < this.horizon) this.leave(article.id, false);
    }
  }

  /** makes room for as many reports as these arrivals (in the order first seen) may hold in the window
   *  at once: those first seen within keepMs, and a sweep's lag, of one another. The count takes first
   *  seen for a report's time, so it is an estimate; the arrays still grow if a window holds more. */
  reserveFor(arrivals: readonly StoryArticle[]): void {
    const span = this.options.keepMs + this.sweepEvery;
    let most = 0;
    for (let last = 0, first = 0; last < arrivals.length; last++) {
      while (arrivals[first]!.firstSeenAt <= arrivals[last]!.firstSeenAt - span) first++;
      most = Math.max(most, last - first + 1);
    }
    if (most > this.times.length) this.resize(most);
    this.buckets.reserve(most);
  }

  /** room for a report's elements while it is in the window: give it to termElements (min-hash.ts) */
  readonly take = (length: number): Uint32Array => this.slab.take(length);

  /** puts a report in the window (its terms as elements, see min-hash.ts); returns its slot. its story
   *  is set once found (setStory), and it is found by others once indexed */
  enter(article: T, language: string, elements: Uint32Array): number {
    const slot = this.newSlot();
    this.articles[slot] = article;
    this.languages[slot] = language;
    this.elements[slot] = elements;
    this.times[slot] = reportTime(article);
    this.slotById.set(article.id, slot);
    // a report with no terms (a title of stop words) joins nothing and stays out of the buckets
    if (elements.length === 0) return slot;
    const { bands, minShared } = this.options;
    const salt = this.languageHash(language);
    const sampled = this.termCounts.rare(elements, salt, minShared);
    this.buckets.bandHashes(
      minHashSignature(sampled, this.seeds, this.signature),
      salt,
      this.hashes,
      slot * bands,
    );
    this.termCounts.update(elements, salt, 1);
    return slot;
  }

  /** makes a report findable by later ones (after its own candidates were looked up) */
  index(slot: number): void {
    if (this.elements[slot]!.length === 0) return;
    this.buckets.add(slot, this.hashes, slot * this.options.bands, this.timeSlotOf(this.times[slot]!));
  }

  /** takes a report out of the window; `uncount` also takes its terms out of the term statistics,
   *  which count every report held (a report that left the window is uncounted when forgotten) */
  leave(articleId: string, uncount: boolean): boolean {
    const slot = this.slotById.get(articleId);
    if (slot === undefined) return false;
    this.slotById.delete(articleId);
    const elements = this.elements[slot]!;
    if (elements.length > 0) {
      this.buckets.delete(slot, this.hashes, slot * this.options.bands, this.timeSlotOf(this.times[slot]!));
      if (uncount) this.uncount(elements, this.languages[slot]!);
    }
    this.articles[slot] = undefined;
    this.stories[slot] = undefined;
    this.slab.giveBack(elements);
    this.elements[slot] = EMPTY;
    this.free.push(slot);
    return true;
  }

  /** takes a report's terms out of the term statistics */
  uncount(elements: Uint32Array, language: string): void {
    if (elements.length > 0) this.termCounts.update(elements, this.languageHash(language), -1);
  }

  /** the slot of a report still in the window (before the horizon counts as out) */
  slotOf(articleId: string): number | undefined {
    const slot = this.slotById.get(articleId);
    return slot === undefined || this.times[slot]! < this.horizon ? undefined : slot;
  }

  elementsOf = (slot: number): Uint32Array => this.elements[slot]!;
  timeOf = (slot: number): number => this.times[slot]!;
  sourceOf = (slot: number): string => this.articles[slot]!.sourceId;
  storyOf = (slot: number): S => this.stories[slot]!;

  setStory(slot: number, story: S): void {
    this.stories[slot] = story;
  }

  /** every other report of the slot's language, within windowMs of it, sharing a band; each once */
  forEachNear(slot: number, visit: (other: number) => void): void {
    if (this.elements[slot]!.length === 0) return;
    const { bands, windowMs } = this.options;
    const time = this.times[slot]!;
    const language = this.languages[slot];
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const stamp = this.stamp;
    const timeSlot = this.timeSlotOf(time);
    this.buckets.forEachCandidate(
      this.hashes,
      slot * bands,
      [timeSlot - 1, timeSlot, timeSlot + 1],
      (other) => {
        if (this.stamps[other] === stamp) return;
        this.stamps[other] = stamp;
        if (other === slot || this.languages[other] !== language) return;
        const otherTime = this.times[other]!;
        if (otherTime < this.horizon || Math.abs(otherTime - time) > windowMs) return;
        visit(other);
      },
    );
  }

  private timeSlotOf(time: number): number {
    return Math.floor(time / this.options.windowMs);
  }

  private languageHash(language: string): number {
    let hash = this.languageHashes.get(language);
    if (hash === undefined) this.languageHashes.set(language, (hash = hashString(language)));
    return hash;
  }

  private newSlot(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const slot = this.articles.length;
    if (slot >= this.times.length) this.resize(Math.ceil(this.times.length * 1.5));
    this.articles.push(undefined);
    this.stories.push(undefined);
    this.languages.push('');
    this.elements.push(EMPTY);
    return slot;
  }

  private resize(slots: number): void {
    this.times = grow(this.times, new Float64Array(slots));
    this.stamps = grow(this.stamps, new Uint32Array(slots));
    this.hashes = grow(this.hashes, new Int32Array(slots * this.options.bands));
  }
}

function grow<A extends Float64Array | Uint32Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
