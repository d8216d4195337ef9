// each source's health and schedule through openBriefer / refreshDue, against a real local server:
// Retry-After, backoff, one warning and one recovery notice, disabling after a day, first sight
// is not news, state that survives a restart, and what /sources shows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sources as sourcesCommand } from '../../commands/sources.js';
import { openKeyvStore } from '../../src/store/open-keyv.js';
import { startLocalServer, type LocalServer } from '../fetch/local-server.js';
import { count, items, NOW, openTestBriefer, rss, source } from './ingest-harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let server: LocalServer;
let flakyFailures = 0;
let downUntilFixed = true;
let oldItems = items('old', 100, Date.UTC(2025, 8, 1));
let ttlFeed = rss(items('ttl', 2, NOW), '<ttl>90</ttl>');

beforeAll(async () => {
  server = await startLocalServer({
    '/busy': (_request, response) => {
      response.statusCode = 429;
      response.setHeader('retry-after', '120');
      response.end('slow down');
    },
    '/flaky': (_request, response) => {
      if (flakyFailures > 0) {
        flakyFailures--;
        response.statusCode = 503;
        response.end('busy');
      } else response.end(rss(items('flaky', 2, NOW)));
    },
    '/down': (_request, response) => {
      if (downUntilFixed) {
        response.statusCode = 500;
        response.end('broken');
      } else response.end(rss(items('down', 3, NOW - HOUR)));
    },
    '/old': (_request, response) => response.end(rss(oldItems)),
    '/ttl': (_request, response) => response.end(ttlFeed),
    '/tagged-a': (_request, response) => {
      response.setHeader('etag', '"same"');
      response.end(rss(items('tagged', 1, NOW)));
    },
    '/tagged-b': (request, response) => {
      response.setHeader('etag', '"same"');
      if (request.headers['if-none-match'] === '"same"') {
        response.statusCode = 304;
        response.end();
      } else response.end(rss(items('tagged', 2, NOW)));
    },
  });
});

afterAll(() => server.close());

const requestsTo = (path: string) => server.requests.filter((request) => request.path === path).length;

