import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Keyv, type Deserialize, type DeserializedData, type Serialize } from 'keyv';
import { KeyvSqlite } from '@keyv/sqlite';
import { ConfigError, StoreError } from '../errors.js';
import { SqliteNamespace } from './sqlite-namespace.js';

export interface KeyvStore {
  /** a typed-agnostic keyv for one namespace, sharing the same backing connection */
  namespace(name: string): Keyv;
  close(): Promise<void>;
}

const NAMESPACE_NAME = /^[a-z][a-z0-9-]*$/;
const BUSY_TIMEOUT_MS = 5000;

type StoreTarget = { kind: 'memory' } | { kind: 'sqlite'; path: string };

/** STORE_URL forms: "sqlite://data/briefer.sqlite" (relative path from the cwd; the folder is created),
 *  "sqlite:///abs/path.sqlite", "memory://". Anything else → ConfigError naming STORE_URL and the accepted
 *  forms (redis:// and postgresql:// come in a later version: say so in the message). */
export async function openKeyvStore(url: string): Promise<KeyvStore> {
  const target = parseStoreUrl(url);
  return target.kind === 'memory' ? openMemoryStore() : openSqliteStore(target.path);
}

export function parseStoreUrl(url: string): StoreTarget {
  const trimmed = url.trim();
  if (trimmed === 'memory://') return { kind: 'memory' };
  if (trimmed.startsWith('sqlite://')) {
    const path = trimmed.slice('sqlite://'.length);
    if (path !== '' && !path.endsWith('/')) return { kind: 'sqlite', path };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  const later =
    scheme === 'redis' || scheme === 'postgresql' || scheme === 'postgres'
      ? ` ${scheme}:// is not supported yet: redis:// and postgresql:// come in a later version.`
      : ' redis:// and postgresql:// come in a later version.';
  throw new ConfigError(
    `STORE_URL "${redact(trimmed)}" is not a store this version can open. Use "sqlite://data/briefer.sqlite" ` +
      `(a file path relative to the working directory), "sqlite:///absolute/path/briefer.sqlite" or "memory://".` +
      later,
  );
}

// hides a password in a url before it goes into an error message
function redact(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}

function openMemoryStore(): KeyvStore {
  const namespaces = new Map<string, Keyv>();
  return {
    namespace(name) {
      checkName(name);
      let keyv = namespaces.get(name);
      if (!keyv) {
        // one Map per namespace: keyv iterates a Map store whole and filters by a substring of the key
        keyv = new Keyv({ store: new Map(), namespace: name, throwOnErrors: true, ...serialization });
        namespaces.set(name, keyv);
      }
      return keyv;
    },
    async close() {},
  };
}

async function openSqliteStore(path: string): Promise<KeyvStore> {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const shared = new KeyvSqlite({
      uri: `sqlite://${path}`,
      busyTimeout: BUSY_TIMEOUT_MS,
      // the adapter's own iterator recurses once per page: a large page keeps it shallow, should anyone use it
      iterationLimit: 1000,
    });
    shared.on('error', () => {}); // failures reach the caller through the rejected query
    // each namespace's Keyv listens on the shared adapter too: more than Node's default of 10 listeners
    shared.setMaxListeners(50);
    // WAL lets readers run beside the writer; NORMAL syncs at checkpoints only (safe with WAL)
    await shared.query('PRAGMA journal_mode=WAL');
    await shared.query('PRAGMA synchronous=NORMAL');
    return sqliteStore(shared);
  } catch (error) {
    throw new StoreError(`Could not open the SQLite store at ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function sqliteStore(shared: KeyvSqlite): KeyvStore {
  const namespaces = new Map<string, Keyv>();
  let closed: Promise<void> | undefined;
  return {
    namespace(name) {
      checkName(name);
      let keyv = namespaces.get(name);
      if (!keyv) {
        const store = new SqliteNamespace(shared, name);
        keyv = new Keyv({ store, namespace: name, throwOnErrors: true, ...serialization });
        namespaces.set(name, keyv);
      }
      return keyv;
    },
    close() {
      closed ??= shared.disconnect();
      return closed;
    },
  };
}

/** what a value that is not even JSON reads back as, so one corrupt row never stops an iteration */
export interface UnreadableValue {
  unreadable: string;
}

export function isUnreadable(value: unknown): value is UnreadableValue {
  return (
    typeof value === 'object' && value !== null && typeof (value as UnreadableValue).unreadable === 'string'
  );
}

/**
 * Plain JSON on disk. keyv's default serializer escapes strings that start with ":" and revives them on
 * every read, which makes reading 100,000 articles several times slower; nothing here stores Buffers.
 * A row that is not a keyv value reads back as an UnreadableValue instead of throwing.
 */
const serialization: { serialize: Serialize; deserialize: Deserialize } = {
  serialize: (data) => JSON.stringify(data),
  deserialize: <Value>(text: string) => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      data = { value: unreadable(`not JSON (${(error as Error).message})`, text) };
    }
    if (typeof data !== 'object' || data === null || !('value' in data)) {
      data = { value: unreadable('not a keyv value', text) };
    }
    return data as DeserializedData<Value>;
  },
};

function unreadable(problem: string, text: string): UnreadableValue {
  return { unreadable: `${problem}: ${JSON.stringify(String(text).slice(0, 60))}` };
}

function checkName(name: string): void {
  if (!NAMESPACE_NAME.test(name)) {
    throw new StoreError(
      `Store namespace "${name}" is not valid: use lower-case letters, digits and hyphens, e.g. "articles".`,
    );
  }
}
