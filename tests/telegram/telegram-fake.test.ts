// the fake Bot API itself: if it were lenient, the bot's tests would prove nothing.
import { afterEach, describe, expect, it } from 'vitest';
import {
  privateChat,
  reader,
  startFakeTelegram,
  TELEGRAM_DOWNLOAD_LIMIT,
  type FakeTelegram,
} from '../fakes/telegram-bot-api.js';

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

  it('takes a multipart sendDocument, keeps the bytes, and counts it in the chat window', async () => {
    fake = await startFakeTelegram();
    const chat = fake.addChat(privateChat(reader()));
    const upload = (caption: string) => {
      const form = new FormData();
      form.set('chat_id', String(chat.id));
      form.set('caption', caption);
      form.set('parse_mode', 'HTML');
      form.set('document', new Blob(['<opml version="2.0"/>']), 'list.opml');
      return fetch(`${fake!.apiRoot}/bot${fake!.token}/sendDocument`, { method: 'POST', body: form });
    };
    expect((await upload('<b>yours</b>')).status).toBe(200);
    const [sent] = fake.messagesIn(chat.id);
    expect(sent!.document).toMatchObject({ file_name: 'list.opml' });
    expect(sent!.document!.bytes.toString('utf8')).toBe('<opml version="2.0"/>');
    expect(sent).toMatchObject({ text: 'yours', entities: [{ type: 'bold', offset: 0, length: 5 }] });
    expect((await upload('again')).status).toBe(429);
    const other = fake.addChat(privateChat(reader()));
    const unknown = await call('sendDocument', { chat_id: other.id, document: 'x', caption: 'y' });
    expect(unknown.body.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
  });

  it('refuses a caption over 1,024 characters', async () => {
    fake = await startFakeTelegram({ windows: false });
    const chat = fake.addChat(privateChat(reader()));
    const form = new FormData();
    form.set('chat_id', String(chat.id));
    form.set('caption', 'x'.repeat(1025));
    form.set('document', new Blob(['a']), 'a.txt');
    const response = await fetch(`${fake.apiRoot}/bot${fake.token}/sendDocument`, {
      method: 'POST',
      body: form,
    });
    expect(await response.json()).toMatchObject({ description: 'Bad Request: message caption is too long' });
  });

  it('serves getFile and the download of a file a reader sent, to the right token only', async () => {
    fake = await startFakeTelegram();
    const user = reader();
    const message = fake.sendDocument(privateChat(user), user, { name: 'feeds.opml', bytes: '<opml/>' });
    const got = await call('getFile', { file_id: message.document!.file_id });
    const file = got.body.result as { file_path: string; file_size: number };
    expect(file).toMatchObject({ file_size: 7, file_path: expect.stringMatching(/\.opml$/) });
    const download = (token: string, path = file.file_path) =>
      fetch(`${fake!.apiRoot}/file/bot${token}/${path}`);
    expect(await (await download(fake.token)).text()).toBe('<opml/>');
    expect((await download('1:wrong')).status).toBe(401);
    expect((await download(fake.token, 'documents/none.opml')).status).toBe(404);
    expect((await call('getFile', { file_id: 'nope' })).body.description).toBe(
      'Bad Request: invalid file_id',
    );
    // a wrong token is refused before anything is looked up
    expect(fake.downloads).toEqual([file.file_path, 'documents/none.opml']);
  });

  it('refuses getFile for a file over the 20 MB bots may download', async () => {
    fake = await startFakeTelegram();
    const user = reader();
    const bytes = new Uint8Array(TELEGRAM_DOWNLOAD_LIMIT + 1);
    const message = fake.sendDocument(privateChat(user), user, { name: 'big.xml', bytes });
    const got = await call('getFile', { file_id: message.document!.file_id });
    expect(got.body).toMatchObject({ ok: false, description: 'Bad Request: file is too big' });
  });
});
