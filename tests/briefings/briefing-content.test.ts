import { describe, expect, it } from 'vitest';
import {
  addArticles,
  at,
  createFakeSender,
  HOUR,
  MINUTE,
  openHarness,
  titlesOf,
} from './briefing-harness.js';

const DUE = at('2026-11-28T03:30:00Z'); // 08:00 in Kabul
const DUE_2 = DUE + 24 * HOUR;

async function subscribed(
  change: Parameters<Awaited<ReturnType<typeof openHarness>>['service']['subscribe']>[1] = {},
  options = {},
) {
  const h = await openHarness({ now: DUE - 30 * HOUR, briefings: options });
  await h.service.subscribe(
    'telegram:1',
    { time: '08:00', timeZone: 'Asia/Kabul', ...change },
    { timeZone: 'UTC' },
  );
  const sender = createFakeSender(h.clock);
  return { h, sender, start: () => h.service.start({ senders: { telegram: sender }, ticks: 'manual' }) };
}

const tickAt = async (h: Awaited<ReturnType<typeof openHarness>>, time: number) => {
  h.clock.set(time);
  await h.service.tick(time);
};

describe('what a briefing holds', () => {
  it('the first looks back 24 hours at most; the next, exactly since the previous one', async () => {
    const { h, sender, start } = await subscribed();
    await start();
    const old = await addArticles(h.store, 1); // 30 h before the first briefing
    h.clock.set(DUE - 2 * HOUR);
    const recent = await addArticles(h.store, 1);
    await tickAt(h, DUE);
    h.clock.set(DUE + MINUTE); // just after: belongs to the next one
    const after = await addArticles(h.store, 1);
    h.clock.set(DUE + 20 * HOUR);
    const late = await addArticles(h.store, 1, { publishedAt: DUE - 48 * HOUR }); // an old story fetched late
    await tickAt(h, DUE_2);
    expect(sender.sent.map((s) => titlesOf(s.message))).toEqual([recent, [...after, ...late]]);
    expect(titlesOf(sender.sent[0]!.message)).not.toContain(old[0]);
  });

  it("only the topics and languages the chat follows; a source's backlog never", async () => {
    const { h, sender, start } = await subscribed({ addTopics: ['iran'], languages: ['fa'] });
    await start();
    h.clock.set(DUE - HOUR);
    const wanted = await addArticles(h.store, 1, { topics: ['iran', 'afghanistan'], language: 'fa-AF' });
    await addArticles(h.store, 1, { topics: ['iran'], language: 'en' });
    await addArticles(h.store, 1, { topics: ['pakistan'], language: 'fa' });
    await addArticles(h.store, 1, { topics: ['iran'], language: 'fa', backlog: true });
    await tickAt(h, DUE);
    expect(titlesOf(sender.sent[0]!.message)).toEqual(wanted);
    expect(sender.sent[0]!.message.digest?.title).toBe('Your briefing on Iran — Saturday 28 November');
  });

  it('at most BRIEFING_MAX_ITEMS, ranked newest first, with a line pointing to /latest', async () => {
    const { h, sender, start } = await subscribed({}, { maxItems: 3 });
    await start();
    h.clock.set(DUE - HOUR);
    for (let i = 0; i < 5; i++) await addArticles(h.store, 1, { publishedAt: DUE - (10 - i) * HOUR });
    await tickAt(h, DUE);
    const digest = sender.sent[0]!.message.digest!;
    expect(titlesOf(sender.sent[0]!.message)).toHaveLength(3);
    const times = digest.sections[0]!.items.map((item) => item.publishedAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(digest.footer).toBe('… and 2 more: /latest');
  });

  it('one section per topic when the chat follows several', async () => {
    const { h, sender, start } = await subscribed({ addTopics: ['iran', 'pakistan'] });
    await start();
    h.clock.set(DUE - HOUR);
    const iran = await addArticles(h.store, 2, { topics: ['iran'] });
    const pakistan = await addArticles(h.store, 1, { topics: ['pakistan', 'iran'] });
    const only = await addArticles(h.store, 1, { topics: ['pakistan'] });
    await tickAt(h, DUE);
    const sections = sender.sent[0]!.message.digest!.sections;
    expect(sections.map((s) => s.heading)).toEqual(['Iran', 'Pakistan']);
    expect(sections[0]!.items.map((i) => i.title).sort()).toEqual([...iran, ...pakistan].sort());
    expect(sections[1]!.items.map((i) => i.title)).toEqual(only);
  });

  it('nothing new: a short "nothing new" briefing, or silence for a quiet chat', async () => {
    const loud = await subscribed();
    await loud.start();
    await tickAt(loud.h, DUE);
    expect(loud.sender.sent).toHaveLength(1);
    expect(loud.sender.sent[0]!.message.digest?.sections).toEqual([]);
    expect(loud.sender.sent[0]!.message.digest?.emptyText).toMatch(/Nothing new/);

    const quiet = await subscribed({ quiet: true });
    await quiet.start();
    await tickAt(quiet.h, DUE);
    await tickAt(quiet.h, DUE + HOUR);
    expect(quiet.sender.sent).toHaveLength(0);
    expect(quiet.h.service.status('telegram:1')?.lastStatus).toBe('empty');
  });

  it('the preview shows the next briefing without recording it', async () => {
    const { h, sender, start } = await subscribed();
    await start();
    h.clock.set(DUE - HOUR);
    const stories = await addArticles(h.store, 2);
    expect(titlesOf(h.service.preview('telegram:1', 'Asia/Kabul').message).sort()).toEqual(
      [...stories].sort(),
    );
    expect(titlesOf(h.service.preview('telegram:99', 'Asia/Kabul').message)).toHaveLength(2);
    await tickAt(h, DUE);
    expect(titlesOf(sender.sent[0]!.message).sort()).toEqual([...stories].sort());
    expect(titlesOf(h.service.preview('telegram:1', 'Asia/Kabul').message)).toEqual([]);
  });
});
