import { z } from 'zod';
import { buildDigest, digestItems, nameIn, t, UserError, type Digest } from '../src/index.js';
import { CountSchema, FreeTextSchema, MAX_COUNT, nextPage, OffsetSchema, splitCount } from './arguments.js';
import type { Command } from './command.js';
import { calendarOf, localeOf } from './command-text.js';
import { topicChoice } from './topic-choice.js';
import { chatView } from './visible-sources.js';

const TopicArgs = z.object({
  name: FreeTextSchema({ missing: 'args.topicName', tooLong: 'args.topicNameLong' }),
  count: CountSchema,
  offset: OffsetSchema,
});

export const topic = {
  name: 'topic',
  description: t('en', 'topic.description'),
  usage: t('en', 'topic.usage'),
  examples: ['/topic afghanistan', '/topic central asia 10', '/topic bagram'],
  options: [
    {
      name: 'name',
      description: 'A topic (see /topics) or words to search for',
      type: 'string',
      required: true,
      maxLength: 100,
      autocomplete: 'topic',
    },
    {
      name: 'count',
      description: `How many articles (1–${MAX_COUNT})`,
      type: 'integer',
      min: 1,
      max: MAX_COUNT,
    },
  ],
  fromText(text) {
    const { words, count } = splitCount(text);
    return { name: words, count };
  },
  args: TopicArgs,
  async run({ name, count, offset }, context, services) {
    const { store, topics } = services;
    const locale = localeOf(context);
    const view = chatView(context, services);
    const known = topics.find(name);
    const page = (digest: Digest, total: number) => ({
      digest,
      ...nextPage('topic', { name, count }, offset, digestItems(digest).length, total),
    });
    const common = {
      limit: count,
      offset,
      sources: view.sourcesById,
      timeZone: context.timeZone,
      now: services.clock.now(),
      locale,
      calendar: calendarOf(context),
    };
    if (known) {
      const shown = nameIn(known.names, locale);
      const { stories, total } = store.storiesByTopic(known.id, {
        limit: count,
        offset,
        exceptSourceIds: view.hidden,
      });
      const digest = buildDigest({
        ...common,
        title: shown,
        stories,
        total,
        emptyText: t(locale, 'topic.empty', { name: shown }),
        moreCommand: `/topic ${known.id} ${MAX_COUNT}`,
      });
      return page(digest, total);
    }
    const { stories, total } = store.searchStories(name, {
      limit: count,
      offset,
      exceptSourceIds: view.hidden,
    });
    if (total > 0) {
      const digest = buildDigest({
        ...common,
        title: t(locale, 'quote', { text: name }),
        stories,
        total,
        emptyText: t(locale, 'topic.searchEmpty', { words: name }),
        moreCommand: `/topic ${name} ${MAX_COUNT}`,
      });
      return page(digest, total);
    }
    const closest = topics.suggest(name, 3);
    if (!closest.length) throw UserError.say('topic.noMatch', { words: name });
    return {
      text: t(locale, 'topic.suggest', { words: name, list: closest.map(topicChoice) }),
      choices: closest.map((suggested) => ({
        label: nameIn(suggested.names, locale),
        command: `/topic ${suggested.id}`,
      })),
    };
  },
} satisfies Command<z.output<typeof TopicArgs>>;
