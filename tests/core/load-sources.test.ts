import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSources, parseSources } from '../../src/index.js';
import { OFFLINE_SOURCES, REPO_ROOT } from '../support/seed-briefer.js';

const valid = {
  id: 'ariana-news',
  name: 'Ariana News',
  url: 'https://www.ariananews.af/feed/',
  language: 'en',
};

describe('sources files', () => {
  it('reads the offline set and resolves relative paths against the file', async () => {
    const [source] = await loadSources(OFFLINE_SOURCES);
    expect(source?.url.href).toBe(`file://${path.join(REPO_ROOT, 'examples/offline/ariana-news.xml')}`);
    expect(source?.kind).toBe('feed');
  });

  it('reads the shipped sources.json of real outlets', async () => {
    const sources = await loadSources(path.join(REPO_ROOT, 'sources.json'));
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const source of sources) expect(source.url.protocol).toBe('https:');
  });

  it.each([
    [{ ...valid, id: 'Ariana News' }, /\[0\]\.id: use lower-case letters/],
    [{ ...valid, language: 'english!' }, /\[0\]\.language: use a BCP 47 language tag/],
    [
      { ...valid, url: 'ftp://example.org/feed' },
      /\[0\]\.url: "ftp:" is not supported; use an https:, http: or file: URL/,
    ],
    [{ ...valid, kind: 'podcast' }, /\[0\]\.kind/],
    [{ ...valid, name: '' }, /\[0\]\.name: give the outlet a display name/],
  ])('a bad entry names the file, the entry and the fix', (entry, message) => {
    expect(() => parseSources([entry], 'sources.json')).toThrow(ConfigError);
    expect(() => parseSources([entry], 'sources.json')).toThrow(message);
  });

  it('rejects a duplicate id', () => {
    expect(() => parseSources([valid, valid], 'sources.json')).toThrow(
      /\[1\]\.id: "ariana-news" is used twice/,
    );
  });

  it('names the file when it is missing or not JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'briefer-sources-'));
    await expect(loadSources(path.join(dir, 'none.json'))).rejects.toThrow(
      /Cannot read the sources file .*none\.json/,
    );
    await writeFile(path.join(dir, 'bad.json'), '[{');
    await expect(loadSources(path.join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not valid JSON/);
  });
});
