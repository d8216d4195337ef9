import type { Article } from '../articles/article.js';
import { foldText, words } from '../text/fold.js';
import { ArticleSearch, type Searchable, type SearchFilter } from './article-search.js';
import { newestFirst } from './newest-first.js';
import { SeenOrder } from './seen-order.js';
import { mergedPage, TimeOrder, type CompareAge } from './time-order.js';
import { WordIndex } from './word-index.js';

/** what the in-memory index holds: an article without its text and guid */
export type StoredArticle = Omit<Article, 'text' | 'guid'>;

export interface PageQuery {
  limit: number;
  offset?: number;
}

/** sources whose articles a query leaves out (other chats' own sources): ids, or a test of an id */
export type ExceptSources = ReadonlySet<string> | readonly string[] | ((sourceId: string) => boolean);

/** a page query that may leave some sources out */
export interface FilteredQuery extends PageQuery {
  exceptSourceIds?: ExceptSources;
}

/**
 * Articles by slot (a small integer, one per article, never reused), ordered by time overall, per
 * source and per topic, plus a word index for search. Nothing here touches the store.
 */
export class ArticleIndex implements Searchable {
  private readonly docs: (StoredArticle | undefined)[] = [];
  private time = new Float64Array(1024);
  private seen = new Float64Array(1024);
  private readonly ids = new Map<string, number>();
  /** canonical url → slot, for articles whose url is not also their id (those are found through `ids`) */
  private readonly urls = new Map<string, number>();
  private readonly strings = new Map<string, string>();
  private readonly topicLists = new Map<string, string[]>();
  readonly words = new WordIndex();
  private readonly searcher = new ArticleSearch(this);
  private member = new Uint8Array(0);
  private live = 0;

  // newer publishedAt (firstSeenAt when unknown), then newer firstSeenAt, then added later
  private readonly compare: CompareAge = (a, b) =>
    (this.time[a] as number) - (this.time[b] as number) ||
    (this.seen[a] as number) - (this.seen[b] as number) ||
    a - b;
  private readonly all = new TimeOrder(this.compare);
  private readonly bySeen = new SeenOrder((slot) => this.seen[slot] as number);
  private readonly sources = new Map<string, TimeOrder>();
  private readonly topics = new Map<string, TimeOrder>();

