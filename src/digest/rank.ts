import { leadFirst, pickLead } from '../stories/pick-lead.js';
import type { StoredArticle } from '../store/article-index.js';
import { foldText, words } from '../text/fold.js';

/** When an article happened, as far as we know: its published time, else when we first saw it. */
export const articleTime = (article: Pick<StoredArticle, 'publishedAt' | 'firstSeenAt'>): number =>
  article.publishedAt ?? article.firstSeenAt;

const HOUR = 3_600_000;
/** each outlet beyond the first moves a story this much later, for at most OUTLETS_COUNTED outlets */
export const OUTLET_BONUS_MS = HOUR;
export const OUTLETS_COUNTED = 4;
/** each step of match strength (see StoryMatch) moves a story this much later, for at most MAX_STRENGTH */
export const MATCH_BONUS_MS = 2 * HOUR;
export const MAX_STRENGTH = 2;

/** one story as a digest shows it: its lead report and the other outlets' reports, earliest first */
export interface RankedStory<T extends StoredArticle = StoredArticle> {
  storyId: string;
  lead: T;
  also: T[];
  /** the ranking's figure, a time in ms: higher comes first */
  score: number;
}

/** what the ranking counts of a story, besides its lead's time */
export interface StoryMatch {
  /** outlets that carried it, as the reader sees them (the chat's visible sources only) */
  outlets: number;
  /** how well it matches what was asked, 0–2: for /topic, 1 when tagged with the topic, and for words
   *  that name no topic, 1 when a headline or summary holds them (only the full text: 0); for a
   *  briefing, how many of the chat's topics it carries, at most 2 (0 when the chat follows all) */
  strength: number;
}

/**
 * The one ranking, for /latest, /topic and briefings alike. A story's score is a time:
 *
 *   score = lead's time + 1 h × (outlets − 1, at most 3) + 2 h × match strength (at most 2)
 *
 * so recency dominates: the bonuses add at most 7 h, and a story a day older never passes a newer
 * one. Among stories of the same hours, the one more outlets carried, or that matches better, first.
 * Ties: the newer lead, then the smaller story id.
 */
export function storyScore(leadTime: number, match: StoryMatch): number {
  const outlets = Math.min(Math.max(match.outlets, 1), OUTLETS_COUNTED) - 1;
  const strength = Math.min(Math.max(match.strength, 0), MAX_STRENGTH);
  return leadTime + OUTLET_BONUS_MS * outlets + MATCH_BONUS_MS * strength;
}

/** the most any story's score exceeds its lead's time, given the highest match strength possible */
export function maxBonus(maxStrength: number): number {
  return OUTLET_BONUS_MS * (OUTLETS_COUNTED - 1) + MATCH_BONUS_MS * Math.min(maxStrength, MAX_STRENGTH);
}

/** best first: score, then the newer lead, then the smaller story id; never 0 for two stories */
export function compareStories(a: RankedStory, b: RankedStory): number {
  return (
    b.score - a.score ||
    articleTime(b.lead) - articleTime(a.lead) ||
    (a.storyId < b.storyId ? -1 : a.storyId > b.storyId ? 1 : 0)
  );
}

/**
 * A story ranked from its members as one reader sees them: `visible` are the members the reader may
 * see (one per outlet), `matching` those of them that match what was asked; the lead is picked among
 * those (pickLead: the earliest, else the most complete), every other visible member is "also".
 * Undefined when nothing matches: the story is not the reader's.
 */
export function rankStory<T extends StoredArticle>(
  storyId: string,
  visible: readonly T[],
  matching: readonly T[],
  strength: number,
): RankedStory<T> | undefined {
  if (matching.length === 0) return undefined;
  const { lead } = pickLead(matching);
  return {
    storyId,
    lead,
    also: visible.filter((member) => member !== lead).sort(leadFirst),
    score: storyScore(articleTime(lead), { outlets: visible.length, strength }),
  };
}

/** stories best first (compareStories) */
export function rankStories<T extends StoredArticle>(stories: readonly RankedStory<T>[]): RankedStory<T>[] {
  return [...stories].sort(compareStories);
}

/**
 * Articles each as its own story, newest first, de-duplicated: two articles are the same report when
 * they share an id or url or, within one outlet, the same headline. For digests built from a plain
 * list of articles (no story index at hand).
 */
export function rankArticles<T extends StoredArticle>(articles: readonly T[]): T[] {
  const sorted = [...articles].sort((a, b) => articleTime(b) - articleTime(a) || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  return sorted.filter((article) => {
    const keys = [
      `id:${article.id}`,
      `title:${article.sourceId}:${words(foldText(article.title)).join(' ')}`,
    ];
    if (article.url) keys.push(`url:${article.url}`);
    if (keys.some((key) => seen.has(key))) return false;
    for (const key of keys) seen.add(key);
    return true;
  });
}
