// who belongs to which story, for every article held (in the clustering window or long out of it).
// stored in typed arrays rather than an object and an array per story: most stories have one report,
// and a store of 100,000 articles would pay ~10 MB for those objects. stories are numbered by small
// integers, reused once a story is gone; each story's reports form a linked list, oldest first.
import type { StoryArticle } from './story-article.js';
import { reportTime } from './story-window.js';

const NONE = -1;

export class StoryMembers<T extends StoryArticle> {
  private readonly memberById = new Map<string, number>();
  private readonly articles: (T | undefined)[] = [];
  private memberStory = new Int32Array(1024);
  private memberNext = new Int32Array(1024);
  private readonly freeMembers: number[] = [];
  private readonly storyIds: (string | undefined)[] = [];
  private storyHead = new Int32Array(1024);
  private storySize = new Int32Array(1024);
  private readonly freeStories: number[] = [];
  private readonly storyById = new Map<string, number>();

  /** articles held */
  get size(): number {
    return this.memberById.size;
  }

  /** stories held */
  get stories(): number {
    return this.storyById.size;
  }

  /** above every story number in use */
  get storyLimit(): number {
    return this.storyIds.length;
  }

  /** a new, empty story; its id must be new (see hasStory) */
  create(storyId: string): number {
    const story = this.freeStories.pop() ?? this.storyIds.length;
    if (story === this.storyIds.length) {
      this.storyIds.push(undefined);
      if (story >= this.storyHead.length) {
        this.storyHead = grow(this.storyHead);
        this.storySize = grow(this.storySize);
      }
    }
    this.storyIds[story] = storyId;
    this.storyHead[story] = NONE;
    this.storySize[story] = 0;
    this.storyById.set(storyId, story);
    return story;
  }

  hasStory(storyId: string): boolean {
    return this.storyById.has(storyId);
  }

  /** puts an article (not held yet) in a story, in time order */
  join(story: number, article: T): void {
    const member = this.freeMembers.pop() ?? this.articles.length;
    if (member === this.articles.length) {
      this.articles.push(undefined);
      if (member >= this.memberStory.length) {
        this.memberStory = grow(this.memberStory);
        this.memberNext = grow(this.memberNext);
      }
    }
    this.articles[member] = article;
    this.memberById.set(article.id, member);
    this.link(story, member);
  }

  /** moves every member of `from` into `into`; `from` is gone */
  merge(from: number, into: number): void {
    for (let member = this.storyHead[from]!; member !== NONE;) {
      const next = this.memberNext[member]!;
      this.link(into, member);
      member = next;
    }
    this.drop(from);
  }

  /** forgets an article; its story goes when it was the last member. Returns the article and its story. */
  remove(articleId: string): { article: T; story: number } | undefined {
    const member = this.memberById.get(articleId);
    if (member === undefined) return undefined;
    const article = this.articles[member]!;
    const story = this.memberStory[member]!;
    this.memberById.delete(articleId);
    let at = this.storyHead[story]!;
    if (at === member) this.storyHead[story] = this.memberNext[member]!;
    else {
      while (this.memberNext[at] !== member) at = this.memberNext[at]!;
      this.memberNext[at] = this.memberNext[member]!;
    }
    this.storySize[story]!--;
    this.articles[member] = undefined;
    this.freeMembers.push(member);
    if (this.storySize[story] === 0) this.drop(story);
    return { article, story };
  }

  /** the story number of a held article */
  storyOf(articleId: string): number | undefined {
    const member = this.memberById.get(articleId);
    return member === undefined ? undefined : this.memberStory[member];
  }

  numberOf(storyId: string): number | undefined {
    return this.storyById.get(storyId);
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
      list.push(this.articles[member]!);
    }
    return list;
  }

  // inserts a member in time order (then id): stories are short, a walk is enough
  private link(story: number, member: number): void {
    const article = this.articles[member]!;
    this.memberStory[member] = story;
    this.storySize[story]!++;
    let previous = NONE;
    let at = this.storyHead[story]!;
    while (at !== NONE && olderFirst(this.articles[at]!, article) <= 0) {
      previous = at;
      at = this.memberNext[at]!;
    }
    this.memberNext[member] = at;
    if (previous === NONE) this.storyHead[story] = member;
    else this.memberNext[previous] = member;
  }

  private drop(story: number): void {
    this.storyById.delete(this.storyIds[story]!);
    this.storyIds[story] = undefined;
    this.storyHead[story] = NONE;
    this.storySize[story] = 0;
    this.freeStories.push(story);
  }
}

/** oldest first: report time, then id */
function olderFirst(a: StoryArticle, b: StoryArticle): number {
  return reportTime(a) - reportTime(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function grow(from: Int32Array): Int32Array<ArrayBuffer> {
  const to = new Int32Array(from.length * 2);
  to.set(from);
  return to;
}
