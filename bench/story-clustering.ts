// story clustering: builds a window of 100,000 generated reports, then times clustering 10,000 new
// ones against it (target ≤ 2 s), with the memory the index holds. reports are generated from events,
// each carried by 1–5 outlets in their own words over a day and a half, in english and dari; the
// generated labels give pairwise precision and recall as a sanity check (the real quality figure is
// scripts/story-quality.ts on the hand-written labelled set).
// run alone: npx tsx bench/story-clustering.ts
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedElements, termElements } from '../src/stories/min-hash.js';
import { createStoryIndex, type StoryArticle } from '../src/stories/story-index.js';
import { storyTerms } from '../src/stories/story-text.js';
import { collector } from './gc-collector.js';

const WINDOW = 100_000;
const NEW = 10_000;
const TARGET_MS = 2_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2025, 8, 1);
const SOURCES_PER_LANGUAGE = 20;

type Report = StoryArticle & { event: number };

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

function syllableWords(rand: () => number, count: number, consonants: string, vowels: string): string[] {
  const made = new Set<string>();
  const pick = (letters: string) => letters[Math.floor(rand() * letters.length)]!;
  while (made.size < count) {
    let word = '';
    const syllables = 2 + Math.floor(rand() * 2);
    for (let s = 0; s < syllables; s++)
      word += pick(consonants) + pick(vowels) + (rand() < 0.4 ? pick(consonants) : '');
    made.add(word);
  }
  return [...made];
}

// a zipf sampler: a few words are everywhere ("government", "officials"), most are rare
function zipf(rand: () => number, words: readonly string[]): () => string {
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank++) cumulative[rank] = total += 1 / (rank + 1);
  return () => {
    const target = rand() * total;
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return words[low]!;
  };
}

interface Language {
  tag: string;
  sources: string[];
  /** a word as often as news uses it (zipf), and a word particular to one event */
  word: () => string;
  particular: () => string;
  name: () => string;
  glue: readonly string[];
}

function languages(rand: () => number): Language[] {
  const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);
  const english = syllableWords(rand, 20_000, 'bcdfghklmnprstvz', 'aeiou');
  const englishNames = syllableWords(rand, 5000, 'bdghjklmnqrstz', 'aeiou').map(capital);
  const dari = syllableWords(rand, 20_000, 'بپتجچخدرزسشغفقکگلمنوهی', 'اویه');
  const dariNames = syllableWords(rand, 5000, 'بتجخدرزسشکگلمن', 'اوی');
  const sources = (tag: string) =>
    Array.from({ length: SOURCES_PER_LANGUAGE }, (_, n) => `outlet-${n}-${tag}`);
  return [
    {
      tag: 'en',
      sources: sources('en'),
      word: zipf(rand, english),
      particular: () => english[100 + Math.floor(rand() * (english.length - 100))]!,
      name: zipf(rand, englishNames),
      glue: ['the', 'of', 'and', 'in', 'on', 'said', 'to', 'a', 'was', 'after', 'with'],
    },
    {
      tag: 'fa',
      sources: sources('fa'),
      word: zipf(rand, dari),
      particular: () => dari[100 + Math.floor(rand() * (dari.length - 100))]!,
      name: zipf(rand, dariNames),
      glue: ['و', 'در', 'به', 'از', 'که', 'را', 'با', 'گفت', 'است'],
    },
  ];
}

/** Reports in time order, `count` of them from `from` on, `perDay` a day; events keep their own ids. */
function generate(
  rand: () => number,
  langs: Language[],
  count: number,
  from: number,
  perDay: number,
  firstEvent = 0,
) {
  const reports: Report[] = [];
  const span = (count / perDay) * DAY;
  let event = firstEvent;
  while (reports.length < count) {
    const lang = langs[rand() < 0.8 ? 0 : 1]!;
    const at = from + rand() * span;
    const names = Array.from({ length: 2 + Math.floor(rand() * 3) }, lang.name);
    const topic = Array.from({ length: 8 + Math.floor(rand() * 5) }, () =>
      rand() < 0.7 ? lang.particular() : lang.word(),
    );
    const numbers = rand() < 0.6 ? [String(Math.floor(rand() * 900) + 2)] : [];
    const core = [...names, ...topic, ...numbers];
    const draw = rand();
    const outlets = draw < 0.55 ? 1 : draw < 0.75 ? 2 : draw < 0.87 ? 3 : draw < 0.95 ? 4 : 5;
    const used = new Set<string>();
    for (let n = 0; n < outlets && reports.length < count; n++) {
      let sourceId = lang.sources[Math.floor(rand() * lang.sources.length)]!;
      while (used.has(sourceId)) sourceId = lang.sources[Math.floor(rand() * lang.sources.length)]!;
      used.add(sourceId);
      // each outlet picks its own words for the event, and its own background
      const sentence = (length: number) => {
        const out: string[] = [];
        for (let i = 0; i < length; i++) {
          const r = rand();
          out.push(
            r < 0.45
              ? core[Math.floor(rand() * core.length)]!
              : r < 0.65
                ? lang.word()
                : lang.glue[Math.floor(rand() * lang.glue.length)]!,
          );
        }
        return out.join(' ');
      };
      const time = Math.round(at + rand() * 36 * HOUR);
      reports.push({
        id: `r${firstEvent}-${reports.length}`,
        event,
        sourceId,
        language: lang.tag,
        title: sentence(8 + Math.floor(rand() * 5)),
        summary: `${sentence(14)}. ${sentence(16)}.`,
        publishedAt: rand() < 0.9 ? time : null,
        firstSeenAt: time + Math.round(rand() * HOUR),
      });
    }
    event++;
  }
  return { reports: reports.sort((a, b) => a.firstSeenAt - b.firstSeenAt), nextEvent: event };
}

