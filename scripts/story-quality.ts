// prints pairwise precision and recall of story clustering on the labelled set
// (tests/fixtures/stories/*.json), arriving in the order the bot would have seen it.
// run: npx tsx scripts/story-quality.ts [--stories] [--sweep]
//   --stories  the stories found, each with its reports and their labels
//   --sweep    the figures for neighbouring thresholds, to see how sharp the chosen point is
import { pickLead } from '../src/stories/pick-lead.js';
import { createStoryIndex } from '../src/stories/story-index.js';
import { loadLabelledSet, type LabelledArticle } from '../tests/stories/labelled-set.js';
import { clusterAndScore, scorePairs } from '../tests/stories/story-score.js';

const TARGET_PRECISION = 0.95;
const TARGET_RECALL = 0.85;
const fixed = (value: number) => value.toFixed(3);

const articles = loadLabelledSet();
const index = createStoryIndex<LabelledArticle>();
for (const article of articles) index.add(article);
const score = scorePairs(articles, (id) => index.storyOf(id));

const events = new Set(articles.map((article) => article.event));
const languages = [...new Set(articles.map((article) => article.language))].join(', ');
const storyIds = new Set(articles.map((article) => index.storyOf(article.id)!));
console.log(
  `labelled set: ${articles.length} articles (${languages}), ${events.size} events; clustered into ${storyIds.size} stories`,
);
console.log(
  `pairwise precision ${fixed(score.precision)} (target ≥ ${TARGET_PRECISION}), recall ${fixed(score.recall)} (target ≥ ${TARGET_RECALL})`,
);
console.log(
  `pairs: ${score.truePairs} right, ${score.falsePairs} wrongly merged, ${score.missedPairs} missed`,
);
for (const [a, b] of score.wrongMerges) console.log(`  wrongly merged: ${a} + ${b}`);
for (const [a, b] of score.missedMerges) console.log(`  missed: ${a} + ${b}`);

if (process.argv.includes('--stories')) {
  console.log('');
  for (const storyId of storyIds) {
    const { lead, also } = pickLead(index.members(storyId));
    console.log(`${lead.event}  ${lead.sourceId}: ${lead.title}`);
    for (const other of also) {
      const mark = other.event === lead.event ? '' : `  ← ${other.event}`;
      console.log(`    also ${other.sourceId}: ${other.title}${mark}`);
    }
  }
}

if (process.argv.includes('--sweep')) {
  console.log('\nthreshold  coverage  precision  recall');
  for (const threshold of [0.22, 0.23, 0.24, 0.25, 0.26, 0.27, 0.28]) {
    for (const coverage of [0.4, 0.45, 0.5]) {
      const swept = clusterAndScore(articles, { threshold, coverage });
      console.log(
        `${threshold.toFixed(2).padStart(9)}  ${coverage.toFixed(2).padStart(8)}  ${fixed(swept.precision).padStart(9)}  ${fixed(swept.recall).padStart(6)}`,
      );
    }
  }
}
