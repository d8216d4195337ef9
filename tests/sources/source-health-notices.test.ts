import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/index.js';
import { createSourceHealthNotices } from '../../src/sources/source-health-notices.js';

const detail = { at: 0, nextCheckAt: 60_000 };

function setup() {
  const sent: [string, string][] = [];
  const owners: Record<string, string[]> = { 'c-feed': ['telegram:1', 'discord:2'] };
  const notify = createSourceHealthNotices({
    chatSources: {
      chatsOf: (id) => owners[id] ?? [],
      list: () => [{ id: 'c-feed', name: 'Kabul Daily' } as never],
    },
    send: async (chat, text) => {
      sent.push([chat, text]);
    },
    logger: silentLogger,
  });
  return { sent, notify };
}

describe('telling chats about their own sources', () => {
  it('says once that a source is failing, and once that it works again, to every chat that added it', () => {
    const { sent, notify } = setup();
    notify('c-feed', 'ok', 'failing', { ...detail, error: 'the server answered 503' });
    notify('c-feed', 'failing', 'failing', detail);
    notify('c-feed', 'failing', 'ok', detail);
    expect(sent).toEqual([
      ['telegram:1', expect.stringMatching(/^Your source Kabul Daily is failing: the server answered 503\./)],
      ['discord:2', expect.stringMatching(/is failing/)],
      ['telegram:1', 'Your source Kabul Daily works again.'],
      ['discord:2', 'Your source Kabul Daily works again.'],
    ]);
  });

  it('says when a source is disabled, and how to drop it', () => {
    const { sent, notify } = setup();
    notify('c-feed', 'failing', 'disabled', { ...detail, error: 'no answer within 15 s' });
    expect(sent[0]?.[1]).toMatch(/failed for a day: no answer within 15 s\. .*\/source remove c-feed/);
  });

  it('says nothing about operator sources, which report to the log', () => {
    const { sent, notify } = setup();
    notify('ariana-news', 'ok', 'failing', detail);
    expect(sent).toEqual([]);
  });
});
