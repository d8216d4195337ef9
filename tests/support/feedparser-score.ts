// scores our feed parser against the python feedparser test suite (corpora/feedparser):
// each assertion on an entry field we normalise is mapped to our article and checked;
// everything else is counted as out of scope. the test and scripts/feedparser-corpus.ts share it.
import { readFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import path from 'node:path';
import type { FeedArticle } from '../../src/articles/article.js';
import { canonicalUrl } from '../../src/articles/canonical-url.js';
import { parseFeedDate } from '../../src/feeds/parse-date.js';
import { readFeed } from '../../src/feeds/read-feed.js';

export interface Assertion {
  path?: (string | number)[];
  op: string;
  value?: unknown;
}

export interface ManifestCase {
  file: string;
  suite: string;
  category: string;
  format: string;
  http: boolean;
  headers: Record<string, string> | null;
  assertions: Assertion[] | null;
}

export interface Failure {
  file: string;
  path: string;
  expected: unknown;
  actual: unknown;
  reason: string;
}

export interface FieldScore {
  total: number;
  passed: number;
}

export interface CorpusScore {
  files: number;
  mapped: FieldScore;
  /** mapped assertions on entries that parseFeed skips (no link, id or text): scored on the normalised fields */
  onSkippedEntries: FieldScore;
  byField: Record<string, FieldScore>;
  outOfScope: number;
  failures: Failure[];
  dates: FieldScore & { failures: Failure[] };
}

type Field = 'title' | 'url' | 'guid' | 'publishedAt' | 'summary';

// feedparser's names for the entry fields we map, with how the expected value is read
function mapField(assertion: Assertion): { field: Field; index: number } | undefined {
  const [root, index, name, ...rest] = assertion.path ?? [];
  if (root !== 'entries' || typeof index !== 'number' || typeof name !== 'string') return undefined;
  const plain = rest.length === 0;
  if (assertion.op === 'eq' && plain && name === 'title') return { field: 'title', index };
  if (assertion.op === 'eq' && plain && name === 'link') return { field: 'url', index };
  if (assertion.op === 'eq' && plain && name === 'id') return { field: 'guid', index };
  if (assertion.op === 'eq' && plain && (name === 'summary' || name === 'description'))
    return { field: 'summary', index };
  if (assertion.op === 'eq' && name === 'content' && rest.length === 2 && rest[1] === 'value') {
    return { field: 'summary', index };
  }
  const dated = name === 'published' || name === 'updated';
  if (assertion.op === 'eq' && plain && dated) return { field: 'publishedAt', index };
  const parsed = name === 'published_parsed' || name === 'updated_parsed';
  if (assertion.op === 'date_eq' && plain && parsed) return { field: 'publishedAt', index };
  return undefined;
}

function withoutEllipsis(text: string): string {
  return text.endsWith('…') ? text.slice(0, -1).trimEnd() : text;
}

// the expected text is read without our own html-to-text code, so a bug there cannot grade itself:
// tags and comments dropped by plain regexes, entities decoded by the entities package, and all
// whitespace ignored in the comparison (where a tag ends a word is the one thing this cannot see)
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function independentText(html: string): string {
  return decodeHTML(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' '));
}

function textMatches(expected: string, actual: string, prefixAllowed: boolean): boolean {
  const ours = squash(withoutEllipsis(actual));
  for (const candidate of [squash(independentText(expected)), squash(expected)]) {
    if (candidate === ours) return true;
    if (prefixAllowed && ours !== '' && candidate.startsWith(ours)) return true;
  }
  return false;
}

