import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFixedClock, loadSources, openBriefer, type Briefer } from '../../src/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OFFLINE_SOURCES = path.join(REPO_ROOT, 'examples/offline/sources.json');
/** 28 Nov 2026, 09:00 in Kabul */
export const NOW = Date.UTC(2026, 10, 28, 4, 30);

/** A briefer over the bundled offline sources in a memory store, already refreshed. */
export async function openSeedBriefer(): Promise<Briefer> {
  const briefer = await openBriefer({
    storeUrl: 'memory://',
    sources: await loadSources(OFFLINE_SOURCES),
    retentionDays: 30,
    timeZone: 'Asia/Kabul',
    clock: createFixedClock(NOW),
  });
  await briefer.refresh();
  return briefer;
}

export const SEED_TITLES = {
  bagram: 'Iran rejects US return to Bagram Air Base in Afghanistan, citing regional security concerns',
  csto: 'Central Asia and Afghanistan are key security concerns for CSTO: Lavrov',
  faculty: 'Afghanistan to establish first-ever faculty of ‘prophetic medicine’',
  border: 'Renovation of Afghanistan–Iran border markers to begin in the near future',
} as const;
