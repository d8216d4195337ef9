// `npm run bench`: every benchmark in one run, printing what it measured next to its target.
import { cpus } from 'node:os';
import { benchBriefingDelivery } from './briefing-delivery.js';
import { benchBriefingScale } from './briefing-scale.js';
import { benchDiscordBurst } from './discord-burst.js';
import { benchParseThroughput } from './parse-throughput.js';
import { benchPollCycle } from './poll-cycle.js';
import { benchStoreLatency } from './store-latency.js';
import { benchStoryClustering } from './story-clustering.js';
import { benchTelegramBurst } from './telegram-burst.js';

const benches: [string, () => Promise<string[]>][] = [
  ['feed parsing: ours (with normalisation) vs rss-parser, same bytes', benchParseThroughput],
  ['article store: /latest and /topic over 100,000 articles on SQLite', benchStoreLatency],
  ['telegram: 200 chats send /latest at once, against 30/s overall and 1/s a chat', benchTelegramBurst],
  ['discord: 200 slash commands in a burst against the fake Discord', benchDiscordBurst],
  ['briefings: one scheduler tick with 100,000 subscriptions', benchBriefingScale],
  ['briefings: 10,000 due in one minute through the Telegram sender at 300/s', benchBriefingDelivery],
  ['poll cycle: 1,000 sources, then all 304', benchPollCycle],
  ['stories: 10,000 new reports against a 100,000-report window', benchStoryClustering],
];

const only = process.argv.slice(2);
console.log(`briefer bench — node ${process.version}, ${cpus().length} cores`);
for (const [title, bench] of benches) {
  if (only.length && !only.some((word) => title.includes(word))) continue;
  console.log(`\n## ${title}`);
  for (const line of await bench()) console.log(line);
}
