import { describe, expect, it } from 'vitest';
import {
  compareStories,
  maxBonus,
  rankArticles,
  rankStories,
  rankStory,
  storyScore,
  type RankedStory,
} from '../../src/digest/rank.js';
import type { StoredArticle } from '../../src/store/news-store.js';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 10, 27, 6);

function report(id: string, time: number, over: Partial<StoredArticle> = {}): StoredArticle {
  return {
    id,
    sourceId: id.split('/')[0]!,
    title: `Report ${id}`,
    url: `https://${id}`,
    publishedAt: time,
    firstSeenAt: time + 60_000,
    summary: 'What happened.',
    language: 'en',
    topics: [],
    ...over,
  };
}

describe('the story score', () => {
  it('adds an hour per outlet beyond the first, three at most, and two per step of match', () => {
    expect(storyScore(T, { outlets: 1, strength: 0 })).toBe(T);
    expect(storyScore(T, { outlets: 3, strength: 0 })).toBe(T + 2 * HOUR);
    expect(storyScore(T, { outlets: 12, strength: 0 })).toBe(T + 3 * HOUR);
    expect(storyScore(T, { outlets: 1, strength: 1 })).toBe(T + 2 * HOUR);
    expect(storyScore(T, { outlets: 4, strength: 5 })).toBe(T + 7 * HOUR);
    expect(maxBonus(0)).toBe(3 * HOUR);
    expect(maxBonus(1)).toBe(5 * HOUR);
    expect(maxBonus(9)).toBe(7 * HOUR);
  });

  it('never lets a story a day older pass a newer one, whatever its outlets and match', () => {
    const old = storyScore(T - 24 * HOUR, { outlets: 20, strength: 2 });
    expect(old).toBeLessThan(storyScore(T - 16 * HOUR, { outlets: 1, strength: 0 }));
  });
});

describe('a ranked story', () => {
  it('is led by the earliest matching report; the other visible ones are also, earliest first', () => {
    const a = report('a/1', T);
    const b = report('b/1', T + HOUR, { topics: ['iran'] });
    const c = report('c/1', T + 2 * HOUR, { topics: ['iran'] });
    const story = rankStory('s', [c, a, b], [c, b], 1)!;
    expect(story.lead).toBe(b);
    expect(story.also).toEqual([a, c]);
    expect(story.score).toBe(T + HOUR + 2 * HOUR + 2 * HOUR);
    expect(rankStory('s', [a], [], 0)).toBeUndefined();
  });

  it('on a tie of time, the more complete report leads', () => {
    const short = report('a/1', T, { summary: 'Short.' });
    const full = report('b/1', T, { summary: 'A longer summary with the details.' });
    expect(rankStory('s', [short, full], [short, full], 0)!.lead).toBe(full);
  });

  it('orders stories by score, then the newer lead, then the story id', () => {
    const story = (storyId: string, time: number, score: number): RankedStory => ({
      storyId,
      lead: report(`${storyId}/1`, time),
      also: [],
      score,
    });
    const ranked = rankStories([
      story('x', T, T + HOUR),
      story('y', T + HOUR, T + HOUR),
      story('z', T + 2 * HOUR, T + 2 * HOUR),
      story('w', T + HOUR, T + HOUR),
    ]);
    expect(ranked.map((s) => s.storyId)).toEqual(['z', 'w', 'y', 'x']);
    expect(compareStories(ranked[0]!, ranked[0]!)).toBe(0);
  });
});

describe('plain articles', () => {
  it('are newest first, an outlet’s repeated headline and a shared url once', () => {
    const first = report('a/1', T, { title: 'Same headline' });
    const again = report('a/2', T + HOUR, { title: 'Same  HEADLINE' });
    const copy = report('b/1', T + 2 * HOUR, { url: first.url! });
    const other = report('c/1', T - HOUR);
    expect(rankArticles([first, again, copy, other]).map((a) => a.id)).toEqual(['b/1', 'a/2', 'c/1']);
  });
});
