// scores article extraction on the zyte benchmark subset and prints the figures.
// run: npx tsx scripts/zyte-f1.ts [--pages]   (corpora from BRIEFER_CORPORA or ../shared/corpora)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreZyteCorpus } from '../tests/pages/zyte-score.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpora = process.env.BRIEFER_CORPORA ?? path.resolve(repoRoot, '../shared/corpora');

const fixed = (value: number, digits = 3) => value.toFixed(digits);

// times are the best of three runs of each page, so a busy machine's noise counts less
const score = scoreZyteCorpus(corpora, 3);
if (process.argv.includes('--pages')) {
  for (const page of [...score.pages].sort((a, b) => a.f1 - b.f1)) {
    console.log(
      `${fixed(page.f1)}  P ${fixed(page.precision)}  R ${fixed(page.recall)}  ${fixed(page.ms, 1).padStart(6)} ms  ${page.url}`,
    );
  }
  console.log('');
}
console.log(`pages: ${score.pages.length}`);
console.log(
  `token F1 (mean per page): ${fixed(score.meanF1)}  (precision ${fixed(score.meanPrecision)}, recall ${fixed(score.meanRecall)})`,
);
console.log(`benchmark F1 (4-token shingles, evaluate.py): ${fixed(score.shingleF1)}`);
console.log(
  `time: ${fixed(score.msPerPage, 1)} ms a page wall, ${fixed(score.cpuMsPerPage, 1)} ms cpu (parse + extract, best of 3)`,
);
