import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBriefingService } from '../../src/briefings/briefing-service.js';
import { createFixedClock } from '../../src/clock.js';
import { createFirstFetchLog } from '../../src/ingest/first-fetch.js';
import { ingestSource } from '../../src/ingest/ingest-sources.js';
import { silentLogger } from '../../src/logger.js';
import { parseSources } from '../../src/sources/load-sources.js';
import type { Source } from '../../src/sources/source.js';
import { openNewsStore } from '../../src/store/news-store.js';
import { openKeyvStore } from '../../src/store/open-keyv.js';
import { at, bundledTopics, HOUR, titlesOf } from './briefing-harness.js';

let dir: string;
let feedFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'briefer-backlog-'));
  feedFile = path.join(dir, 'feed.xml');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const feed = (titles: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>${titles
    .map(
      (title, i) =>
        `<item><title>${title}</title><link>https://example.org/${encodeURIComponent(title)}</link><pubDate>Sat, 28 Nov 2026 0${i}:00:00 GMT</pubDate><description>Kabul and Tehran talk about the border.</description></item>`,
    )
    .join('')}</channel></rss>`;

async function setup() {
  const clock = createFixedClock(at('2026-11-28T01:00:00Z'));
  const keyv = await openKeyvStore('memory://');
  const store = await openNewsStore({ keyv, retentionDays: 30, clock });
  const [source] = parseSources(
    [{ id: 'test-news', name: 'Test News', url: 'feed.xml', language: 'en' }],
    path.join(dir, 'sources.json'),
  ) as Source[];
  const firstFetches = createFirstFetchLog(keyv.namespace('sources'));
  const deps = { store, matcher: await bundledTopics(), clock, logger: silentLogger, firstFetches };
  return { clock, keyv, store, source: source!, deps, firstFetches };
}

describe("a source's backlog is never new", () => {
  it('what a source lists at its first successful fetch is backlog; later items are not', async () => {
    const { clock, store, source, deps, firstFetches } = await setup();
    await writeFile(feedFile, feed(['Old one', 'Old two']));
    expect((await ingestSource(source, deps)).added).toBe(2);
    expect(store.latest({ limit: 10 }).map((a) => a.backlog)).toEqual([true, true]);
    expect(await firstFetches.firstFetchAt('test-news')).toBe(at('2026-11-28T01:00:00Z'));
    clock.advance(HOUR);
    await writeFile(feedFile, feed(['Old one', 'Old two', 'Fresh three']));
    expect((await ingestSource(source, deps)).added).toBe(1);
    const fresh = store.latest({ limit: 10 }).find((a) => a.title === 'Fresh three');
    expect(fresh?.backlog).toBeUndefined();
    // and the backlog mark survives a restart of the store
    expect(
      (await store.get(store.latest({ limit: 10 }).find((a) => a.title === 'Old one')!.id))?.backlog,
    ).toBe(true);
  });

  it('a failed first fetch records nothing: the first that succeeds is the first', async () => {
    const { store, source, deps, firstFetches } = await setup();
    expect((await ingestSource(source, deps)).ok).toBe(false); // no file yet
    expect(await firstFetches.firstFetchAt('test-news')).toBeUndefined();
    await writeFile(feedFile, feed(['Old one']));
    await ingestSource(source, deps);
    expect(store.latest({ limit: 10 })[0]?.backlog).toBe(true);
  });

  it("a store that already holds a source's articles (older than this log) marks nothing as backlog", async () => {
    const { store, source, deps } = await setup();
    await writeFile(feedFile, feed(['Old one']));
    await ingestSource(source, { ...deps, firstFetches: undefined }); // before the log existed
    await writeFile(feedFile, feed(['Old one', 'New two']));
    await ingestSource(source, deps);
    expect(store.latest({ limit: 10 }).find((a) => a.title === 'New two')?.backlog).toBeUndefined();
  });

  it('a briefing leaves the backlog out', async () => {
    const { clock, keyv, store, source, deps } = await setup();
    await writeFile(feedFile, feed(['Old one', 'Old two']));
    await ingestSource(source, deps);
    clock.advance(HOUR);
    await writeFile(feedFile, feed(['Old one', 'Old two', 'Fresh three']));
    await ingestSource(source, deps);
    const service = await openBriefingService({
      keyv,
      store,
      topics: await bundledTopics(),
      sources: new Map([[source.id, source]]),
      clock,
      logger: silentLogger,
    });
    expect(titlesOf(service.preview('telegram:1', 'Asia/Kabul').message)).toEqual(['Fresh three']);
  });
});