describe('the schedule', () => {
  it('honours Retry-After on a 429: the source is not asked again before it', async () => {
    const t = await openTestBriefer([source('busy', server.url('/busy'))]);
    try {
      const [busy] = await t.briefer.refreshDue();
      expect(busy).toMatchObject({ ok: false, state: 'failing' });
      const wait = (busy?.nextCheckAt ?? 0) - NOW;
      expect(wait).toBeGreaterThan(119_000);
      expect(wait).toBeLessThanOrEqual(120_000);
      expect((await t.briefer.sourceHealth('busy'))?.lastError).toBe(
        'the server answered 429 and asked us to wait',
      );
      const before = requestsTo('/busy');
      t.clock.advance(90_000);
      expect(await t.briefer.refreshDue()).toEqual([]);
      expect(requestsTo('/busy')).toBe(before);
      t.clock.advance(31_000);
      expect(await t.briefer.refreshDue()).toHaveLength(1);
      expect(requestsTo('/busy')).toBe(before + 1);
    } finally {
      await t.close();
    }
  });

  it("polls a working source on its feed's own <ttl>, within bounds, and not before", async () => {
    const t = await openTestBriefer([source('ttl', server.url('/ttl'))], { pollIntervalMs: 10 * MINUTE });
    try {
      const [first] = await t.briefer.refreshDue();
      // 90 minutes, up to a tenth early (jitter 0.5 → 5%)
      expect((first?.nextCheckAt ?? 0) - NOW).toBe(Math.round(90 * MINUTE * 0.95));
      t.clock.advance(60 * MINUTE);
      expect(await t.briefer.refreshDue()).toEqual([]);
      t.clock.advance(30 * MINUTE);
      expect(await t.briefer.refreshDue()).toHaveLength(1);
      // refresh() fetches everything, due or not
      expect(await t.briefer.refresh()).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('caps a feed that asks to be left alone for a week at two hours', async () => {
    ttlFeed = rss(items('weekly', 1, NOW), '<sy:updatePeriod>weekly</sy:updatePeriod>');
    const t = await openTestBriefer([source('weekly', server.url('/ttl'))]);
    try {
      expect((await t.briefer.sourceHealth('weekly'))?.intervalMs).toBeUndefined();
      await t.briefer.refreshDue();
      expect((await t.briefer.sourceHealth('weekly'))?.intervalMs).toBe(2 * HOUR);
    } finally {
      await t.close();
    }
  });
});

describe('health', () => {
  it('a source failing then recovering gives one warning and one recovery notice, with backoff between', async () => {
    flakyFailures = 4;
    const t = await openTestBriefer([source('flaky', server.url('/flaky'))]);
    try {
      const waits: number[] = [];
      for (let poll = 0; poll < 4; poll++) {
        const [outcome] = await t.briefer.refreshDue();
        expect(outcome).toMatchObject({ ok: false, state: 'failing' });
        waits.push((outcome?.nextCheckAt ?? 0) - t.clock.now());
        // not due again until the backoff has passed
        expect(await t.briefer.refreshDue()).toEqual([]);
        t.clock.advance(waits.at(-1) ?? 0);
      }
      // 1 min doubling, three quarters of it with the jitter at 0.5
      expect(waits).toEqual([45_000, 90_000, 180_000, 360_000]);
      const [recovered] = await t.briefer.refreshDue();
      expect(recovered).toMatchObject({ ok: true, state: 'ok', added: 2 });
      expect(count(t.lines, 'source is failing')).toBe(1);
      expect(count(t.lines, 'source recovered')).toBe(1);
      expect(t.lines.find((line) => line.includes('source is failing'))).toMatch(/WARN.*source=flaky/);
      expect(t.changes).toEqual(['flaky: ok → failing (the server answered 503)', 'flaky: failing → ok']);
    } finally {
      await t.close();
    }
  });

  it('disables a source after a day of failures, tries it daily, and takes it back with its backlog', async () => {
    downUntilFixed = true;
    const t = await openTestBriefer([source('down', server.url('/down'))]);
    try {
      let polls = 0;
      for (;;) {
        const [outcome] = await t.briefer.refreshDue();
        expect(outcome?.ok).toBe(false);
        polls++;
        expect(polls).toBeLessThan(30);
        if (outcome?.state === 'disabled') break;
        t.clock.set(outcome?.nextCheckAt ?? 0);
      }
      const disabled = await t.briefer.sourceHealth('down');
      expect(disabled?.failingSince).toBe(NOW);
      expect(t.clock.now() - NOW).toBeGreaterThanOrEqual(24 * HOUR);
      // never more than six hours between tries while failing
      expect(polls).toBeGreaterThan(8);
      // once disabled: one try a day
      t.clock.advance(23 * HOUR);
      expect(await t.briefer.refreshDue()).toEqual([]);
      t.clock.advance(HOUR);
      const [daily] = await t.briefer.refreshDue();
      expect(daily).toMatchObject({ ok: false, state: 'disabled' });
      expect((daily?.nextCheckAt ?? 0) - t.clock.now()).toBe(24 * HOUR);

      downUntilFixed = false;
      t.clock.advance(24 * HOUR);
      const [back] = await t.briefer.refreshDue();
      expect(back).toMatchObject({ ok: true, state: 'ok', added: 3 });
      // what it lists after a long silence is its backlog: stored, never "new"
      const stored = t.briefer.store.latest({ limit: 10, sourceIds: ['down'] });
      expect(stored.every((article) => article.backlog === true)).toBe(true);
      expect(t.changes).toEqual([
        'down: ok → failing (the server answered 500)',
        'down: failing → disabled (the server answered 500)',
        'down: disabled → ok',
      ]);
      expect(count(t.lines, 'source is failing')).toBe(1);
      expect(count(t.lines, 'source disabled')).toBe(1);
      expect(count(t.lines, 'source recovered')).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('a first fetch of 100 old items stores them all as backlog, and only what comes later is new', async () => {
    oldItems = items('old', 100, Date.UTC(2025, 8, 1));
    const t = await openTestBriefer([source('old', server.url('/old'))]);
    try {
      const [first] = await t.briefer.refresh();
      expect(first).toMatchObject({ ok: true, items: 100, added: 100 });
      const arrived = t.briefer.store.firstSeenBetween(NOW - 1, NOW + 1, 500);
      expect(arrived).toHaveLength(100);
      expect(arrived.every((article) => article.backlog === true)).toBe(true);

      oldItems = [
        { title: 'A fresh story on the Kabul water talks', link: 'https://outlet.example/fresh', date: NOW },
        ...oldItems,
      ];
      t.clock.advance(HOUR);
      const [second] = await t.briefer.refresh();
      expect(second).toMatchObject({ ok: true, items: 101, added: 1 });
      const fresh = t.briefer.store.firstSeenBetween(NOW + 1, NOW + 2 * HOUR);
      expect(fresh.map((article) => [article.title, article.backlog])).toEqual([
        ['A fresh story on the Kabul water talks', undefined],
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('health survives a restart', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'briefer-health-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps state, schedule and validators in the store, and drops a damaged record', async () => {
    flakyFailures = 1;
    const storeUrl = `sqlite://${path.join(dir, 'briefer.sqlite')}`;
    const sources = [source('flaky', server.url('/flaky')), source('ttl', server.url('/ttl'))];
    const first = await openTestBriefer(sources, { storeUrl });
    await first.briefer.refresh();
    const before = await first.briefer.sourceHealth('flaky');
    await first.close();
    expect(before?.state).toBe('failing');

    const keyv = await openKeyvStore(storeUrl);
    await keyv.namespace('source-health').set('ttl', { state: 'sideways', nextCheckAt: 'soon' });
    await keyv.close();

    const second = await openTestBriefer(sources, { storeUrl });
    try {
      expect(await second.briefer.sourceHealth('flaky')).toEqual(before);
      expect(await second.briefer.sourceHealth('ttl')).toBeUndefined();
      expect(
        second.lines.some((line) => /invalid stored source health record.*source-health:ttl/.test(line)),
      ).toBe(true);
      // the failing one is not due yet; the one whose record was damaged is fetched again
      const due = await second.briefer.refreshDue();
      expect(due.map((outcome) => outcome.sourceId)).toEqual(['ttl']);
    } finally {
      await second.close();
    }
  });
});

describe('validators belong to their url', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'briefer-moved-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fetches a source whose url changed whole, without the old ETag', async () => {
    const storeUrl = `sqlite://${path.join(dir, 'briefer.sqlite')}`;
    const before = await openTestBriefer([source('moved', server.url('/tagged-a'))], { storeUrl });
    await before.briefer.refresh();
    await before.close();
    const after = await openTestBriefer([source('moved', server.url('/tagged-b'))], { storeUrl });
    try {
      server.reset();
      const [moved] = await after.briefer.refresh();
      expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
      expect(moved).toMatchObject({ ok: true, items: 2 });
      const [again] = await after.briefer.refresh();
      expect(again).toMatchObject({ ok: true, notModified: true });
    } finally {
      await after.close();
    }
  });
});

describe('/sources', () => {
  it('shows state, last success, last error in plain words, items of the last 24 hours and next check', async () => {
    flakyFailures = 0;
    downUntilFixed = true;
    const t = await openTestBriefer([
      source('flaky', server.url('/flaky')),
      source('down', server.url('/down')),
    ]);
    try {
      await t.briefer.refreshDue();
      t.clock.advance(5 * MINUTE);
      const context = { chat: 'console:local', user: 'console:me', timeZone: 'Asia/Kabul' };
      const { text } = await sourcesCommand.run({ offset: 0 }, context, t.briefer);
      expect(text).toContain('Sources (2). Ask with /latest <source>');
      expect(text).toMatch(
        /• Outlet flaky \(flaky, en\): 2 articles, fetched 5 minutes ago\n {2}OK · 2 items in the last 24 hours · next check in 5 minutes/,
      );
      expect(text).toMatch(
        /• Outlet down \(down, en\): 0 articles, never fetched successfully\n {2}FAILING since 5 minutes ago: the server answered 500 · 0 items in the last 24 hours · next check now/,
      );
      expect(text).not.toMatch(/not fetched yet/);
    } finally {
      await t.close();
    }
  });

  it('says when a source has not been fetched yet', async () => {
    const t = await openTestBriefer([source('flaky', server.url('/flaky'))]);
    try {
      const context = { chat: 'console:local', user: 'console:me', timeZone: 'Asia/Kabul' };
      const { text } = await sourcesCommand.run({ offset: 0 }, context, t.briefer);
      expect(text).toContain('• Outlet flaky (flaky, en): 0 articles, not fetched yet');
    } finally {
      await t.close();
    }
  });
});
