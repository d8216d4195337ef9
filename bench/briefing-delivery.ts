// briefing delivery: 10,000 chats whose daily briefing falls due in the same minute, delivered by one
// scheduler tick through the real Telegram sender (createTelegramBot(...).briefingSender) to the fake
// Bot API, which enforces an overall cap (default 300/s) and 1/s per chat and answers 429 beyond them.
// measures the time to deliver all, the rate as a fraction of the cap, 429s, duplicates and misses.
// run alone: npx tsx bench/briefing-delivery.ts [subscriptions] [per-second cap]
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createTelegramBot } from '../adapters/telegram/create-telegram-bot.js';
import { windowsFromRates } from '../adapters/telegram/send-pacer.js';
import { silentLogger, type TickReport } from '../src/index.js';
import { privateChat, reader, startFakeTelegram, type FakeWindows } from '../tests/fakes/telegram-bot-api.js';
import { openNewsDesk, type Story } from '../tests/support/news-desk.js';

const SUBSCRIPTIONS = 10_000;
const PER_SECOND = 300;
const TARGET_FRACTION = 0.95;
const START = Date.UTC(2026, 10, 28, 0, 0); // 04:30 in Kabul
const DUE = Date.UTC(2026, 10, 28, 3, 30); // 08:00 in Kabul
const FIRST_CHAT = 300_000;

// twelve new stories: each briefing carries ten and an "… and 2 more" line
const STORIES: Story[] = Array.from({ length: 12 }, (_, i) => ({
  title: `Story ${i + 1}: Kabul and Tehran talk about trade, water and the border crossing at Islam Qala`,
  summary: 'Officials from both sides met on Saturday; a joint statement is expected later in the week.',
}));

export interface DeliveryResult {
  subscriptions: number;
  perSecond: number;
  /** the pacer's windows equal the fake's */
  consistent: boolean;
  report: TickReport | undefined;
  /** the tick, from start to every delivery settled, ms */
  tickMs: number;
  /** first to last accepted message, ms; and the shortest span the cap allows for as many */
  spanMs: number;
  idealSpanMs: number;
  messages: number;
  /** messages per chat the plan had (every chat gets the same briefing) */
  parts: number;
  tooManyRequests: number;
  refusals: number;
  duplicates: number;
  misses: number;
  timedOut: boolean;
}

