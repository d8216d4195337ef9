import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../adapters/telegram/escape-html.js';
import { renderTelegram, type TelegramMessage } from '../../adapters/telegram/render-html.js';
import type { Reply } from '../../commands/command.js';
import { expectGolden } from '../support/golden.js';
import {
  DARI_TITLE,
  EMOJI,
  HOSTILE_TITLE,
  KABUL_NOW,
  PASHTO_SUMMARY,
  SEED_ITEMS,
  makeBigDigest,
  makeDigest,
  makeItem,
  makeSectionsDigest,
} from '../support/sample-digest.js';
import { checkTelegramMessage, parseTelegramHtml } from '../support/telegram-html-check.js';

const golden = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));

function serialise(messages: TelegramMessage[]): string {
  return messages
    .map(
      (m, i) =>
        `<!-- message ${i + 1} of ${messages.length}, link preview ${JSON.stringify(m.link_preview_options)} -->\n${m.text}`,
    )
    .join('\n\n')
    .concat('\n');
}

function expectValid(messages: TelegramMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(checkTelegramMessage(message)).toEqual([]);
}

describe('renderTelegram', () => {
  it('renders the four seed articles as in the golden file', () => {
    const messages = renderTelegram({
      digest: makeDigest(),
      choices: [{ label: 'Iran', command: '/topic iran' }],
    });
    expectValid(messages);
    expectGolden(golden('seed-digest.telegram.txt'), serialise(messages));
  });

  it('renders headings, "also" and first-seen times as in the golden file', () => {
    const messages = renderTelegram({ text: 'Your briefing for Wednesday.', digest: makeSectionsDigest() });
    expectValid(messages);
    expectGolden(golden('seed-sections.telegram.txt'), serialise(messages));
  });

  it('splits 60 items into several valid messages, each item whole and in order', () => {
    const digest = makeBigDigest(60);
    const messages = renderTelegram({ digest });
    expectValid(messages);
    expect(messages.length).toBeGreaterThan(1);
    const texts = messages.map((m) => parseTelegramHtml(m.text).text);
    const items = digest.sections.flatMap((s) => s.items);
    const where = items.map((item) => {
      const holders = texts.flatMap((text, i) => (text.includes(`${item.title}\n`) ? [i] : []));
      expect(holders, item.title).toHaveLength(1);
      const text = texts[holders[0]!]!;
      // the whole item is in that message: title, time, summary and the end of its block
      expect(text).toContain(`${item.title}\n${item.sourceName} · `);
      expect(text).toContain(item.summary);
      return holders[0]!;
    });
    expect(where).toEqual([...where].sort((a, b) => a - b));
    // a heading is never the last thing in a message
    for (const text of texts) expect(text).not.toMatch(/Section \d+$/);
    expect(messages.every((m) => m.link_preview_options.is_disabled)).toBe(true);
  });

  it('shortens the summary of an item too long for one message, at a word boundary', () => {
    const summary = 'security '.repeat(1000).trim();
    const [message, ...rest] = renderTelegram({
      digest: makeDigest({ sections: [{ items: [makeItem(1, { summary })] }] }),
    });
    expect(rest).toHaveLength(1); // the footer
    expectValid([message!]);
    const text = parseTelegramHtml(message!.text).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.length).toBeGreaterThan(4000);
    expect(text).toMatch(/ security…$/);
  });

  it('counts emoji and Dari/Pashto text in UTF-16 units and never splits a surrogate pair', () => {
    const summary = `${PASHTO_SUMMARY} ${EMOJI.repeat(1200)}`; // 3,600 code points, over 7,000 units
    const item = makeItem(2, { title: `${EMOJI} ${DARI_TITLE}`, summary, sourceName: 'طلوع نیوز' });
    const messages = renderTelegram({
      digest: makeDigest({ sections: [{ items: [item] }], footer: undefined }),
    });
    expect(messages).toHaveLength(1);
    expectValid(messages);
    const text = parseTelegramHtml(messages[0]!.text).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain(DARI_TITLE);
    expect(text).toContain(PASHTO_SUMMARY);
    // cut between whole characters: no replacement character stands in for half an emoji
    expect(text).not.toContain('\uFFFD');
    // the shortened summary still closes its isolate (right-to-left text in an English digest)
    expect(text).toMatch(/[\u{1F1E6}-\u{1F1FF}📰🕌]…\u2069$/u);
  });

  it('keeps a hostile headline harmless: escaped, words readable, no markup of its own', () => {
    const item = makeItem(1, {
      title: HOSTILE_TITLE,
      sourceName: '<i>Outlet</i> & Co',
      summary: 'a </b> b <a href="x">',
    });
    const [message] = renderTelegram({ digest: makeDigest({ sections: [{ items: [item] }] }) });
    expectValid([message!]);
    const parsed = parseTelegramHtml(message!.text);
    expect(parsed.text).toContain(`${HOSTILE_TITLE}\n<i>Outlet</i> & Co · `);
    expect(parsed.text).toContain('a </b> b <a href="x">');
    const links = parsed.entities.filter((e) => e.type === 'text_link').map((e) => e.url);
    expect(links).toEqual(['https://example.com/news/1']);
  });

  it('links only http(s) addresses and escapes quotes inside href', () => {
    const bad = makeItem(1, {
      url: 'javascript:alert(1)',
      alsoReportedBy: [{ sourceName: 'X', url: 'data:text/html,hi' }],
    });
    const quoted = makeItem(2, { url: 'https://example.com/a"b?q="><b>&x=1' });
    const [message] = renderTelegram({ digest: makeDigest({ sections: [{ items: [bad, quoted] }] }) });
    expectValid([message!]);
    expect(message!.text).not.toContain('javascript:');
    expect(message!.text).not.toContain('data:');
    expect(message!.text).toContain('&amp;x=1"');
    const links = parseTelegramHtml(message!.text).entities.filter((e) => e.type === 'text_link');
    expect(links.map((e) => e.url)).toEqual([new URL('https://example.com/a"b?q="><b>&x=1').href]);
  });

  it('asks for a preview of a single article and none for a list', () => {
    const one = renderTelegram({ digest: makeDigest({ sections: [{ items: [SEED_ITEMS[2]!] }] }) });
    expect(one.map((m) => m.link_preview_options)).toEqual([{ is_disabled: false, url: SEED_ITEMS[2]!.url }]);
    const many = renderTelegram({ digest: makeDigest() });
    expect(
      many.every((m) => m.link_preview_options.is_disabled && m.link_preview_options.url === undefined),
    ).toBe(true);
  });

  it('shows the empty text, escaped plain text and choices', () => {
    const empty = renderTelegram({ digest: makeDigest({ sections: [], footer: undefined }) });
    expect(empty.map((m) => parseTelegramHtml(m.text).text)).toEqual([
      'Latest news\n\nNothing new yet. Try /sources to see what is followed.',
    ]);
    const reply: Reply = {
      text: 'Unknown topic "<irn>" & more.',
      choices: [
        { label: 'Iran', command: 'topic iran' },
        { label: 'Latest', command: '/latest' },
      ],
    };
    const [message] = renderTelegram(reply);
    expectValid([message!]);
    expect(parseTelegramHtml(message!.text).text).toBe(
      'Unknown topic "<irn>" & more.\n\nTry: /topic iran · /latest',
    );
  });

  it('splits a long plain text into valid messages and gives nothing for an empty reply', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} & ${'words '.repeat(40)}`).join('\n\n');
    const messages = renderTelegram({ text });
    expect(messages.length).toBeGreaterThan(1);
    expectValid(messages);
    expect(renderTelegram({})).toEqual([]);
  });

  it('uses the digest time for relative times', () => {
    const [message] = renderTelegram({ digest: makeDigest({ generatedAt: KABUL_NOW + 24 * 3_600_000 }) });
    expect(parseTelegramHtml(message!.text).text).toContain('Ariana News · yesterday · 24 Sep 2025, 14:12');
  });

  it('leaves out empty parts instead of sending empty tags', () => {
    const digest = makeDigest({ sections: [{ heading: ' ', items: [] }], emptyText: ' ', footer: '' });
    expect(renderTelegram({ text: '  ', digest }).map((m) => m.text)).toEqual(['<b>Latest news</b>']);
  });
});

describe('escapeHtml', () => {
  it('escapes &, <, > and quotes, and mends lone surrogates', () => {
    expect(escapeHtml(`a & <b> "c" 'd'`)).toBe(`a &amp; &lt;b&gt; &quot;c&quot; 'd'`);
    expect(escapeHtml('x\uD83Cy')).toBe('x\uFFFDy');
    expect(escapeHtml('🇦🇫')).toBe('🇦🇫');
  });
});
