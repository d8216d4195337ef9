// the four seed articles (the text of Ariana News's "Latest News" page, copied into
// tests/fixtures/pages/ariana-latest-news.seed.txt) and the html fixtures built from them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');
export const SITE = 'https://www.ariananews.af';
export const LISTING_URL = `${SITE}/category/latest-news/`;

export interface SeedArticle {
  title: string;
  /** the standfirst under the title, when the page shows one */
  lede?: string;
  /** the body paragraphs */
  body: string[];
  /** the article page fixture, and the article's canonical url */
  file: string;
  url: string;
  /** as the fixtures give it (examples/offline/ariana-news.xml's dates) */
  publishedAt: number;
}

const PAGES = [
  {
    file: 'ariana-bagram.html',
    slug: 'iran-rejects-us-return-to-bagram-air-base-in-afghanistan-citing-regional-security-concerns',
    publishedAt: Date.parse('2025-09-24T14:12:00+04:30'),
  },
  {
    file: 'ariana-csto.html',
    slug: 'central-asia-and-afghanistan-are-key-security-concerns-for-csto-lavrov',
    publishedAt: Date.parse('2025-09-22T17:40:00+04:30'),
  },
  {
    file: 'ariana-prophetic-medicine.html',
    slug: 'afghanistan-to-establish-first-ever-faculty-of-prophetic-medicine',
    publishedAt: Date.parse('2025-09-21T11:05:00+04:30'),
  },
  {
    file: 'ariana-border-markers.html',
    slug: 'renovation-of-afghanistan-iran-border-markers-to-begin-in-the-near-future',
    publishedAt: Date.parse('2025-09-20T09:30:00+04:30'),
  },
];

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The seed page split as a reader splits it: "Latest News" label, title, optional lede, "Published / on", body. */
export function seedArticles(): SeedArticle[] {
  const seed = fixture('ariana-latest-news.seed.txt');
  return seed
    .split(/\n\nLatest News\n\n/)
    .slice(1)
    .map((chunk, index) => {
      const [head = '', rest = ''] = chunk.split(/\n\nPublished\n\non\n\n/);
      const [title = '', ...lede] = head.split(/\n\n/);
      const body = (rest.split(/\n\n(?:Continue Reading|Trending)(?:\n\n|\n?$)/)[0] ?? '')
        .trim()
        .split(/\n\n/);
      const page = PAGES[index];
      if (!page) throw new Error(`the seed has more articles than the fixtures (${index + 1})`);
      const article: SeedArticle = {
        title,
        body,
        file: page.file,
        url: `${SITE}/${page.slug}/`,
        publishedAt: page.publishedAt,
      };
      if (lede.length > 0) article.lede = lede.join(' ');
      return article;
    });
}
