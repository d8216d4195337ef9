import type { KeyvSqlite } from '@keyv/sqlite';

// rows per page when iterating, and entries per statement when writing or reading in bulk
const PAGE_ROWS = 100;
const BATCH_ENTRIES = 500;

type Row = { key: string; value: string };

/**
 * One namespace's view of a shared @keyv/sqlite adapter. keyv writes its namespace into the adapter
 * object and iterates with it, so two namespaces cannot share one adapter object; they share its
 * connection through this view instead. Adds a one-statement setMany and a linear, non-recursive
 * iterator (keyset paging on the primary key) in place of the adapter's recursive LIMIT/OFFSET one.
 */
export class SqliteNamespace {
  readonly opts: { dialect: 'sqlite'; url: string; table: string };
  namespace?: string;

  constructor(
    private readonly shared: KeyvSqlite,
    name: string,
  ) {
    this.namespace = name;
    this.opts = {
      dialect: 'sqlite',
      url: shared.opts.uri ?? 'sqlite://',
      table: shared.opts.table ?? 'keyv',
    };
  }

  get<Value>(key: string): Promise<Value | undefined> {
    return this.shared.get<Value>(key);
  }

  async getMany<Value>(keys: string[]): Promise<(Value | undefined)[]> {
    const values: (Value | undefined)[] = [];
    for (let start = 0; start < keys.length; start += BATCH_ENTRIES) {
      const chunk = keys.slice(start, start + BATCH_ENTRIES);
      const rows: Row[] = await this.shared.query(
        `SELECT key, value FROM ${this.opts.table} WHERE key IN (SELECT value FROM json_each(?))`,
        JSON.stringify(chunk),
      );
      const byKey = new Map(rows.map((row) => [row.key, row.value]));
      for (const key of chunk) values.push(byKey.get(key) as Value | undefined);
    }
    return values;
  }

  set(key: string, value: string): Promise<unknown> {
    return this.shared.set(key, value);
  }

  /** one upsert statement per batch: a batch is written whole or not at all */
  async setMany(entries: { key: string; value: string }[]): Promise<boolean[]> {
    for (let start = 0; start < entries.length; start += BATCH_ENTRIES) {
      const chunk = entries.slice(start, start + BATCH_ENTRIES);
      await this.shared.query(
        `INSERT INTO ${this.opts.table} (key, value) VALUES ${chunk.map(() => '(?, ?)').join(', ')}
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        chunk.flatMap((entry) => [entry.key, entry.value]),
      );
    }
    return entries.map(() => true);
  }

  delete(key: string): Promise<boolean> {
    return this.shared.delete(key);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    let deleted = false;
    for (let start = 0; start < keys.length; start += BATCH_ENTRIES) {
      deleted = (await this.shared.deleteMany(keys.slice(start, start + BATCH_ENTRIES))) || deleted;
    }
    return deleted;
  }

  has(key: string): Promise<boolean> {
    return this.shared.has(key);
  }

  async clear(): Promise<void> {
    const [low, high] = this.bounds(this.namespace);
    await this.shared.query(`DELETE FROM ${this.opts.table} WHERE key >= ? AND key < ?`, low, high);
  }

  async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    const [low, high] = this.bounds(namespace ?? this.namespace);
    let rows: Row[] = await this.shared.query(
      `SELECT key, value FROM ${this.opts.table} WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`,
      low,
      high,
      PAGE_ROWS,
    );
    while (rows.length > 0) {
      for (const row of rows) yield [row.key, row.value];
      const last = rows[rows.length - 1] as Row;
      if (rows.length < PAGE_ROWS) return;
      rows = await this.shared.query(
        `SELECT key, value FROM ${this.opts.table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`,
        last.key,
        high,
        PAGE_ROWS,
      );
    }
  }

  on(event: string, listener: (...args: unknown[]) => void): this {
    this.shared.on(event, listener);
    return this;
  }

  // keys of a namespace are "name:…"; ';' is the character after ':', so [name:, name;) holds exactly them
  private bounds(namespace: string | undefined): [string, string] {
    return namespace ? [`${namespace}:`, `${namespace};`] : ['', '\u{10FFFF}'];
  }
}
