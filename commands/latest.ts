import { z } from 'zod';
import { buildDigest, findSources, UserError } from '../src/index.js';
import { CountSchema, FreeTextSchema, MAX_COUNT, splitCount } from './arguments.js';
import type { Command } from './command.js';

const LatestArgs = z.object({
  count: CountSchema,
  source: FreeTextSchema('source name').optional(),
});

export const latest = {
  name: 'latest',
  description: 'The newest articles, from every source or from one',
  usage: '/latest [count] [source]',
  examples: ['/latest', '/latest 10', '/latest ariana-news', '/latest 5 ariana-news'],
  options: [
    {
      name: 'count',
      description: `How many articles (1–${MAX_COUNT})`,
      type: 'integer',
      min: 1,
      max: MAX_COUNT,
    },
    {
      name: 'source',
      description: 'Only this outlet (id or name)',
      type: 'string',
      maxLength: 100,
      autocomplete: 'source',
    },
  ],
  fromText(text) {
    const { words, count } = splitCount(text, { countFirst: true });
    return { count, source: words || undefined };
  },
  args: LatestArgs,
  async run({ count, source }, context, services) {
    const sources = source ? findSources(services.sources, source) : undefined;
    if (sources && !sources.length) {
      const known = services.sources.map((s) => s.id).join(', ');
      throw new UserError(`I don't know a source called "${source}". Sources: ${known}. See /sources.`);
    }
    const sourceIds = sources?.map((s) => s.id);
    const articles = services.store.latest({ limit: count * 2, sourceIds });
    const names = sources?.map((s) => s.name).join(', ');
    return {
      digest: buildDigest({
        title: names ? `Latest from ${names}` : 'Latest news',
        articles,
        limit: count,
        total: services.store.countLatest(sourceIds),
        sources: services.sourcesById,
        timeZone: context.timeZone,
        now: services.clock.now(),
        emptyText: names
          ? `Nothing from ${names} yet. It may not have been fetched; see /sources.`
          : 'No articles yet. The sources are fetched every few minutes; see /sources.',
        moreCommand: `/latest ${MAX_COUNT}${source ? ` ${source}` : ''}`,
      }),
    };
  },
} satisfies Command<z.output<typeof LatestArgs>>;
