import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { createFixedClock } from '../../src/clock.js';
import { openNewsStore } from '../../src/store/news-store.js';
import { openKeyvStore } from '../../src/store/open-keyv.js';

const T0 = Date.UTC(2025, 8, 24, 6, 0, 0);

let counter = 0;
function article(over: Partial<Omit<Article, 'firstSeenAt'>> = {}): Omit<Article, 'firstSeenAt'> {
  counter++;
  const url = `https://www.ariananews.af/story-${counter}/`;
  return {
    id: url,
    sourceId: 'ariana-news',
    title: `Story number ${counter}`,
    url,
    publishedAt: T0 + counter * 60_000,
    summary: 'A short summary of the story.',
    text: 'The full text of the story, somewhat longer than its summary.',
    language: 'en',
    topics: [],
    ...over,
  };
}
const ids = (articles: readonly { id: string }[]) => articles.map((a) => a.id);

describe('news store on sqlite with damaged rows', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefer-news-damaged-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports rows that are not JSON or not keyv values at start, and still starts', async () => {
    const file = join(dir, 'damaged.sqlite');
    const clock = createFixedClock(T0);
    const keyv = await openKeyvStore(`sqlite://${file}`);
    const news = await openNewsStore({ keyv, retentionDays: 30, clock });
    const good = article();
    await news.add([good]);
    await news.close();
    await keyv.close();

    const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
    await raw.query(
      `INSERT INTO keyv (key, value) VALUES ('articles:torn', '{"value":{"id":'), ('articles:null', 'null'),
       ('articles:number', '42'), ('seen:id:odd', '{"value":"yesterday"}')`,
    );
    await raw.disconnect();

    const problems: [string, string][] = [];
    const again = await openKeyvStore(`sqlite://${file}`);
    const reopened = await openNewsStore({
      keyv: again,
      retentionDays: 30,
      clock,
      onInvalid: (key, problem) => problems.push([key, problem]),
    });
    expect(ids(reopened.latest({ limit: 5 }))).toEqual([good.id]);
    expect(problems.map(([key]) => key).sort()).toEqual([
      'articles:null',
      'articles:number',
      'articles:torn',
    ]);
    expect(problems.find(([key]) => key === 'articles:torn')?.[1]).toMatch(/not JSON/);

    // an unreadable seen entry counts as seen, and is reported
    const odd = { ...article(), id: 'odd' };
    expect(await reopened.add([odd])).toEqual({ added: [], duplicates: 1 });
    expect(problems.at(-1)?.[0]).toBe('seen:id:odd');
    await reopened.close();
    await again.close();
  });
});

describe('news store on sqlite with many articles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefer-news-many-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reopens 31,000 articles without overflowing the stack', async () => {
    const url = `sqlite://${join(dir, 'many.sqlite')}`;
    const clock = createFixedClock(T0);
    const keyv = await openKeyvStore(url);
    const news = await openNewsStore({ keyv, retentionDays: 30, clock });
    for (let batch = 0; batch < 31; batch++) {
      const articles = Array.from({ length: 1000 }, () => article({ topics: ['afghanistan'] }));
      expect((await news.add(articles)).added).toHaveLength(1000);
    }
    await news.close();
    await keyv.close();

    const again = await openKeyvStore(url);
    const reopened = await openNewsStore({ keyv: again, retentionDays: 30, clock });
    expect(reopened.size()).toBe(31_000);
    expect(reopened.countByTopic('afghanistan')).toBe(31_000);
    expect(reopened.latest({ limit: 1 })[0]?.id).toBe(`https://www.ariananews.af/story-${counter}/`);
    await reopened.close();
    await again.close();
    // writing and clustering 31,000 articles takes about 9 s on a quiet machine: the test is about the
    // stack, so a busy machine gets more time
  }, 60_000);
});
