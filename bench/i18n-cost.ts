// what speaking Dari and Pashto costs an answer: a message from the catalogue (compiled once, then
// cached), a 25-item digest rendered for each platform in English and in Dari (isolates, Eastern
// digits, Solar Hijri dates). Run alone: npx tsx bench/i18n-cost.ts
import { performance } from 'node:perf_hooks';
import { renderText } from '../adapters/console/render-text.js';
import { renderDiscord } from '../adapters/discord/render-embeds.js';
import { renderTelegram } from '../adapters/telegram/render-html.js';
import type { Reply } from '../commands/index.js';
import { t, type Calendar, type Digest, type DigestItem, type Locale } from '../src/index.js';

const NOW = Date.UTC(2026, 10, 28, 4, 30);

function item(index: number): DigestItem {
  const dari = index % 2 === 1;
  return {
    articleId: `a${index}`,
    title: dari
      ? `ایران و افغانستان دربارهٔ آب هلمند گفتگو کردند ${index}`
      : `Kabul and Tashkent sign a rail deal ${index}`,
    url: `https://example.com/${index}`,
    sourceId: 'ariana-news',
    sourceName: dari ? 'طلوع نیوز' : 'Ariana News',
    // a different minute each, so no answer is kept from an earlier item
    publishedAt: NOW - index * 97_000,
    firstSeenAt: NOW - index * 97_000,
    summary: dari
      ? 'هیئت‌های دو کشور در کابل دیدار کردند و دربارهٔ آب گفتگو کردند.'
      : 'The agreement covers freight.',
    language: dari ? 'fa' : 'en',
    topics: ['afghanistan'],
    alsoReportedBy: [{ sourceName: 'Pajhwok' }, { sourceName: 'Tolo' }],
  };
}

const digest = (locale: Locale, calendar: Calendar, shift: number): Digest => ({
  title: t(locale, 'latest.title'),
  generatedAt: NOW,
  timeZone: 'Asia/Kabul',
  sections: [{ items: Array.from({ length: 25 }, (_, i) => item(i + shift * 25)) }],
  emptyText: t(locale, 'latest.empty'),
  footer: t(locale, 'digest.more', { count: 75, command: '/latest 25' }),
  locale,
  calendar,
});

function perCall(runs: number, work: (run: number) => void): number {
  const start = performance.now();
  for (let run = 0; run < runs; run++) work(run);
  return ((performance.now() - start) * 1000) / runs;
}

export function benchI18nCost(): string[] {
  const lines: string[] = [];
  const first = performance.now();
  t('ps', 'sources.failingSince', { when: 'x', error: 'y', recent: 'z' });
  lines.push(`first use of a message (compiles it): ${((performance.now() - first) * 1000).toFixed(0)} µs`);
  const cached = perCall(100_000, (run) =>
    t('fa-AF', 'topics.entry', { name: 'a', others: 'b', id: 'c', count: run }),
  );
  lines.push(`a cached message with a plural and a number: ${cached.toFixed(2)} µs`);
  for (const [format, render] of [
    ['text', (reply: Reply) => renderText(reply)],
    ['telegram', (reply: Reply) => renderTelegram(reply)],
    ['discord', (reply: Reply) => renderDiscord(reply)],
  ] as const) {
    const cases = [
      ['en', 'gregorian'],
      ['fa-AF', 'gregorian'],
      ['fa-AF', 'persian'],
    ] as const;
    // warmed up first, so the first case does not pay for the JIT alone
    for (const [locale, calendar] of cases)
      perCall(50, (run) => render({ digest: digest(locale, calendar, 1000 + run), locale }));
    const costs = cases.map(([locale, calendar]) => {
      // each run renders new times: what a first answer pays, not a kept one
      const µs = perCall(200, (run) => render({ digest: digest(locale, calendar, run), locale }));
      return `${locale}/${calendar} ${(µs / 1000).toFixed(2)} ms`;
    });
    lines.push(`25-item digest on ${format}: ${costs.join(', ')}`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchI18nCost()) console.log(line);
