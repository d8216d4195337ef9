import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/articles/summarize.js';

const lede =
  'A senior Iranian official has dismissed U.S. President Donald Trump’s recent remarks about regaining control of the Bagram Air Base in Afghanistan, saying the Islamic Emirate of Afghanistan (IEA) has made clear it will not cede territory to Washington.';
const second =
  'Ali Larijani told state media on Wednesday that “not even an inch of Afghan soil” would be handed over.';
const third = 'He added that any attempt would face “serious resistance.”';

// every word of the summary (the last one before an ellipsis included) is a whole word of the text
function wholeWords(summary: string, text: string): boolean {
  const words = new Set(text.split(/\s+/));
  return summary
    .replace(/…$/, '')
    .split(/\s+/)
    .every(
      (word) =>
        words.has(word) ||
        [...words].some((w) => w.startsWith(word) && /^[,;:.!?)”’"']+$/.test(w.slice(word.length))),
    );
}

describe('summarize', () => {
  it('returns a short text whole, whitespace folded', () => {
    expect(summarize('  Short   text.\n\nSecond  line. ')).toBe('Short text. Second line.');
  });

  it('cuts after the last whole sentence that fits', () => {
    const text = `${lede} ${second} ${third}`;
    expect(summarize(text)).toBe(lede);
    expect(summarize(text, 400)).toBe(`${lede} ${second}`);
  });

  it('does not end a sentence at an abbreviation or an initial', () => {
    const text =
      'Officials met Mr. Smith and the U.S. envoy in Doha on Monday. ' +
      'More words follow here. '.repeat(20);
    expect(summarize(text, 80)).toBe('Officials met Mr. Smith and the U.S. envoy in Doha on Monday.');
  });

  it('falls back to a word boundary and "…" when the first sentence is too long', () => {
    const summary = summarize(lede, 100);
    expect(summary.length).toBeLessThanOrEqual(100);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).toBe(
      'A senior Iranian official has dismissed U.S. President Donald Trump’s recent remarks about…',
    );
  });

  it('never cuts a word, whatever the limit', () => {
    const text = `${lede} ${second} ${third}`;
    for (let max = 20; max <= 320; max += 7) {
      const summary = summarize(text, max);
      expect(summary.length).toBeLessThanOrEqual(max);
      expect(wholeWords(summary, text)).toBe(true);
    }
  });

  it('drops feed boilerplate: "Continue reading", "The post … appeared first on …", "[…]", "Published on"', () => {
    expect(summarize('Prices rose. Continue reading →')).toBe('Prices rose.');
    expect(summarize('Prices rose. Read more')).toBe('Prices rose.');
    expect(summarize('Prices rose. The post Prices rose appeared first on Ariana News.')).toBe(
      'Prices rose.',
    );
    expect(summarize('Prices rose on Monday […]')).toBe('Prices rose on Monday');
    expect(summarize('Published on September 24, 2025: Prices rose.')).toBe(
      'September 24, 2025: Prices rose.',
    );
    expect(summarize('Published research shows a rise.')).toBe('Published research shows a rise.');
  });

  it('cuts persian text at its own sentence marks', () => {
    const text =
      'وزارت معارف اعلام کرد که مکاتب باز می‌شوند. ' + 'این خبر مهم است؟ ' + 'متن بیشتر '.repeat(40);
    expect(summarize(text, 80)).toBe('وزارت معارف اعلام کرد که مکاتب باز می‌شوند. این خبر مهم است؟');
  });

  it('cuts text without spaces where it must, keeping characters whole', () => {
    const summary = summarize('長'.repeat(400), 50);
    expect(summary.length).toBeLessThanOrEqual(50);
    expect(summary.endsWith('…')).toBe(true);
  });
});