function check(
  field: Field,
  assertion: Assertion,
  article: FeedArticle,
): { pass: boolean; actual: unknown; reason: string } {
  const expected = assertion.value;
  switch (field) {
    case 'title':
      return {
        pass: textMatches(String(expected), article.title, false),
        actual: article.title,
        reason: 'title differs',
      };
    case 'summary': {
      const pass = textMatches(String(expected), article.summary, true);
      return {
        pass,
        actual: article.summary,
        reason: 'summary is not the expected text (or a prefix of it)',
      };
    }
    case 'guid':
      return { pass: article.guid === String(expected).trim(), actual: article.guid, reason: 'guid differs' };
    case 'url': {
      const raw = String(expected);
      const canonical = canonicalUrl(raw);
      let plain: string | undefined;
      try {
        plain = new URL(raw).href;
      } catch {
        plain = undefined;
      }
      if (canonical !== undefined && plain !== undefined && canonical !== plain.replace(/#$/, '')) {
        const tracking = /[?&#](?:utm_|fbclid|gclid|xtor)/i.test(raw);
        if (tracking)
          return { pass: false, actual: article.url, reason: 'expected keeps tracking parameters we drop' };
      }
      if (canonical === undefined) {
        return {
          pass: false,
          actual: article.url,
          reason: 'expected is not an absolute http(s) url; we keep none',
        };
      }
      return { pass: article.url === canonical, actual: article.url, reason: 'url differs' };
    }
    case 'publishedAt': {
      const value = String(expected);
      // the expected instant is read by the platform where it can, not by the parser under test
      const platform = Date.parse(value);
      const instant = Number.isNaN(platform) ? parseFeedDate(value) : platform;
      const actual = article.publishedAt === null ? null : new Date(article.publishedAt).toISOString();
      return {
        pass: instant !== null && article.publishedAt === instant,
        actual,
        reason: 'publishedAt differs',
      };
    }
  }
}

function bump(score: FieldScore, pass: boolean): void {
  score.total++;
  if (pass) score.passed++;
}

/** Scores every manifest case; assertions we do not map are counted as out of scope. */
export function scoreFeedparserCorpus(corpusRoot: string): CorpusScore {
  const root = path.join(corpusRoot, 'feedparser');
  const lines = readFileSync(path.join(root, 'manifest.jsonl'), 'utf8').split('\n');
  const score: CorpusScore = {
    files: 0,
    mapped: { total: 0, passed: 0 },
    onSkippedEntries: { total: 0, passed: 0 },
    byField: {},
    outOfScope: 0,
    failures: [],
    dates: scoreDates(root),
  };
  for (const line of lines) {
    if (line.trim() === '') continue;
    const testCase = JSON.parse(line) as ManifestCase;
    score.files++;
    const assertions = testCase.assertions ?? [];
    const mapped = assertions.map((assertion) => ({ assertion, target: mapField(assertion) }));
    score.outOfScope += mapped.filter((m) => !m.target).length + (testCase.assertions ? 0 : 1);
    if (!mapped.some((m) => m.target)) continue;

    let byEntry: (FeedArticle | undefined)[] = [];
    let parseError: string | undefined;
    let skippedEntries = new Set<number>();
    try {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(testCase.headers ?? {})) headers[name.toLowerCase()] = value;
      // every entry, the ones parseFeed would skip (no link, id or text) included: their fields are scored too
      const reading = readFeed(readFileSync(path.join(root, testCase.file)), {
        sourceId: 'corpus',
        language: 'en',
        url: testCase.http ? `http://127.0.0.1:8097/tests/${testCase.file}` : undefined,
        headers,
      });
      byEntry = reading.entries.map((entry) => entry.article);
      skippedEntries = new Set(reading.entries.flatMap((entry, index) => (entry.skipped ? [index] : [])));
    } catch (error) {
      parseError = error instanceof Error ? error.message : String(error);
    }

    for (const { assertion, target } of mapped) {
      if (!target) continue;
      const fieldScore = (score.byField[target.field] ??= { total: 0, passed: 0 });
      const article = byEntry[target.index];
      const result = parseError
        ? { pass: false, actual: undefined, reason: `parse failed: ${parseError}` }
        : article
          ? check(target.field, assertion, article)
          : { pass: false, actual: undefined, reason: `no article for entries[${target.index}]` };
      bump(score.mapped, result.pass);
      if (skippedEntries.has(target.index)) bump(score.onSkippedEntries, result.pass);
      bump(fieldScore, result.pass);
      if (!result.pass) {
        score.failures.push({
          file: testCase.file,
          path: (assertion.path ?? []).join('.'),
          expected: assertion.value,
          actual: result.actual,
          reason: result.reason,
        });
      }
    }
  }
  return score;
}

interface DateCase {
  parser: string;
  input: string;
  expected_iso_utc: string | null;
}

/** The 72 date strings: an instant must match; a null expectation or a year before 1900 must be rejected. */
export function scoreDates(feedparserRoot: string): FieldScore & { failures: Failure[] } {
  const cases = JSON.parse(readFileSync(path.join(feedparserRoot, 'dates.json'), 'utf8')) as DateCase[];
  const result: FieldScore & { failures: Failure[] } = { total: 0, passed: 0, failures: [] };
  for (const dateCase of cases) {
    const iso = dateCase.expected_iso_utc;
    const expected =
      iso !== null && /^\d{4}-/.test(iso) && Number(iso.slice(0, 4)) >= 1900 ? Date.parse(iso) : null;
    const actual = parseFeedDate(dateCase.input);
    const pass = actual === expected;
    bump(result, pass);
    if (!pass) {
      result.failures.push({
        file: `dates.json (${dateCase.parser})`,
        path: JSON.stringify(dateCase.input),
        expected: iso,
        actual: actual === null ? null : new Date(actual).toISOString(),
        reason: expected === null ? 'should be rejected' : 'wrong instant',
      });
    }
  }
  return result;
}

export function rate(score: FieldScore): number {
  return score.total === 0 ? 0 : score.passed / score.total;
}
