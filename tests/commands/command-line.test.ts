import { describe, expect, it } from 'vitest';
import { createCommandRateLimit, parseCommandLine } from '../../commands/index.js';
import { createFixedClock } from '../../src/index.js';

describe('parseCommandLine', () => {
  it('splits a command from its words', () => {
    expect(parseCommandLine('/topic central asia 5')).toEqual({ name: 'topic', text: 'central asia 5' });
    expect(parseCommandLine('  /LATEST  ')).toEqual({ name: 'latest', text: '' });
  });

  it('keeps the bot a group command was addressed to', () => {
    expect(parseCommandLine('/latest@briefer_bot 5')).toEqual({
      name: 'latest',
      text: '5',
      botName: 'briefer_bot',
    });
  });

  it('is undefined for text that is not a command', () => {
    expect(parseCommandLine('hello')).toBeUndefined();
    expect(parseCommandLine('/')).toBeUndefined();
    expect(parseCommandLine(`/${'x'.repeat(40)}`)).toBeUndefined();
  });
});

describe('the command rate limit', () => {
  it('allows 20 a minute, then one notice, then silence until the minute passes', () => {
    const clock = createFixedClock(0);
    const limit = createCommandRateLimit({ clock });
    const decisions = Array.from({ length: 23 }, () => limit.check('telegram:1'));
    expect(decisions.slice(0, 20).every((d) => d === 'allow')).toBe(true);
    expect(decisions.slice(20)).toEqual(['notice', 'silent', 'silent']);
    expect(limit.check('telegram:2')).toBe('allow');
    clock.advance(60_000);
    expect(limit.check('telegram:1')).toBe('allow');
  });
});
