// the replies the golden files hold: /help, /topic afghanistan and a scheduled briefing, in each
// language, over the seed articles at a fixed time; and each rendered by the three renderers.
import { renderText } from '../../adapters/console/render-text.js';
import { renderDiscord } from '../../adapters/discord/render-embeds.js';
import { renderTelegram } from '../../adapters/telegram/render-html.js';
import { runCommand, type Reply } from '../../commands/index.js';
import {
  createFixedClock,
  type Article,
  loadSources,
  openBriefer,
  type BriefingMessage,
  type BriefingSender,
  type Locale,
} from '../../src/index.js';
import { NOW, OFFLINE_SOURCES } from '../support/seed-briefer.js';

export const GOLDEN_LOCALES: readonly Locale[] = ['en', 'fa-AF', 'ps'];
const CHAT = 'telegram:-100500';
const MINUTE = 60_000;

// news that arrives after the seed (the seed is the outlet's backlog, never "new" in a briefing): one
// report in each language, so each briefing holds headlines of both directions
const NEWS: Omit<Article, 'firstSeenAt'>[] = [
  {
    id: 'golden-en',
    sourceId: 'ariana-news',
    title: 'Kabul and Tashkent sign a rail transit agreement',
    url: 'https://www.ariananews.af/kabul-tashkent-rail/',
    publishedAt: NOW + 20 * MINUTE,
    summary: 'The agreement covers freight through Hairatan and Mazar-i-Sharif.',
    text: 'The agreement covers freight through Hairatan and Mazar-i-Sharif.',
    language: 'en',
    topics: ['afghanistan'],
  },
  {
    id: 'golden-fa',
    sourceId: 'ariana-news',
    title: 'ایران و افغانستان دربارهٔ آب هلمند گفتگو کردند',
    url: 'https://www.ariananews.af/fa/helmand-water/',
    publishedAt: NOW + 30 * MINUTE,
    summary: 'هیئت‌های دو کشور در کابل دیدار کردند.',
    text: 'هیئت‌های دو کشور در کابل دیدار کردند.',
    language: 'fa',
    topics: ['iran', 'afghanistan'],
  },
  {
    id: 'golden-ps',
    sourceId: 'ariana-news',
    title: 'په ننګرهار کې نوی روغتون پرانیستل شو',
    url: 'https://www.ariananews.af/ps/nangarhar-hospital/',
    publishedAt: null,
    summary: 'روغتون به د ولایت خلکو ته خدمتونه وړاندې کړي.',
    text: 'روغتون به د ولایت خلکو ته خدمتونه وړاندې کړي.',
    language: 'ps',
    topics: ['afghanistan'],
  },
];

/** the three replies, as a reader in `locale` gets them */
export async function goldenReplies(locale: Locale): Promise<Record<'help' | 'topic' | 'briefing', Reply>> {
  const clock = createFixedClock(NOW);
  const briefer = await openBriefer({
    storeUrl: 'memory://',
    sources: await loadSources(OFFLINE_SOURCES),
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock,
  });
  try {
    await briefer.refresh();
    const context = { chat: CHAT, user: 'telegram:1', timeZone: 'Asia/Kabul', locale };
    const ask = (line: string) => {
      const [name = '', ...rest] = line.replace(/^\//, '').split(' ');
      return runCommand({ name, text: rest.join(' '), context }, briefer);
    };
    const help = await ask('/help');
    const topic = await ask('/topic afghanistan');
    // Dari and Pashto readers take the Solar Hijri calendar; the briefing keeps the language it was
    // subscribed in, with no one asking
    if (locale !== 'en') await ask('/language calendar solar');
    await ask('/subscribe afghanistan iran at 10:00 tz Asia/Kabul');
    clock.set(NOW + 40 * MINUTE);
    await briefer.store.add(NEWS);
    const sent: BriefingMessage[] = [];
    const sender: BriefingSender = {
      async send(_target, message) {
        sent.push(message);
        return { ok: true, messageIds: [`m${sent.length}`] };
      },
    };
    await briefer.briefings.start({ senders: { telegram: sender }, ticks: 'manual' });
    // 10:01 in Kabul, the seed articles first seen at 09:00
    clock.set(NOW + 61 * MINUTE);
    await briefer.briefings.tick(clock.now());
    const [briefing] = sent;
    if (briefing === undefined) throw new Error('golden: no briefing was sent');
    return { help, topic, briefing };
  } finally {
    await briefer.close();
  }
}

export const RENDERERS = {
  text: (reply: Reply) => `${renderText(reply)}\n`,
  telegram: (reply: Reply) => `${JSON.stringify(renderTelegram(reply), null, 2)}\n`,
  discord: (reply: Reply) => `${JSON.stringify(renderDiscord(reply), null, 2)}\n`,
} as const;
