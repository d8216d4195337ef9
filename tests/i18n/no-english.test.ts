// no English words of the bot's own in a Dari or Pashto reply: the words of the English catalogue
// that its Dari or Pashto counterpart does not keep on purpose (command keywords, zone names,
// "Discord") must not show; news text, outlet names and commands with their arguments are left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Reply } from '../../commands/index.js';
import { t, type Briefer } from '../../src/index.js';
import { goldenReplies } from '../golden/replies.js';
import { openSeedBriefer } from '../support/seed-briefer.js';
import { englishLeaks, englishOnly, untypedLatin, visibleText } from './english-leaks.js';

const LINES = [
  '/topics',
  '/sources',
  '/latest 2',
  '/language',
  '/subscriptions',
  '/timezone',
  '/briefing',
  '/topic xyzzyq',
  '/topic afghanistn',
  '/latest 99',
  '/nosuch',
  '/lates 3',
  '/source list',
  '/subscribe iran at 07:30',
  '/subscriptions',
  '/unsubscribe pakistan',
  '/timezone Tehran',
];

let briefer: Briefer;
beforeAll(async () => {
  briefer = await openSeedBriefer();
});
afterAll(() => briefer.close());

describe.each(['fa-AF', 'ps'] as const)('a reply in %s', (locale) => {
  const english = englishOnly(locale);
  const leaks = englishLeaks(locale);

  it('has English words to look for (the check is not empty)', () => {
    expect(english.has('briefing')).toBe(true);
    expect(english.has('also')).toBe(true);
    expect(leaks({ text: t('en', 'latest.empty'), locale })).not.toEqual([]);
  });

  it('of /help, /topic afghanistan and a briefing holds none of the bot’s English words', async () => {
    const replies = await goldenReplies(locale);
    for (const [name, reply] of Object.entries(replies)) expect(leaks(reply), name).toEqual([]);
    // a story other outlets carried too: "also:" and "… more" in the reader's language
    const digest = replies.topic.digest!;
    const [first, ...rest] = digest.sections[0]!.items;
    const others = ['Tolo', 'Pajhwok', 'Khaama', 'Shamshad', 'Hasht-e Subh', 'Etilaatroz', 'Kabul Now'];
    const story = { ...first!, alsoReportedBy: others.map((sourceName) => ({ sourceName })) };
    const withStory = { ...replies.topic, digest: { ...digest, sections: [{ items: [story, ...rest] }] } };
    expect(leaks(withStory)).toEqual([]);
    expect(visibleText(withStory)).toContain(t(locale, 'render.also'));
  });

  const ask = (line: string): Promise<Reply> => {
    const chat = `telegram:-${locale === 'ps' ? 2 : 1}0077`;
    const [name = '', ...rest] = line.slice(1).split(' ');
    const context = { chat, user: 'telegram:9', timeZone: 'Asia/Kabul', locale };
    return runCommand({ name, text: rest.join(' '), context }, briefer);
  };

  it('of every other command, its mistakes and its suggestions, holds none either', async () => {
    for (const line of LINES) expect(leaks(await ask(line)), line).toEqual([]);
  });

  it('suggesting topics, names them in the reader’s language with only the ids they can type', async () => {
    const ids = briefer.topics.topics.map((topic) => topic.id);
    const untyped = untypedLatin(locale, ids);
    for (const [line, typed] of [
      ['/topic afghanistn', 'afghanistn'],
      ['/subscribe afghanistn', 'afghanistn'],
      ['/subscribe iran centrl asia', 'centrl'],
      ['/unsubscribe pakistn', 'pakistn'],
    ] as const) {
      const reply = await ask(line);
      // what the reader typed is said back; anything else Latin must be an id to type
      expect(untyped(reply, [typed]), line).toEqual([]);
      expect(leaks(reply), line).toEqual([]);
    }
    const suggested = (await ask('/topic afghanistn')).text ?? '';
    expect(suggested).toContain(`${t(locale, 'quote', { text: 'afghanistn' })}`);
    expect(suggested).toContain('افغانستان (afghanistan)');
    // the English names are caught, even where they are spelled like the ids
    const caught = new Set(untyped({ text: 'Afghanistan (afghanistan), Central Asia', locale }, []));
    expect([...caught]).toEqual(['Afghanistan', 'Central']);
  });
});
