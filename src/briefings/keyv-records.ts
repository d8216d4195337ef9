// reading and writing zod-checked records in one keyv namespace; every value read back is validated.
import type { Keyv } from 'keyv';
import { z } from 'zod';
import { StoreError } from '../errors.js';
import { isUnreadable } from '../store/open-keyv.js';

export type OnInvalid = (key: string, problem: string) => void;

export interface Records<T> {
  readonly namespace: string;
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** every valid record; invalid ones are reported and skipped */
  all(): Promise<Map<string, T>>;
}

export function createRecords<T>(
  keyv: Keyv,
  namespace: string,
  schema: z.ZodType<T>,
  onInvalid: OnInvalid,
): Records<T> {
  const read = (key: string, value: unknown): T | undefined => {
    if (isUnreadable(value)) {
      onInvalid(`${namespace}:${key}`, value.unreadable);
      return undefined;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      onInvalid(`${namespace}:${key}`, z.prettifyError(parsed.error).replace(/\s*\n\s*/g, '; '));
      return undefined;
    }
    return parsed.data;
  };
  const call = async <R>(what: string, run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (error) {
      throw new StoreError(
        `Could not ${what} (store namespace "${namespace}"): ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  };
  return {
    namespace,
    async get(key) {
      const value: unknown = await call(`read "${key}"`, () => keyv.get(key));
      return value === undefined ? undefined : read(key, value);
    },
    async set(key, value) {
      // checked on the way in too: nothing invalid is ever written
      const checked = schema.parse(value);
      await call(`write "${key}"`, () => keyv.set(key, checked));
    },
    async delete(keys) {
      if (keys.length === 0) return;
      await call(`delete ${keys.length} records`, () => keyv.deleteMany([...keys]));
    },
    async all() {
      const found = new Map<string, T>();
      const iterator = keyv.iterator;
      if (!iterator) throw new StoreError(`The store cannot list the "${namespace}" namespace.`);
      await call('list the records', async () => {
        for await (const [key, value] of iterator(undefined) as AsyncGenerator<[string, unknown]>) {
          const record = read(key, value);
          if (record !== undefined) found.set(key, record);
        }
      });
      return found;
    },
  };
}
