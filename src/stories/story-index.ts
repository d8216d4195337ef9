// incremental story clustering: a new report joins the story of a close earlier report from another
// outlet, in the same language and window, or starts a story of its own.
import { termElements } from './min-hash.js';
import type { StoryArticle } from './story-article.js';
import { resolveStoryOptions, type StoryIndexOptions } from './story-options.js';
import { coverage, similarity } from './story-similarity.js';
import { storyLanguage, storyTerms } from './story-text.js';
import { OwnNumbers, StoryMembers, type ArticleNumbers } from './story-members.js';
import { reportTime, StoryWindow } from './story-window.js';

export { DEFAULT_STORY_WINDOW_MS, type StoryIndexOptions } from './story-options.js';
export type { StoryArticle } from './story-article.js';
export type { ArticleNumbers } from './story-members.js';

export interface StoryIndex<T extends StoryArticle = StoryArticle> {
  /** clusters the article and returns its story id. A report that bridges two stories makes them one:
   *  the other story's id is then gone (storyOf gives the current one; `merged` is told). An id
   *  already added: its story, unchanged. */
  add(article: T): string;
  /** add() for many articles, in the order first seen (a restart's replay): room is made first for
   *  all of them and for the fullest window they make, so the arrays are built once, not grown */
  addMany(articles: readonly T[]): void;
  /** the story of an article, if the article is in the index */
  storyOf(articleId: string): string | undefined;
  /** a story's articles, oldest first, one per outlet; empty for an unknown story */
  members(storyId: string): T[];
  /** forgets an article (retention); its story keeps its id while other members remain */
  remove(articleId: string): boolean;
  has(articleId: string): boolean;
  /** the key of an article's story: a small integer naming the story while it exists (reused once it
   *  is gone), for callers that keep per-story figures in typed arrays */
  keyOf(articleId: string): number | undefined;
  /** the key of the story of the article numbered `number` (see ArticleNumbers), if held */
  keyAt(number: number): number | undefined;
  /** keyAt for many at once: into[i] = the key for numbers[i], or -1 (a search's thousands of matches) */
  keysAt(numbers: Int32Array, length: number, into: Int32Array): void;
  /** the same as members(), idOf, and the number of members, by key */
  membersOfKey(key: number): T[];
  idOfKey(key: number): string;
  sizeOfKey(key: number): number;
  /** above every key in use */
  readonly keyLimit: number;
  /** articles held */
  readonly size: number;
  /** stories held */
  readonly stories: number;
  /** articles still in the clustering window, with their term sets and signatures */
  readonly windowSize: number;
}

export interface StoryIndexEvents {
  /** the story `gone` was merged into `into`: its members now belong to `into`; `gone` no longer exists */
  merged?(event: { into: string; gone: string; intoKey: number; goneKey: number }): void;
}

/**
 * Creates an empty index. Stories depend on arrival order: rebuild by adding articles in the order
 * they were first seen (firstSeenAt, then id) to get the same stories again. A report stays in the
 * clustering window until an arrival is first seen `keepMs` after its time; a story with a report out
 * of the window takes no more reports (see StoryIndexOptions.keepMs). `numbers`: the caller's own
 * numbering of its articles, to save the index a map of its own (see ArticleNumbers).
 */
