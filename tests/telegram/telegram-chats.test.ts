import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManagerCheck } from '../../adapters/telegram/chat-managers.js';
import { telegramContext } from '../../adapters/telegram/telegram-handlers.js';
import { createFixedClock, loadSources, openBriefer, silentLogger } from '../../src/index.js';
import { groupChat, privateChat, reader, supergroup } from '../fakes/telegram-bot-api.js';
import { NOW, SEED_TITLES } from '../support/seed-briefer.js';
import { startHarness, type Harness } from './telegram-harness.js';

let harness: Harness | undefined;
const temps: string[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the Telegram bot in groups and forum topics', () => {
  it('answers /latest@its own name in a group and ignores a command for another bot', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const group = groupChat(-4001);
    const user = reader();
    fake.sendText(group, user, '/latest@some_other_bot');
    fake.sendText(group, user, '/weather'); // maybe another bot's command: not ours to answer
    fake.sendText(group, user, 'just chatting');
    fake.sendText(group, user, `/latest@${fake.me.username!.toUpperCase()}`);
    const messages = await fake.waitForMessages(group.id, 1);
    await fake.waitFor(() => fake.pendingUpdates === 0 || undefined, 'every update confirmed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.messagesIn(group.id)).toHaveLength(1);
    expect(messages[0]!.text).toContain(SEED_TITLES.bagram);
    expect(messages[0]!.thread_id).toBeUndefined();
  });

  it('answers an unknown command addressed to it in a group', async () => {
    harness = await startHarness();
    const group = groupChat(-4002);
    harness.fake.sendText(group, reader(), `/weather@${harness.fake.me.username}`);
    const [message] = await harness.fake.waitForMessages(group.id, 1);
    expect(message!.text).toContain("I don't know the command /weather");
  });

  it('replies in the same forum topic, for commands and for button presses', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const forum = supergroup(-100_5001, { forum: true });
    const user = reader();
    fake.sendText(forum, user, '/topic iran', { threadId: 77 });
    const [answer] = await fake.waitForMessages(forum.id, 1);
    expect(answer!.thread_id).toBe(77);
    expect(answer!.text).toContain(SEED_TITLES.border);

    fake.sendText(forum, user, '/topic irn', { threadId: 78 });
    const [, suggestion] = await fake.waitForMessages(forum.id, 2);
    expect(suggestion!.thread_id).toBe(78);
    const button = suggestion!.reply_markup!.inline_keyboard[0]![0]!;
    fake.pressButton(suggestion!, button.callback_data!, user);
    const all = await fake.waitForMessages(forum.id, 3);
    expect(all[2]!.thread_id).toBe(78);
    expect(all[2]!.text).toContain(SEED_TITLES.bagram);
  });

  it('addresses chats as telegram:<chat>[:<topic>] and readers as telegram:<user>', () => {
    expect(telegramContext(-1001234, 42, 7, 'Asia/Kabul')).toEqual({
      chat: 'telegram:-1001234:7',
      user: 'telegram:42',
      timeZone: 'Asia/Kabul',
    });
    expect(telegramContext(42, 42, undefined, 'UTC').chat).toBe('telegram:42');
  });

  it('shows a headline with <b>, &, </a> and <script> escaped and readable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefer-telegram-'));
    temps.push(dir);
    const title = 'Talks <b>resume</b> & markets </a> react <script>alert(1)</script> in Kabul';
    const escaped = 'Prices &lt;i&gt;rise&lt;/i&gt; &amp; fall &lt;/a&gt; in Herat';
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>https://example.org/</link><description>x</description>
<item><title><![CDATA[${title}]]></title><link>https://example.org/a?x=1&amp;y=2</link>
<description>First &amp; second &lt;b&gt;words&lt;/b&gt;</description><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>${escaped}</title><link>https://example.org/b</link>
<description>Summary</description><pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;
    await writeFile(path.join(dir, 'hostile.xml'), feed);
    await writeFile(
      path.join(dir, 'sources.json'),
      JSON.stringify([{ id: 'hostile', name: 'Hostile <Outlet> & Co', url: 'hostile.xml', language: 'en' }]),
    );
    const services = await openBriefer({
      storeUrl: 'memory://',
      sources: await loadSources(path.join(dir, 'sources.json')),
      retentionDays: 30,
      timeZone: 'Asia/Kabul',
      clock: createFixedClock(NOW),
    });
    await services.refresh();
    harness = await startHarness({ services });
    const user = reader();
    harness.fake.sendText({ id: user.id, type: 'private', first_name: 'R' }, user, '/latest');
    const [message] = await harness.fake.waitForMessages(user.id, 1);
    // the fake accepted it, so it is valid Telegram HTML; the words are there and nothing formats
    expect(message!.text).toMatch(/Talks (<b>)?resume(<\/b>)? & markets (<\/a> )?react/);
    expect(message!.text).toContain('Kabul');
    expect(message!.text).toMatch(/Prices (<i>)?rise(<\/i>)? & fall/);
    expect(message!.text).toContain('Hostile <Outlet> & Co');
    expect(message!.html).not.toMatch(/<script|<b>resume|<i>rise/);
    const bold = message!.entities
      .filter((e) => e.type === 'bold')
      .map((e) => message!.text.slice(e.offset, e.offset + e.length));
    expect(bold.some((text) => text.startsWith('Talks'))).toBe(true);
    expect(bold).not.toContain('resume');
  });
});

describe('who may manage a Telegram chat', () => {
  it('asks getChatMember in groups, remembers the answer, and trusts a private chat and anonymous admins', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const group = fake.addChat(supergroup(-100_6001));
    const [admin, member] = [reader(), reader()];
    fake.setMember(group.id, admin.id, 'administrator');
    const check = createManagerCheck(harness.telegram.bot.api, silentLogger);
    expect(await check.canManage(group, admin)).toBe(true);
    expect(await check.canManage(group, member)).toBe(false);
    expect(await check.canManage(group, admin)).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'getChatMember')).toHaveLength(2);
    expect(await check.canManage(privateChat(member), member)).toBeUndefined();
    const helper = { id: 1087968824, is_bot: true, first_name: 'Group' };
    expect(await check.canManage(group, helper, group)).toBe(true);
    expect(await check.canManage(groupChat(-424242), member)).toBe(false); // the check failed: not allowed
  });

  it('passes canManage to commands in groups only', () => {
    expect(telegramContext(-5, 1, undefined, 'UTC', false).canManage).toBe(false);
    expect('canManage' in telegramContext(1, 1, undefined, 'UTC')).toBe(false);
  });
});
