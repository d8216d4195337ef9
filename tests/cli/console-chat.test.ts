import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../adapters/console/console-chat.js';
import type { Briefer } from '../../src/index.js';
import { openSeedBriefer, SEED_TITLES } from '../support/seed-briefer.js';

let briefer: Briefer;
beforeAll(async () => {
  briefer = await openSeedBriefer();
});
afterAll(() => briefer.close());

/** Types the lines into the terminal chat and returns everything it printed. */
async function chat(lines: string[], services: Briefer = briefer): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const session = createConsoleChat({ services, input, output, timeZone: 'Asia/Kabul' });
  const done = session.run();
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return printed;
}

describe('the terminal chat', () => {
  it('answers /topic iran with the Bagram and border-markers articles', async () => {
    const printed = await chat(['/topic iran']);
    expect(printed).toContain(SEED_TITLES.bagram);
    expect(printed).toContain(SEED_TITLES.border);
    expect(printed).not.toContain(SEED_TITLES.csto);
    expect(printed).toContain('Ariana News');
  });

  it('answers several lines in order, with or without the slash', async () => {
    const printed = await chat(['latest 1', '/topic health']);
    expect(printed.indexOf(SEED_TITLES.bagram)).toBeLessThan(printed.indexOf(SEED_TITLES.faculty));
  });

  it('suggests a topic for a typo and explains what a command looks like', async () => {
    const printed = await chat(['/topic afghanistn', '???']);
    expect(printed).toMatch(/Did you mean Afghanistan\b/);
    expect(printed).toMatch(/Commands start with a slash/);
  });

  it('answers every line of piped input, even those still queued when the input ends', async () => {
    // each answer takes a little while, as it does over a real store: the input ends before they are done
    const slowBriefings = new Proxy(briefer.briefings, {
      get(target, property, receiver) {
        if (property === 'resume') {
          return async (chatId: string) => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            return target.resume(chatId);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const printed = await chat(['/latest 1', '/topics', '/sources', '/topic health'], {
      ...briefer,
      briefings: slowBriefings,
    });
    expect(printed).toContain(SEED_TITLES.faculty);
  });

  it('stops at /quit', async () => {
    const printed = await chat(['/quit', '/latest']);
    expect(printed).not.toContain(SEED_TITLES.bagram);
  });
});
