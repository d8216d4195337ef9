// `briefer parse <file-or-url>... [--json]`: what a feed gives, one article per line.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createTopicMatcher,
  DEFAULT_READ_LIMITS,
  loadTopics,
  parseFeed,
  readSource,
} from '../../src/index.js';
import { toInputUrl } from './input-url.js';
import type { CliIo } from './cli-io.js';

export async function parseCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, language: { type: 'string', default: 'en' } },
    allowPositionals: true,
  });
  if (!positionals.length) {
    io.error(
      'briefer parse: give one or more feed files or URLs, e.g. npm run -s briefer -- parse feed.xml --json',
    );
    return 2;
  }
  const topics = createTopicMatcher(await loadTopics(io.topicsFile));
  let failed = 0;
  for (const input of positionals) {
    try {
      const url = toInputUrl(input);
      const read = await readSource(url, DEFAULT_READ_LIMITS);
      const sourceId = sourceIdFor(input);
      const feed = parseFeed(read.bytes, {
        sourceId,
        language: values.language,
        url: read.url,
        headers: read.headers,
      });
      for (const article of feed.articles) {
        const publishedAt = article.publishedAt === null ? null : new Date(article.publishedAt).toISOString();
        if (values.json) {
          const { id, title, url: link = null, summary, language } = article;
          io.out(
            JSON.stringify({
              id,
              title,
              url: link,
              publishedAt,
              sourceId,
              summary,
              language,
              topics: topics.tag([title, summary, article.text]),
            }),
          );
        } else {
          io.out(
            `${publishedAt ?? '(no date)'}  ${article.title}${article.url ? `\n    ${article.url}` : ''}`,
          );
        }
      }
      io.error(`${input}: ${feed.articles.length} articles, ${feed.skipped.count} skipped`);
      for (const reason of feed.skipped.reasons.slice(0, 5)) io.error(`  skipped: ${reason}`);
    } catch (error) {
      failed++;
      io.error(`${input}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

/** a bare file's source id: its name without extension, made a valid id */
export function sourceIdFor(input: string): string {
  const base = /^https?:/i.test(input)
    ? new URL(input).hostname
    : path.basename(input).replace(/\.[^.]+$/, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'feed'
  );
}
