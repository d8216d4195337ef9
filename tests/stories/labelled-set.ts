// the labelled story set: tests/fixtures/stories/*.json, each article with the event it reports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { StoryArticle } from '../../src/stories/story-index.js';

export const LABELLED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/stories');

const LabelledArticleSchema = z.object({
  id: z.string().min(1),
  event: z.string().min(1),
  sourceId: z.string().min(1),
  language: z.string().min(2),
  publishedAt: z.iso.datetime().nullable(),
  firstSeenAt: z.iso.datetime(),
  title: z.string().min(1),
  summary: z.string(),
});
const LabelledFileSchema = z.object({ about: z.string(), articles: z.array(LabelledArticleSchema) });

export type LabelledArticle = StoryArticle & { event: string };

/** Every labelled article, in the order the bot would have seen them (firstSeenAt, then id). */
export function loadLabelledSet(dir = LABELLED_DIR): LabelledArticle[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  const articles = files.flatMap((name) => {
    const parsed = LabelledFileSchema.safeParse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
    if (!parsed.success) {
      throw new Error(`Labelled story set ${name} is invalid: ${z.prettifyError(parsed.error)}`);
    }
    return parsed.data.articles.map((item): LabelledArticle => ({
      ...item,
      publishedAt: item.publishedAt === null ? null : Date.parse(item.publishedAt),
      firstSeenAt: Date.parse(item.firstSeenAt),
    }));
  });
  const ids = new Set<string>();
  for (const article of articles) {
    if (ids.has(article.id)) throw new Error(`Labelled story set: article id "${article.id}" is used twice.`);
    ids.add(article.id);
  }
  return articles.sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.id.localeCompare(b.id));
}
