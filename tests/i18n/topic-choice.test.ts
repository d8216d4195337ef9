// a topic offered after a typo: its name in the reader's language, the id after it when the name does
// not spell what they would type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/index.js';
import { topicChoice } from '../../commands/topic-choice.js';
import type { Briefer, Locale, Topic } from '../../src/index.js';
import { openSeedBriefer } from '../support/seed-briefer.js';

let briefer: Briefer;
beforeAll(async () => {
  briefer = await openSeedBriefer();
});
afterAll(() => briefer.close());

const topic = (id: string) => briefer.topics.topics.find((found) => found.id === id) as Topic;

describe('a suggested topic', () => {
  it('is its name alone where the name spells the id, in English', () => {
    expect(topicChoice(topic('afghanistan'))('en')).toBe('Afghanistan');
    expect(topicChoice(topic('central-asia'))('en')).toBe('Central Asia');
    expect(topicChoice(topic('women-rights'))('en')).toBe("Women's rights (women-rights)");
  });

  it('is its Dari or Pashto name with the id to type after it', () => {
    expect(topicChoice(topic('central-asia'))('fa-AF')).toBe('آسیای میانه (central-asia)');
    expect(topicChoice(topic('central-asia'))('ps')).toBe('منځنۍ آسیا (central-asia)');
  });

  it.each([
    ['en', 'Did you mean Central Asia?'],
    ['fa-AF', 'آیا منظورتان آسیای میانه (central-asia) بود؟'],
    ['ps', 'ایا ستاسو مطلب منځنۍ آسیا (central-asia) و؟'],
  ] as const)('reads so in a whole %s reply', async (locale: Locale, expected) => {
    const context = { chat: 'telegram:5', user: 'telegram:5', timeZone: 'Asia/Kabul', locale };
    const reply = await runCommand({ name: 'topic', text: 'centrl asai', context }, briefer);
    expect(reply.text).toContain(expected);
  });
});
