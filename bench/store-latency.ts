// store latency: fills a SQLite store with 100,000 generated articles, then, in a fresh process (so
// the figures are those of a bot that just started), reopens it and times the index's queries.
// run alone: npx tsx bench/store-latency.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/articles/article.js';
import { createFixedClock } from '../src/clock.js';
import { openNewsStore, type NewsStore } from '../src/store/news-store.js';
import { openKeyvStore } from '../src/store/open-keyv.js';
import { createStoryIndex } from '../src/stories/story-index.js';
import { bundled, startNodeOptions } from './bundle.js';
import { collector } from './gc-collector.js';

const ARTICLES = 100_000;
const BATCH = 50; // about one feed poll
const QUERIES = 1_000;
const SOURCES = 20;
const TOPICS = [
  'afghanistan',
  'iran',
  'pakistan',
  'central-asia',
  'economy',
  'security',
  'politics',
  'health',
  'sports',
  'women',
  'refugees',
  'climate',
];
const START = Date.UTC(2025, 7, 1);
const SPAN = 30 * 86_400_000;
const TARGET_P99_MS = 5;
const TARGET_RSS_MB = 250;

// deterministic pseudo-random numbers (mulberry32)
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const COMMON =
  'the of and to in a is that for on was with said by as at from his it an were are which be this has have had but not after their its they been will who also more than over government officials people country said two against during between new first last year years week about would could'.split(
    ' ',
  );
const PLACES =
  'Kabul Herat Kandahar Bagram Mazar Jalalabad Kunduz Ghazni Helmand Badakhshan Tehran Islamabad Tashkent Dushanbe Doha Moscow Beijing Washington Geneva Peshawar'.split(
    ' ',
  );

function syllableWords(
  rand: () => number,
  count: number,
  consonants: string,
  vowels: string,
  min = 1,
  max = 3,
): string[] {
  const made = new Set<string>();
  while (made.size < count) {
    let word = '';
    const syllables = min + Math.floor(rand() * (max - min + 1));
    for (let s = 0; s < syllables; s++)
      word +=
        pick(rand, [...consonants]) +
        pick(rand, [...vowels]) +
        (rand() < 0.4 ? pick(rand, [...consonants]) : '');
    made.add(word);
  }
  return [...made];
}

const vocabRand = random(7);
const ENGLISH = [...COMMON, ...syllableWords(vocabRand, 4000, 'bcdfghklmnprstvwz', 'aeiou', 1, 4)];
// dari-like words, some written with arabic yeh / kaf as real feeds do
const DARI = syllableWords(vocabRand, 1500, 'بپتجچخدرزسشکگلمنوه', 'اوی', 1, 3);
const NAMES = [
  ...PLACES,
  ...syllableWords(vocabRand, 300, 'BDFGHKLMNRSTZ', 'aeiou', 2, 3).map(
    (w) => w[0] + w.slice(1).toLowerCase(),
  ),
];

// zipf: word rank r is drawn with weight 1 / (r + 1)
function zipf(words: readonly string[]): (rand: () => number) => string {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  words.forEach((_, r) => (cumulative[r] = total += 1 / (r + 1)));
  return (rand) => {
    const target = rand() * total;
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return words[low] as string;
  };
}
const englishWord = zipf(ENGLISH);
const dariWord = zipf(DARI);

function sentence(rand: () => number, dari: boolean): string {
  const length = 8 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    let word = rand() < 0.06 ? pick(rand, NAMES) : dari ? dariWord(rand) : englishWord(rand);
    if (dari && rand() < 0.2) word = word.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    words.push(word);
  }
  const text = words.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/** article i, the same every time it is asked for */
