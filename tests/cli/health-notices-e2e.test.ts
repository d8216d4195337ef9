// a chat hears about its own source, end to end: once when it starts failing and once when it works
// again, never more, through the real grammY bot and the fake Bot API.
// the first case runs `npm start` itself. it cannot reach a source on 127.0.0.1 (a chat's sources must
// be public addresses, and tests never leave 127.0.0.1), so it covers a source found failing at
// start-up; the fail-and-recover case runs the same wiring in this process, over a trusting fetcher.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceHealthNotices } from '../../adapters/cli/serve-command.js';
import { createFixedClock, openBriefer } from '../../src/index.js';
import { startLocalServer, type LocalServer } from '../fetch/local-server.js';
import {
  FAKE_TOKEN,
  privateChat,
  reader,
  startFakeTelegram,
  type FakeTelegram,
} from '../fakes/telegram-bot-api.js';
import { onlyLoopbackConnections, rss, send, testResolver, TRUSTED } from '../sources/chat-source-harness.js';
import { NOW, OFFLINE_SOURCES, REPO_ROOT } from '../support/seed-briefer.js';
import { startHarness, type Harness } from '../telegram/telegram-harness.js';
import { BRIEFER_MAIN } from '../support/briefer-bundle.js';

let child: ChildProcess | undefined;
let telegram: FakeTelegram | undefined;
let server: LocalServer | undefined;
let harness: Harness | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await telegram?.close();
  await harness?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  child = telegram = server = harness = dir = undefined;
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('source health notices from `npm start`', () => {
  it('tells a chat once that its source fails, when it is found failing in the first poll after a restart', async () => {
    server = await startLocalServer({ '/herat.xml': send(rss('Herat Daily', 'en')) });
    dir = await mkdtemp(path.join(tmpdir(), 'briefer-notices-'));
    const storeUrl = `sqlite://${path.join(dir, 'store.sqlite')}`;
    const user = reader();
    // before the restart: the chat added the source and it worked, two hours ago
    const before = await openBriefer({
      storeUrl,
      sources: [],
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock: createFixedClock(Date.now() - 2 * HOUR),
      chatSources: { fetch: { trustedHosts: ['127.0.0.1'], hostGapMs: 0 } },
    });
    const by = { user: `telegram:${user.id}`, fallbackLanguage: 'en' };
    const { source } = await before.chatSources.add(`telegram:${user.id}`, `${server.base}/herat.xml`, by);
    await before.refreshDue();
    expect((await before.sourceHealth(source.id))?.state).toBe('ok');
    await before.close();

    telegram = await startFakeTelegram();
    telegram.addChat(privateChat(user));
    let stderr = '';
    child = spawn(process.execPath, [BRIEFER_MAIN], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        STORE_URL: storeUrl,
        SOURCES_FILE: OFFLINE_SOURCES,
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // now the bot may not fetch 127.0.0.1 (no trusted hosts): to it, the source no longer answers
    const [notice] = await telegram.waitForMessages(user.id, 1, { timeoutMs: 30_000 }).catch((error) => {
      throw new Error(`${(error as Error).message}; the app said:\n${stderr}`);
    });
    expect(notice!.text).toMatch(/^Your source Herat Daily is failing: .+\. I'll keep trying/);
    await until(() => /briefer is running/.test(stderr), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.messagesIn(user.id)).toHaveLength(1);
    expect(stderr).not.toContain(FAKE_TOKEN);
  }, 60_000);
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('source health notices through the Telegram bot', () => {
  it('tells the chat that added a source once that it fails and once that it works again, never more', async () => {
    onlyLoopbackConnections();
    let up = true;
    server = await startLocalServer({
      '/herat.xml': (_request, response) => {
        if (up) return send(rss('Herat Daily', 'en'))(_request, response, server!);
        response.statusCode = 503;
        response.end('down for maintenance');
      },
    });
    const clock = createFixedClock(NOW);
    const briefer = await openBriefer({
      storeUrl: 'memory://',
      sources: [],
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock,
      health: { random: () => 0.5 },
      // no politeness gap between polls of the one host: the clock is stepped, not waited for
      fetch: { hostGapMs: 0 },
      chatSources: {
        fetch: { resolver: testResolver(), trustedHosts: TRUSTED, hostGapMs: 0, connectTimeoutMs: 2_000 },
      },
    });
    harness = await startHarness({ services: briefer });
    const { fake } = harness;
    // the wiring `npm start` uses, over this bot's sender
    briefer.onHealthChange(
      sourceHealthNotices(briefer, { telegram: harness.telegram.briefingSender }, briefer.logger),
    );
    const owner = reader();
    const bystander = reader();
    fake.addChat(privateChat(bystander));
    fake.sendText(
      privateChat(owner),
      owner,
      `/source add http://feeds.example.test:${server.port}/herat.xml`,
    );
    const [added] = await fake.waitForMessages(owner.id, 1);
    expect(added!.text).toMatch(/^Added Herat Daily/);

    const poll = async (after: number) => {
      clock.advance(after);
      await briefer.refreshDue();
      await harness!.telegram.sender.idle();
    };
    const notices = () =>
      fake
        .messagesIn(owner.id)
        .slice(1)
        .map((message) => message.text);

    await poll(0);
    await poll(11 * MINUTE);
    expect(notices()).toEqual([]);

    up = false;
    await poll(11 * MINUTE);
    await fake.waitForMessages(owner.id, 2);
    // failing for hours (backing off, never for a day): still the one notice
    for (let i = 0; i < 4; i++) await poll(2 * HOUR);
    expect(notices()).toEqual([
      "Your source Herat Daily is failing: the server answered 503. I'll keep trying and tell you when it works again.",
    ]);

    up = true;
    await poll(2 * HOUR);
    await fake.waitForMessages(owner.id, 3);
    for (let i = 0; i < 3; i++) await poll(11 * MINUTE);
    expect(notices()).toEqual([
      expect.stringMatching(/^Your source Herat Daily is failing/),
      'Your source Herat Daily works again.',
    ]);
    const requests = server.requests.filter((request) => request.path === '/herat.xml').length;
    expect(requests).toBeGreaterThanOrEqual(10);
    expect(fake.messagesIn(bystander.id)).toEqual([]);
  }, 30_000);
});
