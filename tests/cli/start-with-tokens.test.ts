// `npm start` with platform tokens serves the real bots: here against the fake Telegram and Discord.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-server.js';
import {
  FAKE_TOKEN,
  privateChat,
  reader,
  startFakeTelegram,
  type FakeTelegram,
} from '../fakes/telegram-bot-api.js';
import { OFFLINE_SOURCES, REPO_ROOT } from '../support/seed-briefer.js';
import { BRIEFER_MAIN } from '../support/briefer-bundle.js';

let child: ChildProcess | undefined;
let telegram: FakeTelegram | undefined;
let discord: FakeDiscord | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await telegram?.close();
  await discord?.close();
  child = telegram = discord = undefined;
});

async function start(env: Record<string, string>): Promise<{ stderr: () => string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'briefer-start-'));
  let stderr = '';
  child = spawn(process.execPath, [BRIEFER_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
      SOURCES_FILE: OFFLINE_SOURCES,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { stderr: () => stderr };
}

describe('npm start with tokens', () => {
  it('serves Telegram by long polling: /topic iran answers with the seed articles in valid HTML', async () => {
    telegram = await startFakeTelegram();
    const app = await start({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
    const user = reader();
    const chat = privateChat(user);
    telegram.sendText(chat, user, '/topic iran');
    const [message] = await telegram.waitForMessages(chat.id, 1, { timeoutMs: 20_000 });
    expect(message?.text).toContain('Bagram');
    expect(message?.text).toContain('border markers');
    expect(message?.text).not.toContain('CSTO');
    expect(app.stderr()).not.toContain(FAKE_TOKEN);
  }, 40_000);

  it('serves Discord: logs in, registers the commands and answers /topic afghanistan with embeds', async () => {
    discord = await startFakeDiscord();
    await start({ DISCORD_TOKEN: discord.token, DISCORD_API_ROOT: discord.apiRoot });
    await discord.waitForRequest(
      (request) => request.method === 'PUT' && /commands/.test(request.path),
      20_000,
    );
    const interaction = discord.command('topic', { name: 'afghanistan' });
    await discord.waitForCallback(interaction, 20_000);
    await waitFor(() => discord!.messagesOf(interaction).some((m) => (m.embeds?.length ?? 0) > 0));
    const embeds = discord.messagesOf(interaction).flatMap((m) => m.embeds ?? []);
    expect(embeds).toHaveLength(4);
    expect(JSON.stringify(embeds)).toContain('Bagram');
    expect(discord.problems).toEqual([]);
  }, 40_000);

  it('stops within 10 s when told to during start-up, before the bots are fully up', async () => {
    discord = await startFakeDiscord();
    const app = await start({ DISCORD_TOKEN: discord.token, DISCORD_API_ROOT: discord.apiRoot });
    // the commands are registered while the bot still warms up: nothing may start after the stop
    await discord.waitForRequest(
      (request) => request.method === 'PUT' && /commands/.test(request.path),
      20_000,
    );
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<string>((r) => setTimeout(() => r('still running'), 12_000)),
    ]);
    expect(code, app.stderr()).toBe(0);
  }, 40_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
