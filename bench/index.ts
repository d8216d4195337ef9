// `npm run bench`: every benchmark in one run, printing what it measured next to its target.
import { benchParseThroughput } from './parse-throughput.js';
import { benchStoreLatency } from './store-latency.js';

const benches: [string, () => Promise<string[]>][] = [
  ['feed parsing: ours (with normalisation) vs rss-parser, same bytes', benchParseThroughput],
  ['article store: /latest and /topic over 100,000 articles on SQLite', benchStoreLatency],
];

console.log(`briefer bench — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
for (const [title, bench] of benches) {
  console.log(`\n## ${title}`);
  for (const line of await bench()) console.log(line);
}
