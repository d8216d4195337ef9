// a briefer over sources served by a real local server (127.0.0.1 only), with a fixed clock, a
// captured log and every health change recorded.
import {
  createFixedClock,
  createLogger,
  openBriefer,
  type Briefer,
  type BrieferOptions,
  type Source,
} from '../../src/index.js';
import { NOW } from '../support/seed-briefer.js';

export { NOW };

export interface TestBriefer {
  briefer: Briefer;
  clock: ReturnType<typeof createFixedClock>;
  /** log lines at info and above */
  lines: string[];
  /** "<id>: <from> → <to> (<error>)" for each change of state */
  changes: string[];
  close(): Promise<void>;
}

export async function openTestBriefer(
  sources: Source[],
  extra: Partial<BrieferOptions> = {},
): Promise<TestBriefer> {
  const clock = createFixedClock(NOW);
  const lines: string[] = [];
  const changes: string[] = [];
  const briefer = await openBriefer({
    storeUrl: 'memory://',
    sources,
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock,
    logger: createLogger({ level: 'info', write: (line) => lines.push(line) }),
    // jitter in the middle of its range, so waits are exact
    health: { random: () => 0.5 },
    onHealthChange: (sourceId, from, to, detail) =>
      changes.push(`${sourceId}: ${from} → ${to}${detail.error ? ` (${detail.error})` : ''}`),
    ...extra,
    fetch: { hostGapMs: 0, ...extra.fetch },
  });
  return { briefer, clock, lines, changes, close: () => briefer.close() };
}

export function source(id: string, url: string | URL, kind: 'feed' | 'page' = 'feed'): Source {
  return { id, name: `Outlet ${id}`, url: new URL(url), language: 'en', kind };
}

export interface Item {
  title: string;
  link: string;
  /** ms since the epoch */
  date: number;
}

/** An rss 2.0 feed of these items; `channel` goes into the channel's head (e.g. a <ttl>). */
export function rss(items: readonly Item[], channel = ''): string {
  const entries = items.map(
    (item) =>
      `<item><title>${item.title}</title><link>${item.link}</link><guid>${item.link}</guid>` +
      `<pubDate>${new Date(item.date).toUTCString()}</pubDate><description>About ${item.title}.</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test outlet</title><link>https://outlet.example/</link>${channel}${entries.join('')}</channel></rss>`;
}

/** `count` items, an hour apart, the newest `newestAt` */
export function items(prefix: string, count: number, newestAt: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `${prefix} story number ${i + 1} about the Kabul water talks`,
    link: `https://outlet.example/${prefix}/${i + 1}`,
    date: newestAt - i * 3_600_000,
  }));
}

export const count = (lines: readonly string[], text: string) =>
  lines.filter((line) => line.includes(text)).length;
