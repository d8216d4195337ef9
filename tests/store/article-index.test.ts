import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { ArticleIndex } from '../../src/store/article-index.js';

const T0 = Date.UTC(2025, 0, 1);
const COUNT = 3000;

// times are a permutation of the insertion order, so slot order and time order disagree
function generated(i: number): Article {
  return {
    id: `https://example.af/${i}`,
    sourceId: i % 2 === 0 ? 'even-news' : 'odd-news',
    title: `Kabul report ${i}${i % 50 === 0 ? ' from Central Asia' : ''}`,
    url: `https://example.af/${i}`,
    publishedAt: i % 11 === 0 ? null : T0 + ((i * 7919) % COUNT) * 1000,
    firstSeenAt: T0 + ((i * 104729) % COUNT) * 1000,
    summary: i % 7 === 0 ? 'News from Herat.' : 'News.',
    text: i % 3 === 0 ? 'Central banks across Asia.' : 'Nothing else.',
    language: 'en',
    topics: i % 5 === 0 ? ['economy'] : [],
  };
}

const articles = Array.from({ length: COUNT }, (_, i) => generated(i));
const timeOf = (a: Article) => a.publishedAt ?? a.firstSeenAt;
const byNewest = (a: Article, b: Article) =>
  timeOf(b) - timeOf(a) ||
  b.firstSeenAt - a.firstSeenAt ||
  Number(b.id.split('/').pop()) - Number(a.id.split('/').pop());
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

function build(): ArticleIndex {
  const index = new ArticleIndex();
  for (let i = 0; i < COUNT; i += 250) index.addMany(articles.slice(i, i + 250), { settle: i % 500 === 0 });
  return index;
}

describe('ArticleIndex with thousands of articles', () => {
  it('orders latest, sources and topics newest first', () => {
    const index = build();
    const newest = [...articles].sort(byNewest);
    expect(ids(index.latest({ limit: 7, offset: 1500 }))).toEqual(ids(newest.slice(1500, 1507)));
    const economy = newest.filter((a) => a.topics.includes('economy'));
    expect(ids(index.byTopic('economy', { limit: 5, offset: 100 }))).toEqual(ids(economy.slice(100, 105)));
    expect(ids(index.latest({ limit: 4, offset: 9, sourceIds: ['odd-news', 'even-news'] }))).toEqual(
      ids(newest.slice(9, 13)),
    );
  });

  it('pages a search that matches everything (walking the time order)', () => {
    const index = build();
    const newest = [...articles].sort(byNewest);
    expect(index.countSearch('kabul')).toBe(COUNT);
    expect(ids(index.searchPage('kabul', { limit: 5 }))).toEqual(ids(newest.slice(0, 5)));
    expect(ids(index.searchPage('Kabul', { limit: 5, offset: 2000 }))).toEqual(ids(newest.slice(2000, 2005)));
  });

  it('puts phrase matches first, then the other matches, each newest first', () => {
    const index = build();
    const matches = articles.filter((_, i) => i % 50 === 0 || i % 3 === 0).sort(byNewest);
    const phrase = matches.filter((a) => a.title.includes('Central Asia'));
    const expected = [...phrase, ...matches.filter((a) => !phrase.includes(a))];
    expect(index.countSearch('central asia')).toBe(expected.length);
    expect(ids(index.searchPage('central asia', { limit: 5 }))).toEqual(ids(expected.slice(0, 5)));
    expect(ids(index.searchPage('central asia', { limit: 10, offset: 55 }))).toEqual(
      ids(expected.slice(55, 65)),
    );
    expect(ids(index.searchPage('central asia', { limit: 3, offset: 900 }))).toEqual(
      ids(expected.slice(900, 903)),
    );
  });

  it('orders plainly by time when no title or summary holds the phrase', () => {
    const index = build();
    const expected = articles.filter((_, i) => i % 7 === 0).sort(byNewest);
    expect(ids(index.searchPage('kabul herat', { limit: 6, offset: 3 }))).toEqual(ids(expected.slice(3, 9)));
    expect(index.countSearch('herat kabul')).toBe(expected.length);
  });

  it('forgets removed articles in every order and in search', () => {
    const index = build();
    const removed = articles.filter((_, i) => i % 2 === 0);
    index.removeMany(ids(removed));
    const left = articles.filter((_, i) => i % 2 === 1).sort(byNewest);
    expect(index.size).toBe(COUNT / 2);
    expect(index.hasId(removed[0]?.id as string)).toBe(false);
    expect(index.hasUrl(removed[0]?.url as string)).toBe(false);
    expect(ids(index.latest({ limit: 3 }))).toEqual(ids(left.slice(0, 3)));
    expect(index.countLatest(['even-news'])).toBe(0);
    expect(index.countSearch('kabul')).toBe(COUNT / 2);
    expect(ids(index.searchPage('kabul', { limit: 4, offset: 10 }))).toEqual(ids(left.slice(10, 14)));
  });

  it('finds a canonical url shared with a stored article whose id is a guid, but not an id that only looks like it', () => {
    const index = new ArticleIndex();
    const base = generated(1);
    index.addMany([
      { ...base, id: 'urn:guid:1', url: 'https://example.af/shared' },
      { ...base, id: 'https://example.af/looks-like-a-url', url: 'https://example.af/elsewhere' },
    ]);
    expect(index.hasUrl('https://example.af/shared')).toBe(true);
    expect(index.hasUrl('https://example.af/elsewhere')).toBe(true);
    expect(index.hasUrl('https://example.af/looks-like-a-url')).toBe(false);
  });

  it('returns shared read-only topic lists', () => {
    const index = new ArticleIndex();
    const [a, b] = index.addMany([generated(5), generated(10)]);
    expect(a?.topics).toBe(b?.topics);
    expect(() => (a?.topics as string[]).push('sports')).toThrow(TypeError);
  });
});