// pairwise precision and recall from (story, event) counts: every pair of reports counts once
function pairwise(reports: readonly Report[], storyOf: (id: string) => string | undefined) {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const count = (key: (report: Report) => string) => {
    const counts = new Map<string, number>();
    for (const report of reports) counts.set(key(report), (counts.get(key(report)) ?? 0) + 1);
    let total = 0;
    for (const n of counts.values()) total += pairs(n);
    return total;
  };
  const both = count((report) => `${storyOf(report.id)}\u0000${report.event}`);
  return {
    precision: both / count((report) => storyOf(report.id) ?? report.id),
    recall: both / count((report) => String(report.event)),
  };
}

// how much unrelated reports overlap, to compare with real news (the labelled set: the most common
// english term in 56% of reports, unrelated pairs' mean jaccard 0.030)
function overlap(rand: () => number, reports: readonly Report[]): string {
  const sample = reports.slice(0, 3000).filter((report) => report.language === 'en');
  const terms = sample.map((report) => storyTerms(report.title, report.summary, report.language));
  const counts = new Map<string, number>();
  for (const list of terms) for (const { term } of list) counts.set(term, (counts.get(term) ?? 0) + 1);
  const top = Math.max(...counts.values()) / sample.length;
  const elements = terms.map((each) => termElements(each));
  let sum = 0;
  let pairs = 0;
  while (pairs < 20_000) {
    const i = Math.floor(rand() * sample.length);
    const j = Math.floor(rand() * sample.length);
    if (sample[i]!.event === sample[j]!.event) continue;
    const shared = sharedElements(elements[i]!, elements[j]!);
    sum += shared / (elements[i]!.length + elements[j]!.length - shared);
    pairs++;
  }
  return `  generated overlap: the most common english term in ${(top * 100).toFixed(0)}% of reports, unrelated pairs' mean jaccard ${(sum / pairs).toFixed(3)}`;
}

// typed arrays live outside the heap, in array buffers
const memory = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

function scenario(label: string, windowDays: number): string[] {
  const rand = random(7);
  const langs = languages(rand);
  const perDay = WINDOW / windowDays;
  const old = generate(rand, langs, WINDOW, START, perDay);
  const fresh = generate(rand, langs, NEW, START + windowDays * DAY - 1.5 * DAY, perDay, old.nextEvent);
  const gc = collector();
  gc?.();
  const before = memory();
  const index = createStoryIndex<Report>();
  let started = performance.now();
  for (const report of old.reports) index.add(report);
  const fillMs = performance.now() - started;
  gc?.();
  const held = memory() - before;
  const held100k = index.size;
  const heldInWindow = index.windowSize;
  let joined = 0;
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const report of fresh.reports) if (index.add(report) !== report.id) joined++;
  const addMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const score = pairwise([...old.reports, ...fresh.reports], (id) => index.storyOf(id));
  const verdict = addMs <= TARGET_MS ? 'within' : 'OVER';
  return [
    `${label}: ${NEW.toLocaleString('en')} new reports against ${WINDOW.toLocaleString('en')}: ${ms(addMs)} ` +
      `(${((addMs * 1000) / NEW).toFixed(0)} µs each, cpu ${ms(cpuMs)}; target ≤ ${ms(TARGET_MS)}: ${verdict}); ` +
      `${joined.toLocaleString('en')} of them joined a story`,
    `  building the window: ${ms(fillMs)}; index holds ${mb(held)} (heap and array buffers) for ${held100k.toLocaleString('en')} reports` +
      `${gc ? '' : ' (no gc: figure is rough)'}, ${heldInWindow.toLocaleString('en')} of them still joinable (the others keep ` +
      `only their story); ${index.stories.toLocaleString('en')} stories`,
    overlap(rand, old.reports),
    `  generated labels: pairwise precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`,
  ];
}

export async function benchStoryClustering(): Promise<string[]> {
  return [
    ...scenario('window over 30 days (about 3,300 reports a day)', 30),
    ...scenario('worst case, whole window within 48 h', 2),
  ];
}

const invoked = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) console.log((await benchStoryClustering()).join('\n'));
