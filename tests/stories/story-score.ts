// pairwise precision and recall of a clustering against labels: every pair of articles counts once.
import { createStoryIndex, type StoryIndexOptions } from '../../src/stories/story-index.js';
import type { LabelledArticle } from './labelled-set.js';

export interface PairwiseScore {
  precision: number;
  recall: number;
  truePairs: number;
  falsePairs: number;
  missedPairs: number;
  /** article id pairs put in one story that report different events */
  wrongMerges: [string, string][];
  /** article id pairs of one event left in different stories */
  missedMerges: [string, string][];
}

export function scorePairs(
  articles: readonly LabelledArticle[],
  storyOf: (articleId: string) => string | undefined,
): PairwiseScore {
  let truePairs = 0;
  const wrongMerges: [string, string][] = [];
  const missedMerges: [string, string][] = [];
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const a = articles[i]!;
      const b = articles[j]!;
      const together = storyOf(a.id) !== undefined && storyOf(a.id) === storyOf(b.id);
      const same = a.event === b.event;
      if (together && same) truePairs++;
      else if (together) wrongMerges.push([a.id, b.id]);
      else if (same) missedMerges.push([a.id, b.id]);
    }
  }
  const merged = truePairs + wrongMerges.length;
  const labelled = truePairs + missedMerges.length;
  return {
    precision: merged === 0 ? 1 : truePairs / merged,
    recall: labelled === 0 ? 1 : truePairs / labelled,
    truePairs,
    falsePairs: wrongMerges.length,
    missedPairs: missedMerges.length,
    wrongMerges,
    missedMerges,
  };
}

/** Clusters the labelled set with a fresh index (in arrival order) and scores it. */
export function clusterAndScore(
  articles: readonly LabelledArticle[],
  options: StoryIndexOptions = {},
): PairwiseScore {
  const index = createStoryIndex<LabelledArticle>(options);
  for (const article of articles) index.add(article);
  return scorePairs(articles, (id) => index.storyOf(id));
}
