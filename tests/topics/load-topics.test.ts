import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { BUNDLED_TOPICS_FILE, loadTopics } from '../../src/topics/load-topics.js';

const REQUIRED = [
  'afghanistan',
  'iran',
  'pakistan',
  'russia',
  'china',
  'united-states',
  'india',
  'central-asia',
  'security',
  'diplomacy',
  'economy',
  'health',
  'education',
  'women-rights',
  'refugees',
  'borders',
  'humanitarian',
  'disasters',
  'sports',
];

const topic = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  names: { en: id, fa: `نام ${id}`, ps: `نوم ${id}` },
  aliases: { en: [], fa: [], ps: [] },
  ...extra,
});

describe('loadTopics: the bundled taxonomy', () => {
  it('points at src/topics/taxonomy.json', () => {
    expect(BUNDLED_TOPICS_FILE).toMatch(/src[\\/]topics[\\/]taxonomy\.json$/);
  });

  it('loads every required topic, with names and aliases in all three languages', async () => {
    const topics = await loadTopics();
    expect(topics.map((t) => t.id)).toEqual(expect.arrayContaining(REQUIRED));
    const arabicScript = /^[\u0600-\u06FF\u200C ]+$/;
    const latin = /^[A-Za-z0-9 .,'’&-]+$/;
    for (const t of topics) {
      expect(t.names.en, t.id).toMatch(latin);
      expect(t.names.fa, t.id).toMatch(arabicScript);
      expect(t.names.ps, t.id).toMatch(arabicScript);
      for (const alias of t.aliases.en) expect(alias, t.id).toMatch(latin);
      for (const alias of [...t.aliases.fa, ...t.aliases.ps]) expect(alias, t.id).toMatch(arabicScript);
      for (const lang of ['en', 'fa', 'ps'] as const)
        expect(t.aliases[lang].length, `${t.id} ${lang}`).toBeGreaterThan(0);
    }
  });
});

describe('loadTopics: errors name the file and the problem', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefer-topics-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, content: string): Promise<string> => {
    const file = join(dir, name);
    await writeFile(file, content, 'utf8');
    return file;
  };

  it('loads a small valid file', async () => {
    const file = await write('ok.json', JSON.stringify([topic('iran'), topic('iraq')]));
    expect((await loadTopics(file)).map((t) => t.id)).toEqual(['iran', 'iraq']);
  });

  it('rejects a missing file', async () => {
    const file = join(dir, 'absent.json');
    await expect(loadTopics(file)).rejects.toThrow(ConfigError);
    await expect(loadTopics(file)).rejects.toThrow(`Cannot read topics file ${file}`);
  });

  it('rejects bad JSON', async () => {
    const file = await write('bad.json', '[{"id": "iran",]');
    await expect(loadTopics(file)).rejects.toThrow(ConfigError);
    await expect(loadTopics(file)).rejects.toThrow(`Topics file ${file} is not valid JSON`);
  });

  it('rejects a topic without a Dari name, giving its JSON path', async () => {
    const broken = topic('iran', { names: { en: 'Iran', ps: 'ایران' } });
    const file = await write('missing-name.json', JSON.stringify([topic('china'), broken]));
    await expect(loadTopics(file)).rejects.toThrow(ConfigError);
    await expect(loadTopics(file)).rejects.toThrow(
      new RegExp(`${file}.*\\$\\[1\\]\\.names\\.fa: .*expected string`),
    );
  });

  it('rejects a bad id and an empty list', async () => {
    const badId = await write('bad-id.json', JSON.stringify([topic('Central Asia')]));
    await expect(loadTopics(badId)).rejects.toThrow(/\$\[0\]\.id/);
    const empty = await write('empty.json', '[]');
    await expect(loadTopics(empty)).rejects.toThrow(`Topics file ${empty} is invalid: $:`);
  });

  it('rejects a duplicate id', async () => {
    const file = await write('dup.json', JSON.stringify([topic('iran'), topic('china'), topic('iran')]));
    await expect(loadTopics(file)).rejects.toThrow(
      `Topics file ${file}: $[2].id: duplicate topic id "iran" (first at $[0])`,
    );
  });

  it('rejects an alias claimed by two topics, after folding', async () => {
    const a = topic('iran', { aliases: { en: ['Tehran'], fa: ['ایرانی'], ps: [] } });
    const b = topic('persia', { aliases: { en: [], fa: ['ايراني'], ps: [] } });
    const file = await write('clash.json', JSON.stringify([a, b]));
    await expect(loadTopics(file)).rejects.toThrow(
      `Topics file ${file}: $[1].aliases.fa[0]: "ايراني" is also claimed by topic "iran" at $[0].aliases.fa[0]`,
    );
  });

  it('rejects an alias with no letters', async () => {
    const file = await write(
      'punct.json',
      JSON.stringify([topic('iran', { aliases: { en: ['—'], fa: [], ps: [] } })]),
    );
    await expect(loadTopics(file)).rejects.toThrow(`$[0].aliases.en[0]: "—" has no letters or digits`);
  });
});
