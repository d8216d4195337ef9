// incremental story clustering: a new report joins the story of a close earlier report from another
// outlet, in the same language and window, or starts a story of its own.
import type { StoredArticle } from '../store/news-store.js';
import { LshBuckets } from './lsh-buckets.js';
import { hashString, minHashSeeds, minHashSignature, termElements } from './min-hash.js';
import { resolveStoryOptions, type StoryIndexOptions } from './story-options.js';
import { coverage, similarity } from './story-similarity.js';
import { storyLanguage, storyTerms } from './story-text.js';
import { TermCounts } from './term-counts.js';

export { DEFAULT_STORY_WINDOW_MS, type StoryIndexOptions } from './story-options.js';

/** What clustering reads of an article. */
export type StoryArticle = Pick<
  StoredArticle,
  'id' | 'sourceId' | 'title' | 'summary' | 'language' | 'publishedAt' | 'firstSeenAt'
>;

export interface StoryIndex<T extends StoryArticle = StoryArticle> {
  /** clusters the article and returns its story id. A report that bridges two stories makes them one:
   *  the other story's id is then gone (storyOf gives the current one). An id already added: its
   *  story, unchanged. */
  add(article: T): string;
  /** the story of an article, if the article is in the index */
  storyOf(articleId: string): string | undefined;
  /** a story's articles, oldest first, one per outlet; empty for an unknown story */
  members(storyId: string): T[];
  /** forgets an article (retention); its story keeps its id while other members remain */
  remove(articleId: string): boolean;
  has(articleId: string): boolean;
  /** articles held */
  readonly size: number;
  /** stories held */
  readonly stories: number;
}

interface Story {
  /** the id of the article that started it */
  id: string;
  slots: number[];
}

/** when a report happened: published, else first seen (as articleTime in digest/rank.ts) */
const timeOf = (article: StoryArticle): number => article.publishedAt ?? article.firstSeenAt;
const EMPTY = new Uint32Array(0);

/**
 * Creates an empty index. Stories depend on arrival order: rebuild by adding articles in the order
 * they were first seen (firstSeenAt, then id) to get the same stories again.
 */
