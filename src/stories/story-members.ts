// who belongs to which story, for every article held (in the clustering window or long out of it).
// stored in typed arrays indexed by article number rather than an object and an array per story:
// most stories have one report, and a store of 100,000 articles would pay ~10 MB for those objects.
// stories are numbered by small integers, reused once a story is gone; a story's reports form a
// linked list, oldest first. a story is found by its id through its founder (its id is the id of the
// article that started it) while the founder is held; the few others are kept in a small map.
import type { StoryArticle } from './story-article.js';
import { reportTime } from './story-window.js';

const NONE = -1;

/**
 * How the articles held are numbered: small integers, unique among the articles held. A caller that
 * numbers its articles already (the news store's slots) lends its numbering, and the index keeps no
 * map of its own; the number of an article must stay the same while the index holds it.
 */
export interface ArticleNumbers<T> {
  numberOf(articleId: string): number | undefined;
  articleAt(number: number): T | undefined;
}

/** the numbering an index keeps when given none: a map from id, numbers reused */
export class OwnNumbers<T extends StoryArticle> implements ArticleNumbers<T> {
  private readonly byId = new Map<string, number>();
  private readonly articles: (T | undefined)[] = [];
  private readonly free: number[] = [];

  numberOf = (articleId: string) => this.byId.get(articleId);
  articleAt = (number: number) => this.articles[number];

  assign(article: T): number {
    const number = this.free.pop() ?? this.articles.length;
    this.articles[number] = article;
    this.byId.set(article.id, number);
    return number;
  }

  release(articleId: string): void {
    const number = this.byId.get(articleId);
    if (number === undefined) return;
    this.byId.delete(articleId);
    this.articles[number] = undefined;
    this.free.push(number);
  }
}

export class StoryMembers<T extends StoryArticle> {
  private memberStory = new Int32Array(1024).fill(NONE);
  private memberNext = new Int32Array(1024).fill(NONE);
  private readonly storyIds: (string | undefined)[] = [];
  private storyHead = new Int32Array(1024);
  private storySize = new Int32Array(1024);
  private readonly freeStories: number[] = [];
  /** stories not named after a member held: founder forgotten, or a suffixed id */
  private readonly orphans = new Map<string, number>();
  private held = 0;
  private storyCount = 0;

  constructor(
    private readonly numbers: ArticleNumbers<T>,
    private readonly own?: OwnNumbers<T>,
  ) {}

  /** articles held */
  get size(): number {
    return this.held;
  }

  /** stories held */
  get stories(): number {
    return this.storyCount;
  }

  /** above every story number in use */
  get storyLimit(): number {
    return this.storyIds.length;
  }

  /** makes room for articles numbered below `articles`, and as many stories */
  reserve(articles: number): void {
    if (articles > this.memberStory.length) {
      this.memberStory = grow(this.memberStory, articles, NONE);
      this.memberNext = grow(this.memberNext, articles, NONE);
    }
    if (articles > this.storyHead.length) {
      this.storyHead = grow(this.storyHead, articles);
      this.storySize = grow(this.storySize, articles);
    }
  }

  /** a new, empty story named `storyId` (new: see hasStory), to be founded by the article `founderId` */
  create(storyId: string, founderId: string): number {
    const story = this.freeStories.pop() ?? this.storyIds.length;
    if (story === this.storyIds.length) {
      this.storyIds.push(undefined);
      if (story >= this.storyHead.length) {
        this.storyHead = grow(this.storyHead, story + 1);
        this.storySize = grow(this.storySize, story + 1);
      }
    }
    this.storyIds[story] = storyId;
    this.storyHead[story] = NONE;
    this.storySize[story] = 0;
    this.storyCount++;
    if (storyId !== founderId) this.orphans.set(storyId, story);
    return story;
  }

  hasStory(storyId: string): boolean {
    return this.numberOf(storyId) !== undefined;
  }

  /** throws unless the article can join a story: with the caller's numbering, it must have a number */
  checkNumbered(article: T): void {
    if (!this.own && this.numbers.numberOf(article.id) === undefined) {
      throw new RangeError(`Story index: article "${article.id}" has no number; number it before adding it.`);
    }
  }

  /** puts an article the index does not hold yet (checkNumbered) in a story, in time order */
  join(story: number, article: T): void {
    const member = this.own ? this.own.assign(article) : this.numbers.numberOf(article.id)!;
    if (member >= this.memberStory.length) {
      this.memberStory = grow(this.memberStory, member + 1, NONE);
      this.memberNext = grow(this.memberNext, member + 1, NONE);
    }
    this.held++;
    this.link(story, member);
  }

