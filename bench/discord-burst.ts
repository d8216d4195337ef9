// discord burst: 200 slash commands at once against the fake Discord, timed from INTERACTION_CREATE
// sent to the first interaction callback received. The fake runs in a worker thread, so its own work
// (sending frames, checking every message) is not counted against the bot.
// run alone: npx tsx bench/discord-burst.ts
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { createDiscordBot } from '../adapters/discord/create-discord-bot.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction } from '../tests/fakes/discord-server.js';
import { memoryHashStore } from '../tests/fakes/discord/bot-harness.js';
import { openSeedBriefer } from '../tests/support/seed-briefer.js';

const BURST = 200;
const TARGET_P99_MS = 100;

type ToFake = { type: 'burst'; count: number; offset: number } | { type: 'close' };
type FromFake =
  | { type: 'ready'; apiRoot: string; token: string }
  | { type: 'burst'; times: number[]; problems: string[]; retried: number }
  | { type: 'closed' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** the fake's side, in the worker: sends bursts of commands and times their first callbacks */
async function serveFake(port: NonNullable<typeof parentPort>): Promise<void> {
  const fake: FakeDiscord = await startFakeDiscord({ deferChecks: true });
  // one reader per command, as in a busy server: the per-user rate limit stays out of the way
  const send = (i: number): FakeInteraction => {
    const where = { userId: String(1_300_000_000_000_000_000n + BigInt(i)) };
    if (i % 3 === 0) return fake.command('topic', { name: 'afghanistan' }, where);
    if (i % 3 === 1) return fake.command('latest', {}, where);
    return fake.command('latest', { count: 2 }, where);
  };
  port.on('message', async (message: ToFake) => {
    if (message.type === 'close') {
      await fake.close();
      port.postMessage({ type: 'closed' } satisfies FromFake);
      port.close();
      return;
    }
    const sent = Array.from({ length: message.count }, (_, i) => send(message.offset + i));
    const callbacks = await Promise.all(sent.map((interaction) => fake.waitForCallback(interaction, 30_000)));
    // every message is still checked, once the timing is done
    await new Promise((done) => setTimeout(done, 200));
    fake.runDeferredChecks();
    port.postMessage({
      type: 'burst',
      times: callbacks.map((callback, i) => callback.at - sent[i]!.sentAt),
      problems: [...fake.problems],
      retried: fake.requests.filter((r) => r.status === 429).length,
    } satisfies FromFake);
  });
  port.postMessage({ type: 'ready', apiRoot: fake.apiRoot, token: fake.token } satisfies FromFake);
}

export async function benchDiscordBurst(): Promise<string[]> {
  // the worker runs this very (TypeScript) file, so it registers tsx's loader first
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true });
  const next = <T extends FromFake['type']>(type: T) =>
    new Promise<Extract<FromFake, { type: T }>>((done, fail) => {
      const onMessage = (message: FromFake) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', fail);
        done(message as Extract<FromFake, { type: T }>);
      };
      worker.on('message', onMessage);
      worker.once('error', fail);
    });
  const ready = await next('ready');
  const services = await openSeedBriefer();
  const bot = createDiscordBot(
    { token: ready.token, apiRoot: ready.apiRoot, registry: memoryHashStore() },
    services,
  );
  const burst = async (count: number, offset: number) => {
    const answered = next('burst');
    worker.postMessage({ type: 'burst', count, offset } satisfies ToFake);
    const result = await answered;
    await bot.idle();
    return result;
  };
  const line = (label: string, result: Extract<FromFake, { type: 'burst' }>, elapsed: number) => {
    if (result.problems.length > 0)
      throw new Error(`the fake refused messages: ${result.problems.join('; ')}`);
    const times = [...result.times].sort((a, b) => a - b);
    const [p50, p99] = [percentile(times, 50), percentile(times, 99)];
    return (
      `discord: ${label}: INTERACTION_CREATE sent → first callback received: p50 ${p50.toFixed(1)} ms, ` +
      `p99 ${p99.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms ` +
      `(target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'ok' : 'OVER'}); ` +
      `all answered, follow-ups included, in ${elapsed.toFixed(0)} ms; ${result.retried} × 429 so far`
    );
  };
  try {
    await bot.start();
    const lines: string[] = [];
    for (const [i, label] of [
      `${BURST} slash commands in one burst right after start (new HTTP connections)`,
      `the same burst again (connections kept alive, as in a running bot)`,
    ].entries()) {
      const started = performance.now();
      const result = await burst(BURST, i * BURST);
      lines.push(line(label, result, performance.now() - started));
    }
    lines.push(
      'discord: /latest, /topic afghanistan and /latest count:2 in turn, one reader each; the fake runs in a ' +
        `worker thread and checks every message after the timing; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    return lines;
  } finally {
    await bot.stop();
    const closed = next('closed');
    worker.postMessage({ type: 'close' } satisfies ToFake);
    await closed;
    await worker.terminate();
    await services.close();
  }
}

if (!isMainThread && parentPort) {
  await serveFake(parentPort);
} else {
  const invoked =
    process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
  if (invoked) console.log((await benchDiscordBurst()).join('\n'));
}
