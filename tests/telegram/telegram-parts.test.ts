import { describe, expect, it } from 'vitest';
import { createButtonStore } from '../../adapters/telegram/button-store.js';
import { replyMessages } from '../../adapters/telegram/deliver-reply.js';
import { htmlToPlain } from '../../adapters/telegram/html-to-plain.js';
import { buttonData, readButton, type ButtonAction } from '../../adapters/telegram/reply-buttons.js';
import { deepLinkCommand, greeting } from '../../adapters/telegram/start-command.js';
import { checkTelegramMessage } from '../support/telegram-html-check.js';

describe('Telegram adapter parts', () => {
  it('maps deep-link payloads to commands and ignores the rest', () => {
    expect(deepLinkCommand('topic_iran')).toEqual({ name: 'topic', text: 'iran' });
    expect(deepLinkCommand('topic_central_asia')).toEqual({ name: 'topic', text: 'central asia' });
    expect(deepLinkCommand('topic_central-asia')).toEqual({ name: 'topic', text: 'central-asia' });
    expect(deepLinkCommand('latest')).toEqual({ name: 'latest', text: '' });
    expect(deepLinkCommand('latest_ariana-news')).toEqual({ name: 'latest', text: 'ariana-news' });
    expect(deepLinkCommand('')).toBeUndefined();
    expect(deepLinkCommand('topic_')).toBeUndefined();
    expect(deepLinkCommand('help')).toBeUndefined();
    expect(deepLinkCommand(`topic_${'a'.repeat(80)}`)).toBeUndefined();
    expect(deepLinkCommand('topic_<script>')).toBeUndefined();
  });

  it('greets with a name cut to size, or without one', () => {
    expect(greeting('  Zahra \n Ahmadi ', 'bot')).toMatch(/^Hello, Zahra Ahmadi!/);
    expect(greeting(undefined, 'bot')).toMatch(/^Hello!/);
    expect(greeting('x'.repeat(500), 'bot').split('\n')[0]!.length).toBeLessThan(200);
  });

  it('keeps a button action once, until it expires, and forgets the oldest past its size', () => {
    let now = 0;
    const store = createButtonStore<string>({ ttlMs: 1000, max: 2, now: () => now });
    const a = store.put('a');
    expect(a).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(store.take(a)).toBe('a');
    expect(store.take(a)).toBeUndefined();
    const b = store.put('b');
    now = 1000;
    expect(store.take(b)).toBeUndefined();
    const [c, d, e] = [store.put('c'), store.put('d'), store.put('e')];
    expect(store.size).toBe(2);
    expect(store.take(c)).toBeUndefined();
    expect([store.take(d), store.take(e)]).toEqual(['d', 'e']);
  });

  it('carries a short command in the callback data and keeps the rest in the store, all within 64 bytes', () => {
    const store = createButtonStore<ButtonAction>();
    const short = buttonData({ kind: 'command', line: '/topic iran' }, store);
    expect(short).toBe('c:/topic iran');
    expect(readButton(short, store)).toEqual({ kind: 'command', line: '/topic iran' });
    const long = { kind: 'command', line: `/topic ${'ایران '.repeat(10)}` } as const;
    const stored = buttonData(long, store);
    expect(stored).toMatch(/^k:/);
    expect(readButton(stored, store)).toEqual(long);
    const page = buttonData(
      { kind: 'page', next: { name: 'latest', options: { count: 5, offset: 5 } } },
      store,
    );
    expect(Buffer.byteLength(page)).toBeLessThanOrEqual(64);
    expect(readButton(page, store)).toMatchObject({ kind: 'page' });
    expect(readButton(page, store)).toBeUndefined();
    expect(readButton('c:', store)).toBeUndefined();
    expect(readButton(undefined, store)).toBeUndefined();
    expect(readButton('anything', store)).toBeUndefined();
  });

  it('puts the buttons on the last message only, and turns choices into buttons instead of text', () => {
    const store = createButtonStore<ButtonAction>();
    const long = 'word '.repeat(1500);
    const messages = replyMessages(
      {
        text: long,
        choices: [{ label: 'Iran', command: 'topic iran' }],
        next: { name: 'latest', options: {} },
      },
      store,
    );
    expect(messages.length).toBe(2);
    expect(messages[0]!.reply_markup).toBeUndefined();
    expect(messages[1]!.reply_markup?.inline_keyboard.map((row) => row[0]!.text)).toEqual(['Iran', 'More ▸']);
    expect(messages[1]!.reply_markup?.inline_keyboard[0]![0]).toMatchObject({
      callback_data: 'c:/topic iran',
    });
    expect(messages.some((m) => m.text.includes('Try:'))).toBe(false);
    for (const message of messages) expect(checkTelegramMessage(message)).toEqual([]);
  });

  it('turns Telegram HTML into plain text, keeping link addresses when they fit', () => {
    expect(htmlToPlain('<b>A &amp; B</b> &lt;x&gt; <a href="https://e.org/?a=1&amp;b=2">here</a>')).toBe(
      'A & B <x> here (https://e.org/?a=1&b=2)',
    );
    const long = `<a href="https://e.org/${'p'.repeat(100)}">${'w'.repeat(4050)}</a>`;
    expect(htmlToPlain(long)).toBe('w'.repeat(4050));
  });
});