export function generatedArticle(i: number): Omit<Article, 'firstSeenAt'> {
  const rand = random(1000 + i);
  const source = i % SOURCES;
  const dari = source >= SOURCES - 2;
  let text = '';
  while (text.length < 1500) text += `${sentence(rand, dari)} `;
  let summary = '';
  for (const part of text.split('. ')) {
    if (summary.length + part.length > 300) break;
    summary += `${part}. `;
  }
  const title = sentence(rand, dari)
    .slice(0, -1)
    .split(' ')
    .slice(0, 6 + Math.floor(rand() * 6))
    .join(' ');
  const url = `https://source-${source}.example/2025/${title.toLowerCase().split(' ').slice(0, 4).join('-')}-${i}`;
  const topics = new Set<string>();
  for (let t = Math.floor(rand() * 4); t > 0; t--) topics.add(pick(rand, TOPICS));
  return {
    id: url,
    sourceId: `source-${source}`,
    guid: rand() < 0.5 ? `urn:source-${source}:${i}` : undefined,
    title,
    url,
    publishedAt: rand() < 0.03 ? null : START + Math.floor((i / ARTICLES) * SPAN - rand() * 3_600_000),
    summary: summary.trim(),
    text: text.trim(),
    language: dari ? 'fa' : 'en',
    topics: [...topics],
  };
}

async function fill(dir: string): Promise<number> {
  const clock = createFixedClock(START);
  const keyv = await openKeyvStore(`sqlite://${join(dir, 'bench.sqlite')}`);
  const news = await openNewsStore({ keyv, retentionDays: 60, clock });
  let elapsed = 0;
  for (let i = 0; i < ARTICLES; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ARTICLES - i) }, (_, j) => generatedArticle(i + j));
    clock.set(START + Math.floor((i / ARTICLES) * SPAN));
    const started = performance.now();
    await news.add(batch);
    elapsed += performance.now() - started;
  }
  await news.close();
  await keyv.close();
  return elapsed;
}

function percentiles(times: number[]): { p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

export function distinctQueries(make: (rand: () => number) => string): string[] {
  const rand = random(99);
  const queries = new Set<string>();
  for (let tries = 0; queries.size < QUERIES && tries < QUERIES * 50; tries++) queries.add(make(rand));
  return [...queries];
}

// search queries: a name or a word of the vocabulary; two words, half of them adjacent in a title
const title = (rand: () => number) =>
  generatedArticle(Math.floor(rand() * ARTICLES))
    .title.toLowerCase()
    .split(' ');
export const oneWord = (rand: () => number): string => {
  const kind = rand();
  if (kind < 0.3) return pick(rand, NAMES);
  if (kind < 0.6) return englishWord(rand);
  if (kind < 0.8) return pick(rand, ENGLISH);
  return pick(rand, DARI);
};
export const twoWords = (rand: () => number): string => {
  if (rand() < 0.5) return `${oneWord(rand)} ${englishWord(rand)}`;
  const words = title(rand);
  const at = Math.floor(rand() * (words.length - 1));
  return `${words[at]} ${words[at + 1]}`;
};

// wall time is the target; the process's cpu time beside it shows how much of a slow query was
// waiting for a core (a shared machine) rather than work
function time(queries: readonly string[], run: (query: string) => unknown): Timed {
  const times: number[] = [];
  const cpu: number[] = [];
  for (const query of queries) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    run(query);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ...percentiles(times), cpuP99: percentiles(cpu).p99, n: times.length };
}

interface Timed {
  p50: number;
  p99: number;
  cpuP99: number;
  n: number;
}
type Measured = Record<string, number | Timed>;