  get size(): number {
    return this.live;
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  hasUrl(url: string): boolean {
    if (this.urls.has(url)) return true;
    const slot = this.ids.get(url);
    return slot !== undefined && this.docs[slot]?.url === url;
  }

  /** indexes articles whose id is not indexed yet; returns what it indexed. `settle: false` leaves the
   *  sorting to settle() (or the next query): for loading many batches at start. */
  addMany(articles: readonly Article[], options: { settle?: boolean } = {}): StoredArticle[] {
    const added: StoredArticle[] = [];
    const slots: number[] = [];
    const bySource = new Map<string, number[]>();
    const byTopic = new Map<string, number[]>();
    for (const article of articles) {
      if (this.ids.has(article.id)) continue;
      const slot = this.docs.length;
      const stored = this.toStored(article);
      this.grow(slot + 1);
      this.docs.push(stored);
      this.time[slot] = stored.publishedAt ?? stored.firstSeenAt;
      this.seen[slot] = stored.firstSeenAt;
      this.ids.set(stored.id, slot);
      if (stored.url !== undefined && stored.url !== stored.id && !this.hasUrl(stored.url)) {
        this.urls.set(stored.url, slot);
      }
      this.words.addDocument(
        slot,
        words(foldText(`${article.title}\n${article.summary}`)),
        words(foldText(article.text)),
      );
      slots.push(slot);
      push(bySource, stored.sourceId, slot);
      for (const topic of new Set(stored.topics)) push(byTopic, topic, slot);
      added.push(stored);
    }
    if (added.length === 0) return added;
    this.all.insertMany(slots);
    this.bySeen.insertMany(slots);
    for (const [source, list] of bySource) this.order(this.sources, source).insertMany(list);
    for (const [topic, list] of byTopic) this.order(this.topics, topic).insertMany(list);
    this.live += added.length;
    this.searcher.forget();
    if (options.settle !== false) this.settle();
    return added;
  }

  /** sorts what addMany left unsorted */
  settle(): void {
    this.all.settle();
    this.bySeen.settle();
    for (const order of this.sources.values()) order.settle();
    for (const order of this.topics.values()) order.settle();
  }

  /** articles first seen before `time` */
  firstSeenBefore(time: number): StoredArticle[] {
    return this.docs.filter((doc): doc is StoredArticle => doc !== undefined && doc.firstSeenAt < time);
  }

  removeMany(ids: readonly string[]): void {
    let removed = 0;
    for (const id of ids) {
      const slot = this.ids.get(id);
      if (slot === undefined) continue;
      const doc = this.docs[slot] as StoredArticle;
      this.ids.delete(id);
      if (doc.url !== undefined && this.urls.get(doc.url) === slot) this.urls.delete(doc.url);
      this.docs[slot] = undefined;
      removed++;
    }
    if (removed === 0) return;
    const gone = (slot: number) => this.docs[slot] === undefined;
    this.all.removeWhere(gone);
    this.bySeen.removeWhere(gone);
    for (const orders of [this.sources, this.topics]) {
      for (const [key, order] of orders) {
        order.removeWhere(gone);
        if (order.length === 0) orders.delete(key);
      }
    }
    this.words.compact((slot) => !gone(slot));
    this.live -= removed;
    this.searcher.forget();
  }

  /** articles first seen in [from, to), oldest first, at most `limit` */
  firstSeenBetween(from: number, to: number, limit?: number): StoredArticle[] {
    return this.docsOf(this.bySeen.between(from, to, limit));
  }

  countFirstSeenBetween(from: number, to: number): number {
    return this.bySeen.countBetween(from, to);
  }

  latest(query: FilteredQuery & { sourceIds?: readonly string[] }): StoredArticle[] {
    const { offset, limit } = page(query);
    const hidden = this.hiddenOf(query.exceptSourceIds);
    if (query.sourceIds === undefined) {
      if (!hidden) return this.docsOf(this.all.page(offset, limit));
      return this.docsOf(pageWhere(this.all, offset, limit, this.visibleIn(hidden)));
    }
    const sourceIds = hidden ? query.sourceIds.filter((id) => !hidden.has(id)) : query.sourceIds;
    return this.docsOf(mergedPage(this.ordersOf(sourceIds), this.compare, offset, limit));
  }

  countLatest(sourceIds?: readonly string[], exceptSourceIds?: ExceptSources): number {
    const hidden = this.hiddenOf(exceptSourceIds);
    if (sourceIds === undefined) {
      if (!hidden) return this.live;
      return this.live - this.ordersOf([...hidden]).reduce((sum, order) => sum + order.length, 0);
    }
    const shown = hidden ? sourceIds.filter((id) => !hidden.has(id)) : sourceIds;
    return this.ordersOf(shown).reduce((sum, order) => sum + order.length, 0);
  }

  byTopic(topicId: string, query: FilteredQuery): StoredArticle[] {
    const { offset, limit } = page(query);
    const order = this.topics.get(topicId);
    if (!order) return [];
    const hidden = this.hiddenOf(query.exceptSourceIds);
    if (!hidden) return this.docsOf(order.page(offset, limit));
    return this.docsOf(pageWhere(order, offset, limit, this.visibleIn(hidden)));
  }

  countByTopic(topicId: string, exceptSourceIds?: ExceptSources): number {
    const order = this.topics.get(topicId);
    if (!order) return 0;
    const hidden = this.hiddenOf(exceptSourceIds);
    if (!hidden) return order.length;
    // whichever is shorter: the hidden sources' articles, or the topic's
    const hiddenOrders = this.ordersOf([...hidden]);
    const hiddenCount = hiddenOrders.reduce((sum, each) => sum + each.length, 0);
    if (hiddenCount >= order.length) return countWhere(order, this.visibleIn(hidden));
    const inTopic = (slot: number) => (this.docs[slot] as StoredArticle).topics.includes(topicId);
    return order.length - hiddenOrders.reduce((sum, each) => sum + countWhere(each, inTopic), 0);
  }

  searchPage(text: string, query: FilteredQuery): StoredArticle[] {
    const { offset, limit } = page(query);
    return this.docsOf(this.searcher.page(text, offset, limit, this.searchFilter(query.exceptSourceIds)));
  }

  countSearch(text: string, exceptSourceIds?: ExceptSources): number {
    return this.searcher.count(text, this.searchFilter(exceptSourceIds));
  }

  slotOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  docAt(slot: number): StoredArticle | undefined {
    return this.docs[slot];
  }

  timeAt(slot: number): number {
    return this.time[slot] as number;
  }

  /** every article's order, newest first; a source's or a topic's, if it has articles */
  allOrder(): TimeOrder {
    return this.all;
  }

  sourceOrder(sourceId: string): TimeOrder | undefined {
    return this.sources.get(sourceId);
  }

  topicOrder(topicId: string): TimeOrder | undefined {
    return this.topics.get(topicId);
  }

  /** the newer of two slots, as every order sorts them */
  readonly newer = (a: number, b: number): boolean => this.compare(a, b) > 0;

  /** live search matches, for story pages (see ArticleSearch.matching) */
  searchMatches(text: string, except: ExceptSources | undefined) {
    return this.searcher.matching(text, this.searchFilter(except));
  }

  hasPhrase(slot: number, phrase: readonly string[]): boolean {
    return this.searcher.hasPhrase(slot, phrase);
  }

  /** above every slot in use */
  get slotLimit(): number {
    return this.docs.length;
  }

  titleAndSummary(slot: number): [string, string] {
    const doc = this.docs[slot] as StoredArticle;
    return [doc.title, doc.summary];
  }

  /** the k newest of slots[0 .. length): a walk down the time order when they are many, else a bounded heap */
  newest(slots: ArrayLike<number>, length: number, k: number): number[] {
    if (length < 1024 || length * 16 < this.live) return newestFirst(slots, length, k, this.compare);
    if (this.member.length < this.docs.length)
      this.member = new Uint8Array(Math.ceil(this.docs.length * 1.25));
    const member = this.member;
    for (let i = 0; i < length; i++) member[slots[i] as number] = 1;
    const found: number[] = [];
    for (let i = 0; found.length < k; i++) {
      const slot = this.all.newest(i);
      if (slot === undefined) break;
      if (member[slot] === 1) found.push(slot);
    }
    for (let i = 0; i < length; i++) member[slots[i] as number] = 0;
    return found;
  }

  /** the sources to leave out that have articles here, or undefined when none has */
  hiddenOf(except: ExceptSources | undefined): ReadonlySet<string> | undefined {
    if (except === undefined) return undefined;
    const hidden = new Set<string>();
    if (typeof except === 'function') {
      for (const id of this.sources.keys()) if (except(id)) hidden.add(id);
    } else {
      const set: ReadonlySet<string> = except instanceof Set ? except : new Set(except as readonly string[]);
      if (set.size <= this.sources.size) {
        for (const id of set) if (this.sources.has(id)) hidden.add(id);
      } else {
        for (const id of this.sources.keys()) if (set.has(id)) hidden.add(id);
      }
    }
    return hidden.size > 0 ? hidden : undefined;
  }

  private visibleIn(hidden: ReadonlySet<string>): (slot: number) => boolean {
    return (slot) => !hidden.has((this.docs[slot] as StoredArticle).sourceId);
  }

  private searchFilter(except: ExceptSources | undefined): SearchFilter | undefined {
    const hidden = this.hiddenOf(except);
    return hidden ? { keep: this.visibleIn(hidden), key: [...hidden].sort().join(',') } : undefined;
  }

  private ordersOf(sourceIds: readonly string[]): TimeOrder[] {
    const orders: TimeOrder[] = [];
    for (const id of new Set(sourceIds)) {
      const order = this.sources.get(id);
      if (order) orders.push(order);
    }
    return orders;
  }

  private docsOf(slots: readonly number[]): StoredArticle[] {
    return slots.map((slot) => this.docs[slot] as StoredArticle);
  }

  private order(orders: Map<string, TimeOrder>, key: string): TimeOrder {
    let order = orders.get(key);
    if (!order) {
      order = new TimeOrder(this.compare);
      orders.set(key, order);
    }
    return order;
  }

  private grow(slots: number): void {
    if (slots <= this.time.length) return;
    const size = Math.max(slots, this.time.length * 2);
    const time = new Float64Array(size);
    const seen = new Float64Array(size);
    time.set(this.time);
    seen.set(this.seen);
    this.time = time;
    this.seen = seen;
  }

  // no text, and no guid (it only ever served to make the id); repeated short strings shared; the url
  // shares the id's string when equal
  private toStored(article: Article): StoredArticle {
    const { id, url } = article;
    return {
      id,
      sourceId: this.intern(article.sourceId),
      title: article.title,
      ...(url !== undefined && { url: url === id ? id : url }),
      publishedAt: article.publishedAt,
      firstSeenAt: article.firstSeenAt,
      summary: article.summary,
      language: this.intern(article.language),
      topics: this.topicList(article.topics),
      ...(article.backlog === true && { backlog: true }),
    };
  }

  // articles share one frozen array per combination of topics
  private topicList(topics: readonly string[]): string[] {
    const key = topics.join('\n');
    const known = this.topicLists.get(key);
    if (known) return known;
    const list = Object.freeze(topics.map((topic) => this.intern(topic))) as string[];
    this.topicLists.set(key, list);
    return list;
  }

  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}

function page(query: PageQuery): { offset: number; limit: number } {
  return { offset: Math.max(0, Math.floor(query.offset ?? 0)), limit: Math.max(0, Math.floor(query.limit)) };
}

/** newest first, only the slots `keep` accepts: walks offset + limit kept slots and those skipped */
function pageWhere(order: TimeOrder, offset: number, limit: number, keep: (slot: number) => boolean) {
  const found: number[] = [];
  let kept = 0;
  for (let i = 0; found.length < limit; i++) {
    const slot = order.newest(i);
    if (slot === undefined) break;
    if (!keep(slot)) continue;
    if (kept++ >= offset) found.push(slot);
  }
  return found;
}

function countWhere(order: TimeOrder, keep: (slot: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < order.length; i++) if (keep(order.newest(i) as number)) count++;
  return count;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
