import { afterEach, describe, expect, it } from 'vitest';
import { telegramTarget } from '../../adapters/telegram/briefing-sender.js';
import type { OutgoingMessage } from '../../adapters/telegram/telegram-sender.js';
import { groupChat, privateChat, reader, supergroup } from '../fakes/telegram-bot-api.js';
import { SEED_TITLES } from '../support/seed-briefer.js';
import { FAST_WINDOWS, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const html = (text: string): OutgoingMessage => ({
  text,
  parse_mode: 'HTML',
  link_preview_options: { is_disabled: true },
});

const sendsTo = (h: Harness, chatId: number) =>
  h.fake.calls.filter((call) => call.method === 'sendMessage' && call.params.chat_id === chatId);

describe('the Telegram sender', () => {
  it('honours a 429 with retry_after and delivers the answer exactly once', async () => {
    harness = await startHarness();
    const user = reader();
    harness.fake.failNext(user.id, { kind: '429', retryAfter: 1 });
    harness.fake.sendText(privateChat(user), user, '/latest');
    const [message] = await harness.fake.waitForMessages(user.id, 1);
    expect(message!.text).toContain(SEED_TITLES.bagram);
    const attempts = sendsTo(harness, user.id);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(990);
    expect(harness.fake.stats.tooManyRequests).toBe(1);
    expect(harness.fake.messagesIn(user.id)).toHaveLength(1);
  });

  it('retries a 5xx with backoff and delivers once', async () => {
    harness = await startHarness();
    const user = reader();
    harness.fake.failNext(user.id, { kind: '5xx', status: 502 });
    harness.fake.sendText(privateChat(user), user, '/latest');
    await harness.fake.waitForMessages(user.id, 1, { timeoutMs: 8000 });
    expect(sendsTo(harness, user.id)).toHaveLength(2);
    expect(harness.fake.messagesIn(user.id)).toHaveLength(1);
  });

  it('retries a request lost on the network and delivers once', async () => {
    harness = await startHarness({ bot: { retry: { networkDelayMs: 20 } } });
    const user = reader();
    harness.fake.failNext(user.id, { kind: 'network' });
    harness.fake.sendText(privateChat(user), user, '/latest');
    await harness.fake.waitForMessages(user.id, 1);
    expect(sendsTo(harness, user.id)).toHaveLength(2);
    expect(harness.fake.messagesIn(user.id)).toHaveLength(1);
  });

  it('gives up after a bounded number of network retries with a failed receipt', async () => {
    harness = await startHarness({ bot: { retry: { attempts: 2, networkDelayMs: 10 } } });
    const chat = harness.fake.addChat(privateChat(reader()));
    harness.fake.failNext(chat.id, { kind: 'network' }, 10);
    const receipt = await harness.telegram.sender.send(chat.id, html('Hello'));
    expect(receipt).toMatchObject({ ok: false, reason: 'failed' });
    expect(!receipt.ok && receipt.detail).toMatch(/network/);
    expect(sendsTo(harness, chat.id)).toHaveLength(3);
  });

  it('falls back once to plain text when Telegram cannot parse the HTML, and logs it', async () => {
    harness = await startHarness();
    const chat = harness.fake.addChat(privateChat(reader()));
    const receipt = await harness.telegram.sender.send(
      chat.id,
      html('<b>Rates & <a href="https://example.org/x">prices</a></i> rise'),
    );
    expect(receipt).toMatchObject({ ok: true });
    const [message] = harness.fake.messagesIn(chat.id);
    expect(message!.parse_mode).toBeUndefined();
    expect(message!.text).toBe('Rates & prices (https://example.org/x) rise');
    expect(harness.logs.some((l) => l.level === 'warn' && l.message.includes('plain text'))).toBe(true);

    const empty = await harness.telegram.sender.send(chat.id, html('<i>&nbsp;</i>'));
    expect(empty).toMatchObject({ ok: false, reason: 'failed' });
    expect(sendsTo(harness, chat.id)).toHaveLength(4); // two attempts each, never a third
  });

  it('marks a chat that blocked the bot inactive and stops there', async () => {
    harness = await startHarness();
    const user = reader();
    harness.fake.blockBot(user.id);
    harness.fake.sendText(privateChat(user), user, '/latest');
    await harness.fake.waitFor(() => harness!.inactive.length > 0 || undefined, 'the chat marked inactive');
    expect(harness.inactive).toEqual([user.id]);
    expect(harness.fake.messagesIn(user.id)).toEqual([]);
    const receipt = await harness.telegram.sender.send(user.id, html('Anyone there?'));
    expect(receipt).toEqual({
      ok: false,
      reason: 'inactive',
      detail: '403 Forbidden: bot was blocked by the user',
    });
  });

  it('treats "kicked from the group" and "chat not found" as inactive too', async () => {
    harness = await startHarness();
    const group = harness.fake.addChat(groupChat(-7001));
    harness.fake.failNext(group.id, { kind: 'kicked' });
    expect(await harness.telegram.sender.send(group.id, html('Hi'))).toMatchObject({ reason: 'inactive' });
    expect(await harness.telegram.sender.send(-999_999, html('Hi'))).toMatchObject({
      ok: false,
      reason: 'inactive',
      detail: '400 Bad Request: chat not found',
    });
    expect(harness.inactive).toEqual([group.id, -999_999]);
  });

  it('follows a group that became a supergroup to its new id and reports the move', async () => {
    harness = await startHarness();
    const old = harness.fake.addChat(groupChat(-8001));
    const moved = supergroup(-100_8001);
    harness.fake.migrateChat(old.id, moved);
    const receipt = await harness.telegram.sender.send(old.id, html('<b>Briefing</b>'));
    expect(receipt).toMatchObject({ ok: true, migratedTo: moved.id });
    expect(harness.fake.messagesIn(moved.id)[0]!.text).toBe('Briefing');
    expect(harness.migrated).toEqual([[old.id, moved.id]]);
  });

  it('keeps messages to one chat in order and spaced by the chat window, with no 429', async () => {
    harness = await startHarness();
    const chat = harness.fake.addChat(privateChat(reader()));
    const receipts = await Promise.all(
      ['one', 'two', 'three', 'four'].map((text) => harness!.telegram.sender.send(chat.id, html(text))),
    );
    expect(receipts.every((r) => r.ok)).toBe(true);
    const messages = harness.fake.messagesIn(chat.id);
    expect(messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four']);
    for (let i = 1; i < messages.length; i += 1) {
      expect(messages[i]!.at - messages[i - 1]!.at).toBeGreaterThanOrEqual(FAST_WINDOWS.chat.ms);
    }
    expect(harness.fake.stats.tooManyRequests).toBe(0);
  });

  it('paces calls made straight on the api too, and holds a group to its per-minute window', async () => {
    const windows = {
      overall: { limit: 30, ms: 1000 },
      chat: { limit: 1, ms: 50 },
      group: { limit: 3, ms: 800 },
    };
    harness = await startHarness({ fake: { windows }, bot: { windows } });
    const group = harness.fake.addChat(groupChat(-9001));
    const api = harness.telegram.bot.api;
    await Promise.all([1, 2, 3, 4, 5].map((n) => api.sendMessage(group.id, `message ${n}`)));
    const messages = harness.fake.messagesIn(group.id);
    expect(messages).toHaveLength(5);
    expect(messages[3]!.at - messages[0]!.at).toBeGreaterThanOrEqual(windows.group.ms);
    expect(harness.fake.stats.tooManyRequests).toBe(0);
  });

  it('waits for replies in flight when stopped', async () => {
    harness = await startHarness();
    const chat = harness.fake.addChat(privateChat(reader()));
    const sends = ['a', 'b', 'c'].map((text) => harness!.telegram.sender.send(chat.id, html(text)));
    await harness.telegram.stop();
    expect(harness.fake.messagesIn(chat.id)).toHaveLength(3);
    expect((await Promise.all(sends)).every((r) => r.ok)).toBe(true);
  });
});

describe('the Telegram briefing sender', () => {
  it('delivers a briefing to telegram:<chat>:<topic>, and reports inactive chats and other platforms', async () => {
    harness = await startHarness();
    const forum = harness.fake.addChat(supergroup(-100_9100, { forum: true }));
    const { briefingSender } = harness.telegram;
    const sent = await briefingSender.send(`telegram:${forum.id}:12`, { text: 'Your <morning> briefing' });
    expect(sent).toEqual({
      ok: true,
      messageIds: [String(harness.fake.messagesIn(forum.id)[0]!.message_id)],
    });
    expect(harness.fake.messagesIn(forum.id)[0]).toMatchObject({
      thread_id: 12,
      text: 'Your <morning> briefing',
    });

    harness.fake.blockBot(forum.id, 'kicked');
    expect(await briefingSender.send(`telegram:${forum.id}`, { text: 'x' })).toMatchObject({
      ok: false,
      reason: 'inactive',
    });
    expect(await briefingSender.send('discord:123', { text: 'x' })).toMatchObject({
      ok: false,
      reason: 'failed',
    });
    expect(telegramTarget('telegram:abc')).toBeUndefined();
    expect(telegramTarget('telegram:-1001:7')).toEqual({ chatId: -1001, threadId: 7 });
  });
});
