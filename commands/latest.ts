import { z } from 'zod';
import { buildDigest, digestItems, findSources, UserError } from '../src/index.js';
import { CountSchema, FreeTextSchema, MAX_COUNT, nextPage, OffsetSchema, splitCount } from './arguments.js';
import type { Command } from './command.js';
import { chatView } from './visible-sources.js';

const LatestArgs = z.object({
  count: CountSchema,
  source: FreeTextSchema('source name').optional(),
  offset: OffsetSchema,
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
  async run({ count, source, offset }, context, services) {
    const view = chatView(context, services);
    const sources = source ? findSources(view.sources, source) : undefined;
    if (sources && !sources.length) {
      const known = view.sources.map((s) => s.id).join(', ');
      throw new UserError(`I don't know a source called "${source}". Sources: ${known}. See /sources.`);
    }
    const sourceIds = sources?.map((s) => s.id);
    const names = sources?.map((s) => s.name).join(', ');
    const { stories, total } = services.store.latestStories({
      limit: count,
      offset,
      sourceIds,
      exceptSourceIds: view.hidden,
    });
    const digest = buildDigest({
      title: names ? `Latest from ${names}` : 'Latest news',
      stories,
      limit: count,
      offset,
      total,
      sources: view.sourcesById,
      timeZone: context.timeZone,
      now: services.clock.now(),
      emptyText: names
        ? `Nothing from ${names} yet. It may not have been fetched; see /sources.`
        : 'No articles yet. The sources are fetched every few minutes; see /sources.',
      moreCommand: `/latest ${MAX_COUNT}${source ? ` ${source}` : ''}`,
    });
    return { digest, ...nextPage('latest', { count, source }, offset, digestItems(digest).length, total) };
  },
} satisfies Command<z.output<typeof LatestArgs>>;
