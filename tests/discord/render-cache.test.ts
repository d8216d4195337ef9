// the Discord renderer keeps each item's embed for the next answer that shows the same article: the
// output must be exactly what a fresh rendering gives, whatever changed in between.
import { describe, expect, it } from 'vitest';
import { renderDiscord, type DiscordEmbed } from '../../adapters/discord/render-embeds.js';
import type { Digest, DigestItem } from '../../src/index.js';
import { KABUL_NOW, makeDigest, SEED_ITEMS } from '../support/sample-digest.js';

const HOUR = 3_600_000;
const embedsOf = (digest: Digest): DiscordEmbed[] => renderDiscord({ digest }).flatMap((m) => m.embeds);
const withItems = (items: DigestItem[], overrides: Partial<Digest> = {}) =>
  makeDigest({ sections: [{ items }], ...overrides });

describe('Discord embeds kept between answers', () => {
  it('renders the same digest the same way, twice and with fresh objects', () => {
    const first = embedsOf(withItems([...SEED_ITEMS]));
    const again = embedsOf(withItems(SEED_ITEMS.map((item) => ({ ...item }))));
    expect(again).toEqual(first);
    expect(first).toHaveLength(SEED_ITEMS.length);
  });

  it('shows what changed in an article with the same id: title, summary, outlet, other outlets', () => {
    const [item] = SEED_ITEMS;
    const before = embedsOf(withItems([item!]))[0]!;
    const changed: DigestItem = {
      ...item!,
      title: 'Updated: Iran rejects US return to Bagram',
      summary: 'A new summary.',
      sourceName: 'Ariana News (English)',
      alsoReportedBy: [{ sourceName: 'Tolo News', url: 'https://tolonews.com/a' }],
    };
    const after = embedsOf(withItems([changed]))[0]!;
    expect(after.title).toBe('Updated: Iran rejects US return to Bagram');
    expect(after.author?.name).toBe('Ariana News (English)');
    expect(after.description).toMatch(/^A new summary\.\n/);
    expect(after.description).toContain('also: [Tolo News](https://tolonews.com/a)');
    expect(after).not.toEqual(before);
    // and back: the original again, not the changed one
    expect(embedsOf(withItems([item!]))[0]).toEqual(before);
  });

  it('moves the time line on as the digest’s time moves, and the footer with the digest', () => {
    const [item] = SEED_ITEMS;
    const now = embedsOf(withItems([item!], { generatedAt: KABUL_NOW }))[0]!;
    const later = embedsOf(withItems([item!], { generatedAt: KABUL_NOW + 5 * HOUR }))[0]!;
    expect(now.description).toMatch(/\*3 hours ago · /);
    expect(later.description).toMatch(/\*8 hours ago · /);
    const footed = embedsOf(withItems([item!], { footer: '… and 3 more: /latest 25' }))[0]!;
    expect(footed.footer?.text).toBe('… and 3 more: /latest 25');
    const { footer: _footer, ...unfooted } = withItems([item!]);
    expect(embedsOf(unfooted)[0]!.footer).toBeUndefined();
  });

  it('hands out embeds no one can change, so a kept one stays right', () => {
    const [embed] = embedsOf(withItems([SEED_ITEMS[0]!]));
    expect(Object.isFrozen(embed)).toBe(true);
    expect(Object.isFrozen(embed!.author)).toBe(true);
    expect(() => {
      (embed as { title?: string }).title = 'changed';
    }).toThrow(TypeError);
  });
});
