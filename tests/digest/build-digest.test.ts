import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build-digest.js';
import { digestItems } from '../../src/digest/digest.js';
import type { RankedStory } from '../../src/digest/rank.js';
import type { Source } from '../../src/sources/source.js';
import type { StoredArticle } from '../../src/store/news-store.js';

const T = Date.UTC(2026, 10, 27, 6);
const source = (id: string, name: string): [string, Source] => [
  id,
  { id, name, url: new URL(`https://${id}.example/feed`), language: 'en', kind: 'feed' },
];
const sources = new Map([source('tolo', 'TOLOnews'), source('pajhwok', 'Pajhwok Afghan News')]);

function report(sourceId: string, n: number, url?: string): StoredArticle {
  return {
    id: `${sourceId}-${n}`,
    sourceId,
    title: `Report ${n} from ${sourceId}`,
    ...(url !== undefined && { url }),
    publishedAt: T + n,
    firstSeenAt: T + n,
    summary: 'What happened.',
    language: 'en',
    topics: ['afghanistan'],
  };
}

const story = (lead: StoredArticle, also: StoredArticle[] = []): RankedStory => ({
  storyId: lead.id,
  lead,
  also,
  score: lead.publishedAt!,
});

const request = {
  title: 'Latest news',
  limit: 5,
  sources,
  timeZone: 'Asia/Kabul',
  now: T,
  emptyText: 'Nothing yet.',
  moreCommand: '/latest 25',
};

describe('a digest of stories', () => {
  it('shows each story once by its lead, the other outlets as also (name and link)', () => {
    const digest = buildDigest({
      ...request,
      stories: [
        story(report('tolo', 1, 'https://tolo.example/1'), [
          report('pajhwok', 2, 'https://pajhwok.example/2'),
          report('unknown-outlet', 3),
        ]),
      ],
    });
    const [item] = digestItems(digest);
    expect(item).toMatchObject({
      articleId: 'tolo-1',
      sourceName: 'TOLOnews',
      url: 'https://tolo.example/1',
    });
    expect(item!.alsoReportedBy).toEqual([
      { sourceName: 'Pajhwok Afghan News', url: 'https://pajhwok.example/2' },
      { sourceName: 'unknown-outlet' },
    ]);
  });

  it('counts stories in the closing line and the range of a later page', () => {
    const stories = [1, 2, 3].map((n) => story(report('tolo', n), [report('pajhwok', n)]));
    const first = buildDigest({ ...request, stories: stories.slice(0, 2), limit: 2, total: 7 });
    expect(digestItems(first)).toHaveLength(2);
    expect(first.footer).toBe('… and 5 more: /latest 25');
    const later = buildDigest({ ...request, stories, limit: 3, total: 7, offset: 2 });
    expect(later.title).toBe('Latest news (3–5 of 7)');
  });

  it('still takes plain articles, each alone', () => {
    const digest = buildDigest({ ...request, articles: [report('tolo', 1), report('pajhwok', 2)] });
    expect(digestItems(digest).map((item) => [item.articleId, item.alsoReportedBy])).toEqual([
      ['pajhwok-2', []],
      ['tolo-1', []],
    ]);
  });
});
