import type { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { SendResult } from '../../src/briefings/briefing-sender.js';
import { openKeyvStore, type KeyvStore } from '../../src/store/open-keyv.js';
import {
  addArticles,
  at,
  createFakeSender,
  HOUR,
  MINUTE,
  openHarness,
  titlesOf,
} from './briefing-harness.js';

const CHATS = Array.from({ length: 10 }, (_, i) => `telegram:${i + 1}`);
const DUE = at('2026-11-28T03:30:00Z'); // 08:00 in Kabul

async function tenChats(keyv?: KeyvStore) {
  const h = await openHarness({
    now: at('2026-11-28T00:00:00Z'),
    briefings: { concurrency: 2 },
    ...(keyv && { keyv }),
  });
  for (const chat of CHATS) {
    await h.service.subscribe(chat, { time: '08:00', timeZone: 'Asia/Kabul' }, { timeZone: 'UTC' });
  }
  h.clock.set(at('2026-11-28T01:00:00Z'));
  await addArticles(h.store, 3);
  return h;
}

/** a store whose writes are silently lost once killed: what a crash does to writes in flight */
function killable(inner: KeyvStore) {
  let killed = false;
  const wrap = (keyv: Keyv): Keyv =>
    new Proxy(keyv, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (
          ['set', 'setMany', 'delete', 'deleteMany'].includes(String(property)) &&
          typeof value === 'function'
        ) {
          return (...args: unknown[]) => (killed ? Promise.resolve(true) : value.apply(target, args));
        }
        return value;
      },
    });
  const store: KeyvStore = { namespace: (name) => wrap(inner.namespace(name)), close: () => inner.close() };
  return { store, kill: () => (killed = true) };
}

const counts = (targets: string[]) => {
  const map = new Map<string, number>();
  for (const target of targets) map.set(target, (map.get(target) ?? 0) + 1);
  return map;
};

