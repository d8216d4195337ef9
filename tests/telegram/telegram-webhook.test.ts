import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import { ConfigError, silentLogger } from '../../src/index.js';
import { privateChat, reader, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { openSeedBriefer, SEED_TITLES } from '../support/seed-briefer.js';
import { startHarness, type Harness } from './telegram-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SECRET = 'webhook_Secret-123';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function freePortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function startWebhookHarness() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/telegram/webhook`;
  const h = await startHarness({ bot: { webhook: { url, secret: SECRET, port, host: '127.0.0.1' } } });
  return { h, url };
}

const postUpdate = (url: string, headers: Record<string, string>, update: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(update),
  });

describe('the Telegram bot in webhook mode', () => {
  it('sets its webhook with the secret and answers updates Telegram posts with it', async () => {
    const { h, url } = await startWebhookHarness();
    harness = h;
    expect(h.fake.webhook).toEqual({ url, secret: SECRET });
    expect(h.telegram.webhookPort()).toBe(Number(new URL(url).port));
    const user = reader();
    h.fake.sendText(privateChat(user), user, '/latest');
    const [message] = await h.fake.waitForMessages(user.id, 1);
    expect(message!.text).toContain(SEED_TITLES.bagram);
    expect(h.fake.webhookResponses).toEqual([200]);
    expect(h.fake.calls.some((call) => call.method === 'getUpdates')).toBe(false);
  });

  it('refuses a post with a wrong or missing secret with 401 and handles nothing', async () => {
    const { h, url } = await startWebhookHarness();
    harness = h;
    const user = reader();
    const chat = h.fake.addChat(privateChat(user));
    const update = {
      update_id: 99,
      message: {
        message_id: 1,
        date: 0,
        chat,
        from: user,
        text: '/latest',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    };
    const wrong = await postUpdate(url, { 'x-telegram-bot-api-secret-token': 'not-the-secret' }, update);
    expect(wrong.status).toBe(401);
    const missing = await postUpdate(url, {}, update);
    expect(missing.status).toBe(401);
    const elsewhere = await postUpdate(
      url.replace('/webhook', '/other'),
      { 'x-telegram-bot-api-secret-token': SECRET },
      update,
    );
    expect(elsewhere.status).toBe(404);
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.calls.filter((call) => call.method === 'sendMessage')).toEqual([]);

    const right = await postUpdate(url, { 'x-telegram-bot-api-secret-token': SECRET }, update);
    expect(right.status).toBe(200);
    await h.fake.waitForMessages(user.id, 1);
  });
});

describe('starting and stopping the Telegram bot', () => {
  it('refuses a wrong token at start with a message that names TELEGRAM_BOT_TOKEN', async () => {
    const fake = await startFakeTelegram();
    const services = await openSeedBriefer();
    const telegram = createTelegramBot(
      { token: '999:not-the-token', apiRoot: fake.apiRoot, logger: silentLogger },
      services,
    );
    await expect(telegram.start()).rejects.toThrow(/401 Unauthorized.*TELEGRAM_BOT_TOKEN/);
    await expect(telegram.start()).rejects.toThrow(/stopped/);
    await telegram.stop();
    await fake.close();
    await services.close();
  });

  it('says which server it could not reach, after a bounded number of tries', async () => {
    const services = await openSeedBriefer();
    const port = await freePort();
    const telegram = createTelegramBot(
      {
        token: '123:abc',
        apiRoot: `http://127.0.0.1:${port}/`,
        retry: { attempts: 1, networkDelayMs: 10 },
        logger: silentLogger,
      },
      services,
    );
    await expect(telegram.start()).rejects.toThrow(
      `Could not reach the Telegram Bot API at http://127.0.0.1:${port}`,
    );
    await services.close();
  });

  it('rejects options that cannot work before anything starts', async () => {
    const services = await openSeedBriefer();
    const build = (options: Partial<Parameters<typeof createTelegramBot>[0]>) => () =>
      createTelegramBot({ token: '123:abc', ...options }, services);
    expect(build({ token: 'no colon' })).toThrow(ConfigError);
    expect(build({ apiRoot: 'ftp://example.org' })).toThrow(/TELEGRAM_API_ROOT/);
    expect(build({ webhook: { url: 'https://example.org/hook', secret: 'has spaces', port: 8080 } })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    expect(build({ webhook: { url: 'not a url', secret: 'ok', port: 8080 } })).toThrow(
      /TELEGRAM_WEBHOOK_URL/,
    );
    expect(build({ limits: { perSecond: 0, chatPerSecond: 1, groupPerMinute: 20 } })).toThrow(/perSecond/);
    await services.close();
  });

  it('fails to start when Telegram refuses the webhook, saying what it answered, and frees the port', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/hook`;
    harness = await startHarness({
      start: false,
      bot: { webhook: { url, secret: SECRET, port, host: '127.0.0.1' } },
    });
    harness.fake.failMethod('setWebhook', 400);
    await expect(harness.telegram.start()).rejects.toThrow(
      /Telegram refused setWebhook at .*: 400 Bad Request/,
    );
    expect(harness.telegram.webhookPort()).toBeUndefined();
    expect(await freePortIsFree(port)).toBe(true);
  });

  it('stops long polling promptly', async () => {
    harness = await startHarness();
    const started = performance.now();
    await harness.telegram.stop();
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