async function measure(dir: string): Promise<Measured> {
  const gc = collector();
  gc?.();
  const baseline = process.memoryUsage().rss;
  const keyv = await openKeyvStore(`sqlite://${join(dir, 'bench.sqlite')}`);
  const started = performance.now();
  const news: NewsStore = await openNewsStore({
    keyv,
    retentionDays: 60,
    clock: createFixedClock(START + SPAN),
  });
  const reopenMs = performance.now() - started;
  // twice: array buffers are freed by the collection after the one that found them unreachable
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  const sources = Array.from({ length: SOURCES }, (_, s) => `source-${s}`);
  const result: Measured = {
    size: news.size(),
    reopenMs,
    baseline,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    gc: gc ? 1 : 0,
    latest: time(
      distinctQueries((r) => String(Math.floor(r() * 1e9))),
      () => news.latest({ limit: 5 }),
    ),
    latestOneSource: time(
      distinctQueries((r) => `${pick(r, sources)} ${r()}`),
      (q) => news.latest({ limit: 5, sourceIds: [q.split(' ')[0] as string] }),
    ),
    latestThreeSources: time(
      distinctQueries((r) => [pick(r, sources), pick(r, sources), pick(r, sources)].join(' ')),
      (q) => news.latest({ limit: 5, sourceIds: q.split(' ') }),
    ),
    byTopic: time(
      distinctQueries((r) => `${pick(r, TOPICS)} ${Math.floor(r() * 100)}`),
      (q) => {
        const [topic, offset] = q.split(' ');
        news.byTopic(topic as string, { limit: 5, offset: Number(offset) });
      },
    ),
    searchOneWord: time(distinctQueries(oneWord), (q) => news.search(q, { limit: 5 })),
    searchTwoWords: time(distinctQueries(twoWords), (q) => news.search(q, { limit: 5 })),
    searchThenCount: time(distinctQueries(twoWords).slice(0, 500), (q) => {
      news.search(q, { limit: 5 });
      news.countSearch(q);
    }),
    // with stories on: what /latest and /topic ask for (a page of stories and their count, in one call)
    latestStories: time(
      distinctQueries((r) => String(Math.floor(r() * 1e9))),
      () => news.latestStories({ limit: 5 }),
    ),
    latestStoriesPaged: time(
      distinctQueries((r) => `${Math.floor(r() * 100)} ${r()}`),
      (q) => news.latestStories({ limit: 5, offset: Number(q.split(' ')[0]) }),
    ),
    latestStoriesOneSource: time(
      distinctQueries((r) => `${pick(r, sources)} ${r()}`),
      (q) => news.latestStories({ limit: 5, sourceIds: [q.split(' ')[0] as string] }),
    ),
    latestStoriesHiding: time(
      distinctQueries((r) => `${pick(r, sources)} ${r()}`),
      (q) => news.latestStories({ limit: 5, exceptSourceIds: [q.split(' ')[0] as string] }),
    ),
    storiesByTopic: time(
      distinctQueries((r) => `${pick(r, TOPICS)} ${Math.floor(r() * 100)}`),
      (q) => {
        const [topic, offset] = q.split(' ');
        news.storiesByTopic(topic as string, { limit: 5, offset: Number(offset) });
      },
    ),
    searchStoriesOneWord: time(distinctQueries(oneWord), (q) => news.searchStories(q, { limit: 5 })),
    searchStoriesTwoWords: time(distinctQueries(twoWords), (q) => news.searchStories(q, { limit: 5 })),
    stories: news.latestStories({ limit: 1 }).total,
    ...replayStories(news),
  };
  await news.close();
  await keyv.close();
  return result;
}

// what the reopen spent on stories: the same replay into a fresh index, timed on its own (after the
// memory figure was taken, so the second index does not count there)
function replayStories(news: NewsStore): Measured {
  const articles = news
    .firstSeenBetween(-Infinity, Infinity)
    .sort((a, b) => a.firstSeenAt - b.firstSeenAt || (a.id < b.id ? -1 : 1));
  const index = createStoryIndex();
  const started = performance.now();
  for (const article of articles) index.add(article);
  return { replayMs: performance.now() - started, windowSize: index.windowSize };
}

// the measuring process runs bundled javascript with npm start's node options, as the bot does (tsx's
// loader thread alone would add about 35 MB that the bot does not have)
async function measureInChild(dir: string): Promise<Measured> {
  const script = await bundled(fileURLToPath(import.meta.url));
  const args = ['--expose-gc', ...startNodeOptions(), script, '--measure', dir];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0) done(JSON.parse(output) as Measured);
      else
        fail(new Error(`the measuring process (${process.execPath} ${args.join(' ')}) exited with ${code}`));
    });
  });
}

