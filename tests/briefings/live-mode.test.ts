import { describe, expect, it } from 'vitest';
import { addArticles, at, createFakeSender, MINUTE, openHarness, titlesOf } from './briefing-harness.js';

const T0 = at('2026-11-28T06:00:00Z');

async function liveChat() {
  const h = await openHarness({ now: T0 });
  await h.service.subscribe('telegram:7', { mode: 'live', addTopics: ['iran'] }, { timeZone: 'Asia/Kabul' });
  await h.service.subscribe('telegram:8', { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
  const sender = createFakeSender(h.clock);
  await h.service.start({ senders: { telegram: sender }, ticks: 'manual' });
  const tickTo = async (until: number, each?: (minute: number) => Promise<void>) => {
    for (let t = h.clock.now() + MINUTE; t <= until; t += MINUTE) {
      h.clock.set(t);
      await each?.((t - T0) / MINUTE);
      await h.service.tick(t);
    }
  };
  return { h, sender, tickTo };
}

describe('live briefings', () => {
  it('30 new matching stories in five minutes reach a live chat as one batch', async () => {
    const { h, sender, tickTo } = await liveChat();
    const stories: string[] = [];
    await tickTo(T0 + 40 * MINUTE, async (minute) => {
      if (minute >= 1 && minute <= 5) {
        stories.push(...(await addArticles(h.store, 6, { topics: ['iran'] })));
        await addArticles(h.store, 2, { topics: ['sports'] }); // not followed: never sent, never a trigger
      }
    });
    const live = sender.to('telegram:7');
    expect(live).toHaveLength(1);
    // the batch goes out one window after the first story: 15 minutes after minute 1
    expect(live[0]!.at).toBe(T0 + 16 * MINUTE);
    const digest = live[0]!.message.digest!;
    expect(digest.title).toBe('New stories on Iran');
    expect(titlesOf(live[0]!.message)).toHaveLength(10);
    expect(titlesOf(live[0]!.message).every((title) => stories.includes(title))).toBe(true);
    expect(digest.footer).toBe('… and 20 more: /latest');
  });

  it('the next batch comes at least one window later, with only what is new since', async () => {
    const { h, sender, tickTo } = await liveChat();
    await tickTo(T0 + MINUTE, async () => {
      await addArticles(h.store, 1, { topics: ['iran'] });
    });
    await tickTo(T0 + 17 * MINUTE);
    expect(sender.to('telegram:7')).toHaveLength(1);
    const later: string[] = [];
    await tickTo(T0 + 60 * MINUTE, async (minute) => {
      if (minute === 20 || minute === 21)
        later.push(...(await addArticles(h.store, 1, { topics: ['iran'] })));
    });
    const live = sender.to('telegram:7');
    expect(live.map((s) => (s.at - T0) / MINUTE)).toEqual([16, 35]);
    expect(titlesOf(live[1]!.message).sort()).toEqual(later.sort());
  });

  it('a live chat with nothing new sends nothing', async () => {
    const { h, sender, tickTo } = await liveChat();
    await tickTo(T0 + 90 * MINUTE, async (minute) => {
      if (minute === 10) await addArticles(h.store, 3, { topics: ['sports'] });
    });
    expect(sender.to('telegram:7')).toHaveLength(0);
  });

  it('stories that arrive while a batch is being sent come in the next one', async () => {
    const { h, tickTo } = await liveChat();
    const later: string[] = [];
    const sender = createFakeSender(h.clock, async (_target, _message) => {
      // while the first batch is in flight, a new story is stored
      if (later.length === 0) later.push(...(await addArticles(h.store, 1, { topics: ['iran'] })));
      return { ok: true, messageIds: ['x'] };
    });
    h.service.useSender('telegram', sender);
    await tickTo(T0 + MINUTE, async () => {
      await addArticles(h.store, 1, { topics: ['iran'] });
    });
    await tickTo(T0 + 60 * MINUTE);
    const live = sender.to('telegram:7');
    expect(live).toHaveLength(2);
    expect(titlesOf(live[1]!.message)).toEqual(later);
  });
});
