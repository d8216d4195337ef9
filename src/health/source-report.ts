// what /sources shows for each source: its state, last success, last error in plain words, items
// of the last 24 hours and its next check.
import { articleTime } from '../digest/rank.js';
import type { Source } from '../sources/source.js';
import type { NewsStore } from '../store/news-store.js';
import type { HealthBoard } from './health-board.js';
import type { HealthState } from './source-health.js';

export interface SourceReport {
  source: Source;
  /** "new": not fetched yet */
  state: HealthState | 'new';
  /** articles stored */
  stored: number;
  /** articles published (or, undated, first seen) in the last 24 hours */
  itemsLastDay: number;
  lastSuccessAt?: number;
  failingSince?: number;
  /** in plain words, while failing or disabled */
  lastError?: string;
  nextCheckAt?: number;
}

const DAY_MS = 86_400_000;
const PAGE = 200;

export async function reportSources(
  sources: readonly Source[],
  deps: { health: Pick<HealthBoard, 'get'>; store: NewsStore; now: number },
): Promise<SourceReport[]> {
  const reports: SourceReport[] = [];
  for (const source of sources) {
    const health = await deps.health.get(source.id);
    const report: SourceReport = {
      source,
      state: health?.state ?? 'new',
      stored: deps.store.countLatest([source.id]),
      itemsLastDay: countSince(deps.store, source.id, deps.now - DAY_MS),
    };
    if (health?.lastSuccessAt !== undefined) report.lastSuccessAt = health.lastSuccessAt;
    if (health?.nextCheckAt !== undefined) report.nextCheckAt = health.nextCheckAt;
    if (health && health.state !== 'ok') {
      if (health.failingSince !== undefined) report.failingSince = health.failingSince;
      if (health.lastError !== undefined) report.lastError = health.lastError;
    }
    reports.push(report);
  }
  return reports;
}

function countSince(store: NewsStore, sourceId: string, since: number): number {
  let count = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = store.latest({ limit: PAGE, offset, sourceIds: [sourceId] });
    for (const article of page) {
      if (articleTime(article) < since) return count;
      count++;
    }
    if (page.length < PAGE) return count;
  }
}
