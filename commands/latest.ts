import { z } from 'zod';
import { buildDigest, digestItems, findSources, joinList, t, UserError } from '../src/index.js';
import { CountSchema, FreeTextSchema, MAX_COUNT, nextPage, OffsetSchema, splitCount } from './arguments.js';
import type { Command } from './command.js';
import { calendarOf, localeOf } from './command-text.js';
import { chatView } from './visible-sources.js';

const LatestArgs = z.object({
  count: CountSchema,
  source: FreeTextSchema({ missing: 'args.sourceName', tooLong: 'args.sourceNameLong' }).optional(),
  offset: OffsetSchema,
});

export const latest = {
  name: 'latest',
  description: t('en', 'latest.description'),
  usage: t('en', 'latest.usage'),
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
    const locale = localeOf(context);
    const view = chatView(context, services);
    const sources = source ? findSources(view.sources, source) : undefined;
    if (sources && !sources.length) {
      throw UserError.say('latest.unknownSource', {
        source: source ?? '',
        known: view.sources.map((s) => s.id),
      });
    }
    const sourceIds = sources?.map((s) => s.id);
    const names = sources
      ? joinList(
          locale,
          sources.map((s) => s.name),
        )
      : undefined;
    // an outlet the reader names is shown whatever its language
    const hidden = sources ? view.othersHidden : view.hidden;
    const { stories, total } = services.store.latestStories({
      limit: count,
      offset,
      sourceIds,
      exceptSourceIds: hidden,
    });
    const digest = buildDigest({
      title: names ? t(locale, 'latest.titleFrom', { names }) : t(locale, 'latest.title'),
      stories,
      limit: count,
      offset,
      total,
      sources: view.sourcesById,
      timeZone: context.timeZone,
      now: services.clock.now(),
      emptyText: names ? t(locale, 'latest.emptyFrom', { names }) : t(locale, 'latest.empty'),
      moreCommand: `/latest ${MAX_COUNT}${source ? ` ${source}` : ''}`,
      locale,
      calendar: calendarOf(context),
    });
    return { digest, ...nextPage('latest', { count, source }, offset, digestItems(digest).length, total) };
  },
} satisfies Command<z.output<typeof LatestArgs>>;
