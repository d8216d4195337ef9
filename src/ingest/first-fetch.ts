import type { Keyv } from 'keyv';
import { z } from 'zod';
import { StoreError } from '../errors.js';
import { isUnreadable } from '../store/open-keyv.js';

/** Namespace "sources": key = source id, value = { firstFetchAt } (ms), written once per source. */
const SourceRecordSchema = z.object({ firstFetchAt: z.number().int() });

/** When each source was first fetched successfully: what it listed then was its backlog, not news. */
export interface FirstFetchLog {
  firstFetchAt(sourceId: string): Promise<number | undefined>;
  record(sourceId: string, at: number): Promise<void>;
}

export function createFirstFetchLog(
  keyv: Keyv,
  onInvalid: (key: string, problem: string) => void = () => {},
): FirstFetchLog {
  const known = new Map<string, number>();
  return {
    async firstFetchAt(sourceId) {
      const cached = known.get(sourceId);
      if (cached !== undefined) return cached;
      const value: unknown = await call(`read source "${sourceId}"`, () => keyv.get(sourceId));
      if (value === undefined) return undefined;
      const parsed = isUnreadable(value) ? undefined : SourceRecordSchema.safeParse(value);
      if (!parsed?.success) {
        // a damaged record counts as a fetch that happened: losing the mark is better than a backlog flood
        onInvalid(`sources:${sourceId}`, isUnreadable(value) ? value.unreadable : 'not { firstFetchAt }');
        return 0;
      }
      known.set(sourceId, parsed.data.firstFetchAt);
      return parsed.data.firstFetchAt;
    },
    async record(sourceId, at) {
      if (known.has(sourceId)) return;
      await call(`record the first fetch of source "${sourceId}"`, () =>
        keyv.set(sourceId, { firstFetchAt: at }),
      );
      known.set(sourceId, at);
    },
  };
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StoreError(`Could not ${what} (store namespace "sources"): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
