// the store's `exceptSourceIds` filter (other chats' sources left out), against a plain filter of
// every article; pages, counts, all three ways to name the sources, both ways of counting a topic.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { ArticleIndex, type ExceptSources } from '../../src/store/article-index.js';

const T0 = Date.UTC(2026, 0, 1);
const SOURCES = ['kabul-desk', 'herat-desk', 'c-00000000aa', 'c-00000000bb', 'c-00000000cc'];
const COUNT = 4000;

function generated(i: number): Article {
  // the chat sources are rare except c-00000000cc, which is most of the "economy" topic
  const sourceId =
    i % 40 === 0
      ? 'c-00000000aa'
      : i % 40 === 1
        ? 'c-00000000bb'
        : i % 7 === 0
          ? 'c-00000000cc'
          : SOURCES[i % 2]!;
  return {
    id: `https://example.af/${i}`,
    sourceId,
    title: `Report ${i}${i % 3 === 0 ? ' on Bagram airbase' : ''}`,
    url: `https://example.af/${i}`,
    publishedAt: i % 13 === 0 ? null : T0 + ((i * 7919) % COUNT) * 1000,
    firstSeenAt: T0 + ((i * 104729) % COUNT) * 1000,
    summary: 'News.',
    text: i % 5 === 0 ? 'Trade through the Bagram corridor.' : 'Nothing else.',
    language: 'en',
    topics: sourceId === 'c-00000000cc' || i % 97 === 0 ? ['economy'] : i % 2 === 0 ? ['security'] : [],
  };
}

const articles = Array.from({ length: COUNT }, (_, i) => generated(i));
const index = new ArticleIndex();
for (let i = 0; i < COUNT; i += 500) index.addMany(articles.slice(i, i + 500));
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

const hiddenSets: [string, ExceptSources, (id: string) => boolean][] = [
  [
    'a set',
    new Set(['c-00000000aa', 'c-00000000cc']),
    (id) => id === 'c-00000000aa' || id === 'c-00000000cc',
  ],
  ['a list', ['c-00000000bb', 'unknown-source'], (id) => id === 'c-00000000bb'],
  [
    'a test',
    (id: string) => id.startsWith('c-') && id !== 'c-00000000bb',
    (id) => id.startsWith('c-') && id !== 'c-00000000bb',
  ],
  ['nothing that has articles', ['nobody'], () => false],
];

describe.each(hiddenSets)('leaving out sources given as %s', (_name, except, hides) => {
  const visible = (a: Article) => !hides(a.sourceId);
  // the index's own order with nothing left out, filtered by hand
  const everything = index.latest({ limit: COUNT });

  it('latest, with and without sourceIds', () => {
    const expected = everything.filter((a) => !hides(a.sourceId));
    expect(index.countLatest(undefined, except)).toBe(expected.length);
    expect(ids(index.latest({ limit: 9, offset: 120, exceptSourceIds: except }))).toEqual(
      ids(expected.slice(120, 129)),
    );
    const some = ['kabul-desk', 'c-00000000aa', 'c-00000000bb'];
    const picked = everything.filter((a) => some.includes(a.sourceId) && !hides(a.sourceId));
    expect(index.countLatest(some, except)).toBe(picked.length);
    expect(ids(index.latest({ limit: 5, offset: 10, sourceIds: some, exceptSourceIds: except }))).toEqual(
      ids(picked.slice(10, 15)),
    );
  });

  it('byTopic and its count, for a topic the hidden sources fill and for one they barely touch', () => {
    for (const topic of ['economy', 'security', 'none']) {
      const expected = everything.filter((a) => a.topics.includes(topic) && !hides(a.sourceId));
      expect(index.countByTopic(topic, except)).toBe(expected.length);
      expect(ids(index.byTopic(topic, { limit: 7, offset: 3, exceptSourceIds: except }))).toEqual(
        ids(expected.slice(3, 10)),
      );
    }
  });

  it('search and its count, not confused with the unfiltered count it caches', () => {
    const all = index.countSearch('bagram');
    const matches = articles.filter((a) => /bagram/i.test(`${a.title} ${a.text}`));
    expect(all).toBe(matches.length);
    expect(index.countSearch('bagram', except)).toBe(matches.filter(visible).length);
    expect(index.countSearch('bagram')).toBe(all);
    const page = index.searchPage('bagram airbase', { limit: 10, offset: 5, exceptSourceIds: except });
    expect(page).toHaveLength(10);
    expect(page.every((a) => !hides(a.sourceId))).toBe(true);
    const unfiltered = index.searchPage('bagram airbase', { limit: COUNT });
    expect(ids(page)).toEqual(ids(unfiltered.filter((a) => !hides(a.sourceId)).slice(5, 15)));
  });
});