export async function runBriefingDelivery(
  options: { subscriptions?: number; perSecond?: number; timeoutMs?: number } = {},
): Promise<DeliveryResult> {
  const count = options.subscriptions ?? SUBSCRIPTIONS;
  const perSecond = options.perSecond ?? PER_SECOND;
  const limits = { perSecond, chatPerSecond: 1, groupPerMinute: 20 };
  // the fake enforces exactly what the sender is told to keep
  const windows: FakeWindows = {
    overall: { limit: perSecond, ms: 1000 },
    chat: { limit: 1, ms: 1000 },
    group: { limit: 20, ms: 60_000 },
  };
  const consistent = isDeepStrictEqual(windowsFromRates(limits), windows);
  const fake = await startFakeTelegram({ windows });
  const desk = await openNewsDesk(START);
  const telegram = createTelegramBot(
    { token: fake.token, apiRoot: fake.apiRoot, limits, logger: silentLogger },
    desk.briefer,
  );
  const { briefings } = desk.briefer;
  const chats = Array.from({ length: count }, (_, i) => FIRST_CHAT + i);
  try {
    desk.clock.set(START);
    for (const id of chats) {
      fake.addChat(privateChat(reader(id)));
      await briefings.subscribe(
        `telegram:${id}`,
        { time: '08:00', timeZone: 'Asia/Kabul' },
        { timeZone: 'Asia/Kabul' },
      );
    }
    desk.clock.set(START + 3_600_000);
    await desk.publish(STORIES);
    await briefings.start({ senders: { telegram: telegram.briefingSender }, ticks: 'manual' });

    desk.clock.set(DUE);
    const idealSpanMs = (Math.ceil(count / perSecond) - 1) * 1000;
    const timeoutMs = options.timeoutMs ?? idealSpanMs * 3 + 30_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const began = performance.now();
    const outcome = await Promise.race([briefings.tick(DUE), deadline]);
    const tickMs = performance.now() - began;
    clearTimeout(timer);
    if (outcome === 'late') await briefings.stop();

    const perChat = chats.map((id) => fake.messagesIn(id));
    const parts = Math.max(0, ...perChat.map((messages) => new Set(messages.map((m) => m.html)).size));
    const times = perChat
      .flat()
      .map((m) => m.at)
      .sort((a, b) => a - b);
    return {
      subscriptions: count,
      perSecond,
      consistent,
      report: outcome === 'late' ? undefined : outcome,
      tickMs,
      spanMs: times.length > 1 ? times.at(-1)! - times[0]! : 0,
      idealSpanMs: (Math.ceil(times.length / perSecond) - 1) * 1000,
      messages: times.length,
      parts,
      tooManyRequests: fake.stats.tooManyRequests,
      refusals: fake.stats.refusals.length,
      // the same message twice in a chat, or more messages than the briefing has
      duplicates: perChat.reduce(
        (sum, messages) =>
          sum +
          Math.max(messages.length - new Set(messages.map((m) => m.html)).size, messages.length - parts, 0),
        0,
      ),
      misses: perChat.filter((messages) => messages.length < parts || messages.length === 0).length,
      timedOut: outcome === 'late',
    };
  } finally {
    await telegram.stop();
    await desk.close();
    await fake.close();
  }
}

export async function benchBriefingDelivery(
  options: { subscriptions?: number; perSecond?: number } = {},
): Promise<string[]> {
  const result = await runBriefingDelivery(options);
  const ok = (good: boolean) => (good ? 'ok' : 'MISSED');
  // a window-limited sender may send a full window at once, so n messages need ⌈n/cap⌉−1 windows
  const fraction = result.spanMs > 0 ? result.idealSpanMs / result.spanMs : 0;
  const sent = result.report?.outcomes.sent ?? 0;
  return [
    `pacer windows = the fake's windows (${result.perSecond}/s overall, 1/s a chat, 20/min a group): ${ok(result.consistent)}`,
    `delivered: ${sent} of ${result.subscriptions} briefings (${result.messages} messages, ${result.parts} a chat)` +
      (result.timedOut ? ' — TIMED OUT' : ''),
    `time to deliver all: ${(result.tickMs / 1000).toFixed(2)} s (the tick, start to every delivery settled)`,
    `send rate: ${fraction.toFixed(3)} of the ${result.perSecond}/s cap (${(result.spanMs / 1000).toFixed(2)} s first to last; ` +
      `at the cap ${(result.idealSpanMs / 1000).toFixed(2)} s; ${((result.messages / result.tickMs) * 1000).toFixed(0)} messages/s over the tick) — target ≥ ${TARGET_FRACTION}: ${ok(fraction >= TARGET_FRACTION)}`,
    `429s from the fake: ${result.tooManyRequests} (refusals of any kind: ${result.refusals}) — target 0: ${ok(result.tooManyRequests === 0)}`,
    `duplicates: ${result.duplicates}, misses: ${result.misses} — target 0: ${ok(result.duplicates === 0 && result.misses === 0 && sent === result.subscriptions)}`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [subscriptions, perSecond] = process.argv.slice(2).map(Number);
  const given = (n: number | undefined) => n !== undefined && Number.isFinite(n) && n > 0;
  const lines = await benchBriefingDelivery({
    ...(given(subscriptions) ? { subscriptions: subscriptions! } : {}),
    ...(given(perSecond) ? { perSecond: perSecond! } : {}),
  });
  for (const line of lines) console.log(line);
}
