import { describe, expect, it } from 'vitest';
import { createStoryIndex, type StoryArticle } from '../../src/stories/story-index.js';
import { loadLabelledSet } from './labelled-set.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 9, 12, 6);

const TORKHAM = {
  title: 'Torkham border shut after exchange of fire between Pakistani, Afghan forces',
  summary:
    'The Torkham border crossing was closed on Sunday after Pakistani and Afghan border forces exchanged fire overnight, officials in Khyber district said.',
};
const TORKHAM_AGAIN = {
  title: 'Afghan, Pakistani forces exchange fire at Torkham; crossing closed',
  summary:
    'Taliban and Pakistani border forces exchanged heavy fire at the Torkham crossing overnight, local sources said, halting trade between the two countries.',
};
const SAFFRON = {
  title: 'Saffron harvest begins in Herat with higher yield expected',
  summary:
    "Farmers in Herat's Ghorian district have begun harvesting saffron, the agriculture department said.",
};

let counter = 0;
function report(
  sourceId: string,
  text: { title: string; summary: string },
  at = T0,
  extra: Partial<StoryArticle> = {},
): StoryArticle {
  counter++;
  return {
    id: `a${counter}`,
    sourceId,
    language: 'en',
    publishedAt: at,
    firstSeenAt: at + 60_000,
    ...text,
    ...extra,
  };
}

