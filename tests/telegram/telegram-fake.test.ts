// the fake Bot API itself: if it were lenient, the bot's tests would prove nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { privateChat, reader, startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js';

let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function call(method: string, params: Record<string, unknown> = {}, token = fake!.token) {
  const response = await fetch(`${fake!.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the fake Telegram Bot API', () => {
  it('answers a wrong token with a Telegram-shaped 401 and an unknown method with 404', async () => {
    fake = await startFakeTelegram();
    expect(await call('getMe', {}, '1:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect((await call('sendTelepathy')).status).toBe(404);
    expect((await call('getMe')).body).toMatchObject({
      ok: true,
      result: { is_bot: true, username: fake.me.username },
    });
  });

  it('holds getUpdates until an update arrives, confirms with offset, honours limit and timeout', async () => {
    fake = await startFakeTelegram();
    const user = reader();
    const started = performance.now();
    const held = call('getUpdates', { timeout: 5 });
    setTimeout(() => fake!.sendText(privateChat(user), user, '/latest'), 150);
    const first = await held;
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(performance.now() - started).toBeLessThan(4000);
    const [update] = first.body.result as { update_id: number; message: { entities: unknown[] } }[];
    expect(update!.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 7 }]);

    fake.sendText(privateChat(user), user, '/topic iran');
    fake.sendText(privateChat(user), user, `/latest@${fake.me.username}`);
    expect((await call('getUpdates', { limit: 2 })).body.result).toHaveLength(2);
    const next = (await call('getUpdates', { offset: update!.update_id + 1 })).body.result as {
      message: { text: string; entities: { length: number }[] };
    }[];
    expect(next.map((u) => u.message.text)).toEqual(['/topic iran', `/latest@${fake.me.username}`]);
    expect(next[1]!.message.entities[0]!.length).toBe(8 + fake.me.username!.length);

    const waited = performance.now();
    const empty = await call('getUpdates', { offset: update!.update_id + 3, timeout: 1 });
    expect(empty.body.result).toEqual([]);
    expect(performance.now() - waited).toBeGreaterThanOrEqual(900);
  });

  it('takes form-encoded parameters as well as JSON', async () => {
    fake = await startFakeTelegram();
    const chat = fake.addChat(privateChat(reader()));
    const response = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(chat.id), text: '<b>bold</b>', parse_mode: 'HTML' }),
    });
    expect(response.status).toBe(200);
    expect(fake.messagesIn(chat.id)[0]).toMatchObject({
      text: 'bold',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
    });
  });

  it('refuses HTML Telegram would refuse, text over 4,096 after parsing, and callback data over 64 bytes', async () => {
    fake = await startFakeTelegram({ windows: false });
    const chat = fake.addChat(privateChat(reader()));
    const send = (params: Record<string, unknown>) => call('sendMessage', { chat_id: chat.id, ...params });
    const broken = await send({ text: 'Tom & Jerry <b>bold', parse_mode: 'HTML' });
    expect(broken.status).toBe(400);
    expect(broken.body.description).toMatch(/^Bad Request: can't parse entities: /);
    expect((await send({ text: '<script>x</script>', parse_mode: 'HTML' })).status).toBe(400);
    expect((await send({ text: '&amp;'.repeat(4096), parse_mode: 'HTML' })).status).toBe(200);
    const long = await send({ text: '&amp;'.repeat(4097), parse_mode: 'HTML' });
    expect(long.body).toMatchObject({ error_code: 400, description: 'Bad Request: message is too long' });
    const data = await send({
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'More', callback_data: 'x'.repeat(65) }]] },
    });
    expect(data.body.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect((await call('sendMessage', { chat_id: 424242, text: 'x' })).body.description).toBe(
      'Bad Request: chat not found',
    );
  });

  it('enforces the per-chat window with 429 and retry_after', async () => {
    fake = await startFakeTelegram();
    const chat = fake.addChat(privateChat(reader()));
    expect((await call('sendMessage', { chat_id: chat.id, text: 'one' })).status).toBe(200);
    const second = await call('sendMessage', { chat_id: chat.id, text: 'two' });
    expect(second).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    expect(fake.stats.tooManyRequests).toBe(1);
    expect(fake.messagesIn(chat.id).map((m) => m.text)).toEqual(['one']);
  });
});
