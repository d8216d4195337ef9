import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Reply } from '../../commands/index.js';
import { digestItems, type Briefer } from '../../src/index.js';
import { openSeedBriefer, SEED_TITLES } from '../support/seed-briefer.js';

let briefer: Briefer;
beforeAll(async () => {
  briefer = await openSeedBriefer();
});
afterAll(() => briefer.close());

const context = { chat: 'console:test', user: 'console:test', timeZone: 'Asia/Kabul' };
const ask = (line: string): Promise<Reply> => {
  const [name = '', ...rest] = line.replace(/^\//, '').split(' ');
  return runCommand({ name, text: rest.join(' '), context }, briefer);
};
const titles = (reply: Reply) => (reply.digest ? digestItems(reply.digest).map((item) => item.title) : []);

describe('the seed articles through the commands', () => {
  it('/topic afghanistan lists all four seed articles, newest first', async () => {
    expect(titles(await ask('/topic afghanistan'))).toEqual([
      SEED_TITLES.bagram,
      SEED_TITLES.csto,
      SEED_TITLES.faculty,
      SEED_TITLES.border,
    ]);
  });

  it('/topic iran gives the Bagram and the border-markers articles only', async () => {
    expect(titles(await ask('/topic iran'))).toEqual([SEED_TITLES.bagram, SEED_TITLES.border]);
  });

  it('/topic russia gives the Bagram and the CSTO articles only', async () => {
    expect(titles(await ask('/topic russia'))).toEqual([SEED_TITLES.bagram, SEED_TITLES.csto]);
  });

  it('/topic health gives the prophetic-medicine faculty', async () => {
    expect(titles(await ask('/topic health'))).toEqual([SEED_TITLES.faculty]);
  });

  it('/topic central asia 5 takes a name of several words and a count', async () => {
    expect(titles(await ask('/topic central asia 5'))).toContain(SEED_TITLES.csto);
  });

  it('/topic bagram searches the text and gives the Bagram article only', async () => {
    expect(titles(await ask('/topic bagram'))).toEqual([SEED_TITLES.bagram]);
  });

  it('/topic afghanistn suggests afghanistan', async () => {
    const reply = await ask('/topic afghanistn');
    expect(reply.digest).toBeUndefined();
    expect(reply.text).toMatch(/Did you mean Afghanistan\b/);
    expect(reply.choices?.[0]?.command).toBe('/topic afghanistan');
  });

  it('/topic in Dari finds the same articles as in English', async () => {
    expect(titles(await ask('/topic افغانستان'))).toHaveLength(4);
    expect(titles(await ask('/topic ايران'))).toEqual([SEED_TITLES.bagram, SEED_TITLES.border]);
  });

  it('/latest shows the newest articles with their outlet and summary', async () => {
    const reply = await ask('/latest');
    const items = reply.digest ? digestItems(reply.digest) : [];
    expect(items.map((item) => item.title)).toEqual(Object.values(SEED_TITLES));
    expect(items[0]?.sourceName).toBe('Ariana News');
    expect(items[0]?.summary).toMatch(/^Russia, China, and Iran have all publicly warned/);
  });

  it('/latest takes a count and a source by id or name, in any order and case', async () => {
    expect(titles(await ask('/latest 2'))).toHaveLength(2);
    expect(titles(await ask('/latest 2 Ariana News'))).toEqual([SEED_TITLES.bagram, SEED_TITLES.csto]);
    expect(titles(await ask('/latest ARIANA-NEWS 3'))).toHaveLength(3);
    const reply = await ask('/latest 1');
    expect(reply.digest?.footer).toBe('… and 3 more: /latest 25');
  });
});

describe('mistakes get a helpful answer', () => {
  it('a count out of range says the range', async () => {
    for (const line of ['/latest 0', '/latest 26', '/topic iran 500', '/latest -3']) {
      const reply = await ask(line);
      expect(reply.text, line).toMatch(/from 1 to 25/);
      expect(reply.private).toBe(true);
    }
  });

  it('an unknown source lists the known ones', async () => {
    const reply = await ask('/latest nowhere-news');
    expect(reply.text).toMatch(/don't know a source called "nowhere-news".*ariana-news/);
  });

  it('a missing topic name shows the usage', async () => {
    expect((await ask('/topic')).text).toMatch(/give a topic name.*Usage: \/topic <name…> \[count\]/i);
  });

  it('absurd arguments (10,000 characters, control characters, bidi marks) get a short answer', async () => {
    const long = await ask(`/topic ${'x'.repeat(10_000)}`);
    expect(long.text).toMatch(/too long/);
    expect(long.text!.length).toBeLessThan(200);
    const control = await ask('/topic \u0000\u202e\u0007');
    expect(control.text).toMatch(/give a topic name/i);
  });

  it('an unknown command points to /help', async () => {
    expect((await ask('/frobnicate')).text).toMatch(/don't know the command \/frobnicate.*\/help/);
    expect((await ask('/x<y>')).text).toBe(
      "I don't know the command /x<y>. Send /help to see what I can do.",
    );
  });

  it('a mistyped command gets the one it most likely meant, with its arguments', async () => {
    expect((await ask('/lates 3')).text).toMatch(
      /^I don't know the command \/lates\. Did you mean \/latest 3\?/,
    );
    expect((await ask('/sub')).text).toMatch(/Did you mean \/subscribe\?/);
    expect((await ask('/TOPCS')).text).toMatch(/Did you mean \/topics\?/);
  });

  it('a word that is no command is offered as a search (the terminal reads "kabul" as /kabul)', async () => {
    expect((await ask('/kabul')).text).toMatch(/Send \/topic kabul to find news about it, or \/help/);
    expect((await ask('central asia')).text).toMatch(/Send \/topic central asia to find news/);
    // "hello" is two edits from /help: too far to guess
    expect((await ask('/hello')).text).toMatch(/Send \/topic hello to find news/);
  });
});

describe('lists', () => {
  it('/topics lists every topic in three languages with counts', async () => {
    const text = (await ask('/topics')).text ?? '';
    expect(text).toMatch(/Afghanistan — .+ — .+ \(afghanistan\): 4 articles/);
    expect(text).toMatch(/\(sports\): 0 articles/);
  });

  it('/sources shows each outlet, its article count and its last fetch', async () => {
    expect((await ask('/sources')).text).toMatch(/Ariana News \(ariana-news, en\): 4 articles, fetched/);
  });

  it('/help lists every command with an example', async () => {
    const text = (await ask('/help')).text ?? '';
    for (const name of ['/latest', '/topic', '/topics', '/sources', '/help']) expect(text).toContain(name);
  });
});

describe('paging', () => {
  it('offers the next page while more articles remain, and its title says where it is', async () => {
    const first = await ask('/latest 3');
    expect(first.next).toEqual({ name: 'latest', options: { count: 3, source: undefined, offset: 3 } });
    const second = await runCommand({ name: 'latest', options: first.next!.options, context }, briefer);
    expect(titles(second)).toEqual([SEED_TITLES.border]);
    expect(second.digest?.title).toBe('Latest news (4 of 4)');
    expect(second.next).toBeUndefined();
  });

  it('pages a topic too', async () => {
    const first = await ask('/topic afghanistan 2');
    const second = await runCommand({ name: 'topic', options: first.next!.options, context }, briefer);
    expect(titles(second)).toEqual([SEED_TITLES.faculty, SEED_TITLES.border]);
  });
});
