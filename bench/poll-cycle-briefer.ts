// the same poll cycle as bench/poll-cycle.ts, through the whole ingest path: openBriefer's shared
// fetcher, parsing on the parse workers under their time limit, topic tagging, the store, and each
// source's health and validators. cpu is the process's, workers included.
import { setTimeout as sleep } from 'node:timers/promises';
import { createStaticResolver } from '../src/fetch/resolver.js';
import { openBriefer, type Briefer, type Source, type SourceOutcome } from '../src/index.js';

export interface BriefedCycle {
  wallMs: number;
  cpuMs: number;
  ok: number;
  notModified: number;
  added: number;
  failed: string[];
}

const AT_ONCE = 16;
// the fetcher closes connections idle for 5 s
const IDLE_SOCKET_MS = 5_500;

async function openBenchBriefer(hosts: string[], port: number, path: string): Promise<Briefer> {
  const sources: Source[] = hosts.map((host) => ({
    id: host.replace(/\.test$/, ''),
    name: host,
    url: new URL(`http://${host}:${port}${path}`),
    language: 'en',
    kind: 'feed',
  }));
  // the bench's own host names go to 127.0.0.1; nothing else resolves
  const resolver = createStaticResolver((name) => (/^feed-\d+\.test$/.test(name) ? '127.0.0.1' : undefined));
  return openBriefer({
    storeUrl: 'memory://',
    sources,
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    fetch: { resolver, hostGapMs: 0, sourcesAtOnce: AT_ONCE },
  });
}

async function cycle(briefer: Briefer): Promise<BriefedCycle> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const outcomes: SourceOutcome[] = await briefer.refresh();
  const used = process.cpuUsage(cpu);
  return {
    wallMs: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    ok: outcomes.filter((outcome) => outcome.ok && !outcome.notModified).length,
    notModified: outcomes.filter((outcome) => outcome.notModified).length,
    added: outcomes.reduce((sum, outcome) => sum + outcome.added, 0),
    failed: outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.error ?? outcome.sourceId),
  };
}

/** `runs` times: a fresh briefer, one full cycle, then the same cycle answered with 304s. */
export async function briefedCycles(
  port: number,
  hosts: string[],
  warmHosts: string[],
  path: string,
  runs: number,
): Promise<{ full: BriefedCycle[]; unchanged: BriefedCycle[] }> {
  const warm = await openBenchBriefer(warmHosts, port, path);
  await cycle(warm);
  await cycle(warm);
  await warm.close();
  const full: BriefedCycle[] = [];
  const unchanged: BriefedCycle[] = [];
  for (let run = 0; run < runs; run++) {
    const briefer = await openBenchBriefer(hosts, port, path);
    try {
      full.push(await cycle(briefer));
      // minutes pass between real cycles: let the kept-alive connections close first
      await sleep(IDLE_SOCKET_MS);
      unchanged.push(await cycle(briefer));
    } finally {
      await briefer.close();
    }
  }
  return { full, unchanged };
}