export function createStoryIndex<T extends StoryArticle = StoryArticle>(
  options: StoryIndexOptions = {},
  events: StoryIndexEvents = {},
  numbers?: ArticleNumbers<T>,
): StoryIndex<T> {
  const resolved = resolveStoryOptions(options);
  const { windowMs, threshold, nearThreshold, floor, minShared, merge } = resolved;
  const minCoverage = resolved.coverage;
  const window = new StoryWindow<T, number>(resolved);
  const own = numbers ? undefined : new OwnNumbers<T>();
  const stories = new StoryMembers<T>(numbers ?? own!, own);

  // stories holding a report at least nearThreshold similar, closest first; each report is looked at once
  function candidateStories(slot: number, sourceId: string): [number, number][] {
    const mine = window.elementsOf(slot);
    const closest = new Map<number, number>();
    window.forEachNear(slot, (other) => {
      if (window.sourceOf(other) === sourceId) return;
      const near = similarity(mine, window.elementsOf(other), minShared);
      const story = window.storyOf(other);
      if (near >= nearThreshold && near > (closest.get(story) ?? 0)) closest.set(story, near);
    });
    return [...closest].sort((a, b) => b[1] - a[1] || (stories.idOf(a[0]) < stories.idOf(b[0]) ? -1 : 1));
  }

  // the term sets of a story's reports, or undefined when one has left the window (the story is closed)
  function termSets(members: readonly T[]): Uint32Array[] | undefined {
    const sets: Uint32Array[] = [];
    for (const member of members) {
      const slot = window.slotOf(member.id);
      if (slot === undefined) return undefined;
      sets.push(window.elementsOf(slot));
    }
    return sets;
  }

  const withinWindow = (members: readonly T[], time: number): boolean => {
    let earliest = time;
    let latest = time;
    for (const member of members) {
      earliest = Math.min(earliest, reportTime(member));
      latest = Math.max(latest, reportTime(member));
    }
    return latest - earliest <= windowMs;
  };

  function joins(story: number, closest: number, slot: number, sourceId: string): boolean {
    const members = stories.members(story);
    if (members.some((member) => member.sourceId === sourceId)) return false;
    if (!withinWindow(members, window.timeOf(slot))) return false;
    const mine = window.elementsOf(slot);
    const reports = termSets(members);
    if (!reports || reports.some((theirs) => similarity(mine, theirs, 0) < floor)) return false;
    if (closest >= threshold) return true;
    return reports.length >= 2 && coverage(mine, reports) >= minCoverage;
  }

  // two stories a report bridges can become one: no outlet twice, one window, no pair below the floor
  function compatible(story: number, other: number): boolean {
    const ours = stories.members(story);
    const theirs = stories.members(other);
    const first = ours[0];
    if (!first || !withinWindow([...ours, ...theirs], reportTime(first))) return false;
    const outlets = new Set(ours.map((member) => member.sourceId));
    if (theirs.some((member) => outlets.has(member.sourceId))) return false;
    const mine = termSets(ours);
    const others = termSets(theirs);
    if (!mine || !others) return false;
    return mine.every((a) => others.every((b) => similarity(a, b, 0) >= floor));
  }

  function absorb(story: number, other: number): void {
    const gone = stories.idOf(other);
    const moved = stories.members(other);
    stories.merge(other, story);
    for (const member of moved) {
      const slot = window.slotOf(member.id);
      if (slot !== undefined) window.setStory(slot, story);
    }
    events.merged?.({ into: stories.idOf(story), gone, intoKey: story, goneKey: other });
  }

  function add(article: T): string {
    const known = stories.storyOf(article.id);
    if (known !== undefined) return stories.idOf(known);
    stories.checkNumbered(article);
    window.arrive(article.firstSeenAt);
    const language = storyLanguage(article.language);
    const mine = termElements(storyTerms(article.title, article.summary, language), window.take);
    const slot = window.enter(article, language, mine);
    const candidates = candidateStories(slot, article.sourceId);
    let story = candidates.find(([candidate, closest]) =>
      joins(candidate, closest, slot, article.sourceId),
    )?.[0];
    if (story !== undefined && merge) {
      for (const [other, closest] of candidates) {
        if (other === story || closest < threshold) continue;
        if (joins(other, closest, slot, article.sourceId) && compatible(story, other)) absorb(story, other);
      }
    }
    window.index(slot);
    story ??= stories.create(freshStoryId(article.id), article.id);
    stories.join(story, article);
    window.setStory(slot, story);
    return stories.idOf(story);
  }

  return {
    add,

    addMany(articles) {
      stories.reserve(stories.size + articles.length);
      window.reserveFor(articles);
      for (const article of articles) add(article);
    },

    storyOf(articleId) {
      const story = stories.storyOf(articleId);
      return story === undefined ? undefined : stories.idOf(story);
    },

    members(storyId) {
      const story = stories.numberOf(storyId);
      return story === undefined ? [] : stories.members(story);
    },

    remove(articleId) {
      const removed = stories.remove(articleId);
      if (!removed) return false;
      if (!window.leave(articleId, true)) {
        // out of the window: its terms are counted still, and found again from its title and lede
        const { article } = removed;
        const language = storyLanguage(article.language);
        window.uncount(termElements(storyTerms(article.title, article.summary, language)), language);
      }
      return true;
    },

    has: (articleId) => stories.storyOf(articleId) !== undefined,
    keyOf: (articleId) => stories.storyOf(articleId),
    keyAt: (number) => stories.storyAt(number),
    keysAt: (numbers, length, into) => stories.storiesAt(numbers, length, into),
    membersOfKey: (key) => stories.members(key),
    idOfKey: (key) => stories.idOf(key),
    sizeOfKey: (key) => stories.sizeOf(key),
    get size() {
      return stories.size;
    },
    get stories() {
      return stories.stories;
    },
    get windowSize() {
      return window.size;
    },
    get keyLimit() {
      return stories.storyLimit;
    },
  };

  // a story keeps its founder's id after the founder is removed; an article arriving later with that
  // id (possible only once the store has forgotten it) starts a story with a suffixed id
  function freshStoryId(articleId: string): string {
    let id = articleId;
    for (let n = 2; stories.hasStory(id); n++) id = `${articleId}#${n}`;
    return id;
  }
}
