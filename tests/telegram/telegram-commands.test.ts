import { afterEach, describe, expect, it } from 'vitest';
import { STALE_BUTTON } from '../../adapters/telegram/telegram-handlers.js';
import { commandList, SLOW_DOWN_NOTICE } from '../../commands/index.js';
import { privateChat, reader, type SentMessage } from '../fakes/telegram-bot-api.js';
import { openSeedBriefer, SEED_TITLES } from '../support/seed-briefer.js';
import { checkTelegramMessage } from '../support/telegram-html-check.js';
import { startHarness, type Harness } from './telegram-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const buttons = (message: SentMessage) => message.reply_markup?.inline_keyboard.flat() ?? [];
const valid = (message: SentMessage) =>
  checkTelegramMessage({
    text: message.html,
    parse_mode: message.parse_mode ?? '',
    ...(message.link_preview_options ? { link_preview_options: message.link_preview_options } : {}),
  });

/** a reader in a private chat, asking one thing and waiting for `count` messages */
async function ask(h: Harness, text: string, count = 1) {
  const user = reader();
  h.fake.sendText(privateChat(user), user, text);
  return { user, messages: await h.fake.waitForMessages(user.id, count) };
}

describe('the Telegram bot in a private chat', () => {
  it('greets on /start by name, explains what to ask, and has registered the command menu', async () => {
    harness = await startHarness();
    const user = reader(7001, 'Zahra');
    harness.fake.sendText(privateChat(user), user, '/start');
    const [message] = await harness.fake.waitForMessages(user.id, 1);
    expect(message!.text).toContain('Hello, Zahra!');
    expect(message!.text).toContain('/topic <name…>');
    expect(message!.text).toContain(`/latest@${harness.fake.me.username}`);
    expect(harness.fake.myCommands.map((c) => c.command)).toEqual(commandList().map((c) => c.name));
    expect(harness.fake.myCommands.every((c) => c.description.length > 0)).toBe(true);
  });

  it('still starts and answers when the command menu cannot be registered, and logs why', async () => {
    harness = await startHarness({ start: false });
    harness.fake.failMethod('setMyCommands', 400);
    await harness.telegram.start();
    const { messages } = await ask(harness, '/latest');
    expect(messages[0]!.text).toContain(SEED_TITLES.bagram);
    expect(harness.logs.some((l) => l.level === 'warn' && l.message.includes('setMyCommands'))).toBe(true);
  });

  it('answers /latest with the four seed articles in one valid HTML message without a link preview', async () => {
    harness = await startHarness();
    const { messages } = await ask(harness, '/latest');
    const [message] = messages;
    for (const title of Object.values(SEED_TITLES)) expect(message!.text).toContain(title);
    expect(message!.entities.some((e) => e.type === 'text_link' && e.url?.startsWith('https://'))).toBe(true);
    expect(message!.link_preview_options).toEqual({ is_disabled: true });
    expect(valid(message!)).toEqual([]);
    expect(buttons(message!)).toEqual([]);
  });

  it('answers /topic iran with the Bagram and border-markers articles only', async () => {
    harness = await startHarness();
    const { messages } = await ask(harness, '/topic iran');
    expect(messages[0]!.text).toContain(SEED_TITLES.bagram);
    expect(messages[0]!.text).toContain(SEED_TITLES.border);
    expect(messages[0]!.text).not.toContain(SEED_TITLES.csto);
    expect(messages[0]!.text).not.toContain(SEED_TITLES.faculty);
  });

  it('shows a link preview for a single-article answer', async () => {
    harness = await startHarness();
    const { messages } = await ask(harness, '/topic prophetic medicine');
    expect(messages[0]!.text).toContain(SEED_TITLES.faculty);
    expect(messages[0]!.link_preview_options?.is_disabled).toBe(false);
    expect(messages[0]!.link_preview_options?.url).toMatch(/^https:\/\/www\.ariananews\.af\//);
  });

  it('follows deep links: /start topic_iran answers /topic iran, /start latest_ariana-news answers /latest', async () => {
    harness = await startHarness();
    const topic = await ask(harness, '/start topic_iran');
    expect(topic.messages[0]!.text).toContain(SEED_TITLES.border);
    expect(topic.messages[0]!.text).not.toContain('Hello');
    const latest = await ask(harness, '/start latest_ariana-news');
    expect(latest.messages[0]!.text).toContain('Latest from Ariana News');
    const unknown = await ask(harness, '/start something_else');
    expect(unknown.messages[0]!.text).toContain('Hello');
  });

  it('offers the closest topics as buttons for an unknown topic, and a button runs its command', async () => {
    harness = await startHarness();
    const { user, messages } = await ask(harness, '/topic irn');
    const [message] = messages;
    expect(message!.text).toContain('Nothing matches "irn"');
    expect(message!.text).not.toContain('Try:');
    const iran = buttons(message!).find((b) => b.text === 'Iran');
    expect(iran?.callback_data).toBe('c:/topic iran');
    const query = harness.fake.pressButton(message!, iran!.callback_data!, user);
    const after = await harness.fake.waitForMessages(user.id, 2);
    expect(after[1]!.text).toContain(SEED_TITLES.bagram);
    expect(harness.fake.callbackAnswer(query)).toEqual({ answered: true });
  });

  it('pages with "More ▸" in place, and answers a stale button kindly without sending anything', async () => {
    harness = await startHarness();
    const { user, messages } = await ask(harness, '/latest 2');
    const first = messages[0]!;
    expect(first.text).toContain(SEED_TITLES.bagram);
    expect(first.text).not.toContain(SEED_TITLES.faculty);
    const more = buttons(first).find((b) => b.text === 'More ▸');
    expect(Buffer.byteLength(more!.callback_data!)).toBeLessThanOrEqual(64);
    const snapshot = structuredClone(first);

    const press = harness.fake.pressButton(snapshot, more!.callback_data!, user);
    await harness.fake.waitFor(() => first.edits === 1, 'the page to be edited');
    expect(first.text).toContain(SEED_TITLES.faculty);
    expect(first.text).toContain(SEED_TITLES.border);
    expect(first.text).not.toContain(SEED_TITLES.bagram);
    expect(buttons(first)).toEqual([]); // the last page has no "More ▸"
    expect(harness.fake.callbackAnswer(press)).toEqual({ answered: true });

    const stale = harness.fake.pressButton(snapshot, more!.callback_data!, user);
    await harness.fake.waitFor(
      () => harness!.fake.callbackAnswer(stale)?.answered,
      'the stale press answered',
    );
    expect(harness.fake.callbackAnswer(stale)).toEqual({ answered: true, text: STALE_BUTTON });
    expect(harness.fake.messagesIn(user.id)).toHaveLength(1);
    expect(first.edits).toBe(1);

    const junk = harness.fake.pressButton(snapshot, 'x:not-ours', user);
    await harness.fake.waitFor(() => harness!.fake.callbackAnswer(junk)?.answered, 'a junk press answered');
    expect(harness.fake.callbackAnswer(junk)?.text).toBe(STALE_BUTTON);
  });

  it('sends the next page as a new message when the pressed one can no longer be edited', async () => {
    harness = await startHarness();
    const { user, messages } = await ask(harness, '/latest 2');
    const more = buttons(messages[0]!).find((b) => b.text === 'More ▸')!;
    const gone = { ...structuredClone(messages[0]!), message_id: 1 }; // deleted since
    harness.fake.pressButton(gone, more.callback_data!, user);
    const after = await harness.fake.waitForMessages(user.id, 2);
    expect(after[1]!.text).toContain(SEED_TITLES.faculty);
    expect(messages[0]!.edits).toBe(0);
  });

  it('answers a reader past the rate limit once with a notice, then stays silent', async () => {
    harness = await startHarness({ bot: { commandRateLimit: { limit: 3, windowMs: 60_000 } } });
    const user = reader();
    for (let i = 0; i < 6; i += 1) harness.fake.sendText(privateChat(user), user, '/sources');
    const messages = await harness.fake.waitForMessages(user.id, 4);
    await harness.fake.waitFor(() => harness!.fake.pendingUpdates === 0 || undefined, 'updates confirmed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messages.map((m) => m.text.startsWith('Sources'))).toEqual([true, true, true, false]);
    expect(messages[3]!.text).toBe(SLOW_DOWN_NOTICE);
    expect(harness.fake.messagesIn(user.id)).toHaveLength(4);
  });

  it('gives a short helpful answer to absurd arguments: 10,000 characters, control characters, RTL marks', async () => {
    harness = await startHarness();
    const inputs = [
      `/topic ${'x'.repeat(10_000)}`,
      '/topic \u0000\u0007\u001b[31m\u202e\u200f',
      `/latest ${'\u200f'.repeat(50)}99999999999999999999`,
      '/topic\u200firan',
      `/${'a'.repeat(40)}`,
    ];
    for (const input of inputs) {
      const { messages } = await ask(harness, input);
      expect(messages[0]!.text.length, input.slice(0, 20)).toBeLessThan(300);
      expect(messages[0]!.text, input.slice(0, 20)).toMatch(/\/topic|\/latest|\/help/);
      expect(valid(messages[0]!)).toEqual([]);
    }
  });

  it('ignores an update of an unknown kind and keeps answering', async () => {
    harness = await startHarness();
    harness.fake.pushUpdate({ some_future_update: { id: 1, text: '/latest' } });
    harness.fake.pushUpdate({ edited_message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } });
    const { messages } = await ask(harness, '/latest');
    expect(messages[0]!.text).toContain(SEED_TITLES.bagram);
    expect(harness.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('logs an update whose handling fails and goes on answering the next ones', async () => {
    const services = await openSeedBriefer();
    let failures = 1;
    const flaky = new Proxy(services, {
      get(target, key, receiver) {
        if (key === 'timeZone' && failures-- > 0) throw new Error('zone store unavailable');
        return Reflect.get(target, key, receiver);
      },
    });
    harness = await startHarness({ services: flaky });
    const first = reader();
    harness.fake.sendText(privateChat(first), first, '/latest');
    const { messages } = await ask(harness, '/latest');
    expect(messages[0]!.text).toContain(SEED_TITLES.bagram);
    expect(harness.fake.messagesIn(first.id)).toEqual([]);
    expect(harness.logs.some((l) => l.level === 'error' && l.message.includes('update failed'))).toBe(true);
  });

  it('hints at commands for plain text and answers an unknown command kindly', async () => {
    harness = await startHarness();
    const text = await ask(harness, 'hello there');
    expect(text.messages[0]!.text).toContain('/latest');
    const unknown = await ask(harness, '/weather');
    expect(unknown.messages[0]!.text).toContain("I don't know the command /weather");
  });
});
