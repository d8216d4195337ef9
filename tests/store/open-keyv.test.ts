import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, StoreError } from '../../src/errors.js';
import { isUnreadable, openKeyvStore, parseStoreUrl, type KeyvStore } from '../../src/store/open-keyv.js';

async function entries(store: KeyvStore, namespace: string): Promise<[string, unknown][]> {
  const found: [string, unknown][] = [];
  const iterator = store.namespace(namespace).iterator;
  if (!iterator) throw new Error(`no iterator for ${namespace}`);
  for await (const entry of iterator(undefined)) found.push(entry as [string, unknown]);
  return found.sort(([a], [b]) => a.localeCompare(b));
}

describe('parseStoreUrl', () => {
  it('reads relative, absolute and memory store urls', () => {
    expect(parseStoreUrl('sqlite://data/briefer.sqlite')).toEqual({
      kind: 'sqlite',
      path: 'data/briefer.sqlite',
    });
    expect(parseStoreUrl('sqlite:///var/lib/briefer.sqlite')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/briefer.sqlite',
    });
    expect(parseStoreUrl('memory://')).toEqual({ kind: 'memory' });
  });

  it.each(['', 'sqlite://', 'sqlite:///tmp/', 'mysql://host/db', 'data/briefer.sqlite', 'memory'])(
    'refuses %j, naming STORE_URL and the accepted forms',
    (url) => {
      expect(() => parseStoreUrl(url)).toThrow(ConfigError);
      expect(() => parseStoreUrl(url)).toThrow(/STORE_URL.*sqlite:\/\/data\/briefer\.sqlite.*memory:\/\//s);
    },
  );

  it('says redis and postgresql come later, and hides a password', () => {
    expect(() => parseStoreUrl('redis://user:s3cret@localhost:6379')).toThrow(
      /redis:\/\/ is not supported yet/,
    );
    expect(() => parseStoreUrl('redis://user:s3cret@localhost:6379')).not.toThrow(/s3cret/);
    expect(() => parseStoreUrl('postgresql://localhost/briefer')).toThrow(/later version/);
  });
});

describe('openKeyvStore("memory://")', () => {
  it('keeps namespaces apart and lists each one alone', async () => {
    const store = await openKeyvStore('memory://');
    await store.namespace('articles').set('a', { n: 1 });
    await store.namespace('seen').set('id:a', 5);
    expect(await store.namespace('articles').get('a')).toEqual({ n: 1 });
    expect(await store.namespace('seen').get('a')).toBeUndefined();
    expect(await entries(store, 'articles')).toEqual([['a', { n: 1 }]]);
    expect(await entries(store, 'seen')).toEqual([['id:a', 5]]);
    expect(store.namespace('articles')).toBe(store.namespace('articles'));
    await store.close();
  });

  it('refuses a namespace name that would break the key prefix', async () => {
    const store = await openKeyvStore('memory://');
    expect(() => store.namespace('a:b')).toThrow(StoreError);
    expect(() => store.namespace('')).toThrow(/namespace/);
  });
});

describe('openKeyvStore("sqlite://…")', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefer-keyv-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder, uses WAL, and keeps data across a reopen', async () => {
    const file = join(dir, 'nested', 'deeper', 'briefer.sqlite');
    const store = await openKeyvStore(`sqlite://${file}`);
    await store.namespace('articles').set('a', { title: 'Bagram' });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await store.close();
    await store.close(); // twice is fine

    const again = await openKeyvStore(`sqlite://${file}`);
    expect(await again.namespace('articles').get('a')).toEqual({ title: 'Bagram' });
    await again.close();
  });

  it('shares one file between namespaces without mixing them', async () => {
    const store = await openKeyvStore(`sqlite://${join(dir, 's.sqlite')}`);
    const articles = store.namespace('articles');
    const seen = store.namespace('seen');
    const many = Array.from({ length: 1203 }, (_, i) => ({
      key: `k${String(i).padStart(4, '0')}`,
      value: { i },
    }));
    await articles.setMany(many);
    await seen.setMany([{ key: 'id:k0001', value: 1 }]);

    const listed = await entries(store, 'articles');
    expect(listed).toHaveLength(1203);
    expect(listed[1202]).toEqual(['k1202', { i: 1202 }]);
    expect(await entries(store, 'seen')).toEqual([['id:k0001', 1]]);
    expect(await articles.getMany(['k0007', 'missing', 'k1200'])).toEqual([{ i: 7 }, undefined, { i: 1200 }]);

    await seen.clear();
    expect(await entries(store, 'seen')).toEqual([]);
    expect(await articles.get('k0001')).toEqual({ i: 1 });
    await store.close();
  });

  it('reads a row that is not JSON back as an unreadable value instead of failing the listing', async () => {
    const file = join(dir, 'corrupt.sqlite');
    const store = await openKeyvStore(`sqlite://${file}`);
    await store.namespace('articles').set('good', { ok: true });
    const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
    await raw.query(`INSERT INTO keyv (key, value) VALUES ('articles:bad', '{not json')`);
    await raw.disconnect();

    const listed = await entries(store, 'articles');
    expect(listed.map(([key]) => key)).toEqual(['bad', 'good']);
    expect(isUnreadable(listed[0]?.[1])).toBe(true);
    expect(await store.namespace('articles').get('bad')).toMatchObject({
      unreadable: expect.stringContaining('{not'),
    });
    await store.close();
  });

  it('fails with a StoreError naming the path when the file cannot be opened', async () => {
    await expect(openKeyvStore(`sqlite://${dir}`)).rejects.toThrow(StoreError);
    await expect(openKeyvStore(`sqlite://${dir}`)).rejects.toThrow(dir);
  });
});
