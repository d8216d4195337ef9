import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/articles/canonical-url.js';
import { foldLine } from '../../src/feeds/html-to-text.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpora = process.env.BRIEFER_CORPORA ?? path.resolve(repoRoot, '../shared/corpora');

interface JsonItem {
  id: string;
  title?: string;
  url?: string;
}

const files = ['spec-examples', 'real-world'].flatMap((folder) =>
  readdirSync(path.join(corpora, 'jsonfeed', folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(folder, name)),
);

describe('the json feed corpus', () => {
  it('holds the spec examples and the real feeds', () => {
    expect(files.filter((file) => file.startsWith('spec-examples')).length).toBe(6);
    expect(files.filter((file) => file.startsWith('real-world')).length).toBe(11);
  });

  it.each(files)('%s parses, every item kept with its title and link', (file) => {
    const raw = readFileSync(path.join(corpora, 'jsonfeed', file));
    const items = (JSON.parse(raw.toString('utf8')) as { items: JsonItem[] }).items;
    const feed = parseFeed(raw, { sourceId: 'json-corpus', language: 'en' });
    expect(feed.format).toBe('json');
    expect(feed.skipped.count).toBe(0);
    expect(feed.articles).toHaveLength(items.length);
    items.forEach((item, index) => {
      const article = feed.articles[index];
      expect(article?.guid).toBe(String(item.id));
      expect(article?.title.length).toBeGreaterThan(0);
      if (item.title) expect(article?.title).toBe(foldLine(item.title));
      if (item.url) expect(article?.url).toBe(canonicalUrl(item.url));
    });
  });
});
