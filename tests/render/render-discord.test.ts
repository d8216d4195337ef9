import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  renderDiscord,
  sourceColour,
  type DiscordMessage,
} from '../../adapters/discord/render-embeds.js';
import { checkDiscordMessage } from '../support/discord-limits-check.js';
import { expectGolden } from '../support/golden.js';
import {
  DARI_TITLE,
  EMOJI,
  HOSTILE_TITLE,
  PASHTO_SUMMARY,
  SEED_ITEMS,
  makeBigDigest,
  makeDigest,
  makeItem,
  makeSectionsDigest,
} from '../support/sample-digest.js';

const golden = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));
// what a reader sees: escapes and zero-width spaces gone
const shown = (markdown: string) => markdown.replace(/\u200B/g, '').replace(/\\(.)/gs, '$1');

function expectValid(messages: DiscordMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(checkDiscordMessage(message)).toEqual([]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  }
}

describe('renderDiscord', () => {
  it('renders the four seed articles as in the golden file', () => {
    const messages = renderDiscord({ digest: makeDigest() });
    expectValid(messages);
    expectGolden(golden('seed-digest.discord.txt'), `${JSON.stringify(messages, null, 2)}\n`);
  });

  it('renders headings, "also" and first-seen times as in the golden file', () => {
    const messages = renderDiscord({ text: 'Your briefing for Wednesday.', digest: makeSectionsDigest() });
    expectValid(messages);
    expectGolden(golden('seed-sections.discord.txt'), `${JSON.stringify(messages, null, 2)}\n`);
  });

  it('splits 60 items into valid messages of at most 10 embeds, each item once and in order', () => {
    const digest = makeBigDigest(60);
    const messages = renderDiscord({ digest });
    expectValid(messages);
    expect(messages.length).toBeGreaterThanOrEqual(6);
    const urls = messages.flatMap((m) => m.embeds.map((e) => e.url));
    expect(urls).toEqual(digest.sections.flatMap((s) => s.items.map((i) => i.url)));
    // each section starts a message whose content is its heading
    const headings = messages.flatMap((m) => m.content?.match(/Section \d+/g) ?? []);
    expect(headings).toEqual(['Section 1', 'Section 2', 'Section 3']);
    expect(messages.at(-1)?.embeds.at(-1)?.footer?.text).toBe('… and 12 more: /latest 25');
  });

  it('splits before 6,000 characters across a message’s embeds', () => {
    const summary = 'security '.repeat(400).trim(); // about 3,600 characters each
    const items = Array.from({ length: 6 }, (_, n) => makeItem(n, { summary }));
    const messages = renderDiscord({ digest: makeDigest({ sections: [{ items }] }) });
    expectValid(messages);
    expect(messages.filter((m) => m.embeds.length > 0)).toHaveLength(6);
  });

  it('truncates a long title and summary at word boundaries with "…"', () => {
    const item = makeItem(1, { title: 'Kabul '.repeat(100).trim(), summary: 'Herat '.repeat(1000).trim() });
    const [message] = renderDiscord({ digest: makeDigest({ title: '', sections: [{ items: [item] }] }) });
    expectValid([message!]);
    const embed = message!.embeds[0]!;
    expect(embed.title).toMatch(/ Kabul…$/);
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description).toMatch(/ Herat…\n\*/);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description!.length).toBeGreaterThan(4000);
  });

  it('counts emoji in UTF-16 units and keeps Dari/Pashto text whole', () => {
    const item = makeItem(2, {
      title: `${EMOJI} ${DARI_TITLE}`,
      summary: `${PASHTO_SUMMARY} ${EMOJI.repeat(1500)}`,
      sourceName: 'طلوع نیوز',
    });
    const [message] = renderDiscord({ digest: makeDigest({ sections: [{ items: [item] }] }) });
    expectValid([message!]);
    const embed = message!.embeds[0]!;
    // right-to-left text in an English digest keeps its direction inside isolates (U+2068 … U+2069)
    expect(embed.title).toBe(`\u2068${EMOJI} ${DARI_TITLE}\u2069`);
    expect(embed.author?.name).toBe('\u2068طلوع نیوز\u2069');
    expect(embed.description!.startsWith(`\u2068${PASHTO_SUMMARY}`)).toBe(true);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
  });

  it('keeps a hostile headline harmless: no ping, no formatting, words readable', () => {
    const item = makeItem(1, {
      title: HOSTILE_TITLE,
      summary: `@here ${HOSTILE_TITLE}`,
      sourceName: '@everyone News',
    });
    const messages = renderDiscord({
      text: 'Asked by <@42> for @everyone',
      digest: makeDigest({ sections: [{ items: [item] }] }),
    });
    expectValid(messages);
    const embed = messages[0]!.embeds[0]!;
    expect(shown(embed.title!)).toBe(HOSTILE_TITLE);
    expect(shown(embed.description!)).toContain(`@here ${HOSTILE_TITLE}`);
    expect(embed.author?.name).toBe('@\u200Beveryone News');
    expect(embed.title).not.toMatch(/(^|[^\\])(\*\*|__|`|\|\||\[)/);
    expect(shown(messages[0]!.content!)).toContain('Asked by <@42> for @everyone');
  });

  it('escapes markdown where Discord renders it', () => {
    expect(escapeMarkdown('**b** __u__ `c` ||s|| [l](https://x.example/) > q')).toBe(
      '\\*\\*b\\*\\* \\_\\_u\\_\\_ \\`c\\` \\|\\|s\\|\\| \\[l\\](https://x.example/) \\> q',
    );
    expect(escapeMarkdown('# heading\n- item\n1. first\n-# small')).toBe(
      '\\# heading\n\\- item\n1\\. first\n\\-# small',
    );
    expect(escapeMarkdown('@everyone <@123>')).toBe('@\u200Beveryone \\<@\u200B123\\>');
  });

  it('links only http(s) addresses', () => {
    const item = makeItem(3, {
      url: 'javascript:alert(1)',
      alsoReportedBy: [{ sourceName: 'X', url: 'data:text/html,hi' }],
    });
    const [message] = renderDiscord({ digest: makeDigest({ sections: [{ items: [item] }] }) });
    expectValid([message!]);
    expect(message!.embeds[0]!.url).toBeUndefined();
    expect(JSON.stringify(message)).not.toMatch(/javascript:|data:/);
  });

  it('gives each outlet a stable colour of its own', () => {
    expect(sourceColour('ariana-news')).toBe(sourceColour('ariana-news'));
    expect(sourceColour('ariana-news')).not.toBe(sourceColour('tolonews'));
    const [message] = renderDiscord({ digest: makeDigest() });
    expect(new Set(message!.embeds.map((e) => e.color))).toEqual(
      new Set([sourceColour(SEED_ITEMS[0]!.sourceId)]),
    );
  });

  it('shows the empty text and splits long text into content of at most 2,000', () => {
    const empty = renderDiscord({ digest: makeDigest({ sections: [], footer: undefined }) });
    expectValid(empty);
    expect(empty).toEqual([
      {
        content: '**Latest news**\nNothing new yet. Try /sources to see what is followed.',
        embeds: [],
        allowed_mentions: { parse: [] },
      },
    ]);
    const text = `${'_under_ @here '.repeat(400)}`;
    const messages = renderDiscord({ text });
    expect(messages.length).toBeGreaterThan(2);
    expectValid(messages);
    expect(messages.map((m) => shown(m.content!)).join(' ')).toBe(text.trim());
    expect(renderDiscord({})).toEqual([]);
  });

  it('leaves out empty parts instead of sending empty fields', () => {
    const digest = makeDigest({ sections: [{ heading: ' ', items: [] }], emptyText: ' ', footer: '' });
    const messages = renderDiscord({ text: '  ', digest });
    expectValid(messages);
    expect(messages.map((m) => m.content)).toEqual(['**Latest news**']);
  });
});
