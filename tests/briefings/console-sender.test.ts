import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleSender } from '../../adapters/console/console-sender.js';
import { at, createFakeSender, openHarness } from './briefing-harness.js';

const read = (stream: PassThrough) => {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return () => chunks.join('');
};

describe('the terminal chat as a briefing target', () => {
  it('prints a briefing due for console:local where the chat is', async () => {
    const h = await openHarness({ now: at('2026-11-28T00:00:00Z') });
    const output = new PassThrough();
    const text = read(output);
    const sender = createConsoleSender({ output, width: 80 });
    await h.service.subscribe(
      'console:local',
      { time: '08:00', timeZone: 'Asia/Kabul' },
      { timeZone: 'UTC' },
    );
    await h.service.start({ senders: { console: sender }, ticks: 'manual' });
    h.clock.set(at('2026-11-28T03:30:00Z'));
    const report = await h.service.tick();
    expect(report.outcomes.sent).toBe(1);
    expect(text()).toMatch(/Your briefing — Saturday 28 November/);
    expect(text()).toMatch(/Nothing new on your topics/);
    expect(sender.sent).toBe(1);
  });

  it('refuses a target that is not a terminal chat', async () => {
    const sender = createConsoleSender({ output: new PassThrough() });
    expect(await sender.send('telegram:1', { text: 'hello' })).toMatchObject({
      ok: false,
      reason: 'inactive',
    });
    // the fake sender used elsewhere is ok by default
    expect(await createFakeSender({ now: () => 0 }).send('x:1', {})).toMatchObject({ ok: true });
  });
});