describe('story index', () => {
  it('puts two outlets’ reports of one event in one story, oldest first', () => {
    const index = createStoryIndex();
    const later = report('amu-tv-en', TORKHAM_AGAIN, T0 + 2 * HOUR);
    const first = report('dawn', TORKHAM, T0);
    const story = index.add(later);
    expect(index.add(first)).toBe(story);
    expect(index.storyOf(first.id)).toBe(story);
    expect(index.members(story).map((article) => article.id)).toEqual([first.id, later.id]);
    expect(index.stories).toBe(1);
  });

  it('never merges unrelated reports of the same day', () => {
    const index = createStoryIndex();
    const torkham = index.add(report('dawn', TORKHAM));
    const saffron = index.add(report('pajhwok-en', SAFFRON));
    expect(saffron).not.toBe(torkham);
    expect(index.stories).toBe(2);
  });

  it('never merges an outlet with itself, even the same words twice', () => {
    const index = createStoryIndex();
    const one = index.add(report('dawn', TORKHAM));
    const followUp = index.add(report('dawn', TORKHAM, T0 + HOUR));
    expect(followUp).not.toBe(one);
    // a third outlet joins one of them, and no story ever holds one outlet twice
    index.add(report('amu-tv-en', TORKHAM_AGAIN, T0 + 2 * HOUR));
    for (const story of [one, followUp]) {
      const sources = index.members(story).map((article) => article.sourceId);
      expect(new Set(sources).size).toBe(sources.length);
    }
  });

  it('never merges different languages, but treats fa-AF and fa as one', () => {
    const index = createStoryIndex();
    const english = index.add(report('dawn', TORKHAM));
    const taggedPersian = index.add(report('outlet-fa', TORKHAM, T0, { language: 'fa' }));
    expect(taggedPersian).not.toBe(english);

    const dari = {
      title: 'گذرگاه تورخم پس از درگیری مرزی بسته شد',
      summary:
        'نیروهای مرزی طالبان و پاکستان شب شنبه در تورخم با یکدیگر تیراندازی کردند و این گذرگاه بسته شد.',
    };
    const a = index.add(report('bbc-persian', dari, T0, { language: 'fa-AF' }));
    const b = index.add(report('radio-azadi-fa', dari, T0 + HOUR, { language: 'fa' }));
    expect(b).toBe(a);
  });

  it('joins reports within 48 hours of each other, and not beyond', () => {
    const index = createStoryIndex();
    const story = index.add(report('dawn', TORKHAM, T0));
    expect(index.add(report('amu-tv-en', TORKHAM_AGAIN, T0 + 47 * HOUR))).toBe(story);
    const tooLate = index.add(report('pajhwok-en', TORKHAM_AGAIN, T0 + 49 * HOUR));
    expect(tooLate).not.toBe(story);
  });

  it('keeps a whole story within the window: a report close to its last member but far from its first stays out', () => {
    const index = createStoryIndex();
    const story = index.add(report('dawn', TORKHAM, T0));
    expect(index.add(report('amu-tv-en', TORKHAM_AGAIN, T0 + 40 * HOUR))).toBe(story);
    expect(index.add(report('pajhwok-en', TORKHAM, T0 + 60 * HOUR))).not.toBe(story);
  });

  it('uses the first-seen time when a report has no published time', () => {
    const index = createStoryIndex();
    const story = index.add(report('dawn', TORKHAM, T0));
    const undated = report('amu-tv-en', TORKHAM_AGAIN, T0, {
      publishedAt: null,
      firstSeenAt: T0 + 50 * HOUR,
    });
    expect(index.add(undated)).not.toBe(story);
  });

  it('returns the same story when an article is added again, and changes nothing', () => {
    const index = createStoryIndex();
    const article = report('dawn', TORKHAM);
    const story = index.add(article);
    expect(index.add({ ...article, title: 'something else entirely', sourceId: 'other' })).toBe(story);
    expect(index.size).toBe(1);
  });

  it('forgets removed articles: their story, their members and their buckets', () => {
    const index = createStoryIndex();
    const founder = report('dawn', TORKHAM);
    const other = report('amu-tv-en', TORKHAM_AGAIN, T0 + HOUR);
    const story = index.add(founder);
    index.add(other);

    expect(index.remove(founder.id)).toBe(true);
    expect(index.has(founder.id)).toBe(false);
    expect(index.storyOf(founder.id)).toBeUndefined();
    // the story keeps its id while a member remains
    expect(index.storyOf(other.id)).toBe(story);
    expect(index.members(story).map((article) => article.id)).toEqual([other.id]);

    expect(index.remove(other.id)).toBe(true);
    expect(index.members(story)).toEqual([]);
    expect(index.stories).toBe(0);
    expect(index.size).toBe(0);
    expect(index.remove(other.id)).toBe(false);

    // nothing left to match: a new report of the event starts a story of its own
    const newcomer = report('pajhwok-en', TORKHAM, T0 + 2 * HOUR);
    expect(index.add(newcomer)).toBe(newcomer.id);
  });

  it('gives a fresh story id to an article whose id names a story that outlived it', () => {
    const index = createStoryIndex();
    const founder = report('dawn', TORKHAM);
    const story = index.add(founder);
    index.add(report('amu-tv-en', TORKHAM_AGAIN, T0 + HOUR));
    index.remove(founder.id);
    const returning = { ...founder, title: SAFFRON.title, summary: SAFFRON.summary };
    expect(index.add(returning)).toBe(`${story}#2`);
  });

  it('leaves a report with nothing to compare by alone', () => {
    const index = createStoryIndex();
    const a = index.add(report('dawn', { title: 'The', summary: 'of and to' }));
    const b = index.add(report('amu-tv-en', { title: 'The', summary: 'of and to' }));
    expect(b).not.toBe(a);
  });

  it('merges two halves of a story when a report bridges them, and not when told not to', () => {
    const ids = [
      'en-bagram-tehrantimes',
      'en-bagram-tolo',
      'en-bagram-khaama',
      'en-bagram-ariana',
      'en-bagram-amu',
    ];
    const bagram = loadLabelledSet().filter((article) => ids.includes(article.id));
    expect(bagram).toHaveLength(5);
    const storiesWith = (merge: boolean) => {
      const index = createStoryIndex({ merge });
      for (const article of bagram) index.add(article);
      return new Set(bagram.map((article) => index.storyOf(article.id)));
    };
    expect(storiesWith(true).size).toBe(1);
    expect(storiesWith(false).size).toBeGreaterThan(1);
  });

  it('can number its articles by the caller’s numbers, and then finds stories by them', () => {
    const held: StoryArticle[] = [];
    const numbers = {
      numberOf: (id: string) => {
        const at = held.findIndex((article) => article.id === id);
        return at < 0 ? undefined : at;
      },
      articleAt: (number: number) => held[number],
    };
    const index = createStoryIndex({}, {}, numbers);
    const first = report('dawn', TORKHAM);
    const second = report('amu-tv-en', TORKHAM_AGAIN, T0 + HOUR);
    held.push(first);
    expect(() => index.add(second)).toThrow(/has no number/);
    const story = index.add(first);
    held.push(second);
    expect(index.add(second)).toBe(story);
    expect(index.keyAt(1)).toBe(index.keyOf(second.id));
    expect(index.members(story)).toEqual([first, second]);
    expect(index.remove(first.id)).toBe(true);
    // the story keeps its founder's id once the founder is gone
    expect(index.members(story)).toEqual([second]);
    expect(index.storyOf(second.id)).toBe(story);
    expect(index.keyAt(0)).toBeUndefined();
  });

  it('refuses options that cannot work, naming them', () => {
    expect(() => createStoryIndex({ threshold: 0.1, floor: 0.2 })).toThrow(/floor 0.2/);
    expect(() => createStoryIndex({ windowMs: 0 })).toThrow(RangeError);
    expect(() => createStoryIndex({ bands: 0 })).toThrow(/bands and rows/);
    expect(() => createStoryIndex({ keepMs: HOUR })).toThrow(/keepMs 3600000, windowMs 172800000/);
  });

  it('replays many articles at once into the same stories as one at a time', () => {
    const articles = loadLabelledSet();
    const oneByOne = createStoryIndex();
    for (const article of articles) oneByOne.add(article);
    const atOnce = createStoryIndex();
    atOnce.addMany(articles);
    const storiesOf = (index: typeof atOnce) => articles.map((article) => index.storyOf(article.id));
    expect(storiesOf(atOnce)).toEqual(storiesOf(oneByOne));
    expect(atOnce.stories).toBeLessThan(articles.length);
    expect(atOnce.windowSize).toBe(oneByOne.windowSize);
  });

  it('lets reports leave the clustering window once 72 hours old, keeping their story', () => {
    const index = createStoryIndex();
    const first = report('dawn', TORKHAM, T0);
    const second = report('amu-tv-en', TORKHAM_AGAIN, T0 + HOUR);
    const story = index.add(first);
    index.add(second);
    expect(index.windowSize).toBe(2);
    // an unrelated arrival three days later moves the window on
    index.add(report('pajhwok-en', SAFFRON, T0 + 80 * HOUR));
    expect(index.windowSize).toBe(1);
    expect(index.storyOf(first.id)).toBe(story);
    expect(index.members(story).map((article) => article.id)).toEqual([first.id, second.id]);
    // removing a report out of the window still works, and the story stays with its other report
    expect(index.remove(first.id)).toBe(true);
    expect(index.members(story).map((article) => article.id)).toEqual([second.id]);
  });

  it('closes a story once one of its reports left the window, even to a report of its hours', () => {
    const late = (firstSeenAt: number) => report('pajhwok-en', TORKHAM, T0 + 2 * HOUR, { firstSeenAt }); // published with the others
    const joinsWhenSeenAt = (firstSeenAt: number) => {
      const index = createStoryIndex();
      const story = index.add(report('dawn', TORKHAM, T0));
      index.add(report('amu-tv-en', TORKHAM_AGAIN, T0 + HOUR));
      return index.add(late(firstSeenAt)) === story;
    };
    expect(joinsWhenSeenAt(T0 + 20 * HOUR)).toBe(true);
    expect(joinsWhenSeenAt(T0 + 80 * HOUR)).toBe(false);
  });

  it('names stories by small keys, reused once a story is gone, and tells of merges', () => {
    const ids = [
      'en-bagram-tehrantimes',
      'en-bagram-tolo',
      'en-bagram-khaama',
      'en-bagram-ariana',
      'en-bagram-amu',
    ];
    const bagram = loadLabelledSet().filter((article) => ids.includes(article.id));
    const merges: { into: string; gone: string; intoKey: number; goneKey: number }[] = [];
    const index = createStoryIndex({}, { merged: (event) => void merges.push(event) });
    for (const article of bagram) index.add(article);
    expect(merges.length).toBeGreaterThan(0);
    const key = index.keyOf(bagram[0]!.id)!;
    expect(merges.at(-1)?.intoKey).toBe(key);
    expect(index.idOfKey(key)).toBe(index.storyOf(bagram[0]!.id));
    expect(index.sizeOfKey(key)).toBe(5);
    expect(index.membersOfKey(key).map((article) => article.id)).toEqual(
      index.members(index.idOfKey(key)).map((article) => article.id),
    );
    for (const { gone, goneKey } of merges) {
      expect(index.members(gone)).toEqual([]);
      expect(goneKey).toBeLessThan(index.keyLimit);
    }
    for (const article of bagram) index.remove(article.id);
    expect(index.stories).toBe(0);
    const alone = report('dawn', SAFFRON);
    index.add(alone);
    expect(index.keyOf(alone.id)).toBeLessThan(index.keyLimit);
    expect(index.keyLimit).toBeLessThanOrEqual(bagram.length);
  });
});
