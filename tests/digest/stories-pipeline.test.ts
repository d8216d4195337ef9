// stories end to end: four English and three Dari outlets (tests/fixtures/story-feeds) report the
// same events on one Friday, among unrelated news; the feeds are fetched as they stood at each time,
// parsed, stored and clustered, then read back through /latest, /topic and daily briefings. chat A has
// its own outlet (Herat Local, first with the earthquake), which chat B must never see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Reply } from '../../commands/index.js';
import {
  createFixedClock,
  digestItems,
  openBriefer,
  type Briefer,
  type Digest,
  type DigestItem,
  type Source,
} from '../../src/index.js';
import { createFakeSender } from '../briefings/briefing-harness.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  chatA,
  chatB,
  onlyLoopbackConnections,
  startNewsServer,
  testResolver,
  TRUSTED,
} from '../sources/chat-source-harness.js';
import { REPO_ROOT } from '../support/seed-briefer.js';

const FEEDS = path.join(REPO_ROOT, 'tests/fixtures/story-feeds');
const BACKLOG_AT = Date.parse('2026-11-26T12:00:00Z'); // every source's first fetch
const FRIDAY_AT = Date.parse('2026-11-27T12:00:00Z'); // the Friday's news
const BRIEFING_1 = Date.parse('2026-11-27T13:30:00Z'); // 18:00 in Kabul
const SATURDAY_AT = Date.parse('2026-11-28T04:00:00Z'); // a late report of the earthquake
const BRIEFING_2 = Date.parse('2026-11-28T13:30:00Z');

const OPERATOR = JSON.parse(readFileSync(path.join(FEEDS, 'sources.json'), 'utf8')) as {
  id: string;
  name: string;
  url: string;
  language: string;
}[];

/** a feed as it stood at `time`: the items published after it left out */
function feedAt(file: string, time: number): string {
  const xml = readFileSync(path.join(FEEDS, file), 'utf8');
  return xml.replace(/\s*<item>[\s\S]*?<\/item>/g, (item) => {
    const published = Date.parse(/<pubDate>([^<]+)<\/pubDate>/.exec(item)?.[1] ?? '');
    return published <= time ? item : '';
  });
}

const EARTHQUAKE = {
  pajhwok: '5.9-magnitude earthquake jolts Herat, 14 dead',
  heratLocal: 'Strong earthquake hits Herat’s Zindajan district',
  amu: 'Survivors of Herat earthquake sleep in the open as aid arrives',
  dari: 'زلزلهٔ ۵.۹ ریشتری در هرات ۱۴ کشته برجا گذاشت',
};
const TORKHAM = 'Torkham crossing reopens after six-day closure';

/** what chat B should see on the Friday: the lead of each story shared by outlets, and its "also" */
const SHARED_STORIES_B: Record<string, string[]> = {
  [EARTHQUAKE.pajhwok]: ['TOLOnews', 'Khaama Press'],
  [TORKHAM]: ['Pajhwok Afghan News'],
  'UNAMA: new restrictions bar Afghan women from NGO health jobs': ['Khaama Press'],
  'Afghanistan beat Zimbabwe by 7 wickets in Harare ODI': ['TOLOnews'],
  [EARTHQUAKE.dari]: ['هشت صبح', 'اطلاعات روز'],
  'گذرگاه تورخم پس از شش روز بازگشایی شد': ['هشت صبح'],
};
/** reports close to an event that are not it: each must stay a story of its own */
const LOOKALIKES = [
  'Herat saffron exports reach 30 tonnes this year',
  'Pakistan deports 1,200 Afghan migrants in a single day',
  'Polio vaccination campaign begins in 20 provinces',
  'آغاز کارزار واکسین پولیو در ۲۰ ولایت',
];

let server: LocalServer;
let briefer: Briefer;
const clock = createFixedClock(BACKLOG_AT);
const senders = { telegram: createFakeSender(clock), discord: createFakeSender(clock) };

