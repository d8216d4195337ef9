// discord burst: 200 slash commands at once against the fake Discord, timed from INTERACTION_CREATE to
// the first interaction callback, and to the answer's last message (the same, unless it was deferred). The fake runs in a worker thread, so its own work (building and
// sending frames, parsing requests, checking every message) runs beside the bot, not in its thread.
// Two figures per burst, both from one clock (the threads share the process's time origin):
// - as the fake sees it: it starts building the frame → it has parsed the callback request;
// - the target's, excluding the fake's own delays: the frame handed to the socket → the bot has
//   written the callback request (undici's diagnostics channel, in the bot's thread).
// run alone: npx tsx bench/discord-burst.ts
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { openSync, readSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { GatewayDispatchEvents } from 'discord.js';
import { createDiscordBot } from '../adapters/discord/create-discord-bot.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction } from '../tests/fakes/discord-server.js';
import { memoryHashStore } from '../tests/fakes/discord/bot-harness.js';
import { openSeedBriefer } from '../tests/support/seed-briefer.js';

const BURST = 200;
const TARGET_P99_MS = 100;

/** one interaction's times, in ms since the epoch, comparable across the two threads */
interface Timed {
  id: string;
  token: string;
  /** the first callback was "thinking…" (type 5), edited later */
  deferred: boolean;
  /** the fake starts building INTERACTION_CREATE */
  sent: number;
  /** the encoded frame is on the socket */
  handed: number;
  /** the fake has the callback request */
  received: number;
}

type ToFake = { type: 'burst'; count: number; offset: number } | { type: 'close' };
type FromFake =
  | { type: 'ready'; apiRoot: string; token: string }
  | { type: 'burst'; timed: Timed[]; problems: string[]; retried: number }
  | { type: 'closed' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const epoch = (at: number) => performance.timeOrigin + at;

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
      timed: sent.map((interaction, i) => ({
        id: interaction.id,
        token: interaction.token,
        deferred: fake.conversation(interaction).callbacks[0]?.type === 5,
        sent: epoch(interaction.sentAt),
        handed: epoch(interaction.handedAt),
        received: epoch(callbacks[i]!.at),
      })),
      problems: [...fake.problems],
      retried: fake.requests.filter((r) => r.status === 429).length,
    } satisfies FromFake);
  });
  port.postMessage({ type: 'ready', apiRoot: fake.apiRoot, token: fake.token } satisfies FromFake);
}

/** a moment in the bot's thread: ms since the epoch, and the thread's CPU time so far (ms) */
interface Stamp {
  at: number;
  cpu: number | undefined;
}

/**
 * when the bot's thread finished writing each interaction's first callback request (by interaction id),
 * and the last request of its answer: the callback, an edit or a follow-up (by interaction token)
 */
function watchCallbacksWritten(): {
  written: Map<string, Stamp>;
  lastWritten: Map<string, Stamp>;
  stop(): void;
} {
  const written = new Map<string, Stamp>();
  const lastWritten = new Map<string, Stamp>();
  const onBodySent = (message: unknown) => {
    const path = (message as { request?: { path?: string } }).request?.path ?? '';
    const at = { at: epoch(performance.now()), cpu: threadTimes()?.cpu };
    const callback = /\/interactions\/(\d+)\/([^/]+)\/callback/.exec(path);
    if (callback) {
      if (!written.has(callback[1]!)) written.set(callback[1]!, at);
      lastWritten.set(callback[2]!, at);
      return;
    }
    const webhook = /\/webhooks\/\d+\/([^/?]+)/.exec(path);
    if (webhook) lastWritten.set(webhook[1]!, at);
  };
  subscribe('undici:request:bodySent', onBodySent);
  return { written, lastWritten, stop: () => unsubscribe('undici:request:bodySent', onBodySent) };
}

let schedstat: number | undefined | null;
const statText = Buffer.alloc(128);
/**
 * this thread's CPU time so far, and its time spent ready to run but waiting for a CPU, in ms (Linux):
 * to tell the bot's work from a busy machine's waits. A few microseconds: the file is kept open.
 */
