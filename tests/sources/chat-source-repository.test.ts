import { describe, expect, it } from 'vitest';
import { createFixedClock, createLogger, type Source } from '../../src/index.js';
import { chatSourceId, isChatSourceId, sourceName, type ChatSource } from '../../src/sources/chat-source.js';
import { openChatSources } from '../../src/sources/chat-sources.js';
import { openKeyvStore, type KeyvStore } from '../../src/store/open-keyv.js';

const valid: ChatSource = {
  id: chatSourceId('https://herat.example/feed'),
  name: 'Herat Daily',
  url: 'https://herat.example/feed',
  language: 'fa',
  kind: 'feed',
  addedBy: 'telegram:1',
  addedAt: 1_700_000_000_000,
};

async function open(keyv: KeyvStore, operatorSources: Source[] = []) {
  const warnings: string[] = [];
  const logger = createLogger({ level: 'warn', write: (line) => warnings.push(line) });
  const chatSources = await openChatSources({ keyv, clock: createFixedClock(0), logger, operatorSources });
  return { chatSources, warnings };
}

describe('the chat-sources namespace', () => {
  it('checks every record read back: wrong key, bad fields, non-http urls and junk are skipped and reported', async () => {
    const keyv = await openKeyvStore('memory://');
    const namespace = keyv.namespace('chat-sources');
    await namespace.set('telegram:1', { chat: 'telegram:1', sources: [valid] });
    await namespace.set('telegram:2', { chat: 'telegram:9', sources: [valid] });
    await namespace.set('telegram:3', { chat: 'telegram:3', sources: [{ ...valid, id: 'herat-daily' }] });
    await namespace.set('telegram:4', {
      chat: 'telegram:4',
      sources: [{ ...valid, url: 'file:///etc/passwd' }],
    });
    await namespace.set('telegram:5', 'junk');
    await namespace.set('telegram:6', {
      chat: 'telegram:6',
      sources: Array.from({ length: 21 }, () => valid),
    });
    const { chatSources, warnings } = await open(keyv);
    expect(chatSources.list('telegram:1')).toEqual([valid]);
    for (const chat of ['telegram:2', 'telegram:9', 'telegram:3', 'telegram:4', 'telegram:5', 'telegram:6']) {
      expect(chatSources.list(chat)).toEqual([]);
    }
    expect(warnings).toHaveLength(5);
    expect(warnings.join('\n')).toMatch(
      /key=chat-sources:telegram:2 problem="the record's chat is \\"telegram:9\\"/,
    );
    expect(warnings.join('\n')).toMatch(/key=chat-sources:telegram:4 .*http/);
    expect(chatSources.allSources().map((source) => source.url.href)).toEqual(['https://herat.example/feed']);
  });

  it('writes through: what one opening added, the next reads back; forget and move follow the chat', async () => {
    const keyv = await openKeyvStore('memory://');
    const first = (await open(keyv)).chatSources;
    await keyv.namespace('chat-sources').set('telegram:-5', { chat: 'telegram:-5', sources: [valid] });
    const second = (await open(keyv)).chatSources;
    await second.move('telegram:-5', 'telegram:-1005');
    expect(second.list('telegram:-5')).toEqual([]);
    expect(second.list('telegram:-1005')).toEqual([valid]);
    const third = (await open(keyv)).chatSources;
    expect(third.list('telegram:-1005')).toEqual([valid]);
    await third.forget('telegram:-1005');
    expect((await open(keyv)).chatSources.list('telegram:-1005')).toEqual([]);
    expect(first.list('telegram:-5')).toEqual([]);
  });

  it('never hides nor takes the id of an operator source', async () => {
    const keyv = await openKeyvStore('memory://');
    const clash: Source = {
      id: valid.id,
      name: 'Operator',
      url: new URL('https://op.example/'),
      language: 'en',
      kind: 'feed',
    };
    await keyv.namespace('chat-sources').set('telegram:1', { chat: 'telegram:1', sources: [valid] });
    const { chatSources, warnings } = await open(keyv, [clash]);
    expect(warnings.join('\n')).toMatch(/a chat source id is taken; the source is not read/);
    expect(chatSources.allSources()).toEqual([]);
    expect(chatSources.hiddenFrom('telegram:2')(valid.id)).toBe(false);
    expect(chatSources.isVisible('telegram:2', valid.id)).toBe(true);
  });
});

describe('chat source ids and names', () => {
  it('are "c-" and ten hex digits, the same for the same url, stepping over taken ones', () => {
    const id = chatSourceId('https://herat.example/feed');
    expect(id).toMatch(/^c-[0-9a-f]{10}$/);
    expect(isChatSourceId(id)).toBe(true);
    expect(isChatSourceId('kabul-desk')).toBe(false);
    expect(chatSourceId('https://herat.example/feed')).toBe(id);
    expect(chatSourceId('https://herat.example/other')).not.toBe(id);
    const other = chatSourceId('https://herat.example/feed', (taken) => taken === id);
    expect(other).toMatch(/^c-[0-9a-f]{10}$/);
    expect(other).not.toBe(id);
  });

  it('names are one line, cut at 100 characters', () => {
    expect(sourceName('  Herat\n  Daily ')).toBe('Herat Daily');
    expect(sourceName('   ')).toBeUndefined();
    expect(sourceName('word '.repeat(40))!.length).toBeLessThanOrEqual(100);
  });
});