describe('stopping and crashing in the middle of a run', () => {
  it('graceful stop after half the sends: after restart every chat has its briefing, none has two', async () => {
    const first = await tenChats();
    const sender1 = createFakeSender(first.clock, (_target, _message, call) => {
      if (call === 5) void first.service.stop();
      return { ok: true, messageIds: [`a${call}`] };
    });
    await first.service.start({ senders: { telegram: sender1 }, ticks: 'manual' });
    first.clock.set(DUE);
    await first.service.tick(DUE);
    expect(sender1.sent.length).toBeGreaterThanOrEqual(5);
    expect(sender1.sent.length).toBeLessThan(10);

    const again = await openHarness({ now: DUE + MINUTE, keyv: first.keyv, briefings: { concurrency: 2 } });
    const sender2 = createFakeSender(again.clock);
    await again.service.start({ senders: { telegram: sender2 }, ticks: 'manual' });
    const all = counts([...sender1.sent, ...sender2.sent].map((s) => s.target));
    expect([...all.keys()].sort()).toEqual([...CHATS].sort());
    expect([...all.values()].every((n) => n === 1)).toBe(true);
    // and later ticks add nothing
    again.clock.set(DUE + HOUR);
    await again.service.tick();
    expect(sender2.sent.length + sender1.sent.length).toBe(10);
  });

  it('hard kill in the middle: only the message in flight repeats, none is lost', async () => {
    const memory = await openKeyvStore('memory://');
    const { store, kill } = killable(memory);
    const first = await tenChats(store);
    let inFlight = '';
    const sender1 = createFakeSender(
      first.clock,
      (target, _message, call): SendResult | Promise<SendResult> => {
        if (call === 5) {
          // the platform accepted the message, then the process died before the ledger write landed
          inFlight = target;
          kill();
          return { ok: true, messageIds: ['lost-write'] };
        }
        // a dead process sends nothing more
        if (call > 5) return new Promise<SendResult>(() => {});
        return { ok: true, messageIds: [`a${call}`] };
      },
    );
    await first.service.start({ senders: { telegram: sender1 }, ticks: 'manual' });
    first.clock.set(DUE);
    void first.service.tick(DUE); // never finishes: the process is gone

    for (let i = 0; i < 100 && sender1.calls() < 6; i++) await new Promise((r) => setImmediate(r));
    expect(inFlight).not.toBe('');

    const again = await openHarness({ now: DUE + 2 * MINUTE, keyv: memory });
    const sender2 = createFakeSender(again.clock);
    await again.service.start({ senders: { telegram: sender2 }, ticks: 'manual' });
    const all = counts([...sender1.sent, ...sender2.sent].map((s) => s.target));
    expect([...all.keys()].sort()).toEqual([...CHATS].sort());
    const repeated = [...all.entries()].filter(([, n]) => n > 1).map(([target]) => target);
    expect(repeated).toEqual([inFlight]);
    expect(all.get(inFlight)).toBe(2);
    // the repeat is the same briefing, planned once
    const resent = sender2.to(inFlight)[0]!.message;
    expect(titlesOf(resent)).toEqual(titlesOf(sender1.to(inFlight)[0]!.message));
  });

  it('a briefing left pending by a crash before its send is sent once at start', async () => {
    const memory = await openKeyvStore('memory://');
    const { store, kill } = killable(memory);
    const first = await openHarness({ now: at('2026-11-28T00:00:00Z'), keyv: store });
    await first.service.subscribe(
      'telegram:1',
      { time: '08:00', timeZone: 'Asia/Kabul' },
      { timeZone: 'UTC' },
    );
    const hang = createFakeSender(first.clock, () => {
      kill();
      return new Promise<SendResult>(() => {});
    });
    await first.service.start({ senders: { telegram: hang }, ticks: 'manual' });
    first.clock.set(DUE);
    void first.service.tick(DUE);
    for (let i = 0; i < 100 && hang.calls() < 1; i++) await new Promise((r) => setImmediate(r));

    const again = await openHarness({ now: DUE + 10 * MINUTE, keyv: memory });
    const sender = createFakeSender(again.clock);
    const report = await again.service.start({ senders: { telegram: sender }, ticks: 'manual' });
    expect(report.outcomes.sent).toBe(1);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.message.digest?.title).toMatch(/Saturday 28 November/);
    again.clock.set(DUE + HOUR);
    await again.service.tick();
    expect(sender.sent).toHaveLength(1);
  });

  it('a briefing left pending longer than the catch-up window is dropped; its stories come next time', async () => {
    const memory = await openKeyvStore('memory://');
    const { store, kill } = killable(memory);
    const first = await openHarness({ now: at('2026-11-28T00:00:00Z'), keyv: store });
    await first.service.subscribe(
      'telegram:1',
      { time: '08:00', timeZone: 'Asia/Kabul' },
      { timeZone: 'UTC' },
    );
    first.clock.set(at('2026-11-28T01:00:00Z'));
    const stories = await addArticles(first.store, 2);
    const hang = createFakeSender(first.clock, () => {
      kill();
      return new Promise<SendResult>(() => {});
    });
    await first.service.start({ senders: { telegram: hang }, ticks: 'manual' });
    first.clock.set(DUE);
    void first.service.tick(DUE);
    for (let i = 0; i < 100 && hang.calls() < 1; i++) await new Promise((r) => setImmediate(r));

    const again = await openHarness({ now: DUE + 20 * HOUR, keyv: memory });
    const sender = createFakeSender(again.clock);
    await again.service.start({ senders: { telegram: sender }, ticks: 'manual' });
    expect(sender.sent).toHaveLength(0);
    for (let t = DUE + 20 * HOUR; t <= DUE + 24 * HOUR; t += MINUTE) {
      again.clock.set(t);
      await again.service.tick(t);
    }
    expect(sender.sent).toHaveLength(1);
    expect(titlesOf(sender.sent[0]!.message).sort()).toEqual([...stories].sort());
  });
});