const ms = (value: number) =>
  value < 0.1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

export async function benchStoreLatency(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'briefer-bench-store-'));
  try {
    const writeMs = await fill(dir);
    const m = await measureInChild(dir);
    const lines = [
      `store: ${m.size} articles in SQLite (${SOURCES} sources, ~1,500-char texts, zipf vocabulary + names)`,
      `store: write ${ARTICLES} articles in add() batches of ${BATCH}: ${ms(writeMs)} (${ms(writeMs / ARTICLES)} each)`,
      `store: reopen (index rebuild, stories replayed): ${ms(m.reopenMs as number)}, of which clustering ${ms(m.replayMs as number)} ` +
        `(${ms((m.replayMs as number) / (m.size as number))} an article); ${m.stories} stories, ${m.windowSize} articles in the clustering window`,
    ];
    // what the commands ask for (a page of stories and its count) is held to the target; the article-level
    // queries below them are printed as building blocks: no command calls them on their own
    lines.push('store: what /latest and /topic ask for (target p99 ≤ 5 ms each):');
    for (const [name, label] of [
      ['latestStories', '/latest: latestStories limit 5 (page and count)'],
      ['latestStoriesPaged', '/latest, paging: latestStories limit 5, offset 0–99'],
      ['latestStoriesOneSource', '/latest <source>: latestStories limit 5, one source'],
      ['latestStoriesHiding', "/latest in a chat with other chats' sources hidden: one source hidden"],
      ['storiesByTopic', '/topic <topic>: storiesByTopic limit 5, offset 0–99'],
      ['searchStoriesOneWord', '/topic <one free word>: searchStories limit 5'],
      ['searchStoriesTwoWords', '/topic <two free words>: searchStories limit 5'],
    ] as const) {
      const { p50, p99, cpuP99, n } = m[name] as Timed;
      const verdict = p99 <= TARGET_P99_MS ? 'ok' : 'OVER';
      lines.push(
        `store:   ${label}: p50 ${ms(p50)}, p99 ${ms(p99)} (cpu p99 ${ms(cpuP99)}) over ${n} queries: ${verdict}`,
      );
    }
    lines.push('store: article-level building blocks (no command calls them alone):');
    for (const [name, label] of [
      ['latest', 'latest limit 5'],
      ['latestOneSource', 'latest limit 5, one source'],
      ['latestThreeSources', 'latest limit 5, three sources'],
      ['byTopic', 'byTopic limit 5'],
      ['searchOneWord', 'search one word, limit 5'],
      ['searchTwoWords', 'search two words, limit 5'],
      ['searchThenCount', 'search two words + countSearch'],
    ] as const) {
      const { p50, p99, cpuP99, n } = m[name] as Timed;
      lines.push(
        `store:   ${label}: p50 ${ms(p50)}, p99 ${ms(p99)} (cpu p99 ${ms(cpuP99)}) over ${n} queries`,
      );
    }
    const rss = m.rss as number;
    lines.push(
      `store: memory with ${m.size} articles loaded: RSS ${mb(rss)} (target ≤ ${TARGET_RSS_MB} MB: ${rss <= TARGET_RSS_MB * 1_048_576 ? 'ok' : 'OVER'}), ` +
        `heap used ${mb(m.heapUsed as number)}, external (posting lists and other buffers) ${mb(m.external as number)}` +
        `${m.gc ? ' after GC' : ' (no GC available)'}; the process held ${mb(m.baseline as number)} before opening the store ` +
        `(bundled javascript run with npm start's node options: ${startNodeOptions().join(' ') || 'none'})`,
    );
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const invoked = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const at = process.argv.indexOf('--measure');
  if (at >= 0) process.stdout.write(JSON.stringify(await measure(process.argv[at + 1] as string)));
  else console.log((await benchStoreLatency()).join('\n'));
}
