import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDiscordMessage } from '../support/discord-limits-check.js';
import { expectGolden } from '../support/golden.js';
import {
  checkTelegramHtml,
  checkTelegramMessage,
  parseTelegramHtml,
} from '../support/telegram-html-check.js';

describe('the Telegram HTML checker', () => {
  it('reads valid HTML as Telegram does, offsets in UTF-16 units', () => {
    const parsed = parseTelegramHtml(
      '🇦🇫 <b>Kabul &amp; <a href="https://a.example/?x=1&amp;y=2">Herat</a></b> &lt;3 &#128240;',
    );
    expect(parsed.text).toBe('🇦🇫 Kabul & Herat <3 📰');
    expect(parsed.entities).toEqual([
      { type: 'bold', offset: 5, length: 13 },
      { type: 'text_link', offset: 13, length: 5, url: 'https://a.example/?x=1&y=2' },
    ]);
    expect(checkTelegramHtml('<b>ok</b>')).toEqual([]);
  });

  it.each([
    ['a tag Telegram does not know', 'hi <script>x</script>', /unsupported start tag "script"/],
    ['an unclosed tag', '<b>bold', /end tag corresponding/],
    ['crossed tags', '<b><i>x</b></i>', /does not match/],
    ['an end tag with no start', 'x</a>', /without a start tag/],
    ['a bare ampersand', 'Tom & Jerry', /unescaped "&"/],
    ['an entity Telegram does not support', 'a&nbsp;b', /unsupported entity/],
    ['a bare <', 'a < b', /unclosed tag/],
    ['a bare >', 'a > b', /unescaped ">"/],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', /not http\(s\)/],
    ['a link with no href', '<a>x</a>', /without href/],
    ['an attribute not allowed', '<b class="x">x</b>', /not allowed on <b>/],
    [
      'a link inside a link',
      '<a href="https://a.example/"><a href="https://b.example/">x</a></a>',
      /<a> inside <a>/,
    ],
    ['a lone surrogate', 'broken \uD83C emoji', /lone surrogate/],
    ['an invalid character reference', 'a&#xD800;b', /invalid character reference/],
    ['an empty message', '<b> </b>', /empty/],
  ])('fails on %s', (_what, html, problem) => {
    expect(checkTelegramHtml(html)).toEqual([expect.stringMatching(problem)]);
  });

  it('counts length after parsing: 4,096 entities pass, 4,097 fail', () => {
    expect(checkTelegramHtml(`<b>${'&amp;'.repeat(4096)}</b>`)).toEqual([]);
    expect(checkTelegramHtml(`<b>${'&amp;'.repeat(4097)}</b>`)).not.toEqual([]);
  });

  it('counts emoji as two units, as Telegram does', () => {
    // 2,100 code points, 4,200 UTF-16 units
    expect(checkTelegramHtml('📰'.repeat(2100))).toEqual([expect.stringMatching(/too long: 4200/)]);
  });

  it('checks the payload: parse mode and preview url', () => {
    const good = { text: 'x', parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
    expect(checkTelegramMessage(good)).toEqual([]);
    expect(checkTelegramMessage({ ...good, parse_mode: 'MarkdownV2' })).not.toEqual([]);
    expect(
      checkTelegramMessage({
        ...good,
        link_preview_options: { is_disabled: false, url: 'file:///etc/passwd' },
      }),
    ).not.toEqual([]);
  });
});

describe('the Discord limits checker', () => {
  const ok = {
    content: 'hello',
    embeds: [{ title: 'x', description: 'y' }],
    allowed_mentions: { parse: [] },
  };
  const embed = (description: string) => ({ title: 't', description });

  it('passes a message within every limit', () => {
    expect(checkDiscordMessage(ok)).toEqual([]);
  });

  it.each([
    ['content over 2,000', { ...ok, content: 'x'.repeat(2001) }],
    ['11 embeds', { ...ok, embeds: Array.from({ length: 11 }, () => embed('y')) }],
    ['a title over 256', { ...ok, embeds: [{ title: 'x'.repeat(257) }] }],
    ['a description over 4,096', { ...ok, embeds: [embed('x'.repeat(4097))] }],
    ['an author name over 256', { ...ok, embeds: [{ title: 't', author: { name: 'x'.repeat(257) } }] }],
    ['a footer over 2,048', { ...ok, embeds: [{ title: 't', footer: { text: 'x'.repeat(2049) } }] }],
    [
      '26 fields',
      {
        ...ok,
        embeds: [{ title: 't', fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }],
      },
    ],
    [
      'a field value over 1,024',
      { ...ok, embeds: [{ title: 't', fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] },
    ],
    ['6,001 characters across embeds', { ...ok, embeds: [embed('x'.repeat(3000)), embed('x'.repeat(2999))] }],
    ['no allowed_mentions', { content: 'x', embeds: [] }],
    ['mentions allowed', { content: 'x', embeds: [], allowed_mentions: { parse: ['everyone'] } }],
    ['a live @everyone', { ...ok, content: 'hey @everyone' }],
    ['a live user mention in a title', { ...ok, embeds: [{ title: 'hi <@123>' }] }],
    ['a javascript: url', { ...ok, embeds: [{ title: 't', url: 'javascript:alert(1)' }] }],
    ['a lone surrogate', { ...ok, content: 'x\uD83C' }],
    ['an empty message', { embeds: [], allowed_mentions: { parse: [] } }],
    ['a colour out of range', { ...ok, embeds: [{ title: 't', color: 0x1000000 }] }],
    ['a timestamp that is not ISO', { ...ok, embeds: [{ title: 't', timestamp: 'Wed, 24 Sep 2025' }] }],
  ])('fails on %s', (_what, message) => {
    expect(checkDiscordMessage(message as Parameters<typeof checkDiscordMessage>[0])).not.toEqual([]);
  });
});

describe('the golden-file helper', () => {
  it('writes a missing golden file, then fails on a different output', () => {
    const saved = process.env.UPDATE_GOLDEN;
    delete process.env.UPDATE_GOLDEN;
    try {
      const path = join(mkdtempSync(join(tmpdir(), 'golden-')), 'out.txt');
      expectGolden(path, 'first\n');
      expect(readFileSync(path, 'utf8')).toBe('first\n');
      expectGolden(path, 'first\n');
      expect(() => expectGolden(path, 'second\n')).toThrow(/UPDATE_GOLDEN=1/);
    } finally {
      if (saved !== undefined) process.env.UPDATE_GOLDEN = saved;
    }
  });
});
