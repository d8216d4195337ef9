// pages of stories for /latest and /topic. the matching articles are walked newest first; the first
// article met of each story ranks the whole story (digest/rank.ts) from its members as the asking chat
// sees them; the walk stops once no story not yet met could still make the page: such a story's lead
// is no newer than the article reached, and no bonus adds more than maxBonus. the total counts the
// matching stories, for "… and N more" and paging.
import {
  articleTime,
  compareStories,
  maxBonus,
  rankStory,
  storyScore,
  type RankedStory,
} from '../digest/rank.js';
import type { ArticleIndex, FilteredQuery, StoredArticle } from './article-index.js';
import type { StoryShelf } from './story-shelf.js';
import type { TimeOrder } from './time-order.js';

/** one page of stories, best first, and how many stories match in all */
export interface StoryPage {
  stories: RankedStory[];
  total: number;
}

/** a query as a walk: its matching slots newest first, and how it judges a story's members */
interface Walk {
  /** the next matching slot the reader may see, newest first; undefined at the end */
  next(): number | undefined;
  /** whether a member (one the reader may see) matches the query: the lead is one of those */
  matches(member: StoredArticle): boolean;
  /** a story's match strength (rank.ts) from its matching members */
  strength(matching: readonly StoredArticle[]): number;
  maxStrength: number;
}

type Cursor = () => number | undefined;
type Hidden = ReadonlySet<string> | undefined;

export class StoryPages {
  /** per story key: the stamp of the last walk or count that met it */
  private met = new Uint32Array(1024);
  /** per article slot: the stamp of the search whose many matches are walked in time order */
  private inMatch = new Uint32Array(0);
  /** scratch: the story keys of a search's matches */
  private keys = new Int32Array(1024);
  private stamp = 0;

  constructor(
    private readonly articles: ArticleIndex,
    private readonly shelf: StoryShelf,
  ) {}

  latest(query: FilteredQuery & { sourceIds?: readonly string[] }): StoryPage {
    const hidden = this.articles.hiddenOf(query.exceptSourceIds);
    if (query.sourceIds === undefined) {
      const keep = hidden && this.visibleSlot(hidden);
      const walk = plainWalk(orderCursor(this.articles.allOrder(), keep), () => true);
      return { stories: this.top(walk, query, hidden), total: this.countAll(hidden) };
    }
    const sourceIds = new Set(query.sourceIds.filter((id) => !hidden?.has(id)));
    const orders = [...sourceIds].flatMap((id) => this.articles.sourceOrder(id) ?? []);
    const walk = plainWalk(mergedCursor(orders, this.articles.newer), (member) =>
      sourceIds.has(member.sourceId),
    );
    // a story holds one report per outlet: one outlet's stories are its articles
    const total =
      orders.length === 1 ? orders[0]!.length : this.countDistinct(orders.map((order) => orderCursor(order)));
    return { stories: this.top(walk, query, hidden), total };
  }

  byTopic(topicId: string, query: FilteredQuery): StoryPage {
    const order = this.articles.topicOrder(topicId);
    if (!order) return { stories: [], total: 0 };
    const hidden = this.articles.hiddenOf(query.exceptSourceIds);
    const keep = hidden && this.visibleSlot(hidden);
    const walk: Walk = {
      next: orderCursor(order, keep),
      matches: (member) => member.topics.includes(topicId),
      strength: () => 1,
      maxStrength: 1,
    };
    return { stories: this.top(walk, query, hidden), total: this.countDistinct([orderCursor(order, keep)]) };
  }

  /** stories with every word; holding them (as a phrase) in a headline or summary is a strong match */
  search(text: string, query: FilteredQuery): StoryPage {
    const hidden = this.articles.hiddenOf(query.exceptSourceIds);
    const found = this.articles.searchMatches(text, query.exceptSourceIds);
    const { slots, length, titled, titledLength, words } = found;
    // both lists are in slot order: a member is looked up, not marked in a per-slot array
    const slotOf = (member: StoredArticle) => this.articles.slotOf(member.id) ?? -1;
    const strong = (slot: number) =>
      holds(titled, titledLength, slot) && (words.length < 2 || this.articles.hasPhrase(slot, words));
    const { next, total } = this.newestAndCount(slots, length);
    const walk: Walk = {
      next,
      matches: (member) => holds(slots, length, slotOf(member)),
      strength: (matching) => (matching.some((member) => strong(slotOf(member))) ? 1 : 0),
      maxStrength: 1,
    };
    return { stories: this.top(walk, query, hidden), total };
  }

  // the best offset + limit stories, best first, then the page of them
  private top(walk: Walk, query: FilteredQuery, hidden: Hidden): RankedStory[] {
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.max(0, Math.floor(query.limit));
    const wanted = offset + limit;
    if (limit === 0) return [];
    const bonus = maxBonus(walk.maxStrength);
    const best: RankedStory[] = [];
    const stamp = this.nextStamp();
    for (let slot = walk.next(); slot !== undefined; slot = walk.next()) {
      const worst = best.length >= wanted ? best[wanted - 1] : undefined;
      if (worst && worst.score > this.articles.timeAt(slot) + bonus) break;
      const key = this.shelf.keyAt(slot);
      if (key < 0 || this.met[key] === stamp) continue;
      this.met[key] = stamp;
      const story = this.rank(key, slot, walk, hidden, worst);
      if (!story || (worst && compareStories(story, worst) >= 0)) continue;
      let at = best.length;
      while (at > 0 && compareStories(story, best[at - 1]!) < 0) at--;
      best.splice(at, 0, story);
      if (best.length > wanted) best.pop();
    }
    return best.slice(offset);
  }

