// one poll cycle over 1,000 sources, each a small rss feed with an ETag on its own host name
// (feed-0001.test … mapped to 127.0.0.1 by an injected resolver), fetched through the fetcher and
// parsed; then the same cycle when every source answers 304; then both again through
// openBriefer().refresh() (parse workers, tagging, store, health: bench/poll-cycle-briefer.ts), the
// whole poll the 304 target (under 20% of a full cycle's cpu) is for.
// the server runs in a child process so the cpu figures are the poller's own. run alone:
// npx tsx bench/poll-cycle.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Validators } from '../src/fetch/http-fetch.js';
import { createNodeHttpFetch } from '../src/fetch/node-http-fetch.js';
import { createStaticResolver } from '../src/fetch/resolver.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import { briefedCycles, type BriefedCycle } from './poll-cycle-briefer.js';

const SEED_FEED = fileURLToPath(new URL('../examples/offline/ariana-news.xml', import.meta.url));
const SOURCES = 1_000;
const WARMUP_SOURCES = 500;
// each figure is the median of RUNS cycles (by cpu time)
const RUNS = 3;
const AT_ONCE = 16;
const TARGET = 0.2;
const CYCLE_LIMIT_MS = 120_000;
const BRIEFED_RUNS = 2;

// plain commonjs for `node -e`: routes by Host, gzip when asked, 304 when the ETag matches; it
// exits when its parent closes its stdin, so it never outlives the bench
const SERVER = String.raw`
const fs = require('node:fs');
const http = require('node:http');
const zlib = require('node:zlib');
const seed = fs.readFileSync(process.argv[1], 'utf8');
const seedItems = seed.match(/<item>[\s\S]*?<\/item>/g);
const head = seed.slice(seed.indexOf('<rss'), seed.indexOf('<item>'));
const cache = new Map();
// a news feed: 10 items shaped like the seed's (full article text in content:encoded)
function news(n) {
  const items = [];
  for (let i = 0; i < 10; i++) {
    items.push(seedItems[(n + i) % seedItems.length]
      .replace(/(<guid[^>]*>[^<]*?)\/?<\/guid>/, '$1/' + n + '-' + i + '</guid>')
      .replace(/(<link>[^<]*?)\/?<\/link>/, '$1/' + n + '-' + i + '</link>'));
  }
  return '<?xml version="1.0" encoding="UTF-8"?>' + head.replace('Ariana News', 'Source ' + n) + items.join('') + '</channel></rss>';
}
// a headlines feed: 20 items, title, link and one sentence each
function headlines(n) {
  const items = [];
  for (let i = 0; i < 20; i++) {
    const when = new Date(Date.UTC(2025, 9, 21, 12) - (n * 7 + i) * 3600000).toUTCString();
    items.push('<item><title>Source ' + n + ' reports on the trade corridor talks, part ' + i + '</title>' +
      '<link>https://feed-' + n + '.example/news/' + i + '?utm_source=rss</link>' +
      '<guid isPermaLink="false">feed-' + n + '-item-' + i + '</guid><pubDate>' + when + '</pubDate>' +
      '<description><![CDATA[<p>Officials in Kabul said on Monday that talks on the corridor would resume &#8211; ' +
      'the ' + (i + 2) + 'th round this year.</p>]]></description></item>');
  }
  return '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Source ' + n +
    '</title><link>https://feed-' + n + '.example/</link><ttl>15</ttl>' + items.join('') + '</channel></rss>';
}
function feed(n, shape) {
  const key = shape + n;
  let entry = cache.get(key);
  if (entry) return entry;
  const body = Buffer.from(shape === '/news.xml' ? news(n) : headlines(n));
  entry = { body, gzipped: zlib.gzipSync(body), etag: '"' + key + '-v1"' };
  cache.set(key, entry);
  return entry;
}
const server = http.createServer((req, res) => {
  const m = /^feed-(\d+)\.test(:\d+)?$/.exec(req.headers.host || '');
  if (!m || (req.url !== '/news.xml' && req.url !== '/headlines.xml')) { res.statusCode = 404; res.end(); return; }
  const f = feed(Number(m[1]), req.url);
  res.setHeader('etag', f.etag);
  if (req.headers['if-none-match'] === f.etag) { res.statusCode = 304; res.end(); return; }
  res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
  if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    res.setHeader('content-encoding', 'gzip');
    res.end(f.gzipped);
  } else res.end(f.body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

interface CycleFigures {
  wallMs: number;
  cpuMs: number;
  parseMs: number;
  fetched: number;
  notModified: number;
  articles: number;
  bodyBytes: number;
  failed: string[];
}

type Shape = '/news.xml' | '/headlines.xml';

const hostOf = (n: number) => `feed-${String(n).padStart(4, '0')}.test`;

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', SERVER, SEED_FEED], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start within 10 s')), 10_000);
    child.once('error', reject);
    child.stdout?.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(data).trim()));
    });
  });
  return { child, port };
}

/** Runs `work` for every source, AT_ONCE at a time, measuring wall and cpu time of this process. */
async function timed(sources: number[], work: (n: number, signal: AbortSignal) => Promise<void>) {
  const signal = AbortSignal.timeout(CYCLE_LIMIT_MS);
  setMaxListeners(AT_ONCE * 2, signal);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < sources.length) await work(sources[next++] ?? 0, signal);
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** One cycle: every source fetched once (with its validators, when it has some) and parsed if changed. */
async function pollCycle(
  sources: number[],
  port: number,
  shape: Shape,
  validators: Map<number, Validators>,
): Promise<CycleFigures> {
  // a fresh fetcher per cycle: between real cycles minutes pass and kept-alive connections close
  const fetcher = createNodeHttpFetch({
    resolver: createStaticResolver((name) => (/^feed-\d+\.test$/.test(name) ? '127.0.0.1' : undefined)),
    hostGapMs: 0,
  });
  const figures: CycleFigures = {
    wallMs: 0,
    cpuMs: 0,
    parseMs: 0,
    fetched: 0,
    notModified: 0,
    articles: 0,
    bodyBytes: 0,
    failed: [],
  };
  const { wallMs, cpuMs } = await timed(sources, async (n, signal) => {
    try {
      const known = validators.get(n);
      const url = new URL(`http://${hostOf(n)}:${port}${shape}`);
      const result = await fetcher(url, { signal, ...(known ? { validators: known } : {}) });
      if (result.kind === 'not-modified') {
        figures.notModified++;
        return;
      }
      if (result.kind !== 'ok') throw new Error(result.message);
      figures.fetched++;
      figures.bodyBytes += result.body.byteLength;
      validators.set(n, result.validators);
      const parseStart = performance.now();
      const feed = parseFeed(result.body, {
        sourceId: hostOf(n),
        language: 'en',
        url: result.url,
        headers: result.headers,
      });
      figures.parseMs += performance.now() - parseStart;
      figures.articles += feed.articles.length;
    } catch (error) {
      figures.failed.push(`${hostOf(n)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  fetcher.close();
  return { ...figures, wallMs, cpuMs };
}

/** The same 304s with bare node:http (no fetcher, a new connection each): what the network costs alone. */
async function bare304(sources: number[], port: number, shape: Shape, validators: Map<number, Validators>) {
  return timed(sources, (n) => {
    const etag = validators.get(n)?.etag ?? '';
    return new Promise<void>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: shape,
          agent: false,
          headers: { host: `${hostOf(n)}:${port}`, 'if-none-match': etag },
        },
        (response) => {
          if (response.statusCode !== 304) reject(new Error(`expected 304, got ${response.statusCode}`));
          response.resume().once('end', resolve);
        },
      );
      request.setTimeout(10_000, () => request.destroy(new Error('bare 304: no answer within 10 s')));
      request.once('error', reject).end();
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function line(label: string, f: CycleFigures): string {
  const memory = process.memoryUsage();
  const body = f.fetched ? `, ${(f.bodyBytes / f.fetched / 1024).toFixed(1)} kB a feed` : '';
  return (
    `  ${label}: wall ${f.wallMs.toFixed(0)} ms, CPU ${f.cpuMs.toFixed(0)} ms (parse ${f.parseMs.toFixed(0)} ms), ` +
    `${f.fetched} fetched${body}, ${f.notModified} not modified, ${f.articles.toLocaleString('en')} articles; ` +
    `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`
  );
}

const medianBy = <T>(runs: T[], key: (run: T) => number): T =>
  [...runs].sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)] as T;

async function measureShape(port: number, shape: Shape, title: string): Promise<string[]> {
  // warm the jit and the server's cache on other hosts, so the first measured cycle is not penalised
  const warm = Array.from({ length: WARMUP_SOURCES }, (_, i) => SOURCES + 1 + i);
  const warmValidators = new Map<number, Validators>();
  await pollCycle(warm, port, shape, warmValidators);
  await pollCycle(warm, port, shape, warmValidators);

  const sources = Array.from({ length: SOURCES }, (_, i) => i + 1);
  const fulls: CycleFigures[] = [];
  const unchangeds: CycleFigures[] = [];
  const bares: { cpuMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const validators = new Map<number, Validators>();
    fulls.push(await pollCycle(sources, port, shape, validators));
    unchangeds.push(await pollCycle(sources, port, shape, validators));
    bares.push(await bare304(sources, port, shape, validators));
  }
  const failed = [...fulls, ...unchangeds].flatMap((cycle) => cycle.failed);
  if (failed.length) throw new Error(`${failed.length} fetches failed, first: ${failed[0]}`);
  const full = medianBy(fulls, (cycle) => cycle.cpuMs);
  const unchanged = medianBy(unchangeds, (cycle) => cycle.cpuMs);
  const bare = medianBy(bares, (cycle) => cycle.cpuMs);
  const ratio = unchanged.cpuMs / full.cpuMs;
  const each = (ms: number) => `${((ms * 1000) / SOURCES).toFixed(0)} µs a source`;
  return [
    title,
    line('full cycle (200, gzip, parsed)', full),
    line('same cycle, all 304', unchanged),
    `  the same 304s with bare node:http (new connection each, no fetcher): CPU ${bare.cpuMs.toFixed(0)} ms; per source: full ${each(full.cpuMs)}, 304 ${each(unchanged.cpuMs)}, bare 304 ${each(bare.cpuMs)}`,
    // no verdict here: this cycle leaves out the tagging and storing every poll does, so with a fast
    // parse its full cycle is mostly the fetching a 304 does too; the verdict is the briefer's cycle
    `  fetching and parsing alone: 304 cycle CPU / full cycle CPU ${(ratio * 100).toFixed(1)}% (the target is for a whole poll, below)`,
    ...(await measureBriefed(port, shape)),
  ];
}

/** The same cycles through openBriefer().refresh(): shared fetcher, parse workers, tagging, store, health. */
async function measureBriefed(port: number, shape: Shape): Promise<string[]> {
  const hosts = Array.from({ length: SOURCES }, (_, i) => hostOf(i + 1));
  const warm = Array.from({ length: WARMUP_SOURCES }, (_, i) => hostOf(SOURCES + 1 + i));
  const { full: fulls, unchanged: unchangeds } = await briefedCycles(port, hosts, warm, shape, BRIEFED_RUNS);
  const failed = [...fulls, ...unchangeds].flatMap((cycle) => cycle.failed);
  if (failed.length) throw new Error(`${failed.length} briefer fetches failed, first: ${failed[0]}`);
  const full = medianBy(fulls, (cycle) => cycle.cpuMs);
  const unchanged = medianBy(unchangeds, (cycle) => cycle.cpuMs);
  const ratio = unchanged.cpuMs / full.cpuMs;
  const memory = process.memoryUsage();
  const describe = (label: string, c: BriefedCycle) =>
    `  ${label}: wall ${c.wallMs.toFixed(0)} ms, CPU ${c.cpuMs.toFixed(0)} ms, ${c.ok} parsed, ${c.notModified} not modified, ${c.added.toLocaleString('en')} articles stored`;
  return [
    `  a whole poll, through the briefer (refresh(): parse workers, tagging, store, health; medians of ${BRIEFED_RUNS}):`,
    describe('full cycle', full),
    describe('same cycle, all 304', unchanged),
    `  304 cycle CPU / full cycle CPU: ${(ratio * 100).toFixed(1)}% (target < ${TARGET * 100}%) ${ratio < TARGET ? 'ok' : 'OVER TARGET'}; rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`,
  ];
}

export async function benchPollCycle(): Promise<string[]> {
  const { child, port } = await startServer();
  try {
    return [
      `${SOURCES.toLocaleString('en')} sources on distinct host names (${hostOf(1)} … ${hostOf(SOURCES)} → 127.0.0.1 by an injected resolver), ETag on each; server in a child process; ${AT_ONCE} fetches at once; new connections each cycle; medians of ${RUNS} runs; peak rss so far ${mb(process.resourceUsage().maxRSS * 1024)}`,
      ...(await measureShape(
        port,
        '/news.xml',
        'news feeds: 10 items with full article text, shaped like examples/offline/ariana-news.xml',
      )),
      ...(await measureShape(
        port,
        '/headlines.xml',
        'headline feeds: 20 items, title, link and one sentence each',
      )),
      `peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
    ];
  } finally {
    child.stdin?.end();
    child.kill();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const text of await benchPollCycle()) console.log(text);
}
