// the news store's stories: every stored article is clustered (src/stories) as it is added, in the
// order first seen; pruned articles leave; at start the whole store is replayed in firstSeenAt-then-id
// order, which gives the same stories again. the story index numbers articles by their slots in the
// article index (it keeps no map of its own), so pages and counts read a slot's story from an array.
import { createStoryIndex, type StoryIndex, type StoryIndexOptions } from '../stories/story-index.js';
import type { ArticleIndex, StoredArticle } from './article-index.js';

const NO_STORY = -1;

export class StoryShelf {
  readonly index: StoryIndex<StoredArticle>;

  constructor(articles: ArticleIndex, options: StoryIndexOptions = {}) {
    this.index = createStoryIndex<StoredArticle>(
      options,
      {},
      { numberOf: (id) => articles.slotOf(id), articleAt: (slot) => articles.docAt(slot) },
    );
  }

  /**
   * Clusters articles the article index holds already, in the order first seen, then by id: the order
   * a restart replays them in. One add's articles share a first-seen time; two adds in the same
   * millisecond are clustered in the order they came, so after a restart their reports could only
   * differ where they competed for one story.
   */
  arrive(articles: readonly StoredArticle[]): void {
    this.index.addMany([...articles].sort(firstSeenThenId));
  }

  /** call before the article index forgets them: their slots name them here */
  remove(articleIds: readonly string[]): void {
    for (const id of articleIds) this.index.remove(id);
  }

  /** the story key of a live article slot, or -1 */
  keyAt(slot: number): number {
    return this.index.keyAt(slot) ?? NO_STORY;
  }

  /** keyAt for slots[0 .. length): into[i] = the story key of slots[i], or -1 */
  keysAt(slots: Int32Array, length: number, into: Int32Array): void {
    this.index.keysAt(slots, length, into);
  }

  /** above every key in use: a size for per-story typed arrays */
  get keyLimit(): number {
    return this.index.keyLimit;
  }
}

function firstSeenThenId(a: StoredArticle, b: StoredArticle): number {
  return a.firstSeenAt - b.firstSeenAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