  // a story as the reader sees it; its match strength (a headline check, for words) is only worked out
  // when the story could make the page with it
  private rank(key: number, slot: number, walk: Walk, hidden: Hidden, worst?: RankedStory) {
    const stories = this.shelf.index;
    let visible: StoredArticle[];
    let matching: StoredArticle[];
    const strengthBonus = maxBonus(walk.maxStrength) - maxBonus(0);
    if (stories.sizeOfKey(key) === 1) {
      // most stories have one report: the one walked, which matches and may be seen; often it cannot
      // make the page whatever its match, and nothing more need be made of it
      const article = this.articles.docAt(slot)!;
      if (worst && articleTime(article) + strengthBonus < worst.score) return undefined;
      visible = matching = [article];
    } else {
      const members = stories.membersOfKey(key);
      visible = hidden ? members.filter((member) => !hidden.has(member.sourceId)) : members;
      matching = visible.filter((member) => walk.matches(member));
    }
    const plain = rankStory(stories.idOfKey(key), visible, matching, 0);
    if (!plain || walk.maxStrength === 0) return plain;
    if (worst && plain.score + strengthBonus < worst.score) return undefined;
    const strength = walk.strength(matching);
    if (strength === 0) return plain;
    const score = storyScore(articleTime(plain.lead), { outlets: visible.length, strength });
    return { ...plain, score };
  }

  // stories with at least one member the reader may see
  private countAll(hidden: Hidden): number {
    const stories = this.shelf.index;
    if (!hidden) return stories.stories;
    const stamp = this.nextStamp();
    let unseen = 0;
    for (const sourceId of hidden) {
      const cursor = orderCursor(this.articles.sourceOrder(sourceId)!);
      for (let slot = cursor(); slot !== undefined; slot = cursor()) {
        const key = this.shelf.keyAt(slot);
        if (key < 0 || this.met[key] === stamp) continue;
        this.met[key] = stamp;
        if (stories.sizeOfKey(key) === 1) unseen++;
        else if (stories.membersOfKey(key).every((member) => hidden.has(member.sourceId))) unseen++;
      }
    }
    return stories.stories - unseen;
  }

  private countDistinct(cursors: readonly Cursor[]): number {
    const stamp = this.nextStamp();
    let count = 0;
    for (const cursor of cursors) {
      for (let slot = cursor(); slot !== undefined; slot = cursor()) {
        const key = this.shelf.keyAt(slot);
        if (key < 0 || this.met[key] === stamp) continue;
        this.met[key] = stamp;
        count++;
      }
    }
    return count;
  }

  // newest first over unsorted slots, and how many stories they belong to. when the slots are many,
  // one loop counts their stories and marks them for a walk down the store's time order; else the k
  // newest are taken, then the 2k newest when the walk goes further
  private newestAndCount(slots: Int32Array, length: number): { next: Cursor; total: number } {
    const stamp = this.nextStamp();
    const many = length >= 1024 && length * 16 >= this.articles.size;
    if (this.keys.length < length) this.keys = new Int32Array(Math.ceil(length * 1.25));
    const { met, keys } = this;
    this.shelf.keysAt(slots, length, keys);
    let total = 0;
    for (let i = 0; i < length; i++) {
      const key = keys[i]!;
      if (key < 0 || met[key] === stamp) continue;
      met[key] = stamp;
      total++;
    }
    this.inMatch = fit(this.inMatch, many ? this.articles.slotLimit : 0);
    const marks = this.inMatch;
    if (many) for (let i = 0; i < length; i++) marks[slots[i]!] = stamp;
    if (many) return { next: orderCursor(this.articles.allOrder(), (slot) => marks[slot] === stamp), total };
    let taken: number[] = [];
    let i = 0;
    const next = () => {
      if (i >= taken.length) {
        if (taken.length >= length) return undefined;
        taken = this.articles.newest(slots, length, Math.max(64, taken.length * 2));
      }
      return taken[i++];
    };
    return { next, total };
  }

  private visibleSlot(hidden: ReadonlySet<string>): (slot: number) => boolean {
    return (slot) => !hidden.has(this.articles.docAt(slot)!.sourceId);
  }

  private nextStamp(): number {
    this.met = fit(this.met, this.shelf.keyLimit);
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      // wrapped: old stamps could read as new
      this.met.fill(0);
      this.inMatch.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

function plainWalk(next: Cursor, matches: (member: StoredArticle) => boolean): Walk {
  return { next, matches, strength: () => 0, maxStrength: 0 };
}

function orderCursor(order: TimeOrder, keep?: (slot: number) => boolean): Cursor {
  let i = 0;
  return () => {
    for (;;) {
      const slot = order.newest(i++);
      if (slot === undefined || !keep || keep(slot)) return slot;
    }
  };
}

// newest first across orders that share no slot
function mergedCursor(orders: readonly TimeOrder[], newer: (a: number, b: number) => boolean): Cursor {
  if (orders.length === 1) return orderCursor(orders[0]!);
  const next = orders.map(() => 0);
  return () => {
    let best = -1;
    let bestSlot = -1;
    for (let o = 0; o < orders.length; o++) {
      const slot = orders[o]!.newest(next[o]!);
      if (slot !== undefined && (best < 0 || newer(slot, bestSlot))) {
        best = o;
        bestSlot = slot;
      }
    }
    if (best < 0) return undefined;
    next[best]!++;
    return bestSlot;
  };
}

/** whether slots[0 .. length), ascending, holds the slot */
function holds(slots: Int32Array, length: number, slot: number): boolean {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (slots[middle]! < slot) low = middle + 1;
    else high = middle;
  }
  return low < length && slots[low] === slot;
}

function fit(array: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Uint32Array(Math.ceil(size * 1.25));
  grown.set(array);
  return grown;
}
