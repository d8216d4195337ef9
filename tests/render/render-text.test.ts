import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.js';
import { expectGolden } from '../support/golden.js';
import {
  DARI_TITLE,
  HOSTILE_TITLE,
  PASHTO_SUMMARY,
  makeBigDigest,
  makeDigest,
  makeItem,
  makeSectionsDigest,
} from '../support/sample-digest.js';

const golden = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));
const FSI = '\u2068';
const PDI = '\u2069';
// columns a line takes: isolates and other zero-width characters take none
const columns = (line: string) => [...line.replace(/[\u2066-\u2069\u200B-\u200F]/g, '')].length;

describe('renderText', () => {
  it('renders the four seed articles as in the golden file', () => {
    const text = renderText({ digest: makeDigest(), choices: [{ label: 'Iran', command: '/topic iran' }] });
    expectGolden(golden('seed-digest.text.txt'), `${text}\n`);
  });

  it('renders headings, "also" and first-seen times as in the golden file', () => {
    const text = renderText(
      { text: 'Your briefing for Wednesday.', digest: makeSectionsDigest() },
      { width: 72 },
    );
    expectGolden(golden('seed-sections.text.txt'), `${text}\n`);
  });

  it.each([40, 72, 100])('wraps at %d columns without breaking words', (width) => {
    const digest = makeBigDigest(12);
    const text = renderText({ digest }, { width });
    for (const line of text.split('\n')) {
      const isOneWord = !/\S\s+\S/.test(line.trim());
      if (!isOneWord) expect(columns(line), line).toBeLessThanOrEqual(width);
    }
    // every word of every summary is still there, whole
    const shownWords = new Set(text.split(/\s+/));
    for (const item of digest.sections.flatMap((s) => s.items)) {
      for (const word of item.summary.split(/\s+/)) expect(shownWords).toContain(word);
    }
  });

  it('isolates right-to-left text next to Latin text and numbers, and leaves Latin lines alone', () => {
    const item = makeItem(4, {
      title: DARI_TITLE,
      summary: PASHTO_SUMMARY,
      sourceName: 'طلوع نیوز',
      alsoReportedBy: [{ sourceName: 'پژواک' }, { sourceName: 'Amu TV' }],
    });
    const text = renderText({ digest: makeDigest({ sections: [{ items: [item, makeItem(1)] }] }) });
    const lines = text.split('\n');
    expect(lines).toContain(`• ${FSI}${DARI_TITLE}${PDI}`);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^  ${FSI}طلوع نیوز${PDI} · 3 hours ago · `)),
    );
    expect(lines).toContain(`  ${FSI}${PASHTO_SUMMARY}${PDI}`);
    expect(lines).toContain(`  also: ${FSI}پژواک${PDI}, Amu TV`);
    expect(lines.filter((l) => /[A-Za-z]/.test(l) && !/[\u0600-\u06FF]/.test(l)).join('')).not.toMatch(
      /[\u2068\u2069]/,
    );
  });

  it('keeps the isolates balanced on every line when right-to-left text wraps', () => {
    const text = renderText(
      {
        digest: makeDigest({
          sections: [{ items: [makeItem(1, { summary: `${PASHTO_SUMMARY} `.repeat(6) })] }],
        }),
      },
      { width: 40 },
    );
    for (const line of text.split('\n')) {
      expect(line.split(FSI).length, line).toBe(line.split(PDI).length);
      expect(columns(line)).toBeLessThanOrEqual(40);
    }
  });

  it('counts an emoji as two columns, as a terminal draws it, not by UTF-16 units', () => {
    const line = `${'📰'.repeat(10)} ${'📰'.repeat(10)}`; // 41 columns, 41 UTF-16 units
    expect(renderText({ text: line }, { width: 41 }).split('\n')).toHaveLength(1);
    expect(renderText({ text: line }, { width: 40 }).split('\n')).toHaveLength(2);
    const flags = `${'🇦🇫'.repeat(5)} ${'🇦🇫'.repeat(5)}`; // 21 columns, 41 UTF-16 units
    expect(renderText({ text: flags }, { width: 21 }).split('\n')).toHaveLength(1);
  });

  it('keeps a hostile headline readable and takes out terminal control characters', () => {
    const item = makeItem(1, {
      title: `${HOSTILE_TITLE}\u001b[2J\u202Eevil`,
      summary: 'line\u0007 one\nline two',
    });
    const text = renderText({ digest: makeDigest({ sections: [{ items: [item] }] }) }, { width: 400 });
    expect(text).toContain(`• ${HOSTILE_TITLE}[2Jevil`);
    expect(text).toContain('  line one line two');
    expect(text).not.toMatch(/(?!\n)[\p{Cc}\u202A-\u202E]/u);
  });

  it('shows only http(s) links', () => {
    const text = renderText({
      digest: makeDigest({ sections: [{ items: [makeItem(1, { url: 'javascript:alert(1)' })] }] }),
    });
    expect(text).not.toContain('javascript:');
  });

  it('shows the empty text, plain text as given, and choices', () => {
    expect(renderText({ digest: makeDigest({ sections: [], footer: undefined }) })).toBe(
      'Latest news\n\nNothing new yet. Try /sources to see what is followed.',
    );
    const reply = {
      text: 'Unknown topic "irn".\n\nDid you mean:',
      choices: [
        { label: 'Iran', command: 'topic iran' },
        { label: 'Latest', command: '/latest' },
      ],
    };
    expect(renderText(reply)).toBe('Unknown topic "irn".\n\nDid you mean:\n\nTry: /topic iran · /latest');
    expect(renderText({})).toBe('');
  });

  it('leaves out empty parts instead of printing blank blocks', () => {
    const digest = makeDigest({ sections: [{ heading: ' ', items: [] }], emptyText: ' ', footer: '' });
    expect(renderText({ text: '  ', digest })).toBe('Latest news');
  });
});
