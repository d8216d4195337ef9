// a newsroom for the end-to-end briefing tests and the delivery bench: a briefer over one feed written
// to a temp folder, with a fixed clock. the first fetch is the source's backlog (never new); every publish() after it
// adds stories that a briefing can carry.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createFixedClock,
  loadSources,
  openBriefer,
  type Briefer,
  type BriefingOptions,
} from '../../src/index.js';
import type { KeyvStore } from '../../src/store/open-keyv.js';

export interface Story {
  title: string;
  summary?: string;
}

export interface NewsDesk {
  briefer: Briefer;
  clock: ReturnType<typeof createFixedClock>;
  /** adds stories to the feed, first seen at the clock's time, and fetches it */
  publish(stories: readonly Story[]): Promise<void>;
  /** closes the briefer and removes the folder */
  close(): Promise<void>;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** a briefer whose one source (Kabul Wire, English) has already been fetched once, at `start` */
export async function openNewsDesk(
  start: number,
  options: { backlog?: readonly Story[]; briefings?: BriefingOptions } = {},
): Promise<NewsDesk> {
  const { backlog = [{ title: 'Old story already listed before the first fetch, about Iran' }], briefings } =
    options;
  const dir = await mkdtemp(path.join(tmpdir(), 'briefer-e2e-'));
  const feedFile = path.join(dir, 'feed.xml');
  const items: string[] = [];
  const clock = createFixedClock(start);
  let published = 0;

  const add = (stories: readonly Story[]) => {
    for (const story of stories) {
      published += 1;
      const url = `https://wire.example/story-${published}`;
      items.unshift(
        `<item><title>${escapeXml(story.title)}</title><link>${url}</link><guid>${url}</guid>` +
          `<pubDate>${new Date(clock.now()).toUTCString()}</pubDate>` +
          `<description>${escapeXml(story.summary ?? 'What happened, in two sentences. More in the story.')}</description></item>`,
      );
    }
    return writeFile(
      feedFile,
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kabul Wire</title>` +
        `<link>https://wire.example/</link><description>test</description>${items.join('')}</channel></rss>`,
    );
  };

  await add(backlog);
  const sourcesFile = path.join(dir, 'sources.json');
  await writeFile(
    sourcesFile,
    JSON.stringify([{ id: 'kabul-wire', name: 'Kabul Wire', url: 'feed.xml', language: 'en' }]),
  );
  const briefer = await openBriefer({
    storeUrl: 'memory://',
    sources: await loadSources(sourcesFile),
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock,
    // retries do not wait: the clock stands still
    briefings: { sleep: async () => true, ...briefings },
  });
  await briefer.refresh();
  return {
    briefer,
    clock,
    async publish(stories) {
      await add(stories);
      const [outcome] = await briefer.refresh();
      if (!outcome?.ok) throw new Error(`the test feed could not be read: ${JSON.stringify(outcome)}`);
    },
    async close() {
      await briefer.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** what the store holds for a chat: its subscription, settings, delivery state and one ledger entry */
export async function storedRecords(keyv: KeyvStore, target: string, period: string) {
  return {
    subscription: (await keyv.namespace('subscriptions').get(target)) as unknown,
    settings: (await keyv.namespace('chat-settings').get(target)) as unknown,
    state: (await keyv.namespace('briefing-state').get(target)) as unknown,
    entry: (await keyv.namespace('briefing-ledger').get(`${target}|${period}`)) as unknown,
  };
}