const ask = (line: string, context = chatB, options?: Record<string, unknown>): Promise<Reply> => {
  const [name = '', ...rest] = line.replace(/^\//, '').split(' ');
  return runCommand(options ? { name, options, context } : { name, text: rest.join(' '), context }, briefer);
};
const items = (reply: Reply | Digest | undefined): DigestItem[] => {
  const digest = reply && 'sections' in reply ? reply : reply?.digest;
  return digest ? digestItems(digest) : [];
};
const alsoOf = (list: DigestItem[], title: string) =>
  list.find((item) => item.title === title)?.alsoReportedBy.map((also) => also.sourceName);
const everyName = (list: DigestItem[]) =>
  list.flatMap((item) => [item.sourceName, ...item.alsoReportedBy.map((also) => also.sourceName)]);

async function fetchAt(time: number) {
  clock.set(time);
  const outcomes = await briefer.refresh();
  expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
}

beforeAll(async () => {
  onlyLoopbackConnections();
  const routes = Object.fromEntries(
    [...OPERATOR.map((source) => source.url), 'herat-local.xml'].map((file) => [
      `/${file}`,
      (_request: unknown, response: { setHeader(k: string, v: string): void; end(body: string): void }) => {
        response.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        response.end(feedAt(file, clock.now()));
      },
    ]),
  );
  server = await startNewsServer(routes);
  const base = `http://news.example.test:${server.port}`;
  const sources: Source[] = OPERATOR.map((source) => ({
    ...source,
    url: new URL(`${base}/${source.url}`),
    kind: 'feed',
  }));
  briefer = await openBriefer({
    storeUrl: 'memory://',
    sources,
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock,
    briefings: { sleep: async () => true, maxItems: 25 },
    // every outlet is on the one test host: no politeness gap between them
    fetch: { hostGapMs: 0 },
    chatSources: {
      fetch: { resolver: testResolver(), trustedHosts: TRUSTED, hostGapMs: 0, connectTimeoutMs: 2_000 },
    },
  });
  expect((await ask(`/source add ${base}/herat-local.xml`, chatA)).text).toMatch(/Herat Local/);
  await fetchAt(BACKLOG_AT);
  await fetchAt(FRIDAY_AT);
  await briefer.briefings.start({ senders, ticks: 'manual' });
  for (const chat of [chatA.chat, chatB.chat]) {
    await briefer.briefings.subscribe(chat, { time: '18:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
  }
});
afterAll(async () => {
  await briefer?.close();
  await server?.close();
});

describe('stories across outlets, through the whole pipeline', () => {
  it('/latest shows each event once, led by its first report, with the other outlets listed', async () => {
    const list = items(await ask('/latest 25'));
    for (const [title, others] of Object.entries(SHARED_STORIES_B))
      expect(alsoOf(list, title)).toEqual(others);
    for (const title of LOOKALIKES) expect(alsoOf(list, title)).toEqual([]);
    const shared = list.filter((item) => item.alsoReportedBy.length > 0);
    expect(shared.map((item) => item.title).sort()).toEqual(Object.keys(SHARED_STORIES_B).sort());
    // no report is shown twice, as an item or as "also"
    const urls = list.flatMap((item) => [item.url, ...item.alsoReportedBy.map((also) => also.url)]);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.every((url) => typeof url === 'string')).toBe(true);
  });

  it('never shows chat A’s own outlet to chat B, as a lead, as also, or in the count', async () => {
    const forB = await ask('/latest 25');
    const forA = await ask('/latest 25', chatA);
    expect(everyName(items(forB))).not.toContain('Herat Local');
    // chat A sees its outlet's report first, and the others as also; and its outlet's own stories
    expect(alsoOf(items(forA), EARTHQUAKE.heratLocal)).toEqual([
      'Pajhwok Afghan News',
      'TOLOnews',
      'Khaama Press',
    ]);
    expect(items(forA).length).toBe(items(forB).length + 2);
    const disasters = await ask('/topic disasters', chatB);
    expect(items(disasters).map((item) => item.title)).toEqual([EARTHQUAKE.dari, EARTHQUAKE.pajhwok]);
    expect(everyName(items(disasters))).not.toContain('Herat Local');
  });

  it('/topic by name and by words finds the story once, the other outlets listed', async () => {
    const torkham = items(await ask('/topic torkham'));
    expect(torkham.map((item) => [item.title, item.alsoReportedBy.map((also) => also.sourceName)])).toEqual([
      [TORKHAM, ['Pajhwok Afghan News']],
    ]);
    const quake = items(await ask('/topic زلزله'));
    expect(quake.map((item) => item.title)).toEqual([EARTHQUAKE.dari]);
    expect(alsoOf(quake, EARTHQUAKE.dari)).toEqual(['هشت صبح', 'اطلاعات روز']);
  });

  it('pages by story: "More" never repeats or skips one, and the count is of stories', async () => {
    const all = await ask('/latest 25');
    const total = items(all).length;
    expect(all.next).toBeUndefined();
    const seen: string[] = [];
    let page = await ask('/latest 4');
    expect(page.digest?.footer).toBe(`… and ${total - 4} more: /latest 25`);
    for (;;) {
      seen.push(...items(page).map((item) => item.articleId));
      if (!page.next) break;
      page = await ask('/latest', chatB, page.next.options);
    }
    expect(seen).toEqual(items(all).map((item) => item.articleId));
  });

  it('briefs each chat once a story, and not again when another outlet reports it later', async () => {
    clock.set(BRIEFING_1);
    expect(await briefer.briefings.tick(BRIEFING_1)).toMatchObject({ outcomes: { sent: 2 } });
    const [first] = senders.discord.to(chatB.chat).map((sent) => items(sent.message.digest));
    for (const [title, others] of Object.entries(SHARED_STORIES_B))
      expect(alsoOf(first!, title)).toEqual(others);
    expect(everyName(first!)).not.toContain('Herat Local');
    const [firstA] = senders.telegram.to(chatA.chat).map((sent) => items(sent.message.digest));
    expect(alsoOf(firstA!, EARTHQUAKE.heratLocal)).toHaveLength(3);

    // Saturday: Amu TV follows the earthquake up; it joins the story, and the story is not news again
    await fetchAt(SATURDAY_AT);
    const latest = items(await ask('/latest 25'));
    expect(alsoOf(latest, EARTHQUAKE.pajhwok)).toEqual(['TOLOnews', 'Khaama Press', 'Amu TV']);
    expect(latest.map((item) => item.title)).not.toContain(EARTHQUAKE.amu);
    clock.set(BRIEFING_2);
    expect(await briefer.briefings.tick(BRIEFING_2)).toMatchObject({ outcomes: { sent: 2 } });
    for (const sender of [senders.discord.to(chatB.chat), senders.telegram.to(chatA.chat)]) {
      expect(sender).toHaveLength(2);
      expect(items(sender[1]!.message.digest).map((item) => item.title)).toEqual([
        'Kabul traffic police launch winter road safety drive',
      ]);
    }
  });
});