function threadTimes(): { cpu: number; waited: number } | undefined {
  try {
    schedstat ??= openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
    const [cpu, waited] = statText.toString('latin1', 0, readSync(schedstat, statText, 0, 128, 0)).split(' ');
    return { cpu: Number(cpu) / 1e6, waited: Number(waited) / 1e6 };
  } catch {
    schedstat = null;
    return undefined;
  }
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
};
const shown = (ms: number) => `${ms.toFixed(1)} ms`;

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
  const watch = watchCallbacksWritten();
  // the bot's CPU time when the burst's first frame reached it: put first, before the bot's own listener
  let firstFrameCpu: number | undefined | null = null;
  bot.client.ws.prependListener(GatewayDispatchEvents.InteractionCreate, () => {
    if (firstFrameCpu === null) firstFrameCpu = threadTimes()?.cpu;
  });
  const burst = async (count: number, offset: number) => {
    const answered = next('burst');
    firstFrameCpu = null;
    const before = threadTimes();
    worker.postMessage({ type: 'burst', count, offset } satisfies ToFake);
    const result = await answered;
    await bot.idle();
    const after = threadTimes();
    const thread =
      before && after ? { cpu: after.cpu - before.cpu, waited: after.waited - before.waited } : undefined;
    return { ...result, thread, firstFrameCpu };
  };
  const lines = (label: string, result: Awaited<ReturnType<typeof burst>>, elapsed: number) => {
    if (result.problems.length > 0)
      throw new Error(`the fake refused messages: ${result.problems.join('; ')}`);
    const missing = result.timed.filter((t) => !watch.written.has(t.id)).length;
    if (missing > 0) throw new Error(`${missing} callbacks were not seen leaving the bot`);
    const written = (t: Timed) => watch.written.get(t.id)!;
    const lastWritten = (t: Timed) => watch.lastWritten.get(t.token)!;
    const fakeSees = summary(result.timed.map((t) => t.received - t.sent));
    const bot = summary(result.timed.map((t) => written(t).at - t.handed));
    const fakeOwn = summary(result.timed.map((t) => t.handed - t.sent + (t.received - written(t).at)));
    const final = summary(result.timed.map((t) => lastWritten(t).at - t.handed));
    const start = result.firstFrameCpu;
    const inCpu = (stamp: (t: Timed) => Stamp) =>
      start === null || start === undefined
        ? undefined
        : summary(result.timed.map((t) => (stamp(t).cpu ?? NaN) - start));
    const [firstCpu, finalCpu] = [inCpu(written), inCpu(lastWritten)];
    const deferred = result.timed.filter((t) => t.deferred).length;
    const handed = result.timed.map((t) => t.handed);
    const spread = Math.max(...handed) - Math.min(...handed);
    const cpu = result.thread
      ? `; the bot's thread used ${shown(result.thread.cpu)} of CPU and waited ${shown(result.thread.waited)} for one`
      : '';
    return [
      `discord: ${label}:`,
      `  excluding the fake's own delays (frame on the socket → callback written by the bot): p50 ${shown(bot.p50)}, ` +
        `p99 ${shown(bot.p99)}, max ${shown(bot.max)} (target p99 ≤ ${TARGET_P99_MS} ms: ${bot.p99 <= TARGET_P99_MS ? 'ok' : 'OVER'})`,
      `  as the fake sees it (INTERACTION_CREATE built → callback parsed): p50 ${shown(fakeSees.p50)}, ` +
        `p99 ${shown(fakeSees.p99)}, max ${shown(fakeSees.max)}; the fake's own part p50 ${shown(fakeOwn.p50)}, p99 ${shown(fakeOwn.p99)}`,
      `  to the final answer (frame on the socket → the answer's last message written): p50 ${shown(final.p50)}, ` +
        `p99 ${shown(final.p99)}, max ${shown(final.max)}; ${deferred} of ${result.timed.length} deferred ("thinking…", then edited)`,
      ...(firstCpu && finalCpu
        ? [
            `  in the bot's own CPU time from the burst's first frame (blind to waits for a CPU and for the fake): ` +
              `to the first callback p50 ${shown(firstCpu.p50)}, p99 ${shown(firstCpu.p99)}; ` +
              `to the final answer p50 ${shown(finalCpu.p50)}, p99 ${shown(finalCpu.p99)}`,
          ]
        : []),
      `  the fake handed its ${result.timed.length} frames to the socket over ${shown(spread)}`,
      `  all answered, follow-ups included, in ${elapsed.toFixed(0)} ms${cpu}; ${result.retried} × 429 so far`,
    ];
  };
  try {
    const startedAt = performance.now();
    await bot.start();
    const output = [
      `discord: start (log in, register, warm up) took ${(performance.now() - startedAt).toFixed(0)} ms`,
    ];
    for (const [i, label] of [
      `${BURST} slash commands in one burst right after start (new HTTP connections)`,
      `the same burst again (connections kept alive, as in a running bot)`,
    ].entries()) {
      const started = performance.now();
      const result = await burst(BURST, i * BURST);
      output.push(...lines(label, result, performance.now() - started));
    }
    output.push(
      'discord: /latest, /topic afghanistan and /latest count:2 in turn, one reader each; the fake runs in a ' +
        `worker thread and checks every message after the timing; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    return output;
  } finally {
    watch.stop();
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