  /** moves every member of `from` into `into`; `from` is gone */
  merge(from: number, into: number): void {
    for (let member = this.storyHead[from]!; member !== NONE;) {
      const next = this.memberNext[member]!;
      this.storySize[from]!--;
      this.link(into, member);
      member = next;
    }
    this.drop(from);
  }

  /** forgets an article; its story goes when it was the last member. Returns the article and its story. */
  remove(articleId: string): { article: T; story: number } | undefined {
    const member = this.memberOf(articleId);
    if (member === undefined) return undefined;
    const article = this.numbers.articleAt(member)!;
    const story = this.memberStory[member]!;
    let at = this.storyHead[story]!;
    if (at === member) this.storyHead[story] = this.memberNext[member]!;
    else {
      while (this.memberNext[at] !== member) at = this.memberNext[at]!;
      this.memberNext[at] = this.memberNext[member]!;
    }
    this.memberStory[member] = NONE;
    this.memberNext[member] = NONE;
    this.storySize[story]!--;
    this.held--;
    this.own?.release(articleId);
    if (this.storySize[story] === 0) this.drop(story);
    else if (this.storyIds[story] === articleId) this.orphans.set(articleId, story);
    return { article, story };
  }

  /** the story number of a held article */
  storyOf(articleId: string): number | undefined {
    const member = this.memberOf(articleId);
    return member === undefined ? undefined : this.memberStory[member];
  }

  /** storyAt for many at once: into[i] = the story of members[i], or -1 when the index holds none */
  storiesAt(members: Int32Array, length: number, into: Int32Array): void {
    const memberStory = this.memberStory;
    const held = memberStory.length;
    for (let i = 0; i < length; i++) {
      const member = members[i]!;
      into[i] = member < held ? memberStory[member]! : NONE;
    }
  }

  /** the story number of the article numbered `member`, if the index holds it */
  storyAt(member: number): number | undefined {
    const story = this.memberStory[member];
    return story === undefined || story === NONE ? undefined : story;
  }

  numberOf(storyId: string): number | undefined {
    const orphan = this.orphans.get(storyId);
    if (orphan !== undefined) return orphan;
    const story = this.storyOf(storyId); // the founder's story, if it still bears the founder's id
    return story !== undefined && this.storyIds[story] === storyId ? story : undefined;
  }

  idOf(story: number): string {
    return this.storyIds[story]!;
  }

  sizeOf(story: number): number {
    return this.storySize[story]!;
  }

  /** a story's articles, oldest first */
  members(story: number): T[] {
    const list: T[] = [];
    for (let member = this.storyHead[story]!; member !== NONE; member = this.memberNext[member]!) {
      list.push(this.numbers.articleAt(member)!);
    }
    return list;
  }

  private memberOf(articleId: string): number | undefined {
    const member = this.numbers.numberOf(articleId);
    return member !== undefined && this.memberStory[member] !== undefined && this.memberStory[member] !== NONE
      ? member
      : undefined;
  }

  // inserts a member in time order (then id): stories are short, a walk is enough
  private link(story: number, member: number): void {
    const article = this.numbers.articleAt(member)!;
    this.memberStory[member] = story;
    this.storySize[story]!++;
    let previous = NONE;
    let at = this.storyHead[story]!;
    while (at !== NONE && olderFirst(this.numbers.articleAt(at)!, article) <= 0) {
      previous = at;
      at = this.memberNext[at]!;
    }
    this.memberNext[member] = at;
    if (previous === NONE) this.storyHead[story] = member;
    else this.memberNext[previous] = member;
  }

  private drop(story: number): void {
    const storyId = this.storyIds[story]!;
    if (this.orphans.get(storyId) === story) this.orphans.delete(storyId);
    this.storyIds[story] = undefined;
    this.storyHead[story] = NONE;
    this.storySize[story] = 0;
    this.freeStories.push(story);
    this.storyCount--;
  }
}

/** oldest first: report time, then id */
function olderFirst(a: StoryArticle, b: StoryArticle): number {
  return reportTime(a) - reportTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// by half again (not double): these arrays grow with the store
function grow(from: Int32Array, least: number, fill = 0): Int32Array<ArrayBuffer> {
  const to = new Int32Array(Math.max(least, Math.ceil(from.length * 1.5)));
  if (fill !== 0) to.fill(fill, from.length);
  to.set(from);
  return to;
}
