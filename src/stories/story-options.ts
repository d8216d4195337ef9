// what decides a join, with its defaults: the figures scripts/story-quality.ts measures.

/**
 * Similarity is the weighted jaccard of title + lede terms (names and numbers count twice). A report
 * joins a story when it is at least `threshold` similar to one of its reports, or at least
 * `nearThreshold` similar to one and `coverage` of its terms appear in the story's reports (two or
 * more); and in both cases at least `floor` similar to every report, the story has no report from the
 * same outlet, and all reports stay within `windowMs` of each other. The closest story wins.
 */
export interface StoryIndexOptions {
  /** published time, else first seen; 48 h */
  windowMs?: number;
  /** how long a report stays joinable, from its time to the latest arrival's first-seen time; after
   *  that it keeps only its story membership (no term set, no signature), and its story takes no more
   *  reports. beyond windowMs, this is how late a report may be first seen after it was published and
   *  still join; 1.5 × windowMs (72 h: a day late) */
  keepMs?: number;
  /** 0.25 */
  threshold?: number;
  /** 0.16 */
  nearThreshold?: number;
  /** 0.45 */
  coverage?: number;
  /** 0.1 */
  floor?: number;
  /** a report that joins one story and is `threshold` similar to another compatible one merges them
   *  (the other's id is then gone: ask storyOf again); true */
  merge?: boolean;
  /** elements two reports must share to count as similar at all; 3 */
  minShared?: number;
  /** lsh banding: `bands` bands of `rows` minhash values; 32 × 2 */
  bands?: number;
  rows?: number;
  /** terms in more than this share of a language's reports (and more than `frequentCount` of them)
   *  are left out of the minhash signature, not out of the similarity: "afghanistan" finds no
   *  story, and does not make every report a candidate of every other; 0.01 and 20 */
  frequentShare?: number;
  frequentCount?: number;
}

export const DEFAULT_STORY_WINDOW_MS = 48 * 3_600_000;

/** The options with their defaults filled in; a RangeError names the ones that cannot work. */
export function resolveStoryOptions(options: StoryIndexOptions): Required<StoryIndexOptions> {
  const resolved: Required<StoryIndexOptions> = {
    windowMs: options.windowMs ?? DEFAULT_STORY_WINDOW_MS,
    keepMs: options.keepMs ?? 1.5 * (options.windowMs ?? DEFAULT_STORY_WINDOW_MS),
    threshold: options.threshold ?? 0.25,
    nearThreshold: options.nearThreshold ?? 0.16,
    coverage: options.coverage ?? 0.45,
    floor: options.floor ?? 0.1,
    merge: options.merge ?? true,
    minShared: options.minShared ?? 3,
    bands: options.bands ?? 32,
    rows: options.rows ?? 2,
    frequentShare: options.frequentShare ?? 0.01,
    frequentCount: options.frequentCount ?? 20,
  };
  const { windowMs, keepMs, floor, nearThreshold, threshold, bands, rows } = resolved;
  if (!(keepMs >= windowMs)) {
    throw new RangeError(
      `Story index keepMs must be at least windowMs (a report must stay joinable for the whole window); got keepMs ${keepMs}, windowMs ${windowMs}.`,
    );
  }
  if (
    !(windowMs > 0) ||
    !(0 <= floor && floor <= nearThreshold && nearThreshold <= threshold && threshold <= 1)
  ) {
    throw new RangeError(
      `Story index options need windowMs > 0 and 0 ≤ floor ≤ nearThreshold ≤ threshold ≤ 1; got windowMs ${windowMs}, floor ${floor}, nearThreshold ${nearThreshold}, threshold ${threshold}.`,
    );
  }
  if (![bands, rows].every((n) => Number.isInteger(n) && n >= 1)) {
    throw new RangeError(`Story index bands and rows must be positive integers; got ${bands} × ${rows}.`);
  }
  return resolved;
}
