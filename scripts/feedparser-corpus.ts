// scores the feed parser against python feedparser's test suite and writes reports/feedparser.md.
// run: npx tsx scripts/feedparser-corpus.ts   (corpora from BRIEFER_CORPORA or ../shared/corpora)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rate, scoreFeedparserCorpus } from '../tests/support/feedparser-score.js';
import type { CorpusScore, Failure } from '../tests/support/feedparser-score.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function cell(value: unknown): string {
  const text = value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > 120 ? `${text.slice(0, 117)}…` : text;
  return short.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function failureRows(failures: Failure[]): string[] {
  return failures.map(
    (f) =>
      `| ${cell(f.file)} | ${cell(f.path)} | ${cell(f.expected)} | ${cell(f.actual)} | ${cell(f.reason)} |`,
  );
}

function renderReport(score: CorpusScore): string {
  const kept = {
    passed: score.mapped.passed - score.onSkippedEntries.passed,
    total: score.mapped.total - score.onSkippedEntries.total,
  };
  const byReason = new Map<string, number>();
  for (const failure of score.failures) {
    const reason = failure.reason.replace(/^parse failed: Feed \S+ /, 'parse failed: ');
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  return [
    '# Feed parser against the feedparser test suite',
    '',
    'Written by `npx tsx scripts/feedparser-corpus.ts`. Assertions on the entry fields we normalise are mapped',
    '(title → title, link → url, id → guid, published/updated (and _parsed) → publishedAt as instants,',
    'summary/description/content → summary as text with markup stripped and whitespace folded, ours may be a',
    'prefix); every other assertion (feed-level fields, authors, tags, encodings, bozo flags…) is out of scope.',
    '',
    `- files: ${score.files}`,
    `- mapped assertions: ${score.mapped.passed} / ${score.mapped.total} passed (**${percent(rate(score.mapped))}**)`,
    `- of the mapped assertions, ${score.onSkippedEntries.total} are on entries that \`parseFeed\` skips (no link, id`,
    `  or text once markup is stripped); they are scored on the normalised fields all the same`,
    `  (${score.onSkippedEntries.passed} passed). On the entries it keeps: ${kept.passed} / ${kept.total} (${percent(rate(kept))})`,
    `- out of scope: ${score.outOfScope} assertions`,
    `- dates.json: ${score.dates.passed} / ${score.dates.total} passed (**${percent(rate(score.dates))}**)`,
    '',
    '## By field',
    '',
    '| field | passed | total | rate |',
    '|---|---|---|---|',
    ...Object.entries(score.byField).map(
      ([field, s]) => `| ${field} | ${s.passed} | ${s.total} | ${percent(rate(s))} |`,
    ),
    '',
    '## Failures by reason',
    '',
    '| reason | count |',
    '|---|---|',
    ...[...byReason].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `| ${cell(reason)} | ${count} |`),
    '',
    '## Every failure',
    '',
    '| file | assertion | expected | ours | reason |',
    '|---|---|---|---|---|',
    ...failureRows(score.failures),
    '',
    '## Date failures',
    '',
    '| case | input | expected | ours | reason |',
    '|---|---|---|---|---|',
    ...failureRows(score.dates.failures),
    '',
  ].join('\n');
}

export function runFeedparserCorpus(corporaRoot: string, reportPath: string): CorpusScore {
  const score = scoreFeedparserCorpus(corporaRoot);
  mkdirSync(path.dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, renderReport(score));
  return score;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const corpora = process.env.BRIEFER_CORPORA ?? path.resolve(repoRoot, '../shared/corpora');
  const reportPath = path.join(repoRoot, 'reports', 'feedparser.md');
  const score = runFeedparserCorpus(corpora, reportPath);
  console.log(
    `mapped assertions: ${score.mapped.passed}/${score.mapped.total} (${percent(rate(score.mapped))})`,
  );
  console.log(`dates: ${score.dates.passed}/${score.dates.total} (${percent(rate(score.dates))})`);
  console.log(`out of scope: ${score.outOfScope}; report: ${path.relative(repoRoot, reportPath)}`);
}
