// the language a reader is answered in, through the real adapters against the fake Telegram and Discord
import { afterEach, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { commandList } from '../../commands/index.js';
import { openSeedBriefer } from '../support/seed-briefer.js';
import { privateChat, reader } from '../fakes/telegram-bot-api.js';
import { startHarness, type Harness } from '../telegram/telegram-harness.js';
import { startBotOnFake, type BotOnFake } from '../fakes/discord/bot-harness.js';
import type { Briefer } from '../../src/index.js';
import { t } from '../../src/index.js';

const DARI_INTRO = t('fa-AF', 'app.intro');
const PASHTO_INTRO = t('ps', 'app.intro');
const ENGLISH_INTRO = t('en', 'app.intro');
// the words without their isolates (a Latin name in a Dari line is isolated)
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

describe('Telegram: the reader’s language_code, until the chat chooses', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const ask = async (h: Harness, user: User, text: string) => {
    const before = h.fake.messagesIn(user.id).length;
    h.fake.sendText(privateChat(user), user, text);
    const messages = await h.fake.waitForMessages(user.id, before + 1);
    return messages[before]!;
  };

  it('answers a Dari (fa) reader in Dari, a Pashto (ps) reader in Pashto, anyone else in English', async () => {
    harness = await startHarness();
    const dari = { ...reader(), language_code: 'fa' };
    const pashto = { ...reader(), language_code: 'ps' };
    const german = { ...reader(), language_code: 'de' };
    expect((await ask(harness, dari, '/help')).text).toContain(DARI_INTRO);
    expect((await ask(harness, pashto, '/help')).text).toContain(PASHTO_INTRO);
    expect((await ask(harness, german, '/help')).text).toContain(ENGLISH_INTRO);
  });

  it('greets in the reader’s language and pages with a “More” button in it', async () => {
    harness = await startHarness();
    const dari = { ...reader(7101, 'Zahra'), language_code: 'fa-IR' };
    const greeting = (await ask(harness, dari, '/start')).text;
    expect(greeting).toContain('\u2068Zahra\u2069');
    expect(plain(greeting)).toContain(t('fa-AF', 'chat.hello', { name: 'Zahra' }));
    const page = await ask(harness, dari, '/latest 1');
    const labels = page.reply_markup?.inline_keyboard.flat().map((button) => button.text);
    expect(labels).toEqual([t('fa-AF', 'reply.more')]);
  });

  it('keeps the chat’s /language choice over the reader’s language_code', async () => {
    harness = await startHarness();
    const dari = { ...reader(), language_code: 'fa' };
    expect((await ask(harness, dari, '/language en')).text).toBe(
      t('en', 'language.set', { language: 'English' }),
    );
    expect((await ask(harness, dari, '/help')).text).toContain(ENGLISH_INTRO);
    await ask(harness, dari, '/language پښتو');
    expect((await ask(harness, dari, '/help')).text).toContain(PASHTO_INTRO);
  });

  it('registers the command menu in English, and in Dari and Pashto for fa and ps', async () => {
    harness = await startHarness();
    const names = commandList().map((command) => command.name);
    for (const [code, locale] of [
      ['fa', 'fa-AF'],
      ['ps', 'ps'],
    ] as const) {
      const menu = harness.fake.myCommandsIn(code);
      expect(menu?.map((entry) => entry.command)).toEqual(names);
      expect(menu?.find((entry) => entry.command === 'help')?.description).toBe(
        t(locale, 'help.description'),
      );
    }
    expect(harness.fake.myCommands.find((entry) => entry.command === 'help')?.description).toBe(
      'What I can do',
    );
  });
});

describe('Discord: English (Discord has no Dari or Pashto locale) until the channel chooses', () => {
  let services: Briefer | undefined;
  let on: BotOnFake | undefined;
  afterEach(async () => {
    await on?.close();
    await services?.close();
    on = undefined;
    services = undefined;
  });

  const contentOf = async (bot: BotOnFake, name: string, extra: Record<string, unknown>, options = []) => {
    const { messages } = await bot.answer(
      bot.fake.interaction(2, { id: '1', name, type: 1, options }, { dm: true }, extra),
    );
    return messages.map((message) => message.content ?? '').join('\n');
  };

  it('answers in English whatever the reader’s Discord locale, then in Dari once the channel says /language fa', async () => {
    services = await openSeedBriefer();
    on = await startBotOnFake(services);
    expect(await contentOf(on, 'help', { locale: 'de' })).toContain(ENGLISH_INTRO);
    expect(await contentOf(on, 'help', { locale: 'en-GB' })).toContain(ENGLISH_INTRO);
    const set = await contentOf(on, 'language', { locale: 'en-US' }, [
      { name: 'setting', type: 3, value: 'fa' },
    ] as never);
    expect(set).toContain(t('fa-AF', 'language.set', { language: 'دری' }));
    expect(await contentOf(on, 'help', { locale: 'en-US' })).toContain(DARI_INTRO);
    expect(on.fake.problems).toEqual([]);
  });
});
