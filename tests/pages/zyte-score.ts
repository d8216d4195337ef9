// scores extractArticle against the zyte article-extraction benchmark subset: for each page,
// token-level precision / recall / f1 of the extracted text against the hand-labelled articleBody
// (tokens are \w+ runs, as the benchmark's evaluate.py reads them), and the benchmark's own
// figure (4-token shingles, f1 of the mean precision and mean recall).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../../src/pages/extract-article.js';

export interface PageScore {
  id: string;
  url: string;
  precision: number;
  recall: number;
  f1: number;
  /** wall time of parse + extraction (the best of the rounds) */
  ms: number;
  /** cpu time of the same (the best of the rounds) */
  cpuMs: number;
}

export interface ZyteScore {
  pages: PageScore[];
  /** mean of the per-page token f1 */
  meanF1: number;
  meanPrecision: number;
  meanRecall: number;
  /** the benchmark's metric: 4-token shingles, f1 of mean precision and mean recall */
  shingleF1: number;
  msPerPage: number;
  cpuMsPerPage: number;
}

const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function counts(items: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

/** True positives, false positives and false negatives of two bags. */
function overlap(truth: string[], predicted: string[]): { tp: number; fp: number; fn: number } {
  const want = counts(truth);
  let tp = 0;
  for (const item of predicted) {
    const left = want.get(item) ?? 0;
    if (left > 0) {
      tp++;
      want.set(item, left - 1);
    }
  }
  return { tp, fp: predicted.length - tp, fn: truth.length - tp };
}

/** Token-level precision, recall and f1 of a predicted text against the truth. */
export function tokenScore(
  truth: string,
  predicted: string,
): { precision: number; recall: number; f1: number } {
  const { tp, fp, fn } = overlap(tokens(truth), tokens(predicted));
  if (fp === 0 && fn === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function shingles(text: string, n = 4): string[] {
  const words = tokens(text);
  const out: string[] = [];
  for (let i = 0; i < Math.max(1, words.length - n + 1); i++) {
    const shingle = words.slice(i, i + n);
    if (shingle.length > 0) out.push(shingle.join('\u0000'));
  }
  return out;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function timed(run: () => string): { text: string; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const text = run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { text, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Runs extractArticle over every page of <corpora>/zyte-articles and scores it; times are the best of `rounds`. */
export function scoreZyteCorpus(corpora: string, rounds = 1): ZyteScore {
  const dir = path.join(corpora, 'zyte-articles');
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.subset.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const pages: PageScore[] = [];
  const shinglePrecision: number[] = [];
  const shingleRecall: number[] = [];
  for (const [id, { articleBody, url }] of Object.entries(truth)) {
    const html = readFileSync(path.join(dir, 'html', `${id}.html`), 'utf8');
    const first = timed(() => extractArticle(html, url).text);
    const { text } = first;
    let { ms, cpuMs } = first;
    for (let round = 1; round < rounds; round++) {
      const again = timed(() => extractArticle(html, url).text);
      ms = Math.min(ms, again.ms);
      cpuMs = Math.min(cpuMs, again.cpuMs);
    }
    pages.push({ id, url, ...tokenScore(articleBody, text), ms, cpuMs });
    const { tp, fp, fn } = overlap(shingles(articleBody), shingles(text));
    const sum = tp + fp + fn;
    if (sum > 0 && tp + fp > 0) shinglePrecision.push(fp === 0 && fn === 0 ? 1 : tp / (tp + fp));
    if (sum > 0 && tp + fn > 0) shingleRecall.push(fp === 0 && fn === 0 ? 1 : tp / (tp + fn));
  }
  const p = mean(shinglePrecision);
  const r = mean(shingleRecall);
  return {
    pages,
    meanF1: mean(pages.map((page) => page.f1)),
    meanPrecision: mean(pages.map((page) => page.precision)),
    meanRecall: mean(pages.map((page) => page.recall)),
    shingleF1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
    msPerPage: mean(pages.map((page) => page.ms)),
    cpuMsPerPage: mean(pages.map((page) => page.cpuMs)),
  };
}
