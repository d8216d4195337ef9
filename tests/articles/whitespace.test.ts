import { describe, expect, it } from 'vitest';
import { isCleanLine, isWhitespace } from '../../src/articles/whitespace.js';

// what the folding code does when the gate says it must run
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

function randomText(seed: number): string {
  const pieces = ['a', 'Word', ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '\u0092', '\u0001', '.', 'ی', '😀'];
  let state = seed;
  let text = '';
  for (let n = 0; n < 12; n++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    text += pieces[state % pieces.length];
  }
  return text;
}

describe('isWhitespace', () => {
  it('agrees with the regex \\s on every utf-16 code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isWhitespace(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('isCleanLine', () => {
  it('accepts words apart by single spaces, in any script', () => {
    expect(isCleanLine('')).toBe(true);
    expect(isCleanLine('Kabul – Herat: talks resume.')).toBe(true);
    expect(isCleanLine('کابل و هرات')).toBe(true);
  });

  it('refuses what folding, trimming or mending would change', () => {
    for (const text of [
      ' a',
      'a ',
      'a  b',
      'a\tb',
      'a\nb',
      'a\u00a0b',
      'a\u2003b',
      'a\u0001b',
      'don\u0092t',
      'a\u007fb',
    ]) {
      expect(isCleanLine(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('only passes text that folding leaves as it is', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const text = randomText(seed);
      if (isCleanLine(text)) expect(fold(text)).toBe(text);
      else expect(isCleanLine(fold(text)) || /[\u0000-\u001f\u007f-\u009f]/.test(text)).toBe(true);
    }
  });
});
