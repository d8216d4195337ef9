// the news store's stories: every stored article is clustered (src/stories) as it is added, in the
// order first seen; pruned articles leave; at start the whole store is replayed in firstSeenAt-then-id
// order, which gives the same stories again. each article slot's story key is kept in a typed array,
// so pages and counts read stories without a lookup by id.
import { createStoryIndex, type StoryIndex, type StoryIndexOptions } from '../stories/story-index.js';
import type { StoredArticle } from './article-index.js';

const NO_STORY = -1;

export class StoryShelf {
  readonly index: StoryIndex<StoredArticle>;
  private keys = new Int32Array(1024).fill(NO_STORY);

  constructor(
    private readonly slotOf: (articleId: string) => number | undefined,
    options: StoryIndexOptions = {},
  ) {
    this.index = createStoryIndex<StoredArticle>(options, {
      merged: ({ intoKey }) => {
        for (const member of this.index.membersOfKey(intoKey)) this.label(member.id, intoKey);
      },
    });
  }

  /**
   * Clusters articles stored by one add (so first seen at one time) in id order, the order a restart
   * replays them in. Two adds in the same millisecond are clustered in the order they came: after a
   * restart their reports could only differ where they competed for one story.
   */
  arrive(articles: readonly StoredArticle[]): void {
    for (const article of [...articles].sort(firstSeenThenId)) {
      this.index.add(article);
      this.label(article.id, this.index.keyOf(article.id) ?? NO_STORY);
    }
  }

  /** replays every stored article, in the order first seen (then id) */
  rebuild(articles: readonly StoredArticle[]): void {
    this.arrive(articles);
  }

  remove(articleIds: readonly string[]): void {
    for (const id of articleIds) this.index.remove(id);
  }

  /** the story key of a live article slot */
  keyAt(slot: number): number {
    return this.keys[slot] ?? NO_STORY;
  }

  /** above every key in use: a size for per-story typed arrays */
  get keyLimit(): number {
    return this.index.keyLimit;
  }

  private label(articleId: string, key: number): void {
    const slot = this.slotOf(articleId);
    if (slot === undefined) return;
    if (slot >= this.keys.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.keys.length * 2)).fill(NO_STORY);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[slot] = key;
  }
}

function firstSeenThenId(a: StoredArticle, b: StoredArticle): number {
  return a.firstSeenAt - b.firstSeenAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
