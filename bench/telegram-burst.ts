// telegram burst: 200 chats send /latest within a second to the real bot, started against the fake
// Bot API enforcing 30 a second overall and 1 a second per chat (429 beyond). every chat must get its
// answer with no 429 at all, and the sends should run at the cap.
// run alone: npx tsx bench/telegram-burst.ts
import { pathToFileURL } from 'node:url';
import { createTelegramBot } from '../adapters/telegram/create-telegram-bot.js';
import type { SendWindows } from '../adapters/telegram/send-pacer.js';
import { silentLogger } from '../src/index.js';
import { privateChat, reader, startFakeTelegram, TELEGRAM_LIMITS } from '../tests/fakes/telegram-bot-api.js';
import { openSeedBriefer } from '../tests/support/seed-briefer.js';

const CHATS = 200;
const TARGET_FRACTION = 0.9;

export interface BurstResult {
  chats: number;
  answered: number;
  messages: number;
  tooManyRequests: number;
  /** first to last accepted message, ms */
  spanMs: number;
  /** the shortest span the overall window allows for that many messages, ms */
  idealSpanMs: number;
  /** update pushed → its answer accepted, ms */
  latencies: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drives one burst: `chats` readers send /latest spread over `spreadMs`; waits for every answer. */
export async function runTelegramBurst(
  options: { chats?: number; windows?: SendWindows; spreadMs?: number; timeoutMs?: number } = {},
): Promise<BurstResult> {
  const chats = options.chats ?? CHATS;
  const windows = options.windows ?? TELEGRAM_LIMITS;
  const fake = await startFakeTelegram({ windows });
  const services = await openSeedBriefer();
  const telegram = createTelegramBot(
    { token: fake.token, apiRoot: fake.apiRoot, pollingTimeoutSeconds: 1, windows, logger: silentLogger },
    services,
  );
  try {
    await telegram.start();
    const readers = Array.from({ length: chats }, (_, i) => reader(100_000 + i));
    const pushedAt = new Map<number, number>();
    const batches = 10;
    for (let batch = 0; batch < batches; batch += 1) {
      for (const user of readers.slice((batch * chats) / batches, ((batch + 1) * chats) / batches)) {
        pushedAt.set(user.id, performance.now());
        fake.sendText(privateChat(user), user, '/latest');
      }
      await sleep((options.spreadMs ?? 1000) / batches);
    }
    await fake.waitFor(
      () => readers.every((user) => fake.messagesIn(user.id).length > 0),
      `an answer in each of ${chats} chats`,
      options.timeoutMs ?? 60_000,
    );
    const all = readers.flatMap((user) => fake.messagesIn(user.id));
    const times = all.map((message) => message.at).sort((a, b) => a - b);
    const latencies = readers
      .map((user) => fake.messagesIn(user.id)[0]!.at - pushedAt.get(user.id)!)
      .sort((a, b) => a - b);
    return {
      chats,
      answered: readers.filter((user) => fake.messagesIn(user.id).length > 0).length,
      messages: all.length,
      tooManyRequests: fake.stats.tooManyRequests,
      spanMs: times.at(-1)! - times[0]!,
      idealSpanMs: (Math.ceil(all.length / windows.overall.limit) - 1) * windows.overall.ms,
      latencies,
    };
  } finally {
    await telegram.stop();
    await fake.close();
    await services.close();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

export async function benchTelegramBurst(): Promise<string[]> {
  const result = await runTelegramBurst();
  const cap = TELEGRAM_LIMITS.overall.limit;
  // a window-limited sender can send `cap` at once, so n messages need at least (⌈n/cap⌉−1) windows:
  // the achieved rate as a fraction of the cap is that ideal span over the span measured
  const fraction = result.spanMs > 0 ? result.idealSpanMs / result.spanMs : 1;
  const ok = (good: boolean) => (good ? 'ok' : 'MISSED');
  return [
    `chats answered: ${result.answered} of ${result.chats} (${result.messages} messages)`,
    `send rate: ${fraction.toFixed(2)} of the ${cap}/s cap (${(result.spanMs / 1000).toFixed(2)} s first to last; ` +
      `at the cap it would take ${(result.idealSpanMs / 1000).toFixed(2)} s) — target ≥ ${TARGET_FRACTION}: ${ok(fraction >= TARGET_FRACTION)}`,
    `429s from the fake: ${result.tooManyRequests} — target 0: ${ok(result.tooManyRequests === 0)}`,
    `update → reply: p50 ${(percentile(result.latencies, 50) / 1000).toFixed(2)} s, p99 ${(percentile(result.latencies, 99) / 1000).toFixed(2)} s, max ${(result.latencies.at(-1)! / 1000).toFixed(2)} s (bounded by the cap: the last of ${result.chats} waits its turn)`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchTelegramBurst()) console.log(line);
}