export function createStoryIndex<T extends StoryArticle = StoryArticle>(
  options: StoryIndexOptions = {},
): StoryIndex<T> {
  const resolved = resolveStoryOptions(options);
  const { windowMs, threshold, nearThreshold, floor, minShared, merge, bands, rows } = resolved;
  const minCoverage = resolved.coverage;
  const seeds = minHashSeeds(bands * rows);
  const buckets = new LshBuckets(bands, rows);
  const signature = new Uint32Array(bands * rows);
  const slotById = new Map<string, number>();
  const storyById = new Map<string, Story>();
  const free: number[] = [];
  const articles: (T | undefined)[] = [];
  const languages: string[] = [];
  const elements: Uint32Array[] = [];
  const storyOfSlot: (Story | undefined)[] = [];
  let times = new Float64Array(1024);
  let stamps = new Uint32Array(1024);
  let hashes = new Int32Array(1024 * bands);
  let stamp = 0;
  const termCounts = new TermCounts(resolved.frequentShare, resolved.frequentCount);
  const languageHashes = new Map<string, number>();
  const languageHash = (language: string) => {
    let hash = languageHashes.get(language);
    if (hash === undefined) languageHashes.set(language, (hash = hashString(language)));
    return hash;
  };

  function newSlot(): number {
    const reused = free.pop();
    if (reused !== undefined) return reused;
    const slot = articles.length;
    if (slot >= times.length) {
      times = grow(times, new Float64Array(times.length * 2));
      stamps = grow(stamps, new Uint32Array(times.length));
      hashes = grow(hashes, new Int32Array(times.length * bands));
    }
    articles.push(undefined);
    languages.push('');
    elements.push(EMPTY);
    storyOfSlot.push(undefined);
    return slot;
  }

  const timeSlotOf = (time: number) => Math.floor(time / windowMs);

  // stories holding a report at least nearThreshold similar, closest first; each report is looked at once
  function candidateStories(slot: number, sourceId: string): [Story, number][] {
    const mine = elements[slot]!;
    const time = times[slot]!;
    const closest = new Map<Story, number>();
    stamp = (stamp + 1) >>> 0 || 1;
    const timeSlot = timeSlotOf(time);
    buckets.forEachCandidate(hashes, slot * bands, [timeSlot - 1, timeSlot, timeSlot + 1], (other) => {
      if (stamps[other] === stamp) return;
      stamps[other] = stamp;
      const story = storyOfSlot[other];
      if (!story || languages[other] !== languages[slot] || articles[other]!.sourceId === sourceId) return;
      if (Math.abs(times[other]! - time) > windowMs) return;
      const near = similarity(mine, elements[other]!, minShared);
      if (near >= nearThreshold && near > (closest.get(story) ?? 0)) closest.set(story, near);
    });
    return [...closest].sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1));
  }

  function joins(story: Story, closest: number, slot: number, sourceId: string): boolean {
    let earliest = times[slot]!;
    let latest = earliest;
    for (const member of story.slots) {
      if (articles[member]!.sourceId === sourceId) return false;
      earliest = Math.min(earliest, times[member]!);
      latest = Math.max(latest, times[member]!);
      if (latest - earliest > windowMs) return false;
      if (similarity(elements[slot]!, elements[member]!, 0) < floor) return false;
    }
    if (closest >= threshold) return true;
    const reports = story.slots.map((member) => elements[member]!);
    return reports.length >= 2 && coverage(elements[slot]!, reports) >= minCoverage;
  }

  // two stories a report bridges can become one: no outlet twice, one window, no pair below the floor
  function compatible(story: Story, other: Story): boolean {
    let earliest = Infinity;
    let latest = -Infinity;
    for (const member of [...story.slots, ...other.slots]) {
      earliest = Math.min(earliest, times[member]!);
      latest = Math.max(latest, times[member]!);
    }
    if (latest - earliest > windowMs) return false;
    for (const mine of story.slots) {
      for (const theirs of other.slots) {
        if (articles[mine]!.sourceId === articles[theirs]!.sourceId) return false;
        if (similarity(elements[mine]!, elements[theirs]!, 0) < floor) return false;
      }
    }
    return true;
  }

  function absorb(story: Story, other: Story): void {
    for (const member of other.slots) {
      storyOfSlot[member] = story;
      story.slots.push(member);
    }
    storyById.delete(other.id);
  }

  return {
    add(article) {
      const known = slotById.get(article.id);
      if (known !== undefined) return storyOfSlot[known]!.id;
      const slot = newSlot();
      const language = storyLanguage(article.language);
      const mine = termElements(storyTerms(article.title, article.summary, language));
      articles[slot] = article;
      languages[slot] = language;
      times[slot] = timeOf(article);
      elements[slot] = mine;
      slotById.set(article.id, slot);
      let story: Story | undefined;
      // a report with no terms (a title of stop words) stays alone and out of the buckets
      if (mine.length > 0) {
        const salt = languageHash(language);
        const sampled = termCounts.rare(mine, salt, minShared);
        buckets.bandHashes(minHashSignature(sampled, seeds, signature), salt, hashes, slot * bands);
        termCounts.update(mine, salt, 1);
        const candidates = candidateStories(slot, article.sourceId);
        story = candidates.find(([candidate, closest]) =>
          joins(candidate, closest, slot, article.sourceId),
        )?.[0];
        if (story && merge) {
          for (const [other, closest] of candidates) {
            if (other === story || closest < threshold || !joins(other, closest, slot, article.sourceId))
              continue;
            if (compatible(story, other)) absorb(story, other);
          }
        }
        buckets.add(slot, hashes, slot * bands, timeSlotOf(times[slot]!));
      }
      if (story) story.slots.push(slot);
      else {
        story = { id: freshStoryId(article.id), slots: [slot] };
        storyById.set(story.id, story);
      }
      storyOfSlot[slot] = story;
      return story.id;
    },

    storyOf(articleId) {
      const slot = slotById.get(articleId);
      return slot === undefined ? undefined : storyOfSlot[slot]!.id;
    },

    members(storyId) {
      const story = storyById.get(storyId);
      if (!story) return [];
      return story.slots
        .map((slot) => articles[slot]!)
        .sort((a, b) => timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    remove(articleId) {
      const slot = slotById.get(articleId);
      if (slot === undefined) return false;
      slotById.delete(articleId);
      if (elements[slot]!.length > 0) {
        buckets.delete(slot, hashes, slot * bands, timeSlotOf(times[slot]!));
        termCounts.update(elements[slot]!, languageHash(languages[slot]!), -1);
      }
      const story = storyOfSlot[slot]!;
      story.slots.splice(story.slots.indexOf(slot), 1);
      if (story.slots.length === 0) storyById.delete(story.id);
      articles[slot] = undefined;
      elements[slot] = EMPTY;
      storyOfSlot[slot] = undefined;
      free.push(slot);
      return true;
    },

    has: (articleId) => slotById.has(articleId),
    get size() {
      return slotById.size;
    },
    get stories() {
      return storyById.size;
    },
  };

  // a story keeps its founder's id after the founder is removed; an article arriving later with that
  // id (possible only once the store has forgotten it) starts a story with a suffixed id
  function freshStoryId(articleId: string): string {
    let id = articleId;
    for (let n = 2; storyById.has(id); n++) id = `${articleId}#${n}`;
    return id;
  }
}

function grow<A extends Float64Array | Uint32Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
