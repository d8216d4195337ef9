// every source's health, kept in the store (namespace "source-health", key = source id, value =
// SourceHealth) so a restart neither forgets a failing source nor refetches everything at once;
// each value is validated when read back. listeners hear each change of state once.
import type { Keyv } from 'keyv';
import { StoreError } from '../errors.js';
import { isUnreadable } from '../store/open-keyv.js';
import {
  afterFailure,
  afterSuccess,
  SourceHealthSchema,
  type Failure,
  type HealthPolicy,
  type HealthState,
  type SourceHealth,
  type Success,
} from './source-health.js';

export interface HealthChangeDetail {
  /** the failure in plain words, when the source starts failing or is disabled */
  error?: string;
  /** when the change happened */
  at: number;
  nextCheckAt: number;
}

export type HealthListener = (
  sourceId: string,
  from: HealthState,
  to: HealthState,
  detail: HealthChangeDetail,
) => void;

export interface HealthBoard {
  /** the source's health, from the store the first time; undefined before its first fetch */
  get(sourceId: string): Promise<SourceHealth | undefined>;
  succeeded(sourceId: string, success: Success): Promise<SourceHealth>;
  failed(sourceId: string, failure: Failure): Promise<SourceHealth>;
  /** returns the function that removes the listener */
  onChange(listener: HealthListener): () => void;
}

export const HEALTH_NAMESPACE = 'source-health';

export function createHealthBoard(options: {
  keyv: Keyv;
  policy: HealthPolicy;
  onInvalid?: (key: string, problem: string) => void;
  onListenerError?: (error: unknown) => void;
}): HealthBoard {
  const { keyv, policy } = options;
  const known = new Map<string, SourceHealth | undefined>();
  const listeners = new Set<HealthListener>();

  const get = async (sourceId: string): Promise<SourceHealth | undefined> => {
    if (known.has(sourceId)) return known.get(sourceId);
    const value: unknown = await call(`read the health of source "${sourceId}"`, () => keyv.get(sourceId));
    let health: SourceHealth | undefined;
    if (value !== undefined) {
      const parsed = isUnreadable(value) ? undefined : SourceHealthSchema.safeParse(value);
      if (parsed?.success) health = parsed.data;
      // a damaged record is dropped: the source is simply fetched again
      else
        options.onInvalid?.(
          `${HEALTH_NAMESPACE}:${sourceId}`,
          isUnreadable(value) ? value.unreadable : 'not a source health record',
        );
    }
    if (!known.has(sourceId)) known.set(sourceId, health);
    return known.get(sourceId);
  };

  const save = async (sourceId: string, health: SourceHealth) => {
    await call(`save the health of source "${sourceId}"`, () => keyv.set(sourceId, health));
    known.set(sourceId, health);
  };

  const tell = (sourceId: string, from: HealthState, to: HealthState, detail: HealthChangeDetail) => {
    for (const listener of listeners) {
      try {
        listener(sourceId, from, to, detail);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  };

  const apply = async (
    sourceId: string,
    step: (before: SourceHealth | undefined) => ReturnType<typeof afterSuccess>,
    at: number,
  ) => {
    const { health, change } = step(await get(sourceId));
    await save(sourceId, health);
    if (change) {
      const detail: HealthChangeDetail = { at, nextCheckAt: change.nextCheckAt };
      if (change.error !== undefined) detail.error = change.error;
      tell(sourceId, change.from, change.to, detail);
    }
    return health;
  };

  return {
    get,
    succeeded: (sourceId, success) =>
      apply(sourceId, (before) => afterSuccess(before, success, policy), success.now),
    failed: (sourceId, failure) =>
      apply(sourceId, (before) => afterFailure(before, failure, policy), failure.now),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StoreError(
      `Could not ${what} (store namespace "${HEALTH_NAMESPACE}"): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
