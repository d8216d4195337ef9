import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand, type CommandContext, type Reply } from '../../commands/index.js';
import { openChatLanguages } from '../../src/i18n/chat-language.js';
import { openKeyvStore } from '../../src/store/open-keyv.js';
import { digestItems, t, type Briefer } from '../../src/index.js';
import { openSeedBriefer, SEED_TITLES } from '../support/seed-briefer.js';

let briefer: Briefer;
beforeEach(async () => {
  briefer = await openSeedBriefer();
});
afterEach(() => briefer.close());

const CHAT = 'telegram:-100777';
const base: CommandContext = { chat: CHAT, user: 'telegram:1', timeZone: 'Asia/Kabul' };
const ask = (line: string, context: Partial<CommandContext> = {}): Promise<Reply> => {
  const [name = '', ...rest] = line.replace(/^\//, '').split(' ');
  return runCommand({ name, text: rest.join(' '), context: { ...base, ...context } }, briefer);
};
const plain = (text = '') => text.replace(/[\u2068\u2069]/g, '');
const titles = (reply: Reply) => (reply.digest ? digestItems(reply.digest).map((item) => item.title) : []);

describe('/language', () => {
  it('shows the chat’s language, news languages and calendar, and offers the three languages', async () => {
    const reply = await ask('/language', { locale: 'fa-AF' });
    expect(reply.text).toContain(
      t('fa-AF', 'language.current', {
        language: 'دری',
        news: t('fa-AF', 'language.newsAll'),
        calendar: 'میلادی',
      }),
    );
    expect(reply.choices).toEqual([
      { label: 'English', command: '/language en' },
      { label: 'دری', command: '/language fa' },
      { label: 'پښتو', command: '/language ps' },
    ]);
  });

  it('sets the language by any of its names and answers in it from then on', async () => {
    for (const [name, locale] of [
      ['دری', 'fa-AF'],
      ['Pashto', 'ps'],
      ['انګلیسي', 'en'],
      ['fa', 'fa-AF'],
    ] as const) {
      const reply = await ask(`/language ${name}`);
      expect(reply.locale).toBe(locale);
      expect(briefer.languages.get(CHAT)?.locale).toBe(locale);
      expect((await ask('/help')).text).toContain(t(locale, 'app.intro'));
    }
  });

  it('refuses a language it does not speak, saying which ones it does', async () => {
    const reply = await ask('/language klingon');
    expect(reply.private).toBe(true);
    expect(reply.text).toBe(t('en', 'language.unknown', { text: 'klingon' }));
    expect(briefer.languages.get(CHAT)).toBeUndefined();
  });

  it('limits the news to some languages, and “all” brings every language back', async () => {
    expect((await ask('/language news fa ps')).text).toBe(
      t('en', 'language.newsSet', { languages: ['Dari', 'Pashto'] }),
    );
    // the seed outlet writes in English: nothing is left to show
    const latest = await ask('/latest');
    expect(titles(latest)).toEqual([]);
    expect(latest.digest?.emptyText).toBe(t('en', 'latest.empty'));
    // an outlet the reader names is shown whatever its language
    expect(titles(await ask('/latest ariana-news'))).toHaveLength(4);
    expect((await ask('/language news all')).text).toBe(t('en', 'language.newsReset'));
    expect(titles(await ask('/latest'))).toHaveLength(4);
    expect((await ask('/language news xx-yy-zz')).text).toBe(
      t('en', 'language.unknownNews', { text: 'xx-yy-zz' }),
    );
    expect((await ask('/language news')).text).toBe(t('en', 'language.giveNews'));
  });

  it('shows dates in the Solar Hijri calendar, with Afghan month names, once chosen', async () => {
    await ask('/language fa');
    expect((await ask('/language calendar solar')).text).toBe(
      t('fa-AF', 'language.calendarSet', { calendar: 'هجری شمسی' }),
    );
    // 28 November 2026 is 7 Qaws 1405
    expect(plain((await ask('/timezone')).text)).toContain('۷ قوس ۱۴۰۵، ۰۹:۰۰');
    // the Afghan spelling of November (Iran writes نوامبر), from Intl
    await ask('/language calendar gregorian');
    expect(plain((await ask('/timezone')).text)).toContain('۲۸ نومبر ۲۰۲۶، ۰۹:۰۰');
    expect((await ask('/language calendar lunar')).text).toBe(t('fa-AF', 'language.unknownCalendar'));
  });

  it('lets only administrators change it in a group', async () => {
    const reply = await ask('/language fa', { canManage: false });
    expect(reply.text).toBe(t('en', 'manage.language'));
    expect(briefer.languages.get(CHAT)).toBeUndefined();
    // anyone may look
    expect((await ask('/language', { canManage: false })).private).toBeUndefined();
  });

  it('is deleted by /forget and moves with a group that became a supergroup', async () => {
    await ask('/language ps');
    await briefer.moveChat(CHAT, 'telegram:-100888');
    expect(briefer.languages.get(CHAT)).toBeUndefined();
    expect(briefer.languages.get('telegram:-100888')?.locale).toBe('ps');
    await briefer.forgetChat('telegram:-100888');
    expect(briefer.languages.get('telegram:-100888')).toBeUndefined();
  });
});

describe('topics in the reader’s language', () => {
  it('finds the same articles by the Dari name as by the English one', async () => {
    const english = titles(await ask('/topic iran'));
    expect(english).toEqual([SEED_TITLES.bagram, SEED_TITLES.border]);
    expect(titles(await ask('/topic ایران'))).toEqual(english);
    expect(titles(await ask('/topic افغانستان'))).toEqual(titles(await ask('/topic afghanistan')));
  });

  it('names topics in the chat’s language in /topics, digest titles and suggestions', async () => {
    await ask('/language ps');
    expect((await ask('/topic iran')).digest?.title).toBe('ایران');
    expect((await ask('/topics')).text).toContain(
      '• افغانستان — Afghanistan — افغانستان (afghanistan): ۴ مقالې',
    );
    const suggestion = await ask('/topic afghanistn');
    expect(suggestion.choices?.[0]).toEqual({ label: 'افغانستان', command: '/topic afghanistan' });
  });
});

describe('the chat language repository', () => {
  it('reads back what it wrote after a restart, and skips a record that is not valid', async () => {
    const keyv = await openKeyvStore('memory://');
    const warnings: string[] = [];
    const first = await openChatLanguages(keyv, (key) => warnings.push(key));
    await first.set('telegram:1', { locale: 'fa-AF', calendar: 'persian' });
    await first.set('telegram:1', { news: ['fa', 'ps'] });
    await keyv.namespace('chat-language').set('telegram:2', { locale: 'klingon' });
    const again = await openChatLanguages(keyv, (key) => warnings.push(key));
    expect(again.get('telegram:1')).toEqual({ locale: 'fa-AF', calendar: 'persian', news: ['fa', 'ps'] });
    expect(again.get('telegram:2')).toBeUndefined();
    expect(warnings).toEqual(['chat-language:telegram:2']);
    await keyv.close();
  });
});
